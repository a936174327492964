export { Tuner, TUNE_MODES, checkPins, chooserOf, type CandidateRecord, type ChoiceSource, type NodeChoice, type TuneMode, type TunerOptions, type TuningStats, type CandidateTimer } from './tuner.js';
export { pickFastest, median, stillRacing, OUT_OF_RACE_FACTOR, type CandidateTiming } from './pick.js';
export { nodeSignature, tuningKey, TUNING_CACHE_PREFIX, type TuningSubject } from './signature.js';
export type { CandidateRunOptions } from './time-candidates.js';
