/**
 * `vkdocLint`: vkdoc's linter as a unified transformer in the manner of
 * remark-lint: it runs `validate` on the file's text and puts the messages on
 * the file, where `vfile-reporter`, `unified-engine` and the editors built on
 * them show them.
 */
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {attachMessages} from '../diagnostics/vfile.js'
import {validate, type ValidateOptions} from '../lint/validate.js'
import {docsTreeOf, objectOptions, pageNameOf, type DocsOption} from './docs-option.js'

/** Options of `vkdocLint`: those of `validate` for one page, and the docs tree it is a page of. */
export interface VkdocLintOptions extends Pick<ValidateOptions, 'target' | 'targets' | 'rules' | 'profile' | 'path' | 'ruleDocs'> {
  /** The docs tree the file is a page of, or a `FileSystem` to load it from (see `remarkVkdoc`). */
  docs?: DocsOption
}

/**
 * Lint each file with `validate`: `unified().use(remarkVkdoc).use(vkdocLint, {profile: 'faq'})`.
 * The linter reads the file's text, not the tree, so it works after any
 * parser; a message `remarkVkdoc` already put on the file is replaced by the
 * linter's (which says which build targets it shows in), never doubled.
 *
 * @throws {TypeError} on bad options (a bad `docs` when attached; an unknown rule or profile on the first file).
 */
export function vkdocLint(options?: Readonly<VkdocLintOptions> | null): (tree: Root, file: VFile) => undefined {
  const {docs, ...settings} = objectOptions(options, 'vkdocLint')
  const tree = docsTreeOf(docs, 'vkdocLint')
  return (_tree, file) => {
    const name = pageNameOf(file, settings.path, tree !== undefined)
    const messages = validate(String(file.value), {...settings, path: name, root: tree})
    attachMessages(file, messages, {pageName: name})
    return undefined
  }
}
