// Thin dispatcher: the first kernel (in priority order) that accepts a node runs it.
import type { Node } from '../../graph/ir.js';
import type { Kernel, KernelContext } from '../kernel.js';
import { CONV_KERNELS } from './set-conv.js';
import { MISC_KERNELS } from './set-misc.js';
import { ONNX_KERNELS } from './set-onnx.js';

const KERNELS: readonly Kernel[] = [...CONV_KERNELS, ...MISC_KERNELS, ...ONNX_KERNELS];

export function selectKernel(node: Node, ctx: KernelContext): Kernel {
  const k = KERNELS.find((k) => k.ops.includes(node.op) && k.accepts(node, ctx));
  if (!k) {
    const ops = [...new Set(KERNELS.flatMap((k) => k.ops))].sort();
    throw new Error(`node '${node.name}': no WebGPU kernel for op '${node.op}' with these attributes; kernels exist for: ${ops.join(', ')}`);
  }
  return k;
}

export function supportedOps(): string[] {
  return [...new Set(KERNELS.flatMap((k) => k.ops))].sort();
}
