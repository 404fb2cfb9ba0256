/**
 * The formatter over the ru corpus: every file is formatted, the formatted
 * tree renders byte-identical HTML for every page and build target, and a
 * second pass changes nothing. Skipped when ../shared/corpus is absent.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {formatPage, hastToHtml, loadDocs, mdastToHast, memoryFileSystem, type DocsTree, type FormatRule} from '../src/index.js'

const corpus = fileURLToPath(new URL('../../shared/corpus', import.meta.url))
const present = existsSync(join(corpus, 'ru'))

function filesUnder(folder: string): string[] {
  return readdirSync(folder, {withFileTypes: true}).flatMap((entry) => {
    const path = join(folder, entry.name)
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : []
  })
}

/** Every page of the tree for every target it is built for, as HTML. */
function renderAll(tree: DocsTree): Map<string, string> {
  const pages = new Map<string, string>()
  for (const page of tree.pages()) {
    if (page.dontbuild) continue
    for (const target of page.targets.length > 0 ? page.targets : ['public']) {
      pages.set(`${page.file} @${target}`, hastToHtml(mdastToHast(tree.render(page.file, {target}).mdast)))
    }
  }
  return pages
}

describe.skipIf(!present)('formatting the ru corpus', () => {
  it('changes what its rules cover, renders every page and target the same, and is idempotent', () => {
    const texts: Record<string, string> = {}
    for (const path of [...filesUnder(join(corpus, 'ru')), ...filesUnder(join(corpus, 'config'))]) {
      if (/\.(md|json|mjs)$/.test(path)) texts[relative(corpus, path).split('\\').join('/')] = readFileSync(path, 'utf8')
    }
    const original = loadDocs(memoryFileSystem(texts), {lang: 'ru'})
    const formatted: Record<string, string> = {...texts}
    const byRule = new Map<FormatRule, number>()
    const notIdempotent: string[] = []
    let changed = 0
    for (const [file, text] of Object.entries(texts)) {
      if (!file.endsWith('.md')) continue
      const page = original.page(file)
      const targets = page ? (page.targets.length > 0 ? page.targets : ['public']) : undefined
      const result = formatPage(text, targets ? {targets} : undefined)
      if (result.text === text) continue
      changed++
      formatted[file] = result.text
      for (const rule of result.applied) byRule.set(rule, (byRule.get(rule) ?? 0) + 1)
      if (formatPage(result.text, targets ? {targets} : undefined).text !== result.text) notIdempotent.push(file)
    }
    console.log(`format ru: ${changed} files change; by rule: ${JSON.stringify(Object.fromEntries(byRule))}`)
    expect(notIdempotent).toEqual([])
    expect(changed).toBeGreaterThan(200)
    expect([...byRule.keys()].sort()).toEqual(['block-indent', 'block-spacing', 'directive-spelling'])
    const before = renderAll(original)
    const after = renderAll(loadDocs(memoryFileSystem(formatted), {lang: 'ru'}))
    expect(after.size).toBe(before.size)
    const differ = [...before.keys()].filter((key) => before.get(key) !== after.get(key))
    expect(differ).toEqual([])
  }, 600_000)
})
