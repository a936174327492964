// Resize programs in priority order: the decoder's 2x align_corners fast path, the generic
// resize, and the resize that uses the file's scales.
import type { Kernel } from '../../../runtime/kernel.js';
import { resize2xKernel } from './resize2x.js';
import { resizeKernel } from './resize.js';
import { resizeScaledKernel } from './scaled.js';

export const RESIZE_KERNELS: readonly Kernel[] = [resize2xKernel, resizeKernel, resizeScaledKernel];
