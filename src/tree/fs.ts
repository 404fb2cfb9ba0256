/**
 * The file-system seam of the docs tree. The index and the resolvers see the
 * tree only through `FileSystem`, so the same code runs on disk (CLI), in
 * memory (tests, browsers, editors) or over any other store.
 */
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {decodeRecording, type EncodingProblem} from './decode.js'
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
}

type EntryKind = 'file' | 'dir'

/**
 * A `FileSystem` over the folder `rootDir` on disk. Directory listings are read
 * once and cached (the corpus has ~3,300 files; `isFile` costs one map lookup
 * after its folder was listed), so it is a snapshot: make a new one to see changes.
 * Symbolic links are followed; paths that leave `rootDir` are never touched.
 */
export function nodeFileSystem(rootDir: string): FileSystem {
  if (typeof rootDir !== 'string' || rootDir === '') throw new TypeError('nodeFileSystem: rootDir must be a non-empty path')
  const listings = new Map<string, Map<string, EntryKind> | null>()
  const encodingProblems = new Map<string, EncodingProblem>()

  function entries(dir: string): Map<string, EntryKind> | null {
    const cached = listings.get(dir)
    if (cached !== undefined) return cached
    let listing: Map<string, EntryKind> | null = null
    try {
      listing = new Map()
      const absolute = join(rootDir, dir)
      for (const dirent of readdirSync(absolute, {withFileTypes: true})) {
        let kind: EntryKind | undefined
        if (dirent.isDirectory()) kind = 'dir'
        else if (dirent.isFile()) kind = 'file'
        else if (dirent.isSymbolicLink()) kind = kindOfLink(join(absolute, dirent.name))
        if (kind) listing.set(dirent.name, kind)
      }
    } catch {
      listing = null
    }
    listings.set(dir, listing)
    return listing
  }

  function kindOf(path: string): EntryKind | undefined {
    const normal = normalizeTreePath(path)
    if (normal === null) return undefined
    if (normal === '') return entries('') ? 'dir' : undefined
    return entries(dirnameOf(normal))?.get(basenameOf(normal))
  }

  return {
    readFile(path) {
      const normal = normalizeTreePath(path)
      if (normal === null || kindOf(normal) !== 'file') return undefined
      try {
        return decodeRecording(readFileSync(join(rootDir, normal)), normal, encodingProblems)
      } catch {
        return undefined
      }
    },
    isFile: (path) => kindOf(path) === 'file',
    isDirectory: (path) => kindOf(path) === 'dir',
    encodingProblem: (path) => encodingProblems.get(normalizeTreePath(path) ?? ''),
    list(dir) {
      const normal = normalizeTreePath(dir)
      if (normal === null) return []
      const listing = entries(normal)
      return listing ? [...listing.keys()].sort() : []
    },
  }
}

function kindOfLink(absolute: string): EntryKind | undefined {
  try {
    const stats = statSync(absolute)
    return stats.isDirectory() ? 'dir' : stats.isFile() ? 'file' : undefined
  } catch {
    return undefined
  }
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
