// Plan-time autotuning: for every node whose kernel offers several variants, the variant to run.
// 'off' keeps the kernels' defaults; 'cached' reuses earlier choices for the same adapter, kernel,
// variant list and node signature and times only what is missing; 'full' times everything again.
// A pin (--kernel-variant KERNEL=NAME) beats all of them. Timing is bounded by a budget over the
// whole sweep; once spent, the remaining nodes keep their defaults (and say so).
import { numel, type Graph, type Node } from '../../graph/ir.js';
import { KERNELS, selectKernel } from '../../ops/kernels.js';
import type { KernelContext } from '../../runtime/kernel.js';
import type { PipelineCache } from '../../runtime/pipelines.js';
import type { VariantChooser } from '../../runtime/engine.js';
import type { KeyValueStore } from '../ceilings/cache.js';
import type { AdapterKey } from '../ceilings/types.js';
import { pickFastest, type CandidateTiming } from './pick.js';
import { nodeSignature, tuningKey } from './signature.js';
import type { CandidateRunOptions } from './time-candidates.js';

export type TuneMode = 'off' | 'cached' | 'full';
export const TUNE_MODES: readonly TuneMode[] = ['off', 'cached', 'full'];
export type ChoiceSource = 'default' | 'tuned' | 'cached' | 'pinned';

export interface CandidateRecord {
  name: string;
  /** Median time of the node alone, ms; null when not timed or failed. */
  ms: number | null;
  runs: number;
  error?: string;
}

export interface NodeChoice {
  node: string;
  kernel: string;
  /** null when the kernel has a single program. */
  variant: string | null;
  candidates: CandidateRecord[];
  source: ChoiceSource;
  /** Why a node that could be tuned kept its default (e.g. the budget was spent). */
  note?: string;
}

export interface TunerOptions {
  mode: TuneMode;
  /** kernel -> variant. */
  pins: Record<string, string>;
  budgetMs: number;
  /** Timed runs per candidate after a warm-up. */
  runs: number;
  timestamps: boolean;
  adapter: AdapterKey;
  store: KeyValueStore | null;
  pipelines?: PipelineCache;
  onProgress?(message: string): void;
  /** Times one node's candidates (default: timeCandidates on the device); tests pass fake timings. */
  timer?: CandidateTimer;
}

export type CandidateTimer = (device: GPUDevice, graph: Graph, node: Node, candidates: readonly string[], o: CandidateRunOptions) => Promise<CandidateTiming[]>;

export interface TuningStats {
  mode: TuneMode;
  budgetMs: number;
  /** Time spent timing candidates (cache lookups are free). */
  spentMs: number;
  /** Distinct (kernel, signature) tunings timed. */
  tuned: number;
  /** Nodes that reused a tuning timed earlier in this run (same signature). */
  shared: number;
  cacheHits: number;
  pinned: number;
  /** Candidates that failed to compile, validate or run. */
  failedCandidates: number;
  /** Nodes left at their default because the budget was spent. */
  overBudget: number;
}

interface Decision {
  variant: string;
  candidates: CandidateRecord[];
}

/** Rejects pins that name no kernel, listing the kernels (and which of them have variants). */
export function checkPins(pins: Record<string, string>): void {
  for (const kernel of Object.keys(pins)) {
    if (KERNELS.some((k) => k.name === kernel)) continue;
    const withVariants = KERNELS.filter((k) => k.variants).map((k) => k.name);
    const all = [...new Set(KERNELS.map((k) => k.name))].sort();
    throw new Error(`--kernel-variant ${kernel}=${pins[kernel]}: no kernel named '${kernel}'; kernels with variants: ${withVariants.join(', ') || 'none'} (all kernels: ${all.join(', ')})`);
  }
}

const names = (cs: readonly string[]): CandidateRecord[] => cs.map((name) => ({ name, ms: null, runs: 0 }));
const record = (t: CandidateTiming): CandidateRecord => ({ name: t.name, ms: t.ms, runs: t.samplesMs.length, ...(t.error ? { error: t.error } : {}) });

function loadDecision(store: KeyValueStore | null, key: string, candidates: readonly string[]): Decision | null {
  const text = store?.getItem(key);
  if (!text) return null;
  try {
    const d = JSON.parse(text) as Decision;
    return candidates.includes(d.variant) && Array.isArray(d.candidates) ? d : null;
  } catch {
    return null;
  }
}

function saveDecision(store: KeyValueStore | null, key: string, d: Decision): void {
  try {
    store?.setItem(key, JSON.stringify(d));
  } catch {
    // A full or disabled storage only costs a tuning next time.
  }
}

export class Tuner {
  readonly stats: TuningStats;
  private readonly memo = new Map<string, Decision>();

  constructor(private o: TunerOptions) {
    checkPins(o.pins);
    this.stats = { mode: o.mode, budgetMs: o.budgetMs, spentMs: 0, tuned: 0, shared: 0, cacheHits: 0, pinned: 0, failedCandidates: 0, overBudget: 0 };
  }

  /** After the device was replaced: its pipelines from now on (the choices made so far still hold, on the same adapter). */
  usePipelines(pipelines: PipelineCache): void {
    this.o = { ...this.o, pipelines };
  }

  /** Every node's choice, by node name. */
  async plan(device: GPUDevice, graph: Graph): Promise<Map<string, NodeChoice>> {
    const ctx = kernelContext(device, graph);
    const out = new Map<string, NodeChoice>();
    const offered = graph.nodes.map((node) => {
      const kernel = selectKernel(node, ctx);
      return { node, kernel: kernel.name, candidates: kernel.variants?.(node, ctx) ?? [] };
    });
    const todo = offered.filter((x) => x.candidates.length > 1).length;
    let done = 0;
    // The heaviest nodes first: when the budget runs out, what is left are the cheap ones.
    for (const x of [...offered].sort((a, b) => workOf(graph, b.node) - workOf(graph, a.node))) {
      if (x.candidates.length > 1) this.o.onProgress?.(`tuning ${x.kernel} at ${x.node.name} (${++done}/${todo})`);
      out.set(x.node.name, await this.choose(device, graph, x.node, x.kernel, x.candidates));
    }
    this.checkPinsOffered([...out.values()]);
    return new Map(graph.nodes.map((n) => [n.name, out.get(n.name)!]));
  }

  private async choose(device: GPUDevice, graph: Graph, node: Node, kernel: string, candidates: string[]): Promise<NodeChoice> {
    const base = { node: node.name, kernel };
    if (!candidates.length) return { ...base, variant: null, candidates: [], source: 'default' };
    const pin = this.o.pins[kernel];
    if (pin !== undefined && candidates.includes(pin)) {
      this.stats.pinned++;
      return { ...base, variant: pin, candidates: names(candidates), source: 'pinned' };
    }
    if (this.o.mode === 'off' || candidates.length === 1) return { ...base, variant: candidates[0], candidates: names(candidates), source: 'default' };
    const key = tuningKey({ adapter: this.o.adapter, kernel, candidates, signature: nodeSignature(node, graph) });
    const shared = this.memo.get(key);
    if (shared) {
      this.stats.shared++;
      return { ...base, ...shared, source: 'tuned' };
    }
    const cached = this.o.mode === 'cached' ? loadDecision(this.o.store, key, candidates) : null;
    if (cached) {
      this.stats.cacheHits++;
      this.memo.set(key, cached);
      return { ...base, ...cached, source: 'cached' };
    }
    if (this.stats.spentMs >= this.o.budgetMs) {
      this.stats.overBudget++;
      return { ...base, variant: candidates[0], candidates: names(candidates), source: 'default', note: `tuning budget of ${this.o.budgetMs} ms spent` };
    }
    const decision = await this.time(device, graph, node, candidates);
    if (!decision) return { ...base, variant: candidates[0], candidates: names(candidates), source: 'default', note: 'no candidate ran' };
    this.memo.set(key, decision);
    saveDecision(this.o.store, key, decision);
    return { ...base, ...decision, source: 'tuned' };
  }

  private async time(device: GPUDevice, graph: Graph, node: Node, candidates: string[]): Promise<Decision | null> {
    const t0 = performance.now();
    const deadline = t0 + this.o.budgetMs - this.stats.spentMs;
    try {
      // Loaded on first use: the engine needs WebGPU's globals, the policy does not.
      const timer = this.o.timer ?? (await import('./time-candidates.js')).timeCandidates;
      const timings = await timer(device, graph, node, candidates, { runs: this.o.runs, timestamps: this.o.timestamps, pipelines: this.o.pipelines, deadline });
      this.stats.tuned++;
      this.stats.failedCandidates += timings.filter((t) => t.error).length;
      const variant = pickFastest(timings);
      return variant === null ? null : { variant, candidates: timings.map(record) };
    } finally {
      this.stats.spentMs += performance.now() - t0;
    }
  }

  /** A pin whose kernel runs here but never offers the pinned name is a mistake: say what it offers. */
  private checkPinsOffered(choices: NodeChoice[]): void {
    for (const [kernel, variant] of Object.entries(this.o.pins)) {
      const mine = choices.filter((c) => c.kernel === kernel);
      if (!mine.length || mine.some((c) => c.source === 'pinned')) continue;
      const offered = [...new Set(mine.flatMap((c) => c.candidates.map((x) => x.name)))];
      const what = offered.length ? `it offers ${offered.join(', ')}` : 'it has a single program (no variants)';
      throw new Error(`--kernel-variant ${kernel}=${variant}: kernel ${kernel} has no variant '${variant}' at any node of this model; ${what}`);
    }
  }
}

/** A rough multiply-add count for ordering only: output elements x weights per output (1 without weights). */
function workOf(graph: Graph, node: Node): number {
  const out = graph.tensors.get(node.outputs[0]);
  const w = node.inputs.map((t) => graph.tensors.get(t)).find((t) => t?.role === 'weight' && t.shape.length > 1);
  const perOutput = w ? numel(w.shape) / w.shape[0] : 1;
  return (out ? numel(out.shape) : 0) * perOutput;
}

function kernelContext(device: GPUDevice, graph: Graph): KernelContext {
  const l = device.limits;
  return {
    graph,
    limits: { maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension, maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup },
    features: new Set([...device.features].map(String)),
  };
}

/** The engine's chooser for a plan's choices (a node without one keeps the kernel's default). */
export function chooserOf(choices: Map<string, NodeChoice>): VariantChooser {
  return (node) => choices.get(node.name)?.variant ?? undefined;
}
