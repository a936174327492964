// The soak (--soak N) in words and in a table: per configuration its runs, leaked bytes, live
// buffers before and after, whether every output was bit-identical, and the time per run.
import type { ConfigResult, Results, SoakResult } from '../results/types.js';
import { configName, ms } from './format.js';
import { table } from './tables.js';

const soaked = (r: Results): (ConfigResult & { soak: SoakResult })[] => r.configs.filter((c): c is ConfigResult & { soak: SoakResult } => !!c.soak);

const perRun = (s: SoakResult): number | null => (s.runs ? s.wallMs / s.runs : null);

/** One line per soaked configuration, for the terminal; empty without a soak. */
export function soakText(r: Results): string {
  return soaked(r)
    .map((c) => {
      const s = c.soak;
      const made = `${s.pipelinesCreated} pipelines and ${s.bindGroupsCreated} bind groups created`;
      return `soak ${configName(c)} ${c.mode}: ${s.runs} runs, ${s.leakedBytes} bytes leaked, live buffers ${s.liveBuffersBefore} -> ${s.liveBuffersAfter}, bit-identical ${s.bitIdentical ? 'yes' : 'NO'}, ${made}, ${ms(perRun(s))} ms per run`;
    })
    .join('\n');
}

/** The soak table of the report; empty without a soak. */
export function soakHtml(r: Results): string {
  const rows = soaked(r).map((c) => {
    const s = c.soak;
    return [`${configName(c)} ${c.mode}`, s.runs, s.leakedBytes, `${s.liveBuffersBefore} -> ${s.liveBuffersAfter}`, s.bitIdentical ? 'yes' : `NO: ${s.firstMismatch}`, s.pipelinesCreated, s.bindGroupsCreated, ms(perRun(s))];
  });
  if (!rows.length) return '';
  const headers = ['config', 'runs', 'leaked bytes', 'live buffers before -> after', 'bit-identical', 'pipelines created', 'bind groups created', 'ms per run'];
  const intro = "<p class=\"muted\">More inferences on each configuration's engine after its timed runs. Live buffers and bytes: the buffer tracker's count for the device before and after them. Bit-identical: every output of every run equals the first run's.</p>";
  return `<h2>Soak</h2>${intro}${table(headers, rows)}`;
}
