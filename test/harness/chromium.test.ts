import { describe, expect, it } from 'vitest';
import { chromiumFlags, CHROMIUM_FLAGS, findChromium } from '../../src/harness/chromium';

describe('findChromium', () => {
  it('rejects a CHROME_PATH that does not exist, saying how to get Chromium', () => {
    const env = { CHROME_PATH: '/nonexistent/chrome', AUTO_INSTALL_CHROMIUM: '0' };
    expect(() => findChromium({ env })).toThrow(/CHROME_PATH=\/nonexistent\/chrome does not exist/);
    expect(() => findChromium({ env })).toThrow(/sudo apt-get install -y chromium/);
  });

  it('explains how to install when no candidate exists and auto-install is off', () => {
    const env = { AUTO_INSTALL_CHROMIUM: '0' };
    const find = () => findChromium({ env, candidates: ['/nonexistent/chromium'] });
    expect(find).toThrow(/No Chromium found/);
    expect(find).toThrow(/sudo apt-get install -y chromium/);
    expect(find).toThrow(/set CHROME_PATH to a Chrome\/Chromium 120\+ binary/);
  });

  it('accepts an existing CHROME_PATH as is', () => {
    expect(findChromium({ env: { CHROME_PATH: process.execPath } })).toBe(process.execPath);
  });
});

describe('chromiumFlags', () => {
  it('pins SwiftShader by default', () => {
    expect(chromiumFlags({})).toEqual([...CHROMIUM_FLAGS]);
    expect(chromiumFlags({})).toContain('--use-webgpu-adapter=swiftshader');
  });

  it('lets WEBGPU_ADAPTER=default use the machine GPU', () => {
    const flags = chromiumFlags({ WEBGPU_ADAPTER: 'default' });
    expect(flags.some((f) => f.startsWith('--use-webgpu-adapter'))).toBe(false);
    expect(flags).toContain('--enable-unsafe-webgpu');
  });
});
