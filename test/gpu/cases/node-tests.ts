// Page side of the backend node tests on the GPU: each test's files fetched from the dev
// server, imported as on the CPU side (test/onnx/node-data.ts), optimized, run on the engine,
// and compared with the test's expected outputs.
import { getDevice } from '../device';
import { optimize } from '../../../src/passes/index';
import { Engine } from '../../../src/runtime/engine';
import { PipelineCache } from '../../../src/runtime/pipelines';
import { compare } from '../../../src/reference/tensor';
import { prepare, type NodeTestFiles } from '../../onnx/node-data';

interface IndexEntry {
  inputs: { file: string }[];
  outputs: { file: string }[];
}

export interface NodeTestOutcome {
  name: string;
  /** Largest max|y-ref|/max|ref| over the outputs; null when the import or run threw. */
  maxRelError: number | null;
  error?: string;
  errorName?: string;
  kernels?: string[];
}

const ROOT = '/test/data/onnx-node/';

async function bytes(path: string): Promise<Uint8Array> {
  const r = await fetch(ROOT + path);
  if (!r.ok) throw new Error(`GET ${ROOT + path}: ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

async function files(name: string, entry: IndexEntry): Promise<NodeTestFiles> {
  return {
    name,
    model: await bytes(`${name}/model.onnx`),
    inputs: await Promise.all(entry.inputs.map((i) => bytes(i.file))),
    outputs: await Promise.all(entry.outputs.map((o) => bytes(o.file))),
  };
}

async function runOne(device: GPUDevice, cache: PipelineCache, f: NodeTestFiles): Promise<NodeTestOutcome> {
  let engine: Engine | undefined;
  try {
    const t = prepare(f);
    engine = await Engine.create(device, optimize(t.graph), { mode: 'arena', pipelines: cache });
    const out = await engine.run(t.feeds);
    const errors = t.expected.map((e) => compare(out[e.name], e.data).maxRelError);
    return { name: f.name, maxRelError: Math.max(...errors), kernels: [...new Set(engine.dispatches.map((d) => d.spec.key.kernel))] };
  } catch (e) {
    return { name: f.name, maxRelError: null, error: (e as Error).message, errorName: (e as Error).name };
  } finally {
    engine?.destroy();
  }
}

export async function runNodeTestsOnEngine(names: string[]): Promise<NodeTestOutcome[]> {
  const { device } = await getDevice();
  const index = (await (await fetch(`${ROOT}index.json`)).json()) as { tests: Record<string, IndexEntry> };
  const cache = new PipelineCache(device);
  const out: NodeTestOutcome[] = [];
  for (const name of names) out.push(await runOne(device, cache, await files(name, index.tests[name])));
  return out;
}
