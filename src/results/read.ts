// A results document from its JSON text, or an error that says what the text is instead and
// what to give: tools that read results.json files (report, compare) share these messages.
import { isObj } from './schema-checks.js';
import { validateResults } from './schema.js';
import { SCHEMA_VERSION, type Results } from './types.js';

export class ResultsDocumentError extends Error {
  override name = 'ResultsDocumentError';
}

const GIVE = 'give the results.json that `npm run bench` (or the bench page) writes';

/** What a JSON document that is not a results document looks like it is. */
function lookalike(v: unknown): string {
  if (!isObj(v)) return `it holds ${Array.isArray(v) ? 'an array' : `a ${typeof v}`}, not an object`;
  if ('compareVersion' in v) return 'it is a compare.json (`npm run compare` output)';
  if ('traceEvents' in v) return 'it is a Chrome trace (trace.json)';
  const keys = Object.keys(v).slice(0, 6).join(', ');
  return `it has no schemaVersion and configs (its fields: ${keys || 'none'})`;
}

const MAX_LISTED = 5;

/** Parses and checks one results document; `name` (a file name) goes into every message. */
export function parseResults(text: string, name: string): Results {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new ResultsDocumentError(`${name} is not JSON (${(e as Error).message}): ${GIVE}`);
  }
  if (!isObj(v) || !('schemaVersion' in v) || !('configs' in v)) throw new ResultsDocumentError(`${name} is not a results document: ${lookalike(v)}; ${GIVE}`);
  if (v.schemaVersion !== SCHEMA_VERSION)
    throw new ResultsDocumentError(
      `${name} has schemaVersion ${JSON.stringify(v.schemaVersion)}, and this checkout reads schemaVersion ${SCHEMA_VERSION} (docs/results-schema.md says what changed): run the bench again with this checkout, or read the file with a checkout of the version that wrote it`,
    );
  const problems = validateResults(v);
  if (problems.length) {
    const listed = problems.slice(0, MAX_LISTED).join('; ');
    const more = problems.length > MAX_LISTED ? `; and ${problems.length - MAX_LISTED} more` : '';
    throw new ResultsDocumentError(`${name} is not a valid results document (schemaVersion ${SCHEMA_VERSION}): ${listed}${more}`);
  }
  return v as unknown as Results;
}
