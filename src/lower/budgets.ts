/**
 * The nesting budget of a parsed Markdown tree.
 *
 * micromark parses 20,000 levels of `>` without trouble, but every consumer
 * of the tree after it recurses once per level or more (mdast-util-to-hast,
 * mdast-util-to-markdown, hast-util-raw, hast-util-to-html, the lowering's
 * own rebuild), and each overflows its stack somewhere between 1,000 and
 * 3,000 levels — at a depth that depends on the thread's stack size, so the
 * same page would build with one `--workers` count and fail with another.
 * So right after each parse, one iterative pass bounds the depth of the tree:
 * what lies deeper than `maxNesting` is replaced by its source text, and the
 * caller reports each cut. Nothing recursive ever sees more than
 * `maxNesting` + a few levels, on any thread.
 *
 * Raw HTML counts too: `hast-util-raw` turns `<div>`×3,000 spread over one
 * html node into 3,000 nested elements. Open elements are tracked along each
 * parent's children, approximately as the HTML parser would (void and
 * self-closed tags open nothing, `<p>`/`<li>`/`<td>`… close their like,
 * formatting elements closed early stay counted since the parser reopens
 * them), and an html node that would open elements past the budget becomes
 * text.
 */
import type {Nodes, Parent, Root, RootContent, Text} from 'mdast'

/** A range of the parsed text (offsets) that was shown as text because it nested too deeply. */
export interface NestingCut {
  start: number
  end: number
}

/** Parents whose children are phrasing content: a cut leaves one text node in them. */
const phrasingParents: ReadonlySet<string> = new Set(['paragraph', 'heading', 'tableCell', 'emphasis', 'strong', 'delete', 'link', 'linkReference'])
/** Parents whose children have a fixed type: the cut happens one level further down. */
const structuralParents: ReadonlySet<string> = new Set(['list', 'table', 'tableRow'])

/** The reason of a `nesting-limit` diagnostic (placed by the caller at each cut). */
export function nestingLimitReason(maxNesting: number): string {
  return `Unexpected Markdown nested more than ${maxNesting} levels deep, expected at most ${maxNesting} (\`limits.maxNesting\`); the deeper part is shown as text`
}

/**
 * Bound the nesting of `tree` to `maxNesting` levels, in place. `text` is
 * the parsed text, and its offset 0 is offset `base` of the tree's
 * positions. Returns the ranges shown as text (tree offsets), in document order.
 */
export function capNesting(tree: Root, text: string, base: number, maxNesting: number): NestingCut[] {
  const cuts: NestingCut[] = []
  if (maxNesting === Number.POSITIVE_INFINITY) return cuts
  const stack: Array<{node: Parent; depth: number}> = [{node: tree, depth: 0}]
  while (stack.length > 0) {
    const {node, depth} = stack.pop()!
    const html = new OpenElements()
    const children = node.children as RootContent[]
    const phrasing = phrasingParents.has(node.type)
    let cursor = node.position?.start
    for (let index = 0; index < children.length; index++) {
      const child = children[index]!
      if (!child.position && cursor) child.position = positionAfter(cursor, child)
      cursor = child.position?.end ?? cursor
      const childDepth = depth + 1 + html.size
      if (child.type === 'html') {
        if (!html.simulate(child.value, maxNesting - childDepth)) {
          children[index] = asText(child, text, base, phrasing, cuts)
        }
        continue
      }
      if (!('children' in child) || child.children.length === 0) continue
      if (childDepth >= maxNesting && !structuralParents.has(child.type) && hasGrandchildren(child)) {
        flatten(child, text, base, cuts)
        continue
      }
      stack.push({node: child, depth: childDepth})
    }
  }
  cuts.sort((a, b) => a.start - b.start)
  return cuts
}

type Point = NonNullable<Root['position']>['start']

/**
 * A place for a node the parse left without one: GFM's autolink-literal
 * transform splits text nodes into new nodes that have none, and every later
 * stage maps positions. The node starts where its previous sibling ended and
 * spans its text, which for the literal text such splits produce is its source.
 */
function positionAfter(start: Point, node: RootContent): NonNullable<Root['position']> {
  let length = 0
  let lines = 0
  let column = start.column
  const pending: Nodes[] = [node]
  while (pending.length > 0) {
    const current = pending.pop()!
    if ('value' in current && typeof current.value === 'string') {
      for (const character of current.value) {
        length += character.length
        if (character === '\n') {
          lines++
          column = 1
        } else column += character.length
      }
    }
    if ('children' in current) for (let at = current.children.length - 1; at >= 0; at--) pending.push(current.children[at] as Nodes)
  }
  const offset = start.offset === undefined ? undefined : start.offset + length
  return {start: {...start}, end: {line: start.line + lines, column, offset}}
}

function hasGrandchildren(node: Parent): boolean {
  return node.children.some((child) => 'children' in child || child.type === 'html')
}

/** Replace the content of `node` by the source text it spans. */
function flatten(node: Parent, text: string, base: number, cuts: NestingCut[]): void {
  const first = node.children[0]!.position
  const last = node.children[node.children.length - 1]!.position
  if (!first || !last || first.start.offset === undefined || last.end.offset === undefined) {
    node.children = []
    return
  }
  const start = first.start.offset
  const end = last.end.offset
  const value: Text = {type: 'text', value: text.slice(start - base, end - base), position: {start: {...first.start}, end: {...last.end}}}
  cuts.push({start, end})
  node.children = (phrasingParents.has(node.type) ? [value] : [{type: 'paragraph', children: [value], position: value.position}]) as Parent['children']
}

/** An html node shown as its own text (a paragraph of it where flow content is expected). */
function asText(node: Extract<Nodes, {type: 'html'}>, text: string, base: number, phrasing: boolean, cuts: NestingCut[]): RootContent {
  const position = node.position
  const start = position?.start.offset
  const end = position?.end.offset
  if (start !== undefined && end !== undefined) cuts.push({start, end})
  const value: Text = {type: 'text', value: start !== undefined && end !== undefined ? text.slice(start - base, end - base) : node.value, position}
  return phrasing ? value : {type: 'paragraph', children: [value], position}
}

const voidElements: ReadonlySet<string> = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr'])
/** Elements a start tag of the same kind closes (`<li>` after `<li>`, `<td>` after `<th>`). */
const closesLike: Readonly<Record<string, ReadonlySet<string>>> = {
  p: new Set(['p']),
  li: new Set(['li']),
  dt: new Set(['dt', 'dd']),
  dd: new Set(['dt', 'dd']),
  option: new Set(['option']),
  tr: new Set(['tr', 'td', 'th']),
  td: new Set(['td', 'th']),
  th: new Set(['td', 'th']),
}
/** Elements the HTML parser reopens after a foreign end tag closed them (the active formatting list). */
const formattingElements: ReadonlySet<string> = new Set(['a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u'])
/** A comment opener, or a start or end tag name. */
const tagPattern = /<!--|<(\/?)([A-Za-z][A-Za-z0-9-]*)/g

/** The raw HTML elements left open along the children of one parent. */
class OpenElements {
  private open: string[] = []

  get size(): number {
    return this.open.length
  }

  /**
   * Apply the tags of `html`; false (and nothing applied) when more than
   * `room` elements would be open at some point.
   */
  simulate(html: string, room: number): boolean {
    if (!html.includes('<')) return true
    const open = [...this.open]
    let nextClose = -1
    tagPattern.lastIndex = 0
    for (let match = tagPattern.exec(html); match; match = tagPattern.exec(html)) {
      if (match[2] === undefined) {
        // A comment: tags inside it open nothing.
        const end = html.indexOf('-->', match.index + 4)
        if (end === -1) break
        tagPattern.lastIndex = end + 3
        continue
      }
      const name = match[2]!.toLowerCase()
      if (match[1] === '/') {
        const at = open.lastIndexOf(name)
        if (at === -1) continue
        const kept = formattingElements.has(name) ? [] : open.slice(at + 1).filter((element) => formattingElements.has(element))
        open.length = at
        open.push(...kept)
        continue
      }
      if (voidElements.has(name)) continue
      if (nextClose < match.index) {
        nextClose = html.indexOf('>', match.index)
        if (nextClose === -1) nextClose = html.length
      }
      if (html.charCodeAt(nextClose - 1) === 47 /* `/>` */) continue
      const closes = closesLike[name]
      if (closes && open.length > 0 && closes.has(open[open.length - 1]!)) open.pop()
      open.push(name)
      if (open.length > room) return false
    }
    this.open = open
    return true
  }
}

/** A stretch of text whose shape makes micromark superlinear, found before parsing. */
export interface CostlyShape {
  start: number
  end: number
  /** What was counted (`emphasis delimiters`, `brackets`, `setext underlines`). */
  kind: string
  count: number
}

/**
 * Most emphasis delimiters (`*`, `_`) and most brackets in one paragraph
 * (text between blank lines), and most setext underline lines in one page:
 * micromark's cost grows with the square of each (`*_`×16 K takes 2.2 s,
 * ×32 K 10 s; `a\n=\n`×4 K 3.7 s, ×8 K 13 s). The ru corpus stays far below.
 */
export const costBudget = {delimiters: 4000, brackets: 8000, underlines: 1000, markers: 200, indent: 400} as const

/** A run of container markers opening a line (`- - 1. > x`): micromark's cost grows with the square of its length. */
const markerRun = /(?:[ \t]*(?:[-*+]|\d{1,9}[.)]|>)(?=[ \t\n]|$))+/y

/**
 * The first stretch of `text` over `costBudget`, by one linear scan, or
 * `null`. Such a text is not given to micromark (see `plainTextTree`).
 */
export function costlyShape(text: string): CostlyShape | null {
  return withinEveryBudget(text) ? null : firstCostlyShape(text)
}

/**
 * Whether counts over the whole text already prove every budget kept, by native searches instead of a
 * loop over characters (most pages): a paragraph holds no more delimiters or brackets than the text, a
 * page no more underline lines than lines, and a run of more than `markers` markers or `indent` columns
 * needs a line opening with a hundred or more spaces, tabs, markers or digits (`longMarkerPrefix`).
 */
function withinEveryBudget(text: string): boolean {
  return (
    occurrences(text, '\n') < costBudget.underlines &&
    occurrences(text, '*') + occurrences(text, '_') <= costBudget.delimiters &&
    occurrences(text, '[') + occurrences(text, ']') <= costBudget.brackets &&
    !longMarkerPrefix.test(text)
  )
}

/**
 * A line opening with as many characters as the shortest run over a budget, all of which could belong to a
 * marker run or an indentation: a tab adds at most 4 columns, and every marker but the last is followed by
 * a space or tab (see `markerRun`).
 */
const longMarkerPrefix = new RegExp(`(?:^|\\n)[ \\t\\-*+>\\d.)]{${Math.min(Math.floor(costBudget.indent / 4) + 1, 2 * costBudget.markers + 1)}}`)

function occurrences(text: string, character: string): number {
  let count = 0
  for (let at = text.indexOf(character); at !== -1; at = text.indexOf(character, at + 1)) count++
  return count
}

/** The loop `costlyShape` falls back on: tracks each paragraph, line and marker run (exported for the test that holds the shortcut to it). */
export function firstCostlyShape(text: string): CostlyShape | null {
  let paragraphStart = 0
  let delimiters = 0
  let brackets = 0
  let underlines = 0
  let lineStart = 0
  let blank = true
  let underline = true
  const firstMarkers = markersAt(text, 0)
  if (firstMarkers > costBudget.markers) return {start: 0, end: paragraphEnd(text, 0), kind: 'list or quote markers', count: firstMarkers}
  for (let index = 0; index <= text.length; index++) {
    const code = index < text.length ? text.charCodeAt(index) : 10
    if (code === 10) {
      if (blank) {
        paragraphStart = index + 1
        delimiters = 0
        brackets = 0
      } else if (underline && index > lineStart) underlines++
      if (underlines > costBudget.underlines) return {start: 0, end: text.length, kind: 'setext underlines', count: underlines}
      lineStart = index + 1
      blank = true
      underline = true
      if (text.charCodeAt(lineStart) === 32 || text.charCodeAt(lineStart) === 9 || text.charCodeAt(lineStart) === 45 || text.charCodeAt(lineStart) === 62 || text.charCodeAt(lineStart) === 42 || text.charCodeAt(lineStart) === 43 || (text.charCodeAt(lineStart) >= 48 && text.charCodeAt(lineStart) <= 57)) {
        const markers = markersAt(text, lineStart)
        if (markers > costBudget.markers) return {start: lineStart, end: paragraphEnd(text, lineStart), kind: 'list or quote markers', count: markers}
        const indent = deepMarkerIndent(text, lineStart)
        if (indent > costBudget.indent) return {start: 0, end: text.length, kind: 'columns of indentation before a list or quote marker', count: indent}
      }
      continue
    }
    if (code !== 32 && code !== 9 && code !== 13) blank = false
    if (code !== 61 /* = */ && code !== 45 /* - */ && code !== 32 && code !== 9 && code !== 13) underline = false
    if (code === 42 || code === 95) {
      if (++delimiters > costBudget.delimiters) return {start: paragraphStart, end: paragraphEnd(text, index), kind: 'emphasis delimiters', count: delimiters}
    } else if (code === 91 || code === 93) {
      if (++brackets > costBudget.brackets) return {start: paragraphStart, end: paragraphEnd(text, index), kind: 'brackets', count: brackets}
    }
  }
  return null
}

/**
 * The indentation (columns) of the line at `start` when a list or quote marker follows it, else 0. Lists
 * nested by indentation (`' '.repeat(2 * i) + '- x'`) cost micromark the square of their depth per line:
 * 600 such lines take 5.6 s, 1,500 take 105 s. The ru corpus indents a marker at most a few dozen columns.
 */
function deepMarkerIndent(text: string, start: number): number {
  let columns = 0
  let index = start
  for (; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === 32) columns++
    else if (code === 9) columns += 4 - (columns % 4)
    else break
  }
  if (columns <= costBudget.indent) return 0
  markerRun.lastIndex = index
  return markerRun.exec(text) ? columns : 0
}

/** How many container markers open the line at `start`. */
function markersAt(text: string, start: number): number {
  markerRun.lastIndex = start
  const run = markerRun.exec(text)
  if (!run) return 0
  let count = 0
  for (const character of run[0]) if (character !== ' ' && character !== '\t' && !(character >= '0' && character <= '9')) count++
  return count
}

function paragraphEnd(text: string, from: number): number {
  const blankLine = /\n[ \t\r]*\n/g
  blankLine.lastIndex = from
  const match = blankLine.exec(text)
  return match ? match.index + 1 : text.length
}

/**
 * The tree of a text not given to micromark: one paragraph holding the
 * whole text as text, positioned from offset 0.
 */
export function plainTextTree(text: string): Root {
  let line = 1
  let column = 1
  for (let index = 0; index < text.length; index++) {
    if (text.charCodeAt(index) === 10) {
      line++
      column = 1
    } else column++
  }
  const position = {start: {line: 1, column: 1, offset: 0}, end: {line, column, offset: text.length}}
  return {type: 'root', children: [{type: 'paragraph', children: [{type: 'text', value: text, position}], position}], position}
}

/** The reason of a `parse-cost-limit` diagnostic (placed by the caller). */
export function costLimitReason(shape: CostlyShape): string {
  const budget = shape.kind === 'brackets' ? costBudget.brackets : shape.kind === 'setext underlines' ? costBudget.underlines : shape.kind === 'list or quote markers' ? costBudget.markers : costBudget.delimiters
  const where = shape.kind === 'setext underlines' ? 'page' : shape.kind === 'list or quote markers' ? 'line' : 'paragraph'
  return `Unexpected ${shape.count}+ ${shape.kind} in one ${where}, expected at most ${budget} (the Markdown parser's time grows with their square); this part is shown as plain text`
}
