// The page's model picker: an ONNX file (chosen or dropped, see model-drop.ts), and optionally
// its input (for its first input) and expected output, raw float32 or ONNX TensorProto (.pb),
// staged for the next run exactly as the headless CLI stages them. Before anything runs the
// page shows what the file holds (model-summary.ts) and fields for its dynamic dims
// (model-shapes.ts); a file that is no model shows the error and the built-in network stays.
// Choosing a model with fixed dims sets batch and size to the model's own.
import { readTensorFile } from '../src/sweep/tensor-file';
import { inspectOnnx, type OnnxInspection } from '../src/sweep/onnx-inspect';
import { stageModel } from './model-stage';
import { showShapeFields } from './model-shapes';
import { fileErrorHtml, summaryHtml } from './model-summary';

const FILES = ['model', 'input', 'expect'] as const;
const form = document.getElementById('options') as HTMLFormElement;
const status = document.getElementById('model-status')!;
const summary = document.getElementById('model-summary')!;

const fileInput = (name: string): HTMLInputElement => form.elements.namedItem(name) as HTMLInputElement;
const file = (name: string): File | undefined => fileInput(name)?.files?.[0];
const bytesOf = async (f: File | undefined) => (f ? new Uint8Array(await f.arrayBuffer()) : undefined);

function setField(name: string, value: string): void {
  const el = form.elements.namedItem(name) as HTMLInputElement | null;
  if (el) el.value = value;
}

/** A fixed-shape model's own batch and (square) size, as the batch and size fields. */
function useModelShape(x: OnnxInspection): void {
  if (x.fields.length) return;
  const d = x.summary.inputs[0].dims ?? [];
  if (typeof d[0] === 'number' && d[0] > 0) setField('batch', String(d[0]));
  if (d.length === 4 && typeof d[2] === 'number' && d[2] === d[3]) setField('size', String(d[2]));
}

function backToBuiltin(): void {
  stageModel(null);
  showShapeFields(null);
  status.textContent = 'runs: built-in network';
}

async function stage(): Promise<void> {
  const m = file('model');
  if (!m) {
    backToBuiltin();
    summary.innerHTML = '';
    return;
  }
  const bytes = (await bytesOf(m))!;
  let x: OnnxInspection;
  try {
    x = inspectOnnx(bytes);
  } catch (e) {
    fileInput('model').value = '';
    backToBuiltin();
    summary.innerHTML = fileErrorHtml(m.name, (e as Error).message);
    return;
  }
  summary.innerHTML = summaryHtml(m, x);
  useModelShape(x);
  showShapeFields(x);
  const [xf, yf] = [file('input'), file('expect')];
  const [input, expect] = await Promise.all([bytesOf(xf), bytesOf(yf)]);
  const data = (b: Uint8Array | undefined, f: File | undefined) => (b && f ? readTensorFile(b, f.name).data : undefined);
  const staged = data(input, xf);
  stageModel({ name: m.name, bytes, inputs: staged && { [x.summary.inputs[0].name]: staged }, expect: data(expect, yf) });
  const cannot = x.unsupported.length || x.trial.error ? ' (it does not import: see below)' : '';
  status.textContent = `runs: ${m.name}${input ? ' with its input' : ''}${expect ? ' and expected output' : ''}${cannot}`;
}

/** Re-reads the file inputs; every failure ends up on the page. Says so with a 'model-staged' event on the form. */
export async function restage(): Promise<void> {
  await stage().catch((err: Error) => {
    backToBuiltin();
    summary.innerHTML = fileErrorHtml(file('model')?.name ?? 'the file', err.message);
  });
  form.dispatchEvent(new Event('model-staged'));
}

form.addEventListener('change', (e) => {
  if (FILES.includes((e.target as HTMLInputElement).name as (typeof FILES)[number])) void restage();
});

document.getElementById('model-clear')?.addEventListener('click', () => {
  for (const name of FILES) fileInput(name).value = '';
  void restage();
});
