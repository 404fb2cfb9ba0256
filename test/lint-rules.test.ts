/**
 * Lint rules, proven per code by fixtures under `fixtures/lint/<code>/`:
 *
 * - `ok.md` lints clean (no message at all), `not-ok.md` gives exactly the
 *   messages of `not-ok.messages.txt` (`line:column-endLine:endColumn code: reason`);
 * - `tree/` is a tiny docs tree (config, `ru/ru.meta.json`, pages with meta,
 *   fragments) whose `ok` pages are clean and whose whole lint over every
 *   target gives exactly `tree.messages.txt` (the same lines prefixed by the file);
 * - `options.json` holds validate() options (`{"profile": "faq"}`).
 *
 * The examples of the rule documentation (`examples` in the registry) run
 * here too: each `bad` produces its code, each `good` does not.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {codes, DocsTree, loadDocs, memoryFileSystem, validate, type Code, type ValidateOptions, type VkdocMessage} from '../src/node.js'

const fixturesDir = new URL('../fixtures/lint/', import.meta.url).pathname
const fixtureCodes = readdirSync(fixturesDir).sort()

/**
 * Codes no check reports yet (no rule produces them in src/): a fixture for
 * them could not pass. When one is implemented, give it fixtures and drop it here.
 */
const notProducedYet = new Set<Code>([])

/**
 * Budgets whose trigger cannot be a small fixture file (a 2 Mi-character page,
 * 1,001 messages of one code, a file outside the tree, a file the system refuses to read); each has its own test:
 * test/limits-page-size.test.ts, test/limits-diagnostics.test.ts, test/tree-errors.test.ts.
 */
const testedElsewhere = new Set<Code>(['page-size-limit', 'diagnostics-limit', 'page-outside-root', 'file-unreadable'])

/**
 * Known bugs outside the lint rules, each with the exact difference between
 * what the linter reports and what the fixture expects. The test asserts both
 * that the difference is exactly this and that the bug is still there, so the
 * entry must go when the bug is fixed.
 */
const knownBugs: Partial<Record<Code, {bug: string; undo: (lines: string[]) => string[]}>> = {
}

/** One message as a fixture line: `[file:]line:column-endLine:endColumn code: reason`. */
function formatMessage(message: VkdocMessage, withFile: boolean): string {
  const place = message.place
  const end = place && 'end' in place ? place.end : {line: message.line, column: message.column}
  return `${withFile ? `${message.file}:` : ''}${message.line}:${message.column}-${end.line}:${end.column} ${message.ruleId}: ${message.reason}`
}

function readLines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').filter((line) => line !== '')
}

function optionsOf(dir: string): ValidateOptions {
  const path = join(dir, 'options.json')
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ValidateOptions) : {}
}

/** Compare with the expected lines, through the known bug of `code` when it has one. */
function expectExact(code: Code, actual: string[], expected: string[]): void {
  const known = knownBugs[code]
  if (!known) {
    expect(actual).toEqual(expected)
    return
  }
  expect(known.undo(actual), `beyond the known bug: ${known.bug}`).toEqual(expected)
  expect(actual, `the known bug is fixed (${known.bug}): remove it from knownBugs`).not.toEqual(expected)
}

describe('lint fixtures', () => {
  it('exist for every code a check can report, and for no unknown code', () => {
    for (const name of fixtureCodes) expect(name in codes, `fixtures/lint/${name} is not a registry code`).toBe(true)
    for (const code of Object.keys(codes) as Code[]) {
      if (testedElsewhere.has(code)) continue
      if (notProducedYet.has(code)) expect(fixtureCodes, `${code} has fixtures: remove it from notProducedYet`).not.toContain(code)
      else expect(fixtureCodes, `fixtures/lint/${code} is missing`).toContain(code)
    }
  })

  for (const name of fixtureCodes) {
    const code = name as Code
    const dir = join(fixturesDir, name)
    const options = optionsOf(dir)
    describe(name, () => {
      if (existsSync(join(dir, 'ok.md'))) {
        it('reports nothing on the correct file', () => {
          const messages = validate(readFileSync(join(dir, 'ok.md'), 'utf8'), {...options, path: 'ok.md'})
          expect(messages.map((message) => formatMessage(message, false))).toEqual([])
        })
      }
      if (existsSync(join(dir, 'not-ok.md'))) {
        it('reports exactly the expected messages on the faulty file', () => {
          const expected = readLines(join(dir, 'not-ok.messages.txt'))
          expect(expected.some((line) => line.includes(` ${code}: `)), 'the fixture shows its own code').toBe(true)
          const messages = validate(readFileSync(join(dir, 'not-ok.md'), 'utf8'), {...options, path: 'not-ok.md'})
          expectExact(code, messages.map((message) => formatMessage(message, false)), expected)
        })
      }
      if (existsSync(join(dir, 'tree'))) {
        it('reports exactly the expected messages over the tree, none on its ok pages', () => {
          const expected = readLines(join(dir, 'tree.messages.txt'))
          expect(expected.some((line) => line.includes(` ${code}: `)), 'the fixture shows its own code').toBe(true)
          expect(expected.filter((line) => line.startsWith('ru/ok/')), 'ok pages are clean').toEqual([])
          const tree = loadDocs(join(dir, 'tree'))
          expect(tree.page('ru/ok/ok.md'), 'the tree has an ok page').toBeDefined()
          const messages = validate(tree, options)
          expectExact(code, messages.map((message) => formatMessage(message, true)), expected)
        })
      }
    })
  }
})

/**
 * A tree-stage example runs as the one page of a minimal tree: build points
 * `public` and `private`, the variable `cloud`, and the example at
 * `ru/example/example.md` built for both.
 */
function lintExample(code: Code, text: string): VkdocMessage[] {
  const options: ValidateOptions = code.startsWith('faq-') ? {profile: 'faq'} : {}
  if (codes[code].stage !== 'tree') return validate(text, options)
  const tree = new DocsTree(
    memoryFileSystem({
      'config/public.docs.config.mjs': "export const config = {build: {points: ['public', 'private']}}\n",
      'ru/ru.meta.json': JSON.stringify({title: 'Документация', variables: {cloud: 'VK Cloud'}}),
      'ru/example/example.meta.json': JSON.stringify({title: 'Пример', build: {for: ['public', 'private']}}),
      'ru/example/example.md': text,
    }),
  )
  return validate(tree, options)
}

describe('rule documentation examples', () => {
  const withExamples = (Object.keys(codes) as Code[]).filter((code) => (codes[code] as {examples?: unknown}).examples)

  it('exist for every code a single file can show', () => {
    for (const name of fixtureCodes) {
      if (existsSync(join(fixturesDir, name, 'not-ok.md'))) expect(withExamples, `${name} has a one-file fixture but no examples`).toContain(name)
    }
  })

  for (const code of withExamples) {
    const examples = (codes[code] as {examples: {bad: string; good?: string}}).examples
    it(`${code}: the incorrect example reports it${examples.good === undefined ? '' : ', the correct one does not'}`, () => {
      const bad = lintExample(code, examples.bad).map((message) => message.ruleId)
      expect(bad, `examples.bad of ${code}`).toContain(code)
      if (examples.good !== undefined) {
        const good = lintExample(code, examples.good).map((message) => message.ruleId)
        expect(good, `examples.good of ${code}`).not.toContain(code)
      }
    })
  }
})
