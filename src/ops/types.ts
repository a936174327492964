// What an op module declares, in one place: attributes, shape rule, CPU reference, cost rule,
// in-place rule, fusion capabilities, the kernel class a roofline should expect, and how the
// op travels through ONNX (import converters with the operator versions they implement, and
// the exporter). The op's WebGPU programs live next to it in gpu.ts; they are kept out of this
// record so that the analysis side can read shape and cost rules without importing GPU code.
import type { AttrValue, Attrs, Graph, Node } from '../graph/ir.js';
import type { Tensor } from '../reference/tensor.js';
import type { ImportContext } from '../onnx/context.js';
import type { NodeWriter } from '../onnx/node-writer.js';

/** Attribute defaults; `null` marks a required attribute. */
export type AttrDefaults = Record<string, AttrValue | null>;

/** What a cost rule sees of a node: shapes only (cost follows from shapes and attributes). */
export interface CostArgs {
  node: Node;
  attrs: Attrs;
  /** Shapes of the node's inputs without a fused prescale, in order. */
  inputs: number[][];
  outputs: number[][];
  /** Elements across all outputs. */
  outElems: number;
}

export interface OnnxConverter {
  /** The ONNX operator type (default domain). */
  opType: string;
  /**
   * The operator versions (ONNX since_version) whose semantics this converter implements.
   * A model whose opset selects another version of the operator is refused with a clear error.
   */
  versions: readonly number[];
  convert(ctx: ImportContext): void;
}

export interface OnnxRules {
  converters: readonly OnnxConverter[];
  /** Writes the node as torch.onnx.export would have written the module it stands for. */
  export(nw: NodeWriter): void;
  /** For kinds no converter emits: the pass that forms them from imported graphs. */
  formedBy?: string;
}

export interface FusionRules {
  /** The node may carry attrs.activation (a unary op kind applied to its output). */
  activation?: boolean;
  /**
   * The node's kernels finish through the conv epilogue (src/ops/conv/gpu/geometry.ts): any unary
   * activation, parameters and helpers included, and a fused residual Add (attrs.residual, the
   * last input before any prescale, of the output's shape) before the activation.
   */
  epilogue?: boolean;
  /** The node's kernels can apply a per-(n, c) scale to input 0 on read (attrs.prescale). */
  prescale?(node: Node, g: Graph): boolean;
}

export interface OpDef {
  kind: string;
  /** One line on what the op computes. */
  summary: string;
  attrs: AttrDefaults;
  /** Output shapes from input shapes (fused prescale excluded); throws with a clear message on a mismatch. */
  shape(inputs: number[][], attrs: Attrs): number[][];
  /** Float64-accumulating CPU reference: the source of truth for every GPU test. */
  reference(inputs: Tensor[], attrs: Attrs): Tensor[];
  /**
   * FLOPs of the op's own arithmetic (a multiply-add is 2, a comparison, add, multiply or
   * divide 1, a transcendental 4), before a fused activation and prescale.
   */
  flops(c: CostArgs): number;
  /** Why the output may overwrite input `pos` (same shape, dies here), or null when it may not. */
  inPlace?(pos: number, node: Node): string | null;
  fusion?: FusionRules;
  /** The compute-roof class the node is expected to run under (null: bandwidth-bound). */
  kernelClass?(node: Node, g: Graph): string | null;
  /** Set when no kernel runs the kind: the pass that rewrites it into kinds that have kernels. */
  loweredBy?: string;
  onnx: OnnxRules;
}
