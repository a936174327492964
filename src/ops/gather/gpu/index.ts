// Gather's one program.
import type { Kernel } from '../../../runtime/kernel.js';
import { gatherKernel } from './gather.js';

export const GATHER_KERNELS: readonly Kernel[] = [gatherKernel];
