/**
 * `![alt](img.png){params[width=90%; noBorder=true]}`: display settings of
 * the image before it (stored in the image's `data.params`). This module
 * renders images: `{params}`, the `"inline"` icon title, and URL safety.
 */
import type {Element} from 'hast'
import type {Image, ImageReference} from 'mdast'
import {defaultHandlers, type Handler} from 'mdast-util-to-hast'
import {defaultHandlers as markdownHandlers, type Handle} from 'mdast-util-to-markdown'
import type {ParamsDirective} from '../ast.js'
import {renderContext} from '../render/hast-kit.js'
import {isSafeUrl, safeUrl} from '../render/sanitize.js'
import {isSwaggerImage, swaggerBlock, swaggerInline} from './swagger.js'
import type {Construct} from './types.js'

declare module 'mdast' {
  interface ImageData {
    /** From `{params[width=90%; noBorder=true]}` glued to the image. */
    params?: Record<string, string>
  }
}

const percentage = /^\d{1,3}%$/

/** Apply `title="inline"`, `{params}` and URL safety to an image element. */
function decorateImage(prefix: string, image: Element, params: Readonly<Record<string, string>> | undefined): void {
  const properties = image.properties
  if (typeof properties['src'] === 'string' && !isSafeUrl(properties['src'], 'src')) delete properties['src']
  const classes: string[] = []
  if (properties['title'] === 'inline') {
    delete properties['title']
    classes.push(prefix + 'inline-icon')
  }
  if (params) {
    const style: string[] = []
    for (const key of ['width', 'height']) {
      const value = params[key]?.trim()
      if (value !== undefined && percentage.test(value)) style.push(`${key}:${value}`)
    }
    if (style.length > 0) properties['style'] = style.join(';')
    if (params['noBorder']?.trim() === 'true') classes.push(prefix + 'no-border')
  }
  if (classes.length > 0) properties['className'] = classes
}

const image: Handler = (state, node: Image, parent) => {
  if (isSwaggerImage(node)) {
    // Alone in a paragraph (see `blockWhenAlone`) it is the block; in a sentence, a link.
    return parent === undefined ? swaggerBlock(state, {type: 'swagger', url: node.url, value: node.url, position: node.position}) : swaggerInline(state, node)
  }
  const result = defaultHandlers.image(state, node)
  if (!isSafeUrl(node.url, 'src')) delete result.properties['src']
  decorateImage(renderContext(state).prefix, result, node.data?.params)
  return result
}

const imageReference: Handler = (state, node: ImageReference) => {
  const result = defaultHandlers.imageReference(state, node)
  if (!Array.isArray(result) && result.type === 'element') decorateImage(renderContext(state).prefix, result, undefined)
  return result
}

/**
 * Images in Markdown: `"inline"` is the dialect's icon marker, not a title;
 * an image still written `![{swagger}](PATH)` (not lowered to `swagger`) is a link.
 */
const imageMarkdown: Handle = (node: Image, parent, state, info) => {
  if (isSwaggerImage(node)) {
    const href = safeUrl(node.url)
    if (!href) return state.safe(node.url, info)
    return state.handle({type: 'link', url: href, title: null, children: [{type: 'text', value: node.url}]}, parent, state, info)
  }
  return markdownHandlers.image(node.title === 'inline' ? {...node, title: null} : node, parent, state, info)
}

export const params: Construct = {
  name: 'params',
  level: 'inline',
  summary: 'Display settings of the image before it.',
  syntax: {
    args: 'none',
    attributes: {
      width: {kind: 'size', summary: 'Width in percent (`90%`).'},
      height: {kind: 'size', summary: 'Height in percent.'},
      noBorder: {kind: 'boolean', values: ['true', 'false'], summary: 'No border around the image.'},
      printWidth: {kind: 'size', summary: 'Width in print.'},
    },
  },
  fields: ({attributes}) => {
    const values: Record<string, string> = {}
    for (const attribute of attributes ?? []) {
      if (attribute.key !== null && !Object.hasOwn(values, attribute.key)) values[attribute.key] = attribute.value.raw.trim()
    }
    return {params: values}
  },
  lowering: {
    leaf: (_kit, node, _position, siblings) => {
      const target = [...siblings].reverse().find((sibling) => sibling.type !== 'text' || ('value' in sibling && sibling.value.trim() !== ''))
      if (target?.type === 'image') target.data = {...target.data, params: {...(node as ParamsDirective).params}}
      return null
    },
  },
  hast: {image, imageReference},
  markdown: {image: imageMarkdown},
}
