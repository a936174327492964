// The four files of a run, as strings: the page offers them as downloads and the headless
// runner writes them to disk.
import { layersCsv } from '../src/report/csv';
import { chromeTrace } from '../src/report/trace';
import { reportHtml } from '../src/report/html';
import type { Results } from '../src/results/types';

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

export function artifacts(r: Results): Artifacts {
  return {
    json: JSON.stringify(r, null, 2),
    csv: layersCsv(r),
    trace: JSON.stringify(chromeTrace(r)),
    html: reportHtml(r),
  };
}

declare global {
  interface Window {
    benchArtifacts(): Artifacts;
  }
}

window.benchArtifacts = () => {
  const r = window.benchState.results;
  if (!r) throw new Error('no results yet: run the bench first');
  return artifacts(r);
};

export function download(text: string, file: { name: string; type: string }): void {
  const url = URL.createObjectURL(new Blob([text], { type: file.type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
