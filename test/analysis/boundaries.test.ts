// Measurements never read predictions: src/analysis is independent of what it is compared
// against (the planner, runtime and profiler compute the same quantities their own way), and
// src/runtime and src/profiler never read src/analysis. They meet only in results and report.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = new URL('../../src/', import.meta.url).pathname;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? tsFiles(p) : f.endsWith('.ts') ? [p] : [];
  });
}

/** Every import specifier of every file under src/<folder>, resolved relative to src/. */
function importsOf(folder: string): { file: string; target: string }[] {
  return tsFiles(join(src, folder)).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g)]
      .map((m) => m[1] ?? m[2])
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => ({ file: relative(src, file), target: relative(src, join(file, '..', spec)) })),
  );
}

const reaches = (folders: string[]) => (i: { target: string }) => folders.some((f) => i.target === f || i.target.startsWith(`${f}/`));

describe('import boundaries', () => {
  it('src/analysis never reaches into src/runtime, src/profiler or src/plan', () => {
    const all = importsOf('analysis');
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter(reaches(['runtime', 'profiler', 'plan']))).toEqual([]);
  });

  it('src/runtime and src/profiler never reach into src/analysis', () => {
    const all = [...importsOf('runtime'), ...importsOf('profiler')];
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter(reaches(['analysis']))).toEqual([]);
  });
});
