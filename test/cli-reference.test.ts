/**
 * What is generated from the command table and the registry stays in step:
 * the README's command-line reference, and the configuration schema (its
 * keys, the codes `rules` may name, and agreement with the loader's check).
 */
import {readFileSync} from 'node:fs'
import Ajv from 'ajv'
import {describe, expect, it} from 'vitest'
import {commands} from '../src/cli/commands.js'
import {referenceEnd, referenceStart, renderReference, spliceReference} from '../src/cli/help.js'
import {checkConfig, configKeys} from '../src/config/schema.js'
import {codes} from '../src/diagnostics/codes.js'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const schema = JSON.parse(readFileSync(new URL('../schema/config.schema.json', import.meta.url), 'utf8'))
const validateSchema = new Ajv({allErrors: true}).compile(schema)

describe('the README command-line reference', () => {
  it('is the reference generated from the command table (npm run build && npm run docs:cli)', () => {
    expect(readme).toContain(referenceStart)
    expect(readme).toContain(referenceEnd)
    expect(spliceReference(readme)).toBe(readme)
  })

  it('documents every command and option of the table', () => {
    const reference = renderReference()
    for (const command of commands) {
      expect(reference).toContain(`[\`${command.name}\`]`)
      for (const option of Object.keys(command.options)) if (option !== 'help') expect(reference, `${command.name} --${option}`).toContain(`--${option}`)
    }
  })
})

describe('the configuration schema', () => {
  it('has the keys the loader accepts, and names every code', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...configKeys].sort())
    expect(schema.properties.rules.propertyNames.enum).toEqual(Object.keys(codes))
  })

  const good = [
    {},
    {root: 'docs', lang: 'ru', targets: ['public', 'private-pg'], rules: {'faq-question-mark': 'off'}, faqPages: ['**/faq/faq.md'], ignorePatterns: ['drafts/'], reportUnusedDisables: true, cache: true, cacheLocation: '.vkdoc-cache'},
    {$schema: './node_modules/vkdoc/schema/config.schema.json'},
  ]
  const bad = [
    {roots: 'docs'},
    {rules: {'no-such-code': 'off'}},
    {rules: {'faq-question-mark': 'warning'}},
    {targets: []},
    {targets: ['has space']},
    {lang: '../..'},
    {faqPages: 'faq.md'},
    {reportUnusedDisables: 'yes'},
    {root: ''},
  ]
  it('accepts what the loader accepts', () => {
    for (const config of good) {
      expect(validateSchema(config), JSON.stringify(validateSchema.errors)).toBe(true)
      expect(() => checkConfig(config, 'vkdoc.config.json')).not.toThrow()
    }
  })
  it('refuses what the loader refuses', () => {
    for (const config of bad) {
      expect(validateSchema(config), JSON.stringify(config)).toBe(false)
      expect(() => checkConfig(config, 'vkdoc.config.json'), JSON.stringify(config)).toThrow(/vkdoc\.config\.json: /)
    }
  })
})
