// Shared by the conv kernels: attribute parsing into one geometry record, binding
// declarations (their indices shift with optional bias/prescale inputs) and template filling.
import { attrInts, attrNumber, attrString, getTensor, type Node } from '../../graph/ir.js';
import { splitPrescale } from '../../graph/ops.js';
import type { KernelContext } from '../kernel.js';

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
  const [N, C, H, W] = getTensor(ctx.graph, x).shape;
  const [OC, , KH, KW] = getTensor(ctx.graph, w).shape;
  const [, , OH, OW] = getTensor(ctx.graph, node.outputs[0]).shape;
  const [sh, sw] = attrInts(node.attrs, 'strides', [1, 1]);
  const [pt, pl, pb, pr] = attrInts(node.attrs, 'pads', [0, 0, 0, 0]);
  const [dh, dw] = attrInts(node.attrs, 'dilations', [1, 1]);
  if (!activationSupported(node)) throw new Error(`conv2d '${node.name}': unsupported activation '${String(node.attrs.activation)}'`);
  return {
    N, C, H, W, OC, OH, OW, KH, KW,
    group: attrNumber(node.attrs, 'group', 1),
    strides: [sh, sw],
    pads: [pt, pl, pb, pr],
    dilations: [dh, dw],
    relu: attrString(node.attrs, 'activation', 'none') === 'relu',
    x, w, bias,
    scale: scaled ? node.inputs[main] : undefined,
    y: node.outputs[0],
  };
}

/** The binding-ordered tensor list: x, w, [bias], [scale], y. */
export function convTensors(g: ConvGeometry): string[] {
  return [g.x, g.w, ...(g.bias ? [g.bias] : []), ...(g.scale ? [g.scale] : []), g.y];
}

export interface BindingDecl {
  name: string;
  type: string;
}

/** Storage bindings 0..n-1 (all read_write, see kernel.ts), then the uniform block `p`. */
export function bindingDecls(storage: BindingDecl[], paramsType = 'Params'): string {
  const lines = storage.map((b, i) => `@group(0) @binding(${i}) var<storage, read_write> ${b.name}: ${b.type};`);
  lines.push(`@group(0) @binding(${storage.length}) var<uniform> p: ${paramsType};`);
  return lines.join('\n');
}

/** Storage declarations matching convTensors() order. */
export function convBindings(g: { bias?: unknown; scale?: unknown }, xType: string, yType: string): string {
  return bindingDecls([
    { name: 'x', type: xType },
    { name: 'w', type: 'array<f32>' },
    ...(g.bias ? [{ name: 'b', type: 'array<f32>' }] : []),
    ...(g.scale ? [{ name: 's', type: 'array<f32>' }] : []),
    { name: 'y', type: yType },
  ]);
}

/** Replaces every `{{NAME}}` in a template; a missing or leftover placeholder is a bug. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  const out = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`shader template has no value for {{${name}}}`);
    return String(values[name]);
  });
  return out;
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
