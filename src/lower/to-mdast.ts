/**
 * Lowering: dialect source → mdast, for one build target.
 *
 * 1. The text-level layer (`expand`) yields the expanded text and its map.
 * 2. Directives are found in the expanded text (`parse`) and replaced by
 *    same-length placeholders (`placeholders.ts`).
 * 3. The placeholder text is parsed **once, whole** by
 *    `mdast-util-from-markdown` + GFM, so CommonMark alone decides lists,
 *    code and paragraphs.
 * 4. Directive nodes are rebuilt around the placeholders: block openers and
 *    closers are paired among siblings, inline runs are split out of text
 *    nodes and paired within their parent (`rebuild`).
 * 5. Positions are mapped back to the files the text came from.
 */
import type {Heading, Html, Nodes, Parent, PhrasingContent, Root, RootContent, Text} from 'mdast'
import type {Root as DialectRoot, DirectiveNode, InlineContent, CloseNode, Segment} from '../ast.js'
import type {Code} from '../diagnostics/codes.js'
import {report, type VkdocMessage} from '../diagnostics/report.js'
import {scanAsciidocTables, type AsciidocTableBlock} from '../lexer/asciidoc-table.js'
import {contextAt, scanContexts} from '../lexer/contexts.js'
import {parse} from '../parser/index.js'
import {LineIndex} from '../syntax/position.js'
import {aloneOnLine, expand, type ExpandOptions, type Expanded} from '../expand/expand.js'
import type {AsciidocCell, AsciidocRow, AsciidocTable, DirectiveLabel, FlowContent, NoteType} from './nodes.js'
import {applyReplacements, blockLine, blockRegion, headingOpener, inlineRun, RUN_START, TITLE_GUARD, type Replacement} from './placeholders.js'
import {parseMarkdown, shiftPositions, type SectionCache} from './markdown.js'
import {checkStructure} from './structure.js'
import {anchorsOf, numberCounters, plainText as numberedText, readableId, type Numbering, type PageAnchors} from './anchors.js'

/** How a `{linkto}` target resolves (given by a docs tree, or by the default resolver). */
export interface LinkResolution {
  url: string
  /** Text of the target heading (for `%text`). */
  title?: string
  /** Number of the target caption (for `%number`). */
  number?: string
}

export interface MdastOptions extends ExpandOptions {
  /**
   * The page's path inside its docs tree (`ru/start/partners/faq/faq.md`): makes
   * relative link targets site-absolute. Without it hrefs stay relative (they
   * resolve in a browser for a page served at its folder URL).
   */
  path?: string
  /** Resolves a `{linkto}` target that is not on this page (a docs tree supplies it). */
  resolveLink?: (target: string, context: {file: string}) => (LinkResolution & {problem?: {code: Code; reason: string}}) | undefined
  /** Source texts of files other than the page (fragments), to compute their line/column. */
  sources?: ReadonlyMap<string, string>
  /** An expansion already made for this target (the linter shares one parse among targets). */
  expanded?: Expanded
  /** Parsed Markdown sections to reuse across renders of one page for several targets (see `SectionCache`). */
  sections?: SectionCache
}

export interface MdastResult {
  tree: Root
  messages: VkdocMessage[]
  expanded: Expanded
  /** Heading and caption anchors of the rendered page: id → text / number. */
  anchors: PageAnchors
  pairing: PairingStats
}

type BlockName = 'cut' | 'note' | 'tabs' | 'tab' | 'caption'
const pairedBlocks: ReadonlySet<string> = new Set(['cut', 'note', 'tabs', 'tab', 'caption'])
const titledBlocks: ReadonlySet<string> = new Set(['cut', 'tab', 'caption'])

/** A directive piece that a placeholder stands for. */
interface Mark {
  kind: 'open' | 'close' | 'leaf'
  /** For opens and closes: the paired construct (`linkto`, `heading`, or a block name). */
  name: string
  /** True when this is a block line placeholder (heading or HTML block at this offset). */
  block: boolean
  node: DirectiveNode | CloseNode
  start: number
  end: number
}

/**
 * How block openers found their closers in the rendered tree: among siblings
 * of one parent, lifted (the closer sat in the opener's last child, e.g. a
 * closer indented into the last list item), or closed by the end of their
 * container (no closer there). Closers left without an opener are dropped.
 */
export interface PairingStats {
  siblings: number
  lifted: number
  autoClosed: number
  dropped: number
  /** Expanded-text offsets of the openers closed by the end of their container. */
  autoClosedAt: number[]
}

interface Context {
  pairing: PairingStats
  /** Messages to place once positions can be mapped: expanded-text offsets. */
  pending: Array<{message: VkdocMessage; start: number; end: number}>
  text: string
  file: string
  options: MdastOptions
  messages: VkdocMessage[]
  /** All directive tokens of the expanded text in document order, top-level only. */
  tokens: Array<DirectiveNode | CloseNode>
  counters: Map<DirectiveNode, string>
  constants: Map<string, string>
  numbering: Numbering
  anchors: PageAnchors
  tables: AsciidocTableBlock[]
  /** Block placeholders by start offset. */
  blockMarks: Map<number, Mark>
  /** Inline marks of the range being lowered, sorted by start offset. */
  inlineMarks: Mark[]
  /** Formula regions by start offset. */
  formulas: Map<number, {node: DirectiveNode; end: number}>
}

/** Lower a page to mdast for one build target. Never throws on author input. */
export function toMdastResult(source: string, options: MdastOptions = {}): MdastResult {
  const file = options.file ?? options.path ?? 'input.md'
  const parsed = options.tree ? {tree: options.tree, messages: []} : parse(source, {file})
  const expanded = options.expanded ?? expand(source, {...options, file, tree: parsed.tree})
  const messages: VkdocMessage[] = [...parsed.messages, ...expanded.messages]
  const text = expanded.text
  const expandedTree: DialectRoot = expanded.map.isIdentity && text === source ? parsed.tree : parse(text, {file}).tree
  const context: Context = {
    pairing: {siblings: 0, lifted: 0, autoClosed: 0, dropped: 0, autoClosedAt: []},
    pending: [],
    text,
    file,
    options,
    messages,
    tokens: [],
    counters: new Map(),
    constants: new Map(),
    numbering: {counters: new Map(), constants: new Map()},
    anchors: {title: null, ids: new Map()},
    tables: [],
    blockMarks: new Map(),
    inlineMarks: [],
    formulas: new Map(),
  }
  collectTokens(context, expandedTree)
  const numbering = numberCounters(expandedTree.children)
  context.counters = numbering.counters
  context.constants = numbering.constants
  context.numbering = numbering
  context.anchors = anchorsOf(expandedTree, text, numbering)
  const isCode = codeTest(text)
  const scan = scanAsciidocTables(text, {isCode})
  context.tables = scan.tables
  for (const problem of scan.problems) reportAt(context, report(problem.code, problem.reason, undefined, {file}), problem.offset, problem.end)
  const structure = checkStructure(expandedTree, text)
  const lowered = lowerRange(context, 0, text.length)
  const tree: Root = {type: 'root', children: lowered as RootContent[], position: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: text.length}}}
  // Positions: expanded offsets → source files.
  const mapper = createPositionMapper(source, file, expanded, options.sources)
  mapper.mapTree(tree)
  for (const {message, start, end} of context.pending) mapper.place(message, start, end)
  checkDuplicateIds(context, expanded, mapper, messages, source)
  for (const issue of structure) {
    const message = report(issue.code, issue.reason, undefined, {file, targets: options.target ? [options.target] : undefined})
    mapper.place(message, issue.start, issue.end)
    messages.push(message)
  }
  return {tree, messages, expanded, anchors: context.anchors, pairing: context.pairing}
}

/** Keep a message whose place is known in expanded-text offsets; it is placed after lowering. */
function reportAt(context: Context, message: VkdocMessage, start: number, end: number): void {
  context.messages.push(message)
  context.pending.push({message, start, end})
}

/** Lower a page to mdast (the tree only; see `toMdastResult` for diagnostics). */
export function toMdast(source: string, options: MdastOptions = {}): Root {
  return toMdastResult(source, options).tree
}

// ---------------------------------------------------------------------------
// Pre-passes over the directive tokens of the expanded text.

function collectTokens(context: Context, tree: DialectRoot): void {
  for (const node of tree.children) {
    if (node.type === 'text') continue
    context.tokens.push(node)
    if (node.type === 'directive' && node.name === 'formula' && node.context === 'text') {
      const start = node.position.start.offset!
      let end = node.position.end.offset!
      if (node.body === null || !context.text.slice(start, end).includes('{/formula}')) {
        const close = context.text.indexOf('{/formula}', end)
        if (close !== -1) end = close + '{/formula}'.length
      }
      context.formulas.set(start, {node, end})
    }
  }
}

function captionNumber(context: Context, number: readonly InlineContent[] | null): string | null {
  if (!number) return null
  const text = numberedText(context.numbering, number).trim()
  return text === '' ? null : text
}

/** Offsets inside fenced code, by the lexer's context scan (the AsciiDoc scanner skips `|===` there). */
function codeTest(text: string): (offset: number) => boolean {
  const scan = scanContexts(text)
  return (offset) => contextAt(scan, offset) === 'fenced-code'
}

// ---------------------------------------------------------------------------
// Placeholders and the one Markdown parse per range.

/** Lower `[start, end)` of the expanded text to flow content. */
function lowerRange(context: Context, start: number, end: number): FlowContent[] {
  return lowerRanges(context, [[start, end]])[0]!
}

/** A line that separates the parts of a batched parse; never produced by placeholders. */
const PART_SEPARATOR = '\n\n<?vkdoc-part?>\n\n'
const PART_MARKER = '<?vkdoc-part?>'

/**
 * Lower several disjoint ranges (the cells of an AsciiDoc table) with ONE
 * Markdown parse: their placeholder texts are joined by a separator line that
 * closes every open container, parsed together, and split again. Calling the
 * parser per cell costs more in set-up than in parsing (11,206 cells in ru).
 * If a part swallows a separator (an unclosed fence in a cell), the parts are
 * parsed one by one instead.
 */
function lowerRanges(context: Context, ranges: ReadonlyArray<readonly [number, number]>): FlowContent[][] {
  const outerMarks = context.inlineMarks
  context.inlineMarks = []
  const parts = ranges.map(([start, end]) => placeRange(context, start, end))
  context.inlineMarks.sort((a, b) => a.start - b.start)
  const marks = context.inlineMarks
  context.inlineMarks = outerMarks
  const lowerPart = (part: PlacedRange, children: RootContent[]): FlowContent[] => {
    const state: RebuildState = {context, tableStarts: part.tableStarts, placeholderText: part.text, base: part.start, marks}
    const strays: StrayCloses = {names: []}
    const flow = rebuildFlow(state, children, strays) as FlowContent[]
    context.pairing.dropped += strays.names.length
    return flow
  }
  if (parts.length === 1) {
    const part = parts[0]!
    const tree = parseMarkdown(part.text, context.options.sections)
    if (part.start !== 0) shiftPositions(tree, part.start)
    return [lowerPart(part, tree.children as RootContent[])]
  }
  const tree = parseMarkdown(parts.map((part) => part.text).join(PART_SEPARATOR))
  const groups: RootContent[][] = [[]]
  for (const child of tree.children) {
    if (child.type === 'html' && child.value === PART_MARKER) groups.push([])
    else groups[groups.length - 1]!.push(child)
  }
  if (groups.length !== parts.length) {
    return parts.map((part) => {
      const single = parseMarkdown(part.text)
      shiftPositions(single, part.start)
      return lowerPart(part, single.children as RootContent[])
    })
  }
  let combinedStart = 0
  return parts.map((part, index) => {
    const children = groups[index]!
    for (const child of children) shiftPositions(child, part.start - combinedStart)
    combinedStart += part.text.length + PART_SEPARATOR.length
    return lowerPart(part, children)
  })
}

interface PlacedRange {
  start: number
  text: string
  tableStarts: Map<number, AsciidocTableBlock>
}

/** The placeholder text of one range; its inline marks are pushed to `context.inlineMarks`. */
function placeRange(context: Context, start: number, end: number): PlacedRange {
  const text = context.text
  const replacements: Replacement[] = []
  const tables = context.tables.filter((table) => table.start >= start && table.end <= end)
  const tableStarts = new Map<number, AsciidocTableBlock>()
  for (const table of tables) {
    const tableEnd = text.charCodeAt(table.end - 1) === 10 ? table.end - 1 : table.end
    replacements.push({start: table.start, end: tableEnd, text: blockRegion(text.slice(table.start, tableEnd))})
    tableStarts.set(table.start, table)
  }
  const inTable = (offset: number): boolean => tables.some((table) => offset >= table.start && offset < table.end)
  const tokens = context.tokens
  for (let index = firstTokenAt(tokens, start); index < tokens.length; index++) {
    const node = tokens[index]!
    const nodeStart = node.position.start.offset!
    if (nodeStart >= end) break
    if (node.context !== 'text' || inTable(nodeStart)) continue
    placeToken(context, node, replacements)
  }
  replacements.sort((a, b) => a.start - b.start)
  return {start, text: applyReplacements(text.slice(start, end), replacements, start), tableStarts}
}

/** Index of the first token starting at or after `offset` (tokens are in document order). */
function firstTokenAt(tokens: ReadonlyArray<DirectiveNode | CloseNode>, offset: number): number {
  let low = 0
  let high = tokens.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (tokens[mid]!.position.start.offset! < offset) low = mid + 1
    else high = mid
  }
  return low
}

/** Inner range of a segment (inside its parentheses, if the segment's position includes them). */
function segmentRange(text: string, segment: Segment): [number, number] {
  let segmentStart = segment.position.start.offset!
  let segmentEnd = segment.position.end.offset!
  if (text[segmentStart] === '(' && text[segmentEnd - 1] === ')' && segment.raw.length === segmentEnd - segmentStart - 2) {
    segmentStart++
    segmentEnd--
  }
  return [segmentStart, segmentEnd]
}

function placeToken(context: Context, node: DirectiveNode | CloseNode, replacements: Replacement[]): void {
  const text = context.text
  const start = node.position.start.offset!
  const end = node.position.end.offset!
  // A malformed inline directive stays visible as text (it is reported). A malformed
  // block opener (`{caption()[id=position=above;…]}`) still opens its block, so its
  // closer pairs and its content renders; the opener's bad parts are not shown.
  if (node.type === 'directive' && node.malformed && !(pairedBlocks.has(node.name) && aloneOnLine(context.text, node.position.start.offset!, node.position.end.offset!))) return
  const name = node.name
  if (node.type === 'directive' && name === 'formula') {
    const region = context.formulas.get(start)
    if (region) replacements.push({start, end: region.end, text: blockRegion(text.slice(start, region.end))})
    return
  }
  if (node.type === 'close' && name === 'formula') return
  const line = aloneOnLine(text, start, end)
  const isBlock = pairedBlocks.has(name) || name === 'video' || name === 'include'
  const mark = (kind: Mark['kind'], block: boolean, markStart: number, markEnd: number, markName = name): Mark => ({kind, name: markName, block, node, start: markStart, end: markEnd})
  if (node.type === 'close') {
    if (!pairedBlocks.has(name)) return
    if (line && end - start >= 4) {
      replacements.push({start, end, text: blockLine(end - start)})
      context.blockMarks.set(start, mark('close', true, start, end))
    } else {
      replacements.push({start, end, text: inlineRun(end - start)})
      context.inlineMarks.push(mark('close', false, start, end))
    }
    return
  }
  if (isBlock && line) {
    if (titledBlocks.has(name) && node.args) {
      const [titleStart, titleEnd] = segmentRange(text, node.args)
      const openerLength = titleStart - start
      if (openerLength >= 2 && openerLength <= 9) {
        replacements.push({start, end: titleStart, text: headingOpener(openerLength)})
        const tail = end - titleEnd
        const guard = /#\s*$/.test(text.slice(titleStart, titleEnd)) ? TITLE_GUARD : ''
        replacements.push({start: titleEnd, end, text: guard + ' '.repeat(Math.max(0, tail - guard.length))})
        // Nested inline directives of the title (counters in captions) get inline runs.
        for (const child of node.args.children) if (child.type !== 'text') placeNested(context, child, replacements)
        context.blockMarks.set(start, mark('open', true, start, end))
        return
      }
    }
    replacements.push({start, end, text: blockLine(end - start)})
    context.blockMarks.set(start, mark(pairedBlocks.has(name) ? 'open' : 'leaf', true, start, end))
    return
  }
  // Inline: a pair of runs around visible text, or one run for a leaf.
  const visible = visibleSegment(node as DirectiveNode)
  if (visible) {
    const [visibleStart, visibleEnd] = visible.position ? segmentRange(text, visible) : [start, start]
    replacements.push({start, end: visibleStart, text: inlineRun(visibleStart - start)})
    replacements.push({start: visibleEnd, end, text: inlineRun(end - visibleEnd)})
    for (const child of visible.children) if (child.type !== 'text') placeNested(context, child, replacements)
    const pairName = pairedBlocks.has(name) ? name : name === 'heading' ? 'heading' : 'linkto'
    context.inlineMarks.push(mark('open', false, start, visibleStart, pairName))
    context.inlineMarks.push(mark('close', false, visibleEnd, end, pairName))
    return
  }
  if (name === 'ifdef' || name === 'ifndef' || name === 'includetag') return
  replacements.push({start, end, text: inlineRun(end - start)})
  context.inlineMarks.push(mark(pairedBlocks.has(name) ? 'open' : 'leaf', false, start, end))
}

/** Directives nested in visible text (a counter in a heading title) become leaf runs. */
function placeNested(context: Context, node: DirectiveNode | CloseNode, replacements: Replacement[]): void {
  if (node.type !== 'directive' || node.malformed) return
  if (node.name === 'ifdef' || node.name === 'ifndef') return
  const start = node.position.start.offset!
  const end = node.position.end.offset!
  replacements.push({start, end, text: inlineRun(end - start)})
  context.inlineMarks.push({kind: 'leaf', name: node.name, block: false, node, start, end})
}

/** The part of an inline directive whose text is shown and parsed as Markdown. */
function visibleSegment(node: DirectiveNode): Segment | null {
  if (node.name === 'linkto') {
    const text = node.attributes?.find((attribute) => attribute.key === 'text')
    return text ? text.value : null
  }
  if ((node.name === 'heading' || titledBlocks.has(node.name)) && node.args) return node.args
  return null
}

// ---------------------------------------------------------------------------
// Rebuilding directive nodes around the placeholders.

interface RebuildState {
  context: Context
  tableStarts: Map<number, AsciidocTableBlock>
  placeholderText: string
  base: number
  /** Inline marks of this range, sorted by offset. */
  marks: Mark[]
}

/** A block opener/closer found in flow, or split out of a paragraph. */
interface BlockToken {
  type: 'blockToken'
  mark: Mark
  label: PhrasingContent[] | null
  position: NonNullable<Heading['position']>
}

type FlowItem = RootContent | BlockToken

/** Names of closers that found no opener in a container: offered to the enclosing container. */
interface StrayCloses {
  names: string[]
}

function rebuildFlow(state: RebuildState, children: RootContent[], strays: StrayCloses = {names: []}): RootContent[] {
  const items: FlowItem[] = []
  const childStrays: Array<{index: number; names: string[]}> = []
  for (const child of children) {
    const converted = convertFlowNode(state, child)
    for (const item of converted.items) items.push(item)
    if (converted.strays.length > 0) childStrays.push({index: items.length - 1, names: converted.strays})
  }
  return pairBlocks(state, items, childStrays, strays)
}

/** Convert one flow node: placeholders → tokens, recurse into containers, split paragraphs at block runs. */
function convertFlowNode(state: RebuildState, node: RootContent): {items: FlowItem[]; strays: string[]} {
  const context = state.context
  let offset = node.position?.start.offset ?? -1
  if (node.type === 'heading' || node.type === 'html') {
    // A block indented 1–3 columns past its container starts at that indentation.
    while (offset >= 0 && (context.text.charCodeAt(offset) === 32 || context.text.charCodeAt(offset) === 9)) offset++
    const mark = context.blockMarks.get(offset)
    if (mark) {
      if (mark.kind === 'leaf') return {items: [leafBlock(state, mark, node)], strays: []}
      const label = node.type === 'heading' && mark.kind === 'open' ? labelOf(state, node) : null
      return {items: [{type: 'blockToken', mark, label, position: node.position!}], strays: []}
    }
    if (node.type === 'html') {
      const table = state.tableStarts.get(offset)
      if (table) return {items: [lowerTable(state, table)], strays: []}
      const formula = context.formulas.get(offset)
      if (formula) return {items: [formulaNode(context, formula)], strays: []}
    }
  }
  if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
    const phrasing = rebuildPhrasing(state, node.children, node)
    if (node.type === 'paragraph') return splitParagraph(state, node, phrasing)
    node.children = phrasing.filter((item): item is PhrasingContent => item.type !== 'blockToken')
    return {items: [node], strays: []}
  }
  if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') {
    if (node.type === 'code') checkFenceClosed(state.context, node)
    restoreLiteral(state, node)
    return {items: [node], strays: []}
  }
  if (node.type === 'image') return {items: [imageNode(node)], strays: []}
  if ('children' in node && Array.isArray(node.children)) {
    const strays: StrayCloses = {names: []}
    if (node.type === 'table' || node.type === 'tableRow') {
      for (const child of node.children as RootContent[]) convertFlowNode(state, child)
    } else {
      ;(node as Parent).children = rebuildFlow(state, node.children as RootContent[], strays)
    }
    return {items: [node], strays: strays.names}
  }
  return {items: [node], strays: []}
}

/**
 * A fence CommonMark ended at the end of its container (or of the page)
 * because it was never closed: the rest of the list item became code.
 */
function checkFenceClosed(context: Context, node: {position?: Heading['position']}): void {
  if (!node.position) return
  const text = context.text
  const start = node.position.start.offset!
  const end = node.position.end.offset!
  const opener = /^(`{3,}|~{3,})/.exec(text.slice(start, Math.min(end, start + 64)))
  if (!opener) return
  const lastLineStart = text.lastIndexOf('\n', end - 1) + 1
  const lastLine = text.slice(Math.max(lastLineStart, start), end).trim()
  const fence = opener[1]!
  const closed = lastLineStart > start && lastLine.length >= fence.length && lastLine === fence[0]!.repeat(lastLine.length)
  if (closed) return
  const lineEnd = text.indexOf('\n', start)
  const message = report('unclosed-code-fence', `Unexpected end of ${end >= text.length ? 'page' : 'list item or block'} inside a code fence opened with ${fence}, expected a closing fence of at least ${fence.length} ${fence[0] === '`' ? 'backticks' : 'tildes'}`, undefined, {file: context.file, targets: context.options.target ? [context.options.target] : undefined})
  reportAt(context, message, start, lineEnd === -1 ? end : Math.min(lineEnd, end))
}

/** Deepest block nesting rendered; deeper openers render as their title only. */
const maxBlockDepth = 32

/** Pair block tokens among siblings and wrap what lies between them. */
function pairBlocks(state: RebuildState, items: FlowItem[], childStrays: Array<{index: number; names: string[]}>, strays: StrayCloses): RootContent[] {
  interface Frame {
    token: BlockToken | null
    children: RootContent[]
  }
  const stack: Frame[] = [{token: null, children: []}]
  const pairing = state.context.pairing
  const close = (auto = false, closer?: BlockToken): void => {
    const frame = stack.pop()!
    if (auto) pairing.autoClosedAt.push(frame.token!.mark.start)
    const parent = stack[stack.length - 1]!
    parent.children.push(blockNode(state, frame.token!, frame.children, closer))
  }
  /** Close down to `depth`: the frame there found its closer; those above it did not. */
  const closeTo = (depth: number, how: 'siblings' | 'lifted', closer?: BlockToken): void => {
    while (stack.length > depth + 1) {
      pairing.autoClosed++
      close(true)
    }
    pairing[how]++
    close(false, closer)
  }
  let strayIndex = 0
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!
    if (item.type === 'blockToken') {
      if (item.mark.kind === 'open') {
        // Hostile input can open thousands of blocks; every consumer of the tree
        // recurses, so nesting stops at a depth no real page needs (the corpus: 7).
        if (stack.length > maxBlockDepth) {
          stack[stack.length - 1]!.children.push({type: 'paragraph', children: item.label ?? [], position: item.position})
          continue
        }
        stack.push({token: item, children: []})
      }
      else {
        const depth = findFrame(stack, item.mark.name)
        if (depth === -1) strays.names.push(item.mark.name)
        else closeTo(depth, 'siblings', item)
      }
    } else {
      stack[stack.length - 1]!.children.push(item)
    }
    // A closer written at a deeper indentation than its opener lands inside the last
    // list item; it closes the block that is open here, after that child.
    while (strayIndex < childStrays.length && childStrays[strayIndex]!.index === index) {
      for (const name of childStrays[strayIndex]!.names) {
        const depth = findFrame(stack, name)
        if (depth === -1) strays.names.push(name)
        else closeTo(depth, 'lifted')
      }
      strayIndex++
    }
  }
  while (stack.length > 1) {
    pairing.autoClosed++
    close(true)
  }
  return stack[0]!.children
}

function findFrame(stack: Array<{token: BlockToken | null}>, name: string): number {
  for (let depth = stack.length - 1; depth >= 1; depth--) if (stack[depth]!.token!.mark.name === name) return depth
  return -1
}

/** A block node spans from its opener to its closer (or to its last child when it had none). */
function blockNode(state: RebuildState, token: BlockToken, children: RootContent[], closer?: BlockToken): RootContent {
  const node = token.mark.node as DirectiveNode
  const last = children[children.length - 1]
  const end = closer ? {...closer.position.end, offset: closer.mark.end} : (last?.position?.end ?? token.position.end)
  const position = {start: {...token.position.start, offset: token.mark.start}, end}
  const label = (): DirectiveLabel => ({type: 'directiveLabel', children: token.label ?? [], position: token.position})
  const flow = children as FlowContent[]
  switch (node.name) {
    case 'cut':
      return {type: 'cut', children: [label(), ...flow], position}
    case 'tab':
      return {type: 'tab', children: [label(), ...flow], position}
    case 'tabs':
      return {type: 'tabs', children: flow, position} as RootContent
    case 'caption':
      return {
        type: 'caption',
        id: node.malformed ? readableId(node) : node.id,
        number: captionNumber(state.context, node.number),
        align: node.align,
        placement: node.placement,
        children: [label(), ...flow],
        position,
      }
    case 'note':
      return {type: 'note', noteType: noteType(node.noteType), children: flow, position}
    default:
      return {type: 'paragraph', children: [], position}
  }
}

function noteType(value: string): NoteType {
  return value === 'warn' || value === 'err' ? value : 'info'
}

function labelOf(state: RebuildState, heading: Heading): PhrasingContent[] {
  const children = heading.children
  // Strip the guard that kept a trailing `#` in the title.
  const last = children[children.length - 1]
  if (last && last.type === 'text' && last.value.endsWith(TITLE_GUARD)) last.value = last.value.slice(0, -1)
  return rebuildPhrasing(state, children, heading).filter((item): item is PhrasingContent => item.type !== 'blockToken')
}

function leafBlock(state: RebuildState, mark: Mark, node: Heading | Html): RootContent {
  const directive = mark.node as DirectiveNode
  const position = node.position
  if (directive.name === 'video') return {type: 'video', url: directive.url, value: directive.url, videoType: directive.videoType, position}
  if (directive.name === 'include') {
    reportUnresolvedInclude(state.context, directive)
    return {type: 'paragraph', children: [{type: 'includePlaceholder', path: directive.path, value: directive.path, position}], position}
  }
  return {type: 'html', value: '', position}
}

function reportUnresolvedInclude(context: Context, directive: DirectiveNode & {name: 'include'}): void {
  // With a tree, a failed include was already reported by the expansion (not found, cycle, outside root).
  if (context.options.resolveInclude || context.options.expanded) return
  const message = report('include-unresolved', `Unresolved \`{include(${directive.path})}\`: no docs tree was given (use \`--root\`)`, undefined, {file: context.file})
  reportAt(context, message, directive.position.start.offset!, directive.position.end.offset!)
}

function formulaNode(context: Context, formula: {node: DirectiveNode; end: number}): RootContent {
  const node = formula.node as DirectiveNode & {name: 'formula'}
  let body = node.body
  if (body === null) {
    const text = context.text.slice(node.position.end.offset!, formula.end)
    body = text.endsWith('{/formula}') ? text.slice(0, -'{/formula}'.length) : text
  }
  const start = node.position.start
  return {type: 'formula', value: body.replace(/^\r?\n/, '').replace(/\r?\n[ \t]*$/, ''), position: {start, end: {...start, offset: formula.end}}}
}

function imageNode(node: RootContent): RootContent {
  if (node.type === 'image' && node.alt === '{swagger}') return {type: 'swagger', url: node.url, value: node.url, position: node.position}
  return node
}

/** A paragraph holding block runs (`{note:info}Text{/note}`) splits into tokens and paragraphs. */
function splitParagraph(state: RebuildState, paragraph: Extract<RootContent, {type: 'paragraph'}>, phrasing: Array<PhrasingContent | BlockToken>): {items: FlowItem[]; strays: string[]} {
  if (!phrasing.some((item) => item.type === 'blockToken')) {
    paragraph.children = phrasing as PhrasingContent[]
    // `![{swagger}](assets/api.json)` alone in its paragraph is an API reference block.
    const only = paragraph.children.length === 1 ? paragraph.children[0] : undefined
    if (only && only.type === 'image') {
      const swagger = imageNode(only as RootContent)
      if (swagger.type === 'swagger') return {items: [{...swagger, position: paragraph.position}], strays: []}
    }
    return {items: [paragraph], strays: []}
  }
  const items: FlowItem[] = []
  let run: PhrasingContent[] = []
  const flush = (): void => {
    trimRun(run)
    if (run.length > 0) {
      const first = run[0]!.position
      const last = run[run.length - 1]!.position
      items.push({type: 'paragraph', children: run, position: first && last ? {start: first.start, end: last.end} : undefined})
    }
    run = []
  }
  for (const item of phrasing) {
    if (item.type === 'blockToken') {
      flush()
      items.push(item)
    } else run.push(item)
  }
  flush()
  return {items, strays: []}
}

function trimRun(run: PhrasingContent[]): void {
  while (run.length > 0 && run[0]!.type === 'text' && (run[0] as Text).value.trim() === '') run.shift()
  while (run.length > 0 && run[run.length - 1]!.type === 'text' && (run[run.length - 1] as Text).value.trim() === '') run.pop()
  const first = run[0]
  if (first && first.type === 'text') first.value = first.value.replace(/^\s+/, '')
  const last = run[run.length - 1]
  if (last && last.type === 'text') last.value = last.value.replace(/\s+$/, '')
  if (first?.type === 'break') run.shift()
  if (run[run.length - 1]?.type === 'break') run.pop()
}

// ---------------------------------------------------------------------------
// Phrasing: split text at inline runs and pair them.

type PhrasingItem = PhrasingContent | BlockToken | InlineToken

interface InlineToken {
  type: 'inlineToken'
  mark: Mark
  position: NonNullable<Text['position']>
}

/** Marks whose start lies in `[start, end)`, in order. */
function marksIn(state: RebuildState, start: number, end: number): Mark[] {
  const marks = state.marks
  let low = 0
  let high = marks.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (marks[mid]!.start < start) low = mid + 1
    else high = mid
  }
  const found: Mark[] = []
  for (let index = low; index < marks.length && marks[index]!.start < end; index++) found.push(marks[index]!)
  return found
}

function rebuildPhrasing(state: RebuildState, children: PhrasingContent[], parent: Parent): Array<PhrasingContent | BlockToken> {
  const items: PhrasingItem[] = []
  for (const child of children) {
    if (child.type === 'text' && child.value.includes(RUN_START)) {
      splitText(state, child, items)
      continue
    }
    if (child.type === 'inlineCode' || child.type === 'html') restoreLiteral(state, child)
    else if ('children' in child && Array.isArray(child.children)) {
      child.children = rebuildPhrasing(state, child.children as PhrasingContent[], child).filter((item): item is PhrasingContent => item.type !== 'blockToken')
    } else if (child.type === 'image' && child.alt?.includes(RUN_START)) {
      child.alt = child.alt.replaceAll(/[\uE000-\uE002]/g, '')
    }
    items.push(child)
  }
  return pairInline(state, items, parent)
}

function splitText(state: RebuildState, node: Text, items: PhrasingItem[]): void {
  const context = state.context
  const value = node.value
  const start = node.position?.start.offset ?? 0
  const end = node.position?.end.offset ?? start
  const marks = marksIn(state, start, end)
  let markIndex = 0
  let cursor = 0
  let textOffset = start
  const pushText = (from: number, to: number): void => {
    if (to <= from) return
    const piece = value.slice(from, to)
    items.push({type: 'text', value: piece, position: {start: {...node.position!.start, offset: textOffset}, end: {...node.position!.end, offset: textOffset + piece.length}}})
  }
  for (let index = value.indexOf(RUN_START); index !== -1; index = value.indexOf(RUN_START, index + 1)) {
    const mark = marks[markIndex++]
    let runEnd = index + 1
    while (runEnd < value.length && value.charCodeAt(runEnd) === 0xe001) runEnd++
    pushText(cursor, index)
    textOffset = mark ? mark.start : textOffset
    if (mark) {
      const position = {start: {...node.position!.start, offset: mark.start}, end: {...node.position!.end, offset: mark.end}}
      if (mark.block) items.push({type: 'blockToken', mark, label: null, position})
      else if (mark.kind === 'open' && pairedBlocks.has(mark.name) && !titledBlocks.has(mark.name)) items.push({type: 'blockToken', mark, label: null, position})
      else if (mark.kind === 'close' && pairedBlocks.has(mark.name) && mark.name !== 'linkto') items.push({type: 'blockToken', mark, label: null, position})
      else items.push({type: 'inlineToken', mark, position})
      textOffset = mark.end
    }
    cursor = runEnd
  }
  pushText(cursor, value.length)
}

/** Pair inline open/close tokens among siblings; turn leaves into nodes. */
function pairInline(state: RebuildState, items: PhrasingItem[], parent: Parent): Array<PhrasingContent | BlockToken> {
  const context = state.context
  interface Frame {
    token: InlineToken | null
    children: Array<PhrasingContent | BlockToken>
  }
  const stack: Frame[] = [{token: null, children: []}]
  const top = (): Frame => stack[stack.length - 1]!
  const closeFrame = (frame: Frame, endToken: InlineToken | null): void => {
    const parentFrame = top()
    const token = frame.token!
    const directive = token.mark.node as DirectiveNode
    const children = frame.children.filter((item): item is PhrasingContent => item.type !== 'blockToken')
    const position = {start: token.position.start, end: endToken?.position.end ?? token.position.end}
    if (token.mark.name === 'linkto' && directive.name === 'linkto') {
      parentFrame.children.push(linktoNode(context, directive, children, position))
    } else if (token.mark.name === 'heading' && directive.name === 'heading') {
      if (parent.type === 'heading' && directive.id) {
        const heading = parent as Heading
        heading.data = {...heading.data, id: directive.id}
      }
      parentFrame.children.push(...children)
    } else if (titledBlocks.has(token.mark.name)) {
      // A titled block opener written inline (`{cut(T)} text`): its title becomes the label.
      parentFrame.children.push({type: 'blockToken', mark: token.mark, label: children, position})
    } else {
      parentFrame.children.push(...children)
    }
  }
  for (const item of items) {
    if (item.type !== 'inlineToken') {
      top().children.push(item)
      continue
    }
    const mark = item.mark
    if (mark.kind === 'open') stack.push({token: item, children: []})
    else if (mark.kind === 'close') {
      if (stack.length > 1 && top().token!.mark.name === mark.name) closeFrame(stack.pop()!, item)
      // A close without its open in this parent: its text was already shown; drop the run.
    } else {
      const leaf = leafNode(state, mark, item, top().children)
      if (leaf) top().children.push(leaf)
    }
  }
  while (stack.length > 1) closeFrame(stack.pop()!, null)
  return stack[0]!.children
}

function leafNode(state: RebuildState, mark: Mark, token: InlineToken, siblings: Array<PhrasingContent | BlockToken>): PhrasingContent | null {
  const context = state.context
  const node = mark.node as DirectiveNode
  const position = token.position
  switch (node.name) {
    case 'counter':
      return {type: 'counter', name: node.counter, id: node.id, value: context.counters.get(node) ?? '', position}
    case 'const':
      return {type: 'constant', id: node.id, value: context.constants.get(node.id) ?? '', position}
    case 'params': {
      const image = [...siblings].reverse().find((sibling) => sibling.type !== 'text' || sibling.value.trim() !== '')
      if (image && image.type === 'image') image.data = {...image.data, params: {...node.params}}
      return null
    }
    case 'var':
      return {type: 'text', value: node.variable, position}
    case 'include':
      reportUnresolvedInclude(context, node)
      return {type: 'includePlaceholder', path: node.path, value: node.path, position}
    case 'linkto':
      return linktoNode(context, node, [], position)
    case 'video':
      // A video written inside a sentence cannot be an embed there: it becomes a link.
      return {type: 'link', url: node.url, children: [{type: 'text', value: node.url, position}], position}
    default:
      return null
  }
}

function linktoNode(context: Context, node: DirectiveNode, children: PhrasingContent[], position: NonNullable<Text['position']>): PhrasingContent {
  if (node.name !== 'linkto') return {type: 'text', value: '', position}
  const resolution = resolveLinkto(context, node.target)
  if (resolution && 'problem' in resolution && resolution.problem) {
    const problem = resolution.problem as {code: Code; reason: string}
    const message = report(problem.code, problem.reason, undefined, {file: context.file, targets: context.options.target ? [context.options.target] : undefined})
    reportAt(context, message, node.position.start.offset!, node.position.end.offset!)
  }
  let content = children
  const textValue = content.length === 1 && content[0]!.type === 'text' ? content[0].value.trim() : null
  if (textValue === '%text') {
    const title = resolution?.title
    if (title === undefined) unresolvedText(context, node, '%text')
    content = [{type: 'text', value: title ?? node.target, position: content[0]!.position}]
  } else {
    for (const child of content) {
      if (child.type === 'text' && child.value.includes('%number')) {
        const number = resolution?.number
        if (number === undefined) unresolvedText(context, node, '%number')
        child.value = child.value.replaceAll('%number', number ?? '?')
      }
    }
  }
  if (content.length === 0) content = [{type: 'text', value: resolution?.title ?? node.target, position}]
  return {type: 'linkto', target: node.target, url: resolution?.url ?? '', children: content, position}
}

function unresolvedText(context: Context, node: DirectiveNode, placeholder: string): void {
  const message = report('linkto-text-unresolved', `Cannot resolve \`${placeholder}\` of \`{linkto(${(node as {target?: string}).target})}\` here: the target is shown instead`, undefined, {file: context.file})
  reportAt(context, message, node.position.start.offset!, node.position.end.offset!)
}

/** Same-page anchors resolve here; other pages through the docs tree, or to a relative/site-absolute href. */
function resolveLinkto(context: Context, target: string): (LinkResolution & {problem?: {code: Code; reason: string}}) | undefined {
  const hash = target.indexOf('#')
  const pathPart = hash === -1 ? target : target.slice(0, hash)
  const anchor = hash === -1 ? '' : target.slice(hash + 1)
  if (pathPart === '') {
    const found = context.anchors.ids.get(anchor)
    if (found) return {url: '#' + anchor, title: found.kind === 'heading' ? found.text : undefined, number: found.kind === 'caption' ? found.text : undefined}
    // Not on this rendering of the page: a tree knows the page's other targets.
    if (context.options.resolveLink) return context.options.resolveLink(target, {file: context.file}) ?? {url: '#' + anchor}
    return {url: '#' + anchor, problem: {code: 'linkto-missing-anchor', reason: `Unexpected anchor \`#${anchor}\`: no \`{heading}\` or \`{caption}\` of this page has this id`}}
  }
  const fromTree = context.options.resolveLink?.(target, {file: context.file})
  if (fromTree) return fromTree
  const clean = pathPart.replace(/\/+$/, '')
  const path = context.options.path
  let url = clean
  if (path && !clean.startsWith('/')) {
    const folder = path.split('/').slice(0, -1)
    const parts = [...folder]
    for (const segment of clean.split('/')) {
      if (segment === '..') parts.pop()
      else if (segment !== '.' && segment !== '') parts.push(segment)
    }
    url = '/' + parts.join('/')
  }
  return {url: url + (anchor ? '#' + anchor : '')}
}

/**
 * A placeholder that landed in code (a directive line indented into an
 * indented code block): put the original characters back. Placeholder and
 * original have equal lengths, so each value line is a suffix of the same
 * line in both texts.
 */
function restoreLiteral(state: RebuildState, node: {value: string; position?: Heading['position']}): void {
  if (!/[\uE000-\uE002]|<\?|#/.test(node.value) || !node.position) return
  const start = node.position.start.offset!
  const end = node.position.end.offset!
  const original = state.context.text.slice(start, end)
  const placeholder = state.placeholderText.slice(start - state.base, end - state.base)
  if (original === placeholder) return
  const originalLines = original.split('\n')
  const placeholderLines = placeholder.split('\n')
  const valueLines = node.value.split('\n')
  let lineIndex = 0
  for (let index = 0; index < valueLines.length; index++) {
    const valueLine = valueLines[index]!
    while (lineIndex < placeholderLines.length && !placeholderLines[lineIndex]!.endsWith(valueLine)) lineIndex++
    if (lineIndex >= placeholderLines.length) return
    const originalLine = originalLines[lineIndex]!
    valueLines[index] = originalLine.slice(originalLine.length - valueLine.length)
    lineIndex++
  }
  node.value = valueLines.join('\n')
}

// ---------------------------------------------------------------------------
// AsciiDoc tables: each cell is lowered on its own (its text is not part of the page parse).

function lowerTable(state: RebuildState, table: AsciidocTableBlock): AsciidocTable {
  const context = state.context
  const cells = table.rows.flatMap((row) => row.cells).filter((cell) => cell.end > cell.start)
  const lowered = cells.length > 0 ? lowerRanges(context, cells.map((cell) => [cell.start, cell.end] as const)) : []
  const byStart = new Map(cells.map((cell, index) => [cell, lowered[index]!]))
  const cellContent = table.rows.flatMap((row) => row.cells).map((cell) => byStart.get(cell) ?? [])
  let cellIndex = 0
  const rows: AsciidocRow[] = table.rows.map((row) => ({
    type: 'asciidocRow',
    header: row.header,
    children: row.cells.map((cell): AsciidocCell => {
      const children = cellContent[cellIndex++] ?? []
      return {
        type: 'asciidocCell',
        colspan: cell.colspan,
        rowspan: cell.rowspan,
        align: cell.align,
        style: cell.style,
        children,
        position: {start: {line: 1, column: 1, offset: cell.start}, end: {line: 1, column: 1, offset: cell.end}},
      }
    }),
  }))
  return {type: 'asciidocTable', cols: table.cols, children: rows, position: {start: {line: 1, column: 1, offset: table.start}, end: {line: 1, column: 1, offset: table.end}}}
}

// ---------------------------------------------------------------------------
// Heading ids that render twice.

/**
 * A heading id seen twice in the rendered page. When both come from the same
 * place of the same fragment (a region included twice), the problem is the
 * repeating `{include}` line of the page, reported once per include.
 */
/** `{include(…)[…]}` at the start of a string (balanced parentheses one level deep). */
const includeDirective = /^\{include\((?:[^()\n]|\([^()\n]*\))*\)(?:\[[^\]\n]*\])?\}/

function checkDuplicateIds(context: Context, expanded: Expanded, mapper: PositionMapper, messages: VkdocMessage[], pageSource: string): void {
  const seen = new Map<string, {file: string; offset: number; start: number; line: number | undefined}>()
  const repeated = new Map<string, {ids: string[]; first: number; at: {file: string; offset: number}}>()
  for (const node of context.tokens) {
    if (node.type !== 'directive' || node.context !== 'text' || node.malformed) continue
    if (node.name !== 'heading' || !node.id) continue
    const start = node.position.start.offset!
    const origin = expanded.map.start(start)
    const first = seen.get(node.id)
    if (!first) {
      seen.set(node.id, {file: origin.file, offset: origin.offset, start, line: undefined})
      continue
    }
    const include = origin.chain[0]
    if (include && first.file === origin.file && first.offset === origin.offset) {
      const key = `${include.file}:${include.offset}`
      const entry = repeated.get(key) ?? {ids: [], first: first.start, at: include}
      entry.ids.push(node.id)
      repeated.set(key, entry)
      continue
    }
    const message = report('duplicate-heading-id', `Unexpected duplicate heading id \`${node.id}\`, expected ids to be unique in the page`, undefined, {file: context.file, targets: context.options.target ? [context.options.target] : undefined})
    mapper.place(message, start, node.position.end.offset!)
    messages.push(message)
  }
  for (const entry of repeated.values()) {
    const firstAt = expanded.map.start(entry.first).chain[0]
    const message = report(
      'duplicate-heading-id-repeated-include',
      `Unexpected repeated include: it selects a region already included${firstAt ? ' earlier' : ''}, so ${entry.ids.length} heading id(s) render twice: ${entry.ids.join(', ')}`,
      undefined,
      {file: entry.at.file, targets: context.options.target ? [context.options.target] : undefined},
    )
    const includeText = entry.at.file === context.file ? pageSource : (context.options.sources?.get(entry.at.file) ?? "")
    const directive = includeDirective.exec(includeText.slice(entry.at.offset, entry.at.offset + 2000))
    mapper.placeSource(message, entry.at.file, entry.at.offset, directive ? directive[0].length : 0)
    messages.push(message)
  }
}

// ---------------------------------------------------------------------------
// Positions back to the source files.

interface PositionMapper {
  mapTree(tree: Nodes): void
  place(message: VkdocMessage, start: number, end: number): void
  /** Place a message at an offset of a source file (not an expanded offset). */
  placeSource(message: VkdocMessage, file: string, offset: number, length?: number): void
}

function createPositionMapper(source: string, file: string, expanded: Expanded, sources: ReadonlyMap<string, string> | undefined): PositionMapper {
  const indexes = new Map<string, LineIndex>()
  const indexOf = (name: string): LineIndex | undefined => {
    let index = indexes.get(name)
    if (!index) {
      const text = name === file ? source : sources?.get(name)
      if (text === undefined) return undefined
      index = new LineIndex(text)
      indexes.set(name, index)
    }
    return index
  }
  const map = expanded.map
  const identity = map.isIdentity
  const pageIndex = indexOf(file)!
  const point = (offset: number, isEnd: boolean): {point: ReturnType<LineIndex['point']>; file: string; chain: readonly {file: string; offset: number}[]} => {
    if (identity) return {point: pageIndex.point(Math.min(offset, source.length)), file, chain: []}
    const location = isEnd ? map.end(offset) : map.start(offset)
    const index = indexOf(location.file) ?? pageIndex
    return {point: index.point(location.offset), file: location.file, chain: location.chain}
  }
  const chainText = (chain: readonly {file: string; offset: number}[]): string[] =>
    chain.map((link) => {
      const index = indexOf(link.file)
      return index ? `${link.file}:${index.point(link.offset).line}` : link.file
    })
  return {
    mapTree(tree) {
      const stack: Nodes[] = [tree]
      while (stack.length > 0) {
        const node = stack.pop()!
        const position = node.position
        if (position) {
          const start = point(position.start.offset ?? 0, false)
          const end = point(position.end.offset ?? 0, true)
          node.position = {start: start.point, end: end.point}
          if (start.file !== file) node.data = {...node.data, file: start.file} as typeof node.data
        }
        if ('children' in node) for (const child of node.children) stack.push(child as Nodes)
      }
    },
    place(message, start, end) {
      const from = point(start, false)
      const to = point(end, true)
      message.place = {start: from.point, end: to.file === from.file ? to.point : from.point}
      message.line = from.point.line
      message.column = from.point.column
      message.file = from.file
      if (from.chain.length > 0) message.includeChain = [...chainText(from.chain), `${from.file}:${from.point.line}`]
    },
    placeSource(message, name, offset, length = 0) {
      const index = indexOf(name)
      if (!index) return
      const at = index.point(offset)
      message.place = {start: at, end: index.point(offset + length)}
      message.line = at.line
      message.column = at.column
      message.file = name
    },
  }
}

declare module 'mdast' {
  interface Data {
    /** The file a node came from, when it is not the page itself (text spliced by `{include}`). */
    file?: string
  }
}
