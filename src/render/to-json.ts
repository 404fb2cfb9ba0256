/**
 * JSON outputs: the FAQ shape (`schema/faq.schema.json`) and the full
 * document tree.
 *
 * A FAQ page is a flat list of top-level `{cut(Question?)}` blocks, optionally
 * grouped by `##` headings (spec `faq-pages.md`). One question per top-level
 * cut; nested cuts stay in the answer.
 */
import GithubSlugger from 'github-slugger'
import type {Heading, Link, Nodes, PhrasingContent, Root, RootContent} from 'mdast'
import {toString as mdastToString} from 'mdast-util-to-string'
import type {VkdocMessage} from '../diagnostics/report.js'
import type {Cut, Linkto} from '../constructs/nodes.js'
import {questionIdsOf, questionText} from './question-ids.js'
import {isSafeUrl} from './sanitize.js'

/** Plain text of a node: raw HTML an author wrote is not text (it would be markup to whoever shows the string). */
function plainText(node: Nodes | Nodes[]): string {
  return Array.isArray(node) ? node.map((child) => mdastToString(child, {includeHtml: false})).join('') : mdastToString(node, {includeHtml: false})
}

export interface FaqLink {
  /** As written: the linkto target or the Markdown link URL. */
  target: string
  /** The href rendered in the HTML (links whose URL the HTML drops, `javascript:` and the like, are left out). */
  href: string
  text: string
}

export interface FaqQuestion {
  /** A slug of the question, unique in the page, stable across runs, never empty. */
  id: string
  /** The question as plain text (raw HTML in the title is not part of it). */
  question: string
  /** The question as sanitised HTML (inline markup such as code or emphasis kept). */
  questionHtml: string
  answer: {html: string; markdown: string; text: string}
  links: FaqLink[]
  /** The enclosing `##` heading, or null. */
  group: {id: string; text: string} | null
}

/** Where a FAQ page lives, for consumers that link back to it (`faq.json` of `vkdoc build`). */
export interface FaqPage {
  /** The page's site URL (`/ru/start/partners/faq`); question ids are its fragments. */
  url: string
  /** The page's file in the docs tree (`ru/start/partners/faq/faq.md`). */
  file: string
  lang: string | null
  /** The build target it was rendered for. */
  target: string
}

export interface FaqDocument {
  title: string | null
  id: string | null
  /** Present when the page was rendered inside a docs tree. */
  page?: FaqPage
  questions: FaqQuestion[]
}

export interface FaqRenderers {
  html(nodes: RootContent[]): string
  markdown(nodes: RootContent[]): string
}

/** Extract the FAQ JSON from a lowered page. `meta` supplies the title when the page has no H1, and the page's place. */
export function faqFromMdast(tree: Root, renderers: FaqRenderers, meta?: {title?: string | null; id?: string | null; page?: FaqPage}): FaqDocument {
  const questionIds = questionIdsOf(tree)
  const groupSlugger = new GithubSlugger()
  let title: string | null = null
  let id: string | null = null
  let group: FaqQuestion['group'] = null
  const questions: FaqQuestion[] = []
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const text = plainText(node).trim()
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
    const titled = label && label.type === 'directiveLabel' ? label : undefined
    questions.push({
      id: questionIds.get(cut) ?? '',
      question: questionText(cut),
      questionHtml: titled ? inlineHtml(renderers, titled.children as PhrasingContent[]) : '',
      answer: {
        html: renderers.html(answer as RootContent[]),
        markdown: renderers.markdown(answer as RootContent[]).trim(),
        text: answer.map((child) => plainText(child as Nodes)).join('\n\n').trim(),
      },
      links: collectLinks(answer as RootContent[]),
      group,
    })
  }
  if (title === null && meta?.title) {
    title = meta.title
    id = meta.id ?? null
  }
  return meta?.page ? {title, id, page: meta.page, questions} : {title, id, questions}
}

/** HTML of inline content: rendered as a paragraph (so no line breaks come between its parts), then unwrapped. */
function inlineHtml(renderers: FaqRenderers, children: PhrasingContent[]): string {
  const html = renderers.html([{type: 'paragraph', children}]).trim()
  return html.startsWith('<p>') && html.endsWith('</p>') ? html.slice(3, -4) : html
}

function collectLinks(nodes: RootContent[]): FaqLink[] {
  const links: FaqLink[] = []
  const stack: Nodes[] = [...nodes].reverse()
  while (stack.length > 0) {
    const node = stack.pop()!
    // Only links the HTML keeps: a `javascript:` or `data:` URL is dropped there, so it is not handed on here.
    if (node.type === 'linkto') {
      const linkto = node as Linkto
      if (isSafeUrl(linkto.url)) links.push({target: linkto.target, href: linkto.url, text: plainText(linkto)})
    } else if (node.type === 'link') {
      const link = node as Link
      if (isSafeUrl(link.url)) links.push({target: link.url, href: link.url, text: plainText(link)})
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
