// Locating a Chromium binary and the flags that give it a WebGPU adapter headless.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_CANDIDATES: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
];

// Without --enable-unsafe-webgpu headless Chromium exposes no adapter at all; the
// Vulkan + SwiftShader pair gives a CPU adapter on machines without a usable GPU.
export const WEBGPU_FLAGS: readonly string[] = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-webgpu-adapter=swiftshader',
  '--disable-vulkan-surface',
];

// Background services only add noise (network, CPU) to timings on a small machine.
export const QUIET_FLAGS: readonly string[] = [
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  ...WEBGPU_FLAGS,
  ...QUIET_FLAGS,
];

export type Env = Record<string, string | undefined>;

/**
 * Flags for a launch. WEBGPU_ADAPTER=default drops the SwiftShader pin so a machine
 * with a real GPU profiles that GPU; any other value is passed as the adapter name.
 */
export function chromiumFlags(env: Env = process.env): string[] {
  const adapter = env.WEBGPU_ADAPTER;
  return CHROMIUM_FLAGS.flatMap((flag) => {
    if (!flag.startsWith('--use-webgpu-adapter=')) return [flag];
    if (adapter === 'default') return [];
    return [adapter ? `--use-webgpu-adapter=${adapter}` : flag];
  });
}

export const INSTALL_HINT =
  'Install Chromium with `sudo apt-get install -y chromium` on Debian/Ubuntu, ' +
  'or set CHROME_PATH to a Chrome/Chromium 120+ binary.';

export interface FindOptions {
  env?: Env;
  /** Overridable so tests can simulate a machine without Chromium. */
  candidates?: readonly string[];
}

function firstExisting(candidates: readonly string[]): string | undefined {
  return candidates.find((p) => existsSync(p));
}

function canAutoInstall(env: Env): boolean {
  if (env.AUTO_INSTALL_CHROMIUM === '0') return false;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return false;
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

function aptInstallChromium(): void {
  console.log('[harness] Chromium not found; running: apt-get update && apt-get install -y chromium');
  execFileSync('sh', ['-c', 'apt-get update && apt-get install -y chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/**
 * Path of a Chromium binary. An explicit CHROME_PATH must exist: silently falling
 * back to another browser would profile something other than what was asked for.
 */
export function findChromium(opts: FindOptions = {}): string {
  const env = opts.env ?? process.env;
  const candidates = opts.candidates ?? CHROMIUM_CANDIDATES;
  const explicit = env.CHROME_PATH;
  if (explicit) {
    if (existsSync(explicit)) return explicit;
    throw new Error(`CHROME_PATH=${explicit} does not exist. ${INSTALL_HINT}`);
  }
  const found = firstExisting(candidates);
  if (found) return found;
  if (canAutoInstall(env)) {
    aptInstallChromium();
    const installed = firstExisting(candidates);
    if (installed) return installed;
  }
  throw new Error(
    `No Chromium found (looked at CHROME_PATH, ${candidates.join(', ')}). ${INSTALL_HINT}`,
  );
}

/** A fresh profile per launch so no cached state (shaders, permissions) leaks between runs. */
export function makeUserDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'wgpu-profiler-chromium-'));
}

export function removeUserDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
