/**
 * The main entry runs in browsers: esbuild bundles it for `platform: 'browser'`
 * (a Node built-in anywhere in its import graph fails the bundle), and the
 * bundle renders pages in a `node:vm` context that has only what a browser has
 * (no `process`, `require`, `Buffer`), giving the same output as in Node.
 *
 * The bundle takes the `worker` export condition, as for a Web Worker: `vm`
 * has no DOM, and micromark's entity decoder uses `document` under the plain
 * `browser` condition. The page build (DOM) runs in Chromium in
 * `playground.test.ts`.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {runInContext, createContext} from 'node:vm'
import {build} from 'esbuild'
import {beforeAll, describe, expect, it} from 'vitest'
import {hastToHtml, loadDocs, mdastToHast, memoryFileSystem, toHtml, toJson, toMarkdown} from '../src/index.js'

const seedFile = fileURLToPath(new URL('../../shared/seed/partners-faq.md', import.meta.url))
const renderFixtures = fileURLToPath(new URL('../fixtures/render/', import.meta.url))

type Library = typeof import('../src/index.js')

/** Bundle `src/index.ts` for browsers as a classic script that sets `vkdoc`. */
async function bundleMainEntry(): Promise<{code: string; inputs: string[]}> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
    bundle: true,
    platform: 'browser',
    conditions: ['worker'],
    format: 'iife',
    globalName: 'vkdoc',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  return {code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs)}
}

/** A context with the globals of a browser page that the library may use, and nothing of Node. */
function browserLikeContext(): Record<string, unknown> {
  return createContext({
    URL,
    URLSearchParams,
    TextEncoder,
    TextDecoder,
    crypto: globalThis.crypto,
    console,
    queueMicrotask,
    setTimeout,
    clearTimeout,
  })
}

describe('the main entry in a browser', () => {
  let library: Library
  let inputs: string[]
  let context: Record<string, unknown>

  beforeAll(async () => {
    const bundled = await bundleMainEntry()
    inputs = bundled.inputs
    context = browserLikeContext()
    runInContext(bundled.code, context)
    library = context['vkdoc'] as Library
  })

  it('bundles for platform "browser" without any Node built-in or Node-only module', () => {
    expect(inputs.filter((input) => /^node:|(^|\/)(fs|path|os|url|worker_threads)$/.test(input))).toEqual([])
    expect(inputs.filter((input) => /src\/(cli|node\.ts|tree\/node-fs\.ts)/.test(input))).toEqual([])
    expect(inputs.some((input) => input.endsWith('src/index.ts'))).toBe(true)
  })

  it('runs where process, require and Buffer do not exist', () => {
    expect(runInContext('[typeof process, typeof require, typeof Buffer, typeof window]', context)).toEqual(['undefined', 'undefined', 'undefined', 'undefined'])
    expect(typeof library.toHtml).toBe('function')
  })

  const fixtures = readdirSync(renderFixtures).filter((name) => existsSync(`${renderFixtures}${name}/input.md`))
  it.each(fixtures)('renders the render fixture %s as Node does (HTML, Markdown, document JSON)', (name) => {
    const source = readFileSync(`${renderFixtures}${name}/input.md`, 'utf8')
    expect(library.toHtml(source)).toBe(toHtml(source))
    expect(library.toMarkdown(source)).toBe(toMarkdown(source))
    expect(JSON.stringify(library.toJson(source))).toBe(JSON.stringify(toJson(source)))
  })

  it('loads a docs tree from a memory file system and renders a page inside it', () => {
    const files = {
      'ru/start/start.md': '# Start\n\n{linkto(../other/#part)[text=%text]}\n\n{include(/ru/_includes/_note.md)}\n',
      'ru/start/start.meta.json': '{"title": "Start"}',
      'ru/other/other.md': '# Other\n\n## {heading(Part)[id=part]}\n',
      'ru/other/other.meta.json': '{"title": "Other"}',
      'ru/_includes/_note.md': '{note:info}\nIncluded.\n{/note}\n',
    }
    const tree = library.loadDocs(library.memoryFileSystem(files), {lang: 'ru'})
    const page = tree.render('ru/start/start.md')
    const html = library.hastToHtml(library.mdastToHast(page.mdast))
    expect(html).toContain('<a href="/ru/other#part" class="vk-linkto">Part</a>')
    expect(html).toContain('<div class="vk-note vk-note-info" role="note" aria-label="Примечание">')
    expect(page.messages).toEqual([])
    // The same tree in Node renders the same page.
    const inNode = loadDocs(memoryFileSystem(files), {lang: 'ru'}).render('ru/start/start.md')
    expect(html).toBe(hastToHtml(mdastToHast(inNode.mdast)))
  })

  it('refuses a folder path in the main entry with a message naming vkdoc/node', () => {
    expect(() => library.loadDocs('docs' as never)).toThrow(/vkdoc\/node/)
    expect(() => library.validate('text', {root: 'docs' as never})).toThrow(/vkdoc\/node/)
  })

  it.skipIf(!existsSync(seedFile))('renders the seed: 15 FAQ questions and the HTML Node gives (skipped without ../shared/seed)', () => {
    const seed = readFileSync(seedFile, 'utf8')
    const faq = library.toJson(seed, {faq: true})
    expect(faq.questions).toHaveLength(15)
    expect(JSON.stringify(faq)).toBe(JSON.stringify(toJson(seed, {faq: true})))
    expect(library.toHtml(seed)).toBe(toHtml(seed))
  })
})
