// The page names the model it runs, in its title and heading: the staged ONNX file, else the
// built-in network, and after a run whatever the results say ran; under the heading, how the
// run's timestamps were (their quantum and how times were estimated).
import { BUILTIN_INFO } from '../src/sweep/model';
import { timingText } from '../src/report/timing';
import type { Results } from '../src/results/types';

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

/** The timestamp quantum line under the heading; hidden until a run has results. */
export function showTiming(r: Results | null): void {
  const el = document.getElementById('timing');
  if (!el) return;
  const text = r ? timingText(r) : '';
  el.textContent = text;
  el.hidden = !text;
}
