// Kernel classes of the compute-heavy conv kernels and the small calibration shape each is
// timed at. A class is what a measured compute roof applies to: the kernel, plus the kernel
// size and strides for the depthwise kernel, whose unrolled taps set its loads per FMA.
import { GraphBuilder } from '../../graph/builder.js';
import type { Graph } from '../../graph/ir.js';
import type { PipelineKey } from '../../runtime/kernel.js';
import { depthwiseClass, parseDepthwiseClass } from '../../ops/conv/classes.js';

/** Calibration shape of one class; flops follow the roofline's convention (multiply-add 2, bias 1, ReLU 1). */
export interface KernelCalibration {
  batch: number;
  cin: number;
  cout: number;
  height: number;
  width: number;
  kernelSize: number;
  group: number;
  stride: number;
  bias: boolean;
  relu: boolean;
  flops: number;
}

/** The runtime's compute-heavy conv kernels; everything else is streaming and stays on the bandwidth roof. */
export const DEFAULT_KERNEL_CLASSES: readonly string[] = ['dwconv:k3', 'dwconv:k5', 'dwconv:k7', 'dwconv:k3s2', 'dwconv:k5s2', 'pwconv', 'conv2d', 'conv_transpose'];

/** The class a dispatch's pipeline key belongs to, or null for kernels without a compute roof. */
export function kernelClass(key: Pick<PipelineKey, 'kernel' | 'variant'>): string | null {
  switch (key.kernel) {
    case 'dwconv': {
      const { KH, KW, SH, SW } = key.variant;
      return depthwiseClass(Number(KH), Number(KW), Number(SH), Number(SW));
    }
    case 'pwconv':
    case 'conv2d':
    case 'conv_transpose':
      return key.kernel;
    // The register-tiled programs of the same kernels (their default variants).
    case 'conv2d_tiled':
      return 'conv2d';
    // The workgroup-memory programs of the pointwise conv (its non-default variants).
    case 'pwconv_wg':
      return 'pwconv';
    case 'conv_transpose_tiled':
      return 'conv_transpose';
    default:
      return null;
  }
}

// Small enough to stay in a core's cache (at most 256 KiB of activations), large enough for
// 16+ workgroups at the kernels' 64-invocation workgroups, so the roof is compute, not memory.
const SIDE = 32;
const DW_CHANNELS = 16;
const PW_CHANNELS = 32;
const GENERIC_CHANNELS = 16;

function shapeOf(cls: string): Omit<KernelCalibration, 'flops'> {
  const base = { batch: 1, height: SIDE, width: SIDE, stride: 1, bias: true, relu: true };
  const dw = parseDepthwiseClass(cls);
  if (dw) {
    if (dw.KH !== dw.KW || dw.SH !== dw.SW) throw new Error(`kernel class '${cls}': calibration shapes are square (dwconv:k<K>[s<S>]); measure a non-square class at a model's shape instead`);
    return { ...base, cin: DW_CHANNELS, cout: DW_CHANNELS, kernelSize: dw.KH, group: DW_CHANNELS, stride: dw.SH };
  }
  if (cls === 'pwconv') return { ...base, cin: PW_CHANNELS, cout: PW_CHANNELS, kernelSize: 1, group: 1 };
  if (cls === 'conv2d') return { ...base, cin: GENERIC_CHANNELS, cout: GENERIC_CHANNELS, kernelSize: 3, group: 1 };
  // The U-Net upsampling ConvTranspose2d(k=2, s=2): height and width are the input's, the
  // output is 2x (the same 32x32 as the others); the kernel fuses no ReLU.
  if (cls === 'conv_transpose') return { ...base, height: SIDE / 2, width: SIDE / 2, stride: 2, relu: false, cin: GENERIC_CHANNELS, cout: GENERIC_CHANNELS, kernelSize: 2, group: 1 };
  throw new Error(`unknown kernel class '${cls}' (known: dwconv:k<K>[s<S>], pwconv, conv2d, conv_transpose)`);
}

/** Recomputed here for the calibration shape, so the measurement never reads the prediction code. */
function calibrationFlops(cls: string, s: Omit<KernelCalibration, 'flops'>): number {
  // A transposed conv with kernel = stride and no pads: every input value meets every tap once.
  const transposed = cls === 'conv_transpose';
  const scale = transposed ? s.stride : 1 / s.stride;
  const out = s.batch * s.cout * s.height * scale * s.width * scale;
  const macs = transposed ? s.batch * s.cout * (s.cin / s.group) * s.height * s.width * s.kernelSize ** 2 : out * (s.cin / s.group) * s.kernelSize * s.kernelSize;
  return 2 * macs + (s.bias ? out : 0) + (s.relu ? out : 0);
}

export function kernelCalibration(cls: string): KernelCalibration {
  const s = shapeOf(cls);
  return { ...s, flops: calibrationFlops(cls, s) };
}

const fill = (n: number): Float32Array => new Float32Array(n).fill(0.01);

/** A one-node graph at the calibration shape; the runtime picks its kernel as for any graph. */
export function calibrationGraph(cls: string): Graph {
  const c = kernelCalibration(cls);
  if (cls === 'conv_transpose') return transposeCalibrationGraph(c);
  const b = new GraphBuilder();
  const x = b.input('x', [c.batch, c.cin, c.height, c.width]);
  const k = c.kernelSize;
  const w = b.weight('w', [c.cout, c.cin / c.group, k, k], fill((c.cout * c.cin * k * k) / c.group));
  const bias = b.weight('b', [c.cout], fill(c.cout));
  // "Same" pads (the extra one of an even kernel at the end), so the output is side / stride.
  const p = Math.floor((k - 1) / 2);
  const q = k - 1 - p;
  const attrs = { group: c.group, strides: [c.stride, c.stride], pads: [p, p, q, q], activation: c.relu ? 'relu' : 'none' };
  const y = b.node('conv2d', 'calibration', [x, w, bias], attrs, 'calibration');
  b.output(y);
  return b.build();
}

function transposeCalibrationGraph(c: KernelCalibration): Graph {
  const b = new GraphBuilder();
  const x = b.input('x', [c.batch, c.cin, c.height, c.width]);
  const k = c.kernelSize;
  const w = b.weight('w', [c.cin, c.cout / c.group, k, k], fill((c.cout * c.cin * k * k) / c.group));
  const bias = b.weight('b', [c.cout], fill(c.cout));
  const attrs = { group: c.group, strides: [c.stride, c.stride], pads: [0, 0, 0, 0] };
  b.output(b.node('conv_transpose', 'calibration', [x, w, bias], attrs, 'calibration'));
  return b.build();
}
