/**
 * `vkdoc build`: the whole tree for one target to HTML pages, a JSON
 * manifest and FAQ JSON, on worker threads (default: every core), with a
 * progress bar on a terminal, a summary, and `--watch`. The images, videos,
 * swagger specs and downloads the pages reference are copied to OUT at their
 * site path (`OUT/ru/x/assets/a.png` for `/ru/x/assets/a.png`).
 */
import {copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, statSync, watch} from 'node:fs'
import {availableParallelism} from 'node:os'
import {dirname, join, relative, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {Worker} from 'node:worker_threads'
import type {DocsTree} from '../tree/docs-tree.js'
import {pagesForTarget} from '../tree/index.js'
import {portableIndex} from '../tree/load.js'
import type {AssetReference} from '../tree/links.js'
import {flag, parseFor, stringValue} from './args.js'
import {findCommand} from './commands.js'
import {checkTarget, displayOf, RunContext} from './context.js'
import {UsageError, type Io} from './io.js'
import {buildTree, outputPath, renderedFiles, renderPages, resultOf, writeInside, writePageOutput, type BuildJob, type BuildResult, type PageOutput, type PlainMessage} from './build-pages.js'
import {cacheFile, cacheKey, defaultCacheFolder, dependencyHashes, treeHasher} from './cache.js'
import {ResultCache} from '../cache/results.js'
import {saveCache} from './lint.js'
import type {Settings} from '../config/settings.js'
import {compareCodePoints} from '../diagnostics/report.js'
import {isInside} from '../tree/node-fs.js'
import {createProgress} from './progress.js'
import {assetPath} from './package-files.js'
import {startServer} from './serve.js'

/**
 * `vkdoc build --root DIR --out OUT [--target T] [--lang L] [--base PATH] [--workers N] [--watch [--serve]] [PAGE...]`:
 * every page of the target (or only the PAGEs given, as tree paths `ru/x/x.md` or folders `ru/x`).
 * Every mistake in the call is a usage error before OUT is touched. Resolves to the exit code:
 * 1 when a page has an error diagnostic.
 */
export async function buildSite(args: readonly string[], io: Io): Promise<number> {
  const {values, positionals} = parseFor(findCommand('build')!, args)
  const ctx = new RunContext(io, {command: 'build', flags: {root: stringValue(values, 'root'), lang: stringValue(values, 'lang'), target: stringValue(values, 'target')}})
  const settings = await ctx.cwdSettings()
  const outOption = stringValue(values, 'out')
  if (!settings.root || outOption === undefined) throw new UsageError('`vkdoc build` needs --root DIR (or `root` in a configuration) and --out OUT', 'build')
  if (flag(values, 'serve') && !flag(values, 'watch')) throw new UsageError('`--serve` goes with `--watch` (or use `vkdoc serve`)', 'build')
  const root = settings.root
  const out = resolve(io.cwd, outOption)
  const target = settings.targets?.[0] ?? 'public'
  const workers = stringValue(values, 'workers') === undefined ? availableParallelism() : Number(stringValue(values, 'workers'))
  const started = performance.now()
  const tree = ctx.tree(settings)!
  checkTarget(tree, target, 'build')
  const built = pagesForTarget(tree.index, target).map((page) => page.file)
  let pages = built
  if (positionals.length > 0) {
    const wanted = new Set<string>()
    for (const name of positionals) {
      const page = tree.page(name.replace(/\/+$/, ''))
      if (!page) throw new UsageError(`\`${name}\` is not a page of the tree (give \`ru/x/x.md\` or \`ru/x\`)`, 'build')
      if (!built.includes(page.file)) io.stderr.write(`skipped ${page.file}: not built for ${target}\n`)
      wanted.add(page.file)
    }
    pages = built.filter((file) => wanted.has(file))
  }
  pages.sort()
  const job: Omit<BuildJob, 'files'> = {root, lang: settings.lang ?? undefined, target, out, base: stringValue(values, 'base'), faqPages: settings.faqPages}
  // The last check before anything is written: the mistakes above are named first.
  checkRootAndOut(root, out, flag(values, 'out-inside-root'))
  mkdirSync(out, {recursive: true})
  const progress = createProgress({total: pages.length, label: `build ${target}`, stream: io.stderr})
  const tick = (): void => progress.tick()
  // The tree loaded for the checks renders too, unless links need the base path (a tree of its own, as each worker
  // makes, on the index already loaded).
  const renderTree = job.base === undefined ? tree : buildTree({...job, index: portableIndex(tree.index)})
  const cache = flag(values, 'cache') || settings.cache ? openBuildCache(ctx, settings, values, tree, job) : undefined
  // Pages nothing changed for come from the cache; the others are rendered.
  const fromCache: PageOutput[] = []
  const toRender: string[] = []
  for (const file of pages) {
    const hit = cache?.results.get(file, cache.hashOf)
    if (hit && isPageOutput(hit, file)) {
      writePageOutput(out, hit)
      fromCache.push(hit)
      tick()
    } else toRender.push(file)
  }
  const renderJob: BuildJob = {...job, files: toRender, ...(cache ? {forCache: true} : {})}
  const renderHashes = cache ? (renderTree === tree ? cache.hashOf : treeHasher(renderTree)) : undefined
  const results =
    workers === 1 || toRender.length < 2
      ? [renderPages(renderJob, renderTree, {onPage: tick, ...(renderHashes ? {forCache: (file: string) => dependencyHashes(renderTree, file, renderHashes)} : {})})]
      : await runWorkers(renderJob, workers, tick, (local) => renderPages(local, renderTree, {onPage: tick, ...(renderHashes ? {forCache: (file: string) => dependencyHashes(renderTree, file, renderHashes)} : {})}), renderTree)
  progress.done()
  if (cache) {
    for (const result of results) for (const page of result.cachable) cache.results.set(page.output.file, page.deps, page.output)
    saveCache(ctx, cache.results, 'build')
  }
  const cached = resultOf(fromCache)
  const merged: BuildResult = {
    pages: [...cached.pages, ...results.flatMap((result) => result.pages)],
    messages: [...cached.messages, ...results.flatMap((result) => result.messages)],
    assets: uniqueAssets([...cached.assets, ...results.flatMap((result) => result.assets)]),
    failures: results.flatMap((result) => result.failures),
  }
  for (const failure of merged.failures) io.stderr.write(`vkdoc: internal error on ${failure.file}: ${failure.error}\n`)
  merged.messages.unshift(...treeMessages(tree))
  merged.pages.sort((a, b) => compareCodePoints(a.file, b.file))
  const rendered = renderedFiles(pages, job.faqPages)
  const copied = copyTreeAssets(root, out, merged.assets, io, rendered)
  const missing = merged.assets.filter((asset) => !asset.exists).length
  writeInside(out, 'manifest.json', JSON.stringify({target, pages: merged.pages, assets: copied}, null, 2))
  copyAssets(out)
  const byCode = new Map<string, number>()
  for (const message of merged.messages) byCode.set(message.code, (byCode.get(message.code) ?? 0) + 1)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  io.stderr.write(
    `built ${merged.pages.length} pages for ${target} in ${seconds} s with ${workers} worker(s) → ${displayOf(out, io.cwd)}` +
      (cache ? ` (${toRender.length} rendered, ${fromCache.length} from the cache)` : '') +
      '; ' +
      `${copied.length} assets copied${missing > 0 ? `, ${missing} referenced but not in the tree` : ''}\n`,
  )
  // Equal counts in code order: the same summary for any number of workers.
  for (const [code, count] of [...byCode].sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]))) io.stderr.write(`  ${String(count).padStart(6)}  ${code}\n`)
  if (flag(values, 'watch')) {
    if (flag(values, 'serve')) {
      const server = await startServer({root: out, port: Number(stringValue(values, 'port') ?? 4000)})
      io.stderr.write(`serving ${displayOf(out, io.cwd)} at ${server.url}\n`)
    }
    return watchTree(root, job, renderTree, io, rendered)
  }
  if (merged.failures.length > 0) return 2
  return merged.messages.some((message) => message.severity === 'error') ? 1 : 0
}

/**
 * Render on `count` threads: this one renders a share itself (one isolate
 * fewer to load and warm up), the others go to worker threads.
 */
async function runWorkers(job: BuildJob, count: number, tick: () => void, renderHere: (job: BuildJob) => RenderedResult, tree: DocsTree): Promise<RenderedResult[]> {
  const here = dirname(fileURLToPath(import.meta.url))
  // Cloned once per worker: a few milliseconds, where walking the tree again took a quarter of a second of each worker's CPU.
  const index = portableIndex(tree.index)
  const script = join(here, 'worker.js')
  // Contiguous runs of the sorted pages: pages link mostly to their neighbours in the tree, so a thread
  // renders the pages whose anchors its links need instead of expanding them again for the anchors alone.
  const size = Math.ceil(job.files.length / count)
  const buckets: string[][] = Array.from({length: count}, (_, index) => job.files.slice(index * size, (index + 1) * size))
  const [own, ...others] = buckets
  const pending = others.map(
    (files) =>
      new Promise<RenderedResult>((resolvePromise, reject) => {
        // A larger young generation: rendering allocates many short-lived nodes, and scavenges
        // on two threads at once compete for the same two cores.
        const worker = new Worker(script, {workerData: {...job, files, index}, resourceLimits: {maxYoungGenerationSizeMb: 96}})
        let done = false
        worker.on('message', (message: {type: 'tick'} | {type: 'done'; result: RenderedResult}) => {
          if (message.type === 'tick') return tick()
          done = true
          resolvePromise(message.result)
        })
        worker.once('error', reject)
        // A worker that ends without its result (killed, out of memory) must not leave the build waiting.
        worker.once('exit', (code) => {
          if (!done) reject(new Error(`a build worker stopped (exit code ${code}) before finishing its pages`))
        })
      }),
  )
  // The workers' promises are settled after this thread's share; keep a rejection from going unhandled meanwhile.
  for (const promise of pending) promise.catch(() => undefined)
  const mine = renderHere({...job, files: own!})
  return [mine, ...(await Promise.all(pending))]
}

type RenderedResult = ReturnType<typeof renderPages>

/** The build cache of this tree, target and options, with the hasher of the tree's files. */
function openBuildCache(ctx: RunContext, settings: Settings, values: ReturnType<typeof parseFor>['values'], tree: DocsTree, job: Omit<BuildJob, 'files'>): {results: ResultCache<PageOutput>; hashOf: (file: string) => string | undefined} {
  const options = {target: job.target, lang: job.lang ?? null, base: job.base ?? null, faqPages: job.faqPages ?? null}
  const location = stringValue(values, 'cache-location')
  const folder = location !== undefined ? resolve(ctx.io.cwd, location) : (settings.cacheLocation ?? defaultCacheFolder(ctx.io.cwd))
  const hashOf = treeHasher(tree)
  return {results: ResultCache.open<PageOutput>(cacheFile(folder, 'build', job.root, options), cacheKey('build', tree, options, hashOf)), hashOf}
}

/** A cached output that has the shape of one (a cache is never trusted further than that). */
function isPageOutput(value: unknown, file: string): value is PageOutput {
  const output = value as Partial<PageOutput> | null
  return !!output && output.file === file && typeof output.document === 'string' && !!output.page && Array.isArray(output.messages) && Array.isArray(output.assets)
}

function uniqueAssets(assets: AssetReference[]): AssetReference[] {
  const byFile = new Map<string, AssetReference>()
  for (const asset of assets) if (!byFile.has(asset.file)) byFile.set(asset.file, asset)
  return [...byFile.values()].sort((a, b) => compareCodePoints(a.file, b.file))
}

/**
 * `--root` must be a folder, and `--out` must not be it or lie inside it
 * (the build would write into the sources, and the next build would index
 * its own output) unless `--out-inside-root` says so.
 */
function checkRootAndOut(root: string, out: string, allowInside: boolean): void {
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`--root ${root}: no such folder`, 'build')
  const realRoot = realpathSync(root)
  // OUT may not exist yet: judge by its nearest existing folder.
  let existing = out
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing)
  const realOut = join(realpathSync(existing), relative(existing, out))
  if (!allowInside && isInside(realRoot, realOut)) {
    throw new UsageError(`--out ${out} is ${realOut === realRoot ? 'the docs root itself' : 'inside the docs root'}: the build would write into the sources (pass --out-inside-root to allow it)`, 'build')
  }
}

/** Problems of the tree itself (unreadable files, broken metas), as build messages. */
function treeMessages(tree: DocsTree): PlainMessage[] {
  return tree.index.diagnostics
    .filter((message) => message.ruleId === 'file-unreadable' || message.ruleId === 'meta-invalid')
    .map((message) => ({file: message.file, line: message.line ?? undefined, column: message.column ?? undefined, code: String(message.ruleId), severity: message.severity, message: message.reason}))
}

/**
 * Copy the referenced tree files that exist to OUT at their tree path (= their
 * site path); returns what was copied. Never over a file the build rendered
 * (`index.html`, `faq.json`, `manifest.json`), never from outside the root's
 * real path, never through a link out of OUT.
 */
function copyTreeAssets(root: string, out: string, assets: readonly AssetReference[], io: Io, rendered: ReadonlySet<string> = new Set()): {file: string; url: string}[] {
  const copied: {file: string; url: string}[] = []
  const realRoot = realpathSync(root)
  for (const asset of assets) {
    if (!asset.exists) continue
    if (rendered.has(asset.file)) {
      io.stderr.write(`skipped ${asset.file}: a rendered file of the build has this path\n`)
      continue
    }
    try {
      const from = realpathSync(join(root, asset.file))
      if (!isInside(realRoot, from)) throw new Error('its real path is outside the docs root')
      copyFileSync(from, outputPath(out, asset.file))
      copied.push({file: asset.file, url: asset.url})
    } catch (error) {
      io.stderr.write(`cannot copy ${asset.file}: ${error instanceof Error ? error.message : String(error)}\n`)
    }
  }
  return copied
}

/** The emitter's own files (tabs script, styles). */
function copyAssets(out: string): void {
  for (const name of ['tabs.js', 'vkdoc.css'] as const) {
    const from = assetPath(name)
    if (from) copyFileSync(from, outputPath(out, name))
  }
}

/** Re-render what an edit touches (the edited page, pages including or linking to it). */
function watchTree(root: string, job: Omit<BuildJob, 'files'>, tree: DocsTree, io: Io, rendered: ReadonlySet<string>): Promise<number> {
  io.stderr.write(`watching ${displayOf(root, io.cwd)} (Ctrl+C to stop)\n`)
  return new Promise(() => {
    watch(root, {recursive: true}, (_event, name) => {
      if (!name || !String(name).endsWith('.md')) return
      const file = relative(root, join(root, String(name))).split('\\').join('/')
      let text: string
      try {
        text = readFileSync(join(root, file), 'utf8')
      } catch {
        return
      }
      const started = performance.now()
      const affected = tree.update(file, text).filter((path) => tree.page(path))
      const result = renderPages({...job, files: affected}, tree)
      copyTreeAssets(root, job.out, result.assets, io, rendered)
      io.stderr.write(`${file}: re-rendered ${affected.length} page(s) in ${Math.round(performance.now() - started)} ms\n`)
    })
  })
}
