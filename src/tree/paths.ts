/**
 * POSIX path arithmetic for paths inside the docs tree. Every path here is
 * relative to the docs root (the folder holding `ru/` and `config/`), uses
 * `/`, and never starts with `/` once normalised. Nothing here touches the disk.
 */

/** The result of walking a path: where it lands, and how far it climbed above the start of the walk. */
export interface WalkedPath {
  /** Segments of the landing point, root-relative. */
  segments: string[]
  /** How many `..` went above the root (0 when the path stays inside it). */
  escaped: number
}

/** Split a path into its meaningful segments (empty and `.` segments dropped, `..` kept). */
export function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '' && segment !== '.')
}

/** Walk `path` starting from the root-relative folder `from`, normalising `.` and `..`. */
export function walkPath(from: string, path: string): WalkedPath {
  const segments = splitPath(from).filter((segment) => segment !== '..')
  let escaped = 0
  for (const segment of splitPath(path)) {
    if (segment !== '..') segments.push(segment)
    else if (segments.length > 0) segments.pop()
    else escaped++
  }
  return {segments, escaped}
}

/** Render a walked path: `a/b`, or `../../a/b` when it left the root. */
export function formatWalkedPath(walked: WalkedPath): string {
  return [...Array.from({length: walked.escaped}, () => '..'), ...walked.segments].join('/')
}

/** A leading or trailing `/`, `//`, or a `.`/`..` segment: the path needs the full walk. */
const notNormalPattern = /^\/|\/$|\/\/|(?:^|\/)\.\.?(?:\/|$)/

/**
 * Normalise a root-relative path (`./ru//a/../b/` → `ru/b`); `''` is the root.
 * Returns `null` for a path that leaves the root, so callers can refuse it.
 */
export function normalizeTreePath(path: string): string | null {
  // Fast path: most paths the index builds are already normal.
  if (!notNormalPattern.test(path)) return path
  const walked = walkPath('', path)
  return walked.escaped > 0 ? null : walked.segments.join('/')
}

/** The folder of a root-relative path (`ru/a/a.md` → `ru/a`; a top-level name → `''`). */
export function dirnameOf(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash === -1 ? '' : path.slice(0, slash)
}

/** The last segment of a root-relative path (`ru/a/a.md` → `a.md`). */
export function basenameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/**
 * The language of a root-relative path: its first segment (`ru/start/x` → `ru`,
 * `/kz/_includes/_a.md` → `kz`); `null` for the root itself.
 */
export function langOf(path: string): string | null {
  const first = splitPath(path)[0]
  return first === undefined || first === '..' ? null : first
}

/**
 * The page folder of a page file: `ru/start/partners/faq/faq.md` → `ru/start/partners/faq`.
 * `null` when the file is not a page file `<x>/<x>.md` (fragments, other Markdown):
 * links written in fragments resolve against the including page's folder instead.
 */
export function pageFolderOf(file: string): string | null {
  const segments = splitPath(file)
  const name = segments.pop()
  const folder = segments[segments.length - 1]
  if (name === undefined || folder === undefined || name !== `${folder}.md`) return null
  return segments.join('/')
}

/** The main meta file of a folder: `ru/a/b` → `ru/a/b/b.meta.json`. */
export function metaFileOf(folder: string): string {
  return `${folder}/${basenameOf(folder)}.meta.json`
}

/** Whether a root-relative path lies inside an `_includes` folder (a fragment's home). */
export function isUnderIncludes(path: string): boolean {
  return path.startsWith('_includes/') || path.includes('/_includes/')
}
