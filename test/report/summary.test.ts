import { describe, expect, it } from 'vitest';
import { summaryRow, summaryText, verdict } from '../../src/report/summary.js';
import { okConfig, oomConfig, results } from './fixture.js';

describe('summary', () => {
  it('shows peaks in MB (2^20 bytes), the ratio, the seed PyTorch column and the check', () => {
    expect(summaryRow(okConfig())).toEqual({
      config: 'b1@256',
      mode: 'arena',
      status: 'ok',
      physicalMB: '10.40',
      predictedMB: '10.00',
      ratio: '1.040',
      logicalEqualsPredicted: 'yes',
      gpuMs: '3.50',
      seedPyTorchMB: '25.43',
      rooflineFit: '-',
      check: 'pass 2.0e-7',
    });
    expect(summaryRow(oomConfig())).toMatchObject({ status: 'oom', physicalMB: '-', predictedMB: '400.00', check: 'not checked', seedPyTorchMB: '804.81' });
    const text = summaryText(results()).split('\n');
    expect(text).toHaveLength(4);
    expect(text[0]).toMatch(/^config\s+mode\s+status\s+physical peak MB/);
  });

  it('fails on a failed check, an error row or a lost device; OOM rows are not failures', () => {
    expect(verdict(results())).toEqual({ failures: [], warnings: [] });
    const bad = okConfig();
    bad.check = { status: 'fail', reference: 'cpu', pass: false, tolerance: 1e-3, maxRelError: 0.5 };
    const err = { ...oomConfig(), status: 'error' as const, error: 'boom' };
    const r = results([bad, err]);
    r.deviceLost = 'unknown: gone';
    expect(verdict(r).failures).toEqual([
      'b1@256 arena: output differs from the CPU reference (max rel error 0.5)',
      'b8@512 arena: boom',
      'device lost in the sweep, unknown: gone; not recovered (not attempted (written before the sweep recovered from device loss)): the remaining configurations were not run',
    ]);
  });

  it('warns when logical bytes disagree with the prediction or the arena strays beyond 5%', () => {
    const c = okConfig();
    c.ratios = { physicalOverPredicted: 1.2, logicalEqualsPredicted: false, logicalMismatches: 3 };
    expect(verdict(results([c])).warnings).toEqual([
      'b1@256 arena: measured logical bytes differ from the liveness prediction at 3 node(s)',
      'b1@256 arena: arena physical peak is 1.200x the prediction (beyond 5%)',
    ]);
  });
});
