// A DOM document for rendering the report's charts in Node: Observable Plot builds SVG
// through a document, which Node lacks. linkedom's serializes the same elements, attributes
// and text as the browser's (test/report/report-cli.test.ts checks it against the page).
import { parseHTML } from 'linkedom';

export function nodeDocument(): Document {
  return parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as Document;
}
