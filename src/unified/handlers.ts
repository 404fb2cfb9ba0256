/** The dialect's hast handlers for `remark-rehype` (or `mdast-util-to-hast`). */
import type {Root} from 'mdast'
import {defaultHandlers, type Handler, type Handlers} from 'mdast-util-to-hast'
import {extensionsVersion} from '../constructs/extensions.js'
import {bindRenderContext, createRenderContext} from '../render/hast-kit.js'
import {createHastHandlers, type HastOptions} from '../render/to-hast.js'

/** Options of the handlers: what they emit (sanitising is `rehypeVkdocSanitize`'s). */
export type VkdocHandlersOptions = Omit<HastOptions, 'sanitize'>

/**
 * A handler table that always holds the registry's current handlers: a
 * directive added with `registerConstruct` after this was made renders too
 * (remark-rehype reads the table at every run, spreading it over its defaults).
 */
function liveHandlers(options: Readonly<VkdocHandlersOptions> | null | undefined): Handlers {
  const make = (): Handlers => withPageLanguage(createHastHandlers(options), options)
  let made = {version: extensionsVersion(), handlers: make()}
  const current = (): Handlers => {
    const version = extensionsVersion()
    if (made.version !== version) made = {version, handlers: make()}
    return made.handlers
  }
  return new Proxy({} as Handlers, {
    get: (_target, key) => Reflect.get(current(), key),
    has: (_target, key) => Reflect.has(current(), key),
    ownKeys: () => Reflect.ownKeys(current()),
    getOwnPropertyDescriptor(_target, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(current(), key)
      // Configurable: the (empty) target does not hold the property itself.
      return descriptor && {...descriptor, configurable: true}
    },
  })
}

/**
 * The root is rendered first: its render context then takes the language the
 * lowering found (`root.data.lang`, from the page's language folder), as
 * `mdastToHast` does, so note labels and placeholders match `toHtml`'s.
 */
function withPageLanguage(handlers: Handlers, options: Readonly<VkdocHandlersOptions> | null | undefined): Handlers {
  const root = (handlers.root ?? defaultHandlers.root) as Handler
  const languageRoot: Handler = (state, node: Root, parent) => {
    bindRenderContext(state, createRenderContext(options, node.data?.lang))
    return root(state, node, parent)
  }
  return {...handlers, root: languageRoot}
}

/**
 * Handlers with options: `remarkRehype, {handlers: createVkdocHandlers({classPrefix: 'doc-'})}`
 * (give `rehypeVkdocSanitize` the same `classPrefix`).
 *
 * @throws {TypeError} on a malformed `classPrefix`, `videoHosts` or `lang`.
 */
export function createVkdocHandlers(options?: Readonly<VkdocHandlersOptions> | null): Handlers {
  return liveHandlers(options)
}

/**
 * The handlers with the default options: `remarkRehype, {handlers: vkdocHandlers}`.
 * Each `toHast` call gets its own render state (tab ids count from 1 per page).
 */
export const vkdocHandlers: Handlers = /* @__PURE__ */ liveHandlers(undefined)
