// The PRCM gate program (prcm itself is split by the fusion pass before it runs).
import type { Kernel } from '../../../runtime/kernel.js';
import { prcmGateKernel } from './gate.js';

export const PRCM_KERNELS: readonly Kernel[] = [prcmGateKernel];
