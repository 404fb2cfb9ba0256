/**
 * Every ru page rendered inside its tree (target public) to HTML, Markdown
 * and JSON from one compile: nothing throws, one <details> per surviving cut,
 * no dialect syntax leaks into HTML text outside code and reported malformed
 * spots, every word of the source text that the reader should see is in the
 * HTML, every <a> has an href, and the HTML is well formed.
 * Skipped when ../shared/corpus is absent.
 */
import {existsSync} from 'node:fs'
import {describe, expect, it, vi} from 'vitest'
import {faqFromCompiled, hastToHtml, loadDocs, mdastToHast, mdastToMarkdown, parse, type InlineContent} from '../src/node.js'

/**
 * Every Markdown parse of the run (placeholder texts, as the pipeline makes
 * them) is also parsed whole with full GFM: the sectioned, GFM-subset parse
 * must give the same tree, positions included.
 */
const markdownParses = vi.hoisted(() => ({count: 0, sectioned: 0, reduced: 0, differing: [] as string[]}))
vi.mock('../src/lower/markdown.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/lower/markdown.js')>()
  const {fromMarkdown} = await import('mdast-util-from-markdown')
  const {gfm} = await import('micromark-extension-gfm')
  const {gfmFromMarkdown} = await import('mdast-util-gfm')
  const fullGfm = {extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()]}
  return {
    ...actual,
    parseMarkdown(text: string) {
      const tree = actual.parseMarkdown(text)
      markdownParses.count++
      if (actual.sectionBreaks(text).length > 0) markdownParses.sectioned++
      if (actual.gfmSubset(text) !== 31) markdownParses.reduced++
      if (JSON.stringify(tree) !== JSON.stringify(fromMarkdown(text, fullGfm))) markdownParses.differing.push(text.slice(0, 120))
      return tree
    },
  }
})

const corpus = new URL('../../shared/corpus', import.meta.url).pathname
const hasCorpus = existsSync(`${corpus}/ru`)
if (!hasCorpus) console.log('corpus not found: corpus rendering test skipped')

const blockNames = new Set(['cut', 'note', 'tabs', 'tab', 'caption'])

/** The text a reader should see, from the dialect AST of the expanded page: titles and link texts kept, syntax dropped. */
function visibleText(nodes: readonly InlineContent[], text: string): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return node.value
      if (node.type === 'close' || node.context === 'comment') return ' '
      const raw = text.slice(node.position.start.offset!, node.position.end.offset!)
      if (node.malformed && !blockNames.has(node.name)) return raw
      if (node.context !== 'text') return raw
      if (node.name === 'linkto') {
        const label = node.attributes?.find((attribute) => attribute.key === 'text')
        return label ? ` ${visibleText(label.value.children, text)} ` : ' '
      }
      if ((node.name === 'cut' || node.name === 'tab' || node.name === 'heading' || node.name === 'caption') && node.args) return ` ${visibleText(node.args.children, text)} `
      if (node.name === 'formula') return ` ${node.body ?? ''} `
      return ' '
    })
    .join('')
}

const words = (text: string): Set<string> => new Set(text.match(/\p{L}{3,}/gu) ?? [])

function decode(html: string): string {
  return html
    .replace(/&#x([\da-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
}

const voidElements = new Set(['area', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])

/** Tags open and close in order (a stack check; hast-util-to-html never omits closing tags by default). */
function wellFormed(html: string): boolean {
  const stack: string[] = []
  for (const match of html.matchAll(/<(\/?)([a-z][a-z\d-]*)\b[^>]*?(\/?)>/gi)) {
    const name = match[2]!.toLowerCase()
    if (voidElements.has(name) || match[3]) continue
    if (!match[1]) stack.push(name)
    else if (stack.pop() !== name) return false
  }
  return stack.length === 0
}

describe.skipIf(!hasCorpus)('the ru corpus rendered for public', () => {
  it('renders every page to HTML, Markdown and JSON', {timeout: 1_200_000}, () => {
    const tree = loadDocs(corpus, {lang: 'ru'})
    const pages = tree.pages()
    const leaks: string[] = []
    const cutMismatch: string[] = []
    const missingWords: string[] = []
    const malformedHtml: string[] = []
    const markdownLeaks: string[] = []
    let anchorsWithoutHref = 0
    const pairing = {siblings: 0, lifted: 0, autoClosed: 0, dropped: 0}
    for (const page of pages) {
      const compiled = tree.render(page.file, {target: 'public'})
      pairing.siblings += compiled.pairing!.siblings
      pairing.lifted += compiled.pairing!.lifted
      pairing.autoClosed += compiled.pairing!.autoClosed
      pairing.dropped += compiled.pairing!.dropped
      const html = hastToHtml(mdastToHast(compiled.mdast))
      const markdown = mdastToMarkdown(compiled.mdast)
      JSON.stringify(faqFromCompiled(compiled, {}))
      const expanded = compiled.expanded!.text
      const expandedTree = parse(expanded).tree
      // Cuts that survive the target: `{cut(` openers in text context of the expanded text.
      const openers = expandedTree.children.filter((node) => node.type === 'directive' && node.name === 'cut' && node.context === 'text').length
      const details = html.split('<details').length - 1
      if (details !== openers) cutMismatch.push(`${page.file}: ${openers} cuts, ${details} <details>`)
      const text = decode(html.replace(/<(pre|code)[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, ''))
      const malformed = parse(tree.read(page.file)!).messages.length > 0 || compiled.messages.some((message) => message.ruleId === 'malformed-directive')
      if (/\{\/?(cut|note|tabs?|linkto|heading|caption|counter|const|params|video|ifdef|ifndef|include|includetag)[(:[}]/.test(text) && !malformed) leaks.push(page.file)
      if (/^\s*\{\/?(cut|note|tabs|tab)[(:}]/m.test(markdown.replace(/```[\s\S]*?```/g, ''))) markdownLeaks.push(page.file)
      anchorsWithoutHref += (html.match(/<a(?![^>]*\shref=)[^>]*>/g) ?? []).length
      if (!wellFormed(html)) malformedHtml.push(page.file)
      // Every word the reader should see (outside syntax, comments, link targets and dropped conditions) is in the HTML.
      const source = visibleText(expandedTree.children, expanded)
        .replace(/<!--[\s\S]*?-->/g, ' ')
        .replace(/\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)/g, '] ')
        .replace(/<[^>\n]+>/g, ' ')
        .replace(/https?:\/\/\S+/g, ' ')
        .replace(/^\s*\[cols=.*\]\s*$/gm, ' ')
        .replace(/%text|%number/g, ' ')
        .replace(/!\[\{swagger\}\]/g, ' ')
      const attributes = [...html.matchAll(/(?:alt|title|class|href)="([^"]*)"/g)].map((match) => match[1]!).join(' ')
      const seen = words(decode(html.replace(/<[^>]+>/g, ' ')) + ' ' + decode(attributes))
      const missing = [...words(source)].filter((word) => !seen.has(word))
      if (missing.length > 0) missingWords.push(`${page.file}: ${missing.slice(0, 5).join(' ')}`)
    }
    // Block openers that met their closer as siblings of one parent (the single-parse design's key figure).
    const share = pairing.siblings / (pairing.siblings + pairing.lifted + pairing.autoClosed)
    console.log(`block pairs: ${JSON.stringify(pairing)}, share paired as siblings ${(share * 100).toFixed(2)} %`)
    expect(share).toBeGreaterThanOrEqual(0.995)
    console.log(`markdown parses: ${markdownParses.count}, sectioned ${markdownParses.sectioned}, with a GFM subset ${markdownParses.reduced}, differing from a whole full-GFM parse ${markdownParses.differing.length}`)
    expect(markdownParses.differing).toEqual([])
    expect(markdownParses.sectioned / markdownParses.count).toBeGreaterThan(0.3)
    expect(markdownParses.reduced / markdownParses.count).toBeGreaterThan(0.9)
    console.log(`rendered ${pages.length} pages; cut/<details> mismatches: ${cutMismatch.length}; leaks: ${leaks.length}; pages missing words: ${missingWords.length}`)
    for (const line of [...cutMismatch, ...leaks.map((file) => `leak ${file}`), ...markdownLeaks.map((file) => `markdown leak ${file}`), ...malformedHtml.map((file) => `malformed html ${file}`), ...missingWords]) console.log('  ' + line)
    expect(cutMismatch).toEqual([])
    expect(leaks).toEqual([])
    // db-migration.md:105: a fence CommonMark does not close (reported as unclosed-code-fence) holds `{/cut}` as code.
    expect(markdownLeaks).toEqual(['ru/dbs/dbaas/how-to-guides/db-migration/db-migration.md'])
    expect(anchorsWithoutHref).toBe(0)
    expect(malformedHtml).toEqual([])
    // The one page: a GFM table row holds several rows' cells on one line; GFM drops cells beyond the header's count.
    expect(missingWords).toEqual(['ru/ml/cloud-voice/instructions/pronunciation-quality/pronunciation-quality.md: после'])
  })
})
