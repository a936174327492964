// `npm run bundle` end to end: the archive is built, unpacked into an empty folder and run by its
// launcher with a minimal environment (no Node on PATH, no npm, no node_modules), on SwiftShader's
// Vulkan driver. Slow (the build compresses ~170 MB), so it builds once, with light compression:
// an archive within the limit at xz -1 is within it at the default -9 too.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/results/types';
import { validateResults } from '../../src/results/schema';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const dir = mkdtempSync(join(tmpdir(), 'bundle-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the portable bundle', () => {
  it('unpacks into an empty folder and runs the bench with env -i against SwiftShader, writing results.json only', () => {
    expect(existsSync(SWIFTSHADER_ICD), `${SWIFTSHADER_ICD} comes with Debian's chromium (apt-get install chromium)`).toBe(true);
    const built = spawnSync('npx', ['tsx', 'tools/bundle/build.ts', '--out', join(dir, 'dist'), '--xz-level', '1'], { encoding: 'utf8' });
    expect(built.status, `${built.stdout}\n${built.stderr}`).toBe(0);
    const archive = join(dir, 'dist/gpu-bench.tar.xz');
    const size = statSync(archive).size;
    console.log(`bundle at xz -1: ${(size / 2 ** 20).toFixed(1)} MiB`);
    expect(size).toBeLessThanOrEqual(64 * 2 ** 20);

    const home = join(dir, 'home');
    mkdirSync(home);
    execFileSync('tar', ['-xJf', archive, '-C', home]);
    expect(readdirSync(home)).toEqual(['gpu-bench']);
    const env = { PATH: '/usr/bin:/bin', HOME: home, VK_ICD_FILENAMES: SWIFTSHADER_ICD };
    const args = ['--batch', '1', '--size', '64', '--mode', 'arena', '--reps', '1', '--ceilings', 'off', '--overhead-pairs', '0', '--out', 'results/'];
    const run = spawnSync('env', ['-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), './gpu-bench/run', ...args], { cwd: home, encoding: 'utf8' });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/adapter: vendor google, architecture swiftshader/);
    expect(run.stdout).toContain(`Vulkan loader: ${home}/gpu-bench/lib/dist/linux-x64/libvulkan.so.1`);

    expect(readdirSync(join(home, 'results'))).toEqual(['results.json']);
    const r = JSON.parse(readFileSync(join(home, 'results/results.json'), 'utf8')) as Results;
    expect(validateResults(r)).toEqual([]);
    expect(r.environment.host).toBe('node');
    expect(r.environment.adapter.architecture).toBe('swiftshader');
    const c = r.configs[0];
    console.log(`bundle b1@64: check ${c.check.status} ${c.check.maxRelError?.toExponential(2)}, peak ${c.peakBytes.measuredPhysical} B`);
    expect([c.status, c.check.reference, c.check.status, c.ratios.logicalEqualsPredicted]).toEqual(['ok', 'cpu', 'pass', true]);
  }, 900_000);

  it('names what is missing when the machine has no Vulkan driver', () => {
    const home = join(dir, 'home');
    if (!existsSync(join(home, 'gpu-bench/run'))) throw new Error('the first test did not unpack the bundle');
    const noIcd = spawnSync('env', ['-i', 'PATH=/usr/bin:/bin', `HOME=${home}`, `XDG_DATA_HOME=${home}/none`, './gpu-bench/run', '--batch', '1'], { cwd: home, encoding: 'utf8' });
    const icds = ['/usr/share/vulkan/icd.d', '/etc/vulkan/icd.d'].filter((d) => existsSync(d) && readdirSync(d).some((f) => f.endsWith('.json')));
    if (icds.length) console.log(`this machine has driver manifests in ${icds.join(', ')}; the no-driver message is not reachable here`);
    else {
      expect(noIcd.status).toBe(3);
      expect(noIcd.stderr).toMatch(/no Vulkan driver found: no driver manifest \(\*\.json\) in \/usr\/share\/vulkan\/icd\.d .*VK_ICD_FILENAMES/);
    }
    const wrong = spawnSync('env', ['-i', 'PATH=/usr/bin:/bin', `HOME=${home}`, 'VK_ICD_FILENAMES=/nonexistent/icd.json', './gpu-bench/run'], { cwd: home, encoding: 'utf8' });
    expect(wrong.status).toBe(3);
    expect(wrong.stderr).toContain('the Vulkan driver manifest /nonexistent/icd.json (from VK_ICD_FILENAMES or VK_DRIVER_FILES) does not exist');
  });
});
