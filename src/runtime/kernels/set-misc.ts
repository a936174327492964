// Non-convolution kernels, in priority order: fused fast paths first, generic fallbacks last.
import type { Kernel } from '../kernel.js';
import { binaryKernel } from './binary.js';
import { batchnormKernel } from './batchnorm.js';
import { matmulKernel } from './matmul.js';
import { maxpool2x2Kernel } from './maxpool2x2.js';
import { pool2dKernel } from './pool2d.js';
import { prcmGateKernel } from './prcm-gate.js';
import { reduceMeanKernel } from './reduce-mean.js';
import { resizeKernel } from './resize.js';
import { resize2xKernel } from './resize2x.js';
import { unaryKernel } from './unary.js';

export const MISC_KERNELS: readonly Kernel[] = [
  maxpool2x2Kernel,
  resize2xKernel,
  reduceMeanKernel,
  prcmGateKernel,
  resizeKernel,
  binaryKernel,
  unaryKernel,
  batchnormKernel,
  matmulKernel,
  pool2dKernel,
];
