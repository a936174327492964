// Matrix-product programs.
import type { Kernel } from '../../../runtime/kernel.js';
import { gemmKernel } from './gemm.js';
import { matmulKernel } from './matmul.js';

export const MATMUL_KERNELS: readonly Kernel[] = [matmulKernel, gemmKernel];
