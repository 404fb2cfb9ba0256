/**
 * What the corpus tests (`test/corpus/*.test.ts`, the `corpus` project) share:
 * `describeCorpus` (skipped, with the reason in its name, when a part of
 * ../shared is absent) and the expensive passes over the ru corpus, each run
 * at most once per test file and memoised here.
 *
 * Test files run in separate workers, so a pass is shared by the tests of
 * one file: a new test goes into the file whose pass it reads.
 * - `corpusLint()`, the tree-wide lint over every build target: lint.test.ts
 * - `renderedPages()`, every page rendered for public: render.test.ts
 * - `corpusFiles()`, every Markdown file read and parsed: parse.test.ts
 * - `formattedFiles()`, every Markdown file formatted: format.test.ts
 * - `corpusTree()` alone (index, resolution, expansion; no Markdown parse): tree.test.ts
 * (lint.test.ts also runs the CLI on a folder, which reads the corpus itself.)
 */
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, relative, sep} from 'node:path'
import {describe} from 'vitest'
import {
  faqFromCompiled,
  formatPage,
  hastToHtml,
  isFaqPagePath,
  loadDocs,
  mdastToHast,
  mdastToMarkdown,
  parse,
  validate,
  type DocsTree,
  type FaqDocument,
  type FormatResult,
  type PairingStats,
  type ParseResult,
  type VkdocMessage,
} from '../../src/node.js'
import {openLintCache} from '../../src/cli/cache.js'
import {absent, corpusRoot, defectsFile, skipNote, type SharedPart} from '../support/shared-files.js'

export {corpusRoot, defectsFile, faqPagesFile, seedFile} from '../support/shared-files.js'

/** A `describe` over ../shared: reported as skipped, naming what is absent, when a part it needs is missing. */
export function describeCorpus(title: string, needs: readonly SharedPart[], body: () => void): void {
  describe.skipIf(absent(needs).length > 0)(title + skipNote(needs), body)
}

/** Run `compute` once, on first use. */
function once<T>(compute: () => T): () => T {
  let value: {result: T} | undefined
  return () => (value ??= {result: compute()}).result
}

export interface DefectRow {
  file: string
  line: number
  code: string
  detail: string
}

/** The rows of spec/defects-ru.tsv, the independent scan of the ru corpus. */
export const defectRows = once((): DefectRow[] =>
  readFileSync(defectsFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [file = '', lineNumber = '0', code = '', detail = ''] = line.split('\t')
      return {file, line: Number(lineNumber), code, detail}
    }),
)

/** The ru docs tree (index, caches); its users read it, none edits it. */
export const corpusTree = once((): DocsTree => loadDocs(corpusRoot, {lang: 'ru'}))

/** Where `corpusLint()` leaves its lint cache (as `vkdoc lint --cache` would), for `lintThroughCache`. */
const lintCachePath = join(mkdtempSync(join(tmpdir(), 'vkdoc-corpus-lint-')), 'lint.json')
process.once('exit', () => rmSync(dirname(lintCachePath), {recursive: true, force: true}))

/**
 * `validate()` over the whole tree and every build target of every page: the lint `vkdoc lint --root` runs.
 * The cache it fills starts empty, so every page is linted here.
 */
export const corpusLint = once((): VkdocMessage[] => {
  const {cache, results} = openLintCache(lintCachePath, corpusTree(), {}, isFaqPagePath)
  const messages = validate(corpusTree(), {cache})
  results.save()
  return messages
})

/**
 * Lint `tree` (an edited copy of the corpus) through the cache `corpusLint()` left: only pages that
 * read a changed file are linted again. `relinted` is how many were.
 */
export function lintThroughCache(tree: DocsTree): {messages: VkdocMessage[]; relinted: number} {
  corpusLint()
  const {cache, results} = openLintCache(lintCachePath, tree, {}, isFaqPagePath)
  const messages = validate(tree, {cache})
  return {messages, relinted: results.misses}
}

export interface RenderedCorpusPage {
  file: string
  html: string
  markdown: string
  /** The page's FAQ JSON (every page has one: a question per top-level cut). */
  faq: FaqDocument
  /** The text after includes, conditions and variables, as the Markdown parse saw it. */
  expanded: string
  messages: VkdocMessage[]
  pairing: PairingStats
}

/** Every page rendered inside the tree for `public`: HTML, Markdown and FAQ JSON from one compile each. */
export const renderedPages = once((): RenderedCorpusPage[] => {
  const tree = corpusTree()
  return tree.pages().map((page) => {
    const compiled = tree.render(page.file, {target: 'public'})
    return {
      file: page.file,
      html: hastToHtml(mdastToHast(compiled.mdast)),
      markdown: mdastToMarkdown(compiled.mdast),
      faq: faqFromCompiled(compiled, {}),
      expanded: compiled.expanded!.text,
      messages: compiled.messages,
      pairing: compiled.pairing!,
    }
  })
})

export interface CorpusFile {
  /** Path relative to the corpus root (`ru/…`), as in the defect scan. */
  file: string
  source: string
  parsed: ParseResult
}

/** Every Markdown file under ru/ (pages and fragments), read from disk and parsed alone. */
export const corpusFiles = once((): CorpusFile[] => {
  const files: string[] = []
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, {withFileTypes: true})) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.md')) files.push(path)
    }
  }
  walk(join(corpusRoot, 'ru'))
  return files.sort().map((path) => {
    const file = relative(corpusRoot, path).split(sep).join('/')
    const source = readFileSync(path, 'utf8')
    return {file, source, parsed: parse(source, {file})}
  })
})

export interface FormattedFile extends CorpusFile {
  /** The build targets the formatter kept the rendering of: the page's, or (fragments) those its conditions name. */
  targets: string[] | undefined
  formatted: FormatResult
}

/** Every Markdown file formatted with `formatPage`, keeping its rendering for the targets of its page. */
export const formattedFiles = once((): FormattedFile[] => {
  const tree = corpusTree()
  return corpusFiles().map((file) => {
    const page = tree.page(file.file)
    const targets = page ? (page.targets.length > 0 ? page.targets : ['public']) : undefined
    return {...file, targets, formatted: formatPage(file.source, targets ? {targets} : undefined)}
  })
})
