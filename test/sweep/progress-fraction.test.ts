// The sweep's progress fraction only grows, phase after phase and configuration after
// configuration, so the page's ETA (elapsed x (1 - f) / f) never jumps back up on its own.
import { describe, expect, it } from 'vitest';
import { progressFraction, type SweepProgress } from '../../src/sweep/progress';

const at = (config: number, phase: SweepProgress['phase'], step?: number, steps?: number): SweepProgress => ({ config, configs: 2, batch: 1, size: 64, label: 'b1@64', mode: 'arena', phase, step, steps, message: '' });

describe('progressFraction', () => {
  it('grows through every phase of a configuration and reaches 1 at the last done', () => {
    const sequence = [0, 1].flatMap((c) => [at(c, 'build'), at(c, 'tune'), at(c, 'warmup', 1, 1), at(c, 'rep', 1, 3), at(c, 'rep', 2, 3), at(c, 'rep', 3, 3), at(c, 'overhead'), at(c, 'soak', 1, 10), at(c, 'soak', 10, 10), at(c, 'check'), at(c, 'done')]);
    const f = sequence.map(progressFraction);
    for (let i = 1; i < f.length; i++) expect(f[i], `${sequence[i].phase} after ${sequence[i - 1].phase}`).toBeGreaterThanOrEqual(f[i - 1]);
    expect(f[0]).toBe(0);
    expect(f.at(-1)).toBe(1);
    // The first configuration's end is the second's start: half the sweep.
    expect(progressFraction(at(0, 'done'))).toBe(0.5);
    expect(progressFraction(at(1, 'build'))).toBe(0.5);
  });
});
