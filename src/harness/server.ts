// In-process Vite dev server that serves the repo's pages and TS modules to Chromium.
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type LogLevel } from 'vite';
import { within } from './page-guard';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface DevServer {
  /** http://localhost:PORT: a secure context, which navigator.gpu requires. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ServerOptions {
  root?: string;
  /** 0 picks a free port. */
  port?: number;
  logLevel?: LogLevel;
}

const LISTEN_TIMEOUT_MS = 60_000;

/**
 * Vite's dev server ends the whole process on SIGTERM (and when stdin ends), closing itself
 * first; the process that starts it here decides what a signal does (a bench stops its sweep and
 * writes what it has), so the listeners Vite adds while `create` runs are taken off again.
 */
async function withoutExitListeners<T>(create: () => Promise<T>): Promise<T> {
  const stdin = process.env.CI !== 'true';
  const before = { term: new Set(process.listeners('SIGTERM')), end: new Set(stdin ? process.stdin.listeners('end') : []) };
  const made = await create();
  for (const l of process.listeners('SIGTERM')) if (!before.term.has(l)) process.off('SIGTERM', l as NodeJS.SignalsListener);
  if (stdin) for (const l of process.stdin.listeners('end')) if (!before.end.has(l)) process.stdin.off('end', l as () => void);
  return made;
}

export async function startServer(opts: ServerOptions = {}): Promise<DevServer> {
  const root = opts.root ?? REPO_ROOT;
  const server = await withoutExitListeners(() => createServer({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: opts.logLevel ?? 'warn',
    clearScreen: false,
    // hmr off: a file saved during a run would otherwise reload the page under a test.
    server: { hmr: false, host: '127.0.0.1', port: opts.port ?? 0, strictPort: false },
  }));
  try {
    await within('starting the Vite dev server (the bench and test pages)', LISTEN_TIMEOUT_MS, server.listen());
  } catch (err) {
    await server.close().catch(() => undefined);
    throw err;
  }
  const address = server.httpServer?.address() as AddressInfo | null;
  if (!address || typeof address !== 'object') {
    await server.close();
    throw new Error('Vite dev server did not report a listening address');
  }
  const port = address.port;
  // Bound to 127.0.0.1 but addressed as localhost: Chromium treats localhost as a
  // secure context and always resolves it to loopback, whatever /etc/hosts says.
  return { url: `http://localhost:${port}`, port, close: () => server.close() };
}
