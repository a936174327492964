// The soak's detectors on a fake engine: each fault it is there to catch (a leaking run, a
// changed bit, a re-created bind group or pipeline) must show up, and a clean engine none.
import { describe, expect, it } from 'vitest';
import { firstDifference, soakEngine, soakProblems, type SoakTarget } from '../../src/profiler/soak';
import { verdict } from '../../src/report/summary';
import { soakHtml, soakText } from '../../src/report/soak';
import { okConfig, results } from '../report/fixture';

const FIRST = { y: new Float32Array([1.5, -2, 0, 3.25]) };

interface Faults {
  /** Runs (1-based) that keep a new 256-byte buffer alive. */
  leakAt?: number[];
  /** Runs whose output has its lowest bit flipped at element 2. */
  flipAt?: number[];
  /** Runs that make a new bind group / pipeline. */
  bindGroupAt?: number[];
  pipelineAt?: number[];
}

/** A fake engine and a fake buffer tracker that share one count of live buffers. */
function fake(f: Faults = {}) {
  const live = { bytes: 4096, count: 3 };
  let run = 0;
  const target: SoakTarget & { bindGroupsCreated: number; pipelinesCreated: number } = {
    pipelinesCreated: 7,
    bindGroupsCreated: 12,
    async run() {
      run++;
      if (f.leakAt?.includes(run)) {
        live.bytes += 256;
        live.count++;
      }
      if (f.bindGroupAt?.includes(run)) target.bindGroupsCreated++;
      if (f.pipelineAt?.includes(run)) target.pipelinesCreated++;
      const y = FIRST.y.slice();
      if (f.flipAt?.includes(run)) new Uint32Array(y.buffer)[2] ^= 1;
      return { y };
    },
  };
  const tracker = { bytes: () => live.bytes, count: () => live.count };
  return { target, tracker };
}

async function soak(f: Faults, runs = 20) {
  const { target, tracker } = fake(f);
  return soakEngine(target, { x: new Float32Array(4) }, { runs, first: FIRST, live: tracker });
}

describe('bit-level output comparison', () => {
  it('sees one flipped bit, even where the float values compare equal (0 and -0)', () => {
    expect(firstDifference(FIRST, { y: FIRST.y.slice() })).toBeNull();
    const negZero = FIRST.y.slice();
    negZero[2] = -0;
    expect(negZero[2] === FIRST.y[2]).toBe(true);
    expect(firstDifference(FIRST, { y: negZero })).toBe("output 'y'[2] is 0x80000000 (0), the first run 0x00000000 (0)");
    expect(firstDifference(FIRST, {})).toBe("output 'y' missing");
    expect(firstDifference(FIRST, { y: new Float32Array(3) })).toMatch(/has 3 values, the first run 4/);
    expect(firstDifference(FIRST, { y: FIRST.y.slice(), z: new Float32Array(1) })).toBe("output 'z' not in the first run");
  });

  it('compares NaN payloads by their bits', () => {
    const a = new Float32Array(1);
    const b = new Float32Array(1);
    new Uint32Array(a.buffer)[0] = 0x7fc00000;
    new Uint32Array(b.buffer)[0] = 0x7fc00001;
    expect(firstDifference({ y: a }, { y: a.slice() })).toBeNull();
    expect(firstDifference({ y: a }, { y: b })).toMatch(/0x7fc00001/);
  });
});

describe('soak', () => {
  it('finds nothing wrong with an engine that reuses everything and repeats its output', async () => {
    const s = await soak({});
    expect(s).toMatchObject({ runs: 20, leakedBytes: 0, liveBuffersBefore: 3, liveBuffersAfter: 3, bitIdentical: true, mismatchedRuns: 0, firstMismatch: null, pipelinesCreated: 0, bindGroupsCreated: 0 });
    expect(s.wallMs).toBeGreaterThanOrEqual(0);
    expect(soakProblems(s)).toEqual([]);
  });

  it('reports the bytes and buffers a leaking run keeps alive', async () => {
    const s = await soak({ leakAt: [5, 17] });
    expect(s).toMatchObject({ leakedBytes: 512, liveBytesBefore: 4096, liveBytesAfter: 4608, liveBuffersBefore: 3, liveBuffersAfter: 5, bitIdentical: true });
    expect(soakProblems(s)).toEqual(['512 bytes leaked over 20 soak runs (4096 -> 4608 live bytes)', 'live buffers went from 3 to 5 over 20 soak runs']);
  });

  it('counts the runs whose output changed and says where the first change was', async () => {
    const s = await soak({ flipAt: [9, 10, 20] });
    expect(s).toMatchObject({ bitIdentical: false, mismatchedRuns: 3, leakedBytes: 0 });
    expect(s.firstMismatch).toBe("soak run 9: output 'y'[2] is 0x00000001 (1.40129846e-45), the first run 0x00000000 (0)");
    expect(soakProblems(s)).toEqual([`3/20 soak runs differ from the first run's output (${s.firstMismatch})`]);
  });

  it('reports pipelines and bind groups made during the soak', async () => {
    const s = await soak({ bindGroupAt: [1, 2, 3], pipelineAt: [4] });
    expect([s.pipelinesCreated, s.bindGroupsCreated]).toEqual([1, 3]);
    expect(soakProblems(s)).toEqual(['1 pipelines created during the soak (they should be reused)', '3 bind groups created during the soak (they should be reused)']);
  });

  it('stops when its step callback throws', async () => {
    const { target, tracker } = fake();
    const stop = (i: number) => {
      if (i === 4) throw new Error('stopped');
    };
    await expect(soakEngine(target, {}, { runs: 10, first: FIRST, live: tracker, onStep: stop })).rejects.toThrow('stopped');
  });
});

describe('soak in the summary, the report and the verdict', () => {
  const soaked = async (f: Faults) => ({ ...okConfig(), soak: await soak(f) });

  it('prints one line per soaked configuration and passes a clean soak', async () => {
    const r = results([await soaked({})]);
    expect(soakText(r)).toMatch(/^soak b1@256 arena: 20 runs, 0 bytes leaked, live buffers 3 -> 3, bit-identical yes, 0 pipelines and 0 bind groups created, [\d.]+ ms per run$/);
    expect(soakHtml(r)).toContain('<h2>Soak</h2>');
    expect(verdict(r).failures).toEqual([]);
    expect(soakText(results())).toBe('');
    expect(soakHtml(results())).toBe('');
  });

  it('fails the run on a leak or a changed output', async () => {
    const r = results([await soaked({ leakAt: [2] }), { ...(await soaked({ flipAt: [3] })), mode: 'pool' }]);
    expect(soakText(r)).toMatch(/arena: 20 runs, 256 bytes leaked, live buffers 3 -> 4,.*\n.*pool: 20 runs, 0 bytes leaked, live buffers 3 -> 3, bit-identical NO/);
    expect(verdict(r).failures).toEqual([
      'b1@256 arena: 256 bytes leaked over 20 soak runs (4096 -> 4352 live bytes)',
      'b1@256 arena: live buffers went from 3 to 4 over 20 soak runs',
      `b1@256 pool: 1/20 soak runs differ from the first run's output (soak run 3: output 'y'[2] is 0x00000001 (1.40129846e-45), the first run 0x00000000 (0))`,
    ]);
    expect(soakHtml(r)).toContain('NO: soak run 3');
  });
});
