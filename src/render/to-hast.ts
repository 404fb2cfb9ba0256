/**
 * mdast (with the dialect nodes) → hast.
 *
 * `mdast-util-to-hast` does the CommonMark/GFM part; each construct brings
 * its handlers in the library's own shape (`(state, node, parent)`, with
 * `state.patch` and `state.applyData`, so `data.hName`/`data.hProperties`
 * set by other plugins are honoured). The few mdast handlers here add what
 * the dialect means to plain Markdown (raw HTML classified, unsafe URLs
 * dropped, a paragraph holding only a block-like node rendered as that block).
 * Safety: see `sanitize.ts`.
 */
import type {Root as HastRoot} from 'hast'
import type {Html, Link, LinkReference, Paragraph, Root as MdastRoot} from 'mdast'
import {defaultHandlers, toHast, type Handler, type Handlers, type Raw} from 'mdast-util-to-hast'
import {allConstructs} from '../constructs/index.js'
import {extensionsVersion} from '../constructs/extensions.js'
import type {Construct} from '../constructs/types.js'
import {createRenderContext, element, ensureRenderContext, finish, type HastOptions, type RenderContext, renderContext} from './hast-kit.js'
import {classifyHtml, isSafeUrl, sanitizeRawHtml} from './sanitize.js'

export {defaultVideoHosts, type HastOptions} from './hast-kit.js'

const html: Handler = (state, node: Html) => {
  const kind = classifyHtml(node.value)
  if (kind === 'comment') return undefined
  if (kind === 'break') return finish(state, node, element('br', {}, []))
  renderContext(state).hasMarkup = true
  const result: Raw = {type: 'raw', value: node.value}
  state.patch(node, result)
  return result
}

const link: Handler = (state, node: Link) => {
  const result = defaultHandlers.link(state, node)
  // A link whose URL is dropped is its text: an `<a>` without `href` is no link.
  return isSafeUrl(node.url) ? result : result.children
}

const linkReference: Handler = (state, node: LinkReference) => {
  const result = defaultHandlers.linkReference(state, node)
  if (!Array.isArray(result) && result.type === 'element') {
    const href = result.properties['href']
    if (typeof href === 'string' && !isSafeUrl(href)) return result.children
  }
  return result
}

/** A title met outside its cut/tab/caption: its phrasing, unwrapped. */
const directiveLabel: Handler = (state, node) => state.all(node)

const paragraph: Handler = (state, node: Paragraph) => {
  // A paragraph holding only an unresolved include (or a swagger image) is that block.
  const [only] = node.children
  if (node.children.length === 1 && only && registry().aloneTests.some((test) => test(only))) return state.one(only, undefined)
  return defaultHandlers.paragraph(state, node)
}

interface HandlerTable {
  version: number
  /** Every handler: the constructs' own, then the mdast ones above. */
  handlers: Handlers
  aloneTests: Array<NonNullable<Construct['blockWhenAlone']>>
}

let table: HandlerTable | undefined

function registry(): HandlerTable {
  const version = extensionsVersion()
  if (table && table.version === version) return table
  const handlers: Handlers = {}
  const aloneTests: HandlerTable['aloneTests'] = []
  for (const construct of allConstructs()) {
    Object.assign(handlers, construct.hast)
    if (construct.blockWhenAlone) aloneTests.push(construct.blockWhenAlone)
  }
  Object.assign(handlers, {directiveLabel, html, link, linkReference, paragraph})
  table = {version, handlers, aloneTests}
  return table
}

/** The handlers, each making sure its `toHast` call has a render context (made by `make`). */
function boundHandlers(make: () => RenderContext): Handlers {
  const bound: Record<string, Handler> = {}
  for (const [type, handler] of Object.entries(registry().handlers) as Array<[string, Handler]>) {
    bound[type] = (state, node, parent) => {
      ensureRenderContext(state, make)
      return handler(state, node, parent)
    }
  }
  return bound as Handlers
}

/**
 * The hast handlers of the dialect for `mdast-util-to-hast` or
 * `remark-rehype`'s `handlers` option. Raw HTML passes through as `raw`
 * nodes: sanitise it after (as `mdastToHast` does).
 *
 * @throws {TypeError} on malformed options (programmer errors).
 */
export function createHastHandlers(options?: Readonly<HastOptions> | null): Handlers {
  createRenderContext(options)
  return boundHandlers(() => createRenderContext(options))
}

/**
 * Turn an mdast tree (CommonMark/GFM plus the dialect nodes) into hast:
 * `cut` → `<details>`, `note` → `<div role="note">`, `tabs` → tablist and
 * panels (all readable without JavaScript), `caption` → `<figure>`,
 * `asciidocTable` → `<table>`, and so on.
 *
 * Author text never becomes markup, unsafe URLs are dropped, and raw HTML is
 * parsed and sanitised unless `sanitize: false` (see `sanitize.ts`).
 * Tab ids count from 1 on every call, so output is stable across runs.
 *
 * @throws {TypeError} on a malformed `classPrefix`, `videoHosts` or `lang` (programmer errors).
 */
export function mdastToHast(tree: MdastRoot, options?: Readonly<HastOptions> | null): HastRoot {
  const context = createRenderContext(options, tree.data?.lang)
  const result = toHast(tree, {handlers: boundHandlers(() => context)}) as HastRoot
  if (context.hasMarkup && options?.sanitize !== false) {
    return sanitizeRawHtml(result, {classPrefix: context.prefix, trusted: context.trusted})
  }
  return result
}
