// Live bytes at every dispatch of one inference, measured two ways, as PyTorch separates
// reserved from allocated memory:
//   logical:  tensors live at the dispatch, from the engine's onAlloc/onFree events, plus the
//             weights the engine keeps resident;
//   physical: GPU buffers that exist at the dispatch, from the buffer tracker alone.
// Samples are taken in beforeDispatch, i.e. while the inference is being encoded; in pool mode
// the first run creates buffers as encoding proceeds, which is exactly what this shows.

export interface MemoryTimeline {
  /** One entry per dispatch, in dispatch order. */
  logicalBytes: number[];
  physicalBytes: number[];
  logicalPeakBytes: number;
  /** First dispatch reaching the logical peak, and the tensors live there. */
  logicalPeakDispatch: number;
  liveAtLogicalPeak: string[];
  /** Protocol violations seen (double alloc, free of an unknown tensor); empty when sound. */
  anomalies: string[];
}

export class MemoryRecorder {
  private readonly live = new Map<string, number>();
  private liveBytes = 0;
  private readonly logical: number[] = [];
  private readonly physical: number[] = [];
  private readonly anomalies: string[] = [];
  private peak = { bytes: -1, dispatch: -1, tensors: [] as string[] };

  constructor(
    /** Bytes resident for the whole run (the weights the engine uploaded). */
    private readonly residentBytes: number,
    private readonly physicalNow: () => number,
  ) {}

  onAlloc(tensor: string, bytes: number, dispatch: number): void {
    if (this.live.has(tensor)) this.anomalies.push(`'${tensor}' allocated twice (dispatch ${dispatch})`);
    else {
      this.live.set(tensor, bytes);
      this.liveBytes += bytes;
    }
  }

  onFree(tensor: string, bytes: number, dispatch: number): void {
    const had = this.live.get(tensor);
    if (had === undefined) {
      this.anomalies.push(`'${tensor}' freed without being allocated (dispatch ${dispatch})`);
      return;
    }
    if (had !== bytes) this.anomalies.push(`'${tensor}' freed with ${bytes} bytes, allocated with ${had}`);
    this.live.delete(tensor);
    this.liveBytes -= had;
  }

  beforeDispatch(dispatch: number): void {
    if (dispatch !== this.logical.length) this.anomalies.push(`dispatch ${dispatch} sampled out of order`);
    const bytes = this.liveBytes + this.residentBytes;
    this.logical.push(bytes);
    this.physical.push(this.physicalNow());
    if (bytes > this.peak.bytes) this.peak = { bytes, dispatch, tensors: [...this.live.keys()] };
  }

  result(): MemoryTimeline {
    // The engine frees every tensor, graph outputs included, after its last use.
    const leaked = [...this.live.keys()].map((t) => `'${t}' never freed`);
    return {
      logicalBytes: [...this.logical],
      physicalBytes: [...this.physical],
      logicalPeakBytes: Math.max(0, this.peak.bytes),
      logicalPeakDispatch: this.peak.dispatch,
      liveAtLogicalPeak: this.peak.tensors,
      anomalies: [...this.anomalies, ...leaked],
    };
  }
}
