// Helpers shared by the non-convolution kernels: shape lookup, prescale detection,
// dispatch packing and a tiny WGSL preprocessor for text specializations.
import { getTensor, numel, type Node } from '../../graph/ir.js';
import { splitPrescale } from '../../graph/ops.js';
import type { DispatchSpec, KernelContext, PipelineKey } from '../kernel.js';
import { keyString } from '../kernel.js';

export function shapeOf(ctx: KernelContext, name: string): number[] {
  return getTensor(ctx.graph, name).shape;
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

/**
 * Specializes WGSL text: `#if NAME` / `#else` / `#endif` lines keep or drop blocks by the
 * truthiness of defs[NAME], and `$NAME` is replaced by the value. The output depends only on
 * `defs`, so it is a pure function of the pipeline key.
 */
export type Defs = Record<string, number | boolean | string>;

export function specialize(src: string, defs: Defs): string {
  const out: string[] = [];
  const stack: boolean[] = [];
  const live = () => stack.every(Boolean);
  for (const line of src.split('\n')) {
    const m = /^\s*#(if|else|endif)\s*(!?)(\w*)\s*$/.exec(line);
    if (!m) {
      if (live()) out.push(line.replace(/\$(\w+)/g, (_, n: string) => valueOf(defs, n)));
      continue;
    }
    if (m[1] === 'if') stack.push(m[2] === '!' ? !defs[m[3]] : Boolean(defs[m[3]]));
    else if (m[1] === 'else') stack.push(!stack.pop());
    else stack.pop();
  }
  if (stack.length) throw new Error('unbalanced #if in WGSL source');
  return out.join('\n');
}

function valueOf(defs: Defs, name: string): string {
  const v = defs[name];
  if (v === undefined) throw new Error(`WGSL specialization '$${name}' has no value`);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return `${v}`;
}

const shaderCache = new Map<string, string>();

/**
 * One dispatch. `defs` must be derived from `key` alone (the key is the cache identity);
 * by default the key's variant is used as is.
 */
export function dispatch(src: string, key: PipelineKey, tensors: string[], uniforms: ArrayBuffer, workgroups: number, label: string, defs: Defs = key.variant): DispatchSpec {
  const k = keyString(key);
  let shader = shaderCache.get(k);
  if (shader === undefined) {
    shader = specialize(src, defs);
    shaderCache.set(k, shader);
  }
  return { key, shader, tensors, uniforms, workgroups, label };
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
