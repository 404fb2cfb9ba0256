/**
 * Inline control: HTML comments that switch diagnostics off where an author
 * knows better, in the words ESLint users already type.
 *
 *   <!-- vkdoc-disable-next-line CODE [CODE…] -->   the line after the comment
 *   <!-- vkdoc-disable-line CODE -->                 the comment's own line(s)
 *   <!-- vkdoc-disable CODE -->  …  <!-- vkdoc-enable [CODE] -->   a range (to the end of the file when not enabled again)
 *
 * No CODE means every code. Codes are separated by spaces or commas; text
 * after ` -- ` is a reason for the reader. Comments are found in the file
 * that holds them (a fragment's comments apply to messages reported in the
 * fragment, whichever page included it) and only where Markdown sees a
 * comment: inside code they are text. A comment that suppresses nothing, or
 * names a code vkdoc does not have, is itself reportable
 * (`unused-disable-directive`).
 */
import type {Position} from 'unist'
import {codes} from '../diagnostics/codes.js'
import {report, type VkdocMessage} from '../diagnostics/report.js'
import {scanContexts} from '../lexer/contexts.js'
import {LineIndex} from '../syntax/position.js'

type Kind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable'

/** One control comment of a file. */
export interface ControlComment {
  kind: Kind
  /** The codes named (empty: every code). */
  codes: string[]
  /** The comment's range in the file. */
  position: Position
}

interface Point {
  line: number
  column: number
}

/** Where a disable comment applies: `[from, to)` by line and column, for `codes` (empty: all). */
interface Suppression {
  comment: ControlComment
  codes: string[]
  from: Point
  to: Point
  /** Codes (or `*`) that suppressed at least one message. */
  used: Set<string>
}

const controlPattern = /^<!--\s*vkdoc-(disable-next-line|disable-line|disable|enable)(?=[\s-]|$)([^]*?)-->$/

/** The control comments of `source`, in order (comments only: code spans and fences are literal). */
export function controlComments(source: string): ControlComment[] {
  if (!source.includes('vkdoc-')) return []
  const lines = new LineIndex(source)
  const found: ControlComment[] = []
  for (const range of scanContexts(source).ranges) {
    if (range.context !== 'comment') continue
    const match = controlPattern.exec(source.slice(range.start, range.end))
    if (!match) continue
    const body = match[2]!.split(/\s--\s/)[0]!
    found.push({
      kind: match[1] as Kind,
      codes: body.split(/[\s,]+/).filter(Boolean),
      position: lines.position(range.start, range.end),
    })
  }
  return found
}

function before(a: Point, b: Point): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column)
}

const endOfFile: Point = {line: Number.POSITIVE_INFINITY, column: 0}

/** The ranges the comments of one file switch off. */
function suppressionsOf(comments: readonly ControlComment[]): Suppression[] {
  const suppressions: Suppression[] = []
  const open: Suppression[] = []
  for (const comment of comments) {
    const {start, end} = comment.position
    if (comment.kind === 'disable-next-line') {
      suppressions.push({comment, codes: comment.codes, from: {line: end.line + 1, column: 1}, to: {line: end.line + 2, column: 1}, used: new Set()})
    } else if (comment.kind === 'disable-line') {
      suppressions.push({comment, codes: comment.codes, from: {line: start.line, column: 1}, to: {line: end.line + 1, column: 1}, used: new Set()})
    } else if (comment.kind === 'disable') {
      const range: Suppression = {comment, codes: comment.codes, from: end, to: endOfFile, used: new Set()}
      suppressions.push(range)
      open.push(range)
    } else {
      // `vkdoc-enable` closes every open range (no codes) or the named codes of them.
      for (const range of [...open]) {
        if (comment.codes.length === 0 || range.codes.length === 0) {
          range.to = start
          open.splice(open.indexOf(range), 1)
          continue
        }
        const closed = range.codes.filter((code) => comment.codes.includes(code))
        if (closed.length === 0) continue
        const rest = range.codes.filter((code) => !comment.codes.includes(code))
        range.to = start
        open.splice(open.indexOf(range), 1)
        if (rest.length > 0) {
          // The codes not enabled again stay off: the same comment goes on for them.
          const remaining: Suppression = {comment: range.comment, codes: rest, from: start, to: endOfFile, used: range.used}
          suppressions.push(remaining)
          open.push(remaining)
        }
      }
    }
  }
  return suppressions
}

function startOf(message: VkdocMessage): Point | undefined {
  if (message.line === undefined) return undefined
  return {line: message.line, column: message.column ?? 1}
}

export interface InlineControlOptions {
  /** The text of a file that messages name (`undefined`: not readable; its messages stay). */
  read: (file: string) => string | undefined
  /** Report disable comments that suppressed nothing (names of unknown codes are always reported). */
  reportUnused?: boolean
  /** Files whose every message is in `messages` (unused comments can be told only there; default: all). */
  complete?: (file: string) => boolean
  /** Files linted besides those the messages name (a clean file can hold an unused comment). */
  files?: Iterable<string>
}

/**
 * Drop the messages that control comments switch off, and add
 * `unused-disable-directive` for comments that name an unknown code or (with
 * `reportUnused`) suppress nothing.
 */
export function applyInlineControl(messages: readonly VkdocMessage[], options: InlineControlOptions): VkdocMessage[] {
  const files = new Set<string>()
  for (const message of messages) if (message.file) files.add(message.file)
  for (const file of options.files ?? []) files.add(file)
  const byFile = new Map<string, Suppression[]>()
  const commentsByFile = new Map<string, ControlComment[]>()
  for (const file of files) {
    const source = options.read(file)
    if (source === undefined) continue
    const comments = controlComments(source)
    if (comments.length === 0) continue
    commentsByFile.set(file, comments)
    byFile.set(file, suppressionsOf(comments))
  }
  const kept: VkdocMessage[] = []
  for (const message of messages) {
    const suppressions = message.file ? byFile.get(message.file) : undefined
    const start = startOf(message)
    const code = String(message.ruleId)
    const hit =
      suppressions && start
        ? suppressions.find((range) => !before(start, range.from) && before(start, range.to) && (range.codes.length === 0 || range.codes.includes(code)))
        : undefined
    if (!hit) {
      kept.push(message)
      continue
    }
    hit.used.add(hit.codes.length === 0 ? '*' : code)
  }
  for (const [file, suppressions] of byFile) {
    kept.push(...unusedReports(file, commentsByFile.get(file)!, suppressions, options))
  }
  return kept
}

function unusedReports(file: string, comments: readonly ControlComment[], suppressions: readonly Suppression[], options: InlineControlOptions): VkdocMessage[] {
  const reports: VkdocMessage[] = []
  const complete = options.complete?.(file) ?? true
  for (const comment of comments) {
    const written = `vkdoc-${comment.kind}`
    for (const code of comment.codes) {
      if (code in codes) continue
      reports.push(report('unused-disable-directive', `Unexpected \`${code}\` in \`${written}\`, expected a vkdoc code (see docs/rules)`, comment.position, {file}))
    }
    if (comment.kind === 'enable' || !options.reportUnused || !complete) continue
    const mine = suppressions.filter((range) => range.comment === comment)
    const used = new Set(mine.flatMap((range) => [...range.used]))
    if (comment.codes.length === 0) {
      if (used.size === 0) reports.push(report('unused-disable-directive', `Unexpected \`${written}\` that suppresses nothing`, comment.position, {file}))
      continue
    }
    for (const code of comment.codes) {
      if (code in codes && !used.has(code)) {
        reports.push(report('unused-disable-directive', `Unexpected \`${written} ${code}\`: no \`${code}\` is reported here`, comment.position, {file}))
      }
    }
  }
  return reports
}
