// An ONNX model handed to the page before a run: the headless CLI stages the file's bytes here
// (through runInPage, which moves typed arrays exactly); runBench then runs it instead of the
// built-in network. On window, so every module instance of the page sees the same one.
import type { StagedModel } from '../src/sweep/onnx-model';
import { showModel } from './heading';

declare global {
  interface Window {
    benchModel?: StagedModel | null;
  }
}

/** Stages a model (null: back to the built-in network); returns what the page received. */
export function stageModel(m: StagedModel | null): { name: string; bytes: number; inputs: Record<string, number>; expect: number } | null {
  window.benchModel = m;
  showModel(m?.name);
  const inputs = Object.fromEntries(Object.entries(m?.inputs ?? {}).map(([name, x]) => [name, x.length]));
  return m && { name: m.name, bytes: m.bytes.byteLength, inputs, expect: m.expect?.length ?? 0 };
}

export function stagedModel(): StagedModel | null {
  return window.benchModel ?? null;
}
