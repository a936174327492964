// Page side of runInPage: imports a module through Vite and calls one export.
// Errors are returned as data, because a rejection crossing CDP loses its stack.
import { decode, encode } from './wire';

export interface PageCallError {
  name: string;
  message: string;
  stack: string;
}

export type PageCallResult = { ok: true; value: unknown } | { ok: false; error: PageCallError };

function describe(err: unknown): PageCallError {
  if (err instanceof Error) {
    return { name: err.name, message: err.message, stack: err.stack ?? '' };
  }
  return { name: 'Error', message: String(err), stack: '' };
}

export async function callExport(
  modulePath: string,
  exportName: string,
  encodedArgs: unknown[],
): Promise<PageCallResult> {
  try {
    const mod = (await import(/* @vite-ignore */ modulePath)) as Record<string, unknown>;
    const fn = mod[exportName];
    if (typeof fn !== 'function') {
      throw new TypeError(`${modulePath} has no exported function "${exportName}"`);
    }
    const args = encodedArgs.map(decode);
    return { ok: true, value: encode(await fn(...args)) };
  } catch (err) {
    return { ok: false, error: describe(err) };
  }
}
