// Kernels for the op kinds the ONNX importer adds (src/graph/onnx-ops.ts).
import '../../graph/onnx-ops.js';
import type { Kernel } from '../kernel.js';
import { layoutKernel } from './onnx-layout.js';
import { gemmKernel, reduceMeanGeneralKernel, resizeScaledKernel } from './onnx-math.js';

export const ONNX_KERNELS: readonly Kernel[] = [layoutKernel, gemmKernel, reduceMeanGeneralKernel, resizeScaledKernel];
