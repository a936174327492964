// Times compute passes: with timestamp-query, many passes go into one submit and each
// is timed on the GPU timeline (no submit round trip in the number); without it, each
// pass is its own submit timed by the wall clock, which adds the round trip (0.3-2.6 ms
// on SwiftShader), so small sizes read low there.

export type EncodePass = (pass: GPUComputePassEncoder) => void;

export class PassTimer {
  readonly kind: 'timestamp' | 'wallclock';
  private readonly querySet?: GPUQuerySet;
  private readonly resolve?: GPUBuffer;
  private readonly readback?: GPUBuffer;

  constructor(
    private readonly device: GPUDevice,
    private readonly maxPasses: number,
    mode: 'auto' | 'wallclock' = 'auto',
  ) {
    this.kind = mode === 'auto' && device.features.has('timestamp-query') ? 'timestamp' : 'wallclock';
    if (this.kind === 'timestamp') {
      const count = 2 * maxPasses;
      this.querySet = device.createQuerySet({ type: 'timestamp', count });
      this.resolve = device.createBuffer({ size: 8 * count, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
      this.readback = device.createBuffer({ size: 8 * count, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    }
  }

  /** Nanoseconds of each of `repeats` passes, after `warmup` untimed ones. */
  async time(encode: EncodePass, repeats: number, warmup = 1): Promise<number[]> {
    if (repeats + warmup > this.maxPasses) throw new Error(`PassTimer was sized for ${this.maxPasses} passes, asked for ${repeats + warmup}`);
    const all = this.kind === 'timestamp' ? await this.timeOnGpu(encode, repeats + warmup) : await this.timeOnWallClock(encode, repeats + warmup);
    return all.slice(warmup);
  }

  destroy(): void {
    this.querySet?.destroy();
    this.resolve?.destroy();
    this.readback?.destroy();
  }

  private async timeOnGpu(encode: EncodePass, passes: number): Promise<number[]> {
    const encoder = this.device.createCommandEncoder({ label: 'ceilings' });
    for (let i = 0; i < passes; i++) {
      const timestampWrites = { querySet: this.querySet!, beginningOfPassWriteIndex: 2 * i, endOfPassWriteIndex: 2 * i + 1 };
      const pass = encoder.beginComputePass({ label: `ceilings ${i}`, timestampWrites });
      encode(pass);
      pass.end();
    }
    encoder.resolveQuerySet(this.querySet!, 0, 2 * passes, this.resolve!, 0);
    encoder.copyBufferToBuffer(this.resolve!, 0, this.readback!, 0, 16 * passes);
    this.device.queue.submit([encoder.finish()]);
    await this.readback!.mapAsync(GPUMapMode.READ, 0, 16 * passes);
    const stamps = new BigUint64Array(this.readback!.getMappedRange(0, 16 * passes).slice(0));
    this.readback!.unmap();
    // BigInt differences: absolute stamps can exceed 2^53. A non-positive duration (an
    // unwritten query) stays in and is dropped by the statistics.
    const out: number[] = [];
    for (let i = 0; i < passes; i++) out.push(Number(stamps[2 * i + 1] - stamps[2 * i]));
    return out;
  }

  private async timeOnWallClock(encode: EncodePass, passes: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < passes; i++) {
      const encoder = this.device.createCommandEncoder({ label: 'ceilings' });
      const pass = encoder.beginComputePass({ label: `ceilings ${i}` });
      encode(pass);
      pass.end();
      const t0 = performance.now();
      this.device.queue.submit([encoder.finish()]);
      await this.device.queue.onSubmittedWorkDone();
      out.push((performance.now() - t0) * 1e6);
    }
    return out;
  }
}
