/**
 * The page size budget: only `limits.maxPageSize` characters of a page or
 * fragment are read (cut after the last line break within it), with a
 * `page-size-limit` diagnostic naming the file.
 */
import {describe, expect, it} from 'vitest'
import {DocsTree, compile, memoryFileSystem} from '../src/index.js'

describe('page size budget', () => {
  it('renders the first lines of a page over the budget and says where it was cut', () => {
    const source = 'Первая строка.\n\nВторая строка.\n\nТретья строка.\n'
    const compiled = compile(source, {file: 'long.md', limits: {maxPageSize: 20}})
    const cut = compiled.messages.filter((message) => message.ruleId === 'page-size-limit')
    expect(cut).toHaveLength(1)
    expect(cut[0]!.reason).toBe('Unexpected size of `long.md`: 47 characters, expected at most 20 (`limits.maxPageSize`); the rest is not read')
    expect(cut[0]!.line).toBe(3)
    expect(compiled.expanded!.text).toBe('Первая строка.\n\n')
    expect(compile(source).messages).toEqual([])
  })

  it('reads only the budget of tree files, pages and included fragments, and names each', () => {
    const tree = new DocsTree(
      memoryFileSystem({
        'config/site.mjs': "export default {points: ['public']}",
        'ru/ru.meta.json': '{}',
        'ru/p/p.meta.json': '{"build": {"for": ["public"]}}',
        'ru/p/p.md': '{include(/ru/_includes/_long.md)}\n' + 'x\n'.repeat(100),
        'ru/_includes/_long.md': 'y\n'.repeat(100),
      }),
      {limits: {maxPageSize: 60}},
    )
    const page = tree.render('ru/p/p.md')
    expect(page.messages.filter((message) => message.ruleId === 'page-size-limit').map((message) => message.file)).toEqual(['ru/p/p.md', 'ru/_includes/_long.md'])
    expect(page.expanded!.text.length).toBeLessThan(130)
  })
})
