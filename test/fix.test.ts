/**
 * Fix-its and `--fix`: each certain repair is attached to its diagnostic,
 * applying it removes the diagnostic and changes nothing else; repairs that
 * are not certain are not offered. `--fix` on the whole ru corpus is in
 * test/corpus/lint.test.ts.
 */
import {describe, expect, it} from 'vitest'
import {applyFixes, DocsTree, memoryFileSystem, report, toHtml, validate, type VkdocMessage} from '../src/node.js'

/** Lint a lone text, apply every fix, and return the fixed text with the messages before and after. */
function fixText(source: string): {fixed: string; before: VkdocMessage[]; after: VkdocMessage[]} {
  const before = validate(source, {path: 'page.md'})
  const fixed = applyFixes(before, (file) => (file === 'page.md' ? source : undefined)).get('page.md') ?? source
  return {fixed, before, after: validate(fixed, {path: 'page.md'})}
}

const codesOf = (messages: readonly VkdocMessage[]): string[] => messages.map((message) => String(message.ruleId))

describe('fix-it: a linkto text written without its key', () => {
  it('inserts `text=` and puts the edit on the parser message at the attribute', () => {
    const {fixed, before, after} = fixText('{linkto(../page#id)[пополнить баланс]}\n')
    expect(before).toHaveLength(1)
    expect(before[0]).toMatchObject({ruleId: 'malformed-directive', line: 1, column: 21, fix: {start: 20, end: 20, text: 'text='}})
    expect(fixed).toBe('{linkto(../page#id)[text=пополнить баланс]}\n')
    expect(after).toEqual([])
  })
  it('renders the link text the author meant once fixed', () => {
    const {fixed} = fixText('Нужно {linkto(#top-up)[пополнить баланс]}.\n\n## {heading(Пополнение)[id=top-up]}\n')
    expect(toHtml(fixed)).toContain('<a href="#top-up" class="vk-linkto">пополнить баланс</a>')
  })
  it('offers nothing when the attributes hold two values without keys (where the text ends is a guess)', () => {
    const messages = validate('{linkto(../page#id)[пополнить; баланс]}\n')
    expect(codesOf(messages)).toContain('malformed-directive')
    expect(messages.filter((message) => message.fix)).toEqual([])
  })
  it('offers nothing when the directive has another defect the edit would not repair (no closing brace)', () => {
    const messages = validate('{linkto(../page#id)[пополнить баланс]\n')
    expect(codesOf(messages)).toContain('malformed-directive')
    expect(messages.filter((message) => message.fix)).toEqual([])
  })
})

describe('fix-it: a misspelt linkto key', () => {
  it('renames `test=` to `text=`', () => {
    const {fixed, before, after} = fixText('См. {linkto(../page#id)[test=раздел]}.\n')
    expect(before[0]).toMatchObject({ruleId: 'malformed-directive', line: 1, column: 25, fix: {start: 24, end: 28, text: 'text'}})
    expect(fixed).toBe('См. {linkto(../page#id)[text=раздел]}.\n')
    expect(after).toEqual([])
  })
  it('renames the key where it is written, spaces around it kept', () => {
    expect(fixText('{linkto(../page#id)[ Text = раздел ]}\n').fixed).toBe('{linkto(../page#id)[ text = раздел ]}\n')
  })
  it('leaves a key far from `text` alone (`title=` may mean something else)', () => {
    const messages = validate('{linkto(../page#id)[title=раздел]}\n')
    expect(codesOf(messages)).toEqual(['malformed-directive'])
    expect(messages[0]!.fix).toBeUndefined()
  })
  it('leaves a linkto that already has `text=` alone', () => {
    const messages = validate('{linkto(../page#id)[text=a; test=b]}\n')
    expect(messages.filter((message) => message.fix)).toEqual([])
  })
})

describe('fix-it: whitespace inside a linkto target', () => {
  it('removes a leading space, on a warning of its own', () => {
    const {fixed, before, after} = fixText('См. {linkto( ../page#id)[text=страницу]}.\n')
    expect(before).toHaveLength(1)
    expect(before[0]).toMatchObject({ruleId: 'linkto-target-whitespace', severity: 'warning', line: 1, column: 13, fix: {start: 12, end: 23, text: '../page#id'}})
    expect(fixed).toBe('См. {linkto(../page#id)[text=страницу]}.\n')
    expect(after).toEqual([])
  })
  it('joins a target continued on the next line, and the link renders the same', () => {
    const source = 'См. {linkto(\n      ../../how-to-guides/tls-connect#tls)[text=подключение]}.\n'
    const {fixed, before} = fixText(source)
    expect(before[0]).toMatchObject({ruleId: 'linkto-target-whitespace', line: 1, column: 13})
    expect(before[0]!.place).toMatchObject({end: {line: 2, column: 42}})
    expect(fixed).toBe('См. {linkto(../../how-to-guides/tls-connect#tls)[text=подключение]}.\n')
    expect(toHtml(fixed, {path: 'ru/a/b/c.md'})).toBe(toHtml(source, {path: 'ru/a/b/c.md'}))
  })
  it('applies together with a key repair in the same directive', () => {
    expect(fixText('{linkto( ../page#id)[пополнить баланс]}\n').fixed).toBe('{linkto(../page#id)[text=пополнить баланс]}\n')
  })
  it('ignores linkto text in code and comments, which is not a link', () => {
    expect(validate('`{linkto( ../page#id)[test=x]}`\n\n<!-- {linkto( ../page#id)[x]} -->\n')).toEqual([])
  })
})

describe('fix-it: an unknown build target with one close match', () => {
  const files = {
    'config/public.docs.config.mjs': "export const config = {build: {points: ['public', 'private', 'private-pg', 'private-cert']}}\n",
    'ru/ru.meta.json': '{"title": "Документация"}\n',
    'ru/page/page.meta.json': '{\n  "title": "Страница",\n  "build": {"for": ["public", "private_pg"]}\n}\n',
    'ru/page/page.md': '{ifdef(public,private-cer)}\nТекст.\n{/ifdef}\n{ifndef(pulic)}\nДругой текст.\n{/ifndef}\n{ifdef(privat-p)}\nНеясно.\n{/ifdef}\n',
    'ru/_includes/_frag.md': 'Фрагмент: {linkto(../page#x)[пополнить]}.\n',
  }
  const tree = new DocsTree(memoryFileSystem(files))
  const messages = validate(tree)
  const fixed = applyFixes(messages, (file) => tree.read(file))

  it('replaces exactly the misspelt name in {ifdef} and {ifndef}', () => {
    expect(fixed.get('ru/page/page.md')).toBe('{ifdef(public,private-cert)}\nТекст.\n{/ifdef}\n{ifndef(public)}\nДругой текст.\n{/ifndef}\n{ifdef(privat-p)}\nНеясно.\n{/ifdef}\n')
  })
  it('replaces the JSON string in meta build.for', () => {
    expect(fixed.get('ru/page/page.meta.json')).toBe('{\n  "title": "Страница",\n  "build": {"for": ["public", "private-pg"]}\n}\n')
  })
  it('offers nothing for a name with no single close match', () => {
    const unclear = messages.find((message) => message.ruleId === 'unknown-build-target' && message.line === 7)
    expect(unclear?.reason).toContain('privat-p')
    expect(unclear?.fix).toBeUndefined()
  })
  it('fixes a fragment the tree lint reads once, through the pages or on its own', () => {
    expect(fixed.get('ru/_includes/_frag.md')).toBe('Фрагмент: {linkto(../page#x)[text=пополнить]}.\n')
  })
  it('lints the fixed tree without the fixed problems', () => {
    const again = new DocsTree(memoryFileSystem({...files, ...Object.fromEntries(fixed)}))
    const left = validate(again).map((message) => `${message.file}:${message.line} ${message.ruleId}`)
    expect(left).toEqual(['ru/page/page.md:7 unknown-build-target'])
  })
})

describe('applyFixes', () => {
  const message = (file: string, start: number, end: number, text: string): VkdocMessage => report('malformed-directive', 'an edit', undefined, {file, fix: {start, end, text}})
  it('applies the edits of each file from the end, so earlier offsets stay valid', () => {
    const result = applyFixes([message('a.md', 0, 1, 'AA'), message('a.md', 4, 5, 'EE'), message('b.md', 0, 0, '>')], (file) => (file === 'a.md' ? 'abcdef' : 'b'))
    expect(result.get('a.md')).toBe('AAbcdEEf')
    expect(result.get('b.md')).toBe('>b')
  })
  it('keeps one of two overlapping edits and one copy of a repeated edit', () => {
    const result = applyFixes([message('a.md', 1, 3, 'X'), message('a.md', 2, 4, 'Y'), message('a.md', 1, 3, 'X')], () => 'abcdef')
    expect(['aXdef', 'abYef']).toContain(result.get('a.md'))
  })
  it('skips files it cannot read and edits outside the text', () => {
    const result = applyFixes([message('gone.md', 0, 0, 'x'), message('a.md', 10, 12, 'x')], (file) => (file === 'a.md' ? 'abc' : undefined))
    expect(result.has('gone.md')).toBe(false)
    expect(result.get('a.md')).toBe('abc')
  })
})
