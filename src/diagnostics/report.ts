/**
 * Every diagnostic vkdoc produces is a `VFileMessage` made here, stamped with
 * its code (`ruleId`), severity, `source: 'vkdoc'`, documentation `url`,
 * exact place and file.
 */
import type {Position} from 'unist'
import {VFileMessage} from 'vfile-message'
import {codes, codeUrl, type Code, type Severity} from './codes.js'

/** Extra fields vkdoc puts on its messages (beyond vfile-message's own). */
export interface VkdocMessageFields {
  /** The build targets the problem shows in (absent: all, or not target-specific). */
  targets?: string[]
  /** For text that came through `{include}`: the chain, outermost first (`page.md:12`, `_frag.md:3`). */
  includeChain?: string[]
  /** A certain repair: replace `[start, end)` of the file with `text`. */
  fix?: {start: number; end: number; text: string}
}

export type VkdocMessage = VFileMessage & VkdocMessageFields & {severity: Severity}

export interface ReportOptions {
  file?: string
  severity?: Severity
  targets?: string[]
  includeChain?: string[]
  fix?: {start: number; end: number; text: string}
  /** A related location ("first defined here"). */
  cause?: VFileMessage
}

/** Make a message for `code` at `place`. */
export function report(code: Code, reason: string, place: Position | undefined, options: ReportOptions = {}): VkdocMessage {
  const message = new VFileMessage(reason, {place, ruleId: code, source: 'vkdoc', cause: options.cause}) as VkdocMessage
  const severity = options.severity ?? codes[code].severity
  message.severity = severity
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined
  message.url = codeUrl(code)
  if (options.file !== undefined) message.file = options.file
  if (options.targets) message.targets = options.targets
  if (options.includeChain) message.includeChain = options.includeChain
  if (options.fix) message.fix = options.fix
  return message
}

/** A copy of a message (same class and fields) that can be changed without changing the original: a cached parse's messages are shared. */
export function copyMessage<T extends VFileMessage>(message: T): T {
  return Object.assign(Object.create(Object.getPrototypeOf(message) as object) as T, message)
}

/** Code-point order of two strings: the same on every machine, whatever its locale (`localeCompare` is not). */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Sort messages by file, then position, then code: stable output for humans and tests. */
export function sortMessages<T extends VFileMessage>(messages: T[]): T[] {
  return messages.sort(
    (a, b) =>
      compareCodePoints(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareCodePoints(String(a.ruleId), String(b.ruleId)),
  )
}
