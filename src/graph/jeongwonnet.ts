// JeongWonNet_DWBlock_Swap as a graph, in deploy form (one fused kxk depthwise conv per
// block) or training form (the three RepConv branches with BatchNorm, summed).
import { GraphBuilder } from './builder.js';
import type { Graph } from './ir.js';
import { seededUniform, uniformFloats, splitmix32, hashString } from './rng.js';

export interface JeongWonNetConfig {
  inputChannels: number;
  numClasses: number;
  cList: number[];
  kernelSize: number;
  numBasis: number;
  batch: number;
  size: number;
  /** Weight stream seed: same seed, same bytes everywhere. */
  seed: number;
  /** What-if: a 3x3 stride-2 conv (inputChannels -> inputChannels) + ReLU before encoder1. */
  stem: boolean;
}

export const DEFAULT_CONFIG: JeongWonNetConfig = {
  inputChannels: 3,
  numClasses: 1,
  cList: [24, 48, 64, 96, 128, 192],
  kernelSize: 7,
  numBasis: 8,
  batch: 1,
  size: 256,
  seed: 0,
  stem: false,
};

type Form = 'deploy' | 'training';

export function jeongwonnet(partial: Partial<JeongWonNetConfig> = {}): Graph {
  return buildNetwork({ ...DEFAULT_CONFIG, ...partial }, 'deploy');
}

export function jeongwonnetTraining(partial: Partial<JeongWonNetConfig> = {}): Graph {
  return buildNetwork({ ...DEFAULT_CONFIG, ...partial }, 'training');
}

export function validateConfig(c: JeongWonNetConfig): void {
  const fail = (m: string): never => {
    throw new Error(`invalid network config: ${m}`);
  };
  if (c.cList.length !== 6) fail(`cList needs 6 channel counts, got ${c.cList.length}`);
  if (c.cList.some((x) => !Number.isInteger(x) || x < 1)) fail(`cList entries must be positive integers`);
  if (c.kernelSize % 2 !== 1 || c.kernelSize < 1) fail(`kernelSize must be odd, got ${c.kernelSize}`);
  if (!Number.isInteger(c.batch) || c.batch < 1) fail(`batch must be a positive integer, got ${c.batch}`);
  const div = c.stem ? 64 : 32;
  if (!Number.isInteger(c.size) || c.size < div || c.size % div !== 0)
    fail(`size must be a positive multiple of ${div} (five 2x poolings${c.stem ? ' after a stride-2 stem' : ''}), got ${c.size}`);
}

function buildNetwork(c: JeongWonNetConfig, form: Form): Graph {
  validateConfig(c);
  const b = new GraphBuilder();
  const w = new Weights(b, c.seed);
  let x = b.input('input', [c.batch, c.inputChannels, c.size, c.size]);
  if (c.stem) {
    const k = 3;
    const wt = w.conv('stem.conv.weight', [c.inputChannels, c.inputChannels, k, k]);
    const bias = w.bias('stem.conv.bias', c.inputChannels, c.inputChannels * k * k);
    x = b.node('conv2d', 'stem.conv', [x, wt, bias], { strides: [2, 2], pads: [1, 1, 1, 1], group: 1 }, 'stem');
    x = b.node('relu', 'stem.relu', [x], {}, 'stem');
  }
  const skips: string[] = [];
  let ch = c.inputChannels;
  for (let i = 0; i < 6; i++) {
    const layer = `encoder${i + 1}`;
    x = dwBlock(b, w, c, form, layer, x, ch, c.cList[i]);
    ch = c.cList[i];
    if (i < 5) {
      x = b.node('maxpool2d', `${layer}.pool`, [x], { kernel: [2, 2], strides: [2, 2] }, layer);
      skips.push(x);
    }
  }
  for (let j = 0; j < 5; j++) {
    const layer = `decoder${j + 1}`;
    const out = c.cList[4 - j];
    x = dwBlock(b, w, c, form, layer, x, ch, out);
    ch = out;
    if (j > 0) x = upsample2x(b, `${layer}.up`, x, layer);
    x = b.node('add', `${layer}.add`, [x, skips[4 - j]], {}, layer);
  }
  const fw = w.conv('final.conv.weight', [c.numClasses, ch, 1, 1]);
  const fb = w.bias('final.conv.bias', c.numClasses, ch);
  x = b.node('conv2d', 'final.conv', [x, fw, fb], { group: 1 }, 'final');
  // A stride-2 stem halves everything after it; a second upsample restores the input resolution.
  if (c.stem) x = upsample2x(b, 'final.up', x, 'final');
  x = upsample2x(b, 'output', x, 'final');
  b.output(x);
  return b.build();
}

function upsample2x(b: GraphBuilder, name: string, x: string, layer: string): string {
  const [, , h, wd] = b.shapeOf(x);
  return b.node('resize', name, [x], { outSize: [h * 2, wd * 2], mode: 'linear', coord: 'align_corners' }, layer);
}

/** [1x1 conv, no bias, if in != out] -> kxk depthwise (+bias) -> ReLU -> PRCM. */
function dwBlock(b: GraphBuilder, w: Weights, c: JeongWonNetConfig, form: Form, layer: string, x: string, cin: number, cout: number): string {
  if (cin !== cout) {
    const pw = w.conv(`${layer}.pw.weight`, [cout, cin, 1, 1]);
    x = b.node('conv2d', `${layer}.pw`, [x, pw], { group: 1 }, layer);
  }
  x = form === 'deploy' ? deployRepConv(b, w, c.kernelSize, layer, x, cout) : trainingRepConv(b, w, c.kernelSize, layer, x, cout);
  x = b.node('relu', `${layer}.relu`, [x], {}, layer);
  const basis = w.conv(`${layer}.prcm.basis`, [c.numBasis, cout]);
  const fuser = w.conv(`${layer}.prcm.fuser`, [cout, c.numBasis]);
  return b.node('prcm', `${layer}.prcm`, [x, basis, fuser], {}, layer);
}

function deployRepConv(b: GraphBuilder, w: Weights, k: number, layer: string, x: string, ch: number): string {
  const wt = w.conv(`${layer}.dw.weight`, [ch, 1, k, k]);
  const bias = w.bias(`${layer}.dw.bias`, ch, k * k);
  const p = (k - 1) / 2;
  return b.node('conv2d', `${layer}.dw`, [x, wt, bias], { group: ch, pads: [p, p, p, p] }, layer);
}

/** RepConv before switch_to_deploy: BN(conv_kxk(x)) + BN(conv_1x1(x)) + BN(x). */
function trainingRepConv(b: GraphBuilder, w: Weights, k: number, layer: string, x: string, ch: number): string {
  const p = (k - 1) / 2;
  const wk = w.conv(`${layer}.dw.kxk.weight`, [ch, 1, k, k]);
  const convK = b.node('conv2d', `${layer}.dw.kxk`, [x, wk], { group: ch, pads: [p, p, p, p] }, layer);
  const bnK = b.node('batchnorm', `${layer}.dw.kxk.bn`, [convK, ...w.batchnorm(`${layer}.dw.kxk.bn`, ch)], { epsilon: 1e-5 }, layer);
  const w1 = w.conv(`${layer}.dw.1x1.weight`, [ch, 1, 1, 1]);
  const conv1 = b.node('conv2d', `${layer}.dw.1x1`, [x, w1], { group: ch }, layer);
  const bn1 = b.node('batchnorm', `${layer}.dw.1x1.bn`, [conv1, ...w.batchnorm(`${layer}.dw.1x1.bn`, ch)], { epsilon: 1e-5 }, layer);
  const bnId = b.node('batchnorm', `${layer}.dw.id.bn`, [x, ...w.batchnorm(`${layer}.dw.id.bn`, ch)], { epsilon: 1e-5 }, layer);
  const sum = b.node('add', `${layer}.dw.sum1`, [bnK, bn1], {}, layer);
  return b.node('add', `${layer}.dw`, [sum, bnId], {}, layer);
}

/** PyTorch-style default init bounds (1/sqrt(fan_in)), drawn from a per-name seeded stream. */
class Weights {
  constructor(
    private readonly b: GraphBuilder,
    private readonly seed: number,
  ) {}

  conv(name: string, shape: number[]): string {
    const fanIn = shape.slice(1).reduce((a, x) => a * x, 1);
    const n = shape.reduce((a, x) => a * x, 1);
    return this.b.weight(name, shape, seededUniform(this.seed, name, n, 1 / Math.sqrt(fanIn)));
  }

  bias(name: string, n: number, fanIn: number): string {
    return this.b.weight(name, [n], seededUniform(this.seed, name, n, 1 / Math.sqrt(fanIn)));
  }

  /** [scale, bias, mean, var] with non-trivial statistics so folding is really exercised. */
  batchnorm(prefix: string, ch: number): string[] {
    const next = splitmix32(this.seed ^ hashString(prefix));
    const ranges: [string, number, number][] = [
      ['scale', 0.5, 1.5],
      ['bias', -0.2, 0.2],
      ['mean', -0.2, 0.2],
      ['var', 0.5, 1.5],
    ];
    return ranges.map(([part, lo, hi]) => this.b.weight(`${prefix}.${part}`, [ch], uniformFloats(next, ch, lo, hi)));
  }
}
