// PRCM (the seed network's channel attention): prcm(x) = x * prcm_gate(mean_hw(x)), and the
// gate w = sigmoid((ctx @ basis^T) @ fuser^T) on its own. Imported models form prcm from the
// exported ReduceMean/MatMul/Sigmoid pattern; the fusion pass splits it into
// reduce_mean_hw -> prcm_gate -> mul so the next kernel can apply the gate on read.
import { expectRank } from '../../graph/shape.js';
import type { NodeWriter } from '../../onnx/node-writer.js';
import { A } from '../../onnx/writer.js';
import { writeReduceMean } from '../reduce/op.js';
import type { CostArgs, OpDef } from '../types.js';
import { prcm, prcmGate } from './reference.js';

const SIGMOID_FLOPS = 4;

function fits(what: string, x: number[], basis: number[], fuser: number[]): void {
  if (basis[1] !== x[1] || fuser[0] !== x[1] || fuser[1] !== basis[0]) throw new Error(`${what}: input [${x}], basis [${basis}], fuser [${fuser}] do not fit`);
}

function gateFlops(c: CostArgs): number {
  const [n, ch] = c.inputs[0];
  const b = c.inputs[1][0];
  return 2 * n * b * ch + 2 * n * ch * b + SIGMOID_FLOPS * n * ch;
}

/** The gate from a [N, C] context: MatMul(basis^T) -> fuser MatMul(fuser^T) -> Sigmoid -> two Unsqueeze(-1). */
function writeGate(nw: NodeWriter, ctx: string, basis: string, fuser: string, last: boolean): string {
  const coeff = nw.op('MatMul', [ctx, nw.x.weightT(basis)], {});
  const logits = nw.op('MatMul', [coeff, nw.x.weightT(fuser)], {}, 'fuser/MatMul');
  const w = nw.op('Sigmoid', [logits], {});
  const w3 = nw.op('Unsqueeze', [w, nw.constInts([-1])], {});
  return nw.op('Unsqueeze', [w3, nw.constInts([-1])], {}, 'Unsqueeze', last);
}

export const PRCM: OpDef = {
  kind: 'prcm',
  summary: 'y = x * sigmoid((mean_hw(x) @ basis^T) @ fuser^T), per (n, c)',
  attrs: {},
  shape([x, basis, fuser]) {
    expectRank(x, 4, 'prcm input');
    fits('prcm', x, basis, fuser);
    return [[...x]];
  },
  reference: ([x, basis, fuser]) => [prcm(x, basis, fuser)],
  flops: (c) => 2 * c.inputs[0].reduce((a, b) => a * b, 1) + gateFlops(c),
  inPlace: (pos) =>
    pos === 0 ? 'channel scale x[i] * w[n,c]: safe provided the H x W mean behind w is finished before the first write (the reduction and the scale are separate passes)' : null,
  loweredBy: 'splitPrcm',
  onnx: {
    converters: [],
    formedBy: 'recognizePrcm',
    export(nw) {
      const [x] = nw.inputs();
      const [, basis, fuser] = nw.node.inputs;
      const ctx = writeReduceMean(nw, x, [2, 3], 0, false);
      nw.op('Mul', [x, writeGate(nw, ctx, basis, fuser, false)], {}, 'Mul', true);
    },
  },
};

export const PRCM_GATE: OpDef = {
  kind: 'prcm_gate',
  summary: 'w = sigmoid((ctx @ basis^T) @ fuser^T), ctx [N, C, 1, 1], basis [B, C], fuser [C, B]',
  attrs: {},
  shape([ctx, basis, fuser]) {
    fits('prcm_gate', ctx, basis, fuser);
    return [[ctx[0], ctx[1], 1, 1]];
  },
  reference: ([ctx, basis, fuser]) => [prcmGate(ctx, basis, fuser)],
  flops: gateFlops,
  onnx: {
    converters: [],
    formedBy: 'splitPrcm',
    export(nw) {
      const [ctx4] = nw.inputs();
      const ctx = nw.op('Flatten', [ctx4], { axis: A.int(1) });
      writeGate(nw, ctx, nw.node.inputs[1], nw.node.inputs[2], true);
    },
  },
};

export const PRCM_OPS: readonly OpDef[] = [PRCM, PRCM_GATE];
