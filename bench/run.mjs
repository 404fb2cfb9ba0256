#!/usr/bin/env node
/**
 * The vkdoc benchmark: how fast each stage processes the real corpus, next to
 * the bare Markdown pipeline it must stay close to.
 *
 *   npm run bench                        # = node --expose-gc bench/run.mjs (5 passes, median)
 *   npm run bench -- --passes 9          # more passes
 *   npm run bench -- --json              # the same figures as JSON
 *   npm run bench -- --smoke             # 1 pass over ~20 files: for CI, so the bench cannot rot
 *   npm run bench -- --memory            # also peak RSS, one child process per figure
 *   npm run bench -- --only "bare pipeline,vkdoc parse"   # repeatable; ", " inside a name is kept
 *   npm run bench -- --corpus ../shared/corpus/ru
 *   npm run bench -- --lib ../other-checkout/dist/node.js   # measure another build
 *
 * Every file is processed on its own (as the CLI does), the figures are
 * interleaved pass by pass (so drift hits them all alike), an untimed pass
 * over up to 100 files warms the JIT, and the garbage collector runs before
 * every timed pass when `--expose-gc` is on. Figures are declared once, in `figures` below.
 *
 * Exit code: 0 whenever the bench ran, even when a target FAILs (timing on
 * shared CI machines is too noisy to gate on); 1 when a figure threw, since
 * that means the harness or a stage is broken; 2 for bad arguments.
 * Plain ESM JavaScript: no build step.
 */
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, relative, resolve, sep} from 'node:path'
import {performance} from 'node:perf_hooks'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {gfmFromMarkdown} from 'mdast-util-gfm'
import {toHast} from 'mdast-util-to-hast'
import {toHtml} from 'hast-util-to-html'
import {gfm} from 'micromark-extension-gfm'

const benchDir = dirname(fileURLToPath(import.meta.url))
const repoRoot = resolve(benchDir, '..')
const defaultCorpus = resolve(repoRoot, '../shared/corpus/ru')
const defaultLibrary = join(repoRoot, 'dist/node.js')
const smokeFileCount = 20
const warmUpFileCount = 100
/**
 * Timed passes of the whole-tree figures that are judged against each other (the one-target build
 * against the bare pipeline over its expanded texts, lint against that build, the CLI builds with 1
 * and 2 workers): one pass each varied by ±10 % from run to run, as much as the margins judged; the
 * median of three interleaved passes varies less.
 */
const pairedPasses = 3
const MiB = 1024 * 1024

/**
 * @typedef {object} BenchContext
 * @property {Record<string, any>} lib The built package's exports (`{}` when not built).
 * @property {{dir: string, docsRoot: string, lang: string, smoke: boolean, files: {path: string, text: string}[]}} corpus
 *   `dir` is the language folder read (`…/corpus/ru`), `docsRoot` its parent, `files[].path` relative to `docsRoot`
 *   (`ru/start/start.md`); with `smoke`, `files` is the ~20-file sample and whole-tree figures should keep to it.
 */

/**
 * @typedef {object} Target
 * @property {string} label Shown in the table, e.g. `toHtml ≤ 1.0×`.
 * @property {number} [maxRatio] Time at most this multiple of the baseline figure's.
 * @property {number} [maxMs] Time per pass at most this; judged only on the default full corpus (not with `--smoke` or `--corpus`).
 * @property {number} [maxRssRatio] Peak RSS at most this multiple of the baseline's (judged with `--memory`).
 * @property {{figure: string, maxRatio: number}} [relativeTo] Time at most `maxRatio` times another figure's (same run).
 */

/**
 * @typedef {object} Figure
 * @property {string} name Row label; also what `--only` and the JSON use. Keep it stable.
 * @property {string} description One line for `bench/README.md` readers and `--json`.
 * @property {'file' | 'corpus'} unit `file`: `setup` returns `(text, path) => result`, called once per file;
 *   `corpus`: `setup` returns `() => result`, called once per pass (for whole-tree stages).
 * @property {string[]} [needs] Exports of `dist/node.js` (the main entry plus disk access) the figure calls; it is skipped with a note when one is missing.
 * @property {boolean} [baseline] The figure ratios are taken against (exactly one).
 * @property {'reported'} [measure] The pass returns `{wallMs}` itself (a child process's clock or CPU time) instead of being timed here.
 * @property {boolean} [throughput] Whether MiB/s of Markdown makes sense (default: true; false for stages that read no `.md`).
 * @property {number} [maxPasses] At most this many timed passes, whatever `--passes` says (for whole-tree figures that take minutes).
 * @property {Target} [target]
 * @property {() => string | null} [unavailable] Why the figure cannot run on this machine (it is skipped with that note), or null.
 * @property {boolean} [late] Keeps a large state alive (a live docs tree): set up and timed after every other figure.
 * @property {(context: BenchContext) => Function} setup Build the function to time (untimed: load options, extensions, indexes here).
 */

/**
 * THE REGISTRY OF FIGURES. To measure something new, add an entry here (see
 * bench/README.md); nothing else in this file needs to change.
 *
 * @type {Figure[]}
 */
export const figures = [
  {
    name: 'bare pipeline',
    description: 'fromMarkdown + GFM → mdast-util-to-hast → hast-util-to-html: plain Markdown to HTML, the yardstick.',
    unit: 'file',
    baseline: true,
    setup() {
      const options = {extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()]}
      return (text) => toHtml(toHast(fromMarkdown(text, options)))
    },
  },
  {
    name: 'fromMarkdown only (no GFM)',
    description: 'CommonMark parse to mdast alone: the floor of any Markdown pipeline.',
    unit: 'file',
    setup() {
      return (text) => fromMarkdown(text)
    },
  },
  {
    name: 'vkdoc parse',
    description: 'The dialect lexer + parser (source AST with positions and messages), no Markdown parse.',
    unit: 'file',
    needs: ['parse'],
    // A ratio, not milliseconds: this machine kind varies ~3× in speed, the ratio to the bare pipeline of the same run does not.
    target: {label: 'parse ≤ 0.05× bare', maxRatio: 0.05},
    setup({lib}) {
      return (text, path) => lib.parse(text, {file: path})
    },
  },
  {
    name: 'vkdoc toMdast',
    description: 'Dialect text lowered to mdast (directives as our node types), one Markdown parse, no docs tree.',
    unit: 'file',
    needs: ['toMdast'],
    setup({lib}) {
      return (text, path) => lib.toMdast(text, {path})
    },
  },
  {
    name: 'vkdoc toHtml',
    description: 'Dialect text to safe HTML: the whole single-file pipeline (no docs tree), compared with the bare one.',
    unit: 'file',
    needs: ['toHtml'],
    target: {label: 'toHtml ≤ 1.0×, RSS ≤ 2×', maxRatio: 1.0, maxRssRatio: 2},
    setup({lib}) {
      return (text, path) => lib.toHtml(text, {path})
    },
  },
  {
    name: 'vkdoc loadIndex',
    description: 'The docs-tree index of the language (pages, metas, build points, variables) from disk.',
    unit: 'corpus',
    needs: ['loadIndex', 'nodeFileSystem'],
    throughput: false,
    setup({lib, corpus}) {
      return () => lib.loadIndex(lib.nodeFileSystem(corpus.docsRoot), {lang: corpus.lang})
    },
  },
  {
    name: 'vkdoc loadDocs',
    description: 'A docs tree ready to render and lint (`loadDocs(root, {lang})`), from disk.',
    unit: 'corpus',
    needs: ['loadDocs'],
    throughput: false,
    setup({lib, corpus}) {
      return () => lib.loadDocs(corpus.docsRoot, {lang: corpus.lang})
    },
  },
  {
    name: 'vkdoc build (public, no writes)',
    description: 'Every page built for `public` rendered to HTML through a fresh docs tree (includes, variables, links), nothing written.',
    unit: 'corpus',
    maxPasses: pairedPasses,
    target: {label: '≤ 1.2× bare over the same expanded texts', relativeTo: {figure: 'bare pipeline (expanded public pages)', maxRatio: 1.2}},
    needs: ['loadDocs', 'mdastToHast', 'hastToHtml'],
    setup({lib, corpus}) {
      const inCorpus = new Set(corpus.files.map((file) => file.path))
      return () => {
        const tree = lib.loadDocs(corpus.docsRoot, {lang: corpus.lang})
        let bytes = 0
        for (const page of tree.pages()) {
          // In --smoke only the sampled files are pages of the run.
          if (!page.targets.includes('public') || (corpus.smoke && !inCorpus.has(page.file))) continue
          bytes += lib.hastToHtml(lib.mdastToHast(tree.render(page.file, {target: 'public'}).mdast)).length
        }
        return bytes
      }
    },
  },
  {
    name: 'vkdoc lint (tree, all targets)',
    description: 'What `vkdoc lint` does: a fresh docs tree, every page for every build target of its meta, fragments, variables.',
    unit: 'corpus',
    maxPasses: pairedPasses,
    target: {label: '≤ 1.5× the one-target build', relativeTo: {figure: 'vkdoc build (public, no writes)', maxRatio: 1.5}},
    needs: ['loadDocs', 'validate'],
    setup({lib, corpus}) {
      return () => {
        const tree = lib.loadDocs(corpus.docsRoot, {lang: corpus.lang})
        if (!corpus.smoke) return lib.validate(tree)
        // In --smoke, lint only the sampled pages (each for all its targets) so CI stays fast.
        const pages = new Set(tree.pages().map((page) => page.file))
        return corpus.files.filter((file) => pages.has(file.path)).flatMap((file) => lib.validate(file.text, {root: tree, path: file.path}))
      }
    },
  },
  {
    name: 'bare pipeline (expanded public pages)',
    description: 'The bare pipeline over the expanded texts of every page built for `public` (includes spliced, conditions applied): what the one-target build is compared with.',
    unit: 'corpus',
    maxPasses: pairedPasses,
    needs: ['loadDocs'],
    setup({lib, corpus}) {
      const tree = lib.loadDocs(corpus.docsRoot, {lang: corpus.lang})
      const inCorpus = new Set(corpus.files.map((file) => file.path))
      const texts = tree
        .pages()
        .filter((page) => page.targets.includes('public') && (!corpus.smoke || inCorpus.has(page.file)))
        .map((page) => tree.expand(page.file, 'public').text)
      const options = {extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()]}
      return () => texts.reduce((bytes, text) => bytes + toHtml(toHast(fromMarkdown(text, options))).length, 0)
    },
  },
  buildCliFigure(1),
  buildCliFigure(2),
  buildCpuFigure(1),
  buildCpuFigure(2),
  oneCoreCpuFigure(1),
  oneCoreCpuFigure(2),
  ...cachedCliFigures(),
  ...scalingFigures(),
  ...liveUpdateFigures('ru/start/partners/faq/faq.md', 'an answer of the partners FAQ page', (line) => /^[А-ЯA-Z]/.test(line)),
  ...liveUpdateFigures('ru/_includes/_create-network.md', 'a step of the create-network fragment', (line) => line.startsWith('1. ')),
  // A later figure goes here, for example:
  // {
  //   name: 'vkdoc build (all targets, workers)',
  //   description: 'The whole site of every build target, rendered by worker threads.',
  //   unit: 'corpus',
  //   needs: ['buildDocs'],
  //   setup: ({lib, corpus}) => () => lib.buildDocs(corpus.docsRoot, {lang: corpus.lang, write: false}),
  // },
]

// ───────────────────────────── figure helpers ─────────────────────────────

/**
 * Linearity: the same single-file pipeline over 1, 2 and 4 copies of the corpus (no state may
 * grow between calls), over every page grown 8× (the text repeated), and over hostile shapes at
 * n and 2n. Each is judged against its 1× figure of the same run.
 */
function scalingFigures() {
  const copies = (count) => ({
    name: `vkdoc toHtml, corpus ×${count}`,
    description: `\`toHtml\` over ${count} copies of the corpus, each file on its own.`,
    unit: 'corpus',
    maxPasses: 1,
    needs: ['toHtml'],
    target: count === 1 ? undefined : {label: `≤ ${(count * 1.1).toFixed(1)}× the ×1 figure`, relativeTo: {figure: 'vkdoc toHtml, corpus ×1', maxRatio: count * 1.1}},
    setup({lib, corpus}) {
      return () => {
        let bytes = 0
        for (let copy = 0; copy < count; copy++) for (const file of corpus.files) bytes += lib.toHtml(file.text, {path: file.path}).length
        return bytes
      }
    },
  })
  const hostile = (label, make, size) => ({
    name: `vkdoc toHtml, ${label} ×${size === 1 ? 1 : 2}`,
    description: `\`toHtml\` of one hostile page: ${label}${size === 1 ? '' : ', twice as much'}.`,
    unit: 'corpus',
    throughput: false,
    needs: ['toHtml'],
    target: size === 1 ? undefined : {label: '≤ 2.2× the ×1 figure (linear)', relativeTo: {figure: `vkdoc toHtml, ${label} ×1`, maxRatio: 2.2}},
    setup({lib}) {
      const text = make(size)
      return () => lib.toHtml(text).length
    },
  })
  const unclosed = (size) => '{cut(Вопрос)}\nТекст.\n'.repeat(10_000 * size)
  const braces = (size) => '{'.repeat(100_000 * size)
  // List items whose cut closes at column 0: thousands of short lists between HTML blocks in one parse.
  const listCuts = (size) => '- step\n\n  {cut(x)}\n  y\n{/cut}\n'.repeat(2_000 * size)
  return [
    copies(1),
    copies(2),
    copies(4),
    {
      name: 'vkdoc toHtml, every page grown 8×',
      description: '`toHtml` over every file with its text repeated 8 times (one page 8× longer).',
      unit: 'corpus',
      maxPasses: 1,
      needs: ['toHtml'],
      target: {label: '≤ 8.8× the ×1 figure', relativeTo: {figure: 'vkdoc toHtml, corpus ×1', maxRatio: 8.8}},
      setup({lib, corpus}) {
        const grown = corpus.files.map((file) => ({path: file.path, text: Array(8).fill(file.text).join('\n\n')}))
        return () => grown.reduce((bytes, file) => bytes + lib.toHtml(file.text, {path: file.path}).length, 0)
      },
    },
    hostile('10,000 unclosed cuts', unclosed, 1),
    hostile('10,000 unclosed cuts', unclosed, 2),
    hostile('100,000 `{`', braces, 1),
    hostile('100,000 `{`', braces, 2),
    hostile('list items whose cut closes at column 0', listCuts, 1),
    hostile('list items whose cut closes at column 0', listCuts, 2),
  ]
}

/**
 * The built CLI in a child process, as the user runs it. Returns its stderr, wall time and CPU time
 * (user + system of the whole process, worker threads included). 1 means "done, with errors in the
 * input" (the corpus has some); anything else is a failure.
 */
function runCli(args, cwd = repoRoot, {oneCore = false} = {}) {
  const cli = join(repoRoot, 'dist/cli.js')
  if (!existsSync(cli)) throw new Error('dist/cli.js is not built (npm run build)')
  const start = performance.now()
  // A script file, not `-e`: worker threads inherit the process's exec arguments.
  const command = [process.execPath, join(benchDir, 'cli-with-cpu.mjs'), ...args]
  if (oneCore) command.unshift('taskset', '--cpu-list', '0')
  const child = spawnSync(command[0], command.slice(1), {cwd, encoding: 'utf8', maxBuffer: 64 * MiB})
  const wallMs = performance.now() - start
  const said = child.stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('bench-cpu-ms '))
  if (child.status !== 0 && child.status !== 1) throw new Error(`vkdoc ${args[0]} exited ${child.status ?? child.signal}: ${said.at(-1) ?? ''}`)
  const cpu = /bench-cpu-ms ([\d.]+)/.exec(child.stderr)
  return {stderr: child.stderr, wallMs, cpuMs: cpu ? Number(cpu[1]) : null}
}

/** The public pages a CLI figure builds: every one, or in --smoke the sampled files that are public pages. */
function cliPages(lib, corpus) {
  if (!corpus.smoke) return []
  const publicPages = new Set(lib.loadDocs(corpus.docsRoot, {lang: corpus.lang}).pages().filter((page) => page.targets.includes('public')).map((page) => page.file))
  return corpus.files.map((file) => file.path).filter((path) => publicPages.has(path))
}

/** `vkdoc build --target public --workers N` of the corpus (or its sampled `pages`) into a fresh temporary folder, removed after. */
function buildIntoTemp(corpus, pages, workers, options = {}) {
  const out = mkdtempSync(join(tmpdir(), 'vkdoc-bench-build-'))
  try {
    return runCli(['build', '--root', corpus.docsRoot, '--lang', corpus.lang, '--target', 'public', '--out', out, '--workers', String(workers), ...pages], repoRoot, options)
  } finally {
    rmSync(out, {recursive: true, force: true})
  }
}

/** CPU time of the last build CLI pass by worker count, for the CPU figures that follow the wall-clock ones. */
const buildCpuMs = new Map()

/**
 * `vkdoc build` of the tree for `public` (node start-up, index, rendering, writing pages, copying
 * assets) into a fresh temporary folder, timed by the clock; its CPU time is kept for `buildCpuFigure`.
 */
function buildCliFigure(workers) {
  return {
    name: `vkdoc build CLI (public) ${workers} worker${workers === 1 ? '' : 's'}`,
    description: `\`vkdoc build --target public --workers ${workers}\` of the tree in a child process: HTML pages, manifest, FAQ JSON, assets written to a temp folder.`,
    unit: 'corpus',
    maxPasses: pairedPasses,
    needs: ['loadDocs'],
    setup({lib, corpus}) {
      const pages = cliPages(lib, corpus)
      return () => {
        const run = buildIntoTemp(corpus, pages, workers)
        buildCpuMs.set(workers, run.cpuMs)
        return {wallMs: run.wallMs}
      }
    },
    measure: 'reported',
  }
}

/** The CPU time of the build figure above with `workers` threads (the measure for workers: no CPU wasted). */
function buildCpuFigure(workers) {
  return {
    name: `vkdoc build CLI (public) ${workers} worker${workers === 1 ? '' : 's'}, CPU time`,
    description: `User + system CPU time of the \`--workers ${workers}\` build above, all threads.`,
    unit: 'corpus',
    maxPasses: pairedPasses,
    throughput: false,
    ...(workers === 1 ? {} : {target: {label: '≤ 1.1× the CPU time of 1 worker', relativeTo: {figure: 'vkdoc build CLI (public) 1 worker, CPU time', maxRatio: 1.1}}}),
    setup: () => () => {
      const cpuMs = buildCpuMs.get(workers)
      if (cpuMs === undefined || cpuMs === null) throw new Error(`no CPU time from the ${workers}-worker build`)
      return {wallMs: cpuMs}
    },
    measure: 'reported',
  }
}

/** Whether `taskset` can pin a process to one core here: probed once for both one-core figures. */
let canPinToOneCore

/** Why the one-core figures cannot run here (no `taskset`, or it cannot pin), or null. */
function oneCoreUnavailable() {
  canPinToOneCore ??= spawnSync('taskset', ['--cpu-list', '0', process.execPath, '-e', ''], {encoding: 'utf8'}).status === 0
  return canPinToOneCore ? null : '`taskset` cannot pin a process to one core on this machine'
}

/**
 * The CPU time of the same build with every thread pinned to one core, so that no two threads ever run
 * at the same moment: what the build's threads compute, without what two cores running at once cost
 * each other (shared caches and memory). A diagnostic beside the judged two-core figures above.
 */
function oneCoreCpuFigure(workers) {
  return {
    name: `vkdoc build CLI (public) ${workers} worker${workers === 1 ? '' : 's'} on one core, CPU time`,
    description: `User + system CPU time of \`taskset --cpu-list 0 vkdoc build --workers ${workers}\`, all threads on one core.`,
    unit: 'corpus',
    maxPasses: pairedPasses,
    throughput: false,
    needs: ['loadDocs'],
    unavailable: oneCoreUnavailable,
    ...(workers === 1 ? {} : {target: {label: '≤ 1.1× the one-core CPU time of 1 worker', relativeTo: {figure: 'vkdoc build CLI (public) 1 worker on one core, CPU time', maxRatio: 1.1}}}),
    setup({lib, corpus}) {
      const pages = cliPages(lib, corpus)
      return () => {
        const run = buildIntoTemp(corpus, pages, workers, {oneCore: true})
        if (run.cpuMs === null) throw new Error(`no CPU time from the ${workers}-worker build on one core`)
        return {wallMs: run.cpuMs}
      }
    },
    measure: 'reported',
  }
}

/**
 * \`--cache\` runs of \`vkdoc build\` and \`vkdoc lint\` on a copy of the tree (so a page can be edited), the
 * cache filled by one untimed run in setup: unchanged, and (build) after editing one page each pass.
 */
function cachedCliFigures() {
  /** A copy of the corpus' docs root (its language folder and config), made once for these figures. */
  let copy = null
  const copyOf = (corpus) => {
    if (copy) return copy
    const root = mkdtempSync(join(tmpdir(), 'vkdoc-bench-copy-'))
    for (const folder of ['config', corpus.lang]) if (existsSync(join(corpus.docsRoot, folder))) cpSync(join(corpus.docsRoot, folder), join(root, folder), {recursive: true})
    process.once('exit', () => rmSync(root, {recursive: true, force: true}))
    return (copy = root)
  }
  const build = (root, lang, cache, pages) => {
    const out = mkdtempSync(join(tmpdir(), 'vkdoc-bench-build-'))
    try {
      return runCli(['build', '--root', root, '--lang', lang, '--target', 'public', '--out', out, '--workers', '1', '--cache', '--cache-location', cache, ...pages])
    } finally {
      rmSync(out, {recursive: true, force: true})
    }
  }
  const cachedBuild = (edit) => ({
    name: edit ? 'vkdoc build CLI (public) cached, one page edited' : 'vkdoc build CLI (public) cached, unchanged',
    description: edit
      ? '`vkdoc build --cache` after a paragraph was added to one page (the partners FAQ) since the last run.'
      : '`vkdoc build --cache` of a tree nothing in changed since the last run.',
    unit: 'corpus',
    maxPasses: 1,
    needs: ['loadDocs'],
    target: {label: edit ? '≤ 0.15× the cold 1-worker build' : '≤ 0.1× the cold 1-worker build', relativeTo: {figure: 'vkdoc build CLI (public) 1 worker', maxRatio: edit ? 0.15 : 0.1}},
    setup({lib, corpus}) {
      const root = copyOf(corpus)
      const cache = mkdtempSync(join(tmpdir(), 'vkdoc-bench-cache-'))
      process.once('exit', () => rmSync(cache, {recursive: true, force: true}))
      const pages = cliPages(lib, corpus)
      const page = join(root, pages[0] ?? `${corpus.lang}/start/partners/faq/faq.md`)
      build(root, corpus.lang, cache, pages)
      let edits = 0
      return () => {
        if (edit) writeFileSync(page, `${readFileSync(page, 'utf8')}\nАбзац ${++edits}, добавленный для замера.\n`)
        const run = build(root, corpus.lang, cache, pages)
        if (!/\(\d+ rendered, \d+ from the cache\)/.test(run.stderr)) throw new Error('the build did not report its cache')
        return {wallMs: run.wallMs}
      }
    },
    measure: 'reported',
  })
  const lintFigure = (cached) => ({
    name: cached ? 'vkdoc lint CLI cached, unchanged' : 'vkdoc lint CLI',
    description: cached ? '`vkdoc lint --cache` of a tree nothing in changed since the last run.' : '`vkdoc lint` of the tree (every page for every build target) in a child process.',
    unit: 'corpus',
    maxPasses: 1,
    needs: ['loadDocs'],
    ...(cached ? {target: {label: '≤ 0.1× the cold lint', relativeTo: {figure: 'vkdoc lint CLI', maxRatio: 0.1}}} : {}),
    setup({lib, corpus}) {
      const root = copyOf(corpus)
      const pages = corpus.smoke ? cliPages(lib, corpus).map((file) => join(root, file)) : []
      const cache = mkdtempSync(join(tmpdir(), 'vkdoc-bench-cache-'))
      process.once('exit', () => rmSync(cache, {recursive: true, force: true}))
      const args = ['lint', '--root', root, '--format', 'json', ...(cached ? ['--cache', '--cache-location', cache] : []), ...pages]
      if (cached) runCli(args)
      return () => ({wallMs: runCli(args).wallMs})
    },
    measure: 'reported',
  })
  return [cachedBuild(false), cachedBuild(true), lintFigure(false), lintFigure(true)]
}

/** One live tree per docs root, shared by the update figures: loaded and rendered once, untimed. */
const liveTrees = new Map()

/**
 * A docs tree as an editor or `build --watch` holds it: every page built for `public` rendered once
 * (which records who includes and who links to what). In --smoke only the sampled pages and the
 * pages the update figures edit are rendered.
 */
function liveTree(lib, corpus, edited) {
  let tree = liveTrees.get(corpus.docsRoot)
  if (!tree) {
    tree = lib.loadDocs(corpus.docsRoot, {lang: corpus.lang})
    const sample = new Set(corpus.files.map((file) => file.path))
    for (const page of tree.pages()) {
      if (!page.targets.includes('public') || (corpus.smoke && !sample.has(page.file) && page.file !== edited)) continue
      tree.render(page.file, {target: 'public'})
    }
    liveTrees.set(corpus.docsRoot, tree)
  }
  return tree
}

/**
 * Two figures for an edit of `file` (each pass changes the first line `pick` accepts after the first
 * `{cut(` line, or in the file, to a new text): `tree.update` alone (what the live tree does at once:
 * invalidate and answer which files are affected), and the update plus re-rendering every affected
 * page for `public` (what an editor or `build --watch` waits for).
 */
function liveUpdateFigures(file, what, pick) {
  const short = file.split('/').pop()
  const prepare = ({lib, corpus}) => {
    const tree = liveTree(lib, corpus, file)
    const original = tree.read(file)
    if (original === undefined) throw new Error(`${file} is not in the corpus`)
    const lines = original.split('\n')
    const firstCut = lines.findIndex((line) => line.startsWith('{cut('))
    const at = lines.findIndex((line, index) => index > firstCut && pick(line))
    if (at === -1) throw new Error(`no line to edit in ${file}`)
    let edit = 0
    const nextText = () => {
      const changed = [...lines]
      changed[at] = `${lines[at]} Правка ${++edit}.`
      return changed.join('\n')
    }
    return {tree, nextText}
  }
  return [
    {
      name: `tree.update ${short} (update only)`,
      late: true,
      description: `\`tree.update()\` of ${what} (${file}) in a live tree of ru: invalidation and the list of affected files, no rendering.`,
      unit: 'corpus',
      throughput: false,
      needs: ['loadDocs'],
      target: {label: 'update < 20 ms', maxMs: 20},
      setup(context) {
        const {tree, nextText} = prepare(context)
        return () => tree.update(file, nextText())
      },
    },
    {
      name: `tree.update ${short} + re-render`,
      late: true,
      description: `The same edit, then every affected page re-rendered to HTML for \`public\`: what an editor or \`build --watch\` waits for.`,
      unit: 'corpus',
      throughput: false,
      needs: ['loadDocs', 'mdastToHast', 'hastToHtml'],
      setup(context) {
        const {lib} = context
        const {tree, nextText} = prepare(context)
        return () => {
          let bytes = 0
          for (const affected of tree.update(file, nextText())) {
            const page = tree.page(affected)
            if (!page || page.file !== affected || !page.targets.includes('public')) continue
            bytes += lib.hastToHtml(lib.mdastToHast(tree.render(page.file, {target: 'public'}).mdast)).length
          }
          return bytes
        }
      },
    },
  ]
}

// ───────────────────────────── arguments ─────────────────────────────

/** Parse argv; returns `{error}` for bad input. */
function parseArguments(argv) {
  const options = {
    passes: 5,
    json: false,
    smoke: false,
    memory: false,
    only: null,
    corpus: defaultCorpus,
    lib: defaultLibrary,
    child: null,
  }
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]
    const value = () => argv[++index]
    if (argument === '--json') options.json = true
    else if (argument === '--smoke') options.smoke = true
    else if (argument === '--memory') options.memory = true
    else if (argument === '--passes') options.passes = Number(value())
    // Names are separated by a comma with no space after it: figure names themselves hold ", " (`public, no writes`).
    else if (argument === '--only') options.only = [...(options.only ?? []), ...String(value() ?? '').split(/,(?!\s)/).map((name) => name.trim()).filter(Boolean)]
    else if (argument === '--corpus') options.corpus = resolve(String(value() ?? ''))
    else if (argument === '--lib') options.lib = resolve(String(value() ?? ''))
    else if (argument === '--child') options.child = String(value() ?? '')
    else if (argument === '--help' || argument === '-h') return {help: true}
    else return {error: `unknown argument ${argument}`}
  }
  if (!Number.isInteger(options.passes) || options.passes < 1) return {error: '--passes takes a whole number ≥ 1'}
  if (options.smoke) options.passes = 1
  return {options}
}

// ───────────────────────────── corpus ─────────────────────────────

/** Every `.md` under `dir`, sorted, as paths relative to `root` with `/`. */
function listMarkdown(dir, root) {
  const found = []
  const walk = (current) => {
    for (const entry of readdirSync(current, {withFileTypes: true})) {
      const path = join(current, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile() && entry.name.endsWith('.md')) found.push(relative(root, path).split(sep).join('/'))
    }
  }
  walk(dir)
  return found.sort()
}

/** At most `count` items spread evenly over `items` (all of them when there are fewer). */
function spread(items, count) {
  if (items.length <= count) return items
  const step = items.length / count
  return Array.from({length: count}, (_, index) => items[Math.floor(index * step)])
}

/** Read the corpus once into memory; in smoke mode, ~20 files spread evenly over the sorted list. */
function loadCorpus(dir, smoke) {
  const docsRoot = dirname(dir)
  let paths = listMarkdown(dir, docsRoot)
  if (smoke) paths = spread(paths, smokeFileCount)
  const files = paths.map((path) => ({path, text: readFileSync(join(docsRoot, path), 'utf8')}))
  const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0)
  return {dir, docsRoot, lang: relative(docsRoot, dir), smoke, files, bytes}
}

/** The built package's exports, or a note saying why there are none. */
async function loadLibrary(entry) {
  const shown = relative(repoRoot, entry)
  if (!existsSync(entry)) return {lib: {}, note: `${shown} not built (npm run build)`}
  try {
    return {lib: await import(pathToFileURL(entry).href), note: null}
  } catch (error) {
    return {lib: {}, note: `${shown} failed to load: ${errorText(error)}`}
  }
}

// ───────────────────────────── measuring ─────────────────────────────

/** Keeps results alive so no engine can skip the work. */
let sink = 0

function consume(result) {
  sink = (sink + (typeof result === 'string' ? result.length : result == null ? 0 : 1)) | 0
}

/** One pass of a prepared figure over `files` (all of the corpus unless given); returns milliseconds. */
function runPass(prepared, corpus, files = corpus.files) {
  globalThis.gc?.()
  const start = performance.now()
  // A figure that times itself (a child process, its CPU time) reports its milliseconds.
  if (prepared.figure.measure === 'reported') return prepared.run().wallMs
  if (prepared.figure.unit === 'corpus') consume(prepared.run())
  else for (const file of files) consume(prepared.run(file.text, file.path))
  return performance.now() - start
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

function errorText(error) {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}

/** Select the figures to run (baseline always, for ratios) and prepare or skip each. */
function prepareFigures(options, context, libraryNote, late = false) {
  const selected = figures.filter(
    (figure) => (!options.only || (figure.baseline && !late) || options.only.includes(figure.name)) && Boolean(figure.late) === late,
  )
  return selected.map((figure) => {
    const missing = (figure.needs ?? []).filter((name) => typeof context.lib[name] !== 'function')
    if (missing.length > 0) {
      const why = libraryNote ?? `${relative(repoRoot, options.lib)} has no ${missing.map((name) => `\`${name}\``).join(', ')}`
      return {figure, status: 'skipped', note: why, samples: []}
    }
    const unavailable = figure.unavailable?.() ?? null
    if (unavailable !== null) return {figure, status: 'skipped', note: unavailable, samples: []}
    try {
      return {figure, status: 'ok', note: null, samples: [], run: figure.setup(context)}
    } catch (error) {
      return {figure, status: 'error', note: `setup threw ${errorText(error)}`, samples: []}
    }
  })
}

/** Warm up, then `passes` interleaved timed passes; a figure that throws stops being timed. */
function measure(prepared, corpus, passes) {
  const warmUpFiles = spread(corpus.files, warmUpFileCount)
  // No warm-up in --smoke: its timings are not meant to be read, only to prove the harness runs.
  for (let pass = corpus.smoke ? 0 : -1; pass < passes; pass++) {
    for (const entry of prepared) {
      if (entry.status !== 'ok' || pass >= (entry.figure.maxPasses ?? Infinity)) continue
      // A whole-tree pass is long enough to warm itself up.
      if (pass < 0 && entry.figure.unit === 'corpus' && entry.figure.maxPasses !== undefined) continue
      try {
        const ms = runPass(entry, corpus, pass < 0 ? warmUpFiles : corpus.files)
        if (pass >= 0) entry.samples.push(ms)
      } catch (error) {
        entry.status = 'error'
        entry.note = `threw ${errorText(error)}`
      }
    }
  }
}

/** Peak RSS of one figure, measured in a fresh child process (one pass, after loading the corpus). */
function measureMemoryInChild(figureName, options) {
  const args = ['--expose-gc', fileURLToPath(import.meta.url), '--child', figureName, '--corpus', options.corpus, '--lib', options.lib]
  if (options.smoke) args.push('--smoke')
  const child = spawnSync(process.execPath, args, {encoding: 'utf8', maxBuffer: 16 * MiB})
  try {
    const report = JSON.parse(child.stdout)
    if (report.error) return {error: report.error}
    return {peakRssMiB: report.maxRssKiB / 1024, floorRssMiB: report.floorRssKiB / 1024}
  } catch {
    return {error: `child exited ${child.status}: ${child.stderr.trim().split('\n').at(-1) ?? ''}`}
  }
}

/** `--child NAME`: run one pass of one figure and print `{maxRssKiB, floorRssKiB}` as JSON. */
async function runChild(options) {
  const corpus = loadCorpus(options.corpus, options.smoke)
  const {lib, note} = await loadLibrary(options.lib)
  globalThis.gc?.()
  // RSS with the corpus loaded and nothing run: the floor every figure shares.
  const floorRssKiB = process.resourceUsage().maxRSS
  const isLate = Boolean(figures.find((figure) => figure.name === options.child)?.late)
  const [entry] = prepareFigures({...options, only: [options.child]}, {lib, corpus}, note, isLate).filter(
    (candidate) => candidate.figure.name === options.child,
  )
  if (!entry || entry.status !== 'ok') {
    console.log(JSON.stringify({error: entry ? entry.note : `no figure named ${options.child}`}))
    return
  }
  try {
    runPass(entry, corpus)
  } catch (error) {
    console.log(JSON.stringify({error: `threw ${errorText(error)}`}))
    return
  }
  console.log(JSON.stringify({maxRssKiB: process.resourceUsage().maxRSS, floorRssKiB, sink}))
}

// ───────────────────────────── results ─────────────────────────────

/** Turn samples into the reported figures and judge targets. */
function summarise(prepared, corpus, options, memory) {
  const fullCorpus = !options.smoke && options.corpus === defaultCorpus
  const baseline = prepared.find((entry) => entry.figure.baseline)
  const baselineMs = baseline && baseline.samples.length > 0 ? median(baseline.samples) : null
  // Memory is compared above the floor (node + modules + corpus text), which every figure shares.
  const ownRss = (rss) => (rss?.peakRssMiB === undefined ? null : Math.max(rss.peakRssMiB - rss.floorRssMiB, 0))
  const baselineRss = baseline ? ownRss(memory.get(baseline.figure.name)) : null
  return prepared.map(({figure, status, note, samples}) => {
    const ms = samples.length > 0 ? median(samples) : null
    const ratio = ms !== null && baselineMs ? ms / baselineMs : null
    const rss = memory.get(figure.name) ?? null
    const rssRatio = ownRss(rss) !== null && baselineRss ? ownRss(rss) / baselineRss : null
    const target = figure.target ?? null
    const verdicts = []
    if (target && status === 'ok') {
      if (target.maxRatio !== undefined && ratio !== null) verdicts.push(ratio <= target.maxRatio)
      if (target.maxMs !== undefined && ms !== null && fullCorpus) verdicts.push(ms <= target.maxMs)
      if (target.maxRssRatio !== undefined && rssRatio !== null) verdicts.push(rssRatio <= target.maxRssRatio)
      if (target.relativeTo && ms !== null) {
        const other = prepared.find((entry) => entry.figure.name === target.relativeTo.figure)
        if (other && other.samples.length > 0) verdicts.push(ms / median(other.samples) <= target.relativeTo.maxRatio)
      }
    }
    return {
      name: figure.name,
      description: figure.description,
      status,
      note,
      msPerPass: ms,
      samples,
      mibPerSecond: ms !== null && figure.throughput !== false ? corpus.bytes / MiB / (ms / 1000) : null,
      ratio,
      peakRssMiB: rss?.peakRssMiB ?? null,
      floorRssMiB: rss?.floorRssMiB ?? null,
      rssRatio,
      memoryNote: rss?.error ?? null,
      target,
      pass: verdicts.length > 0 ? verdicts.every(Boolean) : null,
    }
  })
}

function fixed(value, digits) {
  return value === null ? '—' : value.toFixed(digits)
}

/** The human table. */
function renderTable(rows, header, options) {
  const columns = [
    ['figure', (row) => row.name, 'left'],
    ['ms/pass', (row) => fixed(row.msPerPass, 1), 'right'],
    ['MiB/s', (row) => fixed(row.mibPerSecond, 1), 'right'],
    ['× bare', (row) => (row.ratio === null ? '—' : `${row.ratio.toFixed(2)}×`), 'right'],
    ...(options.memory
      ? [
          ['peak RSS MiB', (row) => fixed(row.peakRssMiB, 0), 'right'],
          ['× RSS', (row) => (row.rssRatio === null ? '—' : `${row.rssRatio.toFixed(2)}×`), 'right'],
        ]
      : []),
    ['target', (row) => row.target?.label ?? '', 'left'],
    ['result', (row) => (row.status !== 'ok' ? row.status.toUpperCase() : row.pass === null ? '' : row.pass ? 'PASS' : 'FAIL'), 'left'],
  ]
  const cells = rows.map((row) => columns.map(([, cell]) => cell(row)))
  const widths = columns.map(([title], index) => Math.max(title.length, ...cells.map((line) => line[index].length)))
  const line = (values) =>
    values
      .map((value, index) => (columns[index][2] === 'right' ? value.padStart(widths[index]) : value.padEnd(widths[index])))
      .join('  ')
      .trimEnd()
  const notes = rows
    .filter((row) => row.note || row.memoryNote)
    .map((row) => `  ${row.name}: ${[row.note, row.memoryNote && `memory: ${row.memoryNote}`].filter(Boolean).join('; ')}`)
  return [header, '', line(columns.map(([title]) => title)), ...cells.map(line), ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n')
}

// ───────────────────────────── main ─────────────────────────────

async function main(argv) {
  const parsed = parseArguments(argv)
  if (parsed.help) {
    console.log(
      'usage: node --expose-gc bench/run.mjs [--passes N] [--json] [--smoke] [--memory] [--only a,b] [--corpus DIR] [--lib FILE]',
    )
    return 0
  }
  if (parsed.error) {
    console.error(`bench: ${parsed.error}`)
    return 2
  }
  const {options} = parsed
  if (!existsSync(options.corpus)) {
    console.log(`corpus not found, skipped (${relative(process.cwd(), options.corpus) || options.corpus})`)
    return 0
  }
  if (options.child) {
    await runChild(options)
    return 0
  }

  const corpus = loadCorpus(options.corpus, options.smoke)
  const {lib, note} = await loadLibrary(options.lib)
  // Figures that keep a large live state (a rendered docs tree) are set up and timed after the others,
  // so that state does not make the garbage collector slower for every other figure.
  const early = prepareFigures(options, {lib, corpus}, note)
  measure(early, corpus, options.passes)
  const late = prepareFigures(options, {lib, corpus}, note, true)
  measure(late, corpus, options.passes)
  const prepared = [...early, ...late].sort((a, b) => figures.indexOf(a.figure) - figures.indexOf(b.figure))

  const memory = new Map()
  if (options.memory) {
    for (const entry of prepared) {
      // A figure that reports its own times runs the CLI in a process of its own, whose memory a child's RSS does not show.
      if (entry.status === 'ok' && entry.figure.measure !== 'reported') memory.set(entry.figure.name, measureMemoryInChild(entry.figure.name, options))
    }
  }
  const rows = summarise(prepared, corpus, options, memory)
  const run = {
    corpus: {dir: relative(repoRoot, corpus.dir), files: corpus.files.length, bytes: corpus.bytes},
    passes: options.passes,
    statistic: 'median',
    smoke: options.smoke,
    node: process.version,
    gcExposed: typeof globalThis.gc === 'function',
    figures: rows,
  }
  if (options.json) {
    console.log(JSON.stringify(run, null, 2))
  } else {
    const header =
      `vkdoc bench: ${corpus.files.length} files, ${(corpus.bytes / MiB).toFixed(1)} MiB, ` +
      `${options.passes} pass${options.passes === 1 ? '' : 'es'} (median)${options.smoke ? ', smoke' : ''}, ` +
      `node ${process.version}${run.gcExposed ? '' : ', no --expose-gc (GC not forced between passes)'}`
    console.log(renderTable(rows, header, options))
  }
  return rows.some((row) => row.status === 'error') ? 1 : 0
}

// Run only when executed, so the registry can be imported (for example by a test).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2))
}
