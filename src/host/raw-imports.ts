// Running from source in Node (tsx): WGSL files are imported as `./kernel.wgsl?raw`, a form the
// bench page's bundler (Vite) and the portable bundle (esbuild) turn into the file's text. This
// module hook does the same for Node, before any module that imports a shader is loaded.
import { register } from 'node:module';

const HOOKS = `
import { readFile } from 'node:fs/promises';
export async function resolve(specifier, context, next) {
  if (specifier.endsWith('?raw') && context.parentURL) return { url: new URL(specifier, context.parentURL).href, shortCircuit: true };
  return next(specifier, context);
}
export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('?raw')) return next(url, context);
  const text = await readFile(new URL(url.slice(0, -'?raw'.length)), 'utf8');
  return { format: 'module', source: 'export default ' + JSON.stringify(text) + ';', shortCircuit: true };
}
`;

let registered = false;

export function registerRawImports(): void {
  if (registered) return;
  register(`data:text/javascript,${encodeURIComponent(HOOKS)}`);
  registered = true;
}
