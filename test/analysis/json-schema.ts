// A minimal JSON Schema checker for the keywords analysis.schema.json uses, so the
// schema is tested against real output without a validator dependency.
type Schema = Record<string, unknown>;

function typeOk(v: unknown, t: string): boolean {
  if (t === 'integer') return Number.isInteger(v);
  if (t === 'number') return typeof v === 'number' && Number.isFinite(v);
  if (t === 'null') return v === null;
  if (t === 'array') return Array.isArray(v);
  if (t === 'object') return typeof v === 'object' && v !== null && !Array.isArray(v);
  return typeof v === t;
}

/** Returns the paths and reasons where `value` breaks `schema`; empty when valid. */
export function validate(value: unknown, schema: Schema, root: Schema = schema, path = '$'): string[] {
  if (typeof schema.$ref === 'string') return validate(value, root.$defs ? (root.$defs as Record<string, Schema>)[schema.$ref.split('/').pop()!] : {}, root, path);
  const errs: string[] = [];
  if (schema.type !== undefined) {
    const types = ([] as string[]).concat(schema.type as string | string[]);
    if (!types.some((t) => typeOk(value, t))) return [`${path}: expected ${types.join('|')}, got ${JSON.stringify(value)?.slice(0, 40)}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errs.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (typeof schema.minimum === 'number' && typeof value === 'number' && value < schema.minimum) errs.push(`${path}: below minimum`);
  if (Array.isArray(schema.oneOf)) {
    const ok = (schema.oneOf as Schema[]).filter((s) => validate(value, s, root, path).length === 0).length;
    if (ok !== 1) errs.push(`${path}: matches ${ok} of oneOf`);
  }
  if (Array.isArray(value) && schema.items) value.forEach((x, i) => errs.push(...validate(x, schema.items as Schema, root, `${path}[${i}]`)));
  if (typeOk(value, 'object') && (schema.properties || schema.additionalProperties !== undefined)) errs.push(...validateObject(value as Record<string, unknown>, schema, root, path));
  return errs;
}

function validateObject(obj: Record<string, unknown>, schema: Schema, root: Schema, path: string): string[] {
  const errs: string[] = [];
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) errs.push(`${path}.${r}: missing`);
  for (const [k, v] of Object.entries(obj)) {
    if (props[k]) errs.push(...validate(v, props[k], root, `${path}.${k}`));
    else if (schema.additionalProperties === false) errs.push(`${path}.${k}: not in schema`);
    else if (typeof schema.additionalProperties === 'object') errs.push(...validate(v, schema.additionalProperties as Schema, root, `${path}.${k}`));
  }
  return errs;
}
