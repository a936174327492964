// GPU errors must surface as exceptions that name what failed, never pass silently.
import { getDevice } from '../device';
import { PipelineCache } from '../../../src/runtime/pipelines';
import { withErrorScopes } from '../../../src/runtime/errors';
import { refusedAllocations, type Refusals } from './allocation-refusals';

const message = async (f: () => Promise<unknown>): Promise<string> => {
  try {
    await f();
    return 'no error';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
};

export async function brokenShader(): Promise<string> {
  const { device } = await getDevice();
  const cache = new PipelineCache(device);
  return message(() => cache.get({ kernel: 'broken', variant: { K: 7 } }, '@compute @workgroup_size(1) fn main() { let x: u32 = 1.5; }', 'encoder1.dw'));
}

export async function oversizedBuffer(): Promise<string> {
  const { device } = await getDevice();
  return message(() =>
    withErrorScopes(device, "allocating the arena for 'encoder1.pw'", () => {
      device.createBuffer({ size: device.limits.maxBufferSize + 4, usage: GPUBufferUsage.STORAGE });
    }),
  );
}

export async function invalidDispatch(): Promise<string> {
  const { device } = await getDevice();
  const module = device.createShaderModule({ code: '@group(0) @binding(0) var<storage, read_write> a: array<f32>;\n@compute @workgroup_size(1) fn main() { a[0] = 1.0; }' });
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  return message(() =>
    withErrorScopes(device, 'running the inference', () => {
      const enc = device.createCommandEncoder();
      const pass = enc.beginComputePass({ label: 'decoder3.up' });
      pass.setPipeline(pipeline);
      pass.dispatchWorkgroups(1); // no bind group: invalid
      pass.end();
      device.queue.submit([enc.finish()]);
    }),
  );
}

export async function refusals(): Promise<Refusals> {
  const { device } = await getDevice();
  return refusedAllocations(device);
}
