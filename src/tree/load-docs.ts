/** `loadDocs`: a docs tree from a `FileSystem`, its options checked (a wrong key is a programming error). */
import {DocsTree, type DocsTreeOptions} from './docs-tree.js'
import type {FileSystem} from './index.js'

/**
 * Load a docs tree (the folder holding `ru/` and `config/`) from a `FileSystem`
 * (`memoryFileSystem(files)`, or any store). A folder on disk is read by
 * `loadDocs(path)` of `vkdoc/node`.
 *
 * @throws {TypeError} on a path string here: disk access lives in `vkdoc/node`.
 */
export function loadDocs(root: FileSystem, options: DocsTreeOptions = {}): DocsTree {
  if (typeof root === 'string') throw new TypeError('vkdoc: loadDocs(path) reads the disk: import it from "vkdoc/node" (here it takes a FileSystem such as memoryFileSystem(files))')
  for (const key of Object.keys(options ?? {})) {
    if (!(key in treeOptionKeys)) throw new TypeError(`loadDocs: unknown option \`${key}\` (known: ${Object.keys(treeOptionKeys).join(', ')})`)
  }
  return new DocsTree(root, options)
}

/** Every option of `loadDocs` (a record of all keys, so a new option not listed fails the type check). */
const treeOptionKeys: Record<keyof DocsTreeOptions, true> = {lang: true, base: true, checkAssets: true, siteRoutes: true, limits: true}

