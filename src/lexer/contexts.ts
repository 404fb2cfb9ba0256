/**
 * Where code and comments are: one linear pre-scan of the source that finds
 * the ranges of fenced code, inline code spans and HTML comments, so every
 * directive token can be given its `TokenContext` by binary search.
 *
 * The rules, chosen to follow CommonMark closely enough for this corpus
 * without a full block parser:
 *
 * - **Fenced code**: a line whose first non-blank characters are three or
 *   more backticks (no backtick in the info string) or tildes, at any
 *   indentation (fences sit inside list items). It ends at a closing line of
 *   the same character, at least as long, with nothing else on it; or, as
 *   CommonMark ends it with its list item, right before a non-blank line
 *   indented less than that item's content column; or at the end of the
 *   file. The content column comes from a small stack of list-item markers
 *   seen so far (`1. ` at indent 3 → column 6); this, not the opener's own
 *   indentation, is the bound, because openers are sometimes indented one
 *   space more than their closers (`       ```yaml` … `      ````).
 * - **Inline code**: a run of N backticks up to the next run of exactly N
 *   backticks within the same paragraph (a blank line or a fence line ends
 *   the paragraph); an unmatched run is literal.
 * - **HTML comments**: `<!--` up to the first `-->` (`<!-->` and `<!--->`
 *   are complete, empty comments). `--!>` does not close a comment in
 *   Markdown. A comment that starts a line may span blank lines (an HTML
 *   block); one inside a paragraph must close in it. A comment that never
 *   closes is not a comment at all: it is reported and stays text.
 *
 * Known simplifications: indented (4-space) code blocks are not detected
 * (no directive-looking text of the corpus depends on them), and a fence
 * line inside a multi-line comment is taken as part of the comment.
 */
import type {TokenContext} from '../ast.js'

/** A range of source in a non-text context; `end` is exclusive. */
export interface ContextRange {
  start: number
  end: number
  context: Exclude<TokenContext, 'text'>
}

/** An `<!--` that never becomes a comment. */
export interface UnclosedComment {
  /** Offset of `<!--`. */
  start: number
  /** Offset after `<!--`. */
  end: number
  /** Whether a `-->` exists later but past the end of the paragraph. */
  closesTooLate: boolean
  /** Whether the line goes on with `--!>`, which HTML accepts but Markdown does not. */
  bangCloser: boolean
}

/** The result of `scanContexts`. */
export interface ContextScan {
  /** Sorted, disjoint ranges of fenced code, inline code and comments. */
  ranges: ContextRange[]
  unclosedComments: UnclosedComment[]
}

interface Fence {
  marker: number
  length: number
  /** Content column of the list item holding the fence (0 at top level). */
  container: number
  start: number
}

/** A list item marker and the spaces after it: `- `, `1. `. */
const listMarker = /[-*+]( {1,4})(?=\S)|\d{1,9}[.)]( {1,4})(?=\S)/y

/** How far along its line an unclosed `<!--` is checked for `--!>` (keeps the scan linear). */
const maxCommentLookahead = 256

const backtick = 96
const tilde = 126
const dash = 45
const asterisk = 42
const plus = 43
const digitZero = 48
const digitNine = 57
const space = 32
const tab = 9
const newline = 10
const carriageReturn = 13

/**
 * Scan `text` once for code and comment ranges.
 *
 * @param text The whole file.
 * @returns Sorted, disjoint non-text ranges and the `<!--` that never close.
 */
export function scanContexts(text: string): ContextScan {
  const length = text.length
  const ranges: ContextRange[] = []
  const unclosedComments: UnclosedComment[] = []

  // Monotonic "next occurrence at or after" caches: scanning only moves
  // forward, so each cached answer stays valid until passed (linear time).
  let nextBacktick = -2
  let nextCommentOpen = -2
  let nextCommentClose = -2
  let commentCloseFrom = -1
  const findBacktick = (from: number): number => {
    if (nextBacktick !== -1 && nextBacktick < from) nextBacktick = text.indexOf('`', from)
    return nextBacktick
  }
  const findCommentOpen = (from: number): number => {
    if (nextCommentOpen !== -1 && nextCommentOpen < from) nextCommentOpen = text.indexOf('<!--', from)
    return nextCommentOpen
  }
  const findCommentClose = (from: number): number => {
    if (nextCommentClose === -1 && commentCloseFrom <= from) return -1
    if (nextCommentClose < from) {
      nextCommentClose = text.indexOf('-->', from)
      commentCloseFrom = from
    }
    return nextCommentClose
  }

  // The end of the paragraph holding `offset`: the start of the next blank or
  // fence line. Memoised over `[paragraphFrom, paragraphEnd)`.
  let paragraphFrom = -1
  let paragraphEnd = -1
  const endOfParagraph = (offset: number): number => {
    if (offset >= paragraphFrom && offset < paragraphEnd) return paragraphEnd
    let lineStart = text.indexOf('\n', offset)
    let end = length
    while (lineStart !== -1) {
      lineStart++
      const lineEnd = endOfLine(text, lineStart)
      if (isBlank(text, lineStart, lineEnd) || fenceOpener(text, indentation(text, lineStart, lineEnd).first, lineEnd) !== undefined) {
        end = lineStart
        break
      }
      lineStart = lineEnd < length ? lineEnd : -1
    }
    paragraphFrom = offset
    paragraphEnd = end
    return end
  }

  // Per backtick-run length: no closing run of that length before this offset.
  const noCloserBefore = new Map<number, number>()

  let fence: Fence | undefined
  /** Content columns of the open list items, innermost last. */
  const listItems: number[] = []
  let position = 0
  let lineStart = 0
  let lineEnd = endOfLine(text, 0)

  while (position < length) {
    if (position > lineEnd) {
      lineStart = text.lastIndexOf('\n', position - 1) + 1
      lineEnd = endOfLine(text, lineStart)
    }

    if (position === lineStart) {
      const indent = indentation(text, lineStart, lineEnd)
      const end = contentEnd(text, lineStart, lineEnd)
      const blank = indent.first >= end
      if (fence) {
        if (!blank && isClosingFence(text, indent.first, lineEnd, fence)) {
          ranges.push({start: fence.start, end, context: 'fenced-code'})
          fence = undefined
          position = lineEnd + 1
          continue
        }
        if (blank || indent.width >= fence.container) {
          position = lineEnd + 1
          continue
        }
        // A less indented line: CommonMark ends the list item, and the fence with it.
        ranges.push({start: fence.start, end: lineStart, context: 'fenced-code'})
        fence = undefined
      }
      if (!blank) {
        while (listItems.length > 0 && listItems[listItems.length - 1]! > indent.width) listItems.pop()
        const first = text.charCodeAt(indent.first)
        if (first === backtick || first === tilde) {
          const opener = fenceOpener(text, indent.first, lineEnd)
          if (opener) {
            opener.container = listItems[listItems.length - 1] ?? 0
            fence = opener
            position = lineEnd + 1
            continue
          }
        } else if (first === dash || first === asterisk || first === plus || (first >= digitZero && first <= digitNine)) {
          listMarker.lastIndex = indent.first
          const marker = listMarker.exec(text)
          if (marker) listItems.push(indent.width + marker[0].length)
        }
      }
    }

    const tick = findBacktick(position)
    const open = findCommentOpen(position)
    const first = tick === -1 ? open : open === -1 ? tick : Math.min(tick, open)
    if (first === -1 || first >= lineEnd) {
      position = lineEnd + 1
      continue
    }

    if (first === open) {
      const startsLine = indentation(text, lineStart, lineEnd).first === open
      const close = commentEnd(open)
      const limit = startsLine ? length : endOfParagraph(open)
      if (close !== -1 && close <= limit) {
        ranges.push({start: open, end: close, context: 'comment'})
        position = close
      } else {
        const rest = text.slice(open + 4, Math.min(lineEnd, open + 4 + maxCommentLookahead))
        unclosedComments.push({start: open, end: open + 4, closesTooLate: close !== -1, bangCloser: rest.includes('--!>')})
        position = open + 4
      }
      continue
    }

    // A code span: find the next run of exactly the same length.
    let runEnd = tick
    while (runEnd < length && text.charCodeAt(runEnd) === backtick) runEnd++
    const runLength = runEnd - tick
    const limit = endOfParagraph(tick)
    let closer = -1
    if ((noCloserBefore.get(runLength) ?? -1) <= tick) {
      let search = runEnd
      while (search < limit) {
        const candidate = text.indexOf('`', search)
        if (candidate === -1 || candidate >= limit) break
        let candidateEnd = candidate
        while (candidateEnd < length && text.charCodeAt(candidateEnd) === backtick) candidateEnd++
        if (candidateEnd - candidate === runLength) {
          closer = candidateEnd
          break
        }
        search = candidateEnd
      }
      if (closer === -1) noCloserBefore.set(runLength, limit)
    }
    if (closer === -1) {
      position = runEnd
    } else {
      ranges.push({start: tick, end: closer, context: 'inline-code'})
      position = closer
    }
  }

  if (fence) ranges.push({start: fence.start, end: length, context: 'fenced-code'})
  return {ranges, unclosedComments}

  /** End (exclusive) of the comment opened at `open`, or -1. */
  function commentEnd(open: number): number {
    if (text.startsWith('<!-->', open)) return open + 5
    if (text.startsWith('<!--->', open)) return open + 6
    const close = findCommentClose(open + 4)
    return close === -1 ? -1 : close + 3
  }
}

/**
 * The context of the token starting at `offset` (binary search).
 *
 * @param scan The result of `scanContexts` for the same text.
 * @param offset A 0-based offset.
 * @returns `text` unless a code or comment range holds `offset`.
 */
export function contextAt(scan: ContextScan, offset: number): TokenContext {
  const ranges = scan.ranges
  let low = 0
  let high = ranges.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const range = ranges[middle]!
    if (offset < range.start) high = middle - 1
    else if (offset >= range.end) low = middle + 1
    else return range.context
  }
  return 'text'
}

function endOfLine(text: string, lineStart: number): number {
  const end = text.indexOf('\n', lineStart)
  return end === -1 ? text.length : end
}

/** End of the line's content, without a trailing `\r`. */
function contentEnd(text: string, lineStart: number, lineEnd: number): number {
  return lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === carriageReturn ? lineEnd - 1 : lineEnd
}

/** Width of the leading whitespace (tabs to the next multiple of 4) and the first other offset. */
function indentation(text: string, lineStart: number, lineEnd: number): {width: number; first: number} {
  let width = 0
  let index = lineStart
  while (index < lineEnd) {
    const code = text.charCodeAt(index)
    if (code === space) width++
    else if (code === tab) width += 4 - (width % 4)
    else break
    index++
  }
  return {width, first: index}
}

function isBlank(text: string, lineStart: number, lineEnd: number): boolean {
  return indentation(text, lineStart, lineEnd).first >= contentEnd(text, lineStart, lineEnd)
}

/** A fence opener whose marker starts at `first` (after the indentation), or undefined. */
function fenceOpener(text: string, first: number, lineEnd: number): Fence | undefined {
  const marker = text.charCodeAt(first)
  if (marker !== backtick && marker !== tilde) return undefined
  let end = first
  while (end < lineEnd && text.charCodeAt(end) === marker) end++
  if (end - first < 3) return undefined
  if (marker === backtick && text.slice(end, lineEnd).includes('`')) return undefined
  return {marker, length: end - first, container: 0, start: first}
}

function isClosingFence(text: string, first: number, lineEnd: number, fence: Fence): boolean {
  let end = first
  while (end < lineEnd && text.charCodeAt(end) === fence.marker) end++
  if (end - first < fence.length) return false
  while (end < lineEnd) {
    const code = text.charCodeAt(end)
    if (code !== space && code !== tab && code !== carriageReturn && code !== newline) return false
    end++
  }
  return true
}
