// The WebGPU kernel table and its thin dispatcher: for each node, the first kernel (in the op
// module's priority order) that accepts it runs it.
import type { Node } from '../graph/ir.js';
import type { Kernel, KernelContext } from '../runtime/kernel.js';
import { BATCHNORM_KERNELS } from './batchnorm/gpu/index.js';
import { BINARY_KERNELS } from './binary/gpu/index.js';
import { CONV_KERNELS } from './conv/gpu/index.js';
import { CONV_TRANSPOSE_KERNELS } from './conv-transpose/gpu/index.js';
import { DEPTH_SPACE_KERNELS } from './depth-space/gpu/index.js';
import { GATHER_KERNELS } from './gather/gpu/index.js';
import { LAYOUT_KERNELS } from './layout/gpu/index.js';
import { MATMUL_KERNELS } from './matmul/gpu/index.js';
import { NORM_KERNELS } from './norm/gpu/index.js';
import { POOL_KERNELS } from './pool/gpu/index.js';
import { PRCM_KERNELS } from './prcm/gpu/index.js';
import { REDUCE_KERNELS } from './reduce/gpu/index.js';
import { REPEAT_KERNELS } from './repeat/gpu/index.js';
import { RESIZE_KERNELS } from './resize/gpu/index.js';
import { SOFTMAX_KERNELS } from './softmax/gpu/index.js';
import { SLICE_KERNELS } from './slice/gpu/index.js';
import { UNARY_KERNELS } from './unary/gpu/index.js';

export const KERNELS: readonly Kernel[] = [
  ...CONV_KERNELS,
  ...CONV_TRANSPOSE_KERNELS,
  ...UNARY_KERNELS,
  ...BINARY_KERNELS,
  ...POOL_KERNELS,
  ...REDUCE_KERNELS,
  ...SOFTMAX_KERNELS,
  ...NORM_KERNELS,
  ...PRCM_KERNELS,
  ...BATCHNORM_KERNELS,
  ...RESIZE_KERNELS,
  ...MATMUL_KERNELS,
  ...LAYOUT_KERNELS,
  ...SLICE_KERNELS,
  ...GATHER_KERNELS,
  ...REPEAT_KERNELS,
  ...DEPTH_SPACE_KERNELS,
];

export function selectKernel(node: Node, ctx: KernelContext): Kernel {
  const k = KERNELS.find((k) => k.ops.includes(node.op) && k.accepts(node, ctx));
  if (!k) throw new Error(`node '${node.name}': no WebGPU kernel for op '${node.op}' with these attributes; kernels exist for: ${supportedOps().join(', ')}`);
  return k;
}

export function supportedOps(): string[] {
  return [...new Set(KERNELS.flatMap((k) => k.ops))].sort();
}
