/**
 * What every reporter needs from a message: its range, its path relative to
 * the working directory, and a stable order. Kept free of Node built-ins so
 * the reporters also run in browsers and editors.
 */
import {sortMessages, type VkdocMessage} from '../../diagnostics/report.js'

/** Options every formatter accepts. */
export interface FormatOptions {
  /** Directory paths are shown relative to (absolute `file`s under it lose the prefix). */
  cwd?: string
  /** Use ANSI colours (default: `false`; only the stylish reporter draws any). */
  color?: boolean
  /** The text of a file, keyed by the message's `file` as given; enables code frames. */
  sources?: (file: string) => string | undefined
}

/** A reporter: messages in, the whole report out (ends with a newline when not empty). */
export type Formatter = (messages: VkdocMessage[], options?: FormatOptions) => string

/** 1-based lines and columns; `endLine`/`endColumn` are exclusive like unist's end point. */
export interface MessageRange {
  line: number
  column: number
  endLine: number | undefined
  endColumn: number | undefined
}

/** The range of a message from its `place` (a position or a point), else from `line`/`column`. */
export function rangeOf(message: VkdocMessage): MessageRange | undefined {
  const place = message.place
  if (place && 'start' in place) {
    return {line: place.start.line, column: place.start.column, endLine: place.end.line, endColumn: place.end.column}
  }
  if (place && 'line' in place) {
    return {line: place.line, column: place.column, endLine: undefined, endColumn: undefined}
  }
  if (message.line !== undefined) {
    return {line: message.line, column: message.column ?? 1, endLine: undefined, endColumn: undefined}
  }
  return undefined
}

/** A copy of `messages` in file, line, column, code order (the input is left alone). */
export function sortedCopy(messages: readonly VkdocMessage[]): VkdocMessage[] {
  return sortMessages([...messages])
}

/** Backslashes to slashes, so Windows paths print like POSIX ones. */
function toSlashes(path: string): string {
  return path.replace(/\\/g, '/')
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:\//.test(path)
}

/**
 * `file` relative to `cwd` when both are absolute (`../x.md` when it lies
 * outside), else `file` with slashes. An empty file name (vfile's "no file")
 * gives `undefined`.
 */
export function displayPath(file: string | undefined, cwd: string | undefined): string | undefined {
  if (!file) return undefined
  const target = toSlashes(file)
  if (cwd === undefined || !isAbsolute(target)) return target
  const from = toSlashes(cwd).split('/').filter(Boolean)
  const to = target.split('/').filter(Boolean)
  // Different Windows drives: no relative path exists.
  if (from[0] !== to[0] && /:$/.test(from[0] ?? '') && /:$/.test(to[0] ?? '')) return target
  let common = 0
  while (common < from.length && common < to.length && from[common] === to[common]) common++
  const up = from.slice(common).map(() => '..')
  return [...up, ...to.slice(common)].join('/') || '.'
}

/** Counts per severity, for summaries. */
export function countSeverities(messages: readonly VkdocMessage[]): {error: number; warning: number; info: number} {
  const counts = {error: 0, warning: 0, info: 0}
  for (const message of messages) counts[message.severity ?? 'warning']++
  return counts
}

/** `only in a, b` for messages limited to some build targets, else `undefined`. */
export function describeTargets(message: VkdocMessage): string | undefined {
  return message.targets && message.targets.length > 0 ? `only in ${message.targets.join(', ')}` : undefined
}

/** `via a.md:12 → _b.md:3` for text that came through includes, else `undefined`. */
export function describeIncludeChain(message: VkdocMessage): string | undefined {
  return message.includeChain && message.includeChain.length > 0
    ? `via ${message.includeChain.join(' → ')}`
    : undefined
}
