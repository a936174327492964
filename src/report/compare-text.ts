// The comparison of two runs as terminal text: who is A and B, the rules, then per
// configuration its headline and the layers, movers first, and the nodes that moved.
import type { BytesDelta, Comparison, ConfigComparison, LayerComparison, RunSummary, TimeDelta, Unmatched } from '../compare/types.js';
import { mb, ms } from './format.js';
import { textTable } from './summary.js';

export const TIME_WORD: Record<TimeDelta['change'], string> = { slower: 'SLOWER', faster: 'FASTER', 'within-noise': '~', missing: '-' };
export const BYTES_WORD: Record<BytesDelta['change'], string> = { larger: 'LARGER', smaller: 'SMALLER', same: 'same', missing: '-' };

export const ratioText = (r: number | null): string => (r === null ? '-' : `${r.toFixed(3)}x`);
export const interval = (d: TimeDelta, side: 'a' | 'b'): string => {
  const s = d[side];
  return s ? `${ms(s.median)} (${ms(s.p10)}-${ms(s.p90)})` : '-';
};

export function runLine(name: string, r: RunSummary): string {
  const host = r.host ? `, host ${r.host}` : '';
  const variant = r.variant ? `, variant ${r.variant}` : '';
  return `${name}: ${r.file} (${r.model.name}${variant}; ${r.adapter}${host}; ${r.createdAt})`;
}

export function timeVerdict(d: TimeDelta): string {
  if (d.change === 'missing') return 'not measured on both sides';
  const word = d.change === 'within-noise' ? 'within noise' : `${d.change}, beyond noise`;
  return `${ms(d.a!.median)} -> ${ms(d.b!.median)} ms (${ratioText(d.ratio)}, ${word})`;
}

export function bytesVerdict(d: BytesDelta): string {
  if (d.change === 'missing') return '-';
  return `${mb(d.a)} -> ${mb(d.b)} MB (${ratioText(d.ratio)}${d.change === 'same' ? '' : `, ${d.change}`})`;
}

export function unmatchedText(what: string, u: Unmatched, max = 12): string | null {
  if (!u.a.length && !u.b.length) return null;
  const list = (xs: string[]) => (xs.length ? `${xs.slice(0, max).join(', ')}${xs.length > max ? ` and ${xs.length - max} more` : ''}` : 'none');
  return `unmatched ${what}: only in A ${list(u.a)}; only in B ${list(u.b)}`;
}

/** The first byte count of the layer that changed, else whether they are the same. */
export function memoryWord(l: LayerComparison): string {
  const changed = [l.logicalBytes, l.physicalBytes, l.predictedBytes].find((d) => d.change === 'larger' || d.change === 'smaller');
  return BYTES_WORD[(changed ?? l.logicalBytes).change];
}

function layerTable(c: ConfigComparison): string {
  const headers = ['layer', 'time', 'memory', 'A ms (p10-p90)', 'B ms (p10-p90)', 'B/A time', 'A logical MB', 'B logical MB', 'B/A logical', 'B/A physical'];
  const rows = c.layers.map((l) => [
    l.layer,
    TIME_WORD[l.time.change],
    memoryWord(l),
    interval(l.time, 'a'),
    interval(l.time, 'b'),
    ratioText(l.time.ratio),
    mb(l.logicalBytes.a),
    mb(l.logicalBytes.b),
    ratioText(l.logicalBytes.ratio),
    ratioText(l.physicalBytes.ratio),
  ]);
  return textTable(headers, rows);
}

function nodesText(c: ConfigComparison, max = 10): string {
  const moved = c.nodes.filter((n) => n.moved);
  const head = `nodes: ${c.nodes.length} matched by name, ${moved.length} changed beyond noise`;
  if (!moved.length) return head;
  const rows = moved.slice(0, max).map((n) => `  ${n.node} (${n.layer}, ${n.op}): time ${timeVerdict(n.time)}; logical ${bytesVerdict(n.logicalBytes)}`);
  return [`${head}${moved.length > max ? ` (the ${max} largest)` : ''}:`, ...rows].join('\n');
}

export function configText(c: ConfigComparison): string {
  if (c.status.a !== 'ok' || c.status.b !== 'ok') return `${c.label}: ${c.status.a} in A, ${c.status.b} in B; nothing measured to compare`;
  const p = c.peaks;
  return [
    `${c.label}: end-to-end GPU ${timeVerdict(c.gpuTime)}; wall ${timeVerdict(c.wallTime)}`,
    `  peaks: physical ${bytesVerdict(p.physical)}, logical ${bytesVerdict(p.logical)}, predicted ${bytesVerdict(p.predicted)}`,
    layerTable(c),
    unmatchedText('layers', c.unmatchedLayers),
    nodesText(c),
    unmatchedText('nodes', c.unmatchedNodes),
  ]
    .filter((x): x is string => x !== null)
    .join('\n');
}

export function summaryLine(cmp: Comparison): string {
  const s = cmp.summary;
  const nodes = `${s.nodesMoved} of ${s.nodesCompared} nodes changed beyond noise`;
  if (!s.configsCompared) return 'no configuration ran in both: nothing to compare';
  if (s.noChangeBeyondNoise) return `no change beyond noise: no configuration or layer changed beyond the run-to-run spread (${s.configsCompared} configuration(s), ${s.layersCompared} layers); ${nodes}`;
  return `changes beyond noise in ${s.configsMoved} of ${s.configsCompared} configuration(s), ${s.layersMoved} of ${s.layersCompared} layers; ${nodes}`;
}

export function comparisonText(cmp: Comparison): string {
  const unmatched = unmatchedText('configurations', cmp.unmatchedConfigs, 50);
  return [
    runLine('A', cmp.a),
    runLine('B', cmp.b),
    `time: ${cmp.rules.time}; bytes: ${cmp.rules.bytes}; rows: ${cmp.rules.order}. MB = 2^20 bytes.`,
    ...cmp.notes.map((n) => `note: ${n}`),
    ...(unmatched ? [unmatched] : []),
    '',
    ...cmp.configs.flatMap((c) => [configText(c), '']),
    summaryLine(cmp),
  ].join('\n');
}
