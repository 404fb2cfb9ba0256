/**
 * AsciiDoc tables (`[cols=…]` + `|===` … `|===`) in the expanded page text.
 *
 * A linear, line-based scan that returns offsets only: the caller maps them back through its source map
 * and parses each cell's content itself (cells hold Markdown and directives). Rows are laid out by the
 * AsciiDoc rules (column count from `cols`, colspans take several slots, rowspans reserve slots in the
 * following rows), so a renderer can emit them without knowing AsciiDoc.
 *
 * Deliberate departures from AsciiDoc, because the cells hold Markdown:
 * - a `|` inside an inline code span, inside a fenced code block of a cell, or escaped as `\|` does not
 *   separate cells;
 * - a delimiter line closes the table even when a cell's code fence is still open, so an unclosed fence
 *   cannot swallow the rest of the page.
 *
 * Recovery: a `[cols…]` line followed by cells but no `|===` still makes a table (reported), which a
 * later orphan `|===` closes (reported too); a table that never closes ends after its last run of cells.
 */
import {isSpaceOrTab, skipSpaces, skipWhitespace, trimEnd} from './lines.js'
import {defaultColumn, TableSpecs} from './specs.js'
import {CELL_SPEC, HORIZONTAL, MAX_COUNT, MAX_DUPLICATE, MAX_SPEC_LENGTH, SPEC_LIKE, VERTICAL, type AsciidocTableBlock, type AsciidocTableScan, type RawCell, type ScanAsciidocTablesOptions} from './types.js'

export type * from './types.js'

/**
 * Find every AsciiDoc table in `text` (the expanded page text) and lay out its cells.
 * Never throws on author input; problems are returned beside the tables, sorted by offset.
 */
export function scanAsciidocTables(text: string, options: ScanAsciidocTablesOptions = {}): AsciidocTableScan {
  if (typeof text !== 'string') throw new TypeError('scanAsciidocTables: text must be a string')
  const isCode = options.isCode
  if (isCode !== undefined && typeof isCode !== 'function') {
    throw new TypeError('scanAsciidocTables: options.isCode must be a function')
  }
  // Most pages have no table: do not even start the scanner.
  if (!text.includes('|===') && !text.includes('[cols')) return {tables: [], problems: []}
  return new TableScanner(text, isCode).run()
}

/** Where a table's body ends. Lines are named by the offset where they start. */
interface BodyExtent {
  /** Start of the closing delimiter line, or -1 when the table never closes. */
  closerLine: number
  /** Start of the last body line (inclusive), or -1 for an empty body. */
  lastLine: number
}

/**
 * The scan. Tables are found by jumping from one `|===` or `[cols` to the next with `indexOf`, so the
 * cost is the table text plus a fast search over the rest.
 */
class TableScanner extends TableSpecs {
  private readonly tables: AsciidocTableBlock[] = []
  /**
   * The first `|` at or after some offset not beyond the scan position (the text's length when none).
   * Tables are read in text order, so it stays valid from one table to the next and each search only
   * moves forward.
   */
  private nextPipe = -1
  /** The lines of the body being read (start, end of indentation, end of content), reused per table. */
  private readonly bodyLineStarts: number[] = []
  private readonly bodyIndentEnds: number[] = []
  private readonly bodyLineEnds: number[] = []

  run(): AsciidocTableScan {
    const text = this.text
    // Nothing before `floor` may be read again: it belongs to a table already read.
    let floor = 0
    let position = 0
    let nextDelimiter = text.indexOf('|===')
    let nextCols = text.indexOf('[cols')
    while (nextDelimiter !== -1 || nextCols !== -1) {
      const isDelimiter = nextCols === -1 || (nextDelimiter !== -1 && nextDelimiter < nextCols)
      const found = isDelimiter ? nextDelimiter : nextCols
      const line = this.lineStartOf(found)
      const tableEnd = this.indentEnd(line) !== found ? -1 : isDelimiter ? this.atDelimiter(line, floor) : this.atCols(line)
      if (tableEnd !== -1) floor = tableEnd
      position = Math.max(tableEnd, found + 1)
      if (nextDelimiter !== -1 && nextDelimiter < position) nextDelimiter = text.indexOf('|===', position)
      if (nextCols !== -1 && nextCols < position) nextCols = text.indexOf('[cols', position)
    }
    this.problems.sort((a, b) => a.offset - b.offset || a.end - b.end)
    return {tables: this.tables, problems: this.problems}
  }

  /**
   * A `|===` at the start of `line`: open a table there, with the attribute line above it if any.
   * Returns the table's end, or -1 when the line is no delimiter.
   */
  private atDelimiter(line: number, floor: number): number {
    if (this.delimiter(line) === null || this.codeAt(line)) return -1
    const above = this.previousNonBlank(line, floor)
    const attributeText = above === -1 ? null : this.attributeLine(above)
    if (above !== -1 && attributeText !== null && !this.codeAt(above)) return this.readTable(above, attributeText, line)
    return this.readTable(line, null, line)
  }

  /**
   * A `[cols` at the start of `line`: the table's attribute line, or a problem when no `|===` follows.
   * Returns the end of the table read from there, or -1 when there is none.
   */
  private atCols(line: number): number {
    const attributeText = this.attributeLine(line)
    if (attributeText === null || this.codeAt(line)) return -1
    const next = this.nextNonBlank(this.nextLine(line))
    if (next !== -1 && this.delimiter(next) !== null && !this.codeAt(next)) return this.readTable(line, attributeText, next)
    const following = next === -1 ? 'the end of the text' : `'${this.text.slice(this.indentEnd(next), this.lineEnd(next)).slice(0, 40)}'`
    this.problem(this.indentEnd(line), this.lineEnd(line), 'asciidoc-table-malformed',
      `[cols…] is not followed by the opening |=== line (next: ${following})`)
    if (next !== -1 && this.cellMarkerEnd(next) !== -1) return this.readTable(line, attributeText, -1, next)
    return -1
  }

  /**
   * Read one table starting at `firstLine`. `openerLine` is its `|===` line, or -1 when that is missing
   * and the cells start at `recoveredBodyLine`. Returns the offset where scanning goes on.
   */
  private readTable(firstLine: number, attributeText: string | null, openerLine: number, recoveredBodyLine = -1): number {
    const text = this.text
    const start = this.indentEnd(firstLine)
    const firstLineEnd = this.lineEnd(firstLine)
    const opener = openerLine === -1 ? null : this.delimiter(openerLine)
    const bodyLine = openerLine === -1 ? recoveredBodyLine : this.nextLine(openerLine)
    const extent: BodyExtent = bodyLine === -1 ? {closerLine: -1, lastLine: -1} : this.findBodyExtent(bodyLine, opener)

    if (openerLine !== -1 && extent.closerLine === -1) {
      this.problem(this.indentEnd(openerLine), this.lineEnd(openerLine), 'asciidoc-table-malformed',
        'this |=== has no closing partner; the table ends after its last cell line')
    }
    if (openerLine === -1 && extent.closerLine !== -1) {
      this.problem(this.indentEnd(extent.closerLine), this.lineEnd(extent.closerLine), 'asciidoc-table-malformed',
        'this |=== closes a table that has no opening |===')
    }
    // The table ends after the closer's newline, or after the last line of its cells.
    const lastLine = extent.closerLine !== -1 ? extent.closerLine : extent.lastLine
    const end = lastLine === -1 ? (bodyLine === -1 ? text.length : bodyLine) : this.afterLine(lastLine)
    const bodyEnd = extent.closerLine !== -1 ? extent.closerLine : extent.lastLine !== -1 ? this.lineEnd(extent.lastLine) : end

    const attributes = attributeText === null ? {} : this.parseAttributes(attributeText, start, firstLineEnd)
    const format = attributes['format']
    const separator = attributes['separator']
    if ((format !== undefined && format !== 'psv') || (separator !== undefined && separator !== '|')) {
      const feature = format !== undefined && format !== 'psv' ? `format=${format}` : `separator=${separator}`
      this.problem(start, firstLineEnd, 'asciidoc-table-unsupported', `tables with ${feature} are not rendered; the text is kept`)
      return end
    }

    const cells = extent.lastLine === -1 ? [] : this.tokeniseCells(bodyLine, extent.lastLine, bodyEnd)
    // A table that never closes and holds no cell is only an orphan delimiter: nothing to lay out.
    if (extent.closerLine === -1 && cells.length === 0) return end

    const options = new Set((attributes['options'] ?? '').split(/[\s,]+/).filter((option) => option !== ''))
    if (options.has('footer')) {
      this.problem(start, firstLineEnd, 'asciidoc-table-unsupported', 'the footer option is not rendered; the last row stays a body row')
    }
    const {cols, columns} = this.parseColumns(attributes['cols'], start, firstLineEnd)
    if (columns.length === 0) {
      for (let count = Math.min(MAX_COUNT, firstLineColumnCount(cells)); count > 0; count--) {
        cols.push('1')
        columns.push(defaultColumn())
      }
    }
    const rows = this.layOut(cells, columns)
    const header = options.has('header')
      || (!options.has('noheader') && bodyLine !== -1 && this.hasImplicitHeader(cells, rows, bodyLine))
    const headerRow = rows[0]
    if (header && headerRow !== undefined) {
      headerRow.header = true
      // As in AsciiDoc, the header row ignores style operators and the columns' alignment: only a
      // cell's own alignment applies. Its cells are the first ones read, in order.
      let index = 0
      for (const cell of cells) {
        for (let copy = 0; copy < cell.duplicate && index < headerRow.cells.length; copy++) {
          const span = headerRow.cells[index++]!
          span.align = cell.align
          span.valign = cell.valign
          span.style = null
        }
      }
    }

    this.tables.push({start, end, indent: this.indentColumns(firstLine), cols, columns, header, attributes, rows})
    return end
  }

  /**
   * Where the body starting at `bodyLine` ends: at the delimiter line equal to the opener (at any
   * delimiter when the opener is missing). Without one before the next `[cols` line or the end of the
   * text, the body is the run of cells: a blank line followed by a line that starts no cell ends it.
   *
   * `isCode` is not asked inside a body: a caller's fence scan that does not know tables takes the
   * closing fence of a cell opened as `|```json` for an opener, and would hide the table's closer.
   * Fences of cells are followed here instead, so a `[cols` inside one does not cut the table.
   */
  private findBodyExtent(bodyLine: number, opener: string | null): BodyExtent {
    const text = this.text
    const {bodyLineStarts: lineStarts, bodyIndentEnds: indentEnds, bodyLineEnds: lineEnds} = this
    lineStarts.length = 0
    indentEnds.length = 0
    lineEnds.length = 0
    let runLast = -1
    let afterBlank = false
    let runBroken = false
    let fence: Fence | null = null
    for (let line = bodyLine; line !== -1; line = this.nextLine(line)) {
      const lineEnd = this.lineEnd(line)
      const indentEnd = skipSpaces(text, line, lineEnd)
      lineStarts.push(line)
      indentEnds.push(indentEnd)
      lineEnds.push(lineEnd)
      if (indentEnd === lineEnd) {
        afterBlank = true
        continue
      }
      const first = text.charCodeAt(indentEnd)
      const delimiter = first === 124 /* | */ ? this.delimiter(line) : null
      if (delimiter !== null) {
        // A table without an opener is trusted only while its cells run on.
        if (opener === null) return runBroken ? {closerLine: -1, lastLine: runLast} : {closerLine: line, lastLine: runLast}
        if (delimiter === opener) return {closerLine: line, lastLine: this.previousLineOrNone(line, bodyLine)}
      }
      const markerEnd = first === 124 ? indentEnd + 1 : this.cellMarkerEndAt(indentEnd, lineEnd)
      if (fence !== null) {
        if (closesFence(text, indentEnd, lineEnd, fence)) fence = null
      } else if (first === 91 /* [ */ && text.startsWith('[cols', indentEnd) && this.attributeLine(line) !== null) {
        break
      } else {
        fence = fenceOpener(text, markerEnd === -1 ? indentEnd : skipSpaces(text, markerEnd, lineEnd), lineEnd)
      }
      if (!runBroken) {
        if (!afterBlank || markerEnd !== -1) runLast = line
        else {
          runBroken = true
          if (opener === null) break
        }
      }
      afterBlank = false
    }
    return {closerLine: -1, lastLine: runLast}
  }

  /**
   * Split the body lines from `firstLine` to `lastLine` into cells; `bodyEnd` ends the last cell.
   * The lines are the ones {@link findBodyExtent} just recorded.
   */
  private tokeniseCells(firstLine: number, lastLine: number, bodyEnd: number): RawCell[] {
    const text = this.text
    const {bodyLineStarts: lineStarts, bodyIndentEnds: indentEnds, bodyLineEnds: lineEnds} = this
    const cells: RawCell[] = []
    let fence: Fence | null = null
    let reportedNested = false

    for (let index = 0; index < lineStarts.length && lineStarts[index]! <= lastLine; index++) {
      const line = lineStarts[index]!
      const lineEnd = lineEnds[index]!
      const indentEnd = indentEnds[index]!
      if (indentEnd === lineEnd) continue
      if (fence !== null) {
        if (closesFence(text, indentEnd, lineEnd, fence)) fence = null
        continue
      }
      // A fence line continues the current cell; its info string is not scanned for separators.
      fence = fenceOpener(text, indentEnd, lineEnd)
      if (fence !== null) continue
      if (!reportedNested && text.startsWith('!===', indentEnd)) {
        reportedNested = true
        this.problem(indentEnd, lineEnd, 'asciidoc-table-unsupported', 'nested tables (!===) are not rendered; the text is kept')
      }
      // The text from `segmentStart` to a separator may end with that separator's spec.
      let segmentStart = indentEnd
      let position = indentEnd
      while (position < lineEnd) {
        if (this.nextPipe < position) this.nextPipe = indexOrLength(text, '|', position)
        const pipe = this.nextPipe
        if (pipe >= lineEnd) break
        // A code span or an escape before the `|` may hide it.
        let special = position
        while (special < pipe) {
          const code = text.charCodeAt(special)
          if (code === 96 /* ` */ || code === 92 /* backslash */) break
          special++
        }
        if (special < pipe) {
          position = text.charCodeAt(special) === 96 ? skipCodeSpan(text, special, lineEnd) : special + 2
          continue
        }
        const cell = this.cellAt(segmentStart, indentEnd, pipe, line, bodyEnd)
        const previous = cells[cells.length - 1]
        if (previous !== undefined) previous.contentEnd = cell.markerStart
        cells.push(cell)
        position = pipe + 1
        segmentStart = position
        if (cell.contentStart === position) {
          fence = fenceOpener(text, skipSpaces(text, position, lineEnd), lineEnd)
          if (fence !== null) break
        }
      }
    }

    const strayEnd = cells[0]?.markerStart ?? bodyEnd
    const strayStart = skipWhitespace(text, firstLine, strayEnd)
    if (strayStart < strayEnd) {
      this.problem(strayStart, trimEnd(text, strayStart, strayEnd), 'asciidoc-table-malformed',
        'text before the first cell of the table belongs to no cell')
    }
    for (const cell of cells) {
      const contentStart = skipWhitespace(text, cell.contentStart, cell.contentEnd)
      // An empty cell keeps an empty range right after its `|`.
      if (contentStart === cell.contentEnd) cell.contentEnd = cell.contentStart
      else {
        cell.contentStart = contentStart
        cell.contentEnd = trimEnd(text, contentStart, cell.contentEnd)
      }
    }
    return cells
  }

  /**
   * The cell whose `|` is at `pipe`. Its spec is the token right before the `|`, taken at the start of
   * the line or after whitespace (as AsciiDoc does), never glued to the previous cell's text.
   */
  private cellAt(segmentStart: number, indentEnd: number, pipe: number, line: number, bodyEnd: number): RawCell {
    const text = this.text
    const cell: RawCell = {
      markerStart: pipe, contentStart: pipe + 1, contentEnd: bodyEnd, line,
      duplicate: 1, colspan: 1, rowspan: 1, align: null, valign: null, style: null,
    }
    const specStart = specTokenStart(text, segmentStart, pipe)
    if (specStart === pipe || (specStart === segmentStart && segmentStart !== indentEnd)) return cell
    const spec = text.slice(specStart, pipe)
    const parsed = CELL_SPEC.exec(spec)
    if (parsed === null) {
      if (specStart === indentEnd && SPEC_LIKE.test(spec)) {
        // Not a spec AsciiDoc takes, but meant as one: keep the author's text visible in the cell.
        this.problem(specStart, pipe + 1, 'asciidoc-table-unsupported', `cell spec '${spec}' is not understood; it is kept as cell text`)
        cell.markerStart = specStart
        cell.contentStart = specStart
      }
      return cell
    }
    cell.markerStart = specStart
    const [, duplicate, colspan, rowspanAfterColspan, rowspanOnly, align, valign, style] = parsed
    if (duplicate !== undefined) cell.duplicate = Number(duplicate)
    if (colspan !== undefined) cell.colspan = Number(colspan)
    const rowspan = rowspanAfterColspan ?? rowspanOnly
    if (rowspan !== undefined) cell.rowspan = Number(rowspan)
    cell.align = align === undefined ? null : HORIZONTAL[align]!
    cell.valign = valign === undefined ? null : VERTICAL[valign]!
    cell.style = style ?? null
    if (cell.duplicate === 0 || cell.colspan === 0 || cell.rowspan === 0) {
      this.problem(specStart, pipe + 1, 'asciidoc-table-unsupported', `cell spec '${spec}' has a zero count; read as 1`)
      cell.duplicate = Math.max(1, cell.duplicate)
      cell.colspan = Math.max(1, cell.colspan)
      cell.rowspan = Math.max(1, cell.rowspan)
    }
    // Counts beyond any real table would only make the layout loop for nothing.
    if (cell.duplicate > MAX_DUPLICATE || cell.colspan > MAX_COUNT || cell.rowspan > MAX_COUNT) {
      this.problem(specStart, pipe + 1, 'asciidoc-table-unsupported',
        `cell spec '${spec}' counts more than a table can hold; read as at most ${cell.duplicate > MAX_DUPLICATE ? MAX_DUPLICATE : MAX_COUNT}`)
      cell.duplicate = Math.min(MAX_DUPLICATE, cell.duplicate)
      cell.colspan = Math.min(MAX_COUNT, cell.colspan)
      cell.rowspan = Math.min(MAX_COUNT, cell.rowspan)
    }
    return cell
  }

  /** The inside of an attribute line `[…]` that fills its line, or null. */
  private attributeLine(line: number): string | null {
    const start = this.indentEnd(line)
    let end = this.lineEnd(line)
    while (end > start && isSpaceOrTab(this.text.charCodeAt(end - 1))) end--
    if (end - start < 2 || this.text.charCodeAt(start) !== 91 || this.text.charCodeAt(end - 1) !== 93) return null
    // `[[anchor]]` is an anchor, not attributes.
    if (this.text.charCodeAt(start + 1) === 91) return null
    return this.text.slice(start + 1, end - 1)
  }

  /** The delimiter (`|===`, `|====`, …) filling the line, or null. */
  private delimiter(line: number): string | null {
    const text = this.text
    const start = this.indentEnd(line)
    if (text.charCodeAt(start) !== 124 || !text.startsWith('===', start + 1)) return null
    const lineEnd = this.lineEnd(line)
    let position = start + 4
    while (position < lineEnd && text.charCodeAt(position) === 61) position++
    const delimiterEnd = position
    while (position < lineEnd && isSpaceOrTab(text.charCodeAt(position))) position++
    return position === lineEnd ? text.slice(start, delimiterEnd) : null
  }

  /** Where the `|` that starts the line's first cell ends (after an optional spec), or -1 when none does. */
  private cellMarkerEnd(line: number): number {
    return this.delimiter(line) === null ? this.cellMarkerEndAt(this.indentEnd(line), this.lineEnd(line)) : -1
  }

  /** {@link cellMarkerEnd} for a line known not to be a delimiter, from its indentation end. */
  private cellMarkerEndAt(start: number, lineEnd: number): number {
    // Specs are short; look no further than that for the `|`.
    const limit = Math.min(lineEnd, start + MAX_SPEC_LENGTH + 1)
    let pipe = start
    while (pipe < limit && this.text.charCodeAt(pipe) !== 124) pipe++
    if (pipe === limit) return -1
    return pipe === start || CELL_SPEC.test(this.text.slice(start, pipe)) ? pipe + 1 : -1
  }
}

interface Fence {
  code: number
  length: number
}

function indexOrLength(text: string, search: string, from: number): number {
  const index = text.indexOf(search, from)
  return index === -1 ? text.length : index
}

/** AsciiDoc: without `cols`, the first line holding cells gives the column count. */
function firstLineColumnCount(cells: RawCell[]): number {
  const first = cells[0]
  if (first === undefined) return 0
  let count = 0
  for (const cell of cells) {
    if (cell.line !== first.line) break
    count += cell.colspan * cell.duplicate
  }
  return count
}

/** Start of the whitespace-delimited token that ends at `pipe` (not before `segmentStart`). */
function specTokenStart(text: string, segmentStart: number, pipe: number): number {
  let position = pipe
  while (position > segmentStart) {
    const code = text.charCodeAt(position - 1)
    if (isSpaceOrTab(code)) break
    position--
  }
  return position
}

/** Past an inline code span opening at `start` (or past the lone backticks when it does not close on the line). */
function skipCodeSpan(text: string, start: number, lineEnd: number): number {
  let runEnd = start
  while (runEnd < lineEnd && text.charCodeAt(runEnd) === 96) runEnd++
  const length = runEnd - start
  let search = runEnd
  while (search < lineEnd) {
    if (text.charCodeAt(search) !== 96) {
      search++
      continue
    }
    let closeEnd = search
    while (closeEnd < lineEnd && text.charCodeAt(closeEnd) === 96) closeEnd++
    if (closeEnd - search === length) return closeEnd
    search = closeEnd
  }
  return runEnd
}

/** A code fence opening at `position` (``` or ~~~, three or more). */
function fenceOpener(text: string, position: number, lineEnd: number): Fence | null {
  const code = text.charCodeAt(position)
  if (code !== 96 && code !== 126) return null
  let end = position
  while (end < lineEnd && text.charCodeAt(end) === code) end++
  if (end - position < 3) return null
  // A backtick fence's info string may not hold a backtick (that would be inline code).
  if (code === 96 && text.slice(end, lineEnd).includes('`')) return null
  return {code, length: end - position}
}

function closesFence(text: string, position: number, lineEnd: number, fence: Fence): boolean {
  let end = position
  while (end < lineEnd && text.charCodeAt(end) === fence.code) end++
  if (end - position < fence.length) return false
  while (end < lineEnd && isSpaceOrTab(text.charCodeAt(end))) end++
  return end === lineEnd
}

/** Split on commas that are outside double or single quotes. */
