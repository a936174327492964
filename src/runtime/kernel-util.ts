// Helpers shared by the kernels of every op module: shape lookup, the fused-prescale input
// convention, and work partitioning constants.
import { getTensor, numel, type Node } from '../graph/ir.js';
import { splitPrescale } from '../graph/shape.js';
import type { KernelContext } from './kernel.js';

export function shapeOf(ctx: KernelContext, name: string): number[] {
  return getTensor(ctx.graph, name).shape;
}

/** Whether the tensor is a weight with data at plan time, so a variant may repack it (DispatchSpec.packs). */
export function isPackable(ctx: KernelContext, name: string): boolean {
  return ctx.graph.tensors.get(name)?.role === 'weight';
}

/** Inputs without the fused prescale, and the prescale tensor if the node has one. */
export function mainInputs(node: Node): { inputs: string[]; scale: string | undefined } {
  const { main, scaled } = splitPrescale(node.inputs, node.attrs);
  return { inputs: node.inputs.slice(0, main), scale: scaled ? node.inputs[main] : undefined };
}

/** Whether a prescale tensor holds exactly one value per (n, c) of an NCHW input. */
export function prescaleFits(ctx: KernelContext, x: string, scale: string | undefined): boolean {
  if (scale === undefined) return true;
  const xs = shapeOf(ctx, x);
  return xs.length >= 2 && numel(shapeOf(ctx, scale)) === xs[0] * xs[1];
}

// Consecutive items (vec4s) per invocation, for unary, binary and batchnorm. SwiftShader,
// relu over 1x24x256x256, ms (min / median, noisy machine): 1 -> 11-16 / 15-18, 4 -> 5.8-6.7 /
// 9.8, 8 -> 5.3-6.8 / 8.3-8.6, workgroup-strided 4 / 8 / 16 -> 9.5 / 6.6 / 10.8 (min).
export const ELEMENTWISE_OPI = 4;

/** Elements per (n, c) plane of an NCHW-like tensor (the whole tensor below rank 2). */
export function planeOf(shape: number[]): number {
  return shape.length < 2 ? numel(shape) : numel(shape.slice(2));
}

export const ceilDiv = (a: number, b: number): number => Math.ceil(a / b);

/** WGSL language features the browser offers (e.g. 'subgroup_id'); empty outside a browser. */
export function wgslLanguageFeature(name: string): boolean {
  const gpu = (globalThis as { navigator?: { gpu?: { wgslLanguageFeatures?: ReadonlySet<string> } } }).navigator?.gpu;
  return gpu?.wgslLanguageFeatures?.has(name) ?? false;
}

/** Front-pads `shape` with 1s to `rank`. */
export function padTo(shape: number[], rank: number): number[] {
  return [...new Array<number>(rank - shape.length).fill(1), ...shape];
}
