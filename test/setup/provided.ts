// Values the global setup hands to test files through vitest's provide/inject.
declare module 'vitest' {
  export interface ProvidedContext {
    /** http://localhost:PORT of the shared Vite dev server; '' when unavailable. */
    gpuBaseUrl: string;
    /** DevTools endpoint of the shared Chromium; '' when unavailable. */
    browserWSEndpoint: string;
    /** Why the harness could not start; '' when it did. */
    gpuUnavailable: string;
  }
}

export {};
