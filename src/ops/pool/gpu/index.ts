// Pool programs in priority order: the encoder's 2x2 max pool fast path, then the generic pool.
import type { Kernel } from '../../../runtime/kernel.js';
import { maxpool2x2Kernel } from './maxpool2x2.js';
import { pool2dKernel } from './pool2d.js';

export const POOL_KERNELS: readonly Kernel[] = [maxpool2x2Kernel, pool2dKernel];
