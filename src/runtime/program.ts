// One declaration per GPU program, from which everything a dispatch needs is derived: the
// storage binding declarations, the `Uniforms` struct and its packer (filled by name), the
// entry point with the folded-dispatch guard, and the pipeline key. As in onnxruntime-web's
// ProgramInfo/ShaderHelper, shapes travel in uniforms; the key is the program's name plus its
// variant, and the WGSL text is a function of the variant alone, so the key covers everything
// that changes the text by construction.
import { keyString, type DispatchSpec, type PipelineKey } from './kernel.js';
import { specialize, type Defs } from './wgsl-template.js';

export type Variant = Record<string, number | boolean | string>;
export type Scalar = 'u32' | 'i32' | 'f32';
/** A scalar, or [scalar, length] for an array (stored as array<vec4<T>, ceil(length / 4)>). */
export type UniformField = Scalar | readonly [Scalar, number];
export type UniformDecl = Record<string, UniformField>;
export type UniformValues<U extends UniformDecl> = { [K in keyof U]: U[K] extends Scalar ? number : readonly number[] };

export interface Binding {
  name: string;
  /** Element type of the array<...> view; f32 by default. */
  type?: string;
}

export interface ProgramDecl<V extends Variant, U extends UniformDecl> {
  name: string;
  /**
   * WGSL module code after the generated header, specialized by `#if`/`$NAME` over the variant
   * and `defs`. It defines `fn kernel(wg: u32, lid: u32)` (plus `sg: Subgroup` when `subgroups`),
   * called once per invocation of a real (unfolded) workgroup `wg`.
   */
  source: string;
  uniforms: U;
  /** Storage bindings in binding order; every one is read_write (see kernel.ts). */
  bindings(v: V): Binding[];
  workgroupSize(v: V): number;
  /** Derived template values; must depend on `v` only. */
  defs?(v: V): Defs;
  /** Module-scope directives (`enable subgroups;`, `diagnostic(...)`). */
  directives?(v: V): string[];
  /** Pass the subgroup builtins to `kernel` as `sg`. */
  subgroups?(v: V): boolean;
}

export interface DispatchArgs<V extends Variant, U extends UniformDecl> {
  variant: V;
  /** Tensor per binding name; undefined for bindings the variant leaves out. */
  tensors: Record<string, string | undefined>;
  uniforms: UniformValues<U>;
  workgroups: number;
  label: string;
  packs?: DispatchSpec['packs'];
}

export interface Program<V extends Variant, U extends UniformDecl> {
  readonly name: string;
  key(v: V): PipelineKey;
  wgsl(v: V): string;
  dispatch(args: DispatchArgs<V, U>): DispatchSpec;
}

/** The real workgroup count; the engine folds counts beyond the per-dimension limit into y. */
const NWG = 'nwg';
const MAX_UNIFORM_BYTES = 256;

interface FieldLayout {
  name: string;
  type: Scalar;
  /** Array length in scalars; 0 for a scalar. */
  length: number;
  offset: number;
}

export function uniformLayout(decl: UniformDecl): { fields: FieldLayout[]; size: number } {
  const fields: FieldLayout[] = [];
  let offset = 0;
  for (const [name, f] of Object.entries({ ...decl, [NWG]: 'u32' as const })) {
    const [type, length] = typeof f === 'string' ? [f, 0] : [f[0], f[1]];
    if (length) offset = Math.ceil(offset / 16) * 16;
    fields.push({ name, type, length, offset });
    offset += length ? Math.ceil(length / 4) * 16 : 4;
  }
  const size = Math.max(16, Math.ceil(offset / 16) * 16);
  if (size > MAX_UNIFORM_BYTES) throw new Error(`uniform block of ${size} bytes exceeds ${MAX_UNIFORM_BYTES}`);
  return { fields, size };
}

function structText(fields: FieldLayout[]): string {
  const members = fields.map((f) => `  ${f.name}: ${f.length ? `array<vec4<${f.type}>, ${Math.ceil(f.length / 4)}>` : f.type},`);
  const accessors = fields
    .filter((f) => f.length)
    .map((f) => `fn u_${f.name}(i: u32) -> ${f.type} { return u.${f.name}[i / 4u][i % 4u]; }`);
  return [`struct Uniforms {`, ...members, `}`, ...accessors].join('\n');
}

export function packUniforms(layout: { fields: FieldLayout[]; size: number }, values: Record<string, number | readonly number[]>): ArrayBuffer {
  const buf = new ArrayBuffer(layout.size);
  const view = new DataView(buf);
  const put = (type: Scalar, at: number, v: number) => {
    if (!Number.isFinite(v) && type !== 'f32') throw new Error(`uniform value ${v} is not a finite ${type}`);
    if (type === 'u32') view.setUint32(at, v >>> 0, true);
    else if (type === 'i32') view.setInt32(at, v | 0, true);
    else view.setFloat32(at, v, true);
  };
  const extra = Object.keys(values).filter((k) => !layout.fields.some((f) => f.name === k));
  if (extra.length) throw new Error(`uniforms ${extra.join(', ')} are not declared`);
  for (const f of layout.fields) {
    const v = values[f.name];
    if (v === undefined) throw new Error(`uniform '${f.name}' has no value`);
    if (!f.length) {
      if (typeof v !== 'number') throw new Error(`uniform '${f.name}' is a scalar`);
      put(f.type, f.offset, v);
      continue;
    }
    if (typeof v === 'number' || v.length > f.length) throw new Error(`uniform '${f.name}' takes at most ${f.length} values`);
    v.forEach((x, i) => put(f.type, f.offset + 4 * i, x));
  }
  return buf;
}

function bindingText(bindings: Binding[]): string {
  const lines = bindings.map((b, i) => `@group(0) @binding(${i}) var<storage, read_write> ${b.name}: array<${b.type ?? 'f32'}>;`);
  lines.push(`@group(0) @binding(${bindings.length}) var<uniform> u: Uniforms;`);
  return lines.join('\n');
}

const SUBGROUP_BUILTINS =
  ',\n  @builtin(subgroup_invocation_id) sg_lane: u32, @builtin(subgroup_size) sg_size: u32,\n  @builtin(subgroup_id) sg_id: u32, @builtin(num_subgroups) sg_count: u32';

function entryText(subgroups: boolean): string {
  return [
    subgroups ? 'struct Subgroup { lane: u32, size: u32, id: u32, count: u32 }\n' : '',
    '@compute @workgroup_size(WG)',
    `fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>${subgroups ? SUBGROUP_BUILTINS : ''}) {`,
    '  // Dispatches wider than maxComputeWorkgroupsPerDimension arrive folded into (x, y).',
    '  let wg = wid.x + wid.y * nwg.x;',
    '  if (wg >= u.nwg) { return; }',
    `  kernel(wg, lid${subgroups ? ', Subgroup(sg_lane, sg_size, sg_id, sg_count)' : ''});`,
    '}',
  ].join('\n');
}

export function defineProgram<V extends Variant, U extends UniformDecl>(decl: ProgramDecl<V, U>): Program<V, U> {
  const layout = uniformLayout(decl.uniforms);
  const texts = new Map<string, string>();
  const key = (v: V): PipelineKey => ({ kernel: decl.name, variant: { ...v } });
  const render = (v: V): string => {
    const wg = decl.workgroupSize(v);
    const subgroups = decl.subgroups?.(v) ?? false;
    const body = specialize(decl.source, { ...v, ...decl.defs?.(v), WG: wg });
    return [
      `// ${keyString(key(v))}`,
      ...(decl.directives?.(v) ?? []),
      structText(layout.fields),
      bindingText(decl.bindings(v)),
      `const WG: u32 = ${wg}u;`,
      body,
      entryText(subgroups),
    ].join('\n');
  };
  const wgsl = (v: V): string => {
    const k = keyString(key(v));
    let text = texts.get(k);
    if (text === undefined) texts.set(k, (text = render(v)));
    return text;
  };
  return {
    name: decl.name,
    key,
    wgsl,
    dispatch({ variant, tensors, uniforms, workgroups, label, packs }) {
      const bindings = decl.bindings(variant);
      const extra = Object.keys(tensors).filter((n) => tensors[n] !== undefined && !bindings.some((b) => b.name === n));
      if (extra.length) throw new Error(`${decl.name}: tensors given for undeclared bindings ${extra.join(', ')}`);
      const ordered = bindings.map((b) => tensors[b.name] ?? fail(`${decl.name}: binding '${b.name}' has no tensor`));
      // Two writable bindings of one buffer range are a validation error; the program must bind it once.
      const twice = ordered.find((t, i) => ordered.indexOf(t) !== i);
      if (twice) throw new Error(`${decl.name} (${label}): tensor '${twice}' is bound twice; declare a variant that binds it once`);
      const packed = packUniforms(layout, { ...uniforms, [NWG]: workgroups });
      const bindingNames = bindings.map((b) => b.name);
      const unknown = Object.keys(packs ?? {}).filter((n) => !bindingNames.includes(n));
      if (unknown.length) throw new Error(`${decl.name}: packs for undeclared bindings ${unknown.join(', ')}`);
      return { key: key(variant), shader: wgsl(variant), tensors: ordered, uniforms: packed, workgroups, label, packs, bindingNames };
    },
  };
}

function fail(message: string): never {
  throw new Error(message);
}
