/** The `docs` option the vkdoc unified plugins share, and how they name a file's page. */
import type {VFile} from 'vfile'
import type {FileSystem} from '../tree/fs.js'
import {DocsTree} from '../tree/docs-tree.js'
import {loadDocs} from '../tree/load-docs.js'

/** A loaded docs tree, or a `FileSystem` to load one from. */
export type DocsOption = DocsTree | FileSystem

/** The tree of a `docs` option (loaded once per plugin), or `undefined` without one. */
export function docsTreeOf(docs: DocsOption | undefined, plugin: string): DocsTree | undefined {
  if (docs === undefined) return undefined
  if (docs instanceof DocsTree) return docs
  if (typeof docs !== 'object' || docs === null || typeof docs.readFile !== 'function' || typeof docs.list !== 'function') {
    throw new TypeError(`${plugin}: \`docs\` must be a DocsTree (loadDocs) or a FileSystem (memoryFileSystem, nodeFileSystem)`)
  }
  return loadDocs(docs)
}

/**
 * The name of the file's page: inside a tree its place there (`path`, else the
 * file's path, both relative to the tree root); alone, the file's own path.
 */
export function pageNameOf(file: VFile, path: string | undefined, inTree: boolean): string {
  return (inTree ? path : undefined) ?? file.path ?? path ?? 'input.md'
}

/** Throw on options that are not an object (programmer error), else give them or `{}`. */
export function objectOptions<T extends object>(options: Readonly<T> | null | undefined, plugin: string): Readonly<Partial<T>> {
  if (options === null || options === undefined) return {} as Partial<T>
  if (typeof options !== 'object') throw new TypeError(`${plugin}: options must be an object`)
  return options
}
