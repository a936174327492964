// Log axes whose every tick is labelled in plain decimals. Plot's log scale formats ticks
// through d3, which blanks all but the first few labels of each decade whatever format it is
// given, and writes 0.3 as "300m"; axes drawn as marks with a text channel avoid both.
import * as Plot from '@observablehq/plot';

/** 1-2-5 ticks per decade inside [lo, hi]; only powers of ten when that gives too many. */
export function logTicks(lo: number, hi: number, max = 14): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) for (const m of [1, 2, 5]) ticks.push(m * 10 ** e);
  const inside = ticks.filter((t) => t >= lo * 0.999 && t <= hi * 1.001).map((t) => Number(t.toPrecision(1)));
  return inside.length > max ? inside.filter((t) => Number.isInteger(Math.log10(t))) : inside;
}

/** Plain decimals (0.05, 2, 300): Plot's SI default writes 300m for 0.3. */
export const tickText = (v: number): string => (v >= 1 ? String(v) : String(Number(v.toPrecision(1))));

/** Grid and axis marks for a log scale on `axis` over `domain`; give the scale no axis of its own. */
export function logAxis(axis: 'x' | 'y', domain: [number, number], label: string): Plot.Markish[] {
  const ticks = logTicks(...domain);
  return axis === 'x' ? [Plot.gridX(ticks), Plot.axisX(ticks, { text: tickText, label })] : [Plot.gridY(ticks), Plot.axisY(ticks, { text: tickText, label })];
}
