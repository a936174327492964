// Normalizations over contiguous rows with an affine write: layernorm (the trailing block from
// `axis`), instancenorm (each (n, c) plane, any rank >= 3) and groupnorm (each (n, group)
// block; scale and bias per group as GroupNormalization-18, or per channel as -21).
import { attrNumber, numel, type Attrs } from '../../graph/ir.js';
import { check } from '../../graph/shape.js';
import type { OpDef } from '../types.js';
import { exportGroupNorm, exportInstanceNorm, exportLayerNorm, GROUPNORM_CONVERTERS, INSTANCENORM_CONVERTERS, LAYERNORM_CONVERTERS } from './onnx.js';
import { isTrailingPart, normalizeRows } from './rows.js';

function layerShape([x, s, b]: number[][], attrs: Attrs): number[][] {
  const axis = attrNumber(attrs, 'axis');
  check(Number.isInteger(axis) && axis >= 0 && axis < x.length, `layernorm: axis ${axis} out of range for [${x}]`);
  const normalized = x.slice(axis);
  for (const p of b ? [s, b] : [s]) check(isTrailingPart(p, normalized), `layernorm: scale/bias [${p}] is not a trailing part of the normalized shape [${normalized}]`);
  return [[...x]];
}

function channelShape(kind: string, minRank: number) {
  return ([x, s, b]: number[][], attrs: Attrs): number[][] => {
    check(x.length >= minRank, `${kind}: input [${x}] needs rank ${minRank} or more (N, C, ...)`);
    let count = x[1];
    if (kind === 'groupnorm') {
      const G = attrNumber(attrs, 'num_groups');
      check(Number.isInteger(G) && G >= 1 && x[1] % G === 0, `groupnorm: num_groups ${G} does not divide ${x[1]} channels`);
      if (attrNumber(attrs, 'per_channel', 1) !== 1) count = G;
    }
    check(b !== undefined && numel(s) === count && numel(b) === count, `${kind}: scale [${s}] and bias [${b}] need ${count} values each`);
    return [[...x]];
  };
}

// Per element: an add (mean), subtract and multiply-add (variance), subtract, multiply and
// multiply-add (the write); the per-row divides and square root are negligible.
const NORM_FLOPS = 8;

type NormKind = 'layernorm' | 'instancenorm' | 'groupnorm';

function normDef(kind: NormKind): OpDef {
  const defs: Record<NormKind, Pick<OpDef, 'summary' | 'attrs' | 'shape' | 'onnx'>> = {
    layernorm: {
      summary: 'y = (x - mean) / sqrt(var + epsilon) * scale + bias over dims axis.. (scale / bias a trailing part of those dims, bias optional)',
      attrs: { axis: null, epsilon: 1e-5 },
      shape: layerShape,
      onnx: { converters: LAYERNORM_CONVERTERS, export: exportLayerNorm },
    },
    instancenorm: {
      summary: 'y = (x - mean) / sqrt(var + epsilon) * scale[c] + bias[c], statistics per (n, c) over all spatial positions',
      attrs: { epsilon: 1e-5 },
      shape: channelShape(kind, 3),
      onnx: { converters: INSTANCENORM_CONVERTERS, export: exportInstanceNorm },
    },
    groupnorm: {
      summary: 'y = (x - mean) / sqrt(var + epsilon) * scale + bias, statistics per (n, group of C / num_groups channels); scale, bias per channel (per_channel=1) or per group',
      attrs: { num_groups: null, epsilon: 1e-5, per_channel: 1 },
      shape: channelShape(kind, 2),
      onnx: { converters: GROUPNORM_CONVERTERS, export: exportGroupNorm },
    },
  };
  return {
    kind,
    ...defs[kind],
    reference: (inputs, attrs) => [normalizeRows(kind, inputs, attrs)],
    flops: (c) => NORM_FLOPS * c.outElems,
  };
}

export const NORM_OPS: readonly OpDef[] = [normDef('layernorm'), normDef('instancenorm'), normDef('groupnorm')];
