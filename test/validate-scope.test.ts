/**
 * Linting part of a tree gives exactly what the whole-tree run gives for
 * those files; FAQ rules apply to FAQ pages by themselves (with the targets
 * their findings show in) and never to other pages; options are checked.
 */
import {describe, expect, it} from 'vitest'
import {DocsTree, loadDocs, memoryFileSystem, validate, type DocsTreeOptions, type ValidateOptions, type VkdocMessage} from '../src/index.js'

const meta = (title: string, targets: string[]) => JSON.stringify({title, build: {for: targets}})

const files: Record<string, string> = {
  'config/public.docs.config.mjs': "export const config = {build: {points: ['public', 'private']}}\n",
  'ru/ru.meta.json': JSON.stringify({title: 'Документация', variables: {cloud: 'VK Cloud', storage: [{buildPoint: 'public', value: 'VK Object Storage'}]}}),
  'ru/_includes/_frag.md': 'Фрагмент: {linkto(../missing)[text=нет такой]} и {var(storage)}.\n\n{/note}\n',
  'ru/a/a.meta.json': meta('А', ['public', 'private']),
  'ru/a/a.md': '# А\n\n{include(/ru/_includes/_frag.md)}\n',
  'ru/b/b.meta.json': meta('Б', ['public']),
  'ru/b/b.md': '# Б\n\n{include(../_includes/_frag.md)}\n\n[Никуда](/ru/nowhere)\n',
  'ru/c/c.meta.json': meta('В', ['pubic']),
  'ru/c/c.md': '# В\n',
  'ru/faq/faq.meta.json': meta('Вопросы', ['public', 'private']),
  'ru/faq/faq.md': '# Вопросы\n\n{cut(Без знака вопроса)}\nОтвет.\n{/cut}\n\n{ifdef(private)}\n{cut(Только приватный)}\nОтвет.\n{/cut}\n{/ifdef}\n',
  'ru/guide/guide.meta.json': meta('Руководство', ['public']),
  'ru/guide/guide.md': '# Руководство\n\n{cut(Подробнее)}\nТекст.\n{/cut}\n',
}

const tree = (): DocsTree => new DocsTree(memoryFileSystem(files))
const line = (message: VkdocMessage): string =>
  `${message.file}:${message.line}:${message.column} ${message.ruleId}${message.targets ? ` [${message.targets.join(',')}]` : ''}${message.includeChain ? ` via ${message.includeChain.join(' > ')}` : ''}`
const lint = (options: ValidateOptions = {}): string[] => validate(tree(), options).map(line)

describe('validate(tree, {files})', () => {
  const whole = lint()

  it('has findings in pages, a fragment, a meta file and the language meta file to compare', () => {
    expect(whole.some((entry) => entry.startsWith('ru/_includes/_frag.md:1:11 linkto-missing-page'))).toBe(true)
    expect(whole.some((entry) => entry.startsWith('ru/_includes/_frag.md:3:1 stray-close'))).toBe(true)
    expect(whole.some((entry) => entry.startsWith('ru/c/c.meta.json:') && entry.includes('unknown-build-target'))).toBe(true)
    expect(whole.some((entry) => entry.startsWith('ru/ru.meta.json:') && entry.includes('var-no-value-for-build [private]'))).toBe(true)
    expect(whole.some((entry) => entry.startsWith('ru/b/b.md:') && entry.includes('link-missing-page'))).toBe(true)
  })

  const scopes: Array<[string, (file: string) => boolean]> = [
    ['one fragment (judged through both pages including it)', (file) => file === 'ru/_includes/_frag.md'],
    ['one page', (file) => file === 'ru/b/b.md'],
    ['a folder', (file) => file.startsWith('ru/c/')],
    ['the language meta file (variables)', (file) => file === 'ru/ru.meta.json'],
    ['the FAQ page', (file) => file === 'ru/faq/faq.md'],
    ['everything under ru/', (file) => file.startsWith('ru/')],
  ]
  for (const [name, inScope] of scopes) {
    it(`reports for ${name} exactly what the whole run reports for it`, () => {
      const expected = whole.filter((entry) => inScope(entry.slice(0, entry.indexOf(':'))))
      expect(expected.length).toBeGreaterThan(0)
      expect(lint({files: inScope})).toEqual(expected)
    })
  }

  it('takes a list of tree paths as well as a predicate', () => {
    expect(lint({files: ['ru/_includes/_frag.md', 'ru/c/c.meta.json']})).toEqual(whole.filter((entry) => entry.startsWith('ru/_includes/') || entry.startsWith('ru/c/c.meta.json')))
  })
})

describe('FAQ pages', () => {
  it('get the FAQ rules by themselves, with the targets each finding shows in; other pages never do', () => {
    const faq = lint().filter((entry) => entry.includes(' faq-'))
    expect(faq).toEqual(['ru/faq/faq.md:3:1 faq-question-mark', 'ru/faq/faq.md:8:1 faq-question-mark [private]'])
  })

  it('are chosen by isFaqPage when it is given', () => {
    const faq = lint({isFaqPage: (file) => file === 'ru/guide/guide.md'}).filter((entry) => entry.includes(' faq-'))
    expect(faq).toEqual(['ru/guide/guide.md:3:1 faq-question-mark'])
  })

  it('are, for one text, its path (`…/faq/faq.md`) or `profile: faq`', () => {
    const text = '{cut(Без вопроса)}\nОтвет.\n{/cut}\n'
    expect(validate(text, {path: 'docs/faq/faq.md'}).map((message) => message.ruleId)).toEqual(['faq-question-mark'])
    expect(validate(text, {path: 'docs/guide.md'})).toEqual([])
    expect(validate(text, {path: 'docs/guide.md', profile: 'faq'}).map((message) => message.ruleId)).toEqual(['faq-question-mark'])
  })
})

describe('validate options', () => {
  it('throw on an unknown option and on a profile for a whole tree (programmer errors)', () => {
    expect(() => validate('x', {roots: 'x'} as unknown as ValidateOptions)).toThrow(/unknown validate option `roots`/)
    expect(() => validate(tree(), {profile: 'faq'})).toThrow(TypeError)
    expect(() => validate('x', {target: ''})).toThrow(TypeError)
    expect(() => loadDocs(memoryFileSystem(files), {root: '.'} as unknown as DocsTreeOptions)).toThrow(/loadDocs: unknown option `root`/)
  })
})
