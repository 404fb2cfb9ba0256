/**
 * Offsets ↔ unist points. Every position in vkdoc is made here, from 0-based
 * string offsets (UTF-16 code units) with an exclusive end; Chevrotain's
 * inclusive `endOffset` is converted by `fromInclusive` and nowhere else.
 */
import type {Point, Position} from 'unist'
import {lastAtOrBefore} from './sorted.js'

/** Line-start table of one text, for offset → line/column in O(log n). */
export class LineIndex {
  readonly text: string
  /** Offsets at which each line starts (line 1 starts at 0). */
  readonly lineStarts: number[]

  constructor(text: string) {
    this.text = text
    const starts = [0]
    // CommonMark's line endings: LF, CR LF and a lone CR (micromark counts lines the same way).
    if (text.includes('\r')) {
      for (let index = 0; index < text.length; index++) {
        const code = text.charCodeAt(index)
        if (code === 10) starts.push(index + 1)
        else if (code === 13) {
          if (text.charCodeAt(index + 1) === 10) index++
          starts.push(index + 1)
        }
      }
    } else {
      for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1)
    }
    this.lineStarts = starts
  }

  /** The line (0-based) of the last `point`: callers mostly ask in text order, so the next answer is usually it or the one after. */
  private lastLine = 0

  /** The unist point (1-based line and column, 0-based offset) at `offset`. */
  point(offset: number): Point {
    const starts = this.lineStarts
    let line = this.lastLine
    if (offset < starts[line]! || (line + 1 < starts.length && offset >= starts[line + 1]!)) {
      line = line + 2 < starts.length && offset >= starts[line + 1]! && offset < starts[line + 2]! ? line + 1 : lastAtOrBefore(starts, offset)
      this.lastLine = line
    }
    return {line: line + 1, column: offset - starts[line]! + 1, offset}
  }

  /** The position covering `[start, end)`. */
  position(start: number, end: number): Position {
    return {start: this.point(start), end: this.point(end)}
  }

  /** The offset of a 1-based line/column (clamped to the text). */
  offset(line: number, column: number): number {
    const start = this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))]!
    return Math.min(this.text.length, start + column - 1)
  }
}

/** Chevrotain tokens end inclusively; unist ends exclusively. The one conversion. */
export function fromInclusive(startOffset: number, endOffsetInclusive: number): [number, number] {
  return [startOffset, endOffsetInclusive + 1]
}
