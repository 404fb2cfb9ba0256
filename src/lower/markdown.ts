/**
 * The one CommonMark + GFM parse of a page: cut at section breaks, each
 * piece with only the GFM constructs it can contain.
 *
 * **Sections.** micromark's cost per character grows with the length of the
 * document (over the corpus, pages parsed in sections took 5–25 % less time
 * than whole), so a page is parsed as the
 * sections between its top-level ATX headings, which CommonMark parses
 * independently: a blank line followed by a heading at column 0 closes
 * every open block (lists, quotes, tables, paragraphs, fenced code inside a
 * list item), provided no fenced code, HTML comment or other multi-line
 * HTML block spans the break and no link or footnote definition (shared by
 * the whole document) exists. The break is placed before the blank line, so
 * a fenced code block closed by its list item ends exactly as in the whole
 * parse. The tests compare whole and sectioned trees over the corpus.
 *
 * **GFM subsets.**
 * GFM costs about a fifth of the bare parse, and most of that is paid on
 * every character whether or not the construct occurs: autolink literals hook
 * `w`, `h` and every character before an `@`, and their mdast transform walks
 * the whole tree again with regular expressions. Each GFM construct needs a
 * character a text without it cannot have (a table needs `|`, strikethrough
 * `~`, a footnote `[^`, a task item `[ ]`/`[x]`, an autolink literal `www.`,
 * `http(s)://` or `@`), so an extension whose trigger is absent can be left
 * out without changing the tree. The tests compare the trees over the whole
 * corpus with those of the full GFM parse.
 *
 * The extensions keep the order `micromark-extension-gfm` gives them, since
 * constructs hooked on the same character (`[`) are tried in that order.
 */

import type {Nodes, Root, RootContent} from 'mdast'
import {fromMarkdown, type Extension as MdastExtension} from 'mdast-util-from-markdown'
import {gfmAutolinkLiteralFromMarkdown} from 'mdast-util-gfm-autolink-literal'
import {gfmFootnoteFromMarkdown} from 'mdast-util-gfm-footnote'
import {gfmStrikethroughFromMarkdown} from 'mdast-util-gfm-strikethrough'
import {gfmTableFromMarkdown} from 'mdast-util-gfm-table'
import {gfmTaskListItemFromMarkdown} from 'mdast-util-gfm-task-list-item'
import type {Extension as MicromarkExtension} from 'micromark-util-types'
import {gfmAutolinkLiteral} from 'micromark-extension-gfm-autolink-literal'
import {gfmFootnote} from 'micromark-extension-gfm-footnote'
import {gfmStrikethrough} from 'micromark-extension-gfm-strikethrough'
import {gfmTable} from 'micromark-extension-gfm-table'
import {gfmTaskListItem} from 'micromark-extension-gfm-task-list-item'
import {contextAt, scanContexts} from '../lexer/contexts.js'

interface GfmConstruct {
  /** Matches every text in which the construct can occur (and some in which it cannot). */
  trigger: RegExp
  syntax: MicromarkExtension
  mdast: MdastExtension
}

const constructs: readonly GfmConstruct[] = [
  {trigger: /@|www\.|https?:\/\//i, syntax: gfmAutolinkLiteral(), mdast: gfmAutolinkLiteralFromMarkdown()},
  {trigger: /\[\^/, syntax: gfmFootnote(), mdast: gfmFootnoteFromMarkdown()},
  {trigger: /~/, syntax: gfmStrikethrough(), mdast: gfmStrikethroughFromMarkdown()},
  {trigger: /\|/, syntax: gfmTable(), mdast: gfmTableFromMarkdown()},
  // The check is `[`, then a space, tab, line ending, `x` or `X`, then `]`.
  {trigger: /\[[\s xX]\]/, syntax: gfmTaskListItem(), mdast: gfmTaskListItemFromMarkdown()},
]

interface ParseOptions {
  extensions: MicromarkExtension[]
  mdastExtensions: MdastExtension[]
}

/** One options object per subset (at most 32), made on first use: building them per page would cost more than it saves. */
const optionsBySubset = new Map<number, ParseOptions>()

/** Which GFM constructs `text` may contain, as a bit set over `constructs`. */
export function gfmSubset(text: string): number {
  let subset = 0
  for (let index = 0; index < constructs.length; index++) {
    if (constructs[index]!.trigger.test(text)) subset |= 1 << index
  }
  return subset
}

function optionsFor(subset: number): ParseOptions {
  let options = optionsBySubset.get(subset)
  if (!options) {
    const chosen = constructs.filter((_, index) => subset & (1 << index))
    options = {extensions: chosen.map((construct) => construct.syntax), mdastExtensions: chosen.map((construct) => construct.mdast)}
    optionsBySubset.set(subset, options)
  }
  return options
}

/**
 * Parsed sections by their text. Renders of one page for several build
 * targets share most sections (the targets differ in a few conditions), so
 * the linter passes one cache per page and each distinct section is parsed
 * once; a hit is cloned, since the lowering rewrites positions in place.
 */
export type SectionCache = Map<string, Root>

/** Parse `text` as CommonMark + GFM: the same tree as one whole parse with every GFM construct. */
export function parseMarkdown(text: string, sections?: SectionCache): Root {
  const breaks = sectionBreaks(text)
  if (breaks.length === 0) return sections ? parseCached(text, sections) : parseSection(text)
  const children: RootContent[] = []
  let start = 0
  let line = 1
  for (const end of [...breaks, text.length]) {
    const section = text.slice(start, end)
    const tree = sections ? parseCached(section, sections) : parseSection(section)
    if (start > 0) for (const child of tree.children) shiftPositions(child, start, line - 1)
    children.push(...tree.children)
    line += countLineFeeds(section)
    start = end
  }
  const lastLineStart = text.lastIndexOf('\n') + 1
  const end = {line, column: text.length - lastLineStart + 1, offset: text.length}
  return {type: 'root', children, position: {start: {line: 1, column: 1, offset: 0}, end}}
}

function parseCached(section: string, sections: SectionCache): Root {
  let tree = sections.get(section)
  if (!tree) {
    tree = parseSection(section)
    sections.set(section, tree)
  }
  return cloneTree(tree)
}

/** A deep copy of a parsed tree (plain objects, arrays and primitives only). */
function cloneTree<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneTree) as T
  if (value === null || typeof value !== 'object') return value
  const copy: Record<string, unknown> = {}
  for (const key in value) copy[key] = cloneTree((value as Record<string, unknown>)[key])
  return copy as T
}

function parseSection(text: string): Root {
  return fromMarkdown(text, optionsFor(gfmSubset(text)))
}

/** Link and footnote definitions are shared by the whole document; multi-line HTML blocks of kinds 1–5 other than comments end only at their closer. */
const unsplittable = /^ {0,3}\[[^\]\n]+\]:|<(?:script|pre|style|textarea)[\s>]|<!\[CDATA\[|<![A-Za-z]|<\?(?![^\n]*\?>)/im

/** A blank line, then an ATX heading at column 0. */
const blankThenHeading = /\n[ \t]*\n(?=#{1,6}(?:[ \t]|\n|$))/g

/**
 * Offsets (each just after a line feed) where `text` can be cut into
 * sections that parse like the whole: before the blank line that precedes a
 * top-level heading, when neither the heading nor that line feed is inside
 * fenced code or a comment.
 */
export function sectionBreaks(text: string): number[] {
  // Texts with carriage returns (also line endings to CommonMark) are parsed whole: line counting stays simple.
  if (!text.includes('\n#') || text.includes('\r') || unsplittable.test(text)) return []
  const breaks: number[] = []
  let scan: ReturnType<typeof scanContexts> | undefined
  blankThenHeading.lastIndex = 0
  for (let match = blankThenHeading.exec(text); match; match = blankThenHeading.exec(text)) {
    scan ??= scanContexts(text)
    const heading = match.index + match[0].length
    if (contextAt(scan, match.index) === 'text' && contextAt(scan, heading) === 'text') breaks.push(match.index + 1)
  }
  return breaks
}

/**
 * Move a parsed tree by `offset` characters and `lines` lines. A text parsed
 * on its own from a line start keeps its columns; callers that map positions
 * from offsets alone (the lowering) leave `lines` at 0.
 */
export function shiftPositions(tree: Nodes, offset: number, lines = 0): void {
  const stack: Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    const position = node.position
    if (position) {
      position.start.line += lines
      position.end.line += lines
      if (position.start.offset !== undefined) position.start.offset += offset
      if (position.end.offset !== undefined) position.end.offset += offset
    }
    if ('children' in node) for (const child of node.children) stack.push(child as Nodes)
  }
}

function countLineFeeds(text: string): number {
  let count = 0
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++
  return count
}

