// The cross-host outputs on Dawn in plain Node, as the Node host gets its device:
//   tsx test/host/node-outputs.ts OUT_DIR   (with the Vulkan environment planVulkan gives)
// writes builtin.f32, fixture.f32 and adapter.json into OUT_DIR.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerRawImports } from '../../src/host/raw-imports';
import { createDawnGpu, noAdapterHelp } from '../../src/host/dawn';
import { acquireDevice } from '../../src/runtime/device';

const [outDir, model, input] = process.argv.slice(2);
registerRawImports();
const { gpu } = await createDawnGpu();
const handle = await acquireDevice({ gpu, noAdapterHelp: noAdapterHelp() });
// After Dawn's globals are installed: the engine reads them as it loads.
const { engineOutputs } = await import('./engine-outputs');
const bytes = (path: string) => new Uint8Array(readFileSync(path));
const x = bytes(input);
const out = await engineOutputs(handle.device, { model: bytes(model), input: new Float32Array(x.buffer.slice(x.byteOffset, x.byteOffset + x.byteLength)) });
for (const [name, data] of Object.entries(out)) writeFileSync(join(outDir, `${name}.f32`), new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
writeFileSync(join(outDir, 'adapter.json'), JSON.stringify(handle.adapterInfo));
handle.device.destroy();
