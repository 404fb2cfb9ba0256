/**
 * The result cache and what it is checked against: a result comes back only
 * for the same key and the same content of every file it was made from; a
 * file that is not such a cache is ignored, never trusted.
 */
import {mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {contentHash, ResultCache} from '../src/cache/results.js'
import {DocsTree, memoryFileSystem} from '../src/index.js'
import {cacheKey, treeHasher} from '../src/cli/cache.js'
import {sharedFiles, treeListing} from '../src/tree/listing.js'

const folder = mkdtempSync(join(tmpdir(), 'vkdoc-cache-'))
afterAll(() => rmSync(folder, {recursive: true, force: true}))

describe('the dependencies of a rendered page', () => {
  const meta = (targets: string[]) => JSON.stringify({title: 'T', build: {for: targets}})
  const tree = new DocsTree(
    memoryFileSystem({
      'config/c.mjs': "export default {build: {points: ['public']}}",
      'ru/ru.meta.json': '{"variables": {"product": "VK Cloud"}}',
      'ru/_includes/_outer.md': 'Снаружи {include(/ru/_includes/_inner.md)}\n',
      'ru/_includes/_inner.md': 'Внутри.\n',
      'ru/_includes/_b-part.md': '## {heading(Б)[id=b]}\n',
      'ru/a/a.meta.json': meta(['public']),
      'ru/a/a.md': '{include(/ru/_includes/_outer.md)}\n\nСм. {linkto(/ru/b#b)[text=%text]}.\n',
      'ru/b/b.meta.json': meta(['public']),
      'ru/b/b.md': '{include(/ru/_includes/_b-part.md)}\n',
      'ru/c/c.meta.json': meta(['public']),
      'ru/c/c.md': 'Отдельно {var(product)}.\n',
    }),
  )
  tree.render('ru/a/a.md')
  tree.render('ru/c/c.md')

  it('are the page, its meta, every fragment its expansion read, and each linked page with its meta and fragments', () => {
    expect(tree.dependenciesOf('ru/a/a.md')).toEqual([
      'ru/_includes/_b-part.md',
      'ru/_includes/_inner.md',
      'ru/_includes/_outer.md',
      'ru/a/a.md',
      'ru/a/a.meta.json',
      'ru/b/b.md',
      'ru/b/b.meta.json',
    ])
  })

  it('name each variable the expansion looked up, so only its users depend on its value', () => {
    expect(tree.dependenciesOf('ru/c/c.md')).toEqual(['ru/c/c.md', 'ru/c/c.meta.json', 'variable:ru/product'])
    const hashOf = treeHasher(tree)
    expect(hashOf('variable:ru/product')).toBe(contentHash(JSON.stringify(['VK Cloud'])))
    expect(hashOf('variable:ru/missing')).toBe(contentHash('-'))
  })

  it('key the cache by the language meta without its variables', () => {
    const edited = (variables: object, title = 'Документация') =>
      new DocsTree(memoryFileSystem({'config/c.mjs': "export default {build: {points: ['public']}}", 'ru/ru.meta.json': JSON.stringify({title, variables}), 'ru/a/a.md': 'A\n'}))
    const keyOf = (docs: DocsTree) => cacheKey('build', docs, {}, treeHasher(docs))
    expect(keyOf(edited({product: 'VK Cloud'}))).toBe(keyOf(edited({product: 'VK Cloud (правка)'})))
    expect(keyOf(edited({product: 'VK Cloud'}))).not.toBe(keyOf(edited({product: 'VK Cloud'}, 'Другая')))
  })

  it('share the build configuration and language metas with every page, and the listing of the tree', () => {
    expect(sharedFiles(tree)).toEqual(['config/c.mjs', 'ru/ru.meta.json'])
    expect(treeListing(tree)).toContain('ru/c/c.md')
    expect(treeListing(tree)).toHaveLength(11)
  })
})

describe('the result cache', () => {
  const hashes = new Map([
    ['a.md', contentHash('A')],
    ['_f.md', contentHash('F')],
  ])
  const current = (file: string) => hashes.get(file)

  it('gives a result back for the same key when every file it was made from is unchanged', () => {
    const path = join(folder, 'same.json')
    const first = ResultCache.open<string>(path, 'key-1')
    expect(first.rejected).toBe('missing')
    first.set('a.md @public', {'a.md': contentHash('A'), '_f.md': contentHash('F')}, '<p>A</p>')
    first.save()
    const second = ResultCache.open<string>(path, 'key-1')
    expect(second.rejected).toBeNull()
    expect(second.get('a.md @public', current)).toBe('<p>A</p>')
    expect([second.hits, second.misses]).toEqual([1, 0])
  })

  it('misses when one of those files changed or is gone, and forgets the stale result', () => {
    const path = join(folder, 'changed.json')
    const cache = ResultCache.open<string>(path, 'key-1')
    cache.set('a.md @public', {'a.md': contentHash('A'), '_f.md': contentHash('F, before')}, 'stale')
    cache.set('b.md @public', {'b.md': contentHash('B')}, 'gone')
    cache.save()
    const next = ResultCache.open<string>(path, 'key-1')
    expect(next.get('a.md @public', current)).toBeUndefined()
    expect(next.get('b.md @public', current)).toBeUndefined()
    expect(next.misses).toBe(2)
    next.save()
    expect(JSON.parse(readFileSync(path, 'utf8')).entries).toEqual({})
  })

  it('leaves the file as it is after a run that only took stored results, and rewrites it after one that made one', () => {
    const path = join(folder, 'untouched.json')
    const first = ResultCache.open<string>(path, 'key-1')
    first.set('a.md @public', {'a.md': contentHash('A')}, '<p>A</p>')
    first.save()
    const past = new Date('2020-01-01T00:00:00Z')
    utimesSync(path, past, past)
    const hitsOnly = ResultCache.open<string>(path, 'key-1')
    expect(hitsOnly.get('a.md @public', current)).toBe('<p>A</p>')
    hitsOnly.save()
    expect(statSync(path).mtime).toEqual(past)
    const withFresh = ResultCache.open<string>(path, 'key-1')
    withFresh.get('a.md @public', current)
    withFresh.set('b.md @public', {'a.md': contentHash('A')}, '<p>B</p>')
    withFresh.save()
    expect(statSync(path).mtime).not.toEqual(past)
    expect(ResultCache.open<string>(path, 'key-1').get('b.md @public', current)).toBe('<p>B</p>')
  })

  it('ignores a cache made with another key (another vkdoc version, options or tree)', () => {
    const path = join(folder, 'key.json')
    const cache = ResultCache.open<string>(path, 'key-1')
    cache.set('a.md @public', {'a.md': contentHash('A')}, 'old')
    cache.save()
    const other = ResultCache.open<string>(path, 'key-2')
    expect(other.rejected).toBe('other-key')
    expect(other.get('a.md @public', current)).toBeUndefined()
  })

  it('ignores a corrupt or foreign file and replaces it on save', () => {
    for (const [name, text] of [
      ['corrupt.json', '{"format": "vkdoc-res'],
      ['foreign.json', JSON.stringify({format: 'eslint', entries: {'a.md @public': {deps: {}, result: 'trusted?'}}})],
    ] as const) {
      const path = join(folder, name)
      writeFileSync(path, text)
      const cache = ResultCache.open<string>(path, 'key-1')
      expect(cache.rejected).toBe('not-a-cache')
      expect(cache.get('a.md @public', current)).toBeUndefined()
      cache.set('a.md @public', {'a.md': contentHash('A')}, 'fresh')
      cache.save()
      expect(ResultCache.open<string>(path, 'key-1').get('a.md @public', current)).toBe('fresh')
    }
  })
})
