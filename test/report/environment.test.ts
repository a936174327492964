import { describe, expect, it } from 'vitest';
import { adapterText, hostText } from '../../src/report/format.js';
import { reportBody } from '../../src/report/html.js';
import { nodeDocument } from '../../src/cli/dom.js';
import { results } from './fixture.js';

describe('environment header text', () => {
  it('names the host, and takes a document without one as the browser', () => {
    expect(hostText({ host: 'node' })).toMatch(/^Node \(Dawn/);
    expect(hostText({ host: 'browser' })).toBe('browser');
    expect(hostText({} as { host: 'browser' })).toBe('browser');
  });

  it('names every adapter field it has, and says when the adapter is a fallback', () => {
    const swiftshader = { vendor: 'google', architecture: 'swiftshader', device: 'swiftshader-device-subzero-', description: 'SwiftShader driver 5.0.0', isFallbackAdapter: true };
    expect(adapterText({ adapter: swiftshader })).toBe('vendor google, architecture swiftshader, device swiftshader-device-subzero-, description SwiftShader driver 5.0.0 (fallback adapter)');
    expect(adapterText({ adapter: { vendor: 'nvidia', architecture: 'hopper', description: '' } })).toBe('vendor nvidia, architecture hopper');
    expect(adapterText({ adapter: { vendor: '', architecture: '', description: '' } })).toBe('unknown');
  });
});

describe('report header', () => {
  it('lists the limits the device reported and every feature, and no limit it did not report', () => {
    const r = results();
    r.environment.limits = { maxStorageBufferBindingSize: 128 * 2 ** 20, maxComputeWorkgroupsPerDimension: 65535, maxComputeInvocationsPerWorkgroup: 256 };
    r.environment.features = ['subgroups', 'timestamp-query'];
    const html = reportBody(r, { document: nodeDocument() });
    expect(html).toContain('maxStorageBufferBindingSize 128.00 MB, maxComputeWorkgroupsPerDimension 65535, maxComputeInvocationsPerWorkgroup 256.');
    expect(html).not.toContain('maxBufferSize');
    expect(html).toContain('Features: subgroups, timestamp-query.');
  });
});
