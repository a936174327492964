// Whole-network runs in the page: engine output vs the CPU reference, across modes and repeats.
import { getDevice } from '../device';
import { jeongwonnet } from '../../../src/graph/jeongwonnet';
import { seededUniform } from '../../../src/graph/rng';
import { optimize } from '../../../src/passes/index';
import { Engine } from '../../../src/runtime/engine';
import { runReference } from '../../../src/reference/run';
import { compare, tensor, type ErrorStats } from '../../../src/reference/tensor';

export interface NetworkCase {
  batch: number;
  size: number;
}

export interface NetworkResult extends ErrorStats {
  /** Outputs of arena and pool runs, and two arena runs, compared bit for bit. */
  modesBitIdentical: boolean;
  repeatsBitIdentical: boolean;
  dispatches: number;
  pipelines: number;
  arenaBytes: number;
  wallMs: number;
}

const sameBits = (a: Float32Array, b: Float32Array): boolean => {
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

export async function networkCase(c: NetworkCase): Promise<NetworkResult> {
  const { device } = await getDevice();
  const g = jeongwonnet({ batch: c.batch, size: c.size, seed: 1 });
  const run = optimize(g);
  const x = seededUniform(11, 'input', c.batch * 3 * c.size * c.size, 1);
  const arena = await Engine.create(device, run, { mode: 'arena' });
  const pool = await Engine.create(device, run, { mode: 'pool' });
  try {
    const t0 = performance.now();
    const a1 = (await arena.run({ input: x })).output;
    const wallMs = performance.now() - t0;
    const a2 = (await arena.run({ input: x })).output;
    const p1 = (await pool.run({ input: x })).output;
    // The reference runs the unfused builder graph: fusions are checked too.
    const ref = runReference(g, { input: tensor([c.batch, 3, c.size, c.size], x) }).outputs.get('output')!;
    return {
      ...compare(a1, ref.data),
      modesBitIdentical: sameBits(a1, p1),
      repeatsBitIdentical: sameBits(a1, a2),
      dispatches: arena.dispatches.length,
      pipelines: arena.pipelineCount,
      arenaBytes: arena.plan.assignment.buffers.reduce((s, b) => s + b, 0),
      wallMs,
    };
  } finally {
    arena.destroy();
    pool.destroy();
  }
}

/** Feeds the wrong number of values and reports the error message. */
export async function wrongInputSize(): Promise<string> {
  const { device } = await getDevice();
  const engine = await Engine.create(device, optimize(jeongwonnet({ size: 64 })), { mode: 'arena' });
  try {
    await engine.run({ input: new Float32Array(10) });
    return 'no error';
  } catch (e) {
    return (e as Error).message;
  } finally {
    engine.destroy();
  }
}

/** A config whose first feature map exceeds maxStorageBufferBindingSize. */
export async function tooLarge(): Promise<string> {
  const { device } = await getDevice();
  const perImage = 24 * 512 * 512 * 4;
  const batch = Math.floor(device.limits.maxStorageBufferBindingSize / perImage) + 1;
  try {
    await Engine.create(device, optimize(jeongwonnet({ batch, size: 512 })), { mode: 'arena' });
    return 'no error';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

/** Runs with dispatches folded into 2D grids (a tiny per-dimension limit) and compares bits. */
export async function foldedDispatches(c: NetworkCase): Promise<{ folded: string[]; bitIdentical: boolean }> {
  const { device } = await getDevice();
  const g = optimize(jeongwonnet({ batch: c.batch, size: c.size, seed: 1 }));
  const x = seededUniform(11, 'input', c.batch * 3 * c.size * c.size, 1);
  const plain = await Engine.create(device, g, { mode: 'arena' });
  // The smallest per-dimension limit that still fits every dispatch in 2D folds nearly all of them.
  const largest = Math.max(...plain.dispatches.map((d) => d.spec.workgroups));
  const limit = Math.max(2, Math.ceil(Math.sqrt(largest)));
  const folded = await Engine.create(device, g, { mode: 'arena', limits: { maxComputeWorkgroupsPerDimension: limit } });
  try {
    const a = (await plain.run({ input: x })).output;
    const b = (await folded.run({ input: x })).output;
    const kernels = folded.dispatches.filter((d) => d.workgroups[1] > 1).map((d) => d.spec.key.kernel);
    return { folded: [...new Set(kernels)].sort(), bitIdentical: sameBits(a, b) };
  } finally {
    plain.destroy();
    folded.destroy();
  }
}
