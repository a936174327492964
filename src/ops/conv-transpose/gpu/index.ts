// Transposed-conv programs: one direct gather program for every attribute combination.
import type { Kernel } from '../../../runtime/kernel.js';
import { convTransposeKernel } from './direct.js';

export const CONV_TRANSPOSE_KERNELS: readonly Kernel[] = [convTransposeKernel];
