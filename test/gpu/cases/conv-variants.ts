// Interleaved timing of one conv node's variants: one engine per variant, built once, then
// rounds that run every variant in turn, so machine noise hits all candidates alike.
import { getDevice } from '../device';
import { Engine } from '../../../src/runtime/engine';
import { foldWorkgroups } from '../../../src/runtime/kernel';
import { convDispatch } from '../../../src/ops/conv/gpu/direct';
import { PassTimer } from '../../../src/profiler/ceilings/timer';
import { timeDispatches } from './timing';
import { buildConv, type ConvSpec } from './conv-graph';

export interface VariantTiming {
  variant: string;
  key: string;
  /** Median GPU ms of each round (sorted). */
  ms: number[];
}

// Engines stay built across calls (one call per round keeps each under the protocol timeout).
const engines = new Map<string, { engine: Engine; feeds: Record<string, Float32Array> }>();

async function engineFor(s: ConvSpec, variant: string) {
  const key = `${JSON.stringify(s)}|${variant}`;
  let e = engines.get(key);
  if (!e) {
    const { device } = await getDevice();
    const built = buildConv(s);
    e = { engine: await Engine.create(device, built.graph, { mode: 'arena', chooseVariant: () => variant }), feeds: built.feeds };
    engines.set(key, e);
  }
  return e;
}

/** One round: every variant in turn, the median of `reps` inferences each. */
export async function convVariantTimings(s: ConvSpec, variants: string[], reps: number): Promise<VariantTiming[]> {
  const out: VariantTiming[] = [];
  for (const variant of variants) {
    const { engine, feeds } = await engineFor(s, variant);
    const t = await timeDispatches(engine, feeds, reps);
    out.push({ variant, key: t.key, ms: [t.ms[Math.floor(t.ms.length / 2)]] });
  }
  return out;
}

export function releaseVariantEngines(): void {
  for (const e of engines.values()) e.engine.destroy();
  engines.clear();
}

/**
 * The generic direct conv (direct.ts) timed on the same node, outside the engine (which would
 * pick dwconv): what a depthwise conv the row-window kernel declined used to cost.
 */
export async function genericConvTiming(s: ConvSpec, rounds: number, reps: number): Promise<number[]> {
  const { device } = await getDevice();
  const built = buildConv(s);
  const node = built.graph.nodes[0];
  const ctx = { graph: built.graph, limits: device.limits, features: new Set<string>() };
  const spec = convDispatch(node, ctx);
  const buffers = spec.tensors.map((name) => {
    const t = built.graph.tensors.get(name)!;
    const n = t.shape.reduce((a, x) => a * x, 1);
    const b = device.createBuffer({ size: Math.ceil((4 * n) / 16) * 16, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    const data = t.data ?? built.feeds[name];
    if (data) device.queue.writeBuffer(b, 0, new Float32Array(data));
    return b;
  });
  const uniforms = device.createBuffer({ size: spec.uniforms.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(uniforms, 0, spec.uniforms);
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code: spec.shader }), entryPoint: 'main' } });
  const entries = [...buffers, uniforms].map((buffer, binding) => ({ binding, resource: { buffer } }));
  const bind = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
  const timer = new PassTimer(device, reps + 1);
  const [gx, gy] = foldWorkgroups(spec.workgroups, device.limits.maxComputeWorkgroupsPerDimension);
  const ms: number[] = [];
  try {
    for (let r = 0; r < rounds; r++) {
      const ns = await timer.time((pass) => {
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, bind);
        pass.dispatchWorkgroups(gx, gy);
      }, reps);
      ms.push(ns.sort((a, b) => a - b)[Math.floor(ns.length / 2)] / 1e6);
    }
    return ms.sort((a, b) => a - b);
  } finally {
    timer.destroy();
    for (const b of [...buffers, uniforms]) b.destroy();
  }
}
