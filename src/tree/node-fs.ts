/**
 * The docs tree on disk: a `FileSystem` over a folder, for Node only (the
 * `vkdoc/node` entry). Everything else reads through `FileSystem`, so the main
 * entry needs no Node built-in and runs in browsers.
 */
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {decodeRecording, type EncodingProblem} from './decode.js'
import type {FileSystem} from './fs.js'
import {basenameOf, dirnameOf, normalizeTreePath} from './paths.js'

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
