/**
 * `vkdoc/node`: everything of the main entry, plus what needs Node — the docs
 * tree read from a folder on disk (`nodeFileSystem`, `loadDocs(path)`,
 * `validate(…, {root: 'dir'})`). The main entry stays free of Node built-ins so
 * that it bundles for browsers; the CLI and its build workers import this one.
 */
import type {VFile} from 'vfile'
import type {VkdocMessage} from './diagnostics/report.js'
import {validate as validateInTree, type ValidateOptions} from './lint/validate.js'
import {DocsTree, type DocsTreeOptions} from './tree/docs-tree.js'
import {loadDocs as loadDocsFrom} from './tree/load-docs.js'
import type {FileSystem} from './tree/fs.js'
import {nodeFileSystem} from './tree/node-fs.js'

export * from './index.js'
export {nodeFileSystem}

/** `ValidateOptions` whose `root` may also be a folder on disk. */
export interface NodeValidateOptions extends Omit<ValidateOptions, 'root'> {
  /** The docs tree to resolve includes, variables and links in: a folder on disk or a loaded tree. */
  root?: string | DocsTree
}

/** Load a docs tree from a folder on disk (the folder holding `ru/` and `config/`) or from a `FileSystem`. */
export function loadDocs(root: string | FileSystem, options: DocsTreeOptions = {}): DocsTree {
  return loadDocsFrom(typeof root === 'string' ? nodeFileSystem(root) : root, options)
}

/** `validate` of the main entry, with `root` as a folder on disk too. */
export function validate(input: string | VFile | DocsTree, options: NodeValidateOptions = {}): VkdocMessage[] {
  const root = typeof options.root === 'string' ? loadDocs(options.root) : options.root
  return validateInTree(input, {...options, root})
}
