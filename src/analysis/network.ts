// The network shape the analysis is asked about, and the graph that actually runs for it.
import { jeongwonnet, validateConfig, DEFAULT_CONFIG, type JeongWonNetConfig } from '../graph/jeongwonnet.js';
import type { Graph } from '../graph/ir.js';
import { optimize } from '../passes/index.js';
import type { BlockConfig } from './seed.js';

export interface NetworkShape {
  size: number;
  batch: number;
  cList: number[];
  kernelSize: number;
  numBasis: number;
  inputChannels: number;
  numClasses: number;
}

export const DEFAULT_SHAPE: NetworkShape = {
  size: DEFAULT_CONFIG.size,
  batch: DEFAULT_CONFIG.batch,
  cList: [...DEFAULT_CONFIG.cList],
  kernelSize: DEFAULT_CONFIG.kernelSize,
  numBasis: DEFAULT_CONFIG.numBasis,
  inputChannels: DEFAULT_CONFIG.inputChannels,
  numClasses: DEFAULT_CONFIG.numClasses,
};

function builderConfig(s: NetworkShape): Partial<JeongWonNetConfig> {
  return { ...s, cList: [...s.cList] };
}

export function validateShape(s: NetworkShape): void {
  validateConfig({ ...DEFAULT_CONFIG, ...builderConfig(s) });
  if (!Number.isInteger(s.numBasis) || s.numBasis < 1) throw new Error(`invalid network config: numBasis must be a positive integer, got ${s.numBasis}`);
}

/**
 * Liveness depends on which tensors exist, so it is predicted on the graph the
 * runtime executes: the deploy graph after the same pass pipeline.
 */
export function runnableGraph(s: NetworkShape, optimized = true): Graph {
  const g = jeongwonnet(builderConfig(s));
  return optimized ? optimize(g) : g;
}

/**
 * Decoder blocks as the builder wires them: decoder j maps c[5-j] -> c[4-j] at the
 * resolution of its input, which is upsampled only after the block.
 */
export function decoderConfigs(size: number, cList: readonly number[]): BlockConfig[] {
  const res = [32, 32, 16, 8, 4].map((d) => Math.floor(size / d));
  return [0, 1, 2, 3, 4].map((j) => ({
    layer: `decoder${j + 1}`,
    inChannels: cList[5 - j],
    outChannels: cList[4 - j],
    resolution: res[j],
  }));
}
