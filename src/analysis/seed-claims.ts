// Figures the seed notebook states in prose or measured, transcribed so the notes can
// test them against what its own formulas give. Not used for any computation.
import type { CacheLevel } from './seed.js';

/** The configuration every table of the seed was printed for. */
export const SEED_CONFIG = {
  size: 256,
  batch: 1,
  cList: [24, 48, 64, 96, 128, 192],
  kernelSize: 7,
  numBasis: 8,
  inputChannels: 3,
} as const;

/** Its "Deploy Mode Working Set" summary box. */
export const SEED_SUMMARY: readonly { layer: string; approxMB: number; level: CacheLevel }[] = [
  { layer: 'encoder1', approxMB: 18, level: 'DRAM' },
  { layer: 'encoder2', approxMB: 10, level: 'L3' },
  { layer: 'encoder3', approxMB: 4, level: 'L3' },
  { layer: 'encoder4', approxMB: 1.4, level: 'L3' },
  { layer: 'encoder5', approxMB: 0.5, level: 'L2' },
  { layer: 'encoder6', approxMB: 0.2, level: 'L2' },
];

/** Its "Training vs Deploy Mode" box. */
export const SEED_TRAINING_SUMMARY: readonly { layer: string; trainingMB: number; deployMB: number; reductionPercent: number }[] = [
  { layer: 'encoder1', trainingMB: 31, deployMB: 18, reductionPercent: 42 },
  { layer: 'encoder2', trainingMB: 17, deployMB: 10, reductionPercent: 41 },
  { layer: 'encoder3', trainingMB: 6, deployMB: 4, reductionPercent: 33 },
];

/** Its claim that PRCM is below this share of the working set. */
export const SEED_PRCM_SHARE_CLAIM_PERCENT = 0.01;

/** torch.cuda.max_memory_allocated after one no-grad forward, in MB (2^20 bytes). */
export const SEED_MEASURED_PEAK_MB: readonly { batch: number; size: number; peakMB: number }[] = [
  { batch: 1, size: 256, peakMB: 25.43 },
  { batch: 2, size: 256, peakMB: 58.56 },
  { batch: 4, size: 256, peakMB: 108.31 },
  { batch: 8, size: 256, peakMB: 207.81 },
  { batch: 1, size: 512, peakMB: 109.81 },
  { batch: 2, size: 512, peakMB: 207.81 },
  { batch: 4, size: 512, peakMB: 406.81 },
  { batch: 8, size: 512, peakMB: 804.81 },
];
