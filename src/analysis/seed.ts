// The seed notebook's analytical formulas, reproduced term for term so its printed
// tables can be regenerated and checked. Where the formulas are questionable they are
// still kept as they are here; the corrections live in notes.ts and liveness.ts.

/** The seed's "MB" is 2^20 bytes throughout. */
export const MiB = 1024 * 1024;
export const FLOAT32_BYTES = 4;

export function bytesToMB(bytes: number): number {
  return bytes / MiB;
}

export interface CacheSizes {
  /** Bytes. */
  l2: number;
  /** Bytes. */
  l3: number;
}

/** The seed's "typical" caches: L2 1 MB, L3 8 MB. */
export const DEFAULT_CACHES: CacheSizes = { l2: 1 * MiB, l3: 8 * MiB };

// §1 Feature maps

export interface FeatureMapRow {
  layer: string;
  resolution: number;
  channels: number;
  elements: number;
  bytes: number;
}

export interface FeatureMapTable {
  encoder: FeatureMapRow[];
  decoder: FeatureMapRow[];
  encoderBytes: number;
  decoderBytes: number;
  totalBytes: number;
}

/** Encoder outputs after pooling: size/2 .. size/32, and encoder6 again at size/32 (no pool). */
export function encoderResolutions(size: number): number[] {
  return [2, 4, 8, 16, 32, 32].map((d) => Math.floor(size / d));
}

function fmapRow(layer: string, res: number, ch: number, batch: number): FeatureMapRow {
  const elements = batch * ch * res * res;
  return { layer, resolution: res, channels: ch, elements, bytes: elements * FLOAT32_BYTES };
}

export function featureMapTable(size: number, batch: number, cList: readonly number[]): FeatureMapTable {
  const res = encoderResolutions(size);
  const encoder = cList.map((ch, i) => fmapRow(`encoder${i + 1}`, res[i], ch, batch));
  // The seed pairs reversed(c_list[:-1]) with reversed(resolutions[:-1]).
  const decCh = cList.slice(0, -1).reverse();
  const decRes = res.slice(0, -1).reverse();
  const decoder = decCh.map((ch, i) => fmapRow(`decoder${i + 1}`, decRes[i], ch, batch));
  const sum = (rows: FeatureMapRow[]) => rows.reduce((a, r) => a + r.bytes, 0);
  const encoderBytes = sum(encoder);
  const decoderBytes = sum(decoder);
  return { encoder, decoder, encoderBytes, decoderBytes, totalBytes: encoderBytes + decoderBytes };
}

// §2 DWBlock working set (deploy)

/** Keys and insertion order exactly as the seed's dict. */
export interface SeedWorkingSet {
  input: number;
  pw_conv_weights: number;
  pw_conv_output: number;
  fused_conv_weights: number;
  fused_conv_output: number;
  prcm_params: number;
  prcm_intermediate: number;
  output: number;
}

export function dwBlockWorkingSet(inCh: number, outCh: number, res: number, k = 7, basis = 8, batch = 1): SeedWorkingSet {
  const fmap = (ch: number) => batch * ch * res * res * FLOAT32_BYTES;
  const changes = inCh !== outCh;
  return {
    input: fmap(inCh),
    pw_conv_weights: changes ? inCh * outCh * FLOAT32_BYTES : 0,
    // With equal channels the seed aliases pw output to the input but records 0.
    pw_conv_output: changes ? fmap(outCh) : 0,
    fused_conv_weights: outCh * k * k * FLOAT32_BYTES + outCh * FLOAT32_BYTES,
    fused_conv_output: fmap(outCh),
    prcm_params: 2 * basis * outCh * FLOAT32_BYTES,
    // GAP context + basis coefficients + sigmoid weights.
    prcm_intermediate: (batch * outCh + batch * basis + batch * outCh) * FLOAT32_BYTES,
    output: fmap(outCh),
  };
}

export function workingSetTotal(ws: SeedWorkingSet): number {
  return Object.values(ws).reduce((a: number, b: number) => a + b, 0);
}

/** §2 fit test: strictly below the cache size. */
export function cacheFit(totalBytes: number, caches: CacheSizes = DEFAULT_CACHES): { l2: boolean; l3: boolean } {
  return { l2: totalBytes < caches.l2, l3: totalBytes < caches.l3 };
}

// §3 Bottleneck

export type CacheLevel = 'L2' | 'L3' | 'DRAM';

/** §3 rule: DRAM when above L3, L3 when above L2, else L2 (note: '>' where §2 uses '<'). */
export function bottleneck(totalBytes: number, caches: CacheSizes = DEFAULT_CACHES): CacheLevel {
  if (totalBytes > caches.l3) return 'DRAM';
  if (totalBytes > caches.l2) return 'L3';
  return 'L2';
}

export interface BlockConfig {
  layer: string;
  inChannels: number;
  outChannels: number;
  /** Resolution the block's convolutions run at (before its pool). */
  resolution: number;
}

/** The seed's encoder_configs: (3->c0 @ size), (c0->c1 @ size/2), ..., (c4->c5 @ size/32). */
export function encoderConfigs(size: number, cList: readonly number[], inputChannels = 3): BlockConfig[] {
  return cList.map((out, i) => ({
    layer: `encoder${i + 1}`,
    inChannels: i === 0 ? inputChannels : cList[i - 1],
    outChannels: out,
    resolution: Math.floor(size / 2 ** i),
  }));
}

// §4 RepConv training vs deploy

export const REPCONV_TRAINING_KEYS = [
  'input',
  'conv_7x7_output',
  'bn_7x7_output',
  'conv_1x1_output',
  'bn_1x1_output',
  'bn_identity_output',
  'sum_output',
] as const;
export const REPCONV_DEPLOY_KEYS = ['input', 'fused_conv_output'] as const;

export interface RepConvMemory {
  channels: number;
  resolution: number;
  fmapBytes: number;
  trainingBytes: number;
  deployBytes: number;
  /** (1 - deploy/training) * 100. */
  reductionPercent: number;
}

/** Every listed map is the same size, so the peaks are 7 and 2 feature maps. */
export function repconvMemory(channels: number, res: number, batch = 1): RepConvMemory {
  const fmapBytes = batch * channels * res * res * FLOAT32_BYTES;
  const trainingBytes = REPCONV_TRAINING_KEYS.length * fmapBytes;
  const deployBytes = REPCONV_DEPLOY_KEYS.length * fmapBytes;
  return { channels, resolution: res, fmapBytes, trainingBytes, deployBytes, reductionPercent: (1 - deployBytes / trainingBytes) * 100 };
}

/** The seed's hard-coded stages (24,256)..(192,8), generalised as (c_i, size/2^i). */
export function repconvStages(size: number, cList: readonly number[]): [number, number][] {
  return cList.map((ch, i) => [ch, Math.floor(size / 2 ** i)]);
}

// §5 Arithmetic intensity

/** The seed's PRCM FLOPs use a literal 8 in place of num_basis. */
export const SEED_PRCM_BASIS = 8;

export interface IntensityTerm {
  flops: number;
  mem: number;
  ai: number;
}

export interface SeedIntensity {
  dw_conv: IntensityTerm;
  pw_conv: IntensityTerm;
  prcm: IntensityTerm;
}

export type Bound = 'memory' | 'balanced' | 'compute';

/** The seed's thresholds: below 10 memory-bound, below 50 balanced, else compute-bound. */
export function boundOf(ai: number): Bound {
  if (ai < 10) return 'memory';
  if (ai < 50) return 'balanced';
  return 'compute';
}

/** PRCM FLOPs: GAP sum + ctx@basis^T + fuser + x*w; `basis` lets callers use the real count. */
export function prcmFlops(outCh: number, res: number, basis = SEED_PRCM_BASIS): number {
  const hw = res * res;
  return outCh * hw + outCh * basis * 2 + basis * outCh * 2 + outCh * hw;
}

/** Batch-independent, as in the seed (it has no batch parameter here). */
export function arithmeticIntensity(inCh: number, outCh: number, res: number, k = 7): SeedIntensity {
  const hw = res * res;
  const dwFlops = outCh * hw * k * k * 2;
  const dwMem = (outCh * hw + outCh * k * k) * FLOAT32_BYTES + outCh * hw * FLOAT32_BYTES;
  let pw: IntensityTerm = { flops: 0, mem: 0, ai: 0 };
  if (inCh !== outCh) {
    const flops = inCh * outCh * hw * 2;
    const mem = (inCh * hw + inCh * outCh) * FLOAT32_BYTES + outCh * hw * FLOAT32_BYTES;
    pw = { flops, mem, ai: flops / mem };
  }
  const pFlops = prcmFlops(outCh, res);
  const pMem = 2 * outCh * hw * FLOAT32_BYTES;
  return {
    dw_conv: { flops: dwFlops, mem: dwMem, ai: dwFlops / dwMem },
    pw_conv: pw,
    prcm: { flops: pFlops, mem: pMem, ai: pFlops / pMem },
  };
}
