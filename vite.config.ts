import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  server: {
    // A reload under a running test destroys its execution context.
    hmr: false,
    fs: {
      // Pages fetch fixtures from the shared folder next to the repo via /@fs/.
      allow: [root, resolve(root, '../shared')],
    },
  },
  optimizeDeps: {
    // Discovery of a new dependency mid-run makes Vite re-optimize and may reload the
    // page. Declaring the set up front means pre-bundling happens before the first load.
    noDiscovery: true,
    // CommonJS packages (protobufjs, Plot's helpers) must be pre-bundled for the browser;
    // a page-side import of any other CommonJS package needs an entry here.
    include: ['@observablehq/plot', 'protobufjs'],
    // onnxruntime-web is already an ES module and finds its .wasm files next to itself
    // through import.meta.url, which pre-bundling would move.
    exclude: ['onnxruntime-web'],
  },
  build: {
    rolldownOptions: {
      input: { bench: resolve(root, 'bench/index.html') },
    },
  },
});
