// Shared by the conv programs: attribute parsing into one geometry record, the binding list
// (bias, residual and prescale are optional) and the epilogue.
import { attrString, getTensor, type Node } from '../../../graph/ir.js';
import { splitPrescale, splitResidual } from '../../../graph/shape.js';
import type { KernelContext } from '../../../runtime/kernel.js';
import type { Binding } from '../../../runtime/program.js';
import { activationAttrs, activationParams, epilogueActivation, epilogueStatements } from '../../unary/epilogue.js';
import { convDims } from '../dims.js';

export interface ConvGeometry {
  N: number;
  C: number;
  H: number;
  W: number;
  OC: number;
  OH: number;
  OW: number;
  KH: number;
  KW: number;
  group: number;
  strides: [number, number];
  /** [top, left, bottom, right] */
  pads: [number, number, number, number];
  dilations: [number, number];
  /** The fused activation (a unary op kind, 'none' for none). */
  act: string;
  /** Its two WGSL parameters (Clip's bounds, LeakyRelu's alpha, ...; 0 when it has none). */
  actParams: [number, number];
  x: string;
  w: string;
  bias?: string;
  /** A tensor of y's shape added before the activation (conv -> add(skip) [-> act]). */
  residual?: string;
  scale?: string;
  y: string;
}

/** The conv epilogue fuses any unary kind (parameters baked in, helpers inlined). */
export function activationSupported(node: Node): boolean {
  return epilogueActivation(attrString(node.attrs, 'activation', 'none'));
}

export function convGeometry(node: Node, ctx: KernelContext): ConvGeometry {
  const { main, scaled } = splitPrescale(node.inputs, node.attrs);
  const { own: [x, w, bias], residual } = splitResidual(node.inputs, node.attrs);
  // NCL convs run as NCHW with H = 1 (same buffers, no copy).
  const d = convDims(getTensor(ctx.graph, x).shape, getTensor(ctx.graph, w).shape, node.attrs);
  if (!activationSupported(node)) throw new Error(`conv2d '${node.name}': unsupported activation '${String(node.attrs.activation)}'`);
  return {
    N: d.N, C: d.C, H: d.H, W: d.W, OC: d.OC, OH: d.OH, OW: d.OW, KH: d.KH, KW: d.KW,
    group: d.group,
    strides: d.strides,
    pads: d.pads,
    dilations: d.dilations,
    act: attrString(node.attrs, 'activation', 'none'),
    actParams: activationParams(attrString(node.attrs, 'activation', 'none'), activationAttrs(node.attrs)),
    x, w, bias, residual,
    scale: scaled ? node.inputs[main] : undefined,
    y: node.outputs[0],
  };
}

/** Tensors by binding name: x, w, [b], [s], [r], y. */
export function convTensors(g: ConvGeometry): Record<string, string | undefined> {
  return { x: g.x, w: g.w, b: g.bias, s: g.scale, r: g.residual, y: g.y };
}

/**
 * Bindings in convTensors() order; x and y as `xType` / `yType` arrays. The residual `r` is an
 * f32 array read by the epilogue at the output's flat index.
 */
export function convBindings(v: { bias: boolean; scale: boolean; residual?: boolean }, xType: string, yType: string): Binding[] {
  return [
    { name: 'x', type: xType },
    { name: 'w' },
    ...(v.bias ? [{ name: 'b' }] : []),
    ...(v.scale ? [{ name: 's' }] : []),
    ...(v.residual ? [{ name: 'r' }] : []),
    { name: 'y', type: yType },
  ];
}

/**
 * The part of a conv program's variant (and so its pipeline key) that its epilogue depends on:
 * the activation with its parameters (baked into the text as exact literals) and the residual.
 */
export type EpilogueVariant = {
  act: string;
  actAlpha: number;
  actBeta: number;
  residual: boolean;
};

export const epilogueVariant = (g: ConvGeometry): EpilogueVariant => ({
  act: g.act,
  actAlpha: g.actParams[0],
  actBeta: g.actParams[1],
  residual: g.residual !== undefined,
});

export interface EpilogueSite {
  /** WGSL per-output-channel scale (the prescale of a depthwise conv), if any. */
  scale?: string;
  /** WGSL bias of the channel, if any. */
  bias?: string;
  /**
   * WGSL u32: the flat element index in y of acc.x. acc holds 4 outputs adjacent along the
   * innermost axis of one (image, channel); lanes past the row's end are computed but not stored.
   */
  at: string;
}

/**
 * The statements that finish `acc` (a vec4) before it is stored: prescale, bias, the residual,
 * then the fused activation. Every conv-like program calls this at its store site, so a new
 * fusion lands here once. Residual lanes past the tensor's end read whatever robust buffer
 * access gives; those lanes are never stored.
 */
export function epilogue(v: EpilogueVariant, site: EpilogueSite): string {
  const residual = v.residual ? `{ let ra = ${site.at}; acc = acc + vec4<f32>(r[ra], r[ra + 1u], r[ra + 2u], r[ra + 3u]); }` : '';
  // The unary rows are written over an alias T; here T is the accumulator's vec4.
  const act = epilogueStatements(v.act, [v.actAlpha, v.actBeta], 'acc', 'vec4<f32>');
  return [site.scale ? `acc = acc * ${site.scale};` : '', site.bias ? `acc = acc + ${site.bias};` : '', residual, act].filter(Boolean).join(' ');
}

export const isSquareOdd = (g: ConvGeometry): boolean => g.KH === g.KW && g.KH % 2 === 1;
export const unitStrideNoDilation = (g: ConvGeometry): boolean =>
  g.strides.every((s) => s === 1) && g.dilations.every((d) => d === 1);
