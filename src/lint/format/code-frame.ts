/**
 * A one-line code frame: the source line of a message and a `^~~~` marker
 * under its exact range, in terminal columns (tabs expanded, wide characters
 * counted twice, combining marks not at all), windowed when the line is long.
 */
import type {LineIndex} from '../../syntax/position.js'
import type {MessageRange} from './shared.js'

const tabWidth = 4
const wideCharacter =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]/u
const zeroWidthCharacter = /[\p{Mn}\p{Me}\u200B-\u200F\u2060\uFEFF]/u

/** Terminal width of one code point (tabs are handled by the caller). */
function characterWidth(character: string): number {
  if (zeroWidthCharacter.test(character)) return 0
  if (wideCharacter.test(character)) return 2
  return 1
}

/** Terminal width of a string without tabs or control characters. */
export function displayWidth(text: string): number {
  let width = 0
  for (const character of text) width += characterWidth(character)
  return width
}

/** One printable piece of the line: what to print and where it starts. */
interface Cell {
  text: string
  column: number
  width: number
}

/**
 * Lay a source line out in terminal columns. `columnAt[i]` is the column
 * where UTF-16 index `i` starts, so unist columns map straight onto it.
 */
function layOut(line: string): {cells: Cell[]; columnAt: number[]; width: number} {
  const cells: Cell[] = []
  const columnAt: number[] = []
  let column = 0
  let index = 0
  for (const character of line) {
    let text = character
    let width: number
    if (character === '\t') {
      width = tabWidth - (column % tabWidth)
      text = ' '.repeat(width)
    } else if (character < ' ' || character === '\u007F') {
      // Other control characters would move the cursor: show a placeholder.
      text = '\uFFFD'
      width = 1
    } else {
      width = characterWidth(character)
    }
    for (let unit = 0; unit < character.length; unit++) columnAt[index + unit] = column
    cells.push({text, column, width})
    column += width
    index += character.length
  }
  columnAt[index] = column
  return {cells, columnAt, width: column}
}

/**
 * The frame lines (without indentation) for `range` in `source`, or an empty
 * list when the line does not exist.
 *
 * ```
 * 12 | {linkto(../page#id)}
 *    | ^~~~~~~~~~~~~~~~~~~~
 * ```
 *
 * @param lines The line index of the whole file text (callers keep one per file).
 * @param range The message range (exclusive end); a range that spans lines is marked to the end of its first line.
 * @param maxWidth Widest source excerpt to print; longer lines are cut around the range with `…`.
 */
export function codeFrame(lines: LineIndex, range: MessageRange, maxWidth = 100): string[] {
  const line = lineOf(lines, range.line)
  if (line === undefined) return []
  const {cells, columnAt, width} = layOut(line)
  const startIndex = Math.min(Math.max(range.column - 1, 0), line.length)
  let endIndex = range.endLine === undefined || range.endColumn === undefined
    ? startIndex
    : range.endLine > range.line ? line.length : range.endColumn - 1
  endIndex = Math.min(Math.max(endIndex, startIndex), line.length)
  const markStart = columnAt[startIndex] ?? width
  const markEnd = columnAt[endIndex] ?? width

  // Window: keep the start of the range in view with a little context before it.
  let left = 0
  if (width > maxWidth) left = Math.max(0, Math.min(markStart - 10, width - maxWidth))
  const right = left + maxWidth
  let excerpt = ''
  for (const cell of cells) {
    if (cell.column >= left && cell.column + cell.width <= right) excerpt += cell.text
  }
  const cutLeft = left > 0
  const cutRight = width > right
  const shift = cutLeft ? 1 : 0
  excerpt = (cutLeft ? '…' : '') + excerpt.replace(/\s+$/, '') + (cutRight ? '…' : '')

  const markFrom = Math.max(markStart, left) - left + shift
  const markTo = Math.min(Math.max(markEnd, markStart + 1), right) - left + shift
  const marker = ' '.repeat(markFrom) + '^' + '~'.repeat(Math.max(0, markTo - markFrom - 1))

  const number = String(range.line)
  const gutter = ' '.repeat(number.length)
  return [`${number} | ${excerpt}`, `${gutter} | ${marker}`]
}

/** Line `line` (1-based) of the text without its line ending. */
function lineOf(lines: LineIndex, line: number): string | undefined {
  const start = lines.lineStarts[line - 1]
  if (line < 1 || start === undefined) return undefined
  const next = lines.lineStarts[line]
  const end = next === undefined ? lines.text.length : next - 1
  return lines.text.slice(start, end).replace(/\r$/, '')
}
