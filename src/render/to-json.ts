/**
 * JSON outputs: the FAQ shape (`schema/faq.schema.json`) and the full
 * document tree.
 *
 * A FAQ page is a flat list of top-level `{cut(Question?)}` blocks, optionally
 * grouped by `##` headings (spec `faq-pages.md`). One question per top-level
 * cut; nested cuts stay in the answer.
 */
import GithubSlugger from 'github-slugger'
import type {Heading, Link, Nodes, Root, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VkdocMessage} from '../diagnostics/report.js'
import type {Cut, Linkto} from '../constructs/nodes.js'

export interface FaqLink {
  /** As written: the linkto target or the Markdown link URL. */
  target: string
  /** The href rendered in the HTML. */
  href: string
  text: string
}

export interface FaqQuestion {
  /** A slug of the question, unique in the page, stable across runs. */
  id: string
  question: string
  answer: {html: string; markdown: string; text: string}
  links: FaqLink[]
  /** The enclosing `##` heading, or null. */
  group: {id: string; text: string} | null
}

export interface FaqDocument {
  title: string | null
  id: string | null
  questions: FaqQuestion[]
}

export interface FaqRenderers {
  html(nodes: RootContent[]): string
  markdown(nodes: RootContent[]): string
}

/** Extract the FAQ JSON from a lowered page. `meta` supplies the title when the page has no H1. */
export function faqFromMdast(tree: Root, renderers: FaqRenderers, meta?: {title?: string | null; id?: string | null}): FaqDocument {
  const slugger = new GithubSlugger()
  const groupSlugger = new GithubSlugger()
  let title: string | null = null
  let id: string | null = null
  let group: FaqQuestion['group'] = null
  const questions: FaqQuestion[] = []
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const text = toString(node).trim()
      if (node.depth === 1 && title === null) {
        title = text
        id = node.data?.id ?? null
      } else if (node.depth === 2) {
        group = {id: (node as Heading).data?.id ?? groupSlugger.slug(text), text}
      }
      continue
    }
    if (node.type !== 'cut') continue
    const cut = node as Cut
    const [label, ...answer] = cut.children
    const question = label && label.type === 'directiveLabel' ? toString(label).trim() : ''
    questions.push({
      id: slugger.slug(question || 'question'),
      question,
      answer: {
        html: renderers.html(answer as RootContent[]),
        markdown: renderers.markdown(answer as RootContent[]).trim(),
        text: answer.map((child) => toString(child)).join('\n\n').trim(),
      },
      links: collectLinks(answer as RootContent[]),
      group,
    })
  }
  if (title === null && meta?.title) {
    title = meta.title
    id = meta.id ?? null
  }
  return {title, id, questions}
}

function collectLinks(nodes: RootContent[]): FaqLink[] {
  const links: FaqLink[] = []
  const stack: Nodes[] = [...nodes].reverse()
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'linkto') {
      const linkto = node as Linkto
      links.push({target: linkto.target, href: linkto.url, text: toString(linkto)})
    } else if (node.type === 'link') {
      const link = node as Link
      links.push({target: link.url, href: link.url, text: toString(link)})
    }
    if ('children' in node && node.type !== 'linkto' && node.type !== 'link') {
      for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index] as Nodes)
    }
  }
  return links
}

/** The full document as JSON: the mdast tree (with dialect nodes and positions) and the diagnostics. */
export interface DocumentJson {
  type: 'vkdoc-document'
  version: 1
  target: string
  tree: Root
  messages: Array<{file?: string; line?: number; column?: number; code: string; severity: string; message: string}>
}

export function documentJson(tree: Root, messages: VkdocMessage[], target: string): DocumentJson {
  return {
    type: 'vkdoc-document',
    version: 1,
    target,
    tree,
    messages: messages.map((message) => ({
      file: message.file,
      line: message.line,
      column: message.column,
      code: String(message.ruleId),
      severity: message.severity,
      message: message.reason,
    })),
  }
}
