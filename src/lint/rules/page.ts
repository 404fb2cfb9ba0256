/**
 * The page rules: checks of one rendered page (one build target) over the
 * facts its lowering returned. `compile` runs them, so every caller of
 * `compile`, `toHtml` and the docs tree gets the same diagnostics.
 */
import type {Lowered} from '../../lower/to-mdast.js'
import {report, type VkdocMessage} from '../../diagnostics/report.js'
import {checkCodeFences} from './code-fences.js'
import {checkDuplicateIds} from './duplicate-ids.js'
import type {PageProblem} from './page-problem.js'
import {checkStructure} from './structure.js'

/** Run the page rules on a lowered page and place their messages in the source files. */
export function checkPage(lowered: Lowered, file: string, target: string | undefined): VkdocMessage[] {
  const {facts, expanded, mapper} = lowered
  const text = expanded.text
  const problems: PageProblem[] = [
    ...checkCodeFences(text, facts.codeBlocks),
    ...checkDuplicateIds(facts.tokens, expanded, mapper.sourceOf),
    ...checkStructure(facts.tokens, text),
  ]
  return problems.map((problem) => {
    const message = report(problem.code, problem.reason, undefined, {file: 'file' in problem ? problem.file : file, targets: target ? [target] : undefined})
    if ('file' in problem) mapper.placeSource(message, problem.file, problem.offset, problem.length)
    else mapper.place(message, problem.start, problem.end)
    return message
  })
}
