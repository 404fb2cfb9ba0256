/**
 * The GitHub Actions reporter: one workflow command per message, which the
 * runner turns into an annotation on the pull request:
 *
 * ```
 * ::error file=ru/x/x.md,line=3,col=1,endLine=3,endColumn=7,title=stray-close::A closing tag without a matching opener.
 * ```
 *
 * Severity maps to `error` / `warning` / `notice`. Build targets and the
 * include chain go on extra lines of the message. Columns are omitted for a
 * range that spans lines, since annotations only take columns on one line.
 */
import type {Severity} from '../../diagnostics/codes.js'
import type {VkdocMessage} from '../../diagnostics/report.js'
import {describeIncludeChain, describeTargets, displayPath, rangeOf, sortedCopy, type FormatOptions} from './shared.js'

const commandOf: Record<Severity, string> = {error: 'error', warning: 'warning', info: 'notice'}

/** Escape the message part of a workflow command (`%`, CR, LF). */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** Escape a property value of a workflow command (the data escapes plus `:` and `,`). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/**
 * Format messages as GitHub workflow commands, one per line.
 *
 * @param messages Messages in any order.
 * @param options `cwd` to make paths relative to the repository root; `color` and `sources` are ignored.
 * @returns The commands, ending with a newline; an empty string when there are no messages.
 */
export function formatGithub(messages: VkdocMessage[], options: FormatOptions = {}): string {
  const lines = sortedCopy(messages).map((message) => {
    const properties: [string, string | number][] = []
    const file = displayPath(message.file, options.cwd)
    if (file !== undefined) properties.push(['file', file])
    const range = rangeOf(message)
    if (range) {
      const oneLine = range.endLine === undefined || range.endLine === range.line
      properties.push(['line', range.line])
      if (oneLine) properties.push(['col', range.column])
      if (range.endLine !== undefined) properties.push(['endLine', range.endLine])
      if (oneLine && range.endColumn !== undefined) properties.push(['endColumn', range.endColumn])
    }
    if (message.ruleId) properties.push(['title', message.ruleId])
    const text = [message.reason, describeTargets(message), describeIncludeChain(message)].filter(Boolean).join('\n')
    const head = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',')
    return `::${commandOf[message.severity]}${head ? ' ' + head : ''}::${escapeData(text)}`
  })
  return lines.length === 0 ? '' : lines.join('\n') + '\n'
}
