import {defineConfig} from 'tsup'

export default defineConfig([
  {
    // The library: ESM + CJS + declarations for both.
    entry: {index: 'src/index.ts'},
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
  },
  {
    // The CLI and the build worker are ESM only; they import the library bundle at run time.
    entry: {cli: 'src/cli/main.ts', worker: 'src/cli/worker.ts'},
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    banner: {js: '#!/usr/bin/env node'},
  },
])
