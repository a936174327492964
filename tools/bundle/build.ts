// `npm run bundle`: dist/gpu-bench.tar.xz, the bench for a Linux x64 machine with a GPU driver and
// nothing else (no Node, npm, browser or network). Inside gpu-bench/:
//   run                          the launcher (tools/bundle/run.sh)
//   bin/node                     the Node binary running this build (process.execPath)
//   lib/gpu-bench.mjs            src/cli/bench-bundle.ts and everything it imports, one file (esbuild)
//   lib/dist/linux-x64/dawn.node Dawn's Node bindings (the webgpu package), where its bundled loader looks
//   lib/dist/linux-x64/libvulkan.so.1  the Vulkan loader from Debian's libvulkan1, beside dawn.node,
//                                the first place Dawn looks for it
//   lib/ort-wasm-*               onnxruntime-web's wasm and glue for --compare ort (its JSEP and native WebGPU builds)
//   MANIFEST                     where each file came from
// The archive must stay within 64 MiB, what a GPU machine here can be sent.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type Plugin } from 'esbuild';

// Flags, for tests: --out DIR (default dist/), --xz-level N (default 9; lower is faster and larger).
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values: flags } = parseArgs({ options: { out: { type: 'string' }, 'xz-level': { type: 'string', default: '9' } } });
const OUT = resolve(flags.out ?? join(ROOT, 'dist'));
const STAGE = join(OUT, 'gpu-bench');
const ARCHIVE = join(OUT, 'gpu-bench.tar.xz');
const XZ_LEVEL = flags['xz-level'];
const LIMIT = 64 * 2 ** 20;

const say = (line: string) => process.stdout.write(`[bundle] ${line}\n`);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

class BundleError extends Error {
  override name = 'BundleError';
}

/** `./x.wgsl?raw` as the file's text, as Vite does for the page. */
const rawText: Plugin = {
  name: 'raw-text',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (a) => ({ path: resolve(a.resolveDir, a.path.slice(0, -'?raw'.length)), namespace: 'raw' }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, (a) => ({ contents: readFileSync(a.path, 'utf8'), loader: 'text' }));
  },
};

/** `x.wasm?url` as a URL beside the bundle, as Vite does for the page (the bundle ships onnxruntime-web's wasm there). */
const assetUrl: Plugin = {
  name: 'asset-url',
  setup(b) {
    b.onResolve({ filter: /\?url$/ }, (a) => ({ path: a.path.slice(0, -'?url'.length).split('/').pop()!, namespace: 'url' }));
    b.onLoad({ filter: /.*/, namespace: 'url' }, (a) => ({ contents: `export default new URL(${JSON.stringify(a.path)}, import.meta.url).href;`, loader: 'js' }));
  },
};

async function bundleCli(): Promise<void> {
  const result = await build({
    entryPoints: [join(ROOT, 'src/cli/bench-bundle.ts')],
    outfile: join(STAGE, 'lib/gpu-bench.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    plugins: [rawText, assetUrl],
    // CommonJS inside an ES module bundle (protobufjs) needs a require.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    legalComments: 'linked',
    logLevel: 'warning',
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs);
  const leaked = inputs.filter((f) => /puppeteer|@observablehq|node_modules\/vite\//.test(f));
  if (leaked.length) throw new BundleError(`the bundle pulled in browser-host code it cannot run: ${leaked.slice(0, 5).join(', ')}`);
  say(`lib/gpu-bench.mjs: ${inputs.length} modules, ${mib(statSync(join(STAGE, 'lib/gpu-bench.mjs')).size)}`);
}

/** Debian's libvulkan1, downloaded and unpacked; else this machine's loader, said so. */
function vulkanLoader(manifest: string[]): string {
  const given = process.env.LIBVULKAN;
  if (given) {
    if (!existsSync(given)) throw new BundleError(`LIBVULKAN=${given} does not exist`);
    manifest.push(`  from ${given} (LIBVULKAN)`);
    return given;
  }
  const dir = mkdtempSync(join(tmpdir(), 'gpu-bench-libvulkan-'));
  try {
    const got = spawnSync('apt-get', ['download', 'libvulkan1'], { cwd: dir, encoding: 'utf8' });
    const deb = readdirSync(dir).find((f) => f.endsWith('.deb'));
    if (got.status === 0 && deb) {
      execFileSync('dpkg-deb', ['-x', deb, 'x'], { cwd: dir });
      const libDir = join(dir, 'x/usr/lib/x86_64-linux-gnu');
      const lib = readdirSync(libDir).find((f) => /^libvulkan\.so\.1\.\d/.test(f));
      if (!lib) throw new BundleError(`${deb} holds no libvulkan.so.1.*`);
      const kept = join(tmpdir(), `gpu-bench-${lib}`);
      copyFileSync(join(libDir, lib), kept);
      const copyright = join(dir, 'x/usr/share/doc/libvulkan1/copyright');
      if (existsSync(copyright)) copyFileSync(copyright, join(STAGE, 'lib/dist/linux-x64/libvulkan1.copyright'));
      manifest.push(`  from ${lib} in Debian's ${deb} (apt-get download libvulkan1; its copyright file beside it)`);
      return kept;
    }
    const why = (got.stderr || got.error?.message || 'no .deb').trim().split('\n').pop();
    const fallback = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/chromium/libvulkan.so.1'].find((p) => existsSync(p));
    if (!fallback) throw new BundleError(`cannot get the Vulkan loader: apt-get download libvulkan1 failed (${why}) and this machine has none; install libvulkan1 or set LIBVULKAN=/path/to/libvulkan.so.1`);
    say(`apt-get download libvulkan1 failed (${why}); using this machine's ${fallback} instead`);
    manifest.push(`  from this machine's ${fallback} (apt-get download libvulkan1 failed: ${why})`);
    return fallback;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function copyInto(from: string, to: string, manifest: string[], what: string): void {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  manifest.push(`${to.slice(STAGE.length + 1)}: ${what} (${mib(statSync(to).size)})`);
}

const packageDir = (name: string) => join(ROOT, 'node_modules', name);

function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as { version: string }).version;
}

function gitCommit(): string {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() ? ' (with uncommitted changes)' : '';
  return r.status === 0 ? `${r.stdout.trim()}${dirty}` : 'unknown';
}

async function main(): Promise<void> {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new BundleError(`the bundle carries this machine's Node binary, so it must be built on Linux x64 (this is ${process.platform}-${process.arch})`);
  rmSync(STAGE, { recursive: true, force: true });
  mkdirSync(join(STAGE, 'lib/dist/linux-x64'), { recursive: true });
  const manifest = [`gpu-bench from the wgpu-working-set-profiler commit ${gitCommit()}, built ${new Date().toISOString()}`];
  await bundleCli();
  manifest.push(`lib/gpu-bench.mjs: src/cli/bench-bundle.ts bundled with esbuild ${packageVersion('esbuild')}`);
  const webgpu = packageDir('webgpu');
  if (!existsSync(join(webgpu, 'dist/linux-x64/dawn.node'))) throw new BundleError("no dawn.node: the optional package 'webgpu' is not installed (npm install, without --omit=optional)");
  copyInto(join(webgpu, 'dist/linux-x64/dawn.node'), join(STAGE, 'lib/dist/linux-x64/dawn.node'), manifest, `the webgpu package ${packageVersion('webgpu')}`);
  const loaderFrom: string[] = [];
  copyInto(vulkanLoader(loaderFrom), join(STAGE, 'lib/dist/linux-x64/libvulkan.so.1'), manifest, 'the Vulkan loader');
  manifest.push(...loaderFrom);
  const ort = join(packageDir('onnxruntime-web'), 'dist');
  // In Node its builds import their wasm's glue module beside themselves, then the wasm.
  const ortFiles = ['jsep', 'asyncify'].flatMap((build) => [`ort-wasm-simd-threaded.${build}.mjs`, `ort-wasm-simd-threaded.${build}.wasm`]);
  for (const file of ortFiles) copyInto(join(ort, file), join(STAGE, 'lib', file), manifest, `onnxruntime-web ${packageVersion('onnxruntime-web')}`);
  copyInto(process.execPath, join(STAGE, 'bin/node'), manifest, `Node ${process.version}`);
  copyInto(join(ROOT, 'tools/bundle/run.sh'), join(STAGE, 'run'), manifest, 'the launcher');
  chmodSync(join(STAGE, 'run'), 0o755);
  chmodSync(join(STAGE, 'bin/node'), 0o755);
  writeFileSync(join(STAGE, 'MANIFEST'), `${manifest.join('\n')}\n`);
  if (!/^[0-9]$/.test(XZ_LEVEL)) throw new BundleError(`--xz-level: expected 0-9, got '${XZ_LEVEL}'`);
  say(`compressing (xz -${XZ_LEVEL}; -9 takes minutes on a small machine)`);
  rmSync(ARCHIVE, { force: true });
  execFileSync('tar', ['-cf', ARCHIVE, '-I', `xz -${XZ_LEVEL} -T0`, '-C', OUT, 'gpu-bench'], { stdio: 'inherit' });
  const size = statSync(ARCHIVE).size;
  if (size > LIMIT) throw new BundleError(`${ARCHIVE} is ${mib(size)}, over the ${mib(LIMIT)} a GPU machine can be sent`);
  say(`wrote ${ARCHIVE}: ${mib(size)} (${size} bytes; limit ${mib(LIMIT)})`);
  say('on the GPU machine: tar -xJf gpu-bench.tar.xz && ./gpu-bench/run --batch 1,2,4,8 --size 256,512 --out results/');
}

try {
  await main();
} catch (e) {
  process.stderr.write(`bundle: ${(e as Error).name}: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
