/**
 * Every ru page rendered inside its tree for `public` (`renderedPages()`, one
 * compile per page, shared by every test here): the HTML keeps what the
 * reader should see and no dialect syntax, block directives pair in the one
 * Markdown parse, the sectioned parse equals a whole full-GFM parse, and the
 * FAQ JSON of every page matches the schema and spec/faq-pages.md.
 */
import {readFileSync} from 'node:fs'
import Ajv from 'ajv'
import {beforeAll, expect, it, vi} from 'vitest'
import {parse, validate} from '../../src/node.js'
import {decode, htmlWords, visibleText, wellFormed, withoutNonWords, words} from './html-checks.js'
import {corpusTree, describeCorpus, faqPagesFile, renderedPages, seedFile, type RenderedCorpusPage} from './shared.js'

/**
 * Markdown parses of this file's run (placeholder texts, as the pipeline makes
 * them), each cut into sections as a shared parse is, are also parsed whole with full GFM: the
 * sectioned, GFM-subset parse must give the same tree, positions included.
 * A text parsed whole with a GFM subset is exact by construction (no trigger
 * character of a left-out extension occurs in it; the spec suites check the
 * subsets). The whole parse costs as much as the render, so a fixed quarter
 * of the sectioned texts (by a hash of the text) is compared;
 * `VKDOC_CORPUS_FULL=1` compares every one.
 */
const markdownParses = vi.hoisted(() => ({count: 0, sectioned: 0, compared: 0, reduced: 0, differing: [] as string[]}))
vi.mock('../../src/lower/markdown.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/lower/markdown.js')>()
  const {fromMarkdown} = await import('mdast-util-from-markdown')
  const {gfm} = await import('micromark-extension-gfm')
  const {gfmFromMarkdown} = await import('mdast-util-gfm')
  const {createHash} = await import('node:crypto')
  const fullGfm = {extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()]}
  const compareAll = process.env.VKDOC_CORPUS_FULL === '1'
  return {
    ...actual,
    parseMarkdown(...args: Parameters<typeof actual.parseMarkdown>) {
      const [text, sections, scan] = args
      // A render parses its page once, so it is not cut at headings; a section cache of its own cuts it, as lint does.
      const tree = actual.parseMarkdown(text, sections ?? new Map(), scan)
      markdownParses.count++
      if (actual.gfmSubset(text) !== 31) markdownParses.reduced++
      if (actual.sectionBreaks(text).length === 0) return tree
      markdownParses.sectioned++
      if (!compareAll && createHash('sha1').update(text).digest()[0]! % 4 !== 0) return tree
      markdownParses.compared++
      if (JSON.stringify(tree) !== JSON.stringify(fromMarkdown(text, fullGfm))) markdownParses.differing.push(text.slice(0, 120))
      return tree
    },
  }
})

const dialectSyntax = /\{\/?(cut|note|tabs?|linkto|heading|caption|counter|const|params|video|ifdef|ifndef|include|includetag)[(:[}]/

const schema: object = JSON.parse(readFileSync(new URL('../../schema/faq.schema.json', import.meta.url), 'utf8'))

let pages: RenderedCorpusPage[] = []
const failing = (check: (page: RenderedCorpusPage) => string | false): string[] => pages.map(check).filter((found): found is string => found !== false)

describeCorpus('the ru corpus rendered for public', ['corpus'], () => {
  beforeAll(() => {
    pages = renderedPages()
  })

  it('renders all 1,494 pages', () => {
    expect(pages).toHaveLength(1494)
  })

  it('gives one <details> per cut that survives the target', () => {
    const mismatches = failing(({file, html, expanded}) => {
      const cuts = parse(expanded).tree.children.filter((node) => node.type === 'directive' && node.name === 'cut' && node.context === 'text').length
      const details = html.split('<details').length - 1
      return cuts !== details && `${file}: ${cuts} cuts, ${details} <details>`
    })
    expect(mismatches).toEqual([])
  })

  it('leaves no dialect syntax in the HTML text outside code, except on pages with a reported malformed directive', () => {
    const tree = corpusTree()
    const leaks = failing(({file, html, messages}) => {
      const text = decode(html.replace(/<(pre|code)[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, ''))
      const malformed = parse(tree.read(file)!).messages.length > 0 || messages.some((message) => message.ruleId === 'malformed-directive')
      return dialectSyntax.test(text) && !malformed && file
    })
    expect(leaks).toEqual([])
  })

  it('leaves no block directive line in the plain Markdown outside fences', () => {
    const leaks = failing(({file, markdown}) => /^\s*\{\/?(cut|note|tabs|tab)[(:}]/m.test(markdown.replace(/```[\s\S]*?```/g, '')) && file)
    // db-migration.md:105: a fence CommonMark does not close (reported as unclosed-code-fence) holds `{/cut}` as code.
    expect(leaks).toEqual(['ru/dbs/dbaas/how-to-guides/db-migration/db-migration.md'])
  })

  it('gives every <a> an href', () => {
    expect(failing(({file, html}) => /<a(?![^>]*\shref=)[^>]*>/.test(html) && file)).toEqual([])
  })

  it('writes well-formed HTML', () => {
    expect(failing(({file, html}) => !wellFormed(html) && file)).toEqual([])
  })

  it('shows every word of the visible source (outside syntax, comments, link targets and dropped conditions) in the HTML', () => {
    const missing = failing(({file, html, expanded}) => {
      const seen = htmlWords(html)
      const lost = [...words(withoutNonWords(visibleText(parse(expanded).tree.children, expanded)))].filter((word) => !seen.has(word))
      return lost.length > 0 && `${file}: ${lost.slice(0, 5).join(' ')}`
    })
    // The one page: a GFM table row holds several rows' cells on one line; GFM drops cells beyond the header's count.
    expect(missing).toEqual(['ru/ml/cloud-voice/instructions/pronunciation-quality/pronunciation-quality.md: после'])
  })

  it('pairs 6,636 block openers with their closers: 6,623 as siblings (99.8 %), 2 lifted, 11 closed by their container', () => {
    const total = {siblings: 0, lifted: 0, autoClosed: 0, dropped: 0}
    for (const {pairing} of pages) for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += pairing[key]
    // Lifted: the closer is indented into the opener's last list item. Closed by the container: the opener is
    // inside a list item, the closer at column 0. Dropped: closers left without an opener.
    expect(total).toEqual({siblings: 6623, lifted: 2, autoClosed: 11, dropped: 12})
  })

  it('gives every page FAQ JSON that matches the schema', () => {
    const validateSchema = new Ajv({allErrors: true}).compile(schema)
    expect(failing(({file, faq}) => !validateSchema(faq) && `${file}: ${JSON.stringify(validateSchema.errors)}`)).toEqual([])
  })

  it('parses the sampled sectioned Markdown texts exactly as one whole full-GFM parse, positions included', () => {
    expect(markdownParses.differing).toEqual([])
    // The shortcut is taken, so the comparison means something: a third of the texts are cut, nearly all skip extensions.
    expect(markdownParses.sectioned / markdownParses.count).toBeGreaterThan(0.3)
    expect(markdownParses.compared / markdownParses.sectioned).toBeGreaterThan(process.env.VKDOC_CORPUS_FULL === '1' ? 0.99 : 0.15)
    expect(markdownParses.reduced / markdownParses.count).toBeGreaterThan(0.9)
  })
})

/** Question counts of the ru FAQ pages, from the per-file table of spec/faq-pages.md (`| \`ru/x/faq\` | 4 | …`). */
function specQuestionCounts(): Record<string, number> {
  const rows = readFileSync(faqPagesFile, 'utf8').matchAll(/^\|\s*\**`(ru\/[^`]+)`[^|]*\|\s*\**(\d+)\**\s*\|/gm)
  return Object.fromEntries([...rows].map((row) => [`${row[1]}/faq.md`, Number(row[2])]))
}

describeCorpus('the ru FAQ pages', ['corpus', 'faq-pages'], () => {
  beforeAll(() => {
    pages = renderedPages()
  })

  it('give exactly the question counts of spec/faq-pages.md on the 22 ru FAQ pages', () => {
    const expected = specQuestionCounts()
    expect(Object.keys(expected)).toHaveLength(22)
    const found = Object.fromEntries(pages.filter(({file}) => file.endsWith('/faq/faq.md')).map(({file, faq}) => [file, faq.questions.length]))
    expect(found).toEqual(expected)
  })
})

describeCorpus('the seed placed in the ru tree', ['corpus', 'seed'], () => {
  it('reports only the anchor that today’s about-partners page no longer has', () => {
    const messages = validate(readFileSync(seedFile, 'utf8'), {root: corpusTree(), path: 'ru/start/partners/faq/faq.md', profile: 'faq'})
    expect(messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual(['41:45 linkto-missing-anchor'])
    expect(messages[0]!.reason).toContain('#study')
  })
})
