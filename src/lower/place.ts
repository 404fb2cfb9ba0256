/**
 * Placement: each directive of a range of the expanded text is replaced by a
 * placeholder of exactly its length (`placeholders.ts`), so the range can go
 * through one Markdown parse and CommonMark alone decides lists, code and
 * paragraphs. What each directive becomes is asked of its construct:
 * - a paired block alone on its line: a heading (titled) or an HTML-block line;
 * - a leaf block alone on its line (`{video}`): an HTML-block line;
 * - an inline directive with visible text (`{linkto}`'s `text=`): a run on
 *   each side of the text, which stays in place and is parsed in context;
 * - any other inline directive: one run;
 * - a region (formula, AsciiDoc table): a one-line HTML block and blank lines.
 */
import type {CloseNode, DirectiveNode, Segment} from '../ast.js'
import {constructOf} from '../constructs/index.js'
import type {Construct, Region} from '../constructs/types.js'
import {aloneOnLine} from '../expand/expand.js'
import {firstAtOrAfter} from '../syntax/sorted.js'
import type {Context, Mark} from './context.js'
import {applyReplacements, blockLine, blockRegion, headingOpener, inlineRun, TITLE_GUARD, type Replacement} from './placeholders.js'

export interface PlacedRange {
  start: number
  text: string
  regionStarts: Map<number, Region>
}

/** The placeholder text of one range; its inline marks are pushed to `context.inlineMarks`. */
export function placeRange(context: Context, start: number, end: number): PlacedRange {
  const text = context.text
  const replacements: Replacement[] = []
  const regions = outermostRegions(context.regions, start, end)
  const regionStarts = new Map<number, Region>()
  for (const region of regions) {
    const regionEnd = text.charCodeAt(region.end - 1) === 10 ? region.end - 1 : region.end
    replacements.push({start: region.start, end: regionEnd, text: blockRegion(text.slice(region.start, regionEnd))})
    regionStarts.set(region.start, region)
  }
  const inRegion = (offset: number): boolean => regions.some((region) => offset >= region.start && offset < region.end)
  const tokens = context.facts.tokens
  for (let index = firstTokenAt(tokens, start); index < tokens.length; index++) {
    const node = tokens[index]!
    const nodeStart = node.position.start.offset!
    if (nodeStart >= end) break
    if (node.context !== 'text' || inRegion(nodeStart)) continue
    placeToken(context, node, replacements)
  }
  replacements.sort((a, b) => a.start - b.start)
  return {start, text: applyReplacements(text.slice(start, end), replacements, start, context.guard), regionStarts}
}

/** Regions inside `[start, end)` that no other such region encloses (inner ones are placed with their cell). */
function outermostRegions(regions: readonly Region[], start: number, end: number): Region[] {
  const inside = regions.filter((region) => region.start >= start && region.end <= end)
  return inside.filter((region) => !inside.some((other) => other !== region && other.start <= region.start && other.end >= region.end && (other.start < region.start || other.end > region.end)))
}

/** Index of the first token starting at or after `offset` (tokens are in document order). */
function firstTokenAt(tokens: ReadonlyArray<DirectiveNode | CloseNode>, offset: number): number {
  return firstAtOrAfter(tokens, (token) => token.position.start.offset!, offset)
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

/** The part of an inline directive shown to the reader: a titled block's title, or what its construct says. */
function visibleSegment(construct: Construct, node: DirectiveNode): Segment | null {
  if (construct.lowering?.block?.titled) return node.args
  return construct.lowering?.visible?.(node) ?? null
}

function placeToken(context: Context, node: DirectiveNode | CloseNode, replacements: Replacement[]): void {
  const text = context.text
  const start = node.position.start.offset!
  const end = node.position.end.offset!
  const construct = constructOf(node.name)
  const lowering = construct?.lowering
  if (!construct || !lowering || lowering.regions) return
  const block = lowering.block
  const line = aloneOnLine(text, start, end)
  // A malformed inline directive stays visible as text (it is reported). A malformed
  // block opener (`{caption()[id=position=above;…]}`) still opens its block, so its
  // closer pairs and its content renders; the opener's bad parts are not shown.
  if (node.type === 'directive' && node.malformed && !(block && line)) return
  const mark = (kind: Mark['kind'], isBlock: boolean, markStart: number, markEnd: number): Mark => ({kind, name: node.name, construct, block: isBlock, node, start: markStart, end: markEnd})
  if (node.type === 'close') {
    if (!block) return
    if (line && end - start >= 4) {
      replacements.push({start, end, text: blockLine(end - start)})
      context.blockMarks.set(start, mark('close', true, start, end))
    } else {
      replacements.push({start, end, text: inlineRun(end - start)})
      context.inlineMarks.push(mark('close', false, start, end))
    }
    return
  }
  if ((block || lowering.leafBlock) && line) {
    if (block?.titled && node.args) {
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
    context.blockMarks.set(start, mark(block ? 'open' : 'leaf', true, start, end))
    return
  }
  // Inline: a pair of runs around visible text, or one run for a leaf.
  const visible = visibleSegment(construct, node)
  if (visible) {
    const [visibleStart, visibleEnd] = visible.position ? segmentRange(text, visible) : [start, start]
    replacements.push({start, end: visibleStart, text: inlineRun(visibleStart - start)})
    replacements.push({start: visibleEnd, end, text: inlineRun(end - visibleEnd)})
    for (const child of visible.children) if (child.type !== 'text') placeNested(context, child, replacements)
    context.inlineMarks.push(mark('open', false, start, visibleStart))
    context.inlineMarks.push(mark('close', false, visibleEnd, end))
    return
  }
  if (!block && !lowering.leaf && !lowering.leafBlock) return
  replacements.push({start, end, text: inlineRun(end - start)})
  context.inlineMarks.push(mark(block ? 'open' : 'leaf', false, start, end))
}

/**
 * Directives nested in visible text (a counter in a heading title) become
 * leaf runs; a construct without lowering hooks (a condition) stays text.
 */
function placeNested(context: Context, node: DirectiveNode | CloseNode, replacements: Replacement[]): void {
  if (node.type !== 'directive' || node.malformed) return
  const construct = constructOf(node.name)
  if (!construct?.lowering) return
  const start = node.position.start.offset!
  const end = node.position.end.offset!
  replacements.push({start, end, text: inlineRun(end - start)})
  context.inlineMarks.push({kind: 'leaf', name: node.name, construct, block: false, node, start, end})
}
