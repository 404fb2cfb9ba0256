#!/usr/bin/env node
/**
 * `npm run conformance`: lint ../shared/corpus (ru) over all build targets and
 * compare distinct (file, line, code) with spec/defects-ru.tsv, per code.
 * Recall must be 100 % for codes with fewer than 20 rows and ≥ 95 % for the
 * others; every extra diagnostic must be listed, with its reason, in
 * test/conformance-extra.tsv. Exit 1 when a target is missed.
 */
import {existsSync, readFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const corpus = resolve(process.argv[2] ?? join(here, '..', '..', 'shared', 'corpus'))
const spec = resolve(corpus, '..', 'spec', 'defects-ru.tsv')
if (!existsSync(join(corpus, 'ru')) || !existsSync(spec)) {
  console.log(`conformance: corpus or spec not found under ${corpus}, skipped`)
  process.exit(0)
}
const {loadDocs, validate} = await import(join(here, '..', 'dist', 'node.js'))

export function readRows(text) {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'))
}

const started = performance.now()
const tree = loadDocs(corpus, {lang: 'ru'})
// The scan judges the dialect, not FAQ style: the FAQ rules (on by themselves on FAQ pages) are left out here.
const messages = validate(tree, {isFaqPage: () => false})
const seconds = ((performance.now() - started) / 1000).toFixed(1)
const key = (file, line, code) => `${file}\t${line}\t${code}`
const got = new Map()
for (const message of messages) got.set(key(message.file, message.line, message.ruleId), message)
const want = new Set(readRows(readFileSync(spec, 'utf8')).map(([file, line, code]) => key(file, line, code)))
const extraAllowed = new Map(readRows(readFileSync(join(here, '..', 'test', 'conformance-extra.tsv'), 'utf8')).map(([file, line, code, reason]) => [key(file, line, code), reason]))

const codes = [...new Set([...[...want].map((k) => k.split('\t')[2]), ...[...got.keys()].map((k) => k.split('\t')[2])])].sort()
let failed = false
const rows = []
for (const code of codes) {
  const wanted = [...want].filter((k) => k.endsWith(`\t${code}`))
  const found = [...got.keys()].filter((k) => k.endsWith(`\t${code}`))
  const hits = wanted.filter((k) => got.has(k)).length
  const extras = found.filter((k) => !want.has(k))
  const unexplained = extras.filter((k) => !extraAllowed.has(k))
  const recall = wanted.length === 0 ? 1 : hits / wanted.length
  const precision = found.length === 0 ? 1 : hits / found.length
  const recallTarget = wanted.length < 20 ? 1 : 0.95
  const ok = recall >= recallTarget && unexplained.length === 0
  if (!ok) failed = true
  rows.push({code, expected: wanted.length, reported: found.length, matched: hits, recall: (recall * 100).toFixed(1) + '%', precision: (precision * 100).toFixed(1) + '%', extra: extras.length, unexplained: unexplained.length, ok: ok ? 'PASS' : 'FAIL'})
  for (const k of wanted.filter((k) => !got.has(k))) console.log(`missed  ${k}`)
  for (const k of unexplained) console.log(`extra   ${k}\t${got.get(k).reason}`)
}
const stale = [...extraAllowed.keys()].filter((k) => !got.has(k) || want.has(k))
for (const k of stale) console.log(`stale   ${k} (listed in test/conformance-extra.tsv but not reported as an extra)`)
if (stale.length > 0) failed = true
if (extraAllowed.size > 50) {
  console.log('conformance-extra.tsv has more than 50 rows')
  failed = true
}
console.table(rows)
const totalWant = want.size
const totalHit = [...want].filter((k) => got.has(k)).length
console.log(`ru: ${messages.length} diagnostics in ${seconds} s; ${totalHit}/${totalWant} scan rows found; ${got.size - totalHit} extra (${extraAllowed.size} explained)`)
process.exit(failed ? 1 : 0)
