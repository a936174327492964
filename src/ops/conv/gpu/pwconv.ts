// Pointwise (1x1) conv: the channel-changing convs of every block and the final conv.
// Optional bias / ReLU / prescale. See pwconv.wgsl.
import type { Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { defineProgram } from '../../../runtime/program.js';
import source from './pwconv.wgsl?raw';
import { activationSupported, convBindings, convGeometry, convTensors, epilogue, epilogueVariant, unitStrideNoDilation, type ConvGeometry, type EpilogueVariant } from './geometry.js';

export type PwVariant = {
  /** Output channels per invocation (divides Cout). */
  co: number;
  /** Pixel vec4s per invocation. */
  px: number;
  aligned: boolean;
  bias: boolean;
  scale: boolean;
  wg: number;
} & EpilogueVariant;

// Upper bounds for the per-invocation tile. SwiftShader, best of interleaved runs, co x px:
// 24->48@128: 4x1 20.3 ms, 8x1 14.6, 8x2 10.4, 4x4 11.7, 8x4 9.4, 16x2 9.1;
// 3->24@256: 8x1 6.0, 8x2 4.6; 48->64@64: 8x1 9.1, 8x2 6.4, 8x4 5.5. 8x2 is near the best
// with half the accumulators of 8x4 / 16x2.
export const PW_DEFAULTS = { co: 8, px: 2, wg: 64 };

/** Tile sizes offered to the tuner, the default first. */
export const PW_TILES: Record<string, typeof PW_DEFAULTS> = {
  co8px2: PW_DEFAULTS,
  co4px1: { co: 4, px: 1, wg: 64 },
  co8px4: { co: 8, px: 4, wg: 64 },
};

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
  const out = [];
  for (let c = 0; c < v.co; c++) {
    out.push(`    let w${c} = w[wb + ${c}u * u.Cin];`);
    for (let m = 0; m < v.px; m++) out.push(`    a${c}_${m} += w${c} * x${m};`);
  }
  return out.join('\n');
}

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
      const guard = m > 0 ? `if (q + ${m} < i32(u.HW4)) ` : '';
      out.push(`  ${guard}{\n    let co = co0 + ${c}u;\n    var acc = a${c}_${m};\n    ${epi}\n${write}\n  }`);
    }
  }
  return out.join('\n');
}

export const pwProgram = defineProgram({
  name: 'pwconv',
  source,
  uniforms: { Cin: 'u32', Cout: 'u32', HW: 'u32', HW4: 'u32', PG: 'u32', COG: 'u32', total: 'u32' },
  bindings: (v: PwVariant) => convBindings(v, v.aligned ? 'vec4<f32>' : 'f32', v.aligned ? 'vec4<f32>' : 'f32'),
  workgroupSize: (v) => v.wg,
  defs(v) {
    const accs = [];
    for (let c = 0; c < v.co; c++) for (let m = 0; m < v.px; m++) accs.push(`  var a${c}_${m} = vec4<f32>(0.0);`);
    return { LOADER: v.aligned ? LOADER_ALIGNED : LOADER_UNALIGNED, PX: v.px, CO: v.co, ACCS: accs.join('\n'), LOADS: loads(v), TAPS: taps(v), STORE: storeCode(v) };
  },
});

/** Largest power of two <= max that divides n. */
function channelTile(n: number, max: number): number {
  let t = 1;
  while (t * 2 <= max && n % (t * 2) === 0) t *= 2;
  return t;
}

export function pwDispatch(node: Node, ctx: KernelContext, tuning = PW_DEFAULTS): DispatchSpec {
  const g = convGeometry(node, ctx);
  const HW = g.H * g.W;
  const HW4 = Math.ceil(HW / 4);
  const v: PwVariant = {
    co: channelTile(g.OC, tuning.co),
    px: Math.min(tuning.px, HW4),
    aligned: HW % 4 === 0,
    bias: Boolean(g.bias),
    scale: Boolean(g.scale),
    wg: tuning.wg,
    ...epilogueVariant(g),
  };
  const PG = Math.ceil(HW4 / v.px);
  const COG = g.OC / v.co;
  const total = g.N * COG * PG;
  return pwProgram.dispatch({
    variant: v,
    tensors: convTensors(g),
    uniforms: { Cin: g.C, Cout: g.OC, HW, HW4, PG, COG, total },
    workgroups: Math.ceil(total / v.wg),
    label: `${node.name} pwconv ${g.C}->${g.OC}`,
  });
}

export const pwconvKernel: Kernel = {
  name: 'pwconv',
  ops: ['conv2d'],
  accepts: (node, ctx) => activationSupported(node) && pwAccepts(convGeometry(node, ctx)),
  variants: () => Object.keys(PW_TILES),
  dispatches: (node, ctx, variant) => [pwDispatch(node, ctx, PW_TILES[variant ?? 'co8px2'])],
};
