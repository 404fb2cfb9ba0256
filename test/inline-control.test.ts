/**
 * `<!-- vkdoc-disable… -->` comments: what they switch off, where, and when a
 * comment that does nothing is itself reported.
 */
import {describe, expect, it} from 'vitest'
import {DocsTree, memoryFileSystem, validate} from '../src/index.js'

const typo = '{linto(../a)[text=b]}'
const lines = (text: string, options = {}) => validate(text, options).map((message) => `${message.line} ${message.ruleId}`)

describe('inline control', () => {
  it('disables the next line, for the codes named or for every code', () => {
    expect(lines(`<!-- vkdoc-disable-next-line unknown-directive -->\n${typo}\n${typo}\n`)).toEqual(['3 unknown-directive'])
    expect(lines(`<!-- vkdoc-disable-next-line -->\n${typo}\n`)).toEqual([])
    expect(lines(`<!-- vkdoc-disable-next-line stray-close -->\n${typo}\n`)).toEqual(['2 unknown-directive'])
  })

  it('disables the comment\'s own line', () => {
    expect(lines(`${typo} <!-- vkdoc-disable-line unknown-directive -->\n${typo}\n`)).toEqual(['2 unknown-directive'])
  })

  it('disables a range until vkdoc-enable, code by code', () => {
    const text = `<!-- vkdoc-disable unknown-directive, stray-close -->\n${typo}\n{/cut}\n<!-- vkdoc-enable stray-close -->\n${typo}\n{/cut}\n<!-- vkdoc-enable -->\n${typo}\n`
    expect(lines(text)).toEqual(['6 stray-close', '8 unknown-directive'])
  })

  it('runs to the end of the file when never enabled again, and takes a reason after --', () => {
    expect(lines(`<!-- vkdoc-disable unknown-directive -- опечатка для учебника -->\n\n${typo}\n\n${typo}\n`)).toEqual([])
  })

  it('is not a comment inside code', () => {
    expect(lines(`\`<!-- vkdoc-disable-next-line -->\`\n${typo}\n\n\`\`\`\n<!-- vkdoc-disable -->\n\`\`\`\n${typo}\n`)).toEqual(['2 unknown-directive', '7 unknown-directive'])
  })

  it('reports a code vkdoc does not have always, and a comment that suppresses nothing on request', () => {
    const text = `<!-- vkdoc-disable-next-line unknown-drective -->\n${typo}\n\n<!-- vkdoc-disable-next-line stray-close -->\nТекст.\n`
    expect(lines(text)).toEqual(['1 unused-disable-directive', '2 unknown-directive'])
    expect(lines(text, {reportUnusedDisables: true})).toEqual(['1 unused-disable-directive', '2 unknown-directive', '4 unused-disable-directive'])
  })

  it('is switched off with inlineControl: false', () => {
    expect(lines(`<!-- vkdoc-disable-next-line -->\n${typo}\n`, {inlineControl: false})).toEqual(['2 unknown-directive'])
  })

  it('applies a fragment\'s comments to what is reported in the fragment, from every page including it', () => {
    const tree = new DocsTree(
      memoryFileSystem({
        'config/public.docs.config.mjs': "export const config = {build: {points: ['public']}}\n",
        'ru/ru.meta.json': '{"title": "Документация"}',
        'ru/_includes/_frag.md': '<!-- vkdoc-disable-next-line linkto-missing-page -->\n{linkto(../missing)[text=нет]}\n\n{linkto(../missing)[text=нет]}\n',
        'ru/a/a.meta.json': '{"title": "А", "build": {"for": ["public"]}}',
        'ru/a/a.md': '{include(/ru/_includes/_frag.md)}\n',
        'ru/b/b.meta.json': '{"title": "Б", "build": {"for": ["public"]}}',
        'ru/b/b.md': '{include(/ru/_includes/_frag.md)}\n\n<!-- vkdoc-disable-next-line -->\n{linkto(../missing)[text=нет]}\n',
      }),
    )
    expect(validate(tree, {reportUnusedDisables: true}).map((message) => `${message.file}:${message.line} ${message.ruleId}`)).toEqual(['ru/_includes/_frag.md:4 linkto-missing-page'])
  })
})
