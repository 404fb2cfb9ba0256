/**
 * `vkdoc/unified`: vkdoc inside unified pipelines.
 *
 * ```js
 * unified()
 *   .use(remarkVkdoc, {target: 'public'})        // dialect → vkdoc's mdast, messages on the file
 *   .use(vkdocLint, {profile: 'faq'})             // validate() → file.messages
 *   .use(remarkRehype, {handlers: vkdocHandlers}) // mdast → hast
 *   .use(rehypeVkdocSanitize)                     // raw HTML parsed and sanitised, as toHtml does
 *   .use(rehypeStringify)
 * ```
 */
export {remarkVkdoc, type RemarkVkdocOptions, type VkdocFileData} from './parse.js'
export {createVkdocHandlers, vkdocHandlers, type VkdocHandlersOptions} from './handlers.js'
export {vkdocLint, type VkdocLintOptions} from './lint.js'
export {rehypeVkdocSanitize, type RehypeVkdocSanitizeOptions} from './sanitize.js'
export type {DocsOption} from './docs-option.js'
