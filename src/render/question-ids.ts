/**
 * The ids of a page's questions (its top-level cuts), shared by the FAQ JSON
 * and the page's `<details id>` so that a question's id is its URL fragment.
 * Only mdast types here: the cut construct imports this module.
 */
import GithubSlugger, {slug} from 'github-slugger'
import type {Nodes, Root, RootContent} from 'mdast'
import {toString as mdastToString} from 'mdast-util-to-string'

/**
 * Ids for the questions of one page, in page order: the question's slug,
 * numbered when repeated (`как-оплатить`, `как-оплатить-1`), and `question`
 * (numbered) when the slug would be empty (`{cut(???)}`, text that did not decode).
 */
export function createQuestionIds(): (question: string) => string {
  const slugger = new GithubSlugger()
  return (question) => slugger.slug(slug(question) === '' ? 'question' : question)
}

/** The id of each question (top-level cut) of a page, by its node. */
export function questionIdsOf(tree: Root): Map<RootContent, string> {
  const questionId = createQuestionIds()
  const ids = new Map<RootContent, string>()
  for (const node of tree.children) if (node.type === 'cut') ids.set(node, questionId(questionText(node)))
  return ids
}

/** A cut's question: the plain text of its label (empty without one). */
export function questionText(cut: RootContent): string {
  const label = 'children' in cut ? (cut.children[0] as Nodes | undefined) : undefined
  return label && label.type === 'directiveLabel' ? mdastToString(label, {includeHtml: false}).trim() : ''
}
