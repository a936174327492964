// Reduction programs: the per-plane spatial mean, and the mean over any axes.
import type { Kernel } from '../../../runtime/kernel.js';
import { reduceMeanKernel } from './mean-hw.js';
import { reduceMeanGeneralKernel } from './mean.js';

export const REDUCE_KERNELS: readonly Kernel[] = [reduceMeanKernel, reduceMeanGeneralKernel];
