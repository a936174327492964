// The import checks on fake graphs: each must see what it is there to catch.
import { describe, expect, it } from 'vitest';
import { checkLayers, findCycles, globToRegExp, importsBetween, layersOf, specifiers, type ImportGraph, type Layer } from './import-graph.js';

const graphOf = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

describe('reading imports', () => {
  it('sees value, type-only, re-export, side-effect and dynamic imports, and import() types', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "export * from './c.js';",
      "export type { D } from './d';",
      "import './e';",
      "const f = await import('./f.js');",
      "type G = import('./g.js').G;",
      "import { h } from 'package';",
      "// import { x } from './commented-out.js';",
      "const s = \"import { y } from './in-a-string.js'\";",
    ].join('\n');
    expect(specifiers(source)).toEqual(['./a.js', '../b.js', './c.js', './d', './e', './f.js', './g.js', 'package']);
  });
});

describe('cycles', () => {
  it('finds each cycle once and names the files around it', () => {
    const g = graphOf({ 'src/a.ts': ['src/b.ts'], 'src/b.ts': ['src/c.ts'], 'src/c.ts': ['src/a.ts', 'src/d.ts'], 'src/d.ts': ['src/d.ts'], 'src/e.ts': ['src/a.ts'] });
    expect(findCycles(g)).toEqual([
      ['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/a.ts'],
      ['src/d.ts', 'src/d.ts'],
    ]);
  });

  it('finds none in a tree with shared leaves', () => {
    expect(findCycles(graphOf({ 'src/a.ts': ['src/b.ts', 'src/c.ts'], 'src/b.ts': ['src/c.ts'], 'src/c.ts': [] }))).toEqual([]);
  });
});

describe('layers', () => {
  const layers: Layer[] = [
    { name: 'low', globs: ['low/**'] },
    { name: 'core', globs: ['mid/core.ts'] },
    { name: 'mid', globs: ['mid/*.ts', '!mid/core.ts'] },
    { name: 'top', globs: ['top/**'] },
  ];

  it('matches globs: ** across folders, * within a name, ! to leave files out', () => {
    expect(globToRegExp('low/**').test('low/a/b.ts')).toBe(true);
    expect(globToRegExp('ops/*/op.ts').test('ops/conv/op.ts')).toBe(true);
    expect(globToRegExp('ops/*/op.ts').test('ops/conv/gpu.ts')).toBe(false);
    expect(globToRegExp('mid/*.ts').test('mid/x/y.ts')).toBe(false);
    expect(layersOf('mid/core.ts', layers)).toEqual([1]);
    expect(layersOf('mid/other.ts', layers)).toEqual([2]);
  });

  it('accepts imports downward and within a layer', () => {
    const g = graphOf({ 'src/top/t.ts': ['src/mid/m.ts', 'src/low/l.ts', 'src/top/u.ts'], 'src/top/u.ts': [], 'src/mid/m.ts': ['src/mid/core.ts'], 'src/mid/core.ts': ['src/low/l.ts'], 'src/low/l.ts': [] });
    expect(checkLayers(g, 'src', layers)).toEqual({ unplaced: [], upward: [] });
  });

  it('flags an import against the order, one out of the folder, and files in no layer or in two', () => {
    const g = graphOf({
      'src/mid/core.ts': ['src/mid/m.ts'],
      'src/low/l.ts': ['src/top/t.ts', 'bench/page.ts'],
      'src/top/t.ts': [],
      'src/mid/m.ts': [],
      'src/stray.ts': [],
      'bench/page.ts': ['src/low/l.ts'],
    });
    expect(checkLayers(g, 'src', layers)).toEqual({
      unplaced: ['stray.ts matches no layer'],
      upward: ['mid/core.ts (core) imports mid/m.ts (mid)', 'low/l.ts (low) imports top/t.ts (top)', 'low/l.ts imports bench/page.ts, outside src/'],
    });
    const overlapping = [...layers, { name: 'again', globs: ['top/t.ts'] }];
    expect(checkLayers(graphOf({ 'src/top/t.ts': [] }), 'src', overlapping).unplaced).toEqual(['top/t.ts matches top and again']);
  });

  it('lists imports between two sets of folders', () => {
    const g = graphOf({ 'src/analysis/a.ts': ['src/runtime/r.ts', 'src/graph/ir.ts'], 'src/runtime/r.ts': [] });
    expect(importsBetween(g, ['src/analysis'], ['src/runtime', 'src/plan'])).toEqual(['src/analysis/a.ts imports src/runtime/r.ts']);
  });
});
