/**
 * `![{swagger}](assets/api.json)`: an OpenAPI reference, rendered from the
 * spec file. Written as an image, so it has no directive syntax: alone in
 * its paragraph it is a block (`swagger` node), inside a sentence a link.
 */
import type {Element} from 'hast'
import type {Image, Literal, PhrasingContent} from 'mdast'
import type {Handler, State} from 'mdast-util-to-hast'
import type {Handle} from 'mdast-util-to-markdown'
import {element, finish, renderContext, text} from '../render/hast-kit.js'
import {linkParagraph} from '../render/markdown-kit.js'
import {safeUrl} from '../render/sanitize.js'
import type {Construct} from './types.js'

export interface Swagger extends Literal {
  type: 'swagger'
  url: string
}

declare module 'mdast' {
  interface RootContentMap {
    swagger: Swagger
  }
  interface BlockContentMap {
    swagger: Swagger
  }
}

/** `![{swagger}](PATH)` still written as an image (plain parses, or inside a sentence). */
export function isSwaggerImage(node: {type: string; alt?: string | null} | undefined): node is Image & {alt: '{swagger}'} {
  return node?.type === 'image' && node.alt === '{swagger}'
}

/** An image alone in its paragraph, as the block it stands for. */
export function swaggerOf(node: PhrasingContent): Swagger | undefined {
  return isSwaggerImage(node) ? {type: 'swagger', url: node.url, value: node.url, position: node.position} : undefined
}

/** The block: a container the site's OpenAPI viewer fills from `data-spec`, with a link to the file. */
export function swaggerBlock(state: State, node: Swagger): Element {
  const {prefix} = renderContext(state)
  const href = safeUrl(node.url)
  const properties = href ? {className: [prefix + 'swagger'], dataSpec: href} : {className: [prefix + 'swagger']}
  return element('div', properties, [href ? element('a', {href}, [text(node.url)]) : text(node.url)])
}

/** A swagger image inside a sentence: a link to the spec. */
export function swaggerInline(state: State, node: Image): Element {
  const {prefix} = renderContext(state)
  const href = safeUrl(node.url)
  return element(href ? 'a' : 'span', href ? {href, className: [prefix + 'swagger']} : {className: [prefix + 'swagger']}, [text(node.url)])
}

const toHast: Handler = (state, node: Swagger) => finish(state, node, swaggerBlock(state, node))

const toMarkdown: Handle = (node: Swagger, parent, state, info) => linkParagraph(safeUrl(node.url), node.url, parent, state, info)

export const swagger: Construct = {
  name: 'swagger',
  level: 'block',
  summary: 'An OpenAPI reference rendered from a spec file: `![{swagger}](assets/api.json)`.',
  blockWhenAlone: (node) => isSwaggerImage(node),
  hast: {swagger: toHast},
  markdown: {swagger: toMarkdown},
}
