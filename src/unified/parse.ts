/**
 * `remarkVkdoc`: a unified parser plugin that reads the dialect into vkdoc's
 * mdast (CommonMark/GFM plus `cut`, `note`, `tabs`, `linkto`, … nodes), the
 * tree `compile` gives, with its messages on the file.
 */
import type {Root} from 'mdast'
import type {Processor} from 'unified'
import type {VFile} from 'vfile'
import {compile, type CompileOptions} from '../compile.js'
import {attachMessages} from '../diagnostics/vfile.js'
import {docsTreeOf, objectOptions, pageNameOf, type DocsOption} from './docs-option.js'

/** Options of `remarkVkdoc`: those of `compile` that decide the tree, and the docs tree to render in. */
export interface RemarkVkdocOptions
  extends Pick<CompileOptions, 'target' | 'variables' | 'path' | 'lang' | 'resolveInclude' | 'resolveLink' | 'reportUndefinedVariables' | 'sections'> {
  /**
   * The docs tree the file is a page of (includes, `{var}` values of its language,
   * links and their anchors), or a `FileSystem` to load it from
   * (`memoryFileSystem(files)`; in Node `nodeFileSystem(dir)` of `vkdoc/node`).
   * The page is `path`, or else the file's `path`, relative to the tree root.
   */
  docs?: DocsOption
  /** Base URL of the rule documentation for the messages' `url` (default `ruleDocsBase`). */
  ruleDocs?: string
}

/** What `remarkVkdoc` leaves in `file.data.vkdoc`: facts of the render that the tree does not hold. */
export interface VkdocFileData {
  /** The build target the file was rendered for. */
  target: string
  /** Heading and caption anchors of the page (id → text / number). */
  anchors: ReturnType<typeof compile>['anchors']
}

declare module 'vfile' {
  interface DataMap {
    vkdoc: VkdocFileData
  }
}

/**
 * Parse the vkdoc dialect: `unified().use(remarkVkdoc, options)` replaces the
 * processor's parser. The tree is vkdoc's mdast; turn it into hast with
 * `remark-rehype` and `vkdocHandlers`. Diagnostics go to `file.messages`
 * (`ruleId` the code, `source: 'vkdoc'`, `url`, exact `place`).
 *
 * @throws {TypeError} on bad options (programmer errors); never on the text.
 */
export function remarkVkdoc(this: Processor, options?: Readonly<RemarkVkdocOptions> | null): undefined {
  const {docs, ruleDocs, ...compileOptions} = objectOptions(options, 'remarkVkdoc')
  const tree = docsTreeOf(docs, 'remarkVkdoc')
  const target = compileOptions.target ?? 'public'

  this.parser = (document: string, file: VFile): Root => {
    // In a tree the page is named by its place there; alone, by the file's own path.
    const name = pageNameOf(file, compileOptions.path, tree !== undefined)
    const compiled = tree ? tree.render(name, {...compileOptions, target, text: document}) : compile(document, {...compileOptions, target, file: name})
    file.data.vkdoc = {target, anchors: compiled.anchors}
    attachMessages(file, compiled.messages, {pageName: name, ruleDocs})
    return compiled.mdast
  }
  return undefined
}
