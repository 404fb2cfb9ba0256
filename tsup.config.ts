import {defineConfig} from 'tsup'

/** The package's library entries (see `exports` in package.json). */
const library = {index: 'src/index.ts', node: 'src/node.ts', unified: 'src/unified/index.ts'}

// `npm run build` empties dist first: the configurations below write into it side by side.
export default defineConfig([
  {
    // ESM: the library entries; their dependencies stay imports, for the user's package manager to share.
    entry: library,
    format: ['esm'],
    splitting: true,
    dts: {entry: library},
    // The main entry runs in browsers too: plain ES2022, no Node-specific lowering.
    target: 'es2022',
    platform: 'neutral',
    // Keep `node:fs`: bundlers and runtimes then know it for a Node built-in (only `vkdoc/node` and the CLI use any).
    removeNodeProtocol: false,
    external: [/^node:/],
  },
  {
    // The CLI and the build worker, with their dependencies bundled in: node resolves and loads
    // one file per module, and the unbundled CLI spent 0.7 s loading some 500 of them before it
    // did anything (every worker thread again). The library code is a copy of its own here.
    entry: {cli: 'src/cli/main.ts', worker: 'src/cli/worker.ts'},
    format: ['esm'],
    splitting: true,
    target: 'node20',
    platform: 'node',
    removeNodeProtocol: false,
    // The language server's protocol packages stay imports: `vkdoc lsp` starts once per editor session.
    noExternal: [/^(?!node:|vscode-languageserver)/],
    // Keeps names (stack traces of an internal error stay readable) while dropping what only a reader needs.
    esbuildOptions(options) {
      options.minifyWhitespace = true
      options.minifySyntax = true
    },
    // Bundled CommonJS modules (picomatch) call \`require\` for Node built-ins.
    banner: {js: "import {createRequire as vkdocCreateRequire} from 'node:module'; const require = vkdocCreateRequire(import.meta.url);"},
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
