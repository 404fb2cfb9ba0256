/**
 * FAQ JSON: the schema, and the seed (skipped when ../shared/seed is absent).
 * The question counts of every ru FAQ page are in test/corpus/render.test.ts.
 */
import {readFileSync} from 'node:fs'
import Ajv from 'ajv'
import {describe, expect, it} from 'vitest'
import {toJson, validate} from '../src/node.js'
import {absent, seedFile, skipNote} from './support/shared-files.js'

const noSeed = absent(['seed']).length > 0
const schema = JSON.parse(readFileSync(new URL('../schema/faq.schema.json', import.meta.url), 'utf8'))
const validateSchema = new Ajv({allErrors: true}).compile(schema)

const sample = `# {heading(Вопросы и ответы)[id=faq]}

## {heading(Оплата)[id=pay]}

{cut(Как оплатить {var(cloud)}?)}

Смотрите {linkto(#pay)[text=%text]} и [сайт](https://example.com).

{cut(Вложенный?)}
Да.
{/cut}

{/cut}

{cut(Как оплатить VK Cloud?)}
Второй раз.
{/cut}
`

describe('FAQ JSON', () => {
  it('gives one question per top-level cut with group, links and a unique stable id', () => {
    const faq = toJson(sample, {faq: true, variables: {cloud: 'VK Cloud'}})
    expect(validateSchema(faq), JSON.stringify(validateSchema.errors)).toBe(true)
    expect(faq.title).toBe('Вопросы и ответы')
    expect(faq.id).toBe('faq')
    expect(faq.questions.map((question) => question.id)).toEqual(['как-оплатить-vk-cloud', 'как-оплатить-vk-cloud-1'])
    expect(faq.questions[0]!.group).toEqual({id: 'pay', text: 'Оплата'})
    expect(faq.questions[0]!.links).toEqual([
      {target: '#pay', href: '#pay', text: 'Оплата'},
      {target: 'https://example.com', href: 'https://example.com', text: 'сайт'},
    ])
    expect(faq.questions[0]!.answer.html).toContain('<details')
    expect(faq.questions[0]!.answer.markdown).not.toContain('{cut')
  })

  it.skipIf(noSeed)(`turns the seed into 15 questions that match the schema${skipNote(['seed'])}`, () => {
    const faq = toJson(readFileSync(seedFile, 'utf8'), {faq: true})
    expect(validateSchema(faq), JSON.stringify(validateSchema.errors)).toBe(true)
    expect(faq.questions).toHaveLength(15)
    expect(faq.questions.every((question) => question.question.endsWith('?'))).toBe(true)
    expect(new Set(faq.questions.map((question) => question.id)).size).toBe(15)
  })

  it.skipIf(noSeed)(`reports nothing for the seed alone (placed in the ru tree: test/corpus/render.test.ts)${skipNote(['seed'])}`, () => {
    expect(validate(readFileSync(seedFile, 'utf8'), {profile: 'faq'})).toEqual([])
  })
})
