/**
 * `--fix`: apply the edits that diagnostics carry where the repair is
 * certain. Edits of one file are applied from the end so offsets stay valid;
 * overlapping edits keep the first and skip the rest.
 */
import type {VkdocMessage} from '../diagnostics/report.js'

/** Apply the `fix` of every message; returns the new text of each changed file. */
export function applyFixes(messages: readonly VkdocMessage[], read: (file: string) => string | undefined): Map<string, string> {
  const byFile = new Map<string, Array<{start: number; end: number; text: string}>>()
  for (const message of messages) {
    if (!message.fix || !message.file) continue
    let edits = byFile.get(message.file)
    if (!edits) byFile.set(message.file, (edits = []))
    if (!edits.some((edit) => edit.start === message.fix!.start && edit.end === message.fix!.end)) edits.push(message.fix)
  }
  const result = new Map<string, string>()
  for (const [file, edits] of byFile) {
    let text = read(file)
    if (text === undefined) continue
    edits.sort((a, b) => b.start - a.start)
    let limit = Infinity
    for (const edit of edits) {
      if (edit.end > limit || edit.start < 0 || edit.end > text.length) continue
      text = text.slice(0, edit.start) + edit.text + text.slice(edit.end)
      limit = edit.start
    }
    result.set(file, text)
  }
  return result
}
