/**
 * The machine reporter: a JSON array, one record per message, sorted by
 * file, line, column and code. Every record has every key, in this order,
 * with `null` for what a message does not have:
 *
 * | key | type | meaning |
 * |---|---|---|
 * | `file` | string \| null | path relative to `cwd` (POSIX slashes) |
 * | `line`, `column` | number \| null | 1-based start |
 * | `endLine`, `endColumn` | number \| null | 1-based end, exclusive (the point after the range) |
 * | `code` | string \| null | the diagnostic code (`ruleId`) |
 * | `severity` | `'error' \| 'warning' \| 'info'` | |
 * | `message` | string | the reason |
 * | `url` | string \| null | the rule documentation |
 * | `targets` | string[] \| null | build targets the problem shows in (`null`: all) |
 * | `includeChain` | string[] \| null | `file:line` of each include, outermost first |
 * | `fix` | `{start, end, text}` \| null | replace UTF-16 offsets `[start, end)` of `file` with `text` |
 *
 * The key order is part of the format: add keys at the end only.
 */
import type {Severity} from '../../diagnostics/codes.js'
import type {VkdocMessage} from '../../diagnostics/report.js'
import {displayPath, rangeOf, sortedCopy, type FormatOptions} from './shared.js'

/** One record of the JSON report (see the module comment for the meaning of each key). */
export interface JsonRecord {
  file: string | null
  line: number | null
  column: number | null
  endLine: number | null
  endColumn: number | null
  code: string | null
  severity: Severity
  message: string
  url: string | null
  targets: string[] | null
  includeChain: string[] | null
  fix: {start: number; end: number; text: string} | null
}

/** The records of the JSON report, for callers that want objects rather than text. */
export function toJsonRecords(messages: VkdocMessage[], options: FormatOptions = {}): JsonRecord[] {
  return sortedCopy(messages).map((message) => {
    const range = rangeOf(message)
    return {
      file: displayPath(message.file, options.cwd) ?? null,
      line: range?.line ?? null,
      column: range?.column ?? null,
      endLine: range?.endLine ?? null,
      endColumn: range?.endColumn ?? null,
      code: message.ruleId ?? null,
      severity: message.severity,
      message: message.reason,
      url: message.url ?? null,
      targets: message.targets ? [...message.targets] : null,
      includeChain: message.includeChain ? [...message.includeChain] : null,
      fix: message.fix ? {start: message.fix.start, end: message.fix.end, text: message.fix.text} : null,
    }
  })
}

/**
 * Format messages as a JSON array (two-space indented, ending with a newline).
 *
 * @param messages Messages in any order.
 * @param options `cwd` for relative paths; `color` and `sources` are ignored.
 */
export function formatJson(messages: VkdocMessage[], options: FormatOptions = {}): string {
  return JSON.stringify(toJsonRecords(messages, options), null, 2) + '\n'
}
