// Resize mode cubic (Resize-11+) and half_pixel_symmetric (Resize-19) imported from ONNX and
// run on the CPU reference, against weights computed by hand from Keys' cubic kernel.
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../../src/onnx/index.js';
import { A, expectClose, floats, iota, longs, nested, opModel, runModel, runOp, type OpCase } from './helpers.js';

describe('Resize cubic', () => {
  const row = (values: number[]) => ({ name: 'x', shape: [1, 1, 1, values.length] });
  const cubicResize = (values: number[], how: { scales?: number[]; sizes?: number[] }, attrs: OpCase['attrs'] = {}, opset = 13): OpCase => ({
    op: 'Resize',
    inputs: [row(values)],
    consts: how.scales ? ['', floats(how.scales)] : ['', '', longs(how.sizes!)],
    attrs: { mode: A.str('cubic'), ...attrs },
    opset,
  });
  const squares = [0, 1, 4, 9, 16, 25, 36, 49];

  it('cubic_coeff_a: -0.5 reproduces quadratics inside the input, -0.75 (the default, PyTorch bicubic) does not', () => {
    const at = (a?: number) => runOp(cubicResize(squares, { sizes: [1, 1, 1, 16] }, { coordinate_transformation_mode: A.str('asymmetric'), ...(a === undefined ? {} : { cubic_coeff_a: A.float(a) }) }), squares).data[5];
    // Output 5 samples x = 2.5: taps 1..4 weighted W(1.5), W(0.5), W(0.5), W(1.5).
    expect(at(-0.5)).toBeCloseTo(6.25, 6);
    expect(at()).toBeCloseTo(-0.09375 * (1 + 16) + 0.59375 * (4 + 9), 6);
  });

  it('edge taps read the edge value; exclude_outside drops them and renormalizes', () => {
    const v = [0, 1, 4, 9];
    // half_pixel 2x: output 0 samples x = -0.25, taps -2..1 with weights W(1.75), W(0.75), W(0.25), W(1.25).
    const edge = runOp(cubicResize(v, { scales: [1, 1, 1, 2] }), v).data[0];
    expect(edge).toBeCloseTo(-0.10546875, 7);
    const excl = runOp(cubicResize(v, { scales: [1, 1, 1, 2] }, { exclude_outside: A.int(1) }), v).data[0];
    expect(excl).toBeCloseTo(-3 / 22, 7);
  });

  it('half_pixel vs align_corners vs pytorch_half_pixel at the borders', () => {
    const v = [3, 1, 4, 1, 5];
    const run = (coord: string, size: number) => Array.from(runOp(cubicResize(v, { sizes: [1, 1, 1, size] }, { coordinate_transformation_mode: A.str(coord) }), v).data);
    const ac = run('align_corners', 9);
    // align_corners hits every input sample exactly (x = o / 2).
    expectClose([ac[0], ac[2], ac[4], ac[6], ac[8]], v, 1e-6);
    expect(Math.abs(run('half_pixel', 9)[0] - v[0])).toBeGreaterThan(0.1);
    // One output: pytorch_half_pixel samples x = 0, half_pixel the centre x = 2.
    expectClose(run('pytorch_half_pixel', 1), [3], 1e-6);
    expectClose(run('half_pixel', 1), [4], 1e-6);
  });

  it('scales that are not out/in map coordinates with the given scale (resize_scaled)', () => {
    const v = iota(8, 0).map((i) => i * i);
    const c = cubicResize(v, { scales: [1, 1, 1, 0.6] }, { cubic_coeff_a: A.float(-0.5) });
    const y = runModel(opModel(c), { x: v });
    expect(y.graph.nodes[0].op).toBe('resize_scaled');
    // floor(8 * 0.6) = 4 outputs; output 1 samples (1.5) / 0.6 - 0.5 = 2, an input sample.
    expect(y.out.shape).toEqual([1, 1, 1, 4]);
    expect(y.out.data[1]).toBeCloseTo(4, 5);
  });

  it('half_pixel_symmetric (Resize-19) is half_pixel for sizes, shifted about the centre for fractional scales', () => {
    const v = [3, 1, 4, 1, 5, 9, 2];
    const sym = (how: { scales?: number[]; sizes?: number[] }) => runModel(opModel(cubicResize(v, how, { coordinate_transformation_mode: A.str('half_pixel_symmetric') }, 19)), { x: v });
    const bySizes = sym({ sizes: [1, 1, 1, 12] });
    expect(bySizes.graph.nodes[0].attrs.coord).toBe('half_pixel');
    expect(nested(bySizes.out)).toEqual(nested(runOp(cubicResize(v, { sizes: [1, 1, 1, 12] }, {}, 19), v)));
    // 7 * 0.7 = 4.9 -> 4 outputs; offset 3.5 * (1 - 4 / 4.9), so output 0 samples 0.643 - 0.5 + 0.714.
    const scaled = sym({ scales: [1, 1, 1, 0.7] });
    expect(scaled.graph.nodes[0].op).toBe('resize_scaled');
    const plain = runOp(cubicResize(v, { scales: [1, 1, 1, 0.7] }, {}, 19), v);
    expect(Math.abs(scaled.out.data[0] - plain.data[0])).toBeGreaterThan(1e-3);
  });

  it('refuses cubic before Resize-11 and in Upsample', () => {
    expect(() => runOp({ op: 'Resize', opset: 10, inputs: [row([1, 2])], consts: [floats([1, 1, 1, 2])], attrs: { mode: A.str('cubic') } }, [1, 2])).toThrow(/mode 'cubic' is not supported \(supported: nearest, linear\)/);
    expect(() => runOp({ op: 'Upsample', opset: 9, inputs: [row([1, 2])], consts: [floats([1, 1, 1, 2])], attrs: { mode: A.str('cubic') } }, [1, 2])).toThrow(/mode 'cubic'/);
  });

  it('exports cubic_coeff_a and exclude_outside and imports them back', () => {
    const c = cubicResize(squares, { sizes: [1, 1, 1, 13] }, { cubic_coeff_a: A.float(-0.5), exclude_outside: A.int(1) });
    const first = runModel(opModel(c), { x: squares });
    const again = runModel(exportOnnx(first.graph), { x: squares });
    expect(again.graph.nodes[0].attrs).toEqual(first.graph.nodes[0].attrs);
    expect(first.graph.nodes[0].attrs).toMatchObject({ mode: 'cubic', cubicA: -0.5, excludeOutside: 1 });
    expect(nested(again.out)).toEqual(nested(first.out));
  });
});
