// Number formatting shared by the terminal summary, the CSV-free tables and the HTML report.
// "MB" is 2^20 bytes throughout, as in the seed notebook.
import { pointLabel } from '../results/labels.js';
import type { Environment, InputShapes } from '../results/types.js';

export const MiB = 2 ** 20;

export function mb(bytes: number | null | undefined, digits = 2): string {
  return bytes === null || bytes === undefined ? '-' : (bytes / MiB).toFixed(digits);
}

export function ms(v: number | null | undefined, digits?: number): string {
  if (v === null || v === undefined) return '-';
  const d = digits ?? (v >= 100 ? 0 : v >= 10 ? 1 : v >= 1 ? 2 : 3);
  return v.toFixed(d);
}

export function ratio(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined ? '-' : v.toFixed(digits);
}

export function yesNo(v: boolean | null | undefined): string {
  return v === null || v === undefined ? '-' : v ? 'yes' : 'NO';
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** b1@256, or the input shapes where batch and size do not say it all; then the form, if any. */
export const configName = (c: { batch: number; size: number | null; inputShapes?: InputShapes; form?: string }): string => `${pointLabel(c)}${c.form ? ` ${c.form}` : ''}`;

/** The host a run came from; documents from before hosts were recorded all came from the browser. */
export function hostText(e: Pick<Environment, 'host'>): string {
  return e.host === 'node' ? 'Node (Dawn through the webgpu package, no browser)' : 'browser';
}

/** Every field of GPUAdapterInfo a run records, named, so two adapters can be told apart. */
export function adapterText(e: Pick<Environment, 'adapter'>): string {
  const a = e.adapter;
  const fields = [
    ['vendor', a.vendor],
    ['architecture', a.architecture],
    ['device', a.device],
    ['description', a.description],
  ].filter(([, v]) => v);
  const named = fields.map(([k, v]) => `${k} ${v}`).join(', ') || 'unknown';
  return a.isFallbackAdapter ? `${named} (fallback adapter)` : named;
}

/** Significant digits for rates that span decades (0.012 GB/s to 30 GFLOP/s). */
export function rate(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '-';
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toPrecision(2);
}

export function percent(fraction: number | null | undefined, digits = 0): string {
  return fraction === null || fraction === undefined ? '-' : `${(fraction * 100).toFixed(digits)}%`;
}

/** A signed change as a percentage: +12.5%, -71.5%. */
export function signedPercent(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined) return '-';
  return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(digits)}%`;
}

export function times(v: number | null | undefined): string {
  return v === null || v === undefined ? '-' : `${v.toFixed(2)}x`;
}

/** Bytes with a unit that fits: KiB under 1 MiB, else MiB. */
export function size(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '-';
  return bytes >= MiB ? `${(bytes / MiB).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** encoder3.prcm.gate -> e3.gate: short enough to label a point in a chart. */
export function shortNode(name: string): string {
  return name
    .replace(/^encoder(\d)/, 'e$1')
    .replace(/^decoder(\d)/, 'd$1')
    .replace('.prcm.', '.')
    .replace(/^final\.conv$/, 'final')
    .replace(/^output$/, 'out');
}
