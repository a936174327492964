// Depthwise KxK conv (the network's hot kernel): group == Cin == Cout, odd square K,
// stride 1, "same" pads, optional bias / ReLU / prescale. See dwconv.wgsl.
import type { Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { defineProgram } from '../../../runtime/program.js';
import source from './dwconv.wgsl?raw';
import { activationSupported, convBindings, convGeometry, convTensors, epilogue, epilogueVariant, isSquareOdd, unitStrideNoDilation, type ConvGeometry, type EpilogueVariant } from './geometry.js';

export type DwVariant = {
  K: number;
  /** Output rows per invocation: input rows are loaded once and reused across them. */
  rows: number;
  /** Output vec4 column groups per invocation: neighbouring windows share their loads. */
  cols: number;
  aligned: boolean;
  bias: boolean;
  scale: boolean;
  wg: number;
} & EpilogueVariant;

// SwiftShader, 1x24x256x256 K=7 (best of interleaved runs): rows x cols 1x1 128 ms, 2x1 95 ms,
// 4x1 84 ms, 2x2 84 ms, 4x2 76 ms, 2x3 86 ms; wg 256 no better. 2x2 keeps register use modest
// (4 accumulators + a 4-vec4 window) for real GPUs at nearly the best CPU time.
export const DW_DEFAULTS = { rows: 2, cols: 2, wg: 64 };

/** Tile sizes offered to the tuner, the default first. */
export const DW_TILES: Record<string, typeof DW_DEFAULTS> = {
  r2c2: DW_DEFAULTS,
  r4c2: { rows: 4, cols: 2, wg: 64 },
  r1c1: { rows: 1, cols: 1, wg: 64 },
};

export function dwAccepts(g: ConvGeometry): boolean {
  const P = (g.KH - 1) / 2;
  return (
    g.group === g.C &&
    g.OC === g.C &&
    isSquareOdd(g) &&
    unitStrideNoDilation(g) &&
    g.pads.every((p) => p === P)
  );
}

const COMP = ['x', 'y', 'z', 'w'];

/** WGSL for input columns x0+d .. x0+d+3, taken from the window v0, v1, ... that starts at column x0-4S. */
function shifted(d: number, S: number): string {
  const parts = [0, 1, 2, 3].map((j) => {
    const r = d + j + 4 * S;
    return { v: Math.floor(r / 4), c: COMP[r % 4] };
  });
  if (parts.every((p) => p.v === parts[0].v) && parts[0].c === 'x') return `v${parts[0].v}`;
  return `vec4<f32>(${parts.map((p) => `v${p.v}.${p.c}`).join(', ')})`;
}

/** One input row: load its window, then every tap of every output it feeds. */
function rowCode(j: number, v: DwVariant): string {
  const P = (v.K - 1) / 2;
  const S = Math.ceil(P / 4);
  const loads = [];
  for (let k = -S; k < S + v.cols; k++) {
    const at = k === 0 ? 'ldc(row, q)' : `ld(row, q ${k < 0 ? '-' : '+'} ${Math.abs(k)})`;
    loads.push(`      let v${k + S} = ${at};`);
  }
  const taps = [];
  for (let r = 0; r < v.rows; r++) {
    const ky = j - r;
    if (ky < 0 || ky >= v.K) continue;
    for (let kx = 0; kx < v.K; kx++) {
      for (let m = 0; m < v.cols; m++) taps.push(`      a${r}_${m} += w[wb + ${ky * v.K + kx}u] * ${shifted(kx - P + 4 * m, S)};`);
    }
  }
  return ['  {', `    let iy = oy ${j - P < 0 ? '-' : '+'} ${Math.abs(j - P)};`, '    if (iy >= 0 && iy < i32(u.H)) {', '      let row = plane + u32(iy);', ...loads, ...taps, '    }', '  }'].join('\n');
}

const LOADER_ALIGNED = `// Vec4 slot q of a row, zero outside the row.
fn ld(row: u32, q: i32) -> vec4<f32> {
  let inRow = q >= 0 && q < i32(u.W4);
  return select(vec4<f32>(0.0), x[row * u.W4 + u32(clamp(q, 0, i32(u.W4) - 1))], inRow);
}
fn ldc(row: u32, q: i32) -> vec4<f32> { return x[row * u.W4 + u32(q)]; }`;

const LOADER_UNALIGNED = `fn at(base: u32, col: i32) -> f32 {
  return select(0.0, x[base + u32(clamp(col, 0, i32(u.W) - 1))], col >= 0 && col < i32(u.W));
}
// Columns 4q .. 4q+3 of a row, zero outside the row.
fn ld(row: u32, q: i32) -> vec4<f32> {
  let base = row * u.W;
  let c0 = q * 4;
  return vec4<f32>(at(base, c0), at(base, c0 + 1), at(base, c0 + 2), at(base, c0 + 3));
}
fn ldc(row: u32, q: i32) -> vec4<f32> { return ld(row, q); }`;

function storeCode(v: DwVariant): string {
  const out = [];
  for (let r = 0; r < v.rows; r++) {
    for (let m = 0; m < v.cols; m++) {
      const at = v.aligned ? `((plane + u32(oy + ${r})) * u.W4 + u32(q + ${m})) * 4u` : `(plane + u32(oy + ${r})) * u.W + u32((q + ${m}) * 4)`;
      const epi = epilogue(v, { scale: v.scale ? 's[nc]' : undefined, bias: v.bias ? 'b[c]' : undefined, at });
      const write = v.aligned
        ? `    y[(plane + u32(oy + ${r})) * u.W4 + u32(q + ${m})] = acc;`
        : [
            `    let base = (plane + u32(oy + ${r})) * u.W;`,
            ...[0, 1, 2, 3].map((j) => `    if ((q + ${m}) * 4 + ${j} < i32(u.W)) { y[base + u32((q + ${m}) * 4 + ${j})] = acc.${COMP[j]}; }`),
          ].join('\n');
      const guards = [...(v.rows > 1 ? [`oy + ${r} < i32(u.H)`] : []), ...(m > 0 ? [`q + ${m} < i32(u.W4)`] : [])];
      const guard = guards.length ? `if (${guards.join(' && ')}) ` : '';
      out.push(`  ${guard}{\n    var acc = a${r}_${m};\n    ${epi}\n${write}\n  }`);
    }
  }
  return out.join('\n');
}

function accDecls(v: DwVariant): string {
  const out = [];
  for (let r = 0; r < v.rows; r++) for (let m = 0; m < v.cols; m++) out.push(`  var a${r}_${m} = vec4<f32>(0.0);`);
  return out.join('\n');
}

export const dwProgram = defineProgram({
  name: 'dwconv',
  source,
  uniforms: { C: 'u32', H: 'u32', W: 'u32', W4: 'u32', WC: 'u32', HR: 'u32', total: 'u32' },
  bindings: (v: DwVariant) => convBindings(v, v.aligned ? 'vec4<f32>' : 'f32', v.aligned ? 'vec4<f32>' : 'f32'),
  workgroupSize: (v) => v.wg,
  defs(v) {
    const body = [];
    for (let j = 0; j < v.K + v.rows - 1; j++) body.push(rowCode(j, v));
    return {
      LOADER: v.aligned ? LOADER_ALIGNED : LOADER_UNALIGNED,
      ROWS: v.rows,
      COLS: v.cols,
      KK: v.K * v.K,
      ACCS: accDecls(v),
      BODY: body.join('\n'),
      STORE: storeCode(v),
    };
  },
});

export function dwDispatch(node: Node, ctx: KernelContext, tuning = DW_DEFAULTS): DispatchSpec {
  const g = convGeometry(node, ctx);
  const v: DwVariant = {
    K: g.KH,
    rows: Math.min(tuning.rows, g.H),
    cols: Math.min(tuning.cols, Math.ceil(g.W / 4)),
    aligned: g.W % 4 === 0,
    bias: Boolean(g.bias),
    scale: Boolean(g.scale),
    wg: tuning.wg,
    ...epilogueVariant(g),
  };
  const W4 = Math.ceil(g.W / 4);
  const WC = Math.ceil(W4 / v.cols);
  const HR = Math.ceil(g.H / v.rows);
  const total = g.N * g.C * HR * WC;
  return dwProgram.dispatch({
    variant: v,
    tensors: convTensors(g),
    uniforms: { C: g.C, H: g.H, W: g.W, W4, WC, HR, total },
    workgroups: Math.ceil(total / v.wg),
    label: `${node.name} dwconv k${g.KH}`,
  });
}

export const dwconvKernel: Kernel = {
  name: 'dwconv',
  ops: ['conv2d'],
  accepts: (node, ctx) => activationSupported(node) && dwAccepts(convGeometry(node, ctx)),
  variants: () => Object.keys(DW_TILES),
  dispatches: (node, ctx, variant) => [dwDispatch(node, ctx, DW_TILES[variant ?? 'r2c2'])],
};
