// The outputs a test compares across hosts: the built-in network at b1@64 and the PyTorch ONNX
// fixture, each run once on the engine (arena) with fixed inputs. Host-agnostic: the page and a
// Node process each hand it their own device.
import { jeongwonnet } from '../../src/graph/jeongwonnet';
import { importOnnx } from '../../src/onnx/index';
import { optimize } from '../../src/passes/index';
import type { Graph } from '../../src/graph/ir';
import { Engine } from '../../src/runtime/engine';
import { builtinInput } from './builtin-input';

export interface FixtureInput {
  model: Uint8Array;
  input: Float32Array;
}

export interface EngineOutputs {
  builtin: Float32Array;
  fixture: Float32Array;
}

async function runOnce(device: GPUDevice, g: Graph, input: Float32Array): Promise<Float32Array> {
  const engine = await Engine.create(device, g, { mode: 'arena' });
  try {
    return (await engine.run({ [g.inputs[0]]: input }))[g.outputs[0]];
  } finally {
    engine.destroy();
  }
}

export async function engineOutputs(device: GPUDevice, fixture: FixtureInput): Promise<EngineOutputs> {
  const builtin = await runOnce(device, optimize(jeongwonnet({ batch: 1, size: 64, seed: 1 })), builtinInput());
  const out = await runOnce(device, optimize(importOnnx(fixture.model)), fixture.input);
  return { builtin, fixture: out };
}
