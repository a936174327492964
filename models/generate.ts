// Writes the ONNX test models in this folder: `npx tsx models/generate.ts`.
// They are exports of our own graphs (weights seeded, so the files are reproducible), written
// the way torch.onnx.export writes the same modules; useful as `--model` inputs and as
// onnxruntime-web inputs that exercise the importer beyond the PyTorch fixture.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jeongwonnet, jeongwonnetTraining } from '../src/graph/jeongwonnet.js';
import { exportOnnx } from '../src/graph/onnx/index.js';
import { contextGateNet, spatialAttentionNet } from '../test/onnx/torch-style.js';

const here = dirname(fileURLToPath(import.meta.url));
const small = { cList: [8, 16, 24, 32, 48, 64], size: 64 };

const models: Record<string, Uint8Array> = {
  // Any batch and any size that is a multiple of 32 (dims 'batch', 'input_dim2', 'input_dim3').
  'jeongwonnet_c8_dynamic.onnx': exportOnnx(jeongwonnet(small), { dynamic: true }),
  // Before RepConv.switch_to_deploy: three BatchNorm branches per block.
  'jeongwonnet_training_c8_64.onnx': exportOnnx(jeongwonnetTraining(small)),
  'spatial_attention_32.onnx': spatialAttentionNet(32).bytes,
  'context_gate_32.onnx': contextGateNet(32).bytes,
};

for (const [name, bytes] of Object.entries(models)) {
  writeFileSync(join(here, name), bytes);
  console.log(`${name}: ${bytes.length} bytes`);
}
