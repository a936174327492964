// Reduction programs in priority order: per contiguous row (the spatial mean with its fused
// prescale, and trailing-block sums, means and extrema), then any reduction over any axes.
import type { Kernel } from '../../../runtime/kernel.js';
import { reduceKernel } from './reduce.js';
import { reduceMeanKernel, reduceRowsKernel } from './rows.js';

export const REDUCE_KERNELS: readonly Kernel[] = [reduceMeanKernel, reduceRowsKernel, reduceKernel];
