// Combinators for the structural validation of the results document: each check appends
// problems (with a JSON path) to a list instead of throwing, so all are reported at once.

export type Check = (v: unknown, path: string, out: string[]) => void;

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const num: Check = (v, p, out) => void (typeof v !== 'number' || !Number.isFinite(v) ? out.push(`${p}: expected a finite number`) : 0);
export const bool: Check = (v, p, out) => void (typeof v !== 'boolean' ? out.push(`${p}: expected a boolean`) : 0);
export const str: Check = (v, p, out) => void (typeof v !== 'string' ? out.push(`${p}: expected a string`) : 0);
export const nullable =
  (c: Check): Check =>
  (v, p, out) =>
    v === null ? undefined : c(v, p, out);
export const oneOf =
  (...xs: string[]): Check =>
  (v, p, out) =>
    void (!xs.includes(v as string) ? out.push(`${p}: expected one of ${xs.join(', ')}, got ${JSON.stringify(v)}`) : 0);
export const arrayOf =
  (c: Check): Check =>
  (v, p, out) => {
    if (!Array.isArray(v)) out.push(`${p}: expected an array`);
    else v.forEach((x, i) => c(x, `${p}[${i}]`, out));
  };
/** Required fields, plus optional ones checked only when present (fields added later). */
export const obj =
  (fields: Record<string, Check>, optional: Record<string, Check> = {}): Check =>
  (v, p, out) => {
    if (!isObj(v)) {
      out.push(`${p}: expected an object`);
      return;
    }
    for (const [k, c] of Object.entries(fields)) {
      if (!(k in v)) out.push(`${p}.${k}: missing`);
      else c(v[k], `${p}.${k}`, out);
    }
    for (const [k, c] of Object.entries(optional)) if (k in v) c(v[k], `${p}.${k}`, out);
  };
export const record =
  (c: Check): Check =>
  (v, p, out) => {
    if (!isObj(v)) out.push(`${p}: expected an object`);
    else for (const [k, x] of Object.entries(v)) c(x, `${p}.${k}`, out);
  };

/** A median/p10/p90 summary, or null where there was no usable sample. */
export const stats: Check = nullable(obj({ median: num, p10: num, p90: num }));
