/**
 * Quick fixes for vkdoc's diagnostics: the certain repair a message carries
 * (its fix-it), and a comment that disables the message's code for its line,
 * `<!-- vkdoc-disable-next-line CODE -->`, put on the line above with the
 * same indentation (so it stays inside the list item or block it is in).
 */
import type {CodeAction, Diagnostic, TextEdit} from 'vscode-languageserver'
import {CodeActionKind} from 'vscode-languageserver'
import {contextAt, scanContexts} from '../lexer/contexts.js'
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
    if (!target) continue
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
 * Insert the disable comment above a 1-based line. Not offered inside fenced
 * code or an HTML comment, where a comment line would be text or nothing.
 */
function disableEdit(text: DocumentText, line: number, code: string): TextEdit | undefined {
  if (code === '') return undefined
  const lineStart = text.offsetOf({line, column: 1})
  if (contextAt(scanContexts(text.text), lineStart) !== 'text') return undefined
  const indentation = /^[ \t]*/.exec(text.text.slice(lineStart))![0]
  const lineEnd = text.text.includes('\r\n') ? '\r\n' : '\n'
  const at = text.positionAt(lineStart)
  return {range: {start: at, end: at}, newText: `${indentation}${disableComment(code)}${lineEnd}`}
}
