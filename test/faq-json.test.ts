/**
 * FAQ JSON that consumers can rely on: ids are never empty, questions are
 * plain text (with an HTML twin), links carry only URLs the HTML keeps, the
 * page's place is there when a tree rendered it, and options are checked.
 */
import {readFileSync} from 'node:fs'
import Ajv from 'ajv'
import {describe, expect, it} from 'vitest'
import {compile, DocsTree, faqFromCompiled, memoryFileSystem, toJson, type CompileOptions, type FaqDocument} from '../src/index.js'

const schema = JSON.parse(readFileSync(new URL('../schema/faq.schema.json', import.meta.url), 'utf8'))
const validateSchema = new Ajv({allErrors: true}).compile(schema)

function expectValid(faq: FaqDocument): void {
  expect(validateSchema(faq), JSON.stringify(validateSchema.errors)).toBe(true)
}

describe('FAQ JSON', () => {
  it('never gives a question an empty id (punctuation only, text that did not decode)', () => {
    const faq = toJson('{cut(???)}\nА.\n{/cut}\n\n{cut(\uFFFD\uFFFD\uFFFD?)}\nБ.\n{/cut}\n\n{cut()}\nВ.\n{/cut}\n', {faq: true})
    expect(faq.questions.map((question) => question.id)).toEqual(['question', 'question-1', 'question-2'])
    expectValid(faq)
  })

  it('gives the question as plain text, and as sanitised HTML beside it', () => {
    const faq = toJson('{cut(Что такое `vkdoc` <img src=x onerror=alert(1)>?)}\nОтвет <b onclick="x()">жирный</b>.\n{/cut}\n', {faq: true})
    const [question] = faq.questions
    expect(question!.question).toBe('Что такое vkdoc ?')
    expect(question!.questionHtml).toBe('Что такое <code>vkdoc</code> <img src="x">?')
    expect(question!.answer.text).toBe('Ответ жирный.')
    expect(question!.answer.html).not.toContain('onclick')
    expectValid(faq)
  })

  it('lists only links whose URL the HTML keeps', () => {
    const faq = toJson('{cut(Ссылки?)}\n[хорошая](https://example.com) [плохая](javascript:alert(1)) [данные](data:text/html,<b>x</b>) {linkto(javascript:alert(1))[text=тоже]}\n{/cut}\n', {faq: true})
    expect(faq.questions[0]!.links).toEqual([{target: 'https://example.com', href: 'https://example.com', text: 'хорошая'}])
    expect(faq.questions[0]!.answer.html).not.toContain('javascript:')
    expectValid(faq)
  })

  it('carries the page URL, file, language and target when rendered in a tree', () => {
    const tree = new DocsTree(
      memoryFileSystem({
        'config/public.docs.config.mjs': "export const config = {build: {points: ['public']}}\n",
        'ru/ru.meta.json': '{"title": "Документация"}',
        'ru/start/faq/faq.meta.json': '{"title": "Вопросы", "build": {"for": ["public"]}}',
        'ru/start/faq/faq.md': '{cut(Как?)}\nТак.\n{/cut}\n',
      }),
    )
    const page = {url: '/ru/start/faq', file: 'ru/start/faq/faq.md', lang: 'ru', target: 'public'}
    const faq = faqFromCompiled(tree.render('ru/start/faq/faq.md'), {meta: {title: 'Вопросы', page}})
    expect(faq).toMatchObject({title: 'Вопросы', page, questions: [{id: 'как', question: 'Как?'}]})
    expectValid(faq)
  })

  it('comes from a compiled page without options', () => {
    expect(faqFromCompiled(compile('{cut(Как?)}\nТак.\n{/cut}\n')).questions).toHaveLength(1)
  })

  it('refuses options it does not know, as every library function does', () => {
    expect(() => toJson('x', {faq: true, root: '.', path: 'ru/x.md'} as unknown as CompileOptions & {faq: true})).toThrow(/unknown option `root`/)
    expect(() => compile('x', {targte: 'public'} as unknown as CompileOptions)).toThrow(TypeError)
    expect(() => toJson('x', {faq: true, target: 'public', path: 'ru/x/x.md'})).not.toThrow()
  })
})
