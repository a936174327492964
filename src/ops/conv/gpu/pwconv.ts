// Pointwise (1x1) conv: the channel-changing convs of every block and the final conv.
// Optional bias / ReLU / prescale. See pwconv.wgsl; the workgroup-memory GEMM variants are in
// pwconv-wg.ts, the subgroup-shared-weight variant in pwconv-sg.ts.
import type { Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { isPackable } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import { WG_TILES, wgTileNames, type WgTile } from '../../matmul/gpu/wg-tile.js';
import { canUseSubgroups } from '../../reduce/gpu/rows.js';
import source from './pwconv.wgsl?raw';
import { pwSgDispatch, type SgTile } from './pwconv-sg.js';
import { pwWgDispatch } from './pwconv-wg.js';
import { activationSupported, convBindings, convGeometry, convTensors, epilogue, epilogueVariant, unitStrideNoDilation, type ConvGeometry, type EpilogueVariant } from './geometry.js';

export type PwVariant = {
  /** Output channels per invocation (divides Cout with [co][ci] weights, a multiple of 4 with [ci][co]). */
  co: number;
  /** Pixel vec4s per invocation. */
  px: number;
  aligned: boolean;
  /** Weights packed [ci][co] and read as vec4s over co (else [co][ci] scalars). */
  wio: boolean;
  /** With wio: Cout % 4 == 0, so the packed rows are vec4-aligned. */
  wvec4: boolean;
  /** With wio: the last channel tile runs past Cout. */
  cotail: boolean;
  bias: boolean;
  scale: boolean;
  wg: number;
} & EpilogueVariant;

// The [co][ci] program's tile bounds (variant co8px2). SwiftShader, best of interleaved runs, co x px:
// 24->48@128: 4x1 20.3 ms, 8x1 14.6, 8x2 10.4, 4x4 11.7, 8x4 9.4, 16x2 9.1;
// 3->24@256: 8x1 6.0, 8x2 4.6; 48->64@64: 8x1 9.1, 8x2 6.4, 8x4 5.5. 8x2 is near the best
// with half the accumulators of 8x4 / 16x2.
export const PW_DEFAULTS = { co: 8, px: 2, wg: 64 };

export function pwAccepts(g: ConvGeometry): boolean {
  return g.group === 1 && g.KH === 1 && g.KW === 1 && unitStrideNoDilation(g) && g.pads.every((p) => p === 0);
}

const COMP = ['x', 'y', 'z', 'w'];

const LOADER_ALIGNED = `// Pixel vec4 q of a plane, zero past its end.
fn ld(plane: u32, q: i32) -> vec4<f32> {
  return select(vec4<f32>(0.0), x[plane * u.HW4 + u32(min(q, i32(u.HW4) - 1))], q < i32(u.HW4));
}`;

const LOADER_UNALIGNED = `fn at(base: u32, i: i32) -> f32 {
  return select(0.0, x[base + u32(min(i, i32(u.HW) - 1))], i < i32(u.HW));
}
// Pixels 4q .. 4q+3 of a plane, zero past its end.
fn ld(plane: u32, q: i32) -> vec4<f32> {
  let base = plane * u.HW;
  let i = q * 4;
  return vec4<f32>(at(base, i), at(base, i + 1), at(base, i + 2), at(base, i + 3));
}`;

function loads(v: PwVariant): string {
  const scale = v.scale ? ' * s[plane]' : '';
  return Array.from({ length: v.px }, (_, m) => `    let x${m} = ld(plane, q + ${m})${scale};`).join('\n');
}

function taps(v: PwVariant): string {
  return v.wio ? tapsIo(v) : tapsOi(v);
}

function tapsOi(v: PwVariant): string {
  const out = ['    let wb = co0 * u.Cin + ci;'];
  for (let c = 0; c < v.co; c++) {
    out.push(`    let w${c} = w[wb + ${c}u * u.Cin];`);
    for (let m = 0; m < v.px; m++) out.push(`    a${c}_${m} += w${c} * x${m};`);
  }
  return out.join('\n');
}

// Packed [ci][co]: one vec4 of weights holds 4 output channels of this input channel.
function tapsIo(v: PwVariant): string {
  const out = ['    let wb = ci * u.Cout + co0;'];
  for (let k = 0; k < v.co / 4; k++) {
    out.push(v.wvec4 ? `    let wv${k} = w[wb / 4u + ${k}u];` : `    let wv${k} = wq(wb + ${4 * k}u, co0 + ${4 * k}u);`);
    for (let j = 0; j < 4; j++) {
      for (let m = 0; m < v.px; m++) out.push(`    a${4 * k + j}_${m} += wv${k}.${COMP[j]} * x${m};`);
    }
  }
  return out.join('\n');
}

// 4 packed weights from flat index i, for output channels co .. co+3, zero past Cout.
const WQ = `fn wq(i: u32, co: u32) -> vec4<f32> {
  let last = u.Cin * u.Cout - 1u;
  return vec4<f32>(
    select(0.0, w[min(i, last)], co < u.Cout), select(0.0, w[min(i + 1u, last)], co + 1u < u.Cout),
    select(0.0, w[min(i + 2u, last)], co + 2u < u.Cout), select(0.0, w[min(i + 3u, last)], co + 3u < u.Cout));
}`;

function storeCode(v: PwVariant): string {
  const out = [];
  for (let c = 0; c < v.co; c++) {
    for (let m = 0; m < v.px; m++) {
      const at = v.aligned ? `((n * u.Cout + co) * u.HW4 + u32(q + ${m})) * 4u` : `(n * u.Cout + co) * u.HW + u32((q + ${m}) * 4)`;
      const epi = epilogue(v, { bias: v.bias ? 'b[co]' : undefined, at });
      const write = v.aligned
        ? `    y[(n * u.Cout + co) * u.HW4 + u32(q + ${m})] = acc;`
        : [
            `    let base = (n * u.Cout + co) * u.HW;`,
            ...[0, 1, 2, 3].map((j) => `    if ((q + ${m}) * 4 + ${j} < i32(u.HW)) { y[base + u32((q + ${m}) * 4 + ${j})] = acc.${COMP[j]}; }`),
          ].join('\n');
      const guards = [m > 0 ? `q + ${m} < i32(u.HW4)` : '', v.cotail && c > 0 ? `co0 + ${c}u < u.Cout` : ''].filter(Boolean);
      const guard = guards.length ? `if (${guards.join(' && ')}) ` : '';
      out.push(`  ${guard}{\n    let co = co0 + ${c}u;\n    var acc = a${c}_${m};\n    ${epi}\n${write}\n  }`);
    }
  }
  return out.join('\n');
}

export const pwProgram = defineProgram({
  name: 'pwconv',
  source,
  uniforms: { Cin: 'u32', Cout: 'u32', HW: 'u32', HW4: 'u32', PG: 'u32', COG: 'u32', total: 'u32' },
  bindings: (v: PwVariant) => {
    const b = convBindings(v, v.aligned ? 'vec4<f32>' : 'f32', v.aligned ? 'vec4<f32>' : 'f32');
    return v.wio && v.wvec4 ? b.map((x) => (x.name === 'w' ? { name: 'w', type: 'vec4<f32>' } : x)) : b;
  },
  workgroupSize: (v) => v.wg,
  defs(v) {
    const accs = [];
    for (let c = 0; c < v.co; c++) for (let m = 0; m < v.px; m++) accs.push(`  var a${c}_${m} = vec4<f32>(0.0);`);
    const loader = [v.aligned ? LOADER_ALIGNED : LOADER_UNALIGNED, v.wio && !v.wvec4 ? WQ : ''].join('\n');
    return { LOADER: loader, PX: v.px, CO: v.co, ACCS: accs.join('\n'), LOADS: loads(v), TAPS: taps(v), STORE: storeCode(v) };
  },
});

/** Largest power of two <= max that divides n. */
function channelTile(n: number, max: number): number {
  let t = 1;
  while (t * 2 <= max && n % (t * 2) === 0) t *= 2;
  return t;
}

/** A register-tiled program: weight layout and the co x px tile (co an upper bound for [co][ci]). */
interface PwRegisterTile {
  wio: boolean;
  co: number;
  px: number;
}

/**
 * A named program: a register tile (pwconv.wgsl), a workgroup-memory tile (pwconv-wg.wgsl) or
 * a register tile with subgroup-shared weight loads (pwconv-sg.wgsl).
 */
type PwTile = PwRegisterTile | { wg: WgTile } | { sg: SgTile };

const isWg = (t: PwTile): t is { wg: WgTile } => 'wg' in t;
const isSg = (t: PwTile): t is { sg: SgTile } => 'sg' in t;

/** Which program a PW_TILES name runs: register tiles, workgroup-memory tiles or subgroup-shared weights. */
export function pwTileKind(name: string): 'register' | 'workgroup' | 'subgroup' {
  const t = PW_TILES[name];
  if (!t) throw new Error(`pwconv has no variant '${name}' (known: ${Object.keys(PW_TILES).join(', ')})`);
  return isWg(t) ? 'workgroup' : isSg(t) ? 'subgroup' : 'register';
}

// The first is the default; io = packed [ci][co] weights, CO x PX. SwiftShader here, interleaved
// rounds on a heavily shared machine (CONV_TIMINGS=1, 'pwconv variants'): io16x2 had the best
// fastest-time at 6 of 10 network / zoo shapes, io8x4 at 3; the spread between the top variants
// was within the run-to-run noise. A register-only microbenchmark of the same tile
// (GEMM_CEILING=1) runs about 1.5-2x faster than the tile with its loads: loads limit it.
export const PW_TILES: Record<string, PwTile> = {
  io16x2: { wio: true, co: 16, px: 2 },
  io8x4: { wio: true, co: 8, px: 4 },
  io8x2: { wio: true, co: 8, px: 2 },
  io4x4: { wio: true, co: 4, px: 4 },
  // The program before packed weights: [co][ci] scalar weight loads.
  co8px2: { wio: false, co: PW_DEFAULTS.co, px: PW_DEFAULTS.px },
  // Workgroup-memory GEMM tiles (pwconv-wg.wgsl), packed [ci][co] weights: candidates for GPUs
  // with fast workgroup memory; on SwiftShader they lose (see the timings below).
  ...Object.fromEntries(Object.entries(WG_TILES).map(([name, wg]) => [name, { wg }])),
  // io8x2's tile with the weights loaded once per subgroup and shuffled (devices with subgroups).
  sg8x2: { sg: { co: 8, px: 2 } },
};

// The shared-tile variants against the default on SwiftShader, GFLOP/s of the fastest of 5
// interleaved rounds (CONV_TIMINGS=1 PW_SHAPES=24x48x128,48x64x64,128x192x8,144x24x56,192x64x14
// npx vitest run test/gpu/conv.test.ts -t 'pwconv variants'), on a machine shared with other
// runs (load average 5-6 on 2 cores; the FMA roof measured 6-10 GFLOP/s):
//                io16x2  io8x2  wg32x32k8  wg64x64k8r8x8  sg8x2
//   24->48@128    0.98   0.86     0.13        0.25         0.64
//   48->64@64     0.92   0.70     0.18        0.58         0.72
//   128->192@8    1.75   0.90     0.27        0.50         0.11
//   144->24@56    1.30   1.25     0.27        0.24         0.99
//   192->64@14    1.01   1.32     0.43        0.54         0.42
// The workgroup tiles run 1.6-7.5x behind the default (workgroup memory is slow on SwiftShader);
// sg8x2 is near io8x2 on large planes and far behind on small ones, where a 64-invocation
// workgroup over one plane leaves most lanes idle. A 64x64 tile of 4x4 per invocation (256
// invocations) measured 0.07-0.34 in an earlier, busier run and was left out (see WG_TILES).

/** [co][ci] (OIHW with 1x1, or OIW) -> [ci][co]. */
export function packIo(data: Float32Array, shape: readonly number[]): Float32Array {
  const [OC, C] = shape;
  const out = new Float32Array(data.length);
  for (let co = 0; co < OC; co++) for (let ci = 0; ci < C; ci++) out[ci * OC + co] = data[co * C + ci];
  return out;
}

const IO_PACK = { tag: 'io', pack: packIo };

export function pwDispatch(node: Node, ctx: KernelContext, tile: PwTile = PW_TILES[Object.keys(PW_TILES)[0]]): DispatchSpec {
  const g = convGeometry(node, ctx);
  if (isWg(tile)) return pwWgDispatch(g, tile.wg, node.name, IO_PACK);
  if (isSg(tile)) return pwSgDispatch(g, tile.sg, node.name, IO_PACK);
  const HW = g.H * g.W;
  const HW4 = Math.ceil(HW / 4);
  const co = tile.wio ? Math.min(tile.co, Math.ceil(g.OC / 4) * 4) : channelTile(g.OC, tile.co);
  const v: PwVariant = {
    co,
    px: Math.min(tile.px, HW4),
    aligned: HW % 4 === 0,
    wio: tile.wio,
    wvec4: tile.wio && g.OC % 4 === 0,
    cotail: tile.wio && g.OC % co !== 0,
    bias: Boolean(g.bias),
    scale: Boolean(g.scale),
    wg: PW_DEFAULTS.wg,
    ...epilogueVariant(g),
  };
  const PG = Math.ceil(HW4 / v.px);
  const COG = Math.ceil(g.OC / v.co);
  const total = g.N * COG * PG;
  return pwProgram.dispatch({
    variant: v,
    tensors: convTensors(g),
    uniforms: { Cin: g.C, Cout: g.OC, HW, HW4, PG, COG, total },
    workgroups: Math.ceil(total / v.wg),
    label: `${node.name} pwconv ${g.C}->${g.OC}`,
    packs: tile.wio ? { w: IO_PACK } : undefined,
  });
}

// Packed [ci][co] tiles need the weight's data at plan time; a weight fed at run time takes
// [co][ci]. Workgroup tiles (packed) also need the device's invocations per workgroup, and
// subgroup tiles (packed) the subgroups feature.
function pwVariants(node: Node, ctx: KernelContext): string[] {
  const packable = isPackable(ctx, node.inputs[1]);
  const wgFits = new Set(wgTileNames(ctx.limits));
  const subgroups = canUseSubgroups(ctx);
  return Object.keys(PW_TILES).filter((name) => {
    const t = PW_TILES[name];
    if (isWg(t)) return packable && wgFits.has(name);
    if (isSg(t)) return packable && subgroups;
    return packable || !t.wio;
  });
}

function tileOf(node: Node, ctx: KernelContext, variant: string | undefined): PwTile {
  const offered = pwVariants(node, ctx);
  const name = variant ?? offered[0];
  if (!offered.includes(name)) throw new Error(`pwconv has no variant '${name}' here; it offers ${offered.join(', ')}`);
  return PW_TILES[name];
}

export const pwconvKernel: Kernel = {
  name: 'pwconv',
  ops: ['conv2d'],
  accepts: (node, ctx) => activationSupported(node) && pwAccepts(convGeometry(node, ctx)),
  variants: pwVariants,
  dispatches: (node, ctx, variant) => [pwDispatch(node, ctx, tileOf(node, ctx, variant))],
};
