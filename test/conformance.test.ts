/**
 * Conformance with the independent defect scan (spec/defects-ru.tsv): recall
 * 100 % for codes with fewer than 20 rows, ≥ 95 % otherwise, and every extra
 * diagnostic listed in test/conformance-extra.tsv with its reason (each row of
 * which must still be reported). Skipped when ../shared is absent.
 */
import {existsSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {loadDocs, validate} from '../src/node.js'

const corpus = new URL('../../shared/corpus', import.meta.url).pathname
const spec = new URL('../../shared/spec/defects-ru.tsv', import.meta.url).pathname
const available = existsSync(`${corpus}/ru`) && existsSync(spec)
if (!available) console.log('corpus or spec not found: conformance test skipped')

const rows = (text: string) => text.split('\n').filter((line) => line.trim() && !line.startsWith('#')).map((line) => line.split('\t'))

describe.skipIf(!available)('validate() over ru, all targets, against the defect scan', () => {
  it('finds the scan rows and explains every extra', {timeout: 1_200_000}, () => {
    // The scan judges the dialect, not FAQ style: FAQ rules are left out (test/cli-corpus.test.ts checks them on the FAQ pages).
    const messages = validate(loadDocs(corpus, {lang: 'ru'}), {isFaqPage: () => false})
    const key = (file: unknown, line: unknown, code: unknown) => `${file}\t${line}\t${code}`
    const got = new Set(messages.map((message) => key(message.file, message.line, message.ruleId)))
    const want = rows(readFileSync(spec, 'utf8')).map(([file, line, code]) => key(file, line, code))
    const extras = rows(readFileSync(new URL('./conformance-extra.tsv', import.meta.url), 'utf8'))
    expect(extras.length).toBeLessThanOrEqual(50)
    for (const extra of extras) expect(extra[3], `reason for ${extra.join(' ')}`).toBeTruthy()
    const byCode = new Map<string, string[]>()
    for (const row of want) byCode.set(row.split('\t')[2]!, [...(byCode.get(row.split('\t')[2]!) ?? []), row])
    for (const [code, wanted] of byCode) {
      const missed = wanted.filter((row) => !got.has(row))
      const recall = 1 - missed.length / wanted.length
      expect(recall, `${code} missed: ${missed.join(' | ')}`).toBeGreaterThanOrEqual(wanted.length < 20 ? 1 : 0.95)
    }
    const wantSet = new Set(want)
    const allowed = new Set(extras.map(([file, line, code]) => key(file, line, code)))
    const unexplained = [...got].filter((row) => !wantSet.has(row) && !allowed.has(row))
    expect(unexplained).toEqual([])
    // Each explained extra is still reported (the list cannot go stale).
    for (const row of allowed) expect(got.has(row), row).toBe(true)
  })
})
