// Plain-text rendering of an Analysis: the seed's tables in English, then the liveness
// model, the side-by-side comparison and the notes.
import type { Analysis } from './model.js';
import { bytesToMB } from './seed.js';

type Cell = string | number;

/** Left-aligns text columns and right-aligns numeric ones. */
export function table(header: string[], rows: Cell[][]): string {
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => typeof r[c] === 'number' || /^-?[\d,.]+( MB| %)?$/.test(String(r[c]))));
  const text = [header, ...rows.map((r) => r.map(String))];
  const width = header.map((_, c) => Math.max(...text.map((r) => String(r[c] ?? '').length)));
  const line = (r: Cell[]) =>
    r.map((v, c) => (numeric[c] ? String(v).padStart(width[c]) : String(v).padEnd(width[c]))).join('  ').trimEnd();
  return [line(header), width.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const MB = (b: number, d = 3) => bytesToMB(b).toFixed(d);
const int = (n: number) => n.toLocaleString('en-US');
const yes = (b: boolean) => (b ? 'yes' : 'no');

function heading(title: string): string {
  return `\n${title}\n${'='.repeat(title.length)}`;
}

function featureMaps(a: Analysis): string {
  const f = a.featureMaps;
  const rows = (rs: typeof f.encoder) => rs.map((r) => [r.layer, `${r.resolution}x${r.resolution}`, r.channels, int(r.elements), MB(r.bytes)]);
  const head = ['Layer', 'Resolution', 'Channels', 'Elements', 'MB'];
  return [
    heading(`1. Feature maps (input ${a.config.batch}x${a.config.inputChannels}x${a.config.size}x${a.config.size})`),
    table(head, rows(f.encoder)),
    `Encoder total: ${MB(f.encoderBytes)} MB`,
    '',
    table(head, rows(f.decoder)),
    `Decoder total: ${MB(f.decoderBytes)} MB`,
    `Total activation memory (seed's sum): ${MB(f.totalBytes)} MB`,
  ].join('\n');
}

function workingSet(a: Analysis): string {
  const l2 = MB(a.config.l2Bytes, 2);
  const l3 = MB(a.config.l3Bytes, 2);
  const rows = a.workingSet.map((w) => {
    const b = w.bytes;
    const parts = [b.input, b.pwWeights, b.pwOutput, b.fusedWeights, b.fusedOutput, b.prcmParams, b.prcmIntermediate, b.output];
    return [w.layer, `${w.inChannels}->${w.outChannels}@${w.resolution}`, ...parts.map((x) => MB(x, 4)), MB(w.totalBytes, 4), yes(w.fitsL2), yes(w.fitsL3)];
  });
  const head = ['Layer', 'Block', 'input', 'pw_w', 'pw_out', 'fused_w', 'fused_out', 'prcm_p', 'prcm_int', 'output', 'TOTAL', `L2 ${l2} fit`, `L3 ${l3} fit`];
  return [heading(`2. DWBlock working set, deploy mode (MB, batch ${a.config.batch})`), table(head, rows)].join('\n');
}

function bottlenecks(a: Analysis): string {
  const rows = a.workingSet.map((w) => [`${w.inChannels}->${w.outChannels}@${w.resolution}`, MB(w.totalBytes), w.fitsL2 ? 'fits' : 'exceeds', w.fitsL3 ? 'fits' : 'exceeds', w.cacheLevel]);
  return [
    heading('3. Bottleneck (seed rule: DRAM if > L3, L3 if > L2, else L2)'),
    table(['Block', 'Working set MB', 'L2', 'L3', 'Bottleneck'], rows),
  ].join('\n');
}

function repconv(a: Analysis): string {
  const rows = a.repconv.map((r) => [`${r.channels}ch@${r.resolution}`, MB(r.trainingBytes), MB(r.deployBytes), `${r.reductionPercent.toFixed(1)} %`]);
  return [
    heading('4. RepConv peak, training (7 maps) vs deploy (2 maps)'),
    table(['Stage', 'Training MB', 'Deploy MB', 'Reduction'], rows),
  ].join('\n');
}

function intensity(a: Analysis): string {
  let last = '';
  const rows = a.arithmeticIntensity.map((r) => {
    const w = a.workingSet.find((x) => x.layer === r.layer)!;
    const cfg = `${w.inChannels}->${w.outChannels}@${w.resolution}`;
    const shown = cfg === last ? '' : cfg;
    last = cfg;
    return [shown, r.component, int(r.flops), int(r.bytes), r.intensity.toFixed(2), r.bound];
  });
  return [
    heading('5. Arithmetic intensity (FLOPs / bytes; < 10 memory-bound, < 50 balanced, else compute-bound)'),
    table(['Block', 'Component', 'FLOPs', 'Bytes', 'AI', 'Bound'], rows),
  ].join('\n');
}

export function liveness(a: Pick<Analysis, 'graph' | 'liveness'>): string {
  const l = a.liveness;
  const rows = l.perNode.map((n) => [n.index, n.node, n.op, n.layer, MB(n.liveBytes), MB(n.activationBytes), n.liveTensors.join(' ')]);
  const graph = `${a.graph.source} graph, ${a.graph.optimized ? 'after the pass pipeline' : 'not optimized'}, ${a.graph.nodes} nodes`;
  return [
    heading(`6. Liveness per node (${graph}; weights ${MB(l.weightBytes)} MB resident throughout)`),
    table(['#', 'Node', 'Op', 'Layer', 'Live MB', 'Act MB', 'Tensors live'], rows),
    '',
    `Predicted peak: ${int(l.peakBytes)} bytes (${MB(l.peakBytes)} MB) at node ${l.peakIndex} ${l.peakNode} (${l.peakLayer}); activations ${int(l.peakActivationBytes)} + weights ${int(l.weightBytes)}.`,
    '',
    table(['Layer', 'Max live MB', 'at node'], l.perLayer.map((p) => [p.layer, MB(p.maxLiveBytes), p.peakNode])),
  ].join('\n');
}

export function comparison(a: Pick<Analysis, 'seedVsLiveness'>): string {
  const rows = a.seedVsLiveness.map((c) => [
    c.layer + (c.seedCovered ? '' : '*'),
    `${c.inChannels}->${c.outChannels}@${c.resolution}`,
    MB(c.seedBytes),
    c.liveness ? MB(c.liveness.liveBytes) : '-',
    c.differenceBytes === null ? '-' : MB(c.differenceBytes),
    c.liveness?.node ?? '-',
  ]);
  const reasons = a.seedVsLiveness.map((c) => `  ${c.layer}: ${c.reason}`);
  return [
    heading('7. Per block: seed working set vs liveness maximum over the block'),
    table(['Block', 'Config', 'Seed MB', 'Liveness MB', 'Seed - live', 'Worst node'], rows),
    '  * the seed analyses encoder blocks only; its formula is applied to the decoder blocks for comparison',
    '',
    'Why they differ:',
    ...reasons,
  ].join('\n');
}

export function inPlace(a: Pick<Analysis, 'liveness'>): string {
  const p = a.liveness.inPlace;
  const rows = p.candidates.map((c) => [c.index, c.node, c.op, c.input, MB(c.bytes), int(c.peakDropBytes)]);
  return [
    heading('8. In-place reuse candidates'),
    rows.length ? table(['#', 'Node', 'Op', 'Overwrites', 'MB', 'Peak drop B'], rows) : 'none',
    ...p.candidates.map((c) => `  ${c.node} over ${c.input}: ${c.reason}`),
    `Peak with one alias per node: ${int(p.peakWithAllBytes)} bytes (${int(p.peakDropWithAllBytes)} less).`,
  ].join('\n');
}

function notes(a: Analysis): string {
  return [heading('9. Where the seed is wrong or inconsistent'), ...a.notes.map((n, i) => `\n${i + 1}. [${n.kind}] ${n.title}\n   ${n.detail}`)].join('\n');
}

export function renderText(a: Analysis): string {
  const head = `JeongWonNet_DWBlock_Swap working set: size ${a.config.size}, batch ${a.config.batch}, c_list [${a.config.cList.join(', ')}], k ${a.config.kernelSize}, num_basis ${a.config.numBasis}; ${int(a.params)} parameters. MB = 2^20 bytes.`;
  return [head, featureMaps(a), workingSet(a), bottlenecks(a), repconv(a), intensity(a), liveness(a), comparison(a), inPlace(a), notes(a)].join('\n') + '\n';
}
