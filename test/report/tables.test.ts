import { describe, expect, it } from 'vitest';
import { layerTable, overheadText, sweepTable, table } from '../../src/report/tables.js';
import { okConfig, results } from './fixture.js';

describe('report tables', () => {
  it('escapes every cell and right-aligns numeric columns', () => {
    const html = table(['name', 'value'], [['<b>&"x"', 3]]);
    expect(html).toContain('<td>&lt;b&gt;&amp;&quot;x&quot;</td><td class="num">3</td>');
  });

  it('lists every configuration with the seed PyTorch column and the layer figures', () => {
    const sweep = sweepTable(results());
    expect(sweep).toContain('PyTorch CUDA MB (seed)');
    expect(sweep.match(/<tr>/g)).toHaveLength(3);
    expect(layerTable(okConfig())).toContain('<td class="num">1.00 [1.00-1.00]</td><td class="num">18.00</td>');
  });

  it('states the profiling overhead against its goal, or why it is missing', () => {
    expect(overheadText(results().profilingOverhead)).toMatch(/= 1\.010 .*within the goal of 1\.05/);
    const none = { ...results().profilingOverhead, status: 'unsupported' as const, reason: 'no timestamp-query' };
    expect(overheadText(none)).toBe('Profiling overhead: unsupported (no timestamp-query).');
  });
});
