/**
 * A misspelt block opener (`{noet:info}`, `{cut (Q?)}`) is text, so its closer (`{/note}`)
 * has no opener: the structure check calls that closer stray or misnested,
 * which sends the author to the wrong line. When a closer's block was opened
 * under a near-miss name earlier in the same file, the closer is not the
 * problem: its message goes, and the near miss says which closer it leaves
 * without an opener (and becomes an error, since the block does not render).
 */
import {directiveNames} from '../ast.js'
import type {VkdocMessage} from '../diagnostics/report.js'
import {withinOneEdit} from '../syntax/edit-distance.js'
import {LineIndex} from '../syntax/position.js'

const closerCodes: ReadonlySet<string> = new Set(['stray-close', 'misnested-block'])

interface Located {
  message: VkdocMessage
  offset: number
}

/** Offset of a message's start in `lines`' text, or -1. */
function offsetOf(message: VkdocMessage, lines: LineIndex): number {
  return message.line === undefined ? -1 : lines.offset(message.line, message.column ?? 1)
}

/**
 * The block a text-kept opener meant: `{noet` → `note` (a near miss), `{cut (` → `cut` (a space before
 * the arguments); `''` when the text at the message is neither.
 */
function intendedName(text: string, nearMiss: boolean): string {
  const written = (nearMiss ? /^\{([A-Za-z][\w-]*)/ : /^\{([A-Za-z][\w-]*)[ \t]+\(/).exec(text)?.[1]
  if (!written) return ''
  if (!nearMiss && (directiveNames as readonly string[]).includes(written)) return written
  return directiveNames.find((known) => withinOneEdit(written, known)) ?? ''
}

/**
 * Explain closers left without an opener by a misspelt opener; `read` gives
 * the text of a file messages name. Returns the messages to keep.
 */
export function explainMisspeltOpeners(messages: readonly VkdocMessage[], read: (file: string) => string | undefined): VkdocMessage[] {
  const openersByFile = new Map<string, Array<Located & {name: string}>>()
  for (const message of messages) {
    if ((message.ruleId !== 'unknown-directive' && message.ruleId !== 'malformed-directive') || !message.file) continue
    let list = openersByFile.get(message.file)
    if (!list) openersByFile.set(message.file, (list = []))
    list.push({message, offset: -1, name: ''})
  }
  if (openersByFile.size === 0) return [...messages]
  const dropped = new Set<VkdocMessage>()
  const lineIndexes = new Map<string, LineIndex>()
  for (const [file, openers] of openersByFile) {
    const source = read(file)
    if (source === undefined) continue
    const lines = new LineIndex(source)
    lineIndexes.set(file, lines)
    for (const opener of openers) {
      opener.offset = offsetOf(opener.message, lines)
      opener.name = intendedName(source.slice(opener.offset, opener.offset + 64), opener.message.ruleId === 'unknown-directive')
    }
    openers.sort((a, b) => a.offset - b.offset)
  }
  const closers = messages.filter((message) => closerCodes.has(String(message.ruleId)) && message.file && lineIndexes.has(message.file))
  const claimed = new Set<VkdocMessage>()
  for (const closer of closers) {
    const lines = lineIndexes.get(closer.file!)!
    const offset = offsetOf(closer, lines)
    const name = /^\{\/([A-Za-z][\w-]*)\}/.exec(lines.text.slice(offset, offset + 64))?.[1]
    if (!name) continue
    // The nearest unclaimed near miss before the closer: blocks nest, so the innermost opener is the latest.
    const openers = openersByFile.get(closer.file!)!
    let match: (Located & {name: string}) | undefined
    for (const opener of openers) if (opener.offset < offset && opener.name === name && !claimed.has(opener.message)) match = opener
    if (!match) continue
    claimed.add(match.message)
    dropped.add(closer)
    match.message.reason += ` (the \`{/${name}}\` on line ${closer.line} closes it, so the block is not rendered)`
    match.message.message = match.message.reason
    match.message.severity = 'error'
    match.message.fatal = true
  }
  return messages.filter((message) => !dropped.has(message))
}
