// The analysis of an imported model: which layers are the seed's DWBlock, when the whole graph
// is JeongWonNet's layout, and the `analyze -- --model` command on the PyTorch fixture.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { analyzeModel, recognizeDwBlocks, recognizeJeongWonNet, renderModelText } from '../../src/analysis/index';
import { parseCliOptions, UsageError } from '../../src/analysis/cli-options';
import { GraphBuilder } from '../../src/graph/builder';
import { jeongwonnet, jeongwonnetTraining } from '../../src/graph/jeongwonnet';
import { importOnnx } from '../../src/onnx/index';
import { optimize } from '../../src/passes/index';
import { FIXTURES } from '../onnx/helpers';

const fixture = `${FIXTURES}/jeongwonnet_swap_c8_64.onnx`;

describe('DWBlock recognition', () => {
  it('recognizes the built-in network at any batch and size, as built and optimized', () => {
    const shape = { size: 128, batch: 2, cList: [24, 48, 64, 96, 128, 192], kernelSize: 7, numBasis: 8, inputChannels: 3, numClasses: 1 };
    expect(recognizeJeongWonNet(jeongwonnet({ size: 128, batch: 2 }))).toEqual(shape);
    expect(recognizeJeongWonNet(optimize(jeongwonnet({ size: 128, batch: 2 })))).toEqual(shape);
    expect(recognizeDwBlocks(jeongwonnet()).map((b) => b.layer)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `encoder${i}`).concat([1, 2, 3, 4, 5].map((i) => `decoder${i}`)));
  });

  it('finds no DWBlock in the training form (three branches) until it is reparameterized', () => {
    expect(recognizeDwBlocks(jeongwonnetTraining())).toEqual([]);
    expect(recognizeJeongWonNet(optimize(jeongwonnetTraining()))).not.toBeNull();
  });

  it('a graph without DWBlocks gets liveness only', () => {
    const b = new GraphBuilder();
    const x = b.input('x', [1, 2, 4, 4]);
    b.output(b.node('relu', 'y', [x], {}, 'only'));
    const m = analyzeModel(b.build(), { name: 'relu.onnx', optimized: true });
    expect([m.recognized, m.seed, m.dwBlocks, m.seedVsLiveness]).toEqual([null, null, [], []]);
    expect(m.liveness.peakBytes).toBe(256);
    const text = renderModelText(m);
    expect(text).toContain("not JeongWonNet_DWBlock_Swap's layout");
    expect(text).toContain('Liveness per node');
    expect(text).not.toContain('DWBlock working set');
  });

  it('the stem variant keeps its eleven DWBlocks but is not the seed layout', () => {
    const m = analyzeModel(optimize(jeongwonnet({ stem: true, size: 128 })), { name: 'stem', optimized: true });
    expect(m.recognized).toBeNull();
    expect(m.dwBlocks).toHaveLength(11);
    expect(m.seedVsLiveness.map((c) => c.layer)).toEqual(m.dwBlocks.map((b) => b.layer));
  });
});

describe('the PyTorch fixture', () => {
  it('is recognized with its c_list, and the seed tables apply', () => {
    const m = analyzeModel(optimize(importOnnx(readFileSync(fixture))), { name: 'fixture', optimized: true });
    expect(m.recognized).toMatchObject({ size: 64, batch: 1, cList: [8, 16, 24, 32, 48, 64], kernelSize: 7, numBasis: 8 });
    expect(m.seed?.workingSet).toHaveLength(6);
    expect(m.model).toEqual({ name: 'fixture', inputShape: [1, 3, 64, 64], outputShape: [1, 1, 64, 64], params: 32929 });
    expect(m.liveness.peakBytes).toBeGreaterThan(0);
  });

  it('npm run analyze -- --model prints the tables, and --json one object', async () => {
    const run = (...a: string[]) => promisify(execFile)('npx', ['tsx', 'src/cli/analyze.ts', '--model', fixture, ...a], { maxBuffer: 1 << 24 });
    const { stdout } = await run();
    for (const s of ['recognized as JeongWonNet_DWBlock_Swap (c_list [8, 16, 24, 32, 48, 64]', 'DWBlock working set', 'Liveness per node', 'Predicted peak:']) expect(stdout).toContain(s);
    const j = JSON.parse((await run('--batch', '2', '--json')).stdout);
    expect(j.model.inputShape).toEqual([2, 3, 64, 64]);
    expect(j.recognized.batch).toBe(2);
  });
});

describe('analyze --model options', () => {
  it('keeps batch and size as overrides and refuses the network-shape flags', () => {
    expect(parseCliOptions(['--model', 'm.onnx', '--size', '100', '--batch', '2'])).toMatchObject({ model: 'm.onnx', config: { size: 100, batch: 2 } });
    expect(() => parseCliOptions(['--model', 'm.onnx', '--kernel', '5'])).toThrow(UsageError);
    expect(() => parseCliOptions(['--model', 'm.onnx', '--clist', '1,2,3,4,5,6'])).toThrow(/--clist describes the built-in network/);
  });
});
