/**
 * `vkdoc build`: the whole tree for one target to HTML pages, a JSON
 * manifest and FAQ JSON, on worker threads (default: every core), with a
 * progress bar on a terminal, a summary, and `--watch`.
 */
import {copyFileSync, existsSync, mkdirSync, readFileSync, watch, writeFileSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import {dirname, join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {Worker} from 'node:worker_threads'
import {loadDocs} from '../docs/tree.js'
import {pagesForTarget} from '../tree/index.js'
import {renderPages, type BuildJob, type BuildResult} from './build-pages.js'
import {createProgress} from './progress.js'

export async function buildSite(args: string[]): Promise<number> {
  const {values} = parseArgs({
    args,
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
  const pages = pagesForTarget(tree.index, values.target!).map((page) => page.file).sort()
  const job: Omit<BuildJob, 'files'> = {root: values.root, lang: values.lang, target: values.target!, out: values.out}
  mkdirSync(values.out, {recursive: true})
  const progress = createProgress({total: pages.length, label: `build ${values.target}`, stream: process.stderr})
  const results = workers === 1 ? [renderPages({...job, files: pages}, tree)] : await runWorkers(job, pages, workers, () => progress.tick())
  progress.done()
  const merged: BuildResult = {pages: results.flatMap((result) => result.pages), messages: results.flatMap((result) => result.messages)}
  merged.pages.sort((a, b) => a.file.localeCompare(b.file))
  writeFileSync(join(values.out, 'manifest.json'), JSON.stringify({target: values.target, pages: merged.pages}, null, 2))
  copyAssets(values.out)
  const byCode = new Map<string, number>()
  for (const message of merged.messages) byCode.set(message.code, (byCode.get(message.code) ?? 0) + 1)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  process.stderr.write(`built ${merged.pages.length} pages for ${values.target} in ${seconds} s with ${workers} worker(s) → ${values.out}\n`)
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
          const worker = new Worker(script, {workerData: {...job, files}})
          worker.once('message', (result: BuildResult) => {
            for (let index = 0; index < result.pages.length; index++) tick()
            resolvePromise(result)
          })
          worker.once('error', reject)
        }),
    ),
  )
}

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
      renderPages({...job, files: affected}, tree)
      process.stderr.write(`${file}: re-rendered ${affected.length} page(s) in ${Math.round(performance.now() - started)} ms\n`)
    })
  })
}
