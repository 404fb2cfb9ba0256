/**
 * Heading ids that render twice in one page. When both come from the same
 * place of the same fragment (a region included twice), the problem is the
 * repeating `{include}` line of the page, reported once per include
 * (`duplicate-heading-id-repeated-include`); otherwise `duplicate-heading-id`.
 */
import type {CloseNode, DirectiveNode} from '../../ast.js'
import type {Expanded} from '../../expand/expand.js'
import type {PageProblem} from './page-problem.js'

/** `{include(…)[…]}` at the start of a string (balanced parentheses one level deep). */
const includeDirective = /^\{include\((?:[^()\n]|\([^()\n]*\))*\)(?:\[[^\]\n]*\])?\}/

export function checkDuplicateIds(tokens: ReadonlyArray<DirectiveNode | CloseNode>, expanded: Expanded, sourceOf: (file: string) => string | undefined): PageProblem[] {
  const problems: PageProblem[] = []
  const seen = new Map<string, {file: string; offset: number; start: number}>()
  const repeated = new Map<string, {ids: string[]; first: number; at: {file: string; offset: number}}>()
  for (const node of tokens) {
    if (node.type !== 'directive' || node.context !== 'text' || node.malformed) continue
    if (node.name !== 'heading' || !node.id) continue
    const start = node.position.start.offset!
    const origin = expanded.map.start(start)
    const first = seen.get(node.id)
    if (!first) {
      seen.set(node.id, {file: origin.file, offset: origin.offset, start})
      continue
    }
    const include = origin.chain[0]
    if (include && first.file === origin.file && first.offset === origin.offset) {
      const key = `${include.file}:${include.offset}`
      const entry = repeated.get(key) ?? {ids: [], first: first.start, at: include}
      entry.ids.push(node.id)
      repeated.set(key, entry)
      continue
    }
    problems.push({code: 'duplicate-heading-id', reason: `Unexpected duplicate heading id \`${node.id}\`, expected ids to be unique in the page`, start, end: node.position.end.offset!})
  }
  for (const entry of repeated.values()) {
    const firstAt = expanded.map.start(entry.first).chain[0]
    const includeText = sourceOf(entry.at.file) ?? ''
    const directive = includeDirective.exec(includeText.slice(entry.at.offset, entry.at.offset + 2000))
    problems.push({
      code: 'duplicate-heading-id-repeated-include',
      reason: `Unexpected repeated include: it selects a region already included${firstAt ? ' earlier' : ''}, so ${entry.ids.length} heading id(s) render twice: ${entry.ids.join(', ')}`,
      file: entry.at.file,
      offset: entry.at.offset,
      length: directive ? directive[0].length : 0,
    })
  }
  return problems
}
