// Runs a graph on a GPUDevice: plans buffers once, creates pipelines and bind groups once,
// and encodes a whole inference into one submit (no per-op CPU round trips).
import type { Graph } from '../graph/ir.js';
import { makePlan, type AssignMode, type Plan, type Slot } from '../plan/index.js';
import type { KernelContext } from './kernel.js';
import { planDispatches, type DispatchRecord, type VariantChooser } from './dispatch-plan.js';
import { PipelineCache } from './pipelines.js';
import { DeviceLostError } from './errors.js';
import { Allocations, SMALLER_RUN_HINT } from './allocations.js';
import { uploadWeights, type WeightStore } from './weights.js';
import { applyPacks } from './packs.js';
import { TensorBuffers } from './tensor-buffers.js';

export { planDispatches, type DispatchRecord, type VariantChooser };

/** Observers the profiler attaches; the engine knows nothing about what they do. */
export interface RunHooks {
  timestampWrites?(dispatch: number): GPUComputePassTimestampWrites | undefined;
  afterDispatches?(encoder: GPUCommandEncoder): void;
  /** Logical allocation events in execution order, tagged with the dispatch they precede/follow. */
  onAlloc?(tensor: string, bytes: number, dispatch: number): void;
  onFree?(tensor: string, bytes: number, dispatch: number): void;
  beforeDispatch?(dispatch: number): void;
}

export interface EngineOptions {
  mode: AssignMode;
  /** Share compiled pipelines across engines (e.g. the configs of a sweep) on one device. */
  pipelines?: PipelineCache;
  /**
   * Tighter limits than the device's (never looser): emulates a smaller device, e.g. a
   * 128 MiB binding limit on an adapter that reports 1 GiB, or forces dispatch folding in tests.
   */
  limits?: Partial<EngineLimits>;
  /** Per-node variant choice; the kernel's default where it returns undefined. */
  chooseVariant?: VariantChooser;
}

export interface EngineLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  maxComputeWorkgroupsPerDimension: number;
}

function effectiveLimits(device: GPUDevice, override: Partial<EngineLimits> = {}) {
  const l = device.limits;
  const tighter = (k: keyof EngineLimits): number => Math.min(l[k], override[k] ?? Infinity);
  return {
    maxBufferSize: tighter('maxBufferSize'),
    maxStorageBufferBindingSize: tighter('maxStorageBufferBindingSize'),
    maxComputeWorkgroupsPerDimension: tighter('maxComputeWorkgroupsPerDimension'),
    maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
    minStorageBufferOffsetAlignment: l.minStorageBufferOffsetAlignment,
    minUniformBufferOffsetAlignment: l.minUniformBufferOffsetAlignment,
  };
}

export class Engine {
  private lostReason: string | null = null;
  private readonly bindGroups: GPUBindGroup[] = [];
  private bindGroupsMade = 0;
  private readonly tensorBytes: Map<string, number>;

  private constructor(
    readonly device: GPUDevice,
    readonly plan: Plan,
    readonly dispatches: DispatchRecord[],
    private readonly pipelines: GPUComputePipeline[],
    private readonly weights: WeightStore,
    private readonly buffers: TensorBuffers,
    private readonly uniforms: GPUBuffer,
    private readonly readback: GPUBuffer,
    private readonly outputOffsets: Map<string, number>,
    /** Where pool mode's buffers come from as they appear (checked at the end of each submit). */
    private readonly allocs: Allocations,
    private readonly pipelineCache: PipelineCache,
  ) {
    this.tensorBytes = new Map(plan.lifetimes.map((l) => [l.tensor, l.bytes]));
    device.lost.then((info) => (this.lostReason = `${info.reason}: ${info.message}`));
  }

  static async create(device: GPUDevice, graph: Graph, opts: EngineOptions): Promise<Engine> {
    const limits = effectiveLimits(device, opts.limits);
    const plan = makePlan(graph, opts.mode, {
      maxBufferSize: limits.maxBufferSize,
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      alignment: limits.minStorageBufferOffsetAlignment,
    });
    const ctx: KernelContext = { graph, limits, features: new Set([...device.features].map(String)) };
    const dispatches = planDispatches(graph, ctx, opts.chooseVariant);
    const packs = applyPacks(dispatches.map((d) => d.spec), graph);
    const cache = opts.pipelines ?? new PipelineCache(device);
    const pipelines = await Promise.all(dispatches.map((d) => cache.get(d.spec.key, d.spec.shader, d.node.name)));
    const allocs = new Allocations(device, limits.maxBufferSize);
    try {
      return await allocs.run(`allocating buffers for ${opts.mode} mode`, () => {
        // The readback first: a graph whose outputs together exceed maxBufferSize fails before the rest is made.
        const outputs = outputLayout(plan);
        const names = graph.outputs.map((o) => `'${o}'`).join(', ');
        const readback = allocs.buffer({ label: 'readback', size: Math.max(outputs.size, 16), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST }, { what: `the readback buffer of the outputs ${names}`, hint: SMALLER_RUN_HINT });
        const weights = uploadWeights(allocs, graph, limits.minStorageBufferOffsetAlignment, packs);
        const buffers = new TensorBuffers(allocs, plan.assignment);
        if (opts.mode === 'arena') buffers.createAll();
        const uniforms = createUniforms(allocs, dispatches, limits.minUniformBufferOffsetAlignment);
        const engine = new Engine(device, plan, dispatches, pipelines, weights, buffers, uniforms, readback, outputs.offsets, allocs, cache);
        if (opts.mode === 'arena') dispatches.forEach((_, d) => engine.bindGroupFor(d));
        return engine;
      });
    } catch (e) {
      allocs.destroyAll();
      throw e;
    }
  }

  /** Number of distinct pipelines (kernel specializations) this plan uses. */
  get pipelineCount(): number {
    return new Set(this.pipelines).size;
  }

  /** Pipelines created so far by the cache this engine draws from (shared across a sweep's engines). */
  get pipelinesCreated(): number {
    return this.pipelineCache.created;
  }

  /** Bind groups this engine has created: one per dispatch, in the first run at the latest. */
  get bindGroupsCreated(): number {
    return this.bindGroupsMade;
  }

  /** Runs one inference and reads the graph outputs back. */
  async run(feeds: Record<string, Float32Array>, hooks: RunHooks = {}): Promise<Record<string, Float32Array>> {
    await this.submit(feeds, hooks, true);
    return this.readOutputs();
  }

  /** Encodes and submits one inference; resolves when the GPU has finished it. */
  async submit(feeds: Record<string, Float32Array>, hooks: RunHooks = {}, copyOutputs = false): Promise<void> {
    if (this.lostReason) throw new DeviceLostError(this.lostReason);
    this.checkFeeds(feeds);
    await this.allocs.run('running the inference', () => {
      const encoder = this.device.createCommandEncoder({ label: 'inference' });
      this.encode(encoder, feeds, hooks);
      hooks.afterDispatches?.(encoder);
      if (copyOutputs) this.encodeOutputCopies(encoder);
      this.device.queue.submit([encoder.finish()]);
    });
    await this.device.queue.onSubmittedWorkDone();
    if (this.lostReason) throw new DeviceLostError(this.lostReason);
  }

  async readOutputs(): Promise<Record<string, Float32Array>> {
    await this.readback.mapAsync(GPUMapMode.READ);
    const all = this.readback.getMappedRange();
    const out: Record<string, Float32Array> = {};
    for (const [name, offset] of this.outputOffsets) {
      const n = this.tensorBytes.get(name)! / 4;
      out[name] = new Float32Array(all.slice(offset, offset + n * 4));
    }
    this.readback.unmap();
    return out;
  }

  destroy(): void {
    this.buffers.destroy();
    this.weights.buffer.destroy();
    this.uniforms.destroy();
    this.readback.destroy();
  }

  private checkFeeds(feeds: Record<string, Float32Array>): void {
    for (const name of this.plan.graph.inputs) {
      const want = this.tensorBytes.get(name)! / 4;
      const got = feeds[name];
      const shape = this.plan.graph.tensors.get(name)!.shape;
      if (!got) throw new Error(`missing input '${name}' (shape [${shape}])`);
      if (got.length !== want) throw new Error(`input '${name}' has ${got.length} values; the graph expects [${shape}] = ${want} float32 values`);
    }
  }

  private encode(encoder: GPUCommandEncoder, feeds: Record<string, Float32Array>, hooks: RunHooks): void {
    const { allocAt, freeAfter, graph } = this.plan;
    const bytes = (t: string): number => this.tensorBytes.get(t)!;
    let d = 0;
    graph.nodes.forEach((node, i) => {
      for (const t of allocAt[i]) {
        this.buffers.acquire(t);
        hooks.onAlloc?.(t, bytes(t), d);
        const feed = feeds[t];
        if (feed) this.device.queue.writeBuffer(this.buffers.buffer(t), this.buffers.slot(t).offset, feed.buffer, feed.byteOffset, feed.byteLength);
      }
      for (; d < this.dispatches.length && this.dispatches[d].nodeIndex === i; d++) {
        hooks.beforeDispatch?.(d);
        const rec = this.dispatches[d];
        const pass = encoder.beginComputePass({ label: rec.spec.label, timestampWrites: hooks.timestampWrites?.(d) });
        pass.setPipeline(this.pipelines[d]);
        pass.setBindGroup(0, this.bindGroupFor(d));
        pass.dispatchWorkgroups(...rec.workgroups);
        pass.end();
      }
      for (const t of freeAfter[i]) {
        this.buffers.release(t);
        hooks.onFree?.(t, bytes(t), d - 1);
      }
    });
  }

  private encodeOutputCopies(encoder: GPUCommandEncoder): void {
    for (const [name, offset] of this.outputOffsets) {
      const slot = this.buffers.slot(name);
      encoder.copyBufferToBuffer(this.buffers.buffer(name), slot.offset, this.readback, offset, slot.size);
    }
  }

  /** Bind groups are made once per plan; in pool mode during the first run, as its buffers appear. */
  private bindGroupFor(d: number): GPUBindGroup {
    return (this.bindGroups[d] ??= this.makeBindGroup(this.dispatches[d], d));
  }

  private makeBindGroup(rec: DispatchRecord, d: number): GPUBindGroup {
    const entries: GPUBindGroupEntry[] = rec.spec.tensors.map((t, binding) => ({ binding, resource: this.bufferBinding(t) }));
    entries.push({ binding: entries.length, resource: { buffer: this.uniforms, offset: d * 256, size: rec.spec.uniforms.byteLength } });
    this.bindGroupsMade++;
    return this.device.createBindGroup({ label: rec.spec.label, layout: this.pipelines[d].getBindGroupLayout(0), entries });
  }

  private bufferBinding(t: string): GPUBufferBinding {
    const w = this.weights.slots.get(t);
    if (w) return { buffer: this.weights.buffer, offset: w.offset, size: w.size };
    const s: Slot = this.buffers.slot(t);
    return { buffer: this.buffers.buffer(t), offset: s.offset, size: s.size };
  }

  /** What the engine uploaded as weights: exact tensor bytes, before alignment padding. */
  weightAllocations(): { tensor: string; bytes: number }[] {
    return [...this.weights.bytes].map(([tensor, bytes]) => ({ tensor, bytes }));
  }

  /** Bytes of every GPU buffer this engine owns, by purpose (for attribution checks). */
  ownedBuffers(): { label: string; size: number }[] {
    return [
      { label: 'weights', size: this.weights.buffer.size },
      { label: 'uniforms', size: this.uniforms.size },
      { label: 'readback', size: this.readback.size },
      ...this.buffers.created(),
    ];
  }
}

/** Each output at a 256-byte aligned offset of one readback buffer. */
function outputLayout(plan: Plan): { offsets: Map<string, number>; size: number } {
  const offsets = new Map<string, number>();
  let size = 0;
  for (const o of plan.graph.outputs) {
    offsets.set(o, size);
    size += Math.ceil(plan.assignment.slots.get(o)!.size / 256) * 256;
  }
  return { offsets, size };
}

function createUniforms(allocs: Allocations, dispatches: DispatchRecord[], align: number): GPUBuffer {
  if (align > 256) throw new Error(`minUniformBufferOffsetAlignment ${align} > 256 is not supported`);
  const size = Math.max(256, dispatches.length * 256);
  const buf = allocs.buffer({ label: 'uniforms', size, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, mappedAtCreation: true }, { what: `the uniforms buffer (${dispatches.length} dispatches, 256 bytes each)` });
  const bytes = new Uint8Array(buf.getMappedRange());
  dispatches.forEach((d, i) => bytes.set(new Uint8Array(d.spec.uniforms), i * 256));
  buf.unmap();
  return buf;
}
