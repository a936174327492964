// The shape of the code base, checked on its import graph (type-only imports count: a cycle of
// types is still a cycle). No cycles anywhere in src/ and bench/; every src file in exactly one
// layer of the table below, importing only its own layer or lower ones; and measurements never
// read predictions: src/analysis computes the quantities the planner, runtime and profiler
// measure, each its own way, and the two meet only in src/results and what sits above it.
import { describe, expect, it } from 'vitest';
import { checkLayers, findCycles, importsBetween, readImportGraph, REPO_ROOT, type Layer } from './import-graph.js';

/**
 * Lowest first; globs relative to src/. A file may import files of its own layer and of the
 * layers above it in this list. An op module spans layers: its rules (`ops/<op>/*.ts`) sit just
 * above the graph IR and the ONNX vocabulary its converters speak, and its WebGPU programs
 * (`ops/<op>/gpu/**`) just above the kernel interface, so the analysis side can read shape and
 * cost rules while no path from it reaches GPU code.
 */
const LAYERS: Layer[] = [
  { name: 'util', globs: ['util/**'] },
  { name: 'graph IR', globs: ['graph/ir.ts', 'graph/shape.ts', 'graph/rng.ts'] },
  { name: 'reference core', globs: ['reference/tensor.ts', 'reference/elementwise.ts'] },
  {
    name: 'ONNX vocabulary',
    globs: ['onnx/*.ts', '!onnx/import.ts', '!onnx/fold.ts', '!onnx/export.ts', '!onnx/structural.ts', '!onnx/summary.ts', '!onnx/input-shape.ts', '!onnx/index.ts'],
  },
  { name: 'op rules', globs: ['ops/*.ts', 'ops/*/*.ts', '!ops/kernels.ts'] },
  { name: 'graph', globs: ['graph/*.ts', '!graph/ir.ts', '!graph/shape.ts', '!graph/rng.ts'] },
  { name: 'reference', globs: ['reference/run.ts'] },
  { name: 'passes', globs: ['passes/**'] },
  { name: 'onnx', globs: ['onnx/import.ts', 'onnx/fold.ts', 'onnx/export.ts', 'onnx/structural.ts', 'onnx/summary.ts', 'onnx/input-shape.ts', 'onnx/index.ts'] },
  { name: 'analysis', globs: ['analysis/**'] },
  { name: 'plan', globs: ['plan/**'] },
  { name: 'kernel interface', globs: ['runtime/kernel.ts', 'runtime/program.ts', 'runtime/wgsl-template.ts', 'runtime/kernel-util.ts'] },
  { name: 'kernels', globs: ['ops/*/gpu/**', 'ops/kernels.ts'] },
  { name: 'runtime', globs: ['runtime/**', '!runtime/kernel.ts', '!runtime/program.ts', '!runtime/wgsl-template.ts', '!runtime/kernel-util.ts'] },
  { name: 'profiler', globs: ['profiler/**'] },
  { name: 'peers', globs: ['peers/**'] },
  { name: 'results', globs: ['results/**'] },
  { name: 'compare', globs: ['compare/**'] },
  { name: 'report', globs: ['report/**'] },
  { name: 'sweep', globs: ['sweep/**'] },
  { name: 'harness', globs: ['harness/**'] },
  { name: 'host', globs: ['host/**'] },
  { name: 'cli', globs: ['cli/**'] },
];

const graph = readImportGraph(REPO_ROOT, ['src', 'bench']);
const edgesFrom = (folder: string) => [...graph].filter(([f]) => f.startsWith(`${folder}/`)).flatMap(([, ts]) => ts);

describe('imports', () => {
  it('form no cycle in src/ and bench/, type-only imports included', () => {
    expect(graph.size).toBeGreaterThan(150);
    const cycles = findCycles(graph).map((c) => c.join(' -> '));
    expect(cycles, `import cycles:\n${cycles.join('\n')}`).toEqual([]);
  });

  it('place every src file in exactly one layer', () => {
    expect(checkLayers(graph, 'src', LAYERS).unplaced).toEqual([]);
  });

  it('go to the same layer or a lower one', () => {
    expect(checkLayers(graph, 'src', LAYERS).upward).toEqual([]);
  });

  it('src/analysis never reaches into src/runtime, src/profiler, src/plan or the WebGPU programs', () => {
    expect(edgesFrom('src/analysis').length).toBeGreaterThan(20);
    const gpu = [...new Set([...graph.keys()].filter((f) => /^src\/ops\/[^/]+\/gpu\//.test(f)).map((f) => f.replace(/\/gpu\/.*/, '/gpu')))];
    expect(gpu.length).toBeGreaterThan(5);
    expect(importsBetween(graph, ['src/analysis'], ['src/runtime', 'src/profiler', 'src/plan', 'src/ops/kernels.ts', ...gpu])).toEqual([]);
  });

  it('src/runtime and src/profiler never reach into src/analysis', () => {
    expect([...edgesFrom('src/runtime'), ...edgesFrom('src/profiler')].length).toBeGreaterThan(20);
    expect(importsBetween(graph, ['src/runtime', 'src/profiler'], ['src/analysis'])).toEqual([]);
  });
});
