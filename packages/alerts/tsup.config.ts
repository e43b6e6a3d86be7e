import { defineConfig } from 'tsup';

const shared = {
  sourcemap: true,
  target: 'node22',
  platform: 'node',
} as const;

export default defineConfig([
  {
    ...shared,
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    // The CLI build below writes into the same folder at the same time: never clean its files.
    clean: ['!cli.js', '!cli.js.map'],
  },
  {
    ...shared,
    entry: ['src/cli.ts'],
    format: ['esm'],
    dts: false,
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
