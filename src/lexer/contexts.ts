/**
 * Where code and comments are, for the lexer's token contexts: the shared
 * text scan (`src/syntax/scan.ts`, CommonMark's own rules) read as sorted
 * ranges, so every directive token gets its `TokenContext` by binary search.
 *
 * A line holding only a block directive (`{cut(…)}`, `{/note}`, `{tabs}`, …)
 * is scanned as the one-line block the lowering makes of it, so the
 * contexts describe the text CommonMark will see. An `<!--` that never
 * becomes a comment is reported and stays text (its directives still act).
 */
import type {TokenContext} from '../ast.js'
import {scanOf, type TextScan} from '../syntax/scan.js'
import {rangeAt} from '../syntax/sorted.js'

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
  /** Sorted, disjoint ranges of code blocks, inline code and comments. */
  ranges: ContextRange[]
  unclosedComments: UnclosedComment[]
  /** The whole scan, HTML blocks included. */
  scan: TextScan
}

/** How far along its line an unclosed `<!--` is checked for `--!>`. */
const maxCommentLookahead = 256

/** A block directive alone on its line (from its first non-blank character): the lowering makes it a one-line block. */
const blockDirectiveLine = /^\{(?:\/(?:cut|note|tabs|tab|caption)|(?:cut|tab|caption)\(.*\)(?:\[.*\])?|note(?::[^}\n\r]*)?|tabs|video\(.*\)|include\(.*\)(?:\[.*\])?)\}[ \t]*$/

/** Whether `[contentStart, lineEnd)` is a block directive line (see `ScanOptions.blockLine`). */
export function isBlockDirectiveLine(text: string, contentStart: number, lineEnd: number): boolean {
  return text.charCodeAt(contentStart) === 123 /* { */ && blockDirectiveLine.test(text.slice(contentStart, lineEnd))
}

const cache = new WeakMap<TextScan, ContextScan>()

/**
 * The code and comment ranges of `text` (one shared scan per text).
 *
 * @param text The whole file or expanded text.
 * @returns Sorted, disjoint non-text ranges and the `<!--` that never close.
 */
export function scanContexts(text: string): ContextScan {
  const scan = scanOf(text, {blockLine: isBlockDirectiveLine})
  let contexts = cache.get(scan)
  if (contexts) return contexts
  // A `-->` exists later exactly when the last one lies after the opener (one search, not one per opener).
  const lastClose = scan.unclosedComments.length > 0 ? text.lastIndexOf('-->') : -1
  const unclosedComments = scan.unclosedComments.map(({start, inline}): UnclosedComment => {
    const lineEnd = text.slice(start, start + 4 + maxCommentLookahead).search(/[\n\r]/)
    const rest = text.slice(start + 4, lineEnd === -1 ? start + 4 + maxCommentLookahead : start + lineEnd)
    return {start, end: start + 4, closesTooLate: inline && lastClose >= start + 4, bangCloser: rest.includes('--!>')}
  })
  contexts = {ranges: scan.ranges as ContextRange[], unclosedComments, scan}
  cache.set(scan, contexts)
  return contexts
}

/**
 * The context of the token starting at `offset` (binary search).
 *
 * @param scan The result of `scanContexts` for the same text.
 * @param offset A 0-based offset.
 * @returns `text` unless a code or comment range holds `offset`.
 */
export function contextAt(scan: ContextScan, offset: number): TokenContext {
  return rangeAt(scan.ranges, offset)?.context ?? 'text'
}
