// The repository's import graph, read with the TypeScript parser (type-only imports, re-exports
// and dynamic imports count like any other import), and the checks run on it: cycles and the
// layer order. Pure functions over a plain graph, so the checks can be tested on fake graphs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** File -> files it imports; paths relative to the repository root, with '/' separators. */
export type ImportGraph = Map<string, string[]>;

function tsFiles(root: string, dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((f) => {
    const p = posix.join(dir, f);
    if (statSync(join(root, p)).isDirectory()) return tsFiles(root, p);
    return f.endsWith('.ts') && !f.endsWith('.d.ts') ? [p] : [];
  });
}

/** Every module specifier of a file: import/export declarations, import() calls and import('x') types. */
export function specifiers(source: string): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) out.push(n.moduleSpecifier.text);
    else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) out.push(n.arguments[0].text);
    else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) out.push(n.argument.literal.text);
    ts.forEachChild(n, visit);
  };
  visit(ts.createSourceFile('x.ts', source, ts.ScriptTarget.ES2022, true));
  return out;
}

/** A relative specifier -> the .ts file it names (extensionless, .js or a folder's index); null for packages and assets. */
function resolve(file: string, spec: string, exists: (p: string) => boolean): string | null {
  if (!spec.startsWith('.')) return null;
  const base = posix.normalize(posix.join(posix.dirname(file), spec.replace(/\?.*$/, '')));
  const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}/index.ts`];
  return candidates.find((c) => c.endsWith('.ts') && exists(c)) ?? null;
}

/** The import graph of every .ts file under the given folders of `root`. */
export function readImportGraph(root: string, folders: string[]): ImportGraph {
  const files = folders.flatMap((d) => tsFiles(root, d));
  const known = new Set(files);
  const exists = (p: string): boolean => known.has(p) || statSafe(join(root, p));
  const targets = (f: string): string[] => {
    const resolved = specifiers(readFileSync(join(root, f), 'utf8')).map((s) => resolve(f, s, exists));
    return [...new Set(resolved.filter((x): x is string => x !== null))];
  };
  return new Map(files.map((f) => [f, targets(f)]));
}

function statSafe(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * The cycles a depth-first walk meets, one per back edge and each once, as the files around it
 * (the first repeated at the end). Empty exactly when the graph has no cycle.
 */
export function findCycles(g: ImportGraph): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const seen = new Set<string>();
  const cycles: string[][] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const t of g.get(f) ?? []) {
      if (state.get(t) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(t)), t];
        const key = [...cycle.slice(0, -1)].sort().join(' ');
        if (!seen.has(key)) cycles.push(cycle);
        seen.add(key);
      } else if (!state.has(t)) visit(t);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of [...g.keys()].sort()) if (!state.has(f)) visit(f);
  return cycles;
}

/** A glob over '/'-separated paths: '**' any folders, '*' any characters within one name. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('/')
    .map((part) => (part === '**' ? '(?:.*)' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')))
    .join('/')
    .replace(/\/\(\?:\.\*\)$/, '(?:/.*)?')
    .replace(/\(\?:\.\*\)\//g, '(?:.*/)?');
  return new RegExp(`^${body}$`);
}

export interface Layer {
  name: string;
  /** Globs relative to the layered folder; a leading '!' takes matching files out of the layer. */
  globs: string[];
}

function inLayer(path: string, layer: Layer): boolean {
  const matches = (g: string) => globToRegExp(g.replace(/^!/, '')).test(path);
  const [out, inc] = [layer.globs.filter((g) => g.startsWith('!')), layer.globs.filter((g) => !g.startsWith('!'))];
  return inc.some(matches) && !out.some(matches);
}

/** The layers a path matches, by index in the (lowest first) table. */
export function layersOf(path: string, layers: readonly Layer[]): number[] {
  return layers.flatMap((l, i) => (inLayer(path, l) ? [i] : []));
}

export interface LayerProblems {
  /** Files that match no layer, or several. */
  unplaced: string[];
  /** Imports from a lower layer to a higher one, or out of the layered folder. */
  upward: string[];
}

/**
 * Checks every file under `folder` (paths relative to it are what the globs match): it sits in
 * exactly one layer and imports only files of its own layer or a lower one.
 */
export function checkLayers(g: ImportGraph, folder: string, layers: readonly Layer[]): LayerProblems {
  const inside = (p: string): string | null => (p.startsWith(`${folder}/`) ? p.slice(folder.length + 1) : null);
  const unplaced: string[] = [];
  const upward: string[] = [];
  const layerOf = (p: string): number | null => {
    const at = layersOf(p, layers);
    return at.length === 1 ? at[0] : null;
  };
  for (const [file, targets] of g) {
    const rel = inside(file);
    if (rel === null) continue;
    const at = layersOf(rel, layers);
    if (at.length !== 1) {
      unplaced.push(`${rel} matches ${at.length ? at.map((i) => layers[i].name).join(' and ') : 'no layer'}`);
      continue;
    }
    for (const t of targets) {
      const trel = inside(t);
      const to = trel === null ? null : layerOf(trel);
      if (trel === null) upward.push(`${rel} imports ${t}, outside ${folder}/`);
      else if (to !== null && to > at[0]) upward.push(`${rel} (${layers[at[0]].name}) imports ${trel} (${layers[to].name})`);
    }
  }
  return { unplaced, upward };
}

/** Imports from files under any of `from` into files under any of `to` (folders relative to the root). */
export function importsBetween(g: ImportGraph, from: string[], to: string[]): string[] {
  const under = (p: string, ds: string[]) => ds.some((d) => p.startsWith(`${d}/`));
  return [...g].flatMap(([f, ts]) => (under(f, from) ? ts.filter((t) => under(t, to)).map((t) => `${f} imports ${t}`) : []));
}

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
