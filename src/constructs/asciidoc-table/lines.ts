/**
 * Lines of the scanned text, named by the offset where they start, and the
 * problems found so far: what the table readers stand on.
 */
import type {AsciidocTableProblem, AsciidocTableProblemCode} from './types.js'

export abstract class TextLines {
  protected readonly text: string
  protected readonly isCode: ((offset: number) => boolean) | undefined
  protected readonly problems: AsciidocTableProblem[] = []
  private cachedLine = -1
  private cachedNewline = -1

  constructor(text: string, isCode: ((offset: number) => boolean) | undefined) {
    this.text = text
    this.isCode = isCode
  }

  protected codeAt(line: number): boolean {
    return this.isCode !== undefined && this.isCode(line)
  }

  /** Start of the line holding `offset`. */
  protected lineStartOf(offset: number): number {
    return offset === 0 ? 0 : this.text.lastIndexOf('\n', offset - 1) + 1
  }

  /**
   * Offset of the newline ending `line` (the text's length for the last line). The helpers below ask
   * for the same line several times in a row, so the last answer is kept.
   */
  protected newlineAfter(line: number): number {
    if (line !== this.cachedLine) {
      const newline = this.text.indexOf('\n', line)
      this.cachedLine = line
      this.cachedNewline = newline === -1 ? this.text.length : newline
    }
    return this.cachedNewline
  }

  /** Start of the next line, or -1 after the last one. */
  protected nextLine(line: number): number {
    const newline = this.newlineAfter(line)
    return newline + 1 >= this.text.length ? -1 : newline + 1
  }

  /** Just after the line's newline (the end of the text for the last line). */
  protected afterLine(line: number): number {
    return Math.min(this.text.length, this.newlineAfter(line) + 1)
  }

  /** End of the line's content, before `\r\n` or `\n`. */
  protected lineEnd(line: number): number {
    const end = this.newlineAfter(line)
    return end > line && this.text.charCodeAt(end - 1) === 13 ? end - 1 : end
  }

  protected indentEnd(line: number): number {
    return skipSpaces(this.text, line, this.lineEnd(line))
  }

  protected indentColumns(line: number): number {
    let columns = 0
    for (let position = line; position < this.text.length; position++) {
      const code = this.text.charCodeAt(position)
      if (code === 32) columns++
      else if (code === 9) columns += 4 - (columns % 4)
      else break
    }
    return columns
  }

  protected nextNonBlank(line: number): number {
    for (let current = line; current !== -1; current = this.nextLine(current)) {
      if (this.indentEnd(current) !== this.lineEnd(current)) return current
    }
    return -1
  }

  /** The closest non-blank line above `line` that starts at or after `floor`, or -1. */
  protected previousNonBlank(line: number, floor: number): number {
    let current = line
    while (current > floor) {
      current = this.lineStartOf(current - 1)
      if (current < floor) return -1
      if (this.indentEnd(current) !== this.lineEnd(current)) return current
    }
    return -1
  }

  /** The line before `line`, or -1 when `line` is `first`. */
  protected previousLineOrNone(line: number, first: number): number {
    return line === first ? -1 : this.lineStartOf(line - 1)
  }

  protected problem(offset: number, end: number, code: AsciidocTableProblemCode, reason: string): void {
    this.problems.push({offset, end: Math.max(offset, end), code, reason})
  }
}

export function skipSpaces(text: string, position: number, end: number): number {
  while (position < end && isSpaceOrTab(text.charCodeAt(position))) position++
  return position
}

export function skipWhitespace(text: string, position: number, end: number): number {
  while (position < end && isWhitespace(text.charCodeAt(position))) position++
  return position
}

export function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--
  return end
}

export function isSpaceOrTab(code: number): boolean {
  return code === 32 || code === 9
}

export function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13
}
