// The op registry: every op module's definition, listed explicitly (no registration by import
// side effect). Graph building, the ONNX importer and exporter, the CPU reference and the
// analysis read op rules from here; WebGPU programs are listed in kernels.ts.
import type { Attrs } from '../graph/ir.js';
import { BATCHNORM_OPS } from './batchnorm/op.js';
import { BINARY_OPS } from './binary/op.js';
import { CONV_OPS } from './conv/op.js';
import { CONV_TRANSPOSE_OPS } from './conv-transpose/op.js';
import { DEPTH_SPACE_OPS } from './depth-space/op.js';
import { GATHER_OPS } from './gather/op.js';
import { LAYOUT_OPS } from './layout/op.js';
import { MATMUL_OPS } from './matmul/op.js';
import { NORM_OPS } from './norm/op.js';
import { POOL_OPS } from './pool/op.js';
import { PRCM_OPS } from './prcm/op.js';
import { REDUCE_OPS } from './reduce/op.js';
import { REPEAT_OPS } from './repeat/op.js';
import { RESIZE_OPS } from './resize/op.js';
import { SOFTMAX_OPS } from './softmax/op.js';
import { SLICE_OPS } from './slice/op.js';
import type { OnnxConverter, OpDef } from './types.js';
import { UNARY_OPS } from './unary/op.js';

export const OP_DEFS: readonly OpDef[] = [
  ...CONV_OPS,
  ...CONV_TRANSPOSE_OPS,
  ...UNARY_OPS,
  ...BINARY_OPS,
  ...POOL_OPS,
  ...REDUCE_OPS,
  ...SOFTMAX_OPS,
  ...NORM_OPS,
  ...PRCM_OPS,
  ...BATCHNORM_OPS,
  ...RESIZE_OPS,
  ...MATMUL_OPS,
  ...LAYOUT_OPS,
  ...SLICE_OPS,
  ...GATHER_OPS,
  ...REPEAT_OPS,
  ...DEPTH_SPACE_OPS,
];

const byKind = new Map(OP_DEFS.map((d) => [d.kind, d]));
if (byKind.size !== OP_DEFS.length) throw new Error('op registry: a kind is defined twice');

export function getOp(kind: string): OpDef {
  const def = byKind.get(kind);
  if (!def) throw new Error(`unknown op kind '${kind}'; registered: ${[...byKind.keys()].join(', ')}`);
  return def;
}

export function hasOp(kind: string): boolean {
  return byKind.has(kind);
}

/** Output shapes of a node from its input shapes (a fused prescale input excluded by the rule). */
export function inferShapes(kind: string, inputs: number[][], attrs: Attrs): number[][] {
  return getOp(kind).shape(inputs, attrs);
}

/** Every ONNX op type an op module converts, with the module's converter. */
export function onnxConverters(): Map<string, OnnxConverter> {
  const out = new Map<string, OnnxConverter>();
  for (const def of OP_DEFS) {
    for (const c of def.onnx.converters) {
      if (out.has(c.opType)) throw new Error(`ONNX op '${c.opType}' has converters in two op modules`);
      out.set(c.opType, c);
    }
  }
  return out;
}

