/**
 * `textDocument/formatting`: the dialect formatter (`formatPage`) on the
 * buffer. Inside the tree it checks that the page renders the same through
 * the tree (includes spliced at their new indentation, links resolved), so a
 * rule whose edits would change the page is not applied. The answer is one
 * edit covering only what changed, so the editor keeps the cursor and the
 * undo history where nothing moved.
 */
import type {TextEdit} from 'vscode-languageserver'
import {formatPage} from '../format/index.js'
import {hastToHtml} from '../render/to-html.js'
import {mdastToHast} from '../render/to-hast.js'
import type {DocumentText} from './positions.js'
import type {Workspace} from './workspace.js'

/** The edits that format `text` (the buffer of `file`, or of a document outside the tree when `file` is `null`). */
export function formatDocument(workspace: Workspace, file: string | null, text: DocumentText): TextEdit[] {
  const source = text.text
  const render = file === null ? undefined : (draft: string, target: string) => hastToHtml(mdastToHast(workspace.tree.render(file, {text: draft, target}).mdast))
  const formatted = formatPage(source, render ? {render} : undefined).text
  if (formatted === source) return []
  let start = 0
  const shorter = Math.min(source.length, formatted.length)
  while (start < shorter && source.charCodeAt(start) === formatted.charCodeAt(start)) start++
  let end = 0
  while (end < shorter - start && source.charCodeAt(source.length - 1 - end) === formatted.charCodeAt(formatted.length - 1 - end)) end++
  // Never split a surrogate pair: an edit boundary inside one would be two broken characters.
  if (start > 0 && isLowSurrogate(source.charCodeAt(start))) start--
  if (end > 0 && isLowSurrogate(source.charCodeAt(source.length - end))) end--
  return [{range: text.range(start, source.length - end), newText: formatted.slice(start, formatted.length - end)}]
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}
