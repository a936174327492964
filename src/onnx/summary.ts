// What a model file holds, without converting it: for reports and CLI messages.
import { decodeModel } from './model.js';

export interface OnnxSummary {
  irVersion: number;
  opset: number;
  producer: string;
  inputs: { name: string; dims?: (number | string | null)[] }[];
  outputs: { name: string; dims?: (number | string | null)[] }[];
  /** Node count per op type, in order of first appearance. */
  opCounts: Record<string, number>;
  initializers: number;
  /** Elements in float initializers (the parameter count of an exported network). */
  initializerElements: number;
}

export function summarizeOnnx(bytes: Uint8Array | ArrayBuffer): OnnxSummary {
  const m = decodeModel(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  const opCounts: Record<string, number> = {};
  for (const n of m.nodes) opCounts[n.opType] = (opCounts[n.opType] ?? 0) + 1;
  let initializerElements = 0;
  for (const t of m.initializers.values()) initializerElements += t.data.length;
  return {
    irVersion: m.irVersion,
    opset: m.opset,
    producer: m.producer,
    inputs: m.inputs.filter((i) => !m.initializers.has(i.name)).map(({ name, dims }) => ({ name, dims })),
    outputs: m.outputs.map(({ name, dims }) => ({ name, dims })),
    opCounts,
    initializers: m.initializers.size,
    initializerElements,
  };
}
