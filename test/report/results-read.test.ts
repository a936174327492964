// Reading a results document from JSON text: what a wrong file gets told.
import { describe, expect, it } from 'vitest';
import { parseResults } from '../../src/results/read.js';
import { results } from './fixture.js';

const text = (v: unknown) => JSON.stringify(v);

describe('parseResults', () => {
  it('reads a valid document back', () => {
    const r = results();
    expect(parseResults(text(r), 'r.json')).toEqual(r);
  });

  it('names the file and says what it holds instead', () => {
    expect(() => parseResults('{"schemaVersion": 2,', 'a/results.json')).toThrow(/^a\/results.json is not JSON \(.*\): give the results.json that `npm run bench`/);
    expect(() => parseResults(text({ traceEvents: [] }), 't.json')).toThrow(/t.json is not a results document: it is a Chrome trace \(trace.json\)/);
    expect(() => parseResults(text({ compareVersion: 1, configs: [] }), 'c.json')).toThrow(/c.json is not a results document: it is a compare.json/);
    expect(() => parseResults(text({ name: 'x', nodes: [] }), 'g.json')).toThrow(/no schemaVersion and configs \(its fields: name, nodes\)/);
    expect(() => parseResults('[1, 2]', 'l.json')).toThrow(/it holds an array, not an object/);
  });

  it('refuses a schema version it cannot read, saying which it reads', () => {
    expect(() => parseResults(text({ ...results(), schemaVersion: 1 }), 'old.json')).toThrow(/old.json has schemaVersion 1, and this checkout reads schemaVersion 2 \(docs\/results-schema.md/);
    expect(() => parseResults(text({ ...results(), schemaVersion: 3 }), 'new.json')).toThrow(/schemaVersion 3.*run the bench again with this checkout/);
  });

  it('lists what a malformed document lacks', () => {
    const r = results() as unknown as Record<string, unknown>;
    const broken = { ...r, environment: { userAgent: 'x' }, configs: [{}] };
    expect(() => parseResults(text(broken), 'b.json')).toThrow(/b.json is not a valid results document \(schemaVersion 2\): \$.environment.adapter: missing; .*and \d+ more/);
  });
});
