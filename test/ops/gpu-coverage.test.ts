// Every op kind that a kernel runs has GPU test cases against the CPU reference: in the seeded
// case lists the GPU suites run through miscCase, or, for the two kinds with suites of their
// own, in the file named here (checked to mention the kind).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OP_DEFS } from '../../src/ops/registry';
import { convTransposeCases, cubicResizeCases, ncPoolCases } from '../gpu/cases/conv-pool-resize-specs';
import { DATA_MOVEMENT_CASES } from '../gpu/cases/data-movement-specs';
import { ELEMENTWISE_CASES } from '../gpu/cases/elementwise-specs';
import { MISC_CASES, reduceCases } from '../gpu/cases/misc-specs';
import { longNormCases, NORM_REDUCE_CASES } from '../gpu/cases/norm-reduce-specs';

const OWN_SUITES: Record<string, string> = {
  conv2d: 'test/gpu/conv.test.ts',
  gemm: 'test/gpu/onnx.test.ts',
};

describe('GPU test coverage of the op modules', () => {
  const listed = new Set(
    [...MISC_CASES, ...reduceCases(), ...ELEMENTWISE_CASES, ...DATA_MOVEMENT_CASES, ...NORM_REDUCE_CASES, ...longNormCases(), ...convTransposeCases(), ...ncPoolCases(), ...cubicResizeCases()].map((c) => c.op),
  );

  it.each(OP_DEFS.filter((d) => !d.loweredBy).map((d) => [d.kind]))('%s has GPU cases', (kind) => {
    const suite = OWN_SUITES[kind];
    if (suite) expect(readFileSync(suite, 'utf8')).toContain(`'${kind}'`);
    else expect(listed.has(kind), `no GPU case runs '${kind}'; add one to a test/gpu/cases/*-specs.ts list`).toBe(true);
  });
});
