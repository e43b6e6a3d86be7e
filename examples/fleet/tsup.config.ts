import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/main.ts', 'src/host.ts', 'src/replica.ts'],
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'node22',
  platform: 'node',
});
