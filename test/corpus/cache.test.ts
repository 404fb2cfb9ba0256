/**
 * `vkdoc build --cache` on a copy of the corpus: the pages of `ru/storage/`
 * (97 public pages reading fragments, variables and pages all over the tree) built
 * for public. An unchanged tree comes whole from the cache; after editing a
 * page, a fragment, a variable and a `build.for` list, only the pages that
 * read them are rendered again, and the output is byte-identical to a build
 * without the cache.
 */
import {cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {afterAll, beforeAll, expect, it} from 'vitest'
import {loadDocs} from '../../src/node.js'
import {vkdoc} from '../support/cli.js'
import {corpusRoot, describeCorpus} from './shared.js'

/** Every file under `folder`, by its path inside it. */
function filesOf(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else files.set(relative(folder, path), readFileSync(path))
    }
  }
  walk(folder)
  return files
}

/** The files whose bytes differ, or that only one side has. */
function differences(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const names = new Set([...a.keys(), ...b.keys()])
  return [...names].filter((name) => !a.get(name)?.equals(b.get(name) ?? Buffer.alloc(0)) || !a.has(name) || !b.has(name)).sort()
}

describeCorpus('build --cache on an edited copy of the corpus', ['corpus'], () => {
  let work = ''
  let copy = ''
  let cacheFolder = ''
  let outputs = 0

  /** The public pages of ru/storage/ in the copy as it is now. */
  const storagePages = (): string[] =>
    loadDocs(copy, {lang: 'ru'})
      .pages()
      .filter((page) => page.file.startsWith('ru/storage/') && page.targets.includes('public'))
      .map((page) => page.file)

  /** Build the storage pages into a fresh folder; with `cache`, through the shared cache. */
  async function build(cache: boolean): Promise<{rendered: number | null; fromCache: number | null; files: Map<string, Buffer>}> {
    const out = join(work, `out-${++outputs}`)
    const args = ['build', '--root', copy, '--lang', 'ru', '--target', 'public', '--out', out, '--workers', '1']
    if (cache) args.push('--cache', '--cache-location', cacheFolder)
    const result = await vkdoc([...args, ...storagePages()], {cwd: work})
    expect(result.code, result.stderr).toBeLessThanOrEqual(1)
    const counts = /\((\d+) rendered, (\d+) from the cache\)/.exec(result.stderr)
    return {rendered: counts ? Number(counts[1]) : null, fromCache: counts ? Number(counts[2]) : null, files: filesOf(out)}
  }

  const edit = (file: string, change: (text: string) => string): void => {
    const path = join(copy, file)
    const before = readFileSync(path, 'utf8')
    const after = change(before)
    expect(after, `the edit of ${file} changes it`).not.toBe(before)
    writeFileSync(path, after)
  }

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'vkdoc-corpus-cache-'))
    copy = join(work, 'docs')
    cacheFolder = join(work, 'cache')
    cpSync(join(corpusRoot, 'config'), join(copy, 'config'), {recursive: true})
    cpSync(join(corpusRoot, 'ru'), join(copy, 'ru'), {recursive: true})
  })
  afterAll(() => rmSync(work, {recursive: true, force: true}))

  it('takes every page of an unchanged tree from the cache, byte-identical', async () => {
    const cold = await build(true)
    expect([cold.rendered, cold.fromCache]).toEqual([97, 0])
    const warm = await build(true)
    expect([warm.rendered, warm.fromCache]).toEqual([0, 97])
    expect(differences(warm.files, cold.files)).toEqual([])
    expect(warm.files.size).toBeGreaterThan(97)
  })

  it('renders again only what reads an edited page, fragment, variable or build.for list, as a build without the cache does', async () => {
    const renderedAfter = async (change: () => void): Promise<[number | null, number | null]> => {
      change()
      const {rendered, fromCache} = await build(true)
      return [rendered, fromCache]
    }
    // A page: it and the two pages linking to it.
    expect(await renderedAfter(() => edit('ru/storage/s3/api/cors/cors.md', (text) => `${text}\nАбзац, добавленный правкой.\n`))).toEqual([3, 94])
    // A fragment: the two pages including it, and the pages linking to those.
    expect(await renderedAfter(() => edit('ru/storage/s3/_includes/_cors.md', (text) => text.replace(/\n*$/, '\n\nСтрока фрагмента, добавленная правкой.\n')))).toEqual([4, 93])
    // A variable no storage page built for public uses: nothing; the public value of one that 41 storage files
    // use (pages and fragments many pages include): the pages whose expansions read it, and the pages linking to those.
    expect(await renderedAfter(() => edit('ru/ru.meta.json', (text) => text.replace('"vendor": "VK Tech"', '"vendor": "VK Tech (правка)"')))).toEqual([0, 97])
    expect(await renderedAfter(() => edit('ru/ru.meta.json', (text) => text.replace('"value": "VK Cloud"', '"value": "VK Cloud (правка)"')))).toEqual([63, 34])
    // A page taken out of the public build: the pages linking to it (now 96 pages).
    const meta = 'ru/storage/backups/instructions/create-backup-plan/create-backup-plan.meta.json'
    expect(await renderedAfter(() => edit(meta, (text) => text.replace('"public",', '')))).toEqual([5, 91])

    const cached = await build(true)
    expect([cached.rendered, cached.fromCache]).toEqual([0, 96])
    const uncached = await build(false)
    expect(uncached.rendered).toBeNull()
    expect(differences(cached.files, uncached.files)).toEqual([])
  })

})
