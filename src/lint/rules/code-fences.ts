/**
 * `unclosed-code-fence`: a fence CommonMark ended at the end of its
 * container (or of the page) because it was never closed, so the rest of
 * the list item (or page) became code.
 */
import type {PageProblem} from './page-problem.js'

export function checkCodeFences(text: string, codeBlocks: ReadonlyArray<readonly [number, number]>): PageProblem[] {
  const problems: PageProblem[] = []
  for (const [start, end] of codeBlocks) {
    const opener = /^(`{3,}|~{3,})/.exec(text.slice(start, Math.min(end, start + 64)))
    if (!opener) continue
    const lastLineStart = text.lastIndexOf('\n', end - 1) + 1
    const lastLine = text.slice(Math.max(lastLineStart, start), end).trim()
    const fence = opener[1]!
    const closed = lastLineStart > start && lastLine.length >= fence.length && lastLine === fence[0]!.repeat(lastLine.length)
    if (closed) continue
    const lineEnd = text.indexOf('\n', start)
    problems.push({
      code: 'unclosed-code-fence',
      reason: `Unexpected end of ${end >= text.length ? 'page' : 'list item or block'} inside a code fence opened with ${fence}, expected a closing fence of at least ${fence.length} ${fence[0] === '`' ? 'backticks' : 'tildes'}`,
      start,
      end: lineEnd === -1 ? end : Math.min(lineEnd, end),
    })
  }
  return problems
}
