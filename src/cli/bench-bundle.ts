// The bench command of the portable bundle (`./gpu-bench/run ...`, built by `npm run bundle`):
// the Node host only, with dawn.node and the Vulkan loader beside this file, writing results.json
// alone; `npm run report -- results.json` renders the rest wherever the project is.
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitWith } from './interrupt.js';
import { benchMain } from './bench-main.js';
import { nodeRunner } from './bench-node.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The user's cache folder: the bundle's own folder may be read-only or thrown away. */
function cacheFile(name: string, env = process.env): string {
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(base, 'gpu-bench', name);
}

// On a GPU machine the driver is the machine's (the launcher names it); SwiftShader only when asked.
process.env.WEBGPU_ADAPTER ??= 'default';

const runner = nodeRunner({
  // Where the webgpu package, bundled into this file, loads dawn.node from.
  dawnDir: join(here, 'dist', `${process.platform}-${process.arch}`),
  ceilingsFile: cacheFile('ceilings.json'),
  tuningFile: cacheFile('tuning.json'),
  reportHint: 'wrote results.json only: `npm run report -- results.json` renders the HTML report, CSV and trace on any machine with the project',
});

exitWith(await benchMain(process.argv.slice(2), { hosts: { node: async () => runner }, defaultHost: 'node', command: './gpu-bench/run' }));
