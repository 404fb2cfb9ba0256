/**
 * Lowering: dialect source → mdast, for one build target.
 *
 * 1. The text level (`expand`) yields the expanded text and its source map.
 * 2. Directives are found in the expanded text (`parse`) and replaced by
 *    same-length placeholders (`place.ts`); regions (formulas, AsciiDoc
 *    tables) are hidden the same way.
 * 3. The placeholder text is parsed by `mdast-util-from-markdown` + GFM
 *    (`markdown.ts`: in sections where CommonMark starts afresh), so
 *    CommonMark alone decides lists, code and paragraphs.
 * 4. Directive nodes are rebuilt around the placeholders by their constructs:
 *    block openers and closers paired among siblings (`flow.ts`), inline runs
 *    split out of text nodes and paired within their parent (`phrasing.ts`).
 * 5. Positions are mapped back to the files the text came from (`positions.ts`).
 *
 * Lowering only lowers: it reports what its constructs find while building
 * (unresolved links, includes) and returns the facts the page rules of
 * `src/lint/rules/` check (tokens, code blocks), with the mapper that places
 * their messages.
 */
import type {Root, RootContent} from 'mdast'
import type {CloseNode, DirectiveNode, Root as DialectRoot} from '../ast.js'
import {allConstructs, isBlockName} from '../constructs/index.js'
import type {FlowContent, LowerKit, Region} from '../constructs/types.js'
import type {Code} from '../diagnostics/codes.js'
import {report, type VkdocMessage} from '../diagnostics/report.js'
import {expand} from '../expand/expand.js'
import {contextAt, scanContexts} from '../lexer/contexts.js'
import {parse} from '../parser/index.js'
import {uiLanguages} from '../render/ui-strings.js'
import {anchorsOf, expansionTree, numberCounters, plainText} from './anchors.js'
import {capNesting, costLimitReason, costlyShape, nestingLimitReason, plainTextTree} from './budgets.js'
import type {Context, Mark, MdastOptions, MdastResult, RebuildState} from './context.js'
import {rebuildFlow} from './flow.js'
import {endAutolinksAtRuns} from './autolinks.js'
import {closersInCode, partnerOf, swallowedMarks} from './swallowed.js'
import {parseMarkdown, plainParagraph, shiftPositions} from './markdown.js'
import {placeRange, type PlacedRange} from './place.js'
import {placeholderGuard} from './placeholders.js'
import {createPositionMapper, type PositionMapper} from './positions.js'
import {resolveLimits} from '../diagnostics/limits.js'

export type {LoweringFacts, MdastOptions, MdastResult, PairingStats} from './context.js'

/** A lowered page with the mapper that places messages found later (by the page rules). */
export interface Lowered extends MdastResult {
  mapper: PositionMapper
}

/** Lower a page to mdast for one build target. Never throws on author input. */
export function toMdastResult(source: string, options: MdastOptions = {}): Lowered {
  const file = options.file ?? options.path ?? 'input.md'
  const parsed = options.tree ? {tree: options.tree, messages: []} : parse(source, {file})
  const expanded = options.expanded ?? expand(source, {...options, file, tree: parsed.tree})
  const messages: VkdocMessage[] = [...parsed.messages, ...expanded.messages]
  const text = expanded.text
  const expandedTree: DialectRoot = expanded.map.isIdentity && text === source ? parsed.tree : expansionTree(expanded)
  const tokens = expandedTree.children.filter((node): node is DirectiveNode | CloseNode => node.type !== 'text')
  const numbering = numberCounters(expandedTree.children)
  const anchors = anchorsOf(expandedTree, text, numbering)
  /** Messages whose place is known in expanded-text offsets; placed once positions can be mapped. */
  const pending: Array<{message: VkdocMessage; start: number; end: number}> = []
  const reportAt = (code: Code, reason: string, start: number, end: number): void => {
    const message = report(code, reason, undefined, {file, targets: options.target ? [options.target] : undefined})
    messages.push(message)
    pending.push({message, start, end})
  }
  const kit: LowerKit = {
    text,
    file,
    target: options.target,
    path: options.path,
    includesResolved: Boolean(options.resolveInclude || options.expanded),
    counterValue: (node) => numbering.counters.get(node) ?? '',
    constantValue: (id) => numbering.constants.get(id) ?? '',
    plainText: (nodes) => plainText(numbering, nodes),
    anchor: (id) => anchors.ids.get(id),
    resolveInTree: options.resolveLink ? (target) => options.resolveLink!(target, {file}) : null,
    report: reportAt,
    lowerRanges: (ranges) => lowerRanges(context, ranges),
  }
  const context: Context = {
    kit,
    text,
    options,
    pairing: {siblings: 0, lifted: 0, autoClosed: 0, dropped: 0, autoClosedAt: []},
    facts: {tokens, codeBlocks: []},
    regions: findRegions(text, tokens, reportAt),
    blockMarks: new Map(),
    inlineMarks: [],
    guard: placeholderGuard(text),
  }
  const lowered = lowerRanges(context, [[0, text.length]])[0]!
  const tree: Root = {type: 'root', children: lowered as RootContent[], position: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: text.length}}}
  context.guard?.restore(tree)
  reportClosersInCode(context)
  const lang = options.lang ?? languageOf(options.path ?? file)
  if (lang) tree.data = {lang}
  const mapper = createPositionMapper(source, file, expanded, options.sources)
  mapper.mapTree(tree)
  for (const {message, start, end} of pending) mapper.place(message, start, end)
  return {tree, messages, parseMessageCount: parsed.messages.length, expanded, anchors, pairing: context.pairing, facts: context.facts, mapper}
}

/** The language folder a page path starts with (`ru/start/…` → `ru`), when vkdoc has words for it. */
function languageOf(path: string): string | undefined {
  const first = path.split('/')[0]!
  return uiLanguages.includes(first) ? first : undefined
}

/** The regions every construct finds in the expanded text, sorted by start. */
function findRegions(text: string, tokens: ReadonlyArray<DirectiveNode | CloseNode>, report: LowerKit['report']): Region[] {
  const scan = scanContexts(text)
  const isCode = (offset: number): boolean => contextAt(scan, offset) === 'fenced-code'
  const regions: Region[] = []
  for (const construct of allConstructs()) {
    const find = construct.lowering?.regions
    if (find) regions.push(...find({text, tokens, isCode, report}))
  }
  return regions.sort((a, b) => a.start - b.start)
}

/** Directives CommonMark made raw HTML, code or an autolink: reported at both ends (see `swallowed.ts`). */
function reportSwallowed(context: Context, children: RootContent[], part: PlacedRange, inlineMarks: readonly Mark[]): void {
  const end = part.start + part.text.length
  const marksOf = (): Mark[] => [...context.blockMarks.values(), ...inlineMarks].filter((mark) => mark.start >= part.start && mark.start < end)
  const tokenText = (node: DirectiveNode | CloseNode): string => context.text.slice(node.position.start.offset!, node.position.end.offset!)
  for (const {mark, holder} of swallowedMarks(children, part.text, part.start, marksOf)) {
    const lost = mark.node
    const hint = holder === 'an HTML block' ? ' (an HTML block runs to the next blank line: put one before the directive)' : ''
    context.kit.report('directive-in-raw-block', `Unexpected \`${tokenText(lost)}\` inside ${holder}${hint}, expected a directive that acts`, lost.position.start.offset!, lost.position.end.offset!)
    const partner = isBlockName(lost.name) ? partnerOf(context.facts.tokens, lost, isBlockName) : undefined
    if (!partner) continue
    const role = lost.type === 'close' ? 'closer' : 'opener'
    context.kit.report('directive-in-raw-block', `Unexpected \`${tokenText(partner)}\` without its ${role}: \`${tokenText(lost)}\` is inside ${holder}${hint}`, partner.position.start.offset!, partner.position.end.offset!)
  }
}

/** A closer in code while its opener stays open: the closer's place is reported too (the opener is `unclosed-block`). */
function reportClosersInCode(context: Context): void {
  const tokenText = (node: DirectiveNode | CloseNode): string => context.text.slice(node.position.start.offset!, node.position.end.offset!)
  for (const {closer, opener} of closersInCode(context.facts.tokens, isBlockName)) {
    const where = closer.context === 'comment' ? 'a comment' : closer.context === 'inline-code' ? 'a code span' : 'a code block'
    context.kit.report('directive-in-raw-block', `Unexpected \`${tokenText(closer)}\` inside ${where}, expected it to close \`${tokenText(opener)}\` (CommonMark makes this line code: check the fence above)`, closer.position.start.offset!, closer.position.end.offset!)
  }
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
    const state: RebuildState = {context, regionStarts: part.regionStarts, placeholderText: part.text, base: part.start, marks}
    const strays = {names: [] as string[]}
    const maxNesting = resolveLimits(context.options.limits).maxNesting
    for (const cut of capNesting({type: 'root', children}, part.text, part.start, maxNesting)) context.kit.report('nesting-limit', nestingLimitReason(maxNesting), cut.start, cut.end)
    endAutolinksAtRuns(children, part.text, part.start)
    reportSwallowed(context, children, part, marks)
    const flow = rebuildFlow(state, children, strays) as FlowContent[]
    context.pairing.dropped += strays.names.length
    return flow
  }
  if (parts.length === 1) {
    const part = parts[0]!
    const costly = costlyShape(part.text)
    if (costly) context.kit.report('parse-cost-limit', costLimitReason(costly), part.start + costly.start, part.start + costly.end)
    // The expanded text's scan (shared with the lexer) proposes the section breaks of the whole page.
    const whole = part.start === 0 && part.text.length === context.text.length
    const tree = costly ? plainTextTree(part.text) : parseMarkdown(part.text, context.options.sections, whole ? scanContexts(context.text).scan : undefined)
    if (part.start !== 0) shiftPositions(tree, part.start)
    return [lowerPart(part, tree.children as RootContent[])]
  }
  // A cell that is one line of words is built, not parsed (see `plainParagraph`).
  const children: Array<RootContent[] | undefined> = parts.map((part) => plainParagraph(part.text, part.start))
  const parsed = parseParts(context, parts.filter((_, index) => children[index] === undefined))
  let next = 0
  return parts.map((part, index) => lowerPart(part, children[index] ?? parsed[next++]!))
}

/** The children of each part, parsed together (see `lowerRanges`), with positions in expanded-text offsets. */
function parseParts(context: Context, parts: readonly PlacedRange[]): RootContent[][] {
  if (parts.length === 0) return []
  const joined = parts.map((part) => part.text).join(PART_SEPARATOR)
  const tree = costlyShape(joined) ? plainTextTree('') : parseMarkdown(joined)
  const groups: RootContent[][] = [[]]
  for (const child of tree.children) {
    if (child.type === 'html' && child.value === PART_MARKER) groups.push([])
    else groups[groups.length - 1]!.push(child)
  }
  if (groups.length !== parts.length) {
    return parts.map((part) => {
      const costly = costlyShape(part.text)
      if (costly) context.kit.report('parse-cost-limit', costLimitReason(costly), part.start + costly.start, part.start + costly.end)
      const single = costly ? plainTextTree(part.text) : parseMarkdown(part.text)
      shiftPositions(single, part.start)
      return single.children as RootContent[]
    })
  }
  let combinedStart = 0
  return parts.map((part, index) => {
    const children = groups[index]!
    for (const child of children) shiftPositions(child, part.start - combinedStart)
    combinedStart += part.text.length + PART_SEPARATOR.length
    return children
  })
}

