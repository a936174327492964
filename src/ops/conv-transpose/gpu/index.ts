// Transposed-conv programs: one kernel, the register-tiled gather by default and the one-phase gather as a variant.
import type { Kernel } from '../../../runtime/kernel.js';
import { convTransposeKernel } from './direct.js';

export const CONV_TRANSPOSE_KERNELS: readonly Kernel[] = [convTransposeKernel];
