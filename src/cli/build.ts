/**
 * `vkdoc build`: the whole tree for one target to HTML pages, a JSON
 * manifest and FAQ JSON, on worker threads (default: every core), with a
 * progress bar on a terminal, a summary, and `--watch`. The images, videos,
 * swagger specs and downloads the pages reference are copied to OUT at their
 * site path (`OUT/ru/x/assets/a.png` for `/ru/x/assets/a.png`).
 */
import {copyFileSync, existsSync, mkdirSync, readFileSync, watch, writeFileSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import {dirname, join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {Worker} from 'node:worker_threads'
import {loadDocs} from '../node.js'
import {pagesForTarget} from '../tree/index.js'
import type {AssetReference} from '../tree/links.js'
import {renderPages, type BuildJob, type BuildResult} from './build-pages.js'
import {createProgress} from './progress.js'

/**
 * `vkdoc build --root DIR --out OUT [--target T] [--lang L] [--workers N] [--watch] [PAGE...]`:
 * every page of the target (or only the PAGEs given, as tree paths `ru/x/x.md` or folders `ru/x`).
 * Resolves to the exit code: 1 when a page has an error diagnostic.
 */
export async function buildSite(args: string[]): Promise<number> {
  const {values, positionals} = parseArgs({
    args,
    allowPositionals: true,
    options: {
      root: {type: 'string'},
      target: {type: 'string', default: 'public'},
      lang: {type: 'string'},
      out: {type: 'string'},
      workers: {type: 'string'},
      watch: {type: 'boolean'},
    },
  })
  if (!values.root || !values.out) throw Object.assign(new Error('`vkdoc build` needs --root DIR and --out OUT'), {usage: true})
  const workers = values.workers === undefined ? availableParallelism() : Number(values.workers)
  if (!Number.isInteger(workers) || workers < 1) throw new Error('`--workers` takes a whole number ≥ 1')
  const started = performance.now()
  const tree = loadDocs(values.root, {lang: values.lang})
  const wanted = positionals.length > 0 ? new Set(positionals.map((page) => tree.page(page)?.file ?? page)) : null
  const pages = pagesForTarget(tree.index, values.target!)
    .map((page) => page.file)
    .filter((file) => !wanted || wanted.has(file))
    .sort()
  for (const page of wanted ?? []) {
    if (!pages.includes(page)) process.stderr.write(`skipped ${page}: not a page of the tree built for ${values.target}\n`)
  }
  const job: Omit<BuildJob, 'files'> = {root: values.root, lang: values.lang, target: values.target!, out: values.out}
  mkdirSync(values.out, {recursive: true})
  const progress = createProgress({total: pages.length, label: `build ${values.target}`, stream: process.stderr})
  const tick = (): void => progress.tick()
  const results = workers === 1 ? [renderPages({...job, files: pages}, tree, tick)] : await runWorkers(job, pages, workers, tick)
  progress.done()
  const merged: BuildResult = {
    pages: results.flatMap((result) => result.pages),
    messages: results.flatMap((result) => result.messages),
    assets: uniqueAssets(results.flatMap((result) => result.assets)),
  }
  merged.pages.sort((a, b) => a.file.localeCompare(b.file))
  const copied = copyTreeAssets(values.root, values.out, merged.assets)
  const missing = merged.assets.filter((asset) => !asset.exists).length
  writeFileSync(join(values.out, 'manifest.json'), JSON.stringify({target: values.target, pages: merged.pages, assets: copied}, null, 2))
  copyAssets(values.out)
  const byCode = new Map<string, number>()
  for (const message of merged.messages) byCode.set(message.code, (byCode.get(message.code) ?? 0) + 1)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  process.stderr.write(
    `built ${merged.pages.length} pages for ${values.target} in ${seconds} s with ${workers} worker(s) → ${values.out}; ` +
      `${copied.length} assets copied${missing > 0 ? `, ${missing} referenced but not in the tree` : ''}\n`,
  )
  for (const [code, count] of [...byCode].sort((a, b) => b[1] - a[1])) process.stderr.write(`  ${String(count).padStart(6)}  ${code}\n`)
  if (values.watch) return watchTree(values.root, job, tree)
  return merged.messages.some((message) => message.severity === 'error') ? 1 : 0
}

function runWorkers(job: Omit<BuildJob, 'files'>, pages: string[], count: number, tick: () => void): Promise<BuildResult[]> {
  const here = dirname(fileURLToPath(import.meta.url))
  const script = join(here, 'worker.js')
  const buckets: string[][] = Array.from({length: count}, () => [])
  pages.forEach((page, index) => buckets[index % count]!.push(page))
  return Promise.all(
    buckets.map(
      (files) =>
        new Promise<BuildResult>((resolvePromise, reject) => {
          // A larger young generation: rendering allocates many short-lived nodes, and scavenges
          // on two workers at once compete for the same two cores.
          const worker = new Worker(script, {workerData: {...job, files}, resourceLimits: {maxYoungGenerationSizeMb: 96}})
          let done = false
          worker.on('message', (message: {type: 'tick'} | {type: 'done'; result: BuildResult}) => {
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
    ),
  )
}

function uniqueAssets(assets: AssetReference[]): AssetReference[] {
  const byFile = new Map<string, AssetReference>()
  for (const asset of assets) if (!byFile.has(asset.file)) byFile.set(asset.file, asset)
  return [...byFile.values()].sort((a, b) => a.file.localeCompare(b.file))
}

/** Copy the referenced tree files that exist to OUT at their tree path (= their site path); returns what was copied. */
function copyTreeAssets(root: string, out: string, assets: readonly AssetReference[]): {file: string; url: string}[] {
  const copied: {file: string; url: string}[] = []
  for (const asset of assets) {
    if (!asset.exists) continue
    const to = join(out, asset.file)
    try {
      mkdirSync(dirname(to), {recursive: true})
      copyFileSync(join(root, asset.file), to)
      copied.push({file: asset.file, url: asset.url})
    } catch (error) {
      process.stderr.write(`cannot copy ${asset.file}: ${error instanceof Error ? error.message : String(error)}\n`)
    }
  }
  return copied
}

/** The emitter's own files (tabs script, styles). */
function copyAssets(out: string): void {
  const here = dirname(fileURLToPath(import.meta.url))
  for (const name of ['tabs.js', 'vkdoc.css']) {
    const from = join(here, '..', 'assets', name)
    if (existsSync(from)) copyFileSync(from, join(out, name))
  }
}

/** Re-render what an edit touches (the edited page, pages including or linking to it). */
function watchTree(root: string, job: Omit<BuildJob, 'files'>, tree: ReturnType<typeof loadDocs>): Promise<number> {
  process.stderr.write(`watching ${root} (Ctrl+C to stop)\n`)
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
      copyTreeAssets(root, job.out, result.assets)
      process.stderr.write(`${file}: re-rendered ${affected.length} page(s) in ${Math.round(performance.now() - started)} ms\n`)
    })
  })
}
