// What runs the measurements that fill a results document: the sweep over configurations,
// one configuration's run, the what-if runs, the peers (onnxruntime-web) beside our engine,
// the bench models (the built-in network, an ONNX file), output checks and option resolution.
export * from './sweep.js';
export * from './progress.js';
export * from './config-run.js';
export * from './whatif-run.js';
export * from './model.js';
export * from './onnx-model.js';
export * from './tensor-file.js';
export * from './check.js';
export * from './options.js';
export * from './peers.js';
export * from './peers-ort.js';
export * from './sweep-setup.js';
export * from './ceilings-step.js';
export * from './bench-run.js';
