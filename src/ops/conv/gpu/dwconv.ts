// Depthwise conv (group == Cin == Cout): any kernel size, strides, dilations and pads, with
// optional bias / ReLU / prescale. One row-window program (dwconv.wgsl) with its tile as
// variant parameters; a channel multiplier > 1 stays on the generic conv.
import type { Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { defineProgram } from '../../../runtime/program.js';
import source from './dwconv.wgsl?raw';
import { bodyCode, LOADER_SCALAR, LOADER_VEC4, type DwVariant } from './dwconv-text.js';
import { activationSupported, convBindings, convGeometry, convTensors, epilogueVariant, type ConvGeometry } from './geometry.js';

export type { DwVariant } from './dwconv-text.js';

export interface DwTile {
  rows: number;
  cols: number;
  hoist: boolean;
  wg: number;
}

/**
 * The programs offered. `rows2x2` is the tile the kernel ran before it had variants (weights read
 * once per output row). On SwiftShader every buffer load is a per-lane gather costing about as
 * much as 20 vec4 multiply-adds (test/gpu/dwconv-timing.test.ts, DW_MICRO=1), so the taller
 * tiles win by loading each input row and each weight once for more outputs. Output rows are
 * stored as soon as they are complete, so only about min(rows, KH) x cols accumulators are live
 * whatever `rows` is; registers beyond that are the KH*KW hoisted weights.
 * 1x24x256x256 k7 + bias + ReLU, min of 3 interleaved rounds on a loaded 2-core machine:
 * rows2x2 162 ms, rows4x2-hw 121, rows8x2-hw 113, rows16x2-hw 130, rows8x4-hw 135, rows16x1-hw 258;
 * 1x48x128x128: 77, 134, 50, 150, 51, 59.
 */
export const DW_TILES: Record<string, DwTile> = {
  'rows8x2-hw': { rows: 8, cols: 2, hoist: true, wg: 64 },
  'rows2x2': { rows: 2, cols: 2, hoist: false, wg: 64 },
  'rows4x2-hw': { rows: 4, cols: 2, hoist: true, wg: 64 },
  'rows16x2-hw': { rows: 16, cols: 2, hoist: true, wg: 64 },
  'rows8x4-hw': { rows: 8, cols: 4, hoist: true, wg: 64 },
  'rows16x1-hw': { rows: 16, cols: 1, hoist: true, wg: 64 },
};

export const DW_DEFAULT = 'rows8x2-hw';

/** All variant names, the large-kernel default first. */
export const DW_VARIANTS: readonly string[] = Object.keys(DW_TILES);

/**
 * The default for a node: tall tiles pay where input rows overlap much (stride 1, KH >= 5); at
 * k3 or stride 2 (mobilenet_v2 k3/2 96@112: rows2x2 14.7 ms, rows4x2-hw 14.8, rows8x2-hw 22.1)
 * a shorter tile does as well with less text.
 */
function defaultVariant(g: ConvGeometry): string {
  return g.strides[0] === 1 && g.KH >= 5 ? DW_DEFAULT : 'rows4x2-hw';
}

function variantsFor(g: ConvGeometry): string[] {
  const first = defaultVariant(g);
  return [first, ...DW_VARIANTS.filter((n) => n !== first)];
}

export function dwAccepts(g: ConvGeometry): boolean {
  return g.group === g.C && g.OC === g.C;
}

export const dwProgram = defineProgram({
  name: 'dwconv',
  source,
  uniforms: { C: 'u32', H: 'u32', W: 'u32', W4: 'u32', OH: 'u32', OW: 'u32', OW4: 'u32', WC: 'u32', HR: 'u32', total: 'u32' },
  bindings: (v: DwVariant) => convBindings(v, v.xv ? 'vec4<f32>' : 'f32', v.yv ? 'vec4<f32>' : 'f32'),
  workgroupSize: (v) => v.wg,
  defs: (v) => ({
    LOADER: v.xv ? LOADER_VEC4 : LOADER_SCALAR,
    ROWS: v.rows,
    COLS: v.cols,
    KK: `${v.KH * v.KW}u`,
    BODY: bodyCode(v),

  }),
});

export function dwDispatch(node: Node, ctx: KernelContext, variant?: string): DispatchSpec {
  const g = convGeometry(node, ctx);
  const tile = tileOf(g, variant);
  const OW4 = Math.ceil(g.OW / 4);
  const v: DwVariant = {
    KH: g.KH, KW: g.KW, SH: g.strides[0], SW: g.strides[1], DH: g.dilations[0], DW: g.dilations[1], PT: g.pads[0], PL: g.pads[1],
    rows: Math.min(tile.rows, g.OH),
    cols: Math.min(tile.cols, OW4),
    hoist: tile.hoist,
    xv: g.W % 4 === 0,
    yv: g.OW % 4 === 0,
    bias: Boolean(g.bias),
    scale: Boolean(g.scale),
    wg: tile.wg,
    ...epilogueVariant(g),
  };
  const WC = Math.ceil(OW4 / v.cols);
  const HR = Math.ceil(g.OH / v.rows);
  const total = g.N * g.C * HR * WC;
  return dwProgram.dispatch({
    variant: v,
    tensors: convTensors(g),
    uniforms: { C: g.C, H: g.H, W: g.W, W4: Math.ceil(g.W / 4), OH: g.OH, OW: g.OW, OW4, WC, HR, total },
    workgroups: Math.ceil(total / v.wg),
    label: `${node.name} dwconv ${g.KH}x${g.KW}/${g.strides[0]}`,
  });
}

function tileOf(g: ConvGeometry, variant: string | undefined): DwTile {
  const tile = DW_TILES[variant ?? defaultVariant(g)];
  if (!tile) throw new Error(`dwconv has no variant '${variant}' (offers ${Object.keys(DW_TILES).join(', ')})`);
  return tile;
}

export const dwconvKernel: Kernel = {
  name: 'dwconv',
  ops: ['conv2d'],
  accepts: (node, ctx) => activationSupported(node) && dwAccepts(convGeometry(node, ctx)),
  variants: (node, ctx) => variantsFor(convGeometry(node, ctx)),
  dispatches: (node, ctx, variant) => [dwDispatch(node, ctx, variant)],
};
