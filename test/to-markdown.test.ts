/**
 * mdast (dialect nodes built by hand) → plain Markdown: what each node
 * becomes, that no dialect syntax remains, and that a plain CommonMark/GFM
 * renderer shows the same text as our HTML. Fixtures: output.md beside
 * each `fixtures/emit/<node>/<case>/input.json`.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Element, ElementContent, Root as HastRoot} from 'hast'
import {raw} from 'hast-util-raw'
import type {BlockContent, PhrasingContent, Root, RootContent} from 'mdast'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {gfmFromMarkdown} from 'mdast-util-gfm'
import {toHast} from 'mdast-util-to-hast'
import {gfm} from 'micromark-extension-gfm'
import {describe, expect, it} from 'vitest'
import type {AsciidocCell, AsciidocRow, DirectiveLabel, FlowContent, Tab} from '../src/constructs/nodes.js'
import {mdastToHast} from '../src/render/to-hast.js'
import {mdastToMarkdown} from '../src/render/to-markdown.js'

const fixturesRoot = fileURLToPath(new URL('../fixtures/emit', import.meta.url))

const text = (value: string): PhrasingContent => ({type: 'text', value})
const paragraph = (...children: PhrasingContent[]): BlockContent => ({type: 'paragraph', children})
const label = (...children: PhrasingContent[]): DirectiveLabel => ({type: 'directiveLabel', children})
const root = (...children: RootContent[]): Root => ({type: 'root', children})
const tab = (title: string, ...body: FlowContent[]): Tab => ({type: 'tab', children: [label(text(title)), ...body]})
const cut = (title: string, ...body: FlowContent[]): BlockContent => ({type: 'cut', children: [label(text(title)), ...body]})
const cell = (content: FlowContent[], fields: Partial<AsciidocCell> = {}): AsciidocCell => ({
  type: 'asciidocCell',
  colspan: 1,
  rowspan: 1,
  align: null,
  style: null,
  children: content,
  ...fields,
})
const row = (header: boolean, ...cells: AsciidocCell[]): AsciidocRow => ({type: 'asciidocRow', header, children: cells})
const md = (...children: RootContent[]): string => mdastToMarkdown(root(...children))

/** Dialect syntax that must never reach plain Markdown. */
const dialectSyntax = /\{\/?(cut|note|tabs?|linkto|heading|caption|counter|const|params|video|formula|include|includetag|ifdef|ifndef|var)[(:[}]|!\[\{swagger\}\]/

/** Render Markdown with a plain CommonMark/GFM pipeline (raw HTML parsed, none of our handlers). */
function plainRender(markdown: string): HastRoot {
  const mdast = fromMarkdown(markdown, {extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()]})
  return raw(toHast(mdast, {allowDangerousHtml: true}) as HastRoot) as HastRoot
}

/** The words a reader sees, element boundaries counting as spaces. */
function words(tree: HastRoot, skip: (element: Element) => boolean = () => false): string[] {
  const parts: string[] = []
  const walk = (node: HastRoot | ElementContent): void => {
    if (node.type === 'text') parts.push(node.value)
    if (node.type === 'element') {
      if (skip(node)) return
      // Image alternative text is what a reader gets for an image, on both sides.
      parts.push(' ', typeof node.properties['alt'] === 'string' ? node.properties['alt'] : '', ' ')
    }
    if ('children' in node) for (const child of node.children) walk(child as ElementContent)
    if (node.type === 'element') parts.push(' ')
  }
  walk(tree)
  return parts
    .join('')
    .replace(/\[!(NOTE|WARNING|CAUTION)\]/g, ' ')
    .split(/\s+/)
    .filter((word) => word !== '')
}

/** Our HTML's words, without the include placeholder's note (a comment in Markdown). */
function ourWords(tree: Root): string[] {
  return words(mdastToHast(tree), (element) => String(element.properties['className'] ?? '').includes('vk-include-unresolved'))
}

describe('cut', () => {
  it('becomes <details> with the title in <summary>', () => {
    expect(md(cut('How do I pay?', paragraph(text('Top up.'))))).toBe('<details>\n<summary>How do I pay?</summary>\n\nTop up.\n\n</details>\n')
  })

  it('writes the title as escaped HTML (inline code kept)', () => {
    const output = md({type: 'cut', children: [label(text('a <b> & '), {type: 'inlineCode', value: 'x'})]})
    expect(output).toBe('<details>\n<summary>a &#x3C;b> &#x26; <code>x</code></summary>\n\n</details>\n')
  })

  it('stays inside a list item, body indented', () => {
    const list: RootContent = {type: 'list', ordered: true, start: 1, spread: false, children: [{type: 'listItem', spread: false, children: [paragraph(text('Step')), cut('More', paragraph(text('Inner')))]}]}
    const output = md(list)
    expect(output).toBe('1. Step\n   <details>\n   <summary>More</summary>\n\n   Inner\n\n   </details>\n')
    const rendered = plainRender(output)
    const item = (rendered.children.find((node) => node.type === 'element') as Element).children.find((node) => node.type === 'element') as Element
    expect(item.tagName).toBe('li')
    expect(words({type: 'root', children: item.children})).toEqual(['Step', 'More', 'Inner'])
  })

  it('becomes a heading one below the current section with cut: heading', () => {
    const output = mdastToMarkdown(root({type: 'heading', depth: 2, children: [text('Section')]}, cut('Question', paragraph(text('Answer')), cut('Sub', paragraph(text('x'))))), {cut: 'heading'})
    expect(output).toBe('## Section\n\n### Question\n\nAnswer\n\n#### Sub\n\nx\n')
  })
})

describe('note', () => {
  it.each([
    ['info', 'NOTE'],
    ['warn', 'WARNING'],
    ['err', 'CAUTION'],
  ] as const)('of type %s becomes a GitHub [!%s] alert', (noteType, marker) => {
    expect(md({type: 'note', noteType, children: [paragraph(text('Mind this.'))]})).toBe(`> [!${marker}]\n> Mind this.\n`)
  })

  it('keeps blank lines between blocks inside the quote', () => {
    const list: FlowContent = {type: 'list', ordered: false, spread: false, children: [{type: 'listItem', spread: false, children: [paragraph(text('item'))]}]}
    expect(md({type: 'note', noteType: 'warn', children: [paragraph(text('Before:')), list]})).toBe('> [!WARNING]\n> Before:\n>\n> - item\n')
  })
})

describe('tabs', () => {
  it('becomes a heading per tab, one below the current section, then its content', () => {
    const output = md({type: 'heading', depth: 2, children: [text('Install')]}, {type: 'tabs', children: [tab('Linux', paragraph(text('apt'))), tab('Windows', paragraph(text('msi')))]})
    expect(output).toBe('## Install\n\n### Linux\n\napt\n\n### Windows\n\nmsi\n')
  })

  it('puts nested groups one level deeper and falls back to bold past depth 6', () => {
    const inner = (depth: number): FlowContent => ({type: 'tabs', children: [tab(`Level ${depth}`, ...(depth < 3 ? [inner(depth + 1)] : [paragraph(text('deep'))]))]})
    const output = mdastToMarkdown(root(inner(1)), {tabHeadingDepth: 5})
    expect(output).toBe('##### Level 1\n\n###### Level 2\n\n**Level 3**\n\ndeep\n')
  })

  it('uses tabHeadingDepth for top-level groups', () => {
    const output = mdastToMarkdown(root({type: 'heading', depth: 1, children: [text('Page')]}, {type: 'tabs', children: [tab('A', paragraph(text('a')))]}), {tabHeadingDepth: 4})
    expect(output).toBe('# Page\n\n#### A\n\na\n')
  })

  it('resumes the outer section after the group', () => {
    const tree = root(
      {type: 'heading', depth: 2, children: [text('S')]},
      {type: 'tabs', children: [tab('A', {type: 'heading', depth: 5, children: [text('inside')]})]},
      cut('After'),
    )
    // A heading inside a tab does not move the cut that follows the group.
    expect(mdastToMarkdown(tree, {cut: 'heading'})).toBe('## S\n\n### A\n\n##### inside\n\n### After\n')
  })
})

describe('inline dialect nodes and small blocks', () => {
  it('writes linkto as a Markdown link to its url', () => {
    expect(md(paragraph(text('See '), {type: 'linkto', target: '../a#b', url: '../a#b', children: [text('this')]}), text('.'))).toBe('See [this](../a#b).\n')
  })

  it('writes linkto without a usable url as its text', () => {
    expect(md(paragraph({type: 'linkto', target: '#x', url: 'javascript:alert(1)', children: [text('text')]}))).toBe('text\n')
  })

  it('prints counters and constants as their values, escaped where needed', () => {
    const output = md({type: 'heading', depth: 3, children: [{type: 'constant', id: 'c', value: '2'}, text('.'), {type: 'counter', name: 'n', id: null, value: '*1*'}, text(' Go')]})
    expect(output).toBe('### 2.\\*1\\* Go\n')
  })

  it('keeps {heading} ids as anchors', () => {
    expect(md({type: 'heading', depth: 2, data: {id: 'a"b'}, children: [text('T')]})).toBe('## <a id="a&#34;b"></a>T\n')
  })

  it('puts a caption title before or after its content, emphasised, with its anchor', () => {
    const body = paragraph(text('content'))
    expect(md({type: 'caption', id: 'tab_x', number: '1', align: 'right', placement: 'above', children: [label(text('Table 1')), body]})).toBe(
      '<a id="tab_x"></a>*Table 1*\n\ncontent\n',
    )
    expect(md({type: 'caption', id: null, number: null, align: null, placement: 'under', children: [label(text('Figure 1')), body]})).toBe('content\n\n*Figure 1*\n')
  })

  it('writes a formula as a math fence', () => {
    expect(md({type: 'formula', value: 'P = 2^{32-M}'})).toBe('```math\nP = 2^{32-M}\n```\n')
  })

  it('writes video and swagger as links', () => {
    expect(md({type: 'video', url: '../assets/a.mp4', value: '../assets/a.mp4', videoType: null})).toBe('[../assets/a.mp4](../assets/a.mp4)\n')
    expect(md({type: 'swagger', url: 'assets/api.json', value: 'assets/api.json'})).toBe('[assets/api.json](assets/api.json)\n')
    expect(md({type: 'video', url: 'javascript:alert(1)', value: '', videoType: null})).toBe('javascript:alert(1)\n')
  })

  it('writes an image still written ![{swagger}](PATH) as a link', () => {
    const output = md(paragraph({type: 'image', url: 'assets/vpc.json', alt: '{swagger}', title: null}))
    expect(output).toBe('[assets/vpc.json](assets/vpc.json)\n')
    expect(output).not.toMatch(dialectSyntax)
  })

  it('writes an unresolved include as an HTML comment that cannot be closed early', () => {
    expect(md(paragraph({type: 'includePlaceholder', path: '/ru/_x-->y.md', value: ''}))).toBe('<!-- fragment not included: /ru/_x-\\->y.md -->\n')
  })
})

describe('Markdown and raw HTML', () => {
  it('drops comments, commented-out dialect syntax included, and unifies <br>', () => {
    const tree = root(paragraph(text('a'), {type: 'html', value: '</br>'}, text('b'), {type: 'html', value: '<!-- {linkto(#x)[text=y]} -->'}), {type: 'html', value: '<!--\n{cut(Old)}\n{/cut}\n-->'})
    expect(mdastToMarkdown(tree)).toBe('a<br>b\n')
  })

  it('escapes directive-looking text the lowering kept (malformed directives) and still shows it', () => {
    const value = 'Malformed {caption()[id=position=above]} and {/cut}, but {Mercedes} and ${var.x} stay'
    const output = md(paragraph(text(value)))
    expect(output).toBe('Malformed &#123;caption()\\[id=position=above]} and &#123;/cut}, but {Mercedes} and ${var.x} stay\n')
    expect(output).not.toMatch(dialectSyntax)
    expect(words(plainRender(output)).join(' ')).toBe(value)
  })

  it('keeps other raw HTML as it is', () => {
    expect(md({type: 'html', value: '<table><tr><td>x</td></tr></table>'})).toBe('<table><tr><td>x</td></tr></table>\n')
  })

  it('drops the "inline" icon marker from image titles and keeps real titles', () => {
    expect(md(paragraph({type: 'image', url: '/i.svg', alt: 'plus', title: 'inline'}, text(' '), {type: 'image', url: '/s.png', alt: 's', title: 'Scheme'}))).toBe(
      '![plus](/i.svg) ![s](/s.png "Scheme")\n',
    )
  })

  it('starts sections below the page title when no heading comes first', () => {
    expect(md({type: 'tabs', children: [tab('Console', paragraph(text('x')))]})).toBe('## Console\n\nx\n')
  })

  it('does not change the tree it is given', () => {
    const tree = root(paragraph(text('a'), {type: 'html', value: '<!-- c -->'}))
    const before = JSON.stringify(tree)
    mdastToMarkdown(tree)
    expect(JSON.stringify(tree)).toBe(before)
  })
})

describe('asciidoc tables', () => {
  it('become GFM tables when every cell is one plain paragraph', () => {
    const output = md({
      type: 'asciidocTable',
      cols: ['1', '1'],
      children: [row(true, cell([paragraph(text('A'))]), cell([paragraph(text('B'))])), row(false, cell([paragraph(text('1'))]), cell([paragraph(text('2 | 3'))], {align: 'right'}))],
    })
    expect(output).toBe('| A | B      |\n| - | ------ |\n| 1 | 2 \\| 3 |\n')
  })

  it('stay GFM with <br> in a cell, and become HTML with a hard break or other raw HTML', () => {
    const table = (...content: PhrasingContent[]): RootContent => ({type: 'asciidocTable', cols: ['1'], children: [row(false, cell([paragraph(...content)]))]})
    expect(md(table(text('a'), {type: 'html', value: '<br/>'}, text('b')))).toBe('|        |\n| ------ |\n| a<br>b |\n')
    expect(md(table(text('a'), {type: 'break'}, text('b')))).toMatch(/^<table/)
    expect(md(table(text('a'), {type: 'html', value: '<sup>2</sup>'}))).toMatch(/^<table/)
  })

  it('get an empty header row when they have none', () => {
    expect(md({type: 'asciidocTable', cols: ['1'], children: [row(false, cell([paragraph(text('x'))]))]})).toBe('|   |\n| - |\n| x |\n')
  })

  it('become HTML tables with spans or blocks, escaped, without blank lines that would end the HTML', () => {
    const output = md({
      type: 'asciidocTable',
      cols: ['1', '1a'],
      children: [row(false, cell([paragraph(text('<b>x</b>'))], {colspan: 2})), row(false, cell([{type: 'code', value: 'a\n\n\nb'}], {style: 'a'}))],
    })
    expect(output).toBe(
      '<table class="vk-adoc-table">\n<tbody>\n<tr>\n<td colspan="2">&#x3C;b>x&#x3C;/b></td>\n</tr>\n<tr>\n<td>\n<pre><code>a\n&#10;\nb\n</code></pre>\n</td>\n</tr>\n</tbody>\n</table>\n',
    )
    // One HTML block: nothing of the table leaks out as Markdown.
    const reparsed = fromMarkdown(output)
    expect(reparsed.children.map((node) => node.type)).toEqual(['html'])
    expect(words(plainRender(output))).toEqual(['<b>x</b>', 'a', 'b'])
  })
})

describe('options', () => {
  it('throws on an unknown cut mode or a heading depth outside 1–6', () => {
    expect(() => mdastToMarkdown(root(), {cut: 'fold' as 'details'})).toThrow(TypeError)
    expect(() => mdastToMarkdown(root(), {tabHeadingDepth: 0})).toThrow(TypeError)
    expect(() => mdastToMarkdown(root(), {tabHeadingDepth: 2.5})).toThrow(TypeError)
  })
})

describe('fixtures/emit', () => {
  const cases = readdirSync(fixturesRoot)
    .flatMap((construct) => readdirSync(path.join(fixturesRoot, construct)).map((name) => `${construct}/${name}`))
    .sort()
  const load = (name: string): Root => JSON.parse(readFileSync(path.join(fixturesRoot, name, 'input.json'), 'utf8')) as Root

  it.each(cases)('%s writes output.md with no dialect syntax', async (name) => {
    const output = mdastToMarkdown(load(name))
    expect(output).not.toMatch(dialectSyntax)
    await expect(output).toMatchFileSnapshot(path.join(fixturesRoot, name, 'output.md'))
  })

  // An iframe embed shows no text (its Markdown is a link), so it is left out.
  it.each(cases.filter((name) => name !== 'video/vkvideo'))('%s shows the same text through a plain renderer as our HTML', (name) => {
    const tree = load(name)
    const ours = ourWords(tree)
    const plain = words(plainRender(mdastToMarkdown(tree)))
    // Tabs put their titles together in a tablist, Markdown before each panel: compare as multisets there.
    if (JSON.stringify(tree).includes('"type": "tab"') || JSON.stringify(tree).includes('"type":"tab"')) {
      expect([...plain].sort()).toEqual([...ours].sort())
    } else {
      expect(plain).toEqual(ours)
    }
  })

  it('shows the same text for all fixtures in one page, in either cut mode', () => {
    const tree = root(...cases.filter((name) => name !== 'video/vkvideo').flatMap((name) => load(name).children))
    for (const cutMode of ['details', 'heading'] as const) {
      const output = mdastToMarkdown(tree, {cut: cutMode})
      expect(output).not.toMatch(dialectSyntax)
      expect(words(plainRender(output)).sort()).toEqual(ourWords(tree).sort())
    }
  })
})
