// Dropping files on the page: an .onnx file becomes the model, an input and an expected output
// (.bin or .pb; "output" or "expect" in the name marks the expected one) come along with it.
// Anywhere on the page, so a drop that misses the zone does not make the browser open the file
// and lose the page.
import { restage } from './model-form';

type Slot = 'model' | 'input' | 'expect';

/** Which picker a dropped file goes to; anything that is not a tensor file is tried as the model. */
export function slotOf(fileName: string): Slot {
  const name = fileName.toLowerCase();
  if (!/\.(bin|pb|raw)$/.test(name)) return 'model';
  return /output|expect/.test(name) ? 'expect' : 'input';
}

const form = document.getElementById('options') as HTMLFormElement;
const zone = document.getElementById('drop-zone')!;

function put(slot: Slot, files: File[]): void {
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  (form.elements.namedItem(slot) as HTMLInputElement).files = dt.files;
}

/** Puts the dropped files in their pickers and stages them once. */
export async function dropFiles(files: File[]): Promise<void> {
  const bySlot = new Map<Slot, File[]>();
  for (const f of files) bySlot.set(slotOf(f.name), [...(bySlot.get(slotOf(f.name)) ?? []), f]);
  // A new model drops the old one's input and expected output unless they come with it.
  if (bySlot.has('model')) for (const s of ['input', 'expect'] as const) if (!bySlot.has(s)) put(s, []);
  for (const [slot, fs] of bySlot) put(slot, fs.slice(0, 1));
  await restage();
}

const hasFiles = (e: DragEvent): boolean => Boolean(e.dataTransfer?.types.includes('Files'));

document.addEventListener('dragover', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  e.dataTransfer!.dropEffect = 'copy';
  zone.classList.add('over');
});
document.addEventListener('dragleave', (e) => {
  if (e.relatedTarget === null) zone.classList.remove('over');
});
document.addEventListener('drop', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  zone.classList.remove('over');
  void dropFiles([...e.dataTransfer!.files]);
});
