/**
 * AsciiDoc tables (`[cols="1,2a", options="header"]` + `|===` … `|===`):
 * scanned as regions of the expanded text (`scan.ts`); each cell's content
 * is Markdown with directives, lowered on its own (all cells of a table in
 * one Markdown parse). HTML: a `<table>`; Markdown: a GFM table when the grid
 * is regular and every cell is one plain paragraph, else the HTML table.
 */
import type {Parent, RootContent, Table, TableRow} from 'mdast'
import type {Handler} from 'mdast-util-to-hast'
import type {Handle} from 'mdast-util-to-markdown'
import type {ElementContent, Element, Properties} from 'hast'
import {block, element, finish, flow, renderContext} from '../../render/hast-kit.js'
import {blocks, htmlBlock} from '../../render/markdown-kit.js'
import {classifyHtml} from '../../render/sanitize.js'
import type {Construct, FlowContent, LowerKit, Region} from '../types.js'
import {scanAsciidocTables, type AsciidocTableBlock} from './scan.js'

export interface AsciidocTable extends Parent {
  type: 'asciidocTable'
  /** Column specs from `cols=` (`2,1,1` or `1a,2`), as written. */
  cols: string[]
  children: AsciidocRow[]
}

export interface AsciidocRow extends Parent {
  type: 'asciidocRow'
  header: boolean
  children: AsciidocCell[]
}

export interface AsciidocCell extends Parent {
  type: 'asciidocCell'
  colspan: number
  rowspan: number
  align: 'left' | 'center' | 'right' | null
  /** `a` cells hold Markdown blocks; the others hold phrasing content wrapped in paragraphs. */
  style: string | null
  children: FlowContent[]
}

declare module 'mdast' {
  interface RootContentMap {
    asciidocCell: AsciidocCell
    asciidocRow: AsciidocRow
    asciidocTable: AsciidocTable
  }
  interface BlockContentMap {
    asciidocTable: AsciidocTable
  }
}

function lowerTable(kit: LowerKit, table: AsciidocTableBlock): RootContent {
  const cells = table.rows.flatMap((row) => row.cells).filter((cell) => cell.end > cell.start)
  const lowered = cells.length > 0 ? kit.lowerRanges(cells.map((cell) => [cell.start, cell.end] as const)) : []
  const byCell = new Map(cells.map((cell, index) => [cell, lowered[index]!]))
  const rows: AsciidocRow[] = table.rows.map((row) => ({
    type: 'asciidocRow',
    header: row.header,
    children: row.cells.map((cell): AsciidocCell => ({
      type: 'asciidocCell',
      colspan: cell.colspan,
      rowspan: cell.rowspan,
      align: cell.align,
      style: cell.style,
      children: byCell.get(cell) ?? [],
      position: {start: {line: 1, column: 1, offset: cell.start}, end: {line: 1, column: 1, offset: cell.end}},
    })),
  }))
  return {type: 'asciidocTable', cols: table.cols, children: rows, position: {start: {line: 1, column: 1, offset: table.start}, end: {line: 1, column: 1, offset: table.end}}}
}

const alignments: ReadonlySet<string> = new Set(['left', 'center', 'right'])

const cellHast: Handler = (state, node: AsciidocCell, parent) => {
  const {prefix} = renderContext(state)
  const header = node.style === 'h' || (parent?.type === 'asciidocRow' && (parent as AsciidocRow).header)
  const properties: Properties = {}
  if (node.colspan > 1) properties['colSpan'] = node.colspan
  if (node.rowspan > 1) properties['rowSpan'] = node.rowspan
  if (node.align && alignments.has(node.align)) properties['className'] = [prefix + 'align-' + node.align]
  const [only] = node.children
  // A plain cell is one paragraph of phrasing: render it inline, as GFM tables do.
  const children = node.style !== 'a' && node.children.length === 1 && only?.type === 'paragraph' ? state.all(only) : state.wrap(flow(state, node, node.children), true)
  return finish(state, node, element(header ? 'th' : 'td', properties, children))
}

const rowHast: Handler = (state, node: AsciidocRow) => finish(state, node, block(state, 'tr', {}, flow(state, node, node.children)))

const tableHast: Handler = (state, node: AsciidocTable) => {
  const head: ElementContent[] = []
  const body: ElementContent[] = []
  for (const row of node.children) {
    // Header rows lead the table; one further down stays in the body (its cells are `<th>`).
    const target = row.header && body.length === 0 ? head : body
    target.push(...flow(state, node, [row]))
  }
  const sections: Element[] = []
  if (head.length > 0) sections.push(block(state, 'thead', {}, head))
  if (body.length > 0) sections.push(block(state, 'tbody', {}, body))
  return finish(state, node, block(state, 'table', {className: [renderContext(state).prefix + 'adoc-table']}, sections))
}

/** An AsciiDoc table as GFM, when every cell is one plain paragraph and the grid is regular. */
function asGfmTable(node: AsciidocTable): Table | undefined {
  const [first] = node.children
  if (!first) return undefined
  const width = first.children.length
  const rows: TableRow[] = []
  for (const [index, row] of node.children.entries()) {
    if (row.children.length !== width || (row.header && index > 0)) return undefined
    const cells: TableRow['children'] = []
    for (const cell of row.children) {
      const [only] = cell.children
      if (cell.colspan > 1 || cell.rowspan > 1 || cell.children.length !== 1 || only?.type !== 'paragraph') return undefined
      // A pipe cell holds one line: no hard breaks; `<br>` is how GFM tables break lines.
      if (only.children.some((child) => child.type === 'break' || (child.type === 'html' && classifyHtml(child.value) !== 'break'))) return undefined
      cells.push({type: 'tableCell', children: only.children})
    }
    rows.push({type: 'tableRow', children: cells})
  }
  // GFM needs a header row: an empty one when the table has none.
  if (!first.header) rows.unshift({type: 'tableRow', children: first.children.map(() => ({type: 'tableCell', children: []}))})
  return {type: 'table', align: first.children.map((cell) => cell.align), children: rows}
}

const cellMarkdown: Handle = (node: AsciidocCell, _parent, state, info) => blocks(state, node, node.children, info)
const rowMarkdown: Handle = (node: AsciidocRow, _parent, state, info) => blocks(state, node, node.children.flatMap((cell) => cell.children), info)
const tableMarkdown: Handle = (node: AsciidocTable, parent, state, info) => {
  const table = asGfmTable(node)
  if (table) return state.handle(table, parent, state, info)
  return htmlBlock(state, {type: 'root', children: [node]})
}

export const asciidocTable: Construct = {
  name: 'asciidocTable',
  level: 'block',
  summary: 'An AsciiDoc table: `[cols=…]` and `|===` lines around `|`-separated cells.',
  lowering: {
    regions: ({text, isCode, report}) => {
      const scan = scanAsciidocTables(text, {isCode})
      for (const problem of scan.problems) report(problem.code, problem.reason, problem.offset, problem.end)
      return scan.tables.map((table): Region => ({start: table.start, end: table.end, lower: (kit) => lowerTable(kit, table)}))
    },
  },
  hast: {asciidocCell: cellHast, asciidocRow: rowHast, asciidocTable: tableHast},
  markdown: {asciidocCell: cellMarkdown, asciidocRow: rowMarkdown, asciidocTable: tableMarkdown},
}
