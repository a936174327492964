// Rendering the report in Node: Observable Plot builds SVG through a document, which Node lacks,
// so linkedom's stands in (it serializes the same elements, attributes and text as the browser's;
// test/report/report-cli.test.ts checks it against the page). Used by npm run report and --host node.
import { parseHTML } from 'linkedom';
import { ARTIFACT_FILES, artifacts, type Artifacts } from '../report/artifacts.js';
import type { Results } from '../results/types.js';

/** Every file but results.json itself, which the caller already has. */
const RENDERED: (keyof Artifacts)[] = ['csv', 'trace', 'html'];

export function nodeDocument(): Document {
  return parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as Document;
}

/** layers.csv, trace.json and report.html of a results document, as [file name, text], rendered in Node. */
export function renderedFiles(r: Results): [string, string][] {
  const a = artifacts(r, { document: nodeDocument() });
  return RENDERED.map((k) => [ARTIFACT_FILES[k].name, a[k]]);
}
