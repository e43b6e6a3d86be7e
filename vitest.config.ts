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
      '@agentvitals/ai-sdk': source('./packages/ai-sdk/src/index.ts'),
      '@agentvitals/mastra': source('./packages/mastra/src/index.ts'),
      '@agentvitals/openai-agents': source('./packages/openai-agents/src/index.ts'),
      '@agentvitals/langchain': source('./packages/langchain/src/index.ts'),
      '@agentvitals/openclaw': source('./packages/openclaw/src/index.ts'),
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
