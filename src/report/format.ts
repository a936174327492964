// Number formatting shared by the terminal summary, the CSV-free tables and the HTML report.
// "MB" is 2^20 bytes throughout, as in the seed notebook.

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

export const configName = (c: { batch: number; size: number }): string => `b${c.batch}@${c.size}`;
