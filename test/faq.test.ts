/**
 * FAQ JSON: the seed, the schema, and the question counts of every ru FAQ page
 * (spec/faq-pages.md).
 */
import {existsSync, readFileSync} from 'node:fs'
import Ajv from 'ajv'
import {describe, expect, it} from 'vitest'
import {loadDocs, toJson, validate} from '../src/node.js'

const corpus = new URL('../../shared/corpus', import.meta.url).pathname
const seedFile = new URL('../../shared/seed/partners-faq.md', import.meta.url).pathname
const hasCorpus = existsSync(`${corpus}/ru`)
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

  it.skipIf(!existsSync(seedFile))('turns the seed into 15 questions that match the schema', () => {
    const faq = toJson(readFileSync(seedFile, 'utf8'), {faq: true})
    expect(validateSchema(faq), JSON.stringify(validateSchema.errors)).toBe(true)
    expect(faq.questions).toHaveLength(15)
    expect(faq.questions.every((question) => question.question.endsWith('?'))).toBe(true)
    expect(new Set(faq.questions.map((question) => question.id)).size).toBe(15)
  })

  it.skipIf(!existsSync(seedFile))('reports nothing for the seed alone and only the undefined anchor in the tree', () => {
    const seed = readFileSync(seedFile, 'utf8')
    expect(validate(seed, {profile: 'faq'})).toEqual([])
    if (!hasCorpus) return
    const messages = validate(seed, {root: loadDocs(corpus, {lang: 'ru'}), path: 'ru/start/partners/faq/faq.md', profile: 'faq'})
    expect(messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual(['41:45 linkto-missing-anchor'])
    expect(messages[0]!.reason).toContain('#study')
  })

  // spec/faq-pages.md, per-file table (ru rows).
  const expected: Record<string, number> = {
    'ru/access/iam/faq/faq.md': 4,
    'ru/applications-and-services/1cgrm/faq/faq.md': 13,
    'ru/applications-and-services/marketplace/faq/faq.md': 8,
    'ru/cases/sprut-migration/faq/faq.md': 24,
    'ru/computing/cloud-desktops/faq/faq.md': 3,
    'ru/computing/iaas/faq/faq.md': 74,
    'ru/data-platform/dlh/faq/faq.md': 4,
    'ru/dbs/dbaas/faq/faq.md': 29,
    'ru/intro/billing/faq/faq.md': 47,
    'ru/intro/it-security/faq/faq.md': 36,
    'ru/kubernetes/k8s/faq/faq.md': 5,
    'ru/ml/mlplatform/faq/faq.md': 3,
    'ru/ml/spark-to-k8s/faq/faq.md': 5,
    'ru/networks/balancing/faq/faq.md': 8,
    'ru/networks/cdn/faq/faq.md': 22,
    'ru/networks/vnet/faq/faq.md': 11,
    'ru/start/faq/faq.md': 39,
    'ru/start/partners/faq/faq.md': 15,
    'ru/storage/backups/faq/faq.md': 8,
    'ru/storage/s3/faq/faq.md': 30,
    'ru/tools-for-using-services/account/faq/faq.md': 13,
    'ru/tools-for-using-services/vk-cloud-account/faq/faq.md': 9,
  }
  it.skipIf(!hasCorpus)('gives exactly the question counts of every ru FAQ page, schema-valid', () => {
    const tree = loadDocs(corpus, {lang: 'ru'})
    const faqPages = tree.pages().filter((page) => page.file.endsWith('/faq/faq.md'))
    expect(faqPages.map((page) => page.file).sort()).toEqual(Object.keys(expected).sort())
    for (const page of faqPages) {
      const compiled = tree.render(page.file, {target: 'public'})
      const faq = toJson(compiled.mdast, {faq: true})
      expect(validateSchema(faq), page.file).toBe(true)
      expect(faq.questions.length, page.file).toBe(expected[page.file])
    }
  })
})
