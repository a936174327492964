// The four files of a run, as strings, from its results: the page offers them as downloads, the
// headless runner writes them to disk, and `npm run report` renders them from a results.json.
import type { Results } from '../results/types.js';
import type { ChartOptions } from './charts.js';
import { layersCsv } from './csv.js';
import { reportHtml } from './html.js';
import { chromeTrace } from './trace.js';

export interface Artifacts {
  json: string;
  csv: string;
  trace: string;
  html: string;
}

export const ARTIFACT_FILES: Record<keyof Artifacts, { name: string; type: string }> = {
  json: { name: 'results.json', type: 'application/json' },
  csv: { name: 'layers.csv', type: 'text/csv' },
  trace: { name: 'trace.json', type: 'application/json' },
  html: { name: 'report.html', type: 'text/html' },
};

/** Charts need a DOM document: the page's own, or one the caller gives (Node). */
export function artifacts(r: Results, o: ChartOptions = {}): Artifacts {
  return {
    json: JSON.stringify(r, null, 2),
    csv: layersCsv(r),
    trace: JSON.stringify(chromeTrace(r)),
    html: reportHtml(r, o),
  };
}
