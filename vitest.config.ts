import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@agentvitals/core': source('./packages/core/src/index.ts'),
      '@agentvitals/testing': source('./packages/testing/src/index.ts'),
      '@agentvitals/alerts': source('./packages/alerts/src/index.ts'),
      '@agentvitals/node': source('./packages/node/src/index.ts'),
    },
  },
  test: {
    globalSetup: ['./test/global-setup.ts'],
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts', 'examples/*/src/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
