// Every op module is complete: each registered kind has a shape rule, a CPU reference, a cost
// rule, a WebGPU kernel (or a pass that lowers it first), a way in from ONNX (a converter or
// the pass that forms it) and an exporter; every kernel runs registered kinds; and every ONNX
// op type the importer claims is handled by an op module or by the importer's own structure.
import { describe, expect, it } from 'vitest';
import { OP_DEFS, onnxConverters } from '../../src/ops/registry';
import { KERNELS } from '../../src/ops/kernels';
import { supportedOnnxOps } from '../../src/onnx/index';
import { OPERATOR_VERSIONS } from '../../src/onnx/op-versions';

const kinds = new Set(OP_DEFS.map((d) => d.kind));

describe('op modules', () => {
  it.each(OP_DEFS.map((d) => [d.kind, d] as const))('%s is complete', (kind, d) => {
    expect(typeof d.shape).toBe('function');
    expect(typeof d.reference).toBe('function');
    expect(typeof d.flops).toBe('function');
    expect(typeof d.onnx.export).toBe('function');
    expect(d.summary.length).toBeGreaterThan(0);
    const kernels = KERNELS.filter((k) => k.ops.includes(kind));
    if (d.loweredBy) expect(kernels, `${kind} is lowered by ${d.loweredBy}`).toEqual([]);
    else expect(kernels.length, `${kind} has a kernel`).toBeGreaterThan(0);
    expect(d.onnx.converters.length > 0 || Boolean(d.onnx.formedBy), `${kind} has a converter or says what forms it`).toBe(true);
  });

  it('every kernel runs registered kinds only', () => {
    for (const k of KERNELS) for (const op of k.ops) expect(kinds.has(op), `kernel ${k.name} runs '${op}'`).toBe(true);
  });

  it('every converter names real ONNX operator versions', () => {
    for (const [opType, c] of onnxConverters()) {
      const known = OPERATOR_VERSIONS[opType];
      expect(known, `${opType} is an ONNX operator`).toBeDefined();
      for (const v of c.versions) expect(known, `${opType}-${v} exists`).toContain(v);
    }
  });

  it('every ONNX op the importer claims has a module (or is import-time structure)', () => {
    const converters = onnxConverters();
    const structural = ['Constant', 'Shape', 'Size'];
    for (const op of supportedOnnxOps().runtime) expect(converters.has(op) || structural.includes(op), op).toBe(true);
  });
});
