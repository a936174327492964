// HTML tables of the report, as strings (escaped), usable with or without a DOM.
import { OVERHEAD_GOAL, type ConfigResult, type ProfilingOverhead, type Results } from '../results/types.js';
import { configName, escapeHtml as esc, mb, ms, ratio } from './format.js';
import { SUMMARY_HEADERS, summaryRow, type SummaryRow } from './summary.js';

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

const spread = (s: { median: number; p10: number; p90: number } | null): string => (s ? `${ms(s.median)} [${ms(s.p10)}-${ms(s.p90)}]` : '-');

/** Where the cache-level column's capacities come from, for its header. */
export type CacheSource = 'detected' | 'seed';

function layerCacheCells(l: ConfigResult['layers'][number]): string[] {
  return [mb(l.cache?.workingSetBytes), l.cache?.level ?? '-', l.cache?.seedLevel ?? '-'];
}

export function layerTable(c: ConfigResult, caches: CacheSource = 'seed'): string {
  const rows = c.layers.map((l) => [
    l.layer,
    spread(l.gpuTimeMs),
    mb(l.seedWorkingSetBytes),
    mb(l.predictedLiveBytes),
    mb(l.measuredLiveBytes),
    mb(l.measuredPhysicalBytes),
    ...layerCacheCells(l),
  ]);
  const level = caches === 'detected' ? 'cache level (measured cliffs)' : 'cache level (seed 1/8 MB: no cliffs)';
  const headers = ['layer', 'GPU ms median [p10-p90]', 'seed formula MB', 'liveness predicted MB', 'measured logical MB', 'measured physical MB', 'largest node working set MB', level, 'seed level (formula, 1/8 MB)'];
  return table(headers, rows);
}

export function topNodesTable(c: ConfigResult, n = 12): string {
  const nodes = c.nodes.filter((x) => x.gpuTimeMs).sort((a, b) => b.gpuTimeMs!.median - a.gpuTimeMs!.median);
  const total = nodes.reduce((a, x) => a + x.gpuTimeMs!.median, 0);
  const rows = nodes.slice(0, n).map((x) => [x.name, x.op, spread(x.gpuTimeMs), `${((100 * x.gpuTimeMs!.median) / total).toFixed(1)}%`]);
  return table(['node', 'op', 'GPU ms median [p10-p90]', 'share'], rows, 2);
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
