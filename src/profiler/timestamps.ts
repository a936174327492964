// One begin/end timestamp pair per compute pass, resolved once per submit into one buffer
// and read back after the GPU finishes. Without the 'timestamp-query' feature every method is
// a no-op and read() returns null, so callers keep one code path (as webgpu-samples do).
// Nothing is judged here: a pair is kept as read (see plausibility.ts for what gets flagged).
import { quantizeStamps } from './quantum.js';
import { Allocations } from '../runtime/allocations.js';

export const QUERY_RESOLVE_LABEL = 'query-resolve';
export const QUERY_READBACK_LABEL = 'query-readback';

/** Pass times relative to the earliest begin, in nanoseconds; null where the stamp read 0 (never written). */
export interface PassTimes {
  beginNs: (number | null)[];
  endNs: (number | null)[];
  /** Wall time of the submit these came from (submit to GPU done), when the caller timed it. */
  wallMs?: number;
}

export interface TimestampOptions {
  /** false: behave as on a device without 'timestamp-query' (default true). */
  enabled?: boolean;
  /** Rounds every raw stamp down to a multiple of this many ns right after readback, as a quantizing browser does. */
  emulateQuantumNs?: number | null;
  /** Sees every readback's raw stamps (after any emulated quantization), e.g. to detect the quantum. */
  onRaw?(raw: BigInt64Array): void;
}

export class TimestampQuery {
  readonly supported: boolean;
  private readonly querySet?: GPUQuerySet;
  private readonly resolveBuffer?: GPUBuffer;
  private readonly readback?: GPUBuffer;
  private pending = false;
  private readonly allocs?: Allocations;

  constructor(
    device: GPUDevice,
    readonly passes: number,
    private readonly opts: TimestampOptions = {},
  ) {
    this.supported = (opts.enabled ?? true) && device.features.has('timestamp-query') && passes > 0;
    if (!this.supported) return;
    const bytes = 2 * passes * 8;
    const allocs = (this.allocs = new Allocations(device));
    const of = `${passes} passes`;
    this.querySet = allocs.querySet({ label: 'query', type: 'timestamp', count: 2 * passes }, { what: `the timestamp query set (${2 * passes} queries, ${of})` });
    this.resolveBuffer = allocs.buffer({ label: QUERY_RESOLVE_LABEL, size: bytes, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC }, { what: `the timestamp resolve buffer (${of})` });
    this.readback = allocs.buffer({ label: QUERY_READBACK_LABEL, size: bytes, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ }, { what: `the timestamp readback buffer (${of})` });
  }

  /** Raises what the device refused of the query set and its buffers; call once before the first submit. */
  async ready(): Promise<void> {
    try {
      await this.allocs?.settle();
    } catch (e) {
      this.destroy();
      throw e;
    }
  }

  /** Bytes of the query set itself (8 per query); it is not a GPUBuffer, so trackers miss it. */
  get querySetBytes(): number {
    return this.supported ? 2 * this.passes * 8 : 0;
  }

  passWrites(pass: number): GPUComputePassTimestampWrites | undefined {
    if (!this.querySet) return undefined;
    return { querySet: this.querySet, beginningOfPassWriteIndex: 2 * pass, endOfPassWriteIndex: 2 * pass + 1 };
  }

  /** Encodes the resolve and the copy to the mappable buffer; call after the last pass. */
  resolve(encoder: GPUCommandEncoder): void {
    if (!this.querySet || !this.resolveBuffer || !this.readback) return;
    // A readback still mapped or awaited cannot be a copy target; skip rather than fail.
    if (this.readback.mapState !== 'unmapped') return;
    encoder.resolveQuerySet(this.querySet, 0, 2 * this.passes, this.resolveBuffer, 0);
    encoder.copyBufferToBuffer(this.resolveBuffer, 0, this.readback, 0, this.resolveBuffer.size);
    this.pending = true;
  }

  /** Reads what the last resolve() captured; null when nothing was resolved. */
  async read(): Promise<PassTimes | null> {
    if (!this.readback || !this.pending) return null;
    this.pending = false;
    await this.allocs?.settle(); // for callers that skipped ready(): nothing refused goes unreported
    await this.readback.mapAsync(GPUMapMode.READ);
    const raw = new BigInt64Array(this.readback.getMappedRange().slice(0));
    this.readback.unmap();
    if (this.opts.emulateQuantumNs) quantizeStamps(raw, this.opts.emulateQuantumNs);
    this.opts.onRaw?.(raw);
    return relativeTimes(raw, this.passes);
  }

  destroy(): void {
    this.querySet?.destroy();
    this.resolveBuffer?.destroy();
    this.readback?.destroy();
  }
}

/**
 * Differences are taken in BigInt before converting, because absolute timestamps can exceed
 * 2^53 ns. A stamp of 0 is null (some drivers leave unwritten queries at 0; Metal resolves an
 * empty pass to two zeros); every other pair is kept as read, backwards or not, so that
 * screenRun() can count what is wrong with it instead of it vanishing here.
 */
export function relativeTimes(raw: BigInt64Array, passes: number): PassTimes {
  let origin: bigint | null = null;
  for (let p = 0; p < passes; p++) {
    const b = raw[2 * p];
    if (b > 0n && (origin === null || b < origin)) origin = b;
  }
  const rel = (v: bigint): number | null => (origin === null || v <= 0n ? null : Number(v - origin));
  const beginNs: (number | null)[] = [];
  const endNs: (number | null)[] = [];
  for (let p = 0; p < passes; p++) {
    beginNs.push(rel(raw[2 * p]));
    endNs.push(rel(raw[2 * p + 1]));
  }
  return { beginNs, endNs };
}
