#!/usr/bin/env node
// Fingerprints of everything vkdoc produces for a docs tree: the HTML and plain
// Markdown of every page for every build target it is built for, the FAQ JSON of
// FAQ pages, and the lint output over the whole tree. A refactoring must leave
// them byte-identical: run this before and after and compare.
//
//   node scripts/golden.mjs [--root ../shared/corpus] [--lang ru] [--out FILE] [--compare FILE]
//
// Needs `npm run build` (it imports dist/).
import {createHash} from 'node:crypto'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {parseArgs} from 'node:util'

const {values} = parseArgs({options: {root: {type: 'string', default: '../shared/corpus'}, lang: {type: 'string', default: 'ru'}, out: {type: 'string'}, compare: {type: 'string'}}})
if (!existsSync(values.root)) {
  console.error(`golden: no docs tree at ${values.root}`)
  process.exit(2)
}
const lib = await import(new URL('../dist/node.js', import.meta.url).href)
const hash = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16)
const tree = lib.loadDocs(values.root, {lang: values.lang})
const entries = {}
for (const page of tree.pages()) {
  if (page.dontbuild) continue
  for (const target of page.targets.length > 0 ? page.targets : ['public']) {
    const compiled = tree.render(page.file, {target})
    const html = lib.hastToHtml(lib.mdastToHast(compiled.mdast))
    const markdown = lib.mdastToMarkdown(compiled.mdast)
    const key = `${page.file} @${target}`
    entries[`${key} html`] = hash(html)
    entries[`${key} md`] = hash(markdown)
    if (/\/faq\/faq\.md$/.test(page.file)) entries[`${key} faq`] = hash(JSON.stringify(lib.faqFromCompiled(compiled, {meta: {title: page.title ?? null}})))
  }
}
const lint = lib.validate(lib.loadDocs(values.root, {lang: values.lang}))
entries['lint json'] = hash(lib.formatJson(lint, {cwd: process.cwd()}))
entries['lint count'] = String(lint.length)
const seedFile = new URL('../../shared/seed/partners-faq.md', import.meta.url)
if (existsSync(seedFile)) {
  const seed = readFileSync(seedFile, 'utf8')
  entries['seed html'] = hash(lib.toHtml(seed))
  entries['seed md'] = hash(lib.toMarkdown(seed))
  entries['seed faq'] = hash(JSON.stringify(lib.toJson(seed, {faq: true})))
  entries['seed json'] = hash(JSON.stringify(lib.toJson(seed)))
}
const total = hash(JSON.stringify(entries))
const result = {total, count: Object.keys(entries).length, entries}
if (values.out) writeFileSync(values.out, JSON.stringify(result, null, 1) + '\n')
console.log(`golden: ${result.count} fingerprints, total ${total}`)
if (values.compare) {
  const before = JSON.parse(readFileSync(values.compare, 'utf8'))
  const keys = new Set([...Object.keys(before.entries), ...Object.keys(entries)])
  const differ = [...keys].filter((key) => before.entries[key] !== entries[key]).sort()
  for (const key of differ.slice(0, 50)) console.log(`  differs: ${key}`)
  console.log(differ.length === 0 ? 'golden: identical' : `golden: ${differ.length} differ`)
  process.exit(differ.length === 0 ? 0 : 1)
}
