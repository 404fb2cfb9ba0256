/**
 * GFM autolink literals end where a directive starts.
 *
 * An inline directive is an inline run of private-use characters in the
 * placeholder text, and to the autolink-literal grammar such characters are
 * part of a URL: `www.a.ru{/note}` would become one link whose address holds
 * the run (and the closer would be lost inside it). A literal autolink whose
 * source holds a run is therefore parsed again up to the run alone, so it
 * ends there as it would at the end of the text (GFM's trailing punctuation
 * rules included), and the rest becomes text in which the run is found as
 * usual. Autolinks in angle brackets (`<https://…>`) are CommonMark's own and
 * are left whole: a directive inside one is reported by the lowering.
 *
 * The autolink transform of `mdast-util-gfm-autolink-literal` (addresses the
 * tokenizer leaves, as in `{www.vk.com}`) makes its nodes without positions;
 * those that hold a run are placed first, by finding their text in order
 * between the positioned siblings around them.
 */
import type {Link, Nodes, PhrasingContent, RootContent} from 'mdast'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {gfmAutolinkLiteralFromMarkdown} from 'mdast-util-gfm-autolink-literal'
import {gfmAutolinkLiteral} from 'micromark-extension-gfm-autolink-literal'
import {shiftPositions} from './markdown.js'
import {RUN_START} from './placeholders.js'

const literalOnly = {extensions: [gfmAutolinkLiteral()], mdastExtensions: [gfmAutolinkLiteralFromMarkdown()]}

/**
 * Split the literal autolinks of `children` (parsed from `text`, whose offset 0 is `base`) at the first inline run
 * they hold. Changes the nodes in place.
 */
export function endAutolinksAtRuns(children: RootContent[], text: string, base: number): void {
  if (!text.includes(RUN_START)) return
  const stack: Nodes[] = [...children]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (!('children' in node)) continue
    const kids = node.children as PhrasingContent[]
    placeUnpositioned(kids, text, base)
    for (let index = kids.length - 1; index >= 0; index--) {
      const child = kids[index]!
      if (child.type === 'link') {
        const replacement = splitLink(child, text, base)
        if (replacement) kids.splice(index, 1, ...replacement)
      } else stack.push(child as Nodes)
    }
  }
}

/** Give offsets to position-less children that hold a run, from their text found in order in the source. */
function placeUnpositioned(kids: PhrasingContent[], text: string, base: number): void {
  for (let index = 0; index < kids.length; index++) {
    if (kids[index]!.position || !holdsRun(kids[index]!)) continue
    let first = index
    while (first > 0 && !kids[first - 1]!.position) first--
    let last = index
    while (last + 1 < kids.length && !kids[last + 1]!.position) last++
    let cursor = first > 0 ? kids[first - 1]!.position!.end.offset! : -1
    const limit = last + 1 < kids.length ? kids[last + 1]!.position!.start.offset! : base + text.length
    if (cursor === -1) cursor = Math.max(base, limit - kids.slice(first, last + 1).reduce((sum, kid) => sum + literal(kid).length, 0))
    for (let place = first; place <= last; place++) {
      const kid = kids[place]!
      const value = literal(kid)
      const found = text.indexOf(value, cursor - base)
      const start = found !== -1 && base + found + value.length <= limit ? base + found : cursor
      const end = Math.min(limit, start + value.length)
      const position = {start: {line: 1, column: 1, offset: start}, end: {line: 1, column: 1, offset: end}}
      kid.position = position
      if (kid.type === 'link') for (const grandchild of kid.children) grandchild.position ??= {start: {...position.start}, end: {...position.end}}
      cursor = end
    }
    index = last
  }
}

function literal(node: PhrasingContent): string {
  if (node.type === 'text') return node.value
  if (node.type === 'link') return node.children.map((child) => (child.type === 'text' ? child.value : '')).join('')
  return ''
}

function holdsRun(node: PhrasingContent): boolean {
  return literal(node).includes(RUN_START)
}

function splitLink(link: Link, text: string, base: number): PhrasingContent[] | null {
  const start = link.position?.start.offset
  const end = link.position?.end.offset
  if (start === undefined || end === undefined) return null
  const source = text.slice(start - base, end - base)
  const run = source.indexOf(RUN_START)
  if (run === -1 || source.startsWith('[') || source.startsWith('<')) return null
  const before = run === 0 ? [] : reparse(source.slice(0, run), start)
  const restStart = start + run
  const rest: PhrasingContent = {type: 'text', value: source.slice(run), position: {start: {...link.position!.start, offset: restStart}, end: {...link.position!.end}}}
  return [...before, rest]
}

/** The phrasing `source` parses to on its own (literal autolinks only), moved to `offset`. */
function reparse(source: string, offset: number): PhrasingContent[] {
  const tree = fromMarkdown(source, literalOnly)
  const paragraph = tree.children[0]
  if (!paragraph || paragraph.type !== 'paragraph') return [{type: 'text', value: source}]
  for (const child of paragraph.children) shiftPositions(child, offset)
  return paragraph.children
}
