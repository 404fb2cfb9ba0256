/**
 * The FAQ rules: a FAQ page is a flat list of top-level `{cut(Question?)}`
 * blocks, optionally grouped by headings (spec `faq-pages.md`). They apply
 * to FAQ pages only: by default a page named `faq.md` in a folder `faq/`
 * (`ru/start/partners/faq/faq.md`), the convention every FAQ page of the
 * docs follows (22 in ru, 57 over all languages); a configuration can name
 * other files.
 * Codes: faq-question-not-top-level, faq-text-outside-question,
 * faq-empty-question, faq-empty-answer, faq-duplicate-question,
 * faq-question-mark.
 */
import type {Nodes, Root, RootContent} from 'mdast'
import type {Position} from 'unist'
import {toString} from 'mdast-util-to-string'
import {report, type VkdocMessage} from '../../diagnostics/report.js'
import type {Cut} from '../../constructs/nodes.js'

/** The default FAQ-page test: the page file of a folder named `faq` (`…/faq/faq.md`, or `faq/faq.md` at the top). */
export function isFaqPagePath(file: string): boolean {
  return /(?:^|[\\/])faq[\\/]faq\.md$/.test(file)
}

export function checkFaq(tree: Root, file: string): VkdocMessage[] {
  const messages: VkdocMessage[] = []
  const seen = new Map<string, RootContent>()
  let sawQuestion = false
  for (const node of tree.children) {
    if (node.type === 'cut') {
      sawQuestion = true
      const [label, ...answer] = (node as Cut).children
      const question = label && label.type === 'directiveLabel' ? toString(label).trim() : ''
      const opener = openerPosition(node)
      if (question === '') messages.push(report('faq-empty-question', 'Unexpected empty question, expected the question as the cut title', opener, {file}))
      else if (!/[?？]$/.test(question)) messages.push(report('faq-question-mark', `Unexpected question without \`?\`: “${question}”`, opener, {file}))
      if (answer.every((child) => toString(child).trim() === '')) {
        messages.push(report('faq-empty-answer', `Unexpected empty answer to “${question}”, expected text inside the cut`, opener, {file}))
      }
      const key = question.toLowerCase().replace(/\s+/g, ' ')
      const first = seen.get(key)
      if (first && key !== '') {
        messages.push(report('faq-duplicate-question', `Unexpected duplicate question “${question}”, first asked on line ${first.position?.start.line}`, opener, {file}))
      } else seen.set(key, node)
      continue
    }
    if (node.type === 'heading' || node.type === 'html') continue
    if (sawQuestion) {
      messages.push(report('faq-text-outside-question', 'Unexpected content between questions, expected every answer inside its `{cut(…)}`', node.position, {file}))
    }
    for (const cut of findCuts([node])) {
      messages.push(report('faq-question-not-top-level', 'Unexpected question inside another block, expected FAQ questions as top-level `{cut}`', openerPosition(cut), {file}))
    }
  }
  return messages
}

/**
 * The `{cut(…)}` opener of a cut: its label carries the opener's range. FAQ
 * findings point there, an exact one-line range an editor can underline,
 * rather than at the whole block.
 */
function openerPosition(cut: Nodes): Position | undefined {
  const label = cut.type === 'cut' ? (cut as Cut).children[0] : undefined
  return label && label.type === 'directiveLabel' ? label.position : cut.position
}

function findCuts(nodes: RootContent[]): Nodes[] {
  const found: Nodes[] = []
  const stack: Nodes[] = [...nodes]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'cut') {
      found.push(node)
      continue
    }
    if ('children' in node) for (const child of node.children) stack.push(child as Nodes)
  }
  return found
}
