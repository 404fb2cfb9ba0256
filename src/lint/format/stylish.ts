/**
 * The human reporter: messages grouped by file, one aligned row per problem
 * (`line:col  severity  message  code`), a dimmed line for build targets and
 * the include chain, a code frame when the source is at hand, and a summary.
 *
 * ```
 * ru/x/x.md
 *    3:1   error    A closing tag without a matching opener.  stray-close
 *                   3 | {/cut}
 *                     | ^~~~~~
 *
 * ✖ 1 problem (1 error, 0 warnings)
 * ```
 */
import pc from 'picocolors'
import type {Severity} from '../../diagnostics/codes.js'
import type {VkdocMessage} from '../../diagnostics/report.js'
import {LineIndex} from '../../syntax/position.js'
import {codeFrame, displayWidth} from './code-frame.js'
import {
  countSeverities,
  describeIncludeChain,
  describeTargets,
  displayPath,
  rangeOf,
  sortedCopy,
  type FormatOptions,
  type MessageRange,
} from './shared.js'

type Colors = ReturnType<typeof pc.createColors>

/** Header shown for messages that name no file. */
const noFileHeader = '(no file)'

interface Row {
  message: VkdocMessage
  range: MessageRange | undefined
  lineText: string
  columnText: string
  reasonLines: string[]
}

/**
 * Format messages for a terminal.
 *
 * @param messages Messages in any order (they are sorted on a copy).
 * @param options `cwd` for relative paths, `color` for ANSI colours (default: `false`), `sources` for code frames.
 * @returns The report, ending with a newline; an empty string when there are no messages.
 */
export function formatStylish(messages: VkdocMessage[], options: FormatOptions = {}): string {
  if (messages.length === 0) return ''
  const colors = pc.createColors(options.color ?? false)
  const groups = new Map<string, VkdocMessage[]>()
  for (const message of sortedCopy(messages)) {
    const key = message.file ?? ''
    let group = groups.get(key)
    if (!group) groups.set(key, (group = []))
    group.push(message)
  }

  const lineIndexes = new Map<string, LineIndex | undefined>()
  const linesOf = (file: string): LineIndex | undefined => {
    if (!options.sources || !file) return undefined
    if (!lineIndexes.has(file)) {
      const text = options.sources(file)
      lineIndexes.set(file, text === undefined ? undefined : new LineIndex(text))
    }
    return lineIndexes.get(file)
  }

  const out: string[] = []
  for (const [file, group] of groups) {
    out.push(colors.underline(colors.bold(displayPath(file, options.cwd) ?? noFileHeader)))
    out.push(...formatGroup(group, linesOf(file), colors))
    out.push('')
  }
  out.push(summary(messages, colors))
  return out.join('\n') + '\n'
}

/** The aligned rows of one file, each followed by its detail lines. */
function formatGroup(group: VkdocMessage[], lines: LineIndex | undefined, colors: Colors): string[] {
  const rows: Row[] = group.map((message) => {
    const range = rangeOf(message)
    return {
      message,
      range,
      lineText: range ? String(range.line) : '',
      columnText: range ? String(range.column) : '',
      reasonLines: message.reason.split(/\r?\n/),
    }
  })
  const lineWidth = Math.max(...rows.map((row) => row.lineText.length))
  const columnWidth = Math.max(...rows.map((row) => row.columnText.length))
  const severityWidth = Math.max(...rows.map((row) => row.message.severity.length))
  const reasonWidth = Math.max(...rows.map((row) => displayWidth(row.reasonLines[0] ?? '')))
  const positionWidth = lineWidth + 1 + columnWidth
  const detailIndent = ' '.repeat(2 + positionWidth + 2 + severityWidth + 2)

  const out: string[] = []
  for (const row of rows) {
    const position = row.range
      ? row.lineText.padStart(lineWidth) + ':' + row.columnText.padEnd(columnWidth)
      : ' '.repeat(positionWidth)
    const [firstReason = '', ...moreReasons] = row.reasonLines
    const code = row.message.ruleId ?? ''
    const padding = code ? ' '.repeat(reasonWidth - displayWidth(firstReason) + 2) : ''
    const severity = row.message.severity
    out.push(
      (
        '  ' +
        colors.dim(position) +
        '  ' +
        paintSeverity(severity, severity.padEnd(severityWidth), colors) +
        '  ' +
        firstReason +
        padding +
        colors.dim(code)
      ).trimEnd(),
    )
    for (const reason of moreReasons) out.push((detailIndent + reason).trimEnd())
    const context = [describeTargets(row.message), describeIncludeChain(row.message)].filter(Boolean).join('; ')
    if (context) out.push(detailIndent + colors.dim(context))
    if (lines && row.range) {
      const [source, marker] = codeFrame(lines, row.range)
      if (source !== undefined && marker !== undefined) {
        const bar = marker.indexOf('|')
        out.push(detailIndent + colors.dim(source.slice(0, bar + 1)) + source.slice(bar + 1))
        out.push(detailIndent + colors.dim(marker.slice(0, bar + 1)) + paintSeverity(severity, marker.slice(bar + 1), colors))
      }
    }
  }
  return out
}

function paintSeverity(severity: Severity, text: string, colors: Colors): string {
  return severity === 'error' ? colors.red(text) : severity === 'warning' ? colors.yellow(text) : colors.blue(text)
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

/** `✖ 3 problems (2 errors, 1 warning)`, with infos only when there are some. */
function summary(messages: VkdocMessage[], colors: Colors): string {
  const counts = countSeverities(messages)
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning')]
  if (counts.info > 0) parts.push(plural(counts.info, 'info'))
  const text = `✖ ${plural(messages.length, 'problem')} (${parts.join(', ')})`
  const paint = counts.error > 0 ? colors.red : counts.warning > 0 ? colors.yellow : colors.blue
  return paint(colors.bold(text))
}
