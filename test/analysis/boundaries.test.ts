// The analytical model must stay independent of what it is compared against: the
// planner, runtime and profiler compute the same quantities their own way.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../src/analysis/', import.meta.url);

describe('src/analysis imports', () => {
  it('never reach into src/runtime, src/profiler or src/plan', () => {
    const offending = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(new URL(f, dir), 'utf8').matchAll(/from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g)].map((m) => `${f}: ${m[1] ?? m[2]}`))
      .filter((line) => /\/(runtime|profiler|plan)(\/|['"]|$)/.test(line.split(': ')[1] + "'"));
    expect(offending).toEqual([]);
  });
});
