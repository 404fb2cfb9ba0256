/**
 * `vkdoc/tabs.js` is a classic browser script: loading it (a `<script>` tag, or
 * `import 'vkdoc/tabs.js'` in a bundler) makes the `[data-vk-tabs]` groups of
 * vkdoc's HTML switchable and defines `vkdocTabs` on the global object.
 */
export {}

/** The API `tabs.js` puts on the global object. */
interface VkdocTabs {
  /** Enhance the tab groups under `root` (default: the document), e.g. after inserting HTML. */
  init(root?: {querySelectorAll(selectors: string): ArrayLike<unknown>}): void
}

declare global {
  // `var` so that it is a property of `globalThis` (and of `window`).
  var vkdocTabs: VkdocTabs | undefined
}
