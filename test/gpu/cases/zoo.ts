// Page side of the zoo on the GPU: a model imported and optimized in the page, run on the
// engine in arena mode, and compared with PyTorch's output.
import { getDevice } from '../device';
import { importOnnx } from '../../../src/onnx/index';
import { optimize } from '../../../src/passes/index';
import { Engine } from '../../../src/runtime/engine';
import { compare, type ErrorStats } from '../../../src/reference/tensor';

export interface ZooRun extends ErrorStats {
  dispatches: number;
  ms: number;
}

export async function zooOnEngine(model: Uint8Array, inputShapes: Record<string, number[]>, feeds: Record<string, Float32Array>, expected: Float32Array): Promise<ZooRun> {
  const { device } = await getDevice();
  const g = optimize(importOnnx(model, { inputShapes }));
  const engine = await Engine.create(device, g, { mode: 'arena' });
  try {
    await engine.run(feeds);
    const t0 = performance.now();
    const out = await engine.run(feeds);
    return { ...compare(out[g.outputs[0]], expected), dispatches: engine.dispatches.length, ms: performance.now() - t0 };
  } finally {
    engine.destroy();
  }
}
