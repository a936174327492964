// Resize (opset 10, 11-19) and the deprecated Upsample (7-9) -> resize / resize_scaled.
// Output sizes come from `sizes`, or floor(in * scale) from `scales`. When the file gives
// scales that differ from out/in (e.g. 0.6 on 4 pixels), ONNX maps coordinates with the
// given scale; that case becomes resize_scaled so the result stays exact. Cubic (Resize-11+)
// carries cubic_coeff_a and exclude_outside; half_pixel_symmetric (Resize-19) is half_pixel
// whenever the output is exactly in * scale, which every `resize` node is.
import type { Attrs } from '../../graph/ir.js';
import type { ImportContext } from '../../onnx/context.js';
import { normAxes } from '../../onnx/shape-math.js';
import type { OnnxConverter } from '../types.js';

const COORDS = ['half_pixel', 'pytorch_half_pixel', 'align_corners', 'asymmetric', 'tf_half_pixel_for_nn'];
const NEAREST = ['round_prefer_floor', 'round_prefer_ceil', 'floor', 'ceil'];

interface Plan {
  scales: number[];
  sizes: number[];
}

/** Which of scales / sizes a Resize node really provides (empty tensors count as absent). */
function requested(ctx: ImportContext, scalesAt: number, sizesAt: number): { scales?: number[]; sizes?: number[] } {
  const read = (i: number, what: string) => (ctx.has(i) ? Array.from(ctx.constant(i, what).data) : undefined);
  const scales = read(scalesAt, 'scales');
  const sizes = sizesAt >= 0 ? read(sizesAt, 'sizes') : undefined;
  const s = scales?.length ? scales : undefined;
  const z = sizes?.length ? sizes : undefined;
  if (s && z) ctx.fail('both scales and sizes are given; the spec allows only one');
  if (!s && !z) ctx.fail('neither scales nor sizes is given');
  return { scales: s, sizes: z };
}

/** Expands per-`axes` values to all four axes (opset 18 `axes`), filling the others. */
function expand(values: number[], axes: number[] | undefined, rank: number, fill: (d: number) => number): number[] {
  if (!axes) return values;
  const full = [...Array(rank).keys()].map(fill);
  axes.forEach((a, i) => (full[a] = values[i]));
  return full;
}

function plan(ctx: ImportContext, input: number[], req: { scales?: number[]; sizes?: number[] }, axes?: number[]): Plan {
  const rank = input.length;
  if (req.scales) {
    const scales = expand(req.scales, axes, rank, () => 1);
    if (scales.length !== rank) ctx.fail(`scales [${req.scales}] need ${rank} values`);
    if (scales.some((s) => !(s > 0))) ctx.fail(`scales [${scales}] must be positive`);
    return { scales, sizes: input.map((d, i) => Math.floor(d * scales[i])) };
  }
  let sizes = expand(req.sizes!, axes, rank, (d) => input[d]);
  if (sizes.length !== rank) ctx.fail(`sizes [${req.sizes}] need ${rank} values`);
  const policy = ctx.opset >= 18 ? ctx.str('keep_aspect_ratio_policy', 'stretch') : 'stretch';
  if (policy !== 'stretch') {
    // One scale for the resized axes, the smallest (not_larger) or largest (not_smaller) ratio.
    const touched = axes ?? [...Array(rank).keys()];
    const ratios = touched.map((a) => sizes[a] / input[a]);
    const r = policy === 'not_larger' ? Math.min(...ratios) : Math.max(...ratios);
    sizes = input.map((d, i) => (touched.includes(i) ? Math.round(d * r) : d));
  }
  return { scales: sizes.map((s, i) => s / input[i]), sizes };
}

function emitResize(ctx: ImportContext, p: Plan, attrs: Attrs): void {
  const x = ctx.shape(0);
  if (x.length !== 4) ctx.fail(`only NCHW (rank 4) input is supported; got [${x}]`);
  if (p.sizes[0] !== x[0] || p.sizes[1] !== x[1]) ctx.fail(`resizing the batch or channel axis ([${x}] -> [${p.sizes}]) is not supported`);
  if (p.sizes.some((d) => d < 1)) ctx.fail(`output size [${p.sizes}] is empty`);
  const outSize = p.sizes.slice(2);
  const [sh, sw] = p.scales.slice(2);
  const exact = sh === outSize[0] / x[2] && sw === outSize[1] / x[3];
  if (exact || attrs.coord === 'align_corners') {
    const coord = attrs.coord === 'half_pixel_symmetric' ? 'half_pixel' : attrs.coord;
    ctx.emit('resize', [ctx.tensor(0)], { outSize, ...attrs, coord }, 0);
  } else ctx.emit('resize_scaled', [ctx.tensor(0)], { outSize, scales: [sh, sw], ...attrs }, 0);
}

/** Nearest and linear in every version; cubic from Resize-11 (Upsample never had it). */
function checkMode(ctx: ImportContext, mode: string, cubic: boolean): 'nearest' | 'linear' | 'cubic' {
  if (mode === 'bilinear') return 'linear';
  if (mode === 'nearest' || mode === 'linear' || (cubic && mode === 'cubic')) return mode;
  return ctx.fail(`mode '${mode}' is not supported (supported: nearest, linear${cubic ? ', cubic' : ''})`);
}

/** cubic_coeff_a and exclude_outside, for cubic only (the spec's other modes ignore them). */
function cubicAttrs(ctx: ImportContext, mode: string): Attrs {
  return mode === 'cubic' ? { cubicA: ctx.float('cubic_coeff_a', -0.75), excludeOutside: ctx.int('exclude_outside', 0) } : {};
}

/** Before opset 11 nearest picks floor when upsampling and ceil when downsampling (asymmetric coordinates). */
function legacyNearest(ctx: ImportContext, p: Plan): string {
  const up = p.scales.slice(2).map((s) => s >= 1);
  if (up[0] !== up[1]) ctx.fail('nearest resize that upsamples one axis and downsamples the other is not supported before opset 11');
  return up[0] ? 'floor' : 'ceil';
}

function resize(ctx: ImportContext): void {
  const mode = checkMode(ctx, ctx.str('mode', 'nearest'), ctx.opset >= 11);
  const input = ctx.shape(0);
  if (ctx.opset < 11) {
    const p = plan(ctx, input, requested(ctx, 1, -1));
    return emitResize(ctx, p, { mode, coord: 'asymmetric', nearestMode: mode === 'nearest' ? legacyNearest(ctx, p) : 'floor' });
  }
  const coord = ctx.str('coordinate_transformation_mode', 'half_pixel');
  const coords = ctx.opset >= 19 ? [...COORDS, 'half_pixel_symmetric'] : COORDS;
  if (!coords.includes(coord)) ctx.fail(`coordinate_transformation_mode '${coord}' is not supported (supported: ${coords.join(', ')})`);
  const nearestMode = ctx.str('nearest_mode', 'round_prefer_floor');
  if (!NEAREST.includes(nearestMode)) ctx.fail(`nearest_mode '${nearestMode}' is not supported (supported: ${NEAREST.join(', ')})`);
  if (ctx.opset >= 18 && ctx.int('antialias', 0) !== 0) ctx.fail('antialias=1 is not supported');
  const axesAttr = ctx.opset >= 18 ? ctx.optInts('axes') : undefined;
  const axes = axesAttr && normAxes(axesAttr, input.length, 'Resize axes');
  const p = plan(ctx, input, requested(ctx, 2, 3), axes);
  emitResize(ctx, p, { mode, coord, nearestMode, ...cubicAttrs(ctx, mode) });
}

/** Upsample-7/8 take scales as an attribute, Upsample-9 as input 1; coordinates are asymmetric. */
function upsample(ctx: ImportContext): void {
  const mode = checkMode(ctx, ctx.str('mode', 'nearest'), false);
  const req = ctx.opset < 9 ? { scales: ctx.node.attrs.get('scales')?.floats ?? ctx.fail('missing attribute scales') } : requested(ctx, 1, -1);
  const p = plan(ctx, ctx.shape(0), req);
  emitResize(ctx, p, { mode, coord: 'asymmetric', nearestMode: mode === 'nearest' ? legacyNearest(ctx, p) : 'floor' });
}

export const RESIZE_CONVERTERS: readonly OnnxConverter[] = [
  { opType: 'Resize', versions: [10, 11, 13, 18, 19], convert: resize },
  { opType: 'Upsample', versions: [7, 9], convert: upsample },
];
