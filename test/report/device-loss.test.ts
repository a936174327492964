// results.deviceLost in its forms (a list since the sweep recovers, a string before, null), and
// how a device-lost row and its recovery read in the summary, the verdict and the report.
import { describe, expect, it } from 'vitest';
import { deviceLosses } from '../../src/results/device-loss.js';
import { validateResults } from '../../src/results/schema.js';
import { deviceLossHtml, deviceLossText } from '../../src/report/device-loss.js';
import { summaryText, verdict } from '../../src/report/summary.js';
import { reportBody } from '../../src/report/html.js';
import { nodeDocument } from '../../src/cli/dom.js';
import { lossRowMessage } from '../../src/sweep/device-keeper.js';
import type { ConfigResult, DeviceLossRecord } from '../../src/results/types.js';
import { okConfig, oomConfig, results } from './fixture.js';

const injected: DeviceLossRecord = { config: 2, during: 'b1@64 pool', reason: 'destroyed', message: 'Device was destroyed.', injected: true, recovered: true, recoveryMs: 12.4, recoveryError: null };
const between: DeviceLossRecord = { config: null, during: 'before b2@64 arena', reason: 'unknown', message: 'GPU process crashed', injected: false, recovered: false, recoveryMs: null, recoveryError: 'requestAdapter() returned null' };

function lostRow(record: DeviceLossRecord): ConfigResult {
  return { ...oomConfig(), batch: 1, size: 64, mode: 'pool', status: 'device-lost', error: lossRowMessage(record), errorName: 'DeviceLostError' };
}

describe('results.deviceLost', () => {
  it('reads a list, an older string and null', () => {
    expect(deviceLosses({ deviceLost: [injected] })).toEqual([injected]);
    expect(deviceLosses({ deviceLost: null })).toEqual([]);
    expect(deviceLosses({ deviceLost: 'destroyed: Device was destroyed.' })).toEqual([
      expect.objectContaining({ config: null, reason: 'destroyed', message: 'Device was destroyed.', injected: false, recovered: false }),
    ]);
    expect(deviceLosses({ deviceLost: 'the GPU device was lost' })[0]).toMatchObject({ reason: 'unknown', message: 'the GPU device was lost' });
  });

  it('validates in all three forms and names a malformed record field', () => {
    const r = results([okConfig(), lostRow(injected)]);
    r.deviceLost = [injected, between];
    expect(validateResults(r)).toEqual([]);
    r.deviceLost = 'unknown: gone';
    expect(validateResults(r)).toEqual([]);
    r.deviceLost = [{ ...injected, recovered: 'yes' } as unknown as DeviceLossRecord];
    expect(validateResults(r)).toEqual(['$.deviceLost[0].recovered: expected a boolean']);
    const noError = results([{ ...lostRow(injected), error: undefined }]);
    expect(validateResults(noError)).toEqual(['configs[0].error: required when status is device-lost']);
  });
});

describe('a device-lost row and its recovery', () => {
  const r = results([okConfig(), lostRow(injected), okConfig()]);
  r.deviceLost = [injected];

  it('shows the status in the summary and fails the verdict once, with the recovery', () => {
    expect(summaryText(r).split('\n')[3]).toMatch(/^b1@64\s+pool\s+device-lost\s/);
    expect(verdict(r).failures).toEqual([
      'b1@64 pool: the GPU device was lost during this configuration (destroyed by --inject-device-loss); a new device was acquired in 12 ms and ran the remaining configurations',
    ]);
  });

  it('lists each loss in words: where, why, whether injected, what followed', () => {
    expect(deviceLossText(r)).toBe('device lost in configuration 2/3 (b1@64 pool), destroyed on purpose by --inject-device-loss 2; recovered: a new device in 12 ms ran the remaining configurations');
    const r2 = results([okConfig()]);
    r2.deviceLost = [between];
    expect(deviceLossText(r2)).toBe('device lost in before b2@64 arena, unknown: GPU process crashed; not recovered (requestAdapter() returned null): the remaining configurations were not run');
    // Between configurations no row carries it: the verdict does.
    expect(verdict(r2).failures).toEqual([deviceLossText(r2)]);
    expect(deviceLossText(results())).toBe('');
  });

  it('puts a device-loss section in the report only when there was one', () => {
    expect(deviceLossHtml(results())).toBe('');
    const html = reportBody(r, { document: nodeDocument() });
    expect(html).toContain('<h2>Device losses</h2><ul><li class="warn">device lost in configuration 2/3 (b1@64 pool)');
    expect(html).toContain('b1@64 pool: device-lost');
  });
});
