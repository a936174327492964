// The roofline and what-if parts of the terminal summary.
import type { Results } from '../results/types.js';
import { configName, size } from './format.js';
import { cachesText, CEILING_HEADERS, ceilingRows, ceilingsSource, claimText, fitText, WHATIF_HEADERS, whatIfRows } from './roofline-tables.js';
import { textTable } from './summary.js';

export function ceilingsText(r: Results): string {
  const c = r.ceilings;
  if (!c) return 'Device ceilings: off (no roofline).';
  const cliffs = c.cliffs.length ? c.cliffs.map((x) => `  cliff at ${size(x.bytes)}: ${x.evidence}`).join('\n') : `  no cliff in the ${c.bandwidthCurve} curve`;
  return [ceilingsSource(c), textTable(CEILING_HEADERS, ceilingRows(c)), cliffs, cachesText(c)].join('\n');
}

export function rooflineFitText(r: Results): string {
  const ok = r.configs.filter((c) => c.status === 'ok' && c.rooflineFit);
  return ok.map((c) => `Roofline ${configName(c)} ${c.mode}: ${fitText(c)}.`).join('\n');
}

export function whatIfText(r: Results): string {
  if (!r.whatif) return '';
  const cfg = r.whatif[0].config;
  const head = `What-if at b${cfg.batch}@${cfg.size} ${cfg.mode} (peaks: predicted liveness vs measured physical; deltas vs baseline):`;
  const claims = (r.whatifClaims ?? []).map((c) => `- ${claimText(c, r.whatif!)}`);
  return [head, textTable(WHATIF_HEADERS, whatIfRows(r.whatif)), ...claims].join('\n');
}
