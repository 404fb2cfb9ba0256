/**
 * One bad file is one diagnostic naming it; every other file of the tree is
 * still processed (lint over the whole tree, rendering, the index).
 */
import {describe, expect, it} from 'vitest'
import {DocsTree, memoryFileSystem, validate, type FileSystem} from '../src/index.js'

const files: Record<string, string> = {
  'config/site.mjs': "export default {points: ['public']}",
  'config/broken.mjs': 'export default {points: [',
  'ru/ru.meta.json': '{"title": "ru"}',
  'ru/good/good.meta.json': '{"title": "Good", "build": {"for": ["public"]}}',
  'ru/good/good.md': '# Good\n\n{linkto(#nowhere)[text=x]}\n',
  'ru/locked/locked.meta.json': '{"title": "Locked", "build": {"for": ["public"]}}',
  'ru/locked/locked.md': '# Locked\n',
  'ru/notjson/notjson.meta.json': '{"title": "Broken", ',
  'ru/notjson/notjson.md': '# Broken meta\n',
  'ru/notlist/notlist.meta.json': '{"title": "Not a list", "build": {"for": "public"}}',
  'ru/notlist/notlist.md': '# Not a list\n',
}

/** The memory tree, with some files listed but unreadable (as a permission error would leave them). */
function withUnreadable(unreadable: readonly string[]): FileSystem {
  const memory = memoryFileSystem(files)
  return {
    ...memory,
    readFile: (path) => (unreadable.includes(path) ? undefined : memory.readFile(path)),
    readProblem: (path) => (unreadable.includes(path) ? 'permission denied' : undefined),
  }
}

describe('a tree with bad files', () => {
  const tree = new DocsTree(withUnreadable(['ru/locked/locked.md', 'config/broken.mjs']))

  it('names each bad meta and config file once, with a code', () => {
    const problems = tree.index.diagnostics.map((message) => `${message.ruleId} ${message.file}`)
    expect(problems).toEqual(['file-unreadable config/broken.mjs', 'meta-invalid ru/notjson/notjson.meta.json', 'meta-invalid ru/notlist/notlist.meta.json'])
    expect(tree.index.diagnostics[1]!.reason).toMatch(/^Unexpected meta file content: not valid JSON/)
    expect(tree.index.diagnostics[2]!.reason).toContain('`build.for` is not a list')
  })

  it('lints the whole tree: the unreadable page is one diagnostic, the others are checked', () => {
    const messages = validate(tree)
    const byFile = messages.map((message) => `${message.ruleId} ${message.file}`)
    expect(byFile).toContain('file-unreadable ru/locked/locked.md')
    expect(byFile).toContain('linkto-missing-anchor ru/good/good.md')
    expect(byFile).toContain('meta-invalid ru/notjson/notjson.meta.json')
    expect(messages.find((message) => message.ruleId === 'file-unreadable' && message.file === 'ru/locked/locked.md')!.reason).toBe('Cannot read `ru/locked/locked.md`: permission denied')
  })

  it('renders an unreadable page as an empty page with the diagnostic', () => {
    const page = tree.render('ru/locked/locked.md')
    expect(page.mdast.children).toEqual([])
    expect(page.messages.map((message) => message.ruleId)).toEqual(['file-unreadable'])
  })

  it('still throws for a path that is no file of the tree (a programming error)', () => {
    expect(() => tree.render('ru/missing/missing.md')).toThrow(/not a file of the docs tree/)
  })

  it('renders a file outside the root on its own instead of dropping its `..`', () => {
    const page = tree.render('../../tmp/draft/draft.md', {text: '![a](assets/a.png) [b](../x)\n'})
    expect(page.messages.map((message) => message.ruleId)).toEqual(['page-outside-root'])
    const paragraph = page.mdast.children[0] as {children: Array<{url?: string}>}
    expect(paragraph.children.filter((node) => node.url).map((node) => node.url)).toEqual(['assets/a.png', '../x'])
  })
})
