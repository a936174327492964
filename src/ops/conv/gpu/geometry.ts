// Shared by the conv programs: attribute parsing into one geometry record, the binding list
// (bias and prescale are optional) and the epilogue.
import { attrString, getTensor, type Node } from '../../../graph/ir.js';
import { splitPrescale } from '../../../graph/shape.js';
import type { KernelContext } from '../../../runtime/kernel.js';
import type { Binding } from '../../../runtime/program.js';
import { convDims } from '../dims.js';

export interface ConvGeometry {
  N: number;
  C: number;
  H: number;
  W: number;
  OC: number;
  OH: number;
  OW: number;
  KH: number;
  KW: number;
  group: number;
  strides: [number, number];
  /** [top, left, bottom, right] */
  pads: [number, number, number, number];
  dilations: [number, number];
  relu: boolean;
  x: string;
  w: string;
  bias?: string;
  scale?: string;
  y: string;
}

const ACTIVATIONS = ['none', 'relu'];

/** The conv kernels fuse ReLU only; any other activation must run as its own node. */
export function activationSupported(node: Node): boolean {
  return ACTIVATIONS.includes(attrString(node.attrs, 'activation', 'none'));
}

export function convGeometry(node: Node, ctx: KernelContext): ConvGeometry {
  const { main, scaled } = splitPrescale(node.inputs, node.attrs);
  const [x, w, bias] = node.inputs.slice(0, main);
  // NCL convs run as NCHW with H = 1 (same buffers, no copy).
  const d = convDims(getTensor(ctx.graph, x).shape, getTensor(ctx.graph, w).shape, node.attrs);
  if (!activationSupported(node)) throw new Error(`conv2d '${node.name}': unsupported activation '${String(node.attrs.activation)}'`);
  return {
    N: d.N, C: d.C, H: d.H, W: d.W, OC: d.OC, OH: d.OH, OW: d.OW, KH: d.KH, KW: d.KW,
    group: d.group,
    strides: d.strides,
    pads: d.pads,
    dilations: d.dilations,
    relu: attrString(node.attrs, 'activation', 'none') === 'relu',
    x, w, bias,
    scale: scaled ? node.inputs[main] : undefined,
    y: node.outputs[0],
  };
}

/** Tensors by binding name: x, w, [b], [s], y. */
export function convTensors(g: ConvGeometry): Record<string, string | undefined> {
  return { x: g.x, w: g.w, b: g.bias, s: g.scale, y: g.y };
}

/** Bindings in convTensors() order; x and y as `xType` / `yType` arrays. */
export function convBindings(v: { bias: boolean; scale: boolean }, xType: string, yType: string): Binding[] {
  return [{ name: 'x', type: xType }, { name: 'w' }, ...(v.bias ? [{ name: 'b' }] : []), ...(v.scale ? [{ name: 's' }] : []), { name: 'y', type: yType }];
}

/** Optional epilogue pieces, each a WGSL statement on `acc` (a vec4) or '' when off. */
export function epilogue(opts: { scale?: string; bias?: string; relu: boolean }): string {
  return [
    opts.scale ? `acc = acc * ${opts.scale};` : '',
    opts.bias ? `acc = acc + ${opts.bias};` : '',
    opts.relu ? 'acc = max(acc, vec4<f32>(0.0));' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

export const isSquareOdd = (g: ConvGeometry): boolean => g.KH === g.KW && g.KH % 2 === 1;
export const unitStrideNoDilation = (g: ConvGeometry): boolean =>
  g.strides.every((s) => s === 1) && g.dilations.every((d) => d === 1);
