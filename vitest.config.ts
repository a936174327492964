import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Starts the one dev server + Chromium that every GPU test file connects to.
    globalSetup: ['test/setup/gpu-global.ts'],
    // SwiftShader runs WebGPU on the CPU: parallel files would fight over the
    // same cores and turn timings (and timeouts) into noise.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: 'test-results/report.json' }]],
  },
});
