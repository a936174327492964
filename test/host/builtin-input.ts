// The built-in network's input at b1@64 for the cross-host comparison, the same in every host.
// Its own module: the engine's modules need WebGPU's globals as they load, and a test reading
// this input in Node has none.
import { seededUniform } from '../../src/graph/rng';

export const builtinInput = (): Float32Array => seededUniform(11, 'input', 3 * 64 * 64, 1);
