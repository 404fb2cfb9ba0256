/**
 * vkdoc's messages on a `VFile`, as vfile's own `file.message()` leaves them:
 * in `file.messages`, in order, with `file` naming the file they are about.
 */
import type {VFile} from 'vfile'
import {codeUrl, type Code} from './codes.js'
import type {VkdocMessage} from './report.js'

/** Whether `value` is a VFile (or quacks like one: `value` and a `messages` array). */
export function isVFile(value: unknown): value is VFile {
  return typeof value === 'object' && value !== null && 'messages' in value && Array.isArray((value as VFile).messages) && 'value' in value
}

export interface AttachOptions {
  /** The name the page's own messages carry (`path` option, or `input.md`); they get `file.path` instead. */
  pageName?: string
  /** Base URL of the rule documentation (see `codeUrl`). */
  ruleDocs?: string
}

/**
 * Add `messages` to `file.messages`. A message equal to one already there
 * (same file, place, code and reason; a remark plugin and the linter both
 * report what the render found) replaces it, so it is listed once and with
 * the later, fuller details (the targets it shows in). Messages about
 * included fragments keep the fragment as their `file`.
 */
export function attachMessages(file: VFile, messages: readonly VkdocMessage[], options: AttachOptions = {}): void {
  const indexByKey = new Map<string, number>()
  file.messages.forEach((message, index) => indexByKey.set(keyOf(message), index))
  for (const message of messages) {
    if (file.path && (message.file === undefined || message.file === '' || message.file === options.pageName)) message.file = file.path
    if (options.ruleDocs !== undefined && message.ruleId) message.url = codeUrl(message.ruleId as Code, options.ruleDocs)
    const key = keyOf(message)
    const existing = indexByKey.get(key)
    if (existing !== undefined) file.messages[existing] = message
    else if (!file.messages.includes(message)) {
      indexByKey.set(key, file.messages.length)
      file.messages.push(message)
    }
  }
}

function keyOf(message: {file?: string | null; line?: number | null; column?: number | null; ruleId?: string | null; source?: string | null; reason: string}): string {
  return [message.file ?? '', message.line ?? '', message.column ?? '', message.source ?? '', message.ruleId ?? '', message.reason].join('\u0000')
}
