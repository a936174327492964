// The page's model picker: an ONNX file, and optionally its input (for its first input) and
// expected output, raw float32 or ONNX TensorProto (.pb), staged for the next run exactly as the
// headless CLI stages them.
// Choosing a model sets batch and size to the model's own where it fixes them.
import { modelInputs } from '../src/onnx/index';
import { readTensorFile } from '../src/sweep/tensor-file';
import { stageModel } from './model-stage';

const FILES = ['model', 'input', 'expect'] as const;
const form = document.getElementById('options') as HTMLFormElement;
const status = document.getElementById('model-status');

const file = (name: string): File | undefined => (form.elements.namedItem(name) as HTMLInputElement | null)?.files?.[0];
const bytesOf = async (f: File | undefined) => (f ? new Uint8Array(await f.arrayBuffer()) : undefined);

function setField(name: string, value: string): void {
  const el = form.elements.namedItem(name) as HTMLInputElement | null;
  if (el) el.value = value;
}

async function stage(): Promise<string> {
  const m = file('model');
  if (!m) {
    stageModel(null);
    return 'built-in network';
  }
  const bytes = (await bytesOf(m))!;
  const first = modelInputs(bytes)[0];
  const d = first.dims ?? [];
  if (typeof d[0] === 'number' && d[0] > 0) setField('batch', String(d[0]));
  if (d.length === 4 && typeof d[2] === 'number' && d[2] === d[3]) setField('size', String(d[2]));
  const [x, y] = [file('input'), file('expect')];
  const [input, expect] = await Promise.all([bytesOf(x), bytesOf(y)]);
  const data = (bytes: Uint8Array | undefined, f: File | undefined) => (bytes && f ? readTensorFile(bytes, f.name).data : undefined);
  const staged = data(input, x);
  stageModel({ name: m.name, bytes, inputs: staged && { [first.name]: staged }, expect: data(expect, y) });
  return `${m.name}${input ? ' with its input' : ''}${expect ? ' and expected output' : ''}`;
}

form.addEventListener('change', (e) => {
  if (!FILES.includes((e.target as HTMLInputElement).name as (typeof FILES)[number])) return;
  stage().then(
    (what) => status && (status.textContent = `runs: ${what}`),
    (err: Error) => status && (status.textContent = `cannot use this file: ${err.message}`),
  );
});
