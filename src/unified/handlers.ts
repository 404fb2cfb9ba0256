/** The dialect's hast handlers for `remark-rehype` (or `mdast-util-to-hast`). */
import type {Handlers} from 'mdast-util-to-hast'
import {createHastHandlers, type HastOptions} from '../render/to-hast.js'

/** Options of the handlers: what they emit (sanitising is `rehypeVkdocSanitize`'s). */
export type VkdocHandlersOptions = Omit<HastOptions, 'sanitize'>

/**
 * Handlers with options: `remarkRehype, {handlers: createVkdocHandlers({classPrefix: 'doc-'})}`
 * (give `rehypeVkdocSanitize` the same `classPrefix`).
 *
 * @throws {TypeError} on a malformed `classPrefix`, `videoHosts` or `lang`.
 */
export function createVkdocHandlers(options?: Readonly<VkdocHandlersOptions> | null): Handlers {
  return createHastHandlers(options)
}

/**
 * The handlers with the default options: `remarkRehype, {handlers: vkdocHandlers}`.
 * Each `toHast` call gets its own render state (tab ids count from 1 per page).
 */
export const vkdocHandlers: Handlers = /* @__PURE__ */ createHastHandlers()
