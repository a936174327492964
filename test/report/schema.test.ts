import { describe, expect, it } from 'vitest';
import { validateResults } from '../../src/results/schema.js';
import { results } from './fixture.js';

describe('results schema', () => {
  it('accepts a complete document', () => {
    expect(validateResults(results())).toEqual([]);
    expect(validateResults(JSON.parse(JSON.stringify(results())))).toEqual([]);
  });

  it('names every missing or mistyped required field', () => {
    const r = results() as unknown as Record<string, any>;
    delete r.environment.adapter.vendor;
    r.configs[0].status = 'fine';
    r.configs[0].gpuTimeMs = { median: 1, p10: 1 };
    r.configs[0].nodes[0].layer = 3;
    delete r.configs[1].error;
    r.schemaVersion = 1;
    expect(validateResults(r)).toEqual([
      '$.environment.adapter.vendor: missing',
      "$.configs[0].status: expected one of ok, oom, error, device-lost, got \"fine\"",
      '$.configs[0].gpuTimeMs.p90: missing',
      '$.configs[0].nodes[0].layer: expected a string',
      'schemaVersion: expected 2, got 1',
      'configs[1].error: required when status is oom',
    ]);
  });

  it('takes the host as browser or node, and documents from before hosts were recorded', () => {
    const r = results() as unknown as Record<string, any>;
    r.environment.host = 'node';
    expect(validateResults(r)).toEqual([]);
    r.environment.host = 'deno';
    expect(validateResults(r)).toEqual(['$.environment.host: expected one of browser, node, got "deno"']);
    delete r.environment.host;
    expect(validateResults(r)).toEqual([]);
  });

  it('takes a size only where it makes sense, and needs every input shape', () => {
    const r = results() as unknown as Record<string, any>;
    r.configs[0].size = null;
    r.configs[0].inputShapes = { input: [1, 3, 160, 224] };
    expect(validateResults(r)).toEqual([]);
    delete r.configs[1].inputShapes;
    r.configs[0].inputShapes.input = [1, 'x'];
    expect(validateResults(r)).toEqual(['$.configs[0].inputShapes.input[1]: expected a finite number', '$.configs[1].inputShapes: missing']);
  });

  it('rejects an ok row without measurements, and non-objects', () => {
    const r = results();
    r.configs[0].peakBytes.measuredPhysical = null;
    expect(validateResults(r)).toEqual(['configs[0]: an ok row needs wallTimeMs and peakBytes.measuredPhysical']);
    expect(validateResults(null)).toEqual(['$: expected an object']);
  });
});
