/**
 * The one CommonMark + GFM parse of a page: cut at section breaks, each
 * piece with only the GFM constructs it can contain. Both shortcuts give
 * the tree of one whole parse with every GFM construct, on any input.
 *
 * **Sections.** A page is parsed as the sections between its top-level ATX
 * headings when the parse is shared: renders of one page for several targets,
 * and a page edited in the language server, parse again only the sections
 * that differ. A page parsed once is not cut at headings, since each parse
 * has a fixed set-up cost (about 60 µs with GFM: the extensions are combined
 * and the compiler built afresh) and, over ru, the 6,800 sections cost more
 * set-up than the shorter parses saved. Why the cut is exact: at a line that
 * is blank, followed by an ATX heading at column 0, CommonMark has closed
 * every block but two kinds — paragraphs and tables end at the blank line; block quotes, list items and
 * footnote definitions do not continue on a line that is neither `>` nor
 * indented (and a heading is no lazy line), and the blocks inside them close
 * with them; indented code and HTML blocks of kinds 6–7 end there too. What
 * can stay open is fenced code and an HTML block of kinds 1–5 at the top
 * level. So a section is parsed on its own (the break sits before the blank
 * line) and its tree is asked, along its last children, whether a fenced
 * code block is still waiting for its closing fence or an HTML block for its
 * end condition; if one is (or one nested deeper, whose end could depend on
 * the blank line), the section runs on to the next break and is parsed
 * again. The only other state CommonMark carries across blocks is the set of
 * link and footnote definitions: every definition holds `]:`, so a text
 * without `]:` has none, and a text whose sections hold one is parsed whole.
 * The text scan (`src/syntax/scan.ts`) picks the candidate breaks (none
 * inside code or HTML blocks); the trees, not the scan, decide.
 *
 * **GFM subsets.** GFM costs about a fifth of the bare parse, and most of
 * that is paid on every character whether or not the construct occurs:
 * autolink literals hook `w`, `h` and every character before an `@`, and
 * their mdast transform walks the whole tree again with regular expressions.
 * Each GFM construct needs characters a text without it cannot have (each
 * trigger below is implied by the extension's grammar), so an extension
 * whose trigger is absent can be left out without changing the tree.
 *
 * The extensions keep the order `micromark-extension-gfm` gives them, since
 * constructs hooked on the same character (`[`) are tried in that order.
 *
 * **Autolink-literal transform on demand.** Besides its micromark side,
 * the autolink-literal extension runs a tree transform that searches every
 * text node with regular expressions (a tenth of the bare pipeline's time
 * over ru), though most texts that hold `https://` hold it in link
 * destinations only. Its expressions cannot match a text node without `@`,
 * `www.` or `http(s)://`, and it is the only transform in any subset (it
 * runs last, on the finished tree), so it runs here after the parse, and
 * only when some text node holds one of those.
 */

import type {Nodes, Parent, Root, RootContent} from 'mdast'
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
import {scanOf, type TextScan} from '../syntax/scan.js'
import {rangeAt} from '../syntax/sorted.js'

interface GfmConstruct {
  /** Matches every text in which the construct can occur (and some in which it cannot). */
  trigger: RegExp
  syntax: MicromarkExtension
  mdast: MdastExtension
}

/** The autolink-literal extension without its tree transform, and the transform alone (see the module comment). */
const {transforms, ...autolinkLiteralHandlers} = gfmAutolinkLiteralFromMarkdown()
const autolinkTransforms = transforms ?? []
/**
 * What a text node needs for the transform's expressions to match: `@`, `www.` or `http(s)://`, case-insensitive.
 * In the source, the `.`, `:` and `/` may be escaped (`www\.a.ru`), and any of the characters may be spelled as a
 * character reference (`a&#64;b.ru`): the parse decodes both into the text node.
 */
const autolinkTrigger = /@|www\.|https?:\/\//i
const autolinkSourceTrigger = /@|www\\?\.|https?\\?:\\?\/\\?\/|&#?[a-z\d]+;/i

const constructs: readonly GfmConstruct[] = [
  {trigger: autolinkSourceTrigger, syntax: gfmAutolinkLiteral(), mdast: autolinkLiteralHandlers},
  {trigger: /\[\^/, syntax: gfmFootnote(), mdast: gfmFootnoteFromMarkdown()},
  {trigger: /~/, syntax: gfmStrikethrough(), mdast: gfmStrikethroughFromMarkdown()},
  // A delimiter row holds a `|` or, in a one-column table, a colon next to a dash (`a\n:-\nb`).
  {trigger: /\||:-|-:/, syntax: gfmTable(), mdast: gfmTableFromMarkdown()},
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
    options = {extensions: chosen.map((construct) => construct.syntax), mdastExtensions: [...chosen.map((construct) => construct.mdast), countFenceSequences]}
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
export type SectionCache = Map<string, ParsedSection>

/**
 * Parse `text` as CommonMark + GFM: the same tree as one whole parse with every GFM construct.
 *
 * @param text A whole text (sections are cut at its line starts).
 * @param sections Parsed sections to share across calls (see `SectionCache`); only then is `text` cut at headings.
 * @param scan The text scan of `text`, or of a text with the same block structure and offsets (the expanded text
 *   whose placeholders `text` holds); computed when not given. It only proposes breaks.
 */
export function parseMarkdown(text: string, sections?: SectionCache, scan?: TextScan): Root {
  const breaks = sectionBreaks(text, scan, sections !== undefined)
  const parse = (section: string): ParsedSection => (sections ? parseCached(section, sections) : parseSection(section))
  if (breaks.length === 0) return parse(text).tree
  const children: RootContent[] = []
  let start = 0
  let line = 1
  let carried = 0
  let hasDefinitions = false
  for (let index = 0; index <= breaks.length; index++) {
    const end = index < breaks.length ? breaks[index]! : text.length
    const section = text.slice(start, end)
    const parsed = parse(section)
    if (end < text.length && parsed.carriesOver) {
      // A block stays open over this break: the section runs on (after two misses, to the end).
      if (++carried >= 2) index = breaks.length - 1
      continue
    }
    hasDefinitions ||= parsed.hasDefinitions
    const tree = parsed.tree
    if (start > 0) for (const child of tree.children) shiftPositions(child, start, line - 1)
    children.push(...tree.children)
    line += countLineEndings(section)
    start = end
  }
  // Definitions are shared by the whole document: a text that has one is parsed whole.
  if (hasDefinitions) return parse(text).tree
  const lastLineStart = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1
  const end = {line, column: text.length - lastLineStart + 1, offset: text.length}
  return {type: 'root', children, position: {start: {line: 1, column: 1, offset: 0}, end}}
}

/** One line of words: a letter first, then letters, digits, spaces and prose punctuation (no construct starts or acts in it). */
const plainLine = /^(?:[ \t]*(?:\r\n|\r|\n))*( {0,3})(\p{L}(?:[\p{L}\p{N} ,.;:!?%()"'«»—–/-]*[\p{L}\p{N},.;:!?%()"'«»—–/-])?)\s*$/u
/** Longest text `plainParagraph` looks at: its expression backtracks over trailing spaces, so it is kept to short texts. */
const maxPlainLength = 2000

/**
 * The tree of a text that is one line of words (see `plainLine`), without parsing it: a paragraph holding one
 * text node, the line without its indentation and trailing white space, as CommonMark + GFM make of it.
 * `undefined` for any other text. Half of the AsciiDoc table cells of ru are such lines, and a parse costs
 * more per cell than the cell's text.
 */
export function plainParagraph(text: string, start: number): RootContent[] | undefined {
  if (text.length > maxPlainLength) return undefined
  const match = plainLine.exec(text)
  if (!match || autolinkTrigger.test(match[2]!)) return undefined
  const value = match[2]!
  const offset = text.indexOf(value)
  const line = 1 + countLineEndings(text.slice(0, offset))
  const column = 1 + match[1]!.length
  // The text ends with the words; the paragraph runs on over the white space before the line ending.
  const lineEnd = text.slice(offset).search(/[\r\n]|$/) + offset
  const at = (end: number) => ({start: {line, column, offset: start + offset}, end: {line, column: column + end - offset, offset: start + end}})
  return [{type: 'paragraph', children: [{type: 'text', value, position: at(offset + value.length)}], position: at(lineEnd)}]
}

/** A parsed section and what its tree says about the text after it. */
export interface ParsedSection {
  tree: Root
  /** Whether a fenced code block or an HTML block of kinds 1–5 is still open at its end (see the module comment). */
  carriesOver: boolean
  hasDefinitions: boolean
}

function parseCached(section: string, sections: SectionCache): ParsedSection {
  let parsed = sections.get(section)
  if (!parsed) {
    parsed = parseSection(section)
    sections.set(section, parsed)
  }
  return {...parsed, tree: cloneTree(parsed.tree)}
}

/** A deep copy of a parsed tree (plain objects, arrays and primitives only). */
function cloneTree<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneTree) as T
  if (value === null || typeof value !== 'object') return value
  const copy: Record<string, unknown> = {}
  for (const key in value) copy[key] = cloneTree((value as Record<string, unknown>)[key])
  return copy as T
}

/** Fence sequences per code node of the parse under way: two once the closing fence was seen. */
let fenceSequences = new Map<Nodes, number>()

/** Counts fence sequences (no default handler uses this token; `fromMarkdown` is synchronous). */
const countFenceSequences: MdastExtension = {
  exit: {
    codeFencedFenceSequence() {
      const node = this.stack[this.stack.length - 1] as Nodes
      fenceSequences.set(node, (fenceSequences.get(node) ?? 0) + 1)
    },
  },
}

function parseSection(text: string): ParsedSection {
  const sequences = new Map<Nodes, number>()
  fenceSequences = sequences
  const subset = gfmSubset(text)
  const finish = (tree: Root): ParsedSection => ({tree, carriesOver: leavesOpen(tree, sequences), hasDefinitions: text.includes(']:') && someNode(tree, isDefinition)})
  if (subset & autolinkBit && !mayLinkLiterally(text)) {
    // Parsed without autolink literals: the tree has no text they could act on, so it is the tree with them.
    const tree = fromMarkdown(text, optionsFor(subset & ~autolinkBit))
    if (!someNode(tree, mayHoldAutolinkLiteral)) return finish(tree)
    sequences.clear()
  }
  let tree = fromMarkdown(text, optionsFor(subset))
  if (subset & autolinkBit && someNode(tree, mayHoldAutolinkLiteral)) for (const transform of autolinkTransforms) tree = (transform(tree) as Root | undefined) ?? tree
  return finish(tree)
}

/** Whether the character code ends the run of a URL (back from a `www.`, `http://` or `@`): space, tab, line ending, `()<>"'`. */
function isRunStop(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 40 || code === 41 || code === 60 || code === 62 || code === 34 || code === 39
}

/**
 * Whether some `@`, `www.` or `http(s)://` of `text` may start a literal autolink: one not at the start of a
 * link destination (`](…`), an autolink or tag (`<…`), a definition (`]: …`) or an attribute value (`="…`).
 * Most pages hold their URLs in destinations only, and the autolink-literal extension, hooked on `w`, `h` and
 * every character of an email's name, costs on every character. Only a guess: `parseSection` keeps a tree
 * parsed without it only when no text node holds what it acts on (its syntax and its transform turn only such
 * text into links), and parses again with it otherwise. Linear: one pass back to the last stop at most.
 */
export function mayLinkLiterally(text: string): boolean {
  let scanned = 0
  let lastStop = -1
  for (const match of text.matchAll(/@|www\.|https?:\/\//gi)) {
    for (; scanned < match.index; scanned++) if (isRunStop(text.charCodeAt(scanned))) lastStop = scanned
    const stop = text[lastStop]
    const inDestination =
      (stop === '(' && text[lastStop - 1] === ']') ||
      stop === '<' ||
      ((stop === '"' || stop === "'") && text[lastStop - 1] === '=') ||
      (stop !== undefined && /\]:[ \t]*$/.test(text.slice(Math.max(0, lastStop - 8), lastStop + 1)))
    if (!inDestination) return true
  }
  return false
}

const autolinkBit = 1 << constructs.findIndex((construct) => construct.trigger === autolinkSourceTrigger)

/** Whether some node of `tree` passes `test` (depth first, stops at the first). */
function someNode(tree: Root, test: (node: Nodes) => boolean): boolean {
  const stack: Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (test(node)) return true
    if ('children' in node) for (const child of node.children) stack.push(child as Nodes)
  }
  return false
}

const mayHoldAutolinkLiteral = (node: Nodes): boolean => node.type === 'text' && autolinkTrigger.test(node.value)
const isDefinition = (node: Nodes): boolean => node.type === 'definition' || node.type === 'footnoteDefinition'

/** Start conditions of HTML blocks of kinds 1–5 and the end condition each waits for. */
const htmlKinds: ReadonlyArray<{start: RegExp; end: RegExp}> = [
  {start: /^<(?:pre|script|style|textarea)(?:[ \t>\r\n]|$)/i, end: /<\/(?:pre|script|style|textarea)>/i},
  {start: /^<!--/, end: /-->/},
  {start: /^<\?/, end: /\?>/},
  {start: /^<![A-Za-z]/, end: />/},
  {start: /^<!\[CDATA\[/, end: /\]\]>/},
]

/** Whether a fenced code block or an HTML block of kinds 1–5 on the last-children path of `tree` is still open. */
function leavesOpen(tree: Root, sequences: ReadonlyMap<Nodes, number>): boolean {
  let node: Nodes | undefined = tree
  while (node) {
    if (node.type === 'code' && sequences.get(node) === 1) return true
    if (node.type === 'html') {
      const value = node.value.trimStart()
      for (const kind of htmlKinds) {
        const opener = kind.start.exec(value)
        // The end condition, looked for after the opener (conservative: `<!-->` counts as open).
        if (opener) return !kind.end.test(value.slice(opener[0].length))
      }
    }
    // Only flow content can hold an open block (an inline `<pre>` is no HTML block).
    node = flowParents.has(node.type) ? ((node as Parent).children[(node as Parent).children.length - 1] as Nodes | undefined) : undefined
  }
  return false
}

const flowParents: ReadonlySet<string> = new Set(['root', 'blockquote', 'list', 'listItem', 'footnoteDefinition'])

/** A line ending, a blank line, then an ATX heading at column 0 (CommonMark's line endings: LF, CR LF, CR). */
const blankThenHeading = /(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r\n|\r(?!\n)|\n)(?=#{1,6}(?:[ \t\r\n]|$))/g

/**
 * Candidate offsets (each just after a line ending) where `text` may be cut
 * into sections: before the blank line that precedes a top-level heading,
 * when the scan puts neither that blank line nor the heading inside code or
 * an HTML block; and before a `<?` HTML block at column 0, which is how an
 * untitled block directive line (`{/cut}`, `{tabs}`) reaches CommonMark: its
 * start closes every container and leaf, tables included, as a heading's
 * does. At most one of those per `minHtmlSection` characters, since each
 * section is a parse of its own (they keep a long run of list items that
 * such lines close from growing micromark's work quadratically). With
 * `atHeadings` false only those. `parseMarkdown` checks each against the
 * parsed trees.
 */
export function sectionBreaks(text: string, scan?: TextScan, atHeadings = true): number[] {
  const headings = atHeadings && /[\n\r]#/.test(text)
  const html = /[\n\r]<\?/.test(text)
  if (!headings && !html) return []
  const breaks: number[] = []
  let blocks: BlockRanges | undefined
  if (headings) {
    blankThenHeading.lastIndex = 0
    for (let match = blankThenHeading.exec(text); match; match = blankThenHeading.exec(text)) {
      blocks ??= blockRanges(scan ?? scanOf(text))
      const lineEnding = text.charCodeAt(match.index) === 13 && text.charCodeAt(match.index + 1) === 10 ? 2 : 1
      const heading = match.index + match[0].length
      if (!blocks.holds(match.index) && !blocks.holds(heading)) breaks.push(match.index + lineEnding)
    }
  }
  if (!html || text.length < 2 * minHtmlSection) return breaks
  const htmlBreaks: number[] = []
  let htmlStarts: Set<number> | undefined
  let last = 0
  let next = 0
  lineThenProcessing.lastIndex = 0
  for (let match = lineThenProcessing.exec(text); match; match = lineThenProcessing.exec(text)) {
    const start = match.index + match[0].length
    // The nearest heading break before it counts as the last break too.
    while (next < breaks.length && breaks[next]! <= start) last = Math.max(last, breaks[next++]!)
    if (start - last < minHtmlSection || text.length - start < minHtmlSection) continue
    scan ??= scanOf(text)
    blocks ??= blockRanges(scan)
    htmlStarts ??= new Set(scan.htmlBlocks.map((block) => block.start))
    // Inside code or another HTML block it is text (an author's `<?` block starts one of its own, a placeholder none).
    if (blocks.holds(match.index) || (blocks.holds(start) && !htmlStarts.has(start))) continue
    htmlBreaks.push(start)
    last = start
  }
  return htmlBreaks.length === 0 ? breaks : [...breaks, ...htmlBreaks].sort((a, b) => a - b)
}

/** A line ending, then `<?` at column 0: an untitled block directive line's placeholder (`{/cut}`, `{tabs}`, …). */
const lineThenProcessing = /(?:\r\n|\r(?!\n)|\n)(?=<\?)/g

/** The smallest section an HTML-block break makes (characters): below it the set-up of a parse costs more than it saves. */
const minHtmlSection = 4096

interface BlockRanges {
  holds(offset: number): boolean
}

/** Code blocks and HTML blocks of a scan, as sorted disjoint ranges with a lookup. */
function blockRanges(scan: TextScan): BlockRanges {
  const ranges: Array<{start: number; end: number}> = []
  for (const range of scan.ranges) if (range.context === 'fenced-code') ranges.push(range)
  for (const block of scan.htmlBlocks) ranges.push(block)
  ranges.sort((a, b) => a.start - b.start)
  return {holds: (offset) => rangeAt(ranges, offset) !== undefined}
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

/** Line endings as CommonMark counts them (CR LF is one). */
function countLineEndings(text: string): number {
  let count = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === 10) count++
    else if (code === 13) {
      count++
      if (text.charCodeAt(index + 1) === 10) index++
    }
  }
  return count
}

