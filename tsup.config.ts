import {defineConfig} from 'tsup'

/** The package's library entries (see `exports` in package.json). */
const library = {index: 'src/index.ts', node: 'src/node.ts', unified: 'src/unified/index.ts'}

export default defineConfig([
  {
    // ESM: the library entries, the CLI and the build worker in one build, so the code they
    // share is one set of chunks (the CLI imports the library instead of carrying a copy).
    entry: {...library, cli: 'src/cli/main.ts', worker: 'src/cli/worker.ts'},
    format: ['esm'],
    splitting: true,
    dts: {entry: library},
    clean: true,
    // The main entry runs in browsers too: plain ES2022, no Node-specific lowering.
    target: 'es2022',
    platform: 'neutral',
    // Keep `node:fs`: bundlers and runtimes then know it for a Node built-in (only `vkdoc/node` and the CLI use any).
    removeNodeProtocol: false,
    external: [/^node:/],
  },
  {
    // CJS for `require`: the same entries sharing their chunks, so `vkdoc/node`'s DocsTree is `vkdoc`'s.
    entry: library,
    format: ['cjs'],
    splitting: true,
    dts: {entry: library},
    target: 'es2022',
    platform: 'neutral',
    removeNodeProtocol: false,
    external: [/^node:/],
  },
])
