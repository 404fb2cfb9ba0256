/**
 * The file-system seam of the docs tree. The index and the resolvers see the
 * tree only through `FileSystem`, so the same code runs on disk (CLI,
 * `nodeFileSystem` in `node-fs.ts`), in memory (tests, browsers, editors) or
 * over any other store.
 */
import type {EncodingProblem} from './decode.js'
import {basenameOf, dirnameOf, normalizeTreePath} from './paths.js'

/**
 * A synchronous, read-only view of a docs tree. Paths are POSIX and relative
 * to the docs root (`ru/start/start.md`; `''` is the root). Implementations
 * must refuse paths that leave the root (`../x`): `undefined`, `false`, `[]`.
 */
export interface FileSystem {
  /** The text of a file (UTF-8), or `undefined` when it is not a readable file. */
  readFile(path: string): string | undefined
  isFile(path: string): boolean
  isDirectory(path: string): boolean
  /** Names (not paths) of the entries of a folder, sorted; `[]` when it is not a folder. */
  list(dir: string): string[]
  /** Where a file read earlier was not valid UTF-8 (its text has U+FFFD there), if it was not. */
  encodingProblem?(path: string): EncodingProblem | undefined
  /**
   * Whether `path` exists only through a symbolic link that leads outside the
   * root (such paths are neither files nor folders here, and never read).
   */
  escapes?(path: string): boolean
  /** Why `path` could not be read although it is listed (permissions, …), after `readFile` answered `undefined`. */
  readProblem?(path: string): string | undefined
}

/**
 * A `FileSystem` over an object of `path → text` (root-relative paths; a
 * leading `/` or `./` is allowed). Folders are implied by the file paths.
 * Throws on a path that leaves the root: that is a programming error.
 */
export function memoryFileSystem(files: Record<string, string>): FileSystem {
  if (typeof files !== 'object' || files === null) throw new TypeError('memoryFileSystem: files must be an object of path → text')
  const texts = new Map<string, string>()
  const folders = new Map<string, Set<string>>([['', new Set()]])
  for (const [path, text] of Object.entries(files)) {
    const normal = normalizeTreePath(path)
    if (normal === null || normal === '') throw new Error(`memoryFileSystem: bad file path ${JSON.stringify(path)}`)
    if (typeof text !== 'string') throw new TypeError(`memoryFileSystem: the text of ${normal} is not a string`)
    texts.set(normal, text)
    // Register the file in its folder and every folder up to the root.
    let child = normal
    while (child !== '') {
      const parent = dirnameOf(child)
      let names = folders.get(parent)
      if (!names) folders.set(parent, (names = new Set()))
      names.add(basenameOf(child))
      child = parent
    }
  }
  const normalOrNull = (path: string): string | null => normalizeTreePath(path)
  return {
    readFile(path) {
      const normal = normalOrNull(path)
      return normal === null ? undefined : texts.get(normal)
    },
    isFile(path) {
      const normal = normalOrNull(path)
      return normal !== null && texts.has(normal)
    },
    isDirectory(path) {
      const normal = normalOrNull(path)
      return normal !== null && folders.has(normal)
    },
    list(dir) {
      const normal = normalOrNull(dir)
      const names = normal === null ? undefined : folders.get(normal)
      return names ? [...names].sort() : []
    },
  }
}
