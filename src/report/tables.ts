// HTML tables of the report, as strings (escaped), usable with or without a DOM.
import { OVERHEAD_GOAL, type ConfigResult, type ProfilingOverhead, type Results } from '../results/types.js';
import { configName, escapeHtml as esc, mb, ms, ratio } from './format.js';
import { SUMMARY_HEADERS, summaryRow, type SummaryRow } from './summary.js';
import { issuesText, resolveCell, timeCell, timeHeader } from './timing.js';
import { timeMs } from '../results/time-of.js';

export function table(headers: string[], rows: (string | number)[][], numericFrom = 1): string {
  const th = headers.map((h) => `<th>${esc(h)}</th>`).join('');
  const tr = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${i >= numericFrom ? ' class="num"' : ''}>${esc(String(c))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

export function sweepTable(r: Results): string {
  const keys = Object.keys(SUMMARY_HEADERS) as (keyof SummaryRow)[];
  const rows = r.configs.map((c) => {
    const s = summaryRow(c);
    return keys.map((k) => s[k]);
  });
  return table(keys.map((k) => SUMMARY_HEADERS[k]), rows, 3);
}

/** Where the cache-level column's capacities come from, for its header. */
export type CacheSource = 'detected' | 'seed';

function layerCacheCells(l: ConfigResult['layers'][number]): string[] {
  return [mb(l.cache?.workingSetBytes), l.cache?.level ?? '-', l.cache?.seedLevel ?? '-'];
}

export function layerTable(c: ConfigResult, caches: CacheSource = 'seed'): string {
  const rows = c.layers.map((l) => [
    l.layer,
    timeCell(l),
    mb(l.seedWorkingSetBytes),
    mb(l.predictedLiveBytes),
    mb(l.measuredLiveBytes),
    mb(l.measuredPhysicalBytes),
    ...layerCacheCells(l),
  ]);
  const level = caches === 'detected' ? 'cache level (measured cliffs)' : 'cache level (seed 1/8 MB: no cliffs)';
  const headers = ['layer', timeHeader(c), 'seed formula MB', 'liveness predicted MB', 'measured logical MB', 'measured physical MB', 'largest node working set MB', level, 'seed level (formula, 1/8 MB)'];
  return table(headers, rows);
}

export function topNodesTable(c: ConfigResult, n = 12): string {
  const nodes = c.nodes.filter((x) => timeMs(x) !== null).sort((a, b) => timeMs(b)! - timeMs(a)!);
  const total = nodes.reduce((a, x) => a + timeMs(x)!, 0);
  const rows = nodes.slice(0, n).map((x) => [x.name, x.op, timeCell(x), `${((100 * timeMs(x)!) / total).toFixed(1)}%`]);
  return table(['node', 'op', timeHeader(c), 'share'], rows, 2);
}

/** Nodes with implausible timestamp pairs or unresolved times; empty when there are none. */
export function timestampDetails(c: ConfigResult): string {
  const flagged = c.nodes.filter((x) => issuesText(x.timestampIssues) || (x.gpuTime && !x.gpuTime.resolved));
  if (!flagged.length) return '';
  const rows = flagged.map((x) => [x.name, x.op, timeCell(x), String(x.gpuTime?.runs ?? 0), resolveCell(x), issuesText(x.timestampIssues) || '-']);
  const withIssues = flagged.filter((x) => issuesText(x.timestampIssues)).length;
  const what = `timestamps: ${c.timestamps?.unresolvedNodes ?? 0} node time(s) unresolved, ${withIssues} node(s) with implausible pairs`;
  return `<details><summary>${esc(what)}</summary>${table(['node', 'op', timeHeader(c), 'runs', 'resolved (else runs needed)', 'implausible pairs'], rows, 2)}</details>`;
}

export function memoryTable(c: ConfigResult): string {
  if (!c.memory) return '';
  const parts = c.memory.overhead.parts.map((p) => [p.what, mb(p.bytes, 3)]);
  const buffers = c.memory.physicalPeakBuffers.map((b) => [b.label, b.category, mb(b.bytes, 3), b.holds.length ? b.holds.join(', ') : '']);
  return [
    `<p>${esc(c.memory.overhead.explanation)}</p>`,
    table(['physical peak minus predicted peak, by cause', 'MB'], [...parts, ['total', mb(c.memory.overhead.bytes, 3)]]),
    `<details><summary>buffers live at the physical peak (${buffers.length})</summary>${table(['buffer', 'holds', 'MB', 'tensors'], buffers, 2)}</details>`,
  ].join('\n');
}

export function overheadText(o: ProfilingOverhead): string {
  if (o.status !== 'measured') return `Profiling overhead: ${o.status}${o.reason ? ` (${o.reason})` : ''}.`;
  const ok = o.ratio !== null && o.ratio <= OVERHEAD_GOAL;
  return (
    `Profiling overhead on ${configName({ batch: o.batch ?? 0, size: o.size, inputShapes: o.inputShapes ?? undefined })} ${o.mode} (${o.pairs} interleaved pairs): timed/untimed end-to-end wall time = ${ratio(o.ratio)} ` +
    `(${ms(o.timedWallMs?.median)} vs ${ms(o.untimedWallMs?.median)} ms; ${ratio(o.submitOnlyRatio)} without the timestamp readback), ` +
    `${ok ? 'within' : 'above'} the goal of ${OVERHEAD_GOAL}.`
  );
}

export function seedReferenceTable(r: Results): string {
  const rows = r.seedReference.rows.map((x) => [`b${x.batch}@${x.size}`, mb(x.peakBytes)]);
  return rows.length ? table(['config', `${r.seedReference.label}, MB`], rows) : '';
}
