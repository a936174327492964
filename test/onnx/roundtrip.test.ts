// Builder graph -> ONNX bytes (written as torch.onnx.export writes the modules) -> import:
// same outputs, same structure; the training form's RepConv branches reparameterize after import.
import { describe, expect, it } from 'vitest';
import { exportOnnx, importOnnx, summarizeOnnx } from '../../src/onnx/index.js';
import { jeongwonnet, jeongwonnetTraining } from '../../src/graph/jeongwonnet.js';
import { paramCount, type Graph } from '../../src/graph/ir.js';
import { optimize } from '../../src/passes/index.js';
import { runReference } from '../../src/reference/run.js';
import { compare, tensor } from '../../src/reference/tensor.js';
import { seededUniform } from '../../src/graph/rng.js';

const small = { cList: [8, 16, 24, 32, 48, 64], size: 64 };
const input = tensor([1, 3, 64, 64], seededUniform(7, 'roundtrip', 3 * 64 * 64, 1));
const run = (g: Graph) => runReference(g, { input }).outputs.get('output')!.data;
const ops = (g: Graph) => g.nodes.map((n) => `${n.layer}:${n.op}`);

describe('export -> import round trip', () => {
  it('deploy form: bit-identical output, same nodes, layers and parameter count', () => {
    const g = jeongwonnet(small);
    const bytes = exportOnnx(g);
    const back = importOnnx(bytes);
    expect(compare(run(back), run(g)).maxAbsError).toBe(0);
    expect(ops(back)).toEqual(ops(g));
    expect(paramCount(back)).toBe(paramCount(g));
    expect(ops(optimize(back))).toEqual(ops(optimize(g)));
  });

  it('writes PRCM and the upsampling as PyTorch does', () => {
    const s = summarizeOnnx(exportOnnx(jeongwonnet(small)));
    expect(s.opset).toBe(13);
    expect(s.opCounts).toEqual({ Conv: 23, Relu: 11, ReduceMean: 11, MatMul: 22, Sigmoid: 11, Constant: 27, Unsqueeze: 22, Mul: 11, MaxPool: 5, Add: 5, Resize: 5 });
  });

  it('fused graphs export too (activation, resize_add, prescale become explicit nodes)', () => {
    const g = optimize(jeongwonnet(small));
    const back = importOnnx(exportOnnx(g));
    expect(compare(run(back), run(g)).maxRelError).toBeLessThanOrEqual(1e-6);
  });

  it('opset 18 moves ReduceMean axes to an input and still round-trips', () => {
    const g = jeongwonnet(small);
    const bytes = exportOnnx(g, { opset: 18 });
    expect(summarizeOnnx(bytes).opset).toBe(18);
    expect(compare(run(importOnnx(bytes)), run(g)).maxAbsError).toBe(0);
  });

  it('training form: BatchNorm folds into the convs and RepConv reparameterizes after import', () => {
    const t = jeongwonnetTraining(small);
    const bytes = exportOnnx(t);
    expect(summarizeOnnx(bytes).opCounts.BatchNormalization).toBe(33);
    const imported = importOnnx(bytes);
    // conv->BN pairs fold at import; the identity-branch BN (no conv before it) stays.
    expect(imported.nodes.filter((n) => n.op === 'batchnorm')).toHaveLength(11);
    const multiBranch = run(t);
    const err = compare(run(imported), multiBranch);
    expect(err.maxRelError).toBeLessThanOrEqual(1e-6);
    const deployed = optimize(imported);
    expect(ops(deployed)).toEqual(ops(optimize(jeongwonnet(small))));
    const rep = compare(run(deployed), multiBranch);
    console.log(`training form: imported vs multi-branch ${err.maxRelError.toExponential(2)}, reparameterized ${rep.maxRelError.toExponential(2)}`);
    expect(rep.maxRelError).toBeLessThanOrEqual(1e-5);
  });

  it('training form imported without simplification still reparameterizes (BN on every branch)', () => {
    const t = jeongwonnetTraining(small);
    const raw = importOnnx(exportOnnx(t), { simplify: false });
    expect(raw.nodes.filter((n) => n.op === 'batchnorm')).toHaveLength(33);
    const deployed = optimize(raw);
    expect(deployed.nodes.filter((n) => n.op === 'batchnorm')).toHaveLength(0);
    expect(compare(run(deployed), run(t)).maxRelError).toBeLessThanOrEqual(1e-5);
  });
});

describe('dynamic export', () => {
  it('names batch and spatial dims; the importer asks for them and runs any size', async () => {
    const { importOnnx: imp, OnnxImportError } = await import('../../src/onnx/index.js');
    const bytes = exportOnnx(jeongwonnet(small), { dynamic: true });
    expect(summarizeOnnx(bytes).inputs[0].dims).toEqual(['batch', 3, 'input_dim2', 'input_dim3']);
    expect(() => imp(bytes)).toThrow(OnnxImportError);
    const g = imp(bytes, { inputShapes: { input: [2, 3, 96, 96] } });
    expect(g.tensors.get('output')!.shape).toEqual([2, 1, 96, 96]);
    const ref = jeongwonnet({ ...small, size: 96, batch: 2 });
    const x = tensor([2, 3, 96, 96], seededUniform(2, 'dyn', 2 * 3 * 96 * 96, 1));
    const a = runReference(g, { input: x }).outputs.get('output')!.data;
    const b = runReference(ref, { input: x }).outputs.get('output')!.data;
    expect(compare(a, b).maxAbsError).toBe(0);
  });
});
