// A unary kind as a fused epilogue: the WGSL a kernel applies to its result `v` (of the kernel's
// alias type T) before storing it.
// - fusableActivation/activationExpr: kinds whose WGSL is one expression with neither parameters
//   nor helper functions (what the element-wise programs splice into their text).
// - epilogueActivation/epilogueStatements: any unary kind, its parameters baked into the text
//   and its helper functions inlined as statements (what the conv epilogue takes).
// A fused activation's own attributes travel on the host node as `activation.<name>`.
import type { Attrs } from '../../graph/ir.js';
import { unaryRow } from './op.js';

export function fusableActivation(act: string): boolean {
  if (act === 'none') return true;
  const row = unaryRow(act);
  return row !== undefined && row.params === undefined && row.helpers === undefined;
}

export function activationExpr(act: string): string {
  if (act === 'none') return 'v';
  if (!fusableActivation(act)) throw new Error(`activation '${act}' cannot be fused into a kernel epilogue`);
  return unaryRow(act)!.wgsl;
}

const PREFIX = 'activation.';

/** The fused activation's attributes (prefix stripped), as its own op reads them. */
export function activationAttrs(attrs: Attrs): Attrs {
  return Object.fromEntries(Object.entries(attrs).filter(([k]) => k.startsWith(PREFIX)).map(([k, v]) => [k.slice(PREFIX.length), v]));
}

/** Sets `kind` as the host's fused activation, carrying the activation node's attributes. */
export function setActivation(host: Attrs, kind: string, actAttrs: Attrs): void {
  host.activation = kind;
  for (const [k, v] of Object.entries(actAttrs)) host[PREFIX + k] = v;
}

/** Any unary kind fuses into the conv epilogue. */
export function epilogueActivation(act: string): boolean {
  return act === 'none' || unaryRow(act) !== undefined;
}

/** The two WGSL parameters of the kind (0 when it has none), from the activation's attributes. */
export function activationParams(act: string, actAttrs: Attrs): [number, number] {
  return act === 'none' ? [0, 0] : (unaryRow(act)?.params?.(actAttrs) ?? [0, 0]);
}

/** An exact f32 literal of any float32 value (FLT_MAX, infinities included). */
function f32Literal(x: number): string {
  const bits = new Uint32Array(new Float32Array([x]).buffer)[0];
  return `bitcast<f32>(0x${bits.toString(16).padStart(8, '0')}u)`;
}

interface HelperFn {
  name: string;
  param: string;
  body: string;
  result: string;
}

/** Splits `fn NAME(P: T) -> T { BODY return R; }` texts (one return, at the end). */
function parseHelpers(text: string): HelperFn[] {
  const out: HelperFn[] = [];
  const re = /fn (\w+)\((\w+): T\) -> T \{([\s\S]*?)\n\s*return ([^;]+);\s*\n\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ name: m[1], param: m[2], body: m[3], result: m[4] });
  return out;
}

/**
 * WGSL statements replacing `acc` (a `ty`, e.g. vec4<f32>) by act(acc). Parameters become exact
 * literals; each helper call (innermost first) becomes a block assigning a local.
 */
export function epilogueStatements(act: string, params: [number, number], acc: string, ty: string): string {
  if (act === 'none') return '';
  const row = unaryRow(act);
  if (!row) throw new Error(`activation '${act}' is not a unary op kind; it cannot be fused into a kernel epilogue`);
  const typed = (s: string) => s.replace(/\bT\(/g, `${ty}(`);
  let expr = row.wgsl.replace(/\bu\.alpha\b/g, f32Literal(params[0])).replace(/\bu\.beta\b/g, f32Literal(params[1]));
  const helpers = parseHelpers(row.helpers ?? '');
  const lines: string[] = [];
  for (let k = 0; ; k++) {
    const call = helpers
      .map((h) => ({ h, m: new RegExp(`\\b${h.name}\\(((?:[^()]|\\([^()]*\\))*)\\)`).exec(expr) }))
      .find(({ m }) => m && !helpers.some((o) => m[1].includes(`${o.name}(`)));
    if (!call) break;
    const local = `ep_${k}`;
    lines.push(`var ${local}: ${ty}; { let ${call.h.param} = ${call.m![1]};${typed(call.h.body)}\n ${local} = ${typed(call.h.result)}; }`);
    expr = expr.replace(call.m![0], local);
  }
  if (helpers.some((h) => expr.includes(`${h.name}(`))) throw new Error(`activation '${act}': helper calls could not be inlined`);
  return `{ let v = ${acc}; ${lines.join(' ')} ${acc} = ${typed(expr)}; }`;
}
