// A configuration that passes the planner but not the device: k outputs of (at most) one
// binding's worth each, which the engine's single readback buffer cannot hold in maxBufferSize.
// Every tensor is under maxStorageBufferBindingSize, and the arena splits itself at
// maxBufferSize, so only the allocation check can stop it.
import { floats, OnnxWriter } from '../../src/onnx/writer';

export interface DeviceLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
}

/** y_i = x * (i + 1) for i < outputs: a rank-3 input [n, c, len] fanned out to `outputs` graph outputs. */
export function fanOutModel(outputs: number): Uint8Array {
  const w = new OnnxWriter({ opset: 13 });
  w.input('x', ['n', 32, 'len']);
  for (let i = 0; i < outputs; i++) {
    w.initializer(`k${i}`, floats([i + 1], []));
    w.node('Mul', `/out${i}/Mul`, ['x', `k${i}`], [`y${i}`]);
    w.output(`y${i}`);
  }
  return w.bytes();
}

export interface OverflowPlan {
  outputs: number;
  /** Bytes of each output (and of the input) at the big shape. */
  tensorBytes: number;
  /** What the readback of all outputs needs, beyond maxBufferSize. */
  readbackBytes: number;
  small: number[];
  big: number[];
}

/** Tensors of half a buffer (or one binding, when smaller), as many as overflow one buffer. */
export function readbackOverflow(l: DeviceLimits): OverflowPlan {
  const len = Math.floor(Math.min(l.maxStorageBufferBindingSize, l.maxBufferSize / 2) / 4 / 32 / 64) * 64;
  const tensorBytes = 32 * len * 4;
  const outputs = Math.floor(l.maxBufferSize / tensorBytes) + 1;
  return { outputs, tensorBytes, readbackBytes: outputs * tensorBytes, small: [1, 32, 64], big: [1, 32, len] };
}
