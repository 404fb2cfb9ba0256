/**
 * `rehypeVkdocSanitize`: the raw-HTML step of `toHtml` as a rehype plugin.
 * remark-rehype with `vkdocHandlers` keeps an author's raw HTML as `raw`
 * nodes; this parses and sanitises them with vkdoc's schema, exactly as
 * `toHtml` does, so the pipeline's output equals `toHtml`'s.
 */
import type {Element, Root} from 'hast'
import {sanitizeRawHtml} from '../render/sanitize.js'
import {objectOptions} from './docs-option.js'

export interface RehypeVkdocSanitizeOptions {
  /** The class prefix the handlers used (default `'vk-'`): the schema keeps those classes. */
  classPrefix?: string
}

/** Elements only handlers make (the schema drops them): kept where they are. */
const embedTags: ReadonlySet<string> = new Set(['iframe', 'video'])

/**
 * Before the raw pass every element was made by a handler — raw HTML is
 * still `raw` text — so the embeds found now are trusted, as `toHtml` trusts
 * the ones its `{video}` handler made; any embed parsed out of raw HTML later
 * is dropped by the schema.
 */
function handlerEmbeds(tree: Root): Element[] {
  const found: Element[] = []
  const walk = (parent: Root | Element): void => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue
      if (embedTags.has(child.tagName)) found.push(child)
      else walk(child)
    }
  }
  walk(tree)
  return found
}

/**
 * Parse and sanitise the raw HTML of the tree (`unified().use(remarkVkdoc)
 * .use(remarkRehype, {handlers: vkdocHandlers}).use(rehypeVkdocSanitize)
 * .use(rehypeStringify)`). Without this step raw HTML is written as escaped
 * text by rehype-stringify: safe, but not `toHtml`'s output. Trees without
 * raw nodes are left as they are.
 *
 * @throws {TypeError} on a malformed `classPrefix`.
 */
export function rehypeVkdocSanitize(options?: Readonly<RehypeVkdocSanitizeOptions> | null): (tree: Root) => undefined {
  const {classPrefix = 'vk-'} = objectOptions(options, 'rehypeVkdocSanitize')
  if (typeof classPrefix !== 'string' || !/^(?:[a-z][\w-]*)?$/i.test(classPrefix)) {
    throw new TypeError(`rehypeVkdocSanitize: classPrefix must be empty or start with a letter and hold letters, digits, '-' or '_': ${JSON.stringify(classPrefix)}`)
  }
  return (tree) => {
    sanitizeRawHtml(tree, {classPrefix, trusted: handlerEmbeds(tree)})
    return undefined
  }
}
