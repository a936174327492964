// Bookkeeping behind the buffer tracker, free of WebGPU so it can be tested with fixed event
// sequences. Buffers belong to an owner (one per GPUDevice), because a page may hold several
// devices and each device's memory is a separate budget.

export interface BufferRecord {
  id: number;
  owner: number;
  label: string;
  bytes: number;
  /** Sequence number of its creation; marks compare against it. */
  seq: number;
  destroyed: boolean;
}

export interface LedgerEvent {
  seq: number;
  /** Milliseconds, from the clock the ledger was given. */
  time: number;
  kind: 'create' | 'destroy';
  id: number;
  owner: number;
  label: string;
  bytes: number;
  /** The owner's live bytes after this event. */
  liveBytes: number;
}

/**
 * The buffers one owner creates from the moment the scope opens, so a measurement counts what
 * its own step allocated and not what earlier work left on the device.
 */
export interface LedgerScope {
  readonly owner: number;
  readonly mark: number;
  liveBytes(): number;
  peakBytes(): number;
  /** Buffers of the scope live when its peak was first reached. */
  peakBuffers(): BufferRecord[];
  live(): BufferRecord[];
  close(): void;
}

interface ScopeState {
  owner: number;
  mark: number;
  live: Map<number, BufferRecord>;
  liveBytes: number;
  peakBytes: number;
  peakBuffers: BufferRecord[];
}

interface OwnerState {
  live: Map<number, BufferRecord>;
  liveBytes: number;
  peakBytes: number;
  peakBuffers: BufferRecord[];
}

export class BufferLedger {
  readonly events: LedgerEvent[] = [];
  private readonly owners = new Map<number, OwnerState>();
  private readonly records = new Map<number, BufferRecord>();
  private readonly scopes = new Set<ScopeState>();
  private seq = 0;

  constructor(
    private readonly clock: () => number = () => 0,
    /** Oldest events are dropped beyond this, so a long page session cannot grow without bound. */
    private readonly maxEvents = 100_000,
  ) {}

  create(owner: number, label: string, bytes: number): number {
    const rec: BufferRecord = { id: ++this.seq, owner, label, bytes, seq: this.seq, destroyed: false };
    const st = this.state(owner);
    st.live.set(rec.id, rec);
    this.records.set(rec.id, rec);
    st.liveBytes += bytes;
    if (st.liveBytes > st.peakBytes) {
      st.peakBytes = st.liveBytes;
      st.peakBuffers = [...st.live.values()];
    }
    for (const sc of this.scopes) if (sc.owner === owner) scopeAdd(sc, rec);
    this.log('create', rec, st);
    return rec.id;
  }

  /** False when the buffer is unknown or already destroyed (destroy() may be called twice). */
  destroy(id: number): boolean {
    const rec = this.records.get(id);
    if (!rec || rec.destroyed) return false;
    rec.destroyed = true;
    this.records.delete(id);
    const st = this.state(rec.owner);
    st.live.delete(id);
    st.liveBytes -= rec.bytes;
    for (const sc of this.scopes) if (sc.live.delete(id)) sc.liveBytes -= rec.bytes;
    this.seq++;
    this.log('destroy', rec, st);
    return true;
  }

  liveBytes(owner: number): number {
    return this.state(owner).liveBytes;
  }

  live(owner: number): BufferRecord[] {
    return [...this.state(owner).live.values()];
  }

  peakBytes(owner: number): number {
    return this.state(owner).peakBytes;
  }

  /** The buffers that were live when the peak was first reached. */
  peakBuffers(owner: number): BufferRecord[] {
    return [...this.state(owner).peakBuffers];
  }

  openScope(owner: number): LedgerScope {
    const sc: ScopeState = { owner, mark: this.seq, live: new Map(), liveBytes: 0, peakBytes: 0, peakBuffers: [] };
    this.scopes.add(sc);
    return {
      owner,
      mark: sc.mark,
      liveBytes: () => sc.liveBytes,
      peakBytes: () => sc.peakBytes,
      peakBuffers: () => [...sc.peakBuffers],
      live: () => [...sc.live.values()],
      close: () => void this.scopes.delete(sc),
    };
  }

  mark(): number {
    return this.seq;
  }

  eventsSince(mark: number, owner?: number): LedgerEvent[] {
    return this.events.filter((e) => e.seq > mark && (owner === undefined || e.owner === owner));
  }

  private state(owner: number): OwnerState {
    let st = this.owners.get(owner);
    if (!st) {
      st = { live: new Map(), liveBytes: 0, peakBytes: 0, peakBuffers: [] };
      this.owners.set(owner, st);
    }
    return st;
  }

  private log(kind: LedgerEvent['kind'], rec: BufferRecord, st: OwnerState): void {
    this.events.push({ seq: this.seq, time: this.clock(), kind, id: rec.id, owner: rec.owner, label: rec.label, bytes: rec.bytes, liveBytes: st.liveBytes });
    if (this.events.length > this.maxEvents) this.events.splice(0, this.events.length - this.maxEvents);
  }
}

function scopeAdd(sc: ScopeState, rec: BufferRecord): void {
  sc.live.set(rec.id, rec);
  sc.liveBytes += rec.bytes;
  if (sc.liveBytes > sc.peakBytes) {
    sc.peakBytes = sc.liveBytes;
    sc.peakBuffers = [...sc.live.values()];
  }
}
