/**
 * The docs tree on disk: a `FileSystem` over a folder, for Node only (the
 * `vkdoc/node` entry). Everything else reads through `FileSystem`, so the main
 * entry needs no Node built-in and runs in browsers.
 */
import {readdirSync, readFileSync, realpathSync, statSync} from 'node:fs'
import {join, relative, resolve, sep} from 'node:path'
import {decodeRecording, type EncodingProblem} from './decode.js'
import type {FileSystem} from './fs.js'
import {basenameOf, dirnameOf, normalizeTreePath} from './paths.js'

type EntryKind = 'file' | 'dir' | 'outside'

/** Whether the absolute, real `path` lies inside (or is) the real folder `root`. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && resolve(root, rel) === path)
}

/**
 * A `FileSystem` over the folder `rootDir` on disk. Directory listings are read
 * once and cached (the corpus has ~3,300 files; `isFile` costs one map lookup
 * after its folder was listed), so it is a snapshot: make a new one to see changes.
 * Symbolic links are followed only while their real path stays inside the
 * real path of `rootDir`; a link that leaves it is neither a file nor a folder
 * (`escapes` says so), and paths that leave `rootDir` are never touched.
 */
export function nodeFileSystem(rootDir: string): FileSystem {
  if (typeof rootDir !== 'string' || rootDir === '') throw new TypeError('nodeFileSystem: rootDir must be a non-empty path')
  const listings = new Map<string, Map<string, EntryKind> | null>()
  const encodingProblems = new Map<string, EncodingProblem>()
  const problems = new Map<string, string>()
  let realRoot: string | null | undefined

  function rootPath(): string | null {
    if (realRoot === undefined) {
      try {
        realRoot = realpathSync(rootDir)
      } catch {
        realRoot = null
      }
    }
    return realRoot
  }

  function entries(dir: string): Map<string, EntryKind> | null {
    const cached = listings.get(dir)
    if (cached !== undefined) return cached
    let listing: Map<string, EntryKind> | null = null
    const root = rootPath()
    // Every folder on the way must itself be a folder of the tree (not a link out of it).
    if (root !== null && (dir === '' || kindOf(dir) === 'dir')) {
      try {
        listing = new Map()
        const absolute = join(root, dir)
        for (const dirent of readdirSync(absolute, {withFileTypes: true})) {
          let kind: EntryKind | undefined
          if (dirent.isDirectory()) kind = 'dir'
          else if (dirent.isFile()) kind = 'file'
          else if (dirent.isSymbolicLink()) kind = kindOfLink(root, join(absolute, dirent.name))
          if (kind) listing.set(dirent.name, kind)
        }
      } catch {
        listing = null
      }
    }
    listings.set(dir, listing)
    return listing
  }

  function kindOf(path: string): EntryKind | undefined {
    const normal = normalizeTreePath(path)
    if (normal === null) return undefined
    if (normal === '') return entries('') ? 'dir' : undefined
    const parent = dirnameOf(normal)
    // Below a link that leaves the root, everything is outside too.
    if (parent !== '' && kindOf(parent) === 'outside') return 'outside'
    return entries(parent)?.get(basenameOf(normal))
  }

  return {
    readFile(path) {
      const normal = normalizeTreePath(path)
      const root = rootPath()
      if (normal === null || root === null || kindOf(normal) !== 'file') return undefined
      try {
        const text = decodeRecording(readFileSync(join(root, normal)), normal, encodingProblems)
        problems.delete(normal)
        return text
      } catch (error) {
        problems.set(normal, (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (error as Error).message)
        return undefined
      }
    },
    readProblem: (path) => problems.get(normalizeTreePath(path) ?? ''),
    escapes: (path) => kindOf(path) === 'outside',
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

/** What a symbolic link is: a file or folder of the tree, `outside` when its real path leaves `root`, or nothing (dangling). */
function kindOfLink(root: string, absolute: string): EntryKind | undefined {
  try {
    const real = realpathSync(absolute)
    if (!isInside(root, real)) return 'outside'
    const stats = statSync(real)
    return stats.isDirectory() ? 'dir' : stats.isFile() ? 'file' : undefined
  } catch {
    return undefined
  }
}
