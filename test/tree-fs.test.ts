import {mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {loadIndex, memoryFileSystem} from '../src/tree/index.js'
import {nodeFileSystem} from '../src/tree/node-fs.js'

const siteRoot = fileURLToPath(new URL('../fixtures/tree/site/input', import.meta.url))

describe('memoryFileSystem', () => {
  const fs = memoryFileSystem({
    '/ru/ru.meta.json': '{}',
    './ru/start/start.md': '# Start',
    'ru/start/start.meta.json': '{}',
  })

  it('implies folders from file paths and lists names sorted', () => {
    expect(fs.list('')).toEqual(['ru'])
    expect(fs.list('ru')).toEqual(['ru.meta.json', 'start'])
    expect(fs.list('ru/start')).toEqual(['start.md', 'start.meta.json'])
    expect(fs.isDirectory('ru/start')).toBe(true)
    expect(fs.isFile('ru/start')).toBe(false)
  })

  it('reads files by normalised root-relative paths', () => {
    expect(fs.readFile('ru/start/start.md')).toBe('# Start')
    expect(fs.readFile('ru/./start/../start/start.md')).toBe('# Start')
    expect(fs.readFile('/ru/start/start.md')).toBe('# Start')
    expect(fs.readFile('ru/start/missing.md')).toBeUndefined()
  })

  it('refuses paths that leave the root', () => {
    expect(fs.readFile('../ru/start/start.md')).toBeUndefined()
    expect(fs.isFile('ru/../../ru/ru.meta.json')).toBe(false)
    expect(fs.list('..')).toEqual([])
  })

  it('throws on a file path that is a programming error', () => {
    expect(() => memoryFileSystem({'../outside.md': ''})).toThrow(/bad file path/)
    expect(() => memoryFileSystem({'a.md': 1 as unknown as string})).toThrow(TypeError)
  })
})

describe('nodeFileSystem', () => {
  const temporary: string[] = []
  afterAll(() => {
    for (const dir of temporary) rmSync(dir, {recursive: true, force: true})
  })

  it('lists and reads a tree on disk', () => {
    const fs = nodeFileSystem(siteRoot)
    expect(fs.list('')).toEqual(['config', 'en', 'ru'])
    expect(fs.list('ru/start/about')).toEqual(['about.md', 'about.meta.json'])
    expect(fs.isDirectory('ru/_includes')).toBe(true)
    expect(fs.isFile('ru/_includes/_note.md')).toBe(true)
    expect(fs.readFile('ru/_includes/_note.md')).toContain('Shared note.')
    expect(fs.readFile('ru/_includes/_missing.md')).toBeUndefined()
    expect(fs.list('ru/start/about/about.md')).toEqual([])
  })

  it('never reads a file outside the root even when it exists there', () => {
    // `../expected.json` is a real file beside the fixture's root.
    const fs = nodeFileSystem(siteRoot)
    expect(fs.isFile('../expected.json')).toBe(false)
    expect(fs.readFile('../expected.json')).toBeUndefined()
    expect(fs.readFile('ru/../../expected.json')).toBeUndefined()
  })

  it('caches folder listings: a snapshot until a new file system is made', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vkdoc-tree-'))
    temporary.push(dir)
    mkdirSync(join(dir, 'ru'))
    writeFileSync(join(dir, 'ru', 'a.md'), 'A')
    const fs = nodeFileSystem(dir)
    expect(fs.list('ru')).toEqual(['a.md'])
    writeFileSync(join(dir, 'ru', 'b.md'), 'B')
    expect(fs.list('ru')).toEqual(['a.md'])
    expect(fs.isFile('ru/b.md')).toBe(false)
    expect(nodeFileSystem(dir).list('ru')).toEqual(['a.md', 'b.md'])
  })

  it('answers calmly for a root that does not exist', () => {
    const fs = nodeFileSystem(join(tmpdir(), 'vkdoc-no-such-root-7f3a'))
    expect(fs.list('')).toEqual([])
    expect(fs.isDirectory('')).toBe(false)
    expect(fs.readFile('ru/ru.meta.json')).toBeUndefined()
  })
})

describe('loadIndex over a symbolic-link cycle', () => {
  it('ends the walk instead of recursing forever', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vkdoc-tree-cycle-'))
    try {
      mkdirSync(join(dir, 'ru', 'a'), {recursive: true})
      writeFileSync(join(dir, 'ru', 'ru.meta.json'), '{}')
      writeFileSync(join(dir, 'ru', 'a', 'a.md'), '# A')
      writeFileSync(join(dir, 'ru', 'a', 'a.meta.json'), '{}')
      symlinkSync(join(dir, 'ru'), join(dir, 'ru', 'a', 'loop'))
      const index = loadIndex(nodeFileSystem(dir))
      expect(index.pages.has('ru/a')).toBe(true)
      expect(index.pages.has('ru/a/loop/a')).toBe(true)
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })
})
