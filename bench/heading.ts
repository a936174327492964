// The page names the model it runs, in its title and heading: the staged ONNX file, else the
// built-in network, and after a run whatever the results say ran.
import { BUILTIN_INFO } from '../src/sweep/model';

const PRODUCT = 'WebGPU working-set profiler';

export function pageTitle(model: string): string {
  return `${PRODUCT}: ${model}`;
}

/** Shows `model` (default: the built-in network) in the tab title and the page heading. */
export function showModel(model: string = BUILTIN_INFO.name): void {
  document.title = pageTitle(model);
  const h1 = document.getElementById('heading');
  if (h1) h1.textContent = pageTitle(model);
}
