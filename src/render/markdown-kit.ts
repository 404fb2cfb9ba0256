/**
 * What the Markdown handlers of the constructs share: the settings and the
 * per-call state of one `mdastToMarkdown` call (found from
 * mdast-util-to-markdown's `state`), and helpers for writing sections.
 */
import type {Heading, Paragraph, Parents, PhrasingContent, Root, RootContent} from 'mdast'
import {defaultHandlers, type Info, type State} from 'mdast-util-to-markdown'

/** What handlers share during one `mdastToMarkdown` call. */
export interface EmitContext {
  readonly cut: 'details' | 'heading'
  readonly tabHeadingDepth: number | undefined
  /** Depth of the last heading written (real or made for a tab/cut): sections nest below it. */
  sectionDepth: number
  /** How many tab groups enclose the current node. */
  tabNesting: number
  /** The HTML of a tree (for content that must stay HTML in Markdown: a cut's summary, complex tables). */
  readonly html: (tree: Root) => string
}

const contexts = new WeakMap<State, EmitContext>()

export function bindEmitContext(state: State, context: EmitContext): void {
  contexts.set(state, context)
}

/** The emit context of this call (the orchestrator binds it before the first handler runs). */
export function emitContext(state: State): EmitContext {
  const context = contexts.get(state)
  if (!context) throw new Error('vkdoc: Markdown handlers run only inside mdastToMarkdown')
  return context
}

type FlowParents = Parameters<State['containerFlow']>[0]

/** Blocks rendered as siblings (with CommonMark's joins) under a stand-in parent of `like`'s type. */
export function blocks(state: State, like: Parents, children: ReadonlyArray<RootContent>, info: Info): string {
  return state.containerFlow({...like, children} as FlowParents, info)
}

/** Escape text for an HTML attribute value or element content. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`)
}

/**
 * HTML for Markdown output: blank lines would end the HTML block and make
 * the rest Markdown, so a line break that would leave a line empty is
 * written as a character reference (same text once decoded).
 */
export function htmlBlock(state: State, tree: Root): string {
  return emitContext(state).html(tree).replace(/\n\n/g, '\n&#10;').trim()
}

/**
 * A section title: a heading one below the current section (or `depth`),
 * or a bold paragraph once past depth 6.
 */
export function sectionTitle(children: PhrasingContent[], depth: number, parent: Parents | undefined, state: State, info: Info): string {
  if (depth <= 6) {
    const heading: Heading = {type: 'heading', depth: depth as Heading['depth'], children}
    return defaultHandlers.heading(heading, parent, state, info)
  }
  const paragraph: Paragraph = {type: 'paragraph', children: [{type: 'strong', children}]}
  return defaultHandlers.paragraph(paragraph, parent, state, info)
}

/** A plain link to `url` in its own paragraph (text only when the URL is unsafe). */
export function linkParagraph(href: string | undefined, url: string, parent: Parents | undefined, state: State, info: Info): string {
  const content: PhrasingContent = href ? {type: 'link', url: href, title: null, children: [{type: 'text', value: url}]} : {type: 'text', value: url}
  return state.handle({type: 'paragraph', children: [content]}, parent, state, info)
}
