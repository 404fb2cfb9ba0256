/**
 * The one conversion between vkdoc's places and the protocol's. vkdoc speaks
 * unist: 1-based line and column, 0-based offset, lines split at `\n`, and
 * columns counted in UTF-16 code units. LSP speaks 0-based line and
 * character in UTF-16 code units, with `\r\n`, `\r` and `\n` all ending a
 * line. Going through the offset makes both agree on any text.
 */
import type {Point, Position as UnistPosition} from 'unist'
import {TextDocument} from 'vscode-languageserver-textdocument'
import type {Position, Range} from 'vscode-languageserver'
import {LineIndex} from '../syntax/position.js'

/** One text's line tables, for both coordinate systems. */
export class DocumentText {
  readonly text: string
  private readonly lsp: TextDocument
  private unistLines: LineIndex | undefined

  constructor(text: string) {
    this.text = text
    this.lsp = TextDocument.create('vkdoc:text', 'markdown', 0, text)
  }

  /** The LSP position of a 0-based offset (clamped to the text). */
  positionAt(offset: number): Position {
    return this.lsp.positionAt(offset)
  }

  /** The 0-based offset of an LSP position (clamped to the text). */
  offsetAt(position: Position): number {
    return this.lsp.offsetAt(position)
  }

  /** The LSP range of `[start, end)` offsets. */
  range(start: number, end: number): Range {
    return {start: this.positionAt(start), end: this.positionAt(Math.max(start, end))}
  }

  /** The offset of a unist point: its own offset when it has one, else its line and column. */
  offsetOf(point: Point): number {
    if (typeof point.offset === 'number') return Math.min(point.offset, this.text.length)
    this.unistLines ??= new LineIndex(this.text)
    return this.unistLines.offset(point.line, point.column)
  }

  /** The LSP range of a unist position (or of one point, as an empty range). */
  rangeOf(place: UnistPosition | Point): Range {
    if ('start' in place) return this.range(this.offsetOf(place.start), this.offsetOf(place.end))
    const offset = this.offsetOf(place)
    return this.range(offset, offset)
  }

  /** The range of a whole 1-based unist line, without its line ending. */
  lineRange(line: number): Range {
    const [start, end] = this.lineSpan(line)
    return this.range(start, end)
  }

  /** The text of a 1-based unist line, without its line ending. */
  lineText(line: number): string {
    const [start, end] = this.lineSpan(line)
    return this.text.slice(start, end)
  }

  private lineSpan(line: number): [number, number] {
    const start = this.offsetOf({line, column: 1})
    const match = /\r\n|\r|\n/.exec(this.text.slice(start))
    return [start, match ? start + match.index : this.text.length]
  }
}
