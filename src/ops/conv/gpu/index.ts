// Conv programs in priority order: the specialised depthwise and pointwise paths first,
// the generic direct convolution last (it accepts every conv2d).
import type { Kernel } from '../../../runtime/kernel.js';
import { conv2dKernel } from './dense.js';
import { dwconvKernel } from './dwconv.js';
import { pwconvKernel } from './pwconv.js';

export const CONV_KERNELS: readonly Kernel[] = [dwconvKernel, pwconvKernel, conv2dKernel];
