/**
 * Table specs: the attribute line (`cols`, `options`, the `%header`
 * shorthand) and the layout of cells into rows by the column specs (colspans
 * take slots, rowspans reserve slots in later rows).
 */
import {TextLines} from './lines.js'
import {ATTRIBUTE_KEY, COLUMN_SPEC, HORIZONTAL, MAX_COUNT, VERTICAL, type AsciidocColumnSpec, type AsciidocRowSpan, type RawCell} from './types.js'

export abstract class TableSpecs extends TextLines {
  /** Fill rows by the column count; colspans take slots, rowspans reserve slots in later rows. */
  protected layOut(cells: RawCell[], columns: AsciidocColumnSpec[]): AsciidocRowSpan[] {
    const columnCount = columns.length
    const rows: AsciidocRowSpan[] = []
    if (columnCount === 0 || cells.length === 0) return rows
    // For each slot, how many more rows after the one being filled a rowspan still holds it…
    const heldFor = new Int32Array(columnCount)
    // …and whether a rowspan from above holds it in the row being filled.
    const reserved = new Uint8Array(columnCount)
    let row: AsciidocRowSpan = {header: false, cells: []}
    let slot = 0
    let lastCell: RawCell | undefined
    let emptyRows = 0

    const releaseRow = (): void => {
      for (let index = 0; index < columnCount; index++) {
        if (reserved[index] === 1) heldFor[index]!--
      }
      for (let index = 0; index < columnCount; index++) reserved[index] = heldFor[index]! > 0 ? 1 : 0
    }
    const skipReserved = (): void => {
      while (slot < columnCount && reserved[slot] === 1) slot++
    }

    for (const cell of cells) {
      for (let copy = 0; copy < cell.duplicate; copy++) {
        // Rows held entirely by rowspans from above are rows too (a bounded number of them).
        while (slot >= columnCount) {
          rows.push(row)
          releaseRow()
          row = {header: false, cells: []}
          slot = 0
          skipReserved()
          if (slot >= columnCount && ++emptyRows > MAX_COUNT) {
            this.problem(cell.markerStart, cell.contentStart, 'asciidoc-table-malformed',
              `rowspans hold every column for more than ${MAX_COUNT} rows; they are cut here`)
            heldFor.fill(0)
            reserved.fill(0)
            slot = 0
          }
        }
        const column = columns[slot]!
        let free = 0
        while (slot + free < columnCount && reserved[slot + free] === 0) free++
        if (cell.colspan > free) {
          this.problem(cell.markerStart, cell.contentStart, 'asciidoc-table-malformed',
            `this cell spans ${cell.colspan} columns but only ${free} remain in its row`)
        }
        row.cells.push({
          start: cell.contentStart,
          end: cell.contentEnd,
          markerStart: cell.markerStart,
          colspan: cell.colspan,
          rowspan: cell.rowspan,
          align: cell.align ?? column.align,
          valign: cell.valign ?? column.valign,
          style: cell.style ?? column.style,
        })
        if (cell.rowspan > 1) {
          for (let index = slot; index < Math.min(columnCount, slot + cell.colspan); index++) {
            heldFor[index] = Math.max(heldFor[index]!, cell.rowspan - 1)
          }
        }
        slot += cell.colspan
        skipReserved()
        lastCell = cell
      }
    }
    if (slot < columnCount && lastCell !== undefined) {
      let filled = 0
      for (const cell of row.cells) filled += cell.colspan
      for (let index = 0; index < columnCount; index++) filled += reserved[index]!
      this.problem(row.cells[0]!.markerStart, lastCell.contentEnd, 'asciidoc-table-malformed',
        `the last row fills ${filled} of ${columnCount} columns`)
    }
    rows.push(row)
    releaseRow()
    if (heldFor.some((count) => count > 0)) this.reportOverrun(rows)
    return rows
  }

  /** Report the cell whose rowspan reaches below the last row. */
  protected reportOverrun(rows: AsciidocRowSpan[]): void {
    rows.forEach((row, index) => {
      for (const cell of row.cells) {
        if (index + cell.rowspan > rows.length) {
          this.problem(cell.markerStart, cell.start, 'asciidoc-table-malformed',
            `this cell spans ${cell.rowspan} rows but only ${rows.length - index} remain in the table`)
        }
      }
    })
  }

  /**
   * AsciiDoc's implicit header: the first line of the body holds exactly the cells of the first row and
   * is followed by a blank line.
   */
  protected hasImplicitHeader(cells: RawCell[], rows: AsciidocRowSpan[], bodyLine: number): boolean {
    const firstRow = rows[0]
    const firstCell = cells[0]
    if (firstRow === undefined || firstCell === undefined || rows.length < 2) return false
    if (this.nextNonBlank(bodyLine) !== firstCell.line) return false
    const firstRowMarkers = new Set(firstRow.cells.map((cell) => cell.markerStart))
    for (const cell of cells) {
      if (firstRowMarkers.has(cell.markerStart) !== (cell.line === firstCell.line)) return false
    }
    const next = this.nextLine(firstCell.line)
    return next !== -1 && this.indentEnd(next) === this.lineEnd(next)
  }

  /** Parse the attribute list `cols="2,1", options="header", width=100%` (also the `%header` shorthand). */
  protected parseAttributes(inner: string, lineStart: number, lineEnd: number): Record<string, string> {
    const attributes: Record<string, string> = {}
    const shorthandOptions: string[] = []
    for (const entry of splitOutsideQuotes(inner)) {
      const item = entry.trim()
      if (item === '') continue
      const equals = item.indexOf('=')
      const key = equals === -1 ? '' : item.slice(0, equals).trim()
      if (equals !== -1 && ATTRIBUTE_KEY.test(key)) {
        attributes[key] = unquote(item.slice(equals + 1).trim())
      } else if (item.startsWith('%')) {
        shorthandOptions.push(...item.split('%').filter((option) => option !== ''))
      } else {
        this.problem(lineStart, lineEnd, 'asciidoc-table-unsupported', `table attribute '${item}' is not understood and is ignored`)
      }
    }
    if (shorthandOptions.length > 0) {
      attributes['options'] = [attributes['options'], ...shorthandOptions].filter((option) => option).join(',')
    }
    return attributes
  }

  /** `cols` → one spec per column; a lone number is a column count (`cols="2"` → two columns). */
  protected parseColumns(value: string | undefined, lineStart: number, lineEnd: number): {cols: string[]; columns: AsciidocColumnSpec[]} {
    const cols: string[] = []
    const columns: AsciidocColumnSpec[] = []
    const trimmed = value?.trim() ?? ''
    if (trimmed === '') return {cols, columns}
    if (/^\d+$/.test(trimmed)) {
      for (let count = this.columnCount(Number(trimmed), lineStart, lineEnd); count > 0; count--) {
        cols.push('1')
        columns.push(defaultColumn())
      }
      return {cols, columns}
    }
    for (const rawSpec of trimmed.split(/[,;]/)) {
      const spec = rawSpec.trim()
      const parsed = COLUMN_SPEC.exec(spec)
      if (parsed === null) {
        this.problem(lineStart, lineEnd, 'asciidoc-table-unsupported', `column spec '${spec}' is not understood; read as 1`)
        cols.push(spec)
        columns.push(defaultColumn())
        continue
      }
      const [, multiplier, align, valign, width, style] = parsed
      const written = multiplier === undefined ? spec : spec.slice(spec.indexOf('*') + 1)
      const repeat = multiplier === undefined ? 1 : this.columnCount(Number(multiplier), lineStart, lineEnd)
      for (let count = Math.min(repeat, MAX_COUNT - cols.length); count > 0; count--) {
        cols.push(written === '' ? '1' : written)
        columns.push({
          width: width === undefined ? 1 : width === '~' ? null : Number.parseInt(width, 10),
          align: align === undefined ? null : HORIZONTAL[align]!,
          valign: valign === undefined ? null : VERTICAL[valign]!,
          style: style ?? null,
        })
      }
    }
    return {cols, columns}
  }

  /** A column count from `cols`, capped at {@link MAX_COUNT} (reported). */
  protected columnCount(count: number, lineStart: number, lineEnd: number): number {
    if (count <= MAX_COUNT) return count
    this.problem(lineStart, lineEnd, 'asciidoc-table-unsupported', `more than ${MAX_COUNT} columns; only ${MAX_COUNT} are read`)
    return MAX_COUNT
  }
}

export function defaultColumn(): AsciidocColumnSpec {
  return {width: 1, align: null, valign: null, style: null}
}

export function splitOutsideQuotes(value: string): string[] {
  const parts: string[] = []
  let quote = ''
  let start = 0
  for (let index = 0; index < value.length; index++) {
    const char = value[index]!
    if (quote !== '') {
      if (char === quote) quote = ''
    } else if (char === '"' || char === "'") {
      quote = char
    } else if (char === ',') {
      parts.push(value.slice(start, index))
      start = index + 1
    }
  }
  parts.push(value.slice(start))
  return parts
}

export function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) {
    return value.slice(1, -1)
  }
  return value
}
