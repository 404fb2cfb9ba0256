/**
 * Quick fixes for vkdoc's diagnostics: the certain repair a message carries
 * (its fix-it), and a comment that disables the message's code for its line,
 * `<!-- vkdoc-disable-next-line CODE -->` (see `disableEdit` for where it goes).
 */
import type {CodeAction, Diagnostic, TextEdit} from 'vscode-languageserver'
import {CodeActionKind} from 'vscode-languageserver'
import {contextAt, scanContexts} from '../lexer/contexts.js'
import {isPaired} from './dialect.js'
import type {DiagnosticData} from './diagnostics.js'
import {DocumentText} from './positions.js'
import type {Workspace} from './workspace.js'

/** The inline control comment that silences `code` on the next line. */
export function disableComment(code: string): string {
  return `<!-- vkdoc-disable-next-line ${code} -->`
}

/** Code actions for the vkdoc diagnostics the client sent (those in the requested range). */
export function codeActions(workspace: Workspace, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = []
  for (const diagnostic of diagnostics) {
    const data = diagnostic.data as DiagnosticData | undefined
    if (diagnostic.source !== 'vkdoc' || !data || typeof data.file !== 'string') continue
    const target = locate(workspace, data.file)
    // The line changed since the diagnostic was published (its offsets are stale): new diagnostics are on their way.
    if (!target || target.text.lineText(data.line) !== data.lineText) continue
    if (data.fix) {
      const {start, end, text} = data.fix
      const edit: TextEdit = {range: target.text.range(start, end), newText: text}
      actions.push({
        title: describeFix(target.text.text.slice(start, end), text),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: {changes: {[target.uri]: [edit]}},
      })
    }
    const disable = disableEdit(target.text, data.line, String(diagnostic.code ?? ''))
    if (disable) {
      actions.push({
        title: `Disable ${diagnostic.code} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: {changes: {[target.uri]: [disable]}},
      })
    }
  }
  return actions
}

/** The URI and current text of a tree file, or of an open document outside the tree (`file` is then its URI). */
function locate(workspace: Workspace, file: string): {uri: string; text: DocumentText} | undefined {
  const outside = workspace.document(file)
  if (outside) return {uri: outside.uri, text: workspace.documentText(outside)}
  const text = workspace.text(file)
  return text ? {uri: workspace.uriOf(file), text} : undefined
}

function describeFix(before: string, after: string): string {
  if (before === '') return `Insert \`${after}\``
  if (after === '') return `Remove \`${before.replace(/\s+/g, ' ').trim() || 'whitespace'}\``
  return `Replace \`${before.replace(/\s+/g, ' ')}\` with \`${after}\``
}

/**
 * The edit that disables `code` for a 1-based line, placed so the page
 * renders as before (the comment is dropped from the output):
 *
 * - the line above already holds a `vkdoc-disable-next-line` comment: the
 *   code joins its list;
 * - the line starts a block (after a blank line, a block directive line, a
 *   heading, a list item, a fence, a quote): a comment line above it, with
 *   its indentation;
 * - the line continues a paragraph or a table: the comment goes at the end
 *   of the line above (of its last cell), since a comment line would end the
 *   paragraph or table there; below a table's delimiter row nothing can go.
 *
 * Not offered inside fenced code or an HTML comment, where a comment is text
 * or nothing.
 */
function disableEdit(text: DocumentText, line: number, code: string): TextEdit | undefined {
  if (code === '') return undefined
  const source = text.text
  const lineStart = text.offsetOf({line, column: 1})
  if (contextAt(scanContexts(source), lineStart) !== 'text') return undefined
  const current = lineAt(source, lineStart)
  const previous = line > 1 ? lineAt(source, text.offsetOf({line: line - 1, column: 1})) : undefined
  const existing = previous && /<!--\s*vkdoc-disable-next-line\b((?:(?!\s--\s)[^])*?)\s*((?:\s--\s[^]*)?)-->[ \t]*$/.exec(previous.text)
  if (previous && existing) {
    if (existing[1]!.split(/[\s,]+/).includes(code)) return undefined
    const at = text.positionAt(previous.start + existing.index + existing[0].indexOf('vkdoc-disable-next-line') + 'vkdoc-disable-next-line'.length + existing[1]!.length)
    return {range: {start: at, end: at}, newText: ` ${code}`}
  }
  if (previous && continuesBlock(previous.text, current.text)) {
    const end = endOfContent(previous.text)
    if (end === undefined) return undefined
    const at = text.positionAt(previous.start + end)
    return {range: {start: at, end: at}, newText: disableComment(code)}
  }
  const indentation = /^[ \t]*/.exec(current.text)![0]
  const lineEnd = source.includes('\r\n') ? '\r\n' : '\n'
  const at = text.positionAt(lineStart)
  return {range: {start: at, end: at}, newText: `${indentation}${disableComment(code)}${lineEnd}`}
}

/** The text of the line starting at `start`, without its line ending. */
function lineAt(source: string, start: number): {start: number; text: string} {
  const end = source.slice(start).search(/\r?\n|\r/)
  return {start, text: end === -1 ? source.slice(start) : source.slice(start, start + end)}
}

/**
 * Where a comment can end a paragraph or table line without changing what
 * renders: right after its last character (in a table row, of its last cell).
 * `undefined` for a table's delimiter row, which may hold nothing else.
 */
function endOfContent(line: string): number | undefined {
  if (/^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/.test(line) && line.includes('-')) return undefined
  const trimmed = line.trimEnd()
  if (/^\s*\|/.test(line) && trimmed.endsWith('|') && !trimmed.endsWith('\\|')) return trimmed.slice(0, -1).trimEnd().length
  return trimmed.length
}

/** Openers and closers of block directives, and includes: lines that are blocks of their own. */
function isDirectiveLine(line: string): boolean {
  const match = /^\s*\{\/?([a-z]+)/.exec(line)
  return match !== null && (isPaired(match[1]!) || match[1] === 'include') && /\}\s*$/.test(line)
}

/** Whether `current` continues the paragraph or table `previous` is a line of (a comment line would end it). */
function continuesBlock(previous: string, current: string): boolean {
  if (previous.trim() === '' || isDirectiveLine(previous) || isDirectiveLine(current)) return false
  // A hard break at the end of the line above would be lost behind a comment.
  if (/(?: {2}|\\)$/.test(previous)) return false
  if (/^\s*\|/.test(current)) return true
  return !/^\s*(?:#{1,6}(?:\s|$)|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|>|```|~~~|<)/.test(current) && !/^\s*<!--[^]*-->\s*$/.test(previous)
}
