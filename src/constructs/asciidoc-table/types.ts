/**
 * What the AsciiDoc table scanner finds: tables as offsets of the scanned
 * text, laid out in rows and cells, and the problems met on the way.
 */

/** Problem codes the scanner reports (both are in the diagnostics registry). */
export type AsciidocTableProblemCode = 'asciidoc-table-malformed' | 'asciidoc-table-unsupported'

/** A problem found while scanning; offsets in the scanned text, exclusive end. */
export interface AsciidocTableProblem {
  offset: number
  end: number
  code: AsciidocTableProblemCode
  reason: string
}

export type AsciidocHorizontalAlign = 'left' | 'center' | 'right'
export type AsciidocVerticalAlign = 'top' | 'middle' | 'bottom'

/** One cell: where its content lies in the text and how it is laid out. */
export interface AsciidocCellSpan {
  /** Offset of the content (after the `|` and its spec), trimmed of surrounding whitespace and newlines. */
  start: number
  /** Exclusive end of the trimmed content; equal to `start` for an empty cell. */
  end: number
  /** Offset of the cell's spec (`2+^`) or, without a spec, of its `|`: where to point a diagnostic. */
  markerStart: number
  colspan: number
  rowspan: number
  /** From the cell spec, else (outside the header row) from its column's spec in `cols`. */
  align: AsciidocHorizontalAlign | null
  /** `.^` and friends; kept so a renderer may use it. */
  valign: AsciidocVerticalAlign | null
  /**
   * `a` for AsciiDoc (block) cells, other style letters as written; from the column when the cell has
   * none; always null in the header row, which ignores styles.
   */
  style: string | null
}

/** One row of laid-out cells; slots reserved by rowspans from earlier rows hold no cell here. */
export interface AsciidocRowSpan {
  header: boolean
  cells: AsciidocCellSpan[]
}

/** One column of `cols`, parsed. */
export interface AsciidocColumnSpec {
  /** Relative width (`2`, or `25` for `25%`); null for `~` (auto). */
  width: number | null
  align: AsciidocHorizontalAlign | null
  valign: AsciidocVerticalAlign | null
  style: string | null
}

/** A table found in the text. */
export interface AsciidocTableBlock {
  /** Offset of the first char of the attribute line's `[` (or of the opening `|===` without one). */
  start: number
  /** Just after the closing `|===` line's newline (or the end of the recovered table). */
  end: number
  /** Columns of indentation of the block's first line (tabs to multiples of 4), e.g. inside a list item. */
  indent: number
  /** One spec per column, multipliers expanded (`3*` → `['1','1','1']`, `cols="2"` → `['1','1']`). */
  cols: string[]
  /** `cols`, parsed; same length. */
  columns: AsciidocColumnSpec[]
  /** Whether the first row is a header (`options="header"`, `%header`, or AsciiDoc's implicit header). */
  header: boolean
  /** Attribute line entries, quotes removed (`cols`, `options`, `width`, `frame`, …). */
  attributes: Record<string, string>
  rows: AsciidocRowSpan[]
}

/** Options of {@link scanAsciidocTables}. */
export interface ScanAsciidocTablesOptions {
  /** Whether the line starting at `offset` lies in fenced code (its `[cols`/`|===` are then not syntax). */
  isCode?: (offset: number) => boolean
}

/** What {@link scanAsciidocTables} returns. */
export interface AsciidocTableScan {
  tables: AsciidocTableBlock[]
  problems: AsciidocTableProblem[]
}

/** One cell as tokenised, before the row layout. */
export interface RawCell {
  markerStart: number
  contentStart: number
  contentEnd: number
  /** Start offset of the line holding the cell's `|`. */
  line: number
  duplicate: number
  colspan: number
  rowspan: number
  align: AsciidocHorizontalAlign | null
  valign: AsciidocVerticalAlign | null
  style: string | null
}

/**
 * A cell spec before its `|`: duplication `3*` or span `2+` / `.3+` / `2.3+`, then horizontal alignment,
 * vertical alignment (`.^`) and a style letter.
 */
export const CELL_SPEC =
  /^(?:(\d+)\*|(\d+)(?:\.(\d+))?\+|\.(\d+)\+)?([<^>])?(?:\.([<^>]))?([adehlmsv])?$/
/** At the start of a line, looks like a spec an author meant but AsciiDoc would not take (`2x`, `2`, `+`, `b`). */
export const SPEC_LIKE = /^(?:[\d.+*<^>]+[a-z]?|[a-z])$/
/** Longest spec looked for before a line's first `|` (`2.3+^.^a` is 8 characters). */
export const MAX_SPEC_LENGTH = 16
/** Upper bound on columns, spans and duplications: far above any real table, low enough to stay fast. */
export const MAX_COUNT = 1000
/** Upper bound on a cell's duplication (`3*|`), so a short text cannot make huge tables. */
export const MAX_DUPLICATE = 100
/** A column spec in `cols`: multiplier `3*`, alignments, width (`2`, `25%`, `~`), style letter. */
export const COLUMN_SPEC = /^(?:(\d+)\*)?([<^>])?(?:\.([<^>]))?(\d+%?|~)?([adehlmsv])?$/
export const ATTRIBUTE_KEY = /^[A-Za-z][\w-]*$/

export const HORIZONTAL: Record<string, AsciidocHorizontalAlign> = {'<': 'left', '^': 'center', '>': 'right'}
export const VERTICAL: Record<string, AsciidocVerticalAlign> = {'<': 'top', '^': 'middle', '>': 'bottom'}
