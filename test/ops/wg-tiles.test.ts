// The workgroup-memory GEMM variants of pwconv, MatMul and Gemm without a GPU: tiles fit
// WebGPU's guaranteed limits, they are offered after the defaults only where they can run, and
// their pipeline keys (hence compiles) do not depend on the shape.
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/graph/builder';
import type { Attrs } from '../../src/graph/ir';
import type { KernelContext } from '../../src/runtime/kernel';
import { keyString } from '../../src/runtime/kernel';
import { selectKernel } from '../../src/ops/kernels';
import { checkWgTile, WG_TILES, wgInvocations, wgStorageBytes } from '../../src/ops/matmul/gpu/wg-tile';

const LIMITS = { maxComputeWorkgroupsPerDimension: 65535, maxComputeInvocationsPerWorkgroup: 256 };
const WG_NAMES = Object.keys(WG_TILES);

function node(op: string, inputs: [string, number[], boolean][], attrs: Attrs, limits = LIMITS, features: string[] = []) {
  const b = new GraphBuilder();
  const names = inputs.map(([name, shape, weight]) => (weight ? b.weight(name, shape, new Float32Array(shape.reduce((x, y) => x * y, 1)).fill(0.5)) : b.input(name, shape)));
  b.output(b.node(op, 'n', names, attrs, 'l'));
  const graph = b.build();
  const ctx: KernelContext = { graph, limits, features: new Set(features) };
  const n = graph.nodes[0];
  const kernel = selectKernel(n, ctx);
  return { kernel, variants: kernel.variants?.(n, ctx) ?? [], spec: (v: string) => kernel.dispatches(n, ctx, v)[0] };
}

const pw = (C: number, OC: number, H: number, W: number, N = 1, limits = LIMITS, features: string[] = []) =>
  node('conv2d', [['x', [N, C, H, W], false], ['w', [OC, C, 1, 1], true], ['b', [OC], true]], { group: 1, activation: 'relu' }, limits, features);
const SUBGROUPS = ['subgroups', 'subgroup_id'];
const mm = (a: number[], b: number[]) => node('matmul', [['a', a, false], ['b', b, true]], {});
const gemm = (M: number, K: number, N: number) => node('gemm', [['a', [M, K], false], ['b', [N, K], true], ['c', [N], true]], { transB: 1 });

describe('workgroup-memory GEMM tiles', () => {
  it('fit 256 invocations and 16 KiB of workgroup memory; malformed tiles are refused', () => {
    for (const t of Object.values(WG_TILES)) {
      expect(wgInvocations(t)).toBeLessThanOrEqual(256);
      expect(wgStorageBytes(t)).toBeLessThanOrEqual(16384);
    }
    expect(() => checkWgTile('bad', { bm: 64, bn: 64, bk: 64, tm: 4, tn: 1 })).toThrow(/32768 bytes of workgroup memory exceed 16384/);
    expect(() => checkWgTile('bad', { bm: 128, bn: 64, bk: 8, tm: 4, tn: 1 })).toThrow(/512 invocations exceed 256/);
    expect(() => checkWgTile('bad', { bm: 64, bn: 64, bk: 8, tm: 3, tn: 1 })).toThrow(/tm must be a multiple of 4/);
  });

  it('are pwconv candidates after the register tiles, the default unchanged', () => {
    const { kernel, variants } = pw(24, 48, 8, 8);
    expect(kernel.name).toBe('pwconv');
    expect(variants[0]).toBe('io16x2');
    expect(variants.slice(-WG_NAMES.length)).toEqual(WG_NAMES);
  });

  it('are offered only where the device allows their invocations per workgroup', () => {
    const at = (n: number) => pw(24, 48, 8, 8, 1, { ...LIMITS, maxComputeInvocationsPerWorkgroup: n }).variants;
    expect(at(32).filter((v) => v in WG_TILES)).toEqual([]);
    expect(at(64).filter((v) => v in WG_TILES)).toEqual(WG_NAMES.filter((n) => wgInvocations(WG_TILES[n]) <= 64));
    expect(at(64).filter((v) => v in WG_TILES).length).toBeGreaterThan(0);
  });

  it('compile once per tile and epilogue: shapes and batch travel in uniforms', () => {
    for (const name of WG_NAMES) {
      const a = pw(24, 48, 8, 8).spec(name);
      const b = pw(7, 13, 9, 7, 3).spec(name);
      expect(keyString(a.key)).toBe(keyString(b.key));
      expect(a.shader).toBe(b.shader);
      expect(a.shader).toMatch(/var<workgroup> as_: array<vec4<f32>, \d+>/);
      expect(a.shader.match(/workgroupBarrier\(\)/g)).toHaveLength(2);
      expect(Object.keys(a.packs ?? {})).toEqual(['w']);
      expect(a.workgroups).toBe(Math.ceil(48 / WG_TILES[name].bm) * Math.ceil(64 / WG_TILES[name].bn));
      expect(b.workgroups).toBe(3 * Math.ceil(13 / WG_TILES[name].bm) * Math.ceil(63 / WG_TILES[name].bn));
    }
  });

  it('subgroup-shared pwconv weights: offered last with subgroups only, one pipeline for every shape', () => {
    expect(pw(24, 48, 8, 8).variants).not.toContain('sg8x2');
    const { variants } = pw(24, 48, 8, 8, 1, LIMITS, SUBGROUPS);
    expect(variants.at(-1)).toBe('sg8x2');
    expect(variants[0]).toBe('io16x2');
    const a = pw(24, 48, 8, 8, 1, LIMITS, SUBGROUPS).spec('sg8x2');
    const b = pw(7, 13, 9, 7, 3, LIMITS, SUBGROUPS).spec('sg8x2');
    expect(keyString(a.key)).toBe(keyString(b.key));
    expect(a.shader).toContain('enable subgroups;');
    expect(a.shader).toMatch(/subgroupShuffle\(mine1, j\)/);
    expect(a.shader).not.toContain('var<workgroup>');
    // 16 pixel vec4s in one 64-invocation workgroup, 6 channel tiles of 8; 3 images of 63 pixels, 2 tiles of 13 channels.
    expect(a.workgroups).toBe(6);
    expect(b.workgroups).toBe(6);
  });

  it('are MatMul and Gemm candidates after the register tiles and before legacy', () => {
    for (const { kernel, variants } of [mm([2, 10, 16], [16, 64]), gemm(5, 9, 12)]) {
      expect(variants[0]).toBe('t4x2');
      expect(variants.slice(-WG_NAMES.length - 1)).toEqual([...WG_NAMES, 'legacy']);
      expect(kernel.name).toMatch(/matmul|onnx_gemm/);
    }
    const a = mm([2, 10, 16], [16, 64]).spec('wg32x32k8');
    const b = mm([3, 7, 5], [5, 8]).spec('wg32x32k8');
    expect(keyString(a.key)).toBe(keyString(b.key));
    expect(a.key.kernel).toBe('matmul_wg');
  });
});
