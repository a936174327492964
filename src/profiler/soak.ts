// Many more inferences on one engine after its measurement, as a long session runs them. A leak
// shows as bytes or buffers alive after the soak that were not before it; a pipeline or bind
// group made again shows in the engine's own counters; any nondeterminism (a race, a stale
// buffer read) shows as an output that differs, bit for bit, from the configuration's first run.
import type { BufferTracker } from './buffer-tracker.js';

/** What the soak needs from an engine (the Engine has all of it; tests hand a fake). */
export interface SoakTarget {
  run(feeds: Record<string, Float32Array>): Promise<Record<string, Float32Array>>;
  readonly pipelinesCreated: number;
  readonly bindGroupsCreated: number;
}

/** The device's live GPU buffers as the buffer tracker sees them. */
export interface LiveBuffers {
  bytes(): number;
  count(): number;
}

/** Every buffer of the device, not only the engine's: a leak from anything the runs touch counts. */
export function trackedLiveBuffers(tracker: BufferTracker, device: GPUDevice): LiveBuffers {
  return { bytes: () => tracker.liveBytes(device), count: () => tracker.live(device).length };
}

export interface SoakMeasurement {
  runs: number;
  /** Live bytes after the soak minus before it (0 when nothing leaked; negative if something was freed). */
  leakedBytes: number;
  liveBuffersBefore: number;
  liveBuffersAfter: number;
  liveBytesBefore: number;
  liveBytesAfter: number;
  /** Every output of every soak run equals the first run's output bit for bit. */
  bitIdentical: boolean;
  /** Soak runs with at least one output bit that differs from the first run's. */
  mismatchedRuns: number;
  /** Where the first difference was (run, output, element, both bit patterns); null when none. */
  firstMismatch: string | null;
  /** Made by the engine during the soak: 0 when pipelines and bind groups are reused. */
  pipelinesCreated: number;
  bindGroupsCreated: number;
  /** All soak runs, submit to readback. */
  wallMs: number;
}

const hex = (x: number): string => `0x${x.toString(16).padStart(8, '0')}`;
/** A float32 value in the 9 significant digits that identify it. */
const f32 = (x: number): string => String(Number(x.toPrecision(9)));

/** The first bit-level difference between two sets of outputs, or null when they are identical. */
export function firstDifference(want: Record<string, Float32Array>, got: Record<string, Float32Array>): string | null {
  for (const name of Object.keys(want)) {
    const g = got[name];
    if (!g) return `output '${name}' missing`;
    const a = new Uint32Array(want[name].buffer, want[name].byteOffset, want[name].length);
    const b = new Uint32Array(g.buffer, g.byteOffset, g.length);
    if (a.length !== b.length) return `output '${name}' has ${b.length} values, the first run ${a.length}`;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `output '${name}'[${i}] is ${hex(b[i])} (${f32(g[i])}), the first run ${hex(a[i])} (${f32(want[name][i])})`;
  }
  const extra = Object.keys(got).find((n) => !(n in want));
  return extra === undefined ? null : `output '${extra}' not in the first run`;
}

export interface SoakOptions {
  runs: number;
  /** The configuration's first outputs, which every soak run must reproduce. */
  first: Record<string, Float32Array>;
  live: LiveBuffers;
  /** Called before each run; may throw to stop the soak. */
  onStep?(run: number, runs: number): void;
}

export async function soakEngine(target: SoakTarget, feeds: Record<string, Float32Array>, o: SoakOptions): Promise<SoakMeasurement> {
  const liveBytesBefore = o.live.bytes();
  const liveBuffersBefore = o.live.count();
  const pipelines0 = target.pipelinesCreated;
  const bindGroups0 = target.bindGroupsCreated;
  let mismatchedRuns = 0;
  let firstMismatch: string | null = null;
  const t0 = performance.now();
  for (let i = 1; i <= o.runs; i++) {
    o.onStep?.(i, o.runs);
    const diff = firstDifference(o.first, await target.run(feeds));
    if (diff === null) continue;
    mismatchedRuns++;
    firstMismatch ??= `soak run ${i}: ${diff}`;
  }
  const wallMs = performance.now() - t0;
  const liveBytesAfter = o.live.bytes();
  return {
    runs: o.runs,
    leakedBytes: liveBytesAfter - liveBytesBefore,
    liveBuffersBefore,
    liveBuffersAfter: o.live.count(),
    liveBytesBefore,
    liveBytesAfter,
    bitIdentical: mismatchedRuns === 0,
    mismatchedRuns,
    firstMismatch,
    pipelinesCreated: target.pipelinesCreated - pipelines0,
    bindGroupsCreated: target.bindGroupsCreated - bindGroups0,
    wallMs,
  };
}

/** What is wrong with a soak, one line each; empty when it held (the verdict fails the run otherwise). */
export function soakProblems(s: SoakMeasurement): string[] {
  const out: string[] = [];
  if (s.leakedBytes !== 0) out.push(`${s.leakedBytes} bytes ${s.leakedBytes > 0 ? 'leaked' : 'freed'} over ${s.runs} soak runs (${s.liveBytesBefore} -> ${s.liveBytesAfter} live bytes)`);
  if (s.liveBuffersAfter !== s.liveBuffersBefore) out.push(`live buffers went from ${s.liveBuffersBefore} to ${s.liveBuffersAfter} over ${s.runs} soak runs`);
  if (!s.bitIdentical) out.push(`${s.mismatchedRuns}/${s.runs} soak runs differ from the first run's output (${s.firstMismatch})`);
  if (s.pipelinesCreated) out.push(`${s.pipelinesCreated} pipelines created during the soak (they should be reused)`);
  if (s.bindGroupsCreated) out.push(`${s.bindGroupsCreated} bind groups created during the soak (they should be reused)`);
  return out;
}
