// The contract between the engine and the kernels (one kernel per file in src/runtime/kernels/,
// one WGSL file per kernel in shaders/). Compile-time identity (PipelineKey) is kept apart from
// run-time data (uniforms, dispatch size), as onnxruntime-web's ProgramInfo does.
import type { Graph, Node } from '../graph/ir.js';

/** What a shader truly specializes on. Shapes never go here: they travel in uniforms. */
export interface PipelineKey {
  kernel: string;
  /** WGSL `override` constants or text specializations (e.g. unrolled kernel size, prescale on/off). */
  variant: Record<string, number | boolean | string>;
}

export function keyString(k: PipelineKey): string {
  const parts = Object.keys(k.variant)
    .sort()
    .map((n) => `${n}=${typeof k.variant[n] === 'string' ? k.variant[n] : Number(k.variant[n])}`);
  return `${k.kernel}{${parts.join(',')}}`;
}

/**
 * One dispatch. Bindings: storage buffers at @group(0) @binding(0..n-1) in the order of
 * `tensors`, then one uniform buffer at @binding(n) holding `uniforms`.
 *
 * Every storage binding is declared `var<storage, read_write>` in WGSL, because the arena places
 * many tensors in one GPUBuffer and WebGPU forbids mixing read-only and writable usages of one
 * buffer within a dispatch. Each binding's size is the tensor's bytes rounded up to 16, so
 * `array<vec4<f32>>` views are legal; kernels may read that padding but must not rely on it.
 */
export interface DispatchSpec {
  key: PipelineKey;
  /** Full WGSL source for this key (same key => same source). */
  shader: string;
  tensors: string[];
  /** Packed uniform data (u32/i32/f32), at most 256 bytes. */
  uniforms: ArrayBuffer;
  /** Workgroup count before folding; the engine folds x beyond the device limit into y. */
  workgroups: number;
  label: string;
  /**
   * Weights this dispatch reads in a kernel-friendly layout, by binding name: the engine uploads
   * `pack(data)` instead of the weight as written (same element count, so memory is unchanged).
   */
  packs?: Record<string, WeightPack>;
  /** Binding names in `tensors` order (set by the program builder). */
  bindingNames?: string[];
}

/** A plan-time relayout of one weight tensor (e.g. OIHW -> [I][H][W][O] for vec4 loads over O). */
export interface WeightPack {
  /** Names the layout; part of the packed tensor's name, so consumers with one layout share it. */
  tag: string;
  pack(data: Float32Array, shape: readonly number[]): Float32Array;
}

export interface KernelContext {
  graph: Graph;
  limits: { maxComputeWorkgroupsPerDimension: number; maxComputeInvocationsPerWorkgroup: number };
  /** Features of the device, e.g. 'subgroups'. */
  features: ReadonlySet<string>;
}

export interface Kernel {
  name: string;
  /** Op kinds this kernel implements. */
  ops: readonly string[];
  /** Whether this kernel can run this node (a fused fast path may decline and let a generic one run). */
  accepts(node: Node, ctx: KernelContext): boolean;
  /**
   * The programs (with their tile parameters) that can run this node, the default first. Names
   * are stable ids: the tuner times them and `--kernel-variant KERNEL=NAME` pins one.
   * Kernels with a single program may omit this.
   */
  variants?(node: Node, ctx: KernelContext): string[];
  /** The dispatches for `variant` (one of variants(), or the default when undefined). */
  dispatches(node: Node, ctx: KernelContext, variant?: string): DispatchSpec[];
}

/** Little helper to pack uniforms: u32 / i32 / f32 values in declaration order (all 4 bytes). */
export class Uniforms {
  private readonly view: DataView;
  private offset = 0;
  constructor(private readonly buf = new ArrayBuffer(256)) {
    this.view = new DataView(buf);
  }
  u32(...v: number[]): this {
    for (const x of v) this.put(() => this.view.setUint32(this.offset, x >>> 0, true));
    return this;
  }
  i32(...v: number[]): this {
    for (const x of v) this.put(() => this.view.setInt32(this.offset, x | 0, true));
    return this;
  }
  f32(...v: number[]): this {
    for (const x of v) this.put(() => this.view.setFloat32(this.offset, x, true));
    return this;
  }
  /** Bytes written, padded to 16 as uniform structs require. */
  done(): ArrayBuffer {
    return this.buf.slice(0, Math.max(16, Math.ceil(this.offset / 16) * 16));
  }
  private put(write: () => void): void {
    if (this.offset + 4 > this.buf.byteLength) throw new Error('uniform block exceeds 256 bytes');
    write();
    this.offset += 4;
  }
}

/** Kernels fold a linear workgroup count into (x, y); the shader rebuilds the linear id. */
export function foldWorkgroups(count: number, maxPerDim: number): [number, number, number] {
  if (count <= maxPerDim) return [Math.max(1, count), 1, 1];
  const y = Math.ceil(count / maxPerDim);
  if (y > maxPerDim) throw new Error(`dispatch of ${count} workgroups exceeds ${maxPerDim}^2`);
  return [Math.ceil(count / y), y, 1];
}
