// The page names what it runs, in its tab title and its header: the model (the staged ONNX
// file, else the built-in network, and after a run whatever the results say ran), the adapter
// and host of the page's device, and the timestamp quantum the last run found.
import { BUILTIN_INFO } from '../src/sweep/model';
import { nsText, timingText } from '../src/report/timing';
import type { Results } from '../src/results/types';

const PRODUCT = 'WebGPU working-set profiler';

export interface TitleFacts {
  model: string;
  /** Short adapter name (vendor and architecture), once the page has a device. */
  adapter?: string;
  host?: string;
  /** The last run's timestamp quantum, in words. */
  quantum?: string;
}

const facts: TitleFacts = { model: BUILTIN_INFO.name };

/** The heading: the product and the model. */
export function pageHeading(model: string): string {
  return `${PRODUCT}: ${model}`;
}

/** The tab title: the heading, then the adapter, the host and the quantum where known. */
export function pageTitle(f: TitleFacts): string {
  const rest = [f.adapter, f.host, f.quantum].filter(Boolean);
  return rest.length ? `${pageHeading(f.model)} (${rest.join(', ')})` : pageHeading(f.model);
}

/** 'timestamp quantum 65.5 us', 'ns timestamps', 'no timestamps'. */
export function quantumWords(r: Results): string | undefined {
  const t = r.timing;
  if (!t) return undefined;
  if (t.method === 'wall-clock') return 'no timestamps';
  return (t.quantumNs ?? 1) > 1 ? `timestamp quantum ${nsText(t.quantumNs!)}` : 'ns timestamps';
}

function render(): void {
  document.title = pageTitle(facts);
  const h1 = document.getElementById('heading');
  if (h1) h1.textContent = pageHeading(facts.model);
}

/** Shows `model` (default: the built-in network) in the tab title and the page heading. */
export function showModel(model: string = BUILTIN_INFO.name): void {
  facts.model = model;
  render();
}

/** The device line of the header, and the adapter and host in the title. */
export function showDevice(line: string, adapter: string, host: string): void {
  const el = document.getElementById('device');
  if (el) el.textContent = line;
  Object.assign(facts, { adapter, host });
  render();
}

/** The timestamp quantum line under the heading: the last run's, else what a run will tell. */
export function showTiming(r: Results | null): void {
  const el = document.getElementById('timing');
  if (!el) return;
  const text = r ? timingText(r) : '';
  el.textContent = text || 'Timestamp quantum: found by the first run (raw timestamps tell it).';
  el.hidden = false;
  facts.quantum = r ? quantumWords(r) : undefined;
  render();
}
