/**
 * Path and link resolution inside a docs tree (spec §5.1, §5.2), without
 * parsing Markdown: include paths against the including file's folder, linkto
 * targets against the page folder, and site hrefs for pages.
 */
import type {DocsIndex} from './load.js'
import {dirnameOf, formatWalkedPath, langOf, metaFileOf, splitPath, walkPath, type WalkedPath} from './paths.js'

export type IncludeResolution = {file: string} | {error: 'not-found' | 'outside-root'; resolved: string}

/**
 * Resolve the path of `{include(path)}` written in `includingFile` (a page or a
 * fragment): relative paths against that file's folder, `/ru/…` from the docs
 * root; `.` and `..` are normalised, surrounding whitespace ignored. A path that
 * leaves the root is `outside-root` and is never looked at; `resolved` shows
 * where it pointed (`../../etc/passwd` style when above the root).
 */
export function resolveIncludePath(index: DocsIndex, includingFile: string, path: string): IncludeResolution {
  const trimmed = path.trim()
  const walked = walkPath(trimmed.startsWith('/') ? '' : dirnameOf(includingFile), trimmed)
  const resolved = formatWalkedPath(walked)
  if (walked.escaped > 0 || index.fs.escapes?.(resolved)) return {error: 'outside-root', resolved}
  return index.fs.isFile(resolved) ? {file: resolved} : {error: 'not-found', resolved}
}

export type LinkResolution =
  | {kind: 'same-page'; anchor: string}
  | {
      kind: 'page'
      /** The target folder key (`ru/start/partners/about-partners`); `../x` when it climbs above the root. */
      page: string
      /** The text after the first `#` (kept opaque: `a#b` stays `a#b`), or `null`. */
      anchor: string | null
      /** Whether `<page>/<last>.meta.json` exists (a page or a section). */
      exists: boolean
      /** For a missing target: what the author probably meant, in words. */
      hint: string | null
      /** For a missing target: the existing folder the hint names, when there is exactly one. */
      suggestion: string | null
    }

/**
 * Resolve a `{linkto(target)}` written in (or included into) the page whose
 * folder is `pageFolder`. Whitespace and newlines around the target are
 * trimmed; `#x` alone is a same-page anchor; relative paths resolve against the
 * page folder (the folder holding `x/x.md`, as if the page URL were a folder);
 * `/ru/…` is rooted at the docs root; a trailing `/` is ignored. A written
 * `.md` suffix is not stripped (the site would not find it either) but the
 * hint names the folder meant. Hints, first that applies: `.md` suffix; the path
 * climbs above the language folder or the root; one `../` too many or too few;
 * an absolute path without its language; exists in another language; a page
 * with the same name elsewhere in the language.
 */
export function resolveLinkTarget(index: DocsIndex, pageFolder: string, target: string): LinkResolution {
  const trimmed = target.trim()
  const hashAt = trimmed.indexOf('#')
  const pathPart = (hashAt === -1 ? trimmed : trimmed.slice(0, hashAt)).trim()
  const anchorText = hashAt === -1 ? null : trimmed.slice(hashAt + 1)
  if (pathPart === '' && anchorText !== null) return {kind: 'same-page', anchor: anchorText}

  const anchor = anchorText === '' ? null : anchorText
  const absolute = pathPart.startsWith('/')
  const walked = walkPath(absolute ? '' : pageFolder, pathPart)
  const page = formatWalkedPath(walked)
  if (walked.escaped === 0 && folderExists(index, page)) {
    return {kind: 'page', page, anchor, exists: true, hint: null, suggestion: null}
  }
  return {kind: 'page', page, anchor, exists: false, ...explainMissing(index, pageFolder, pathPart, absolute, walked)}
}

/** Whether `folder` holds `<name>.meta.json`; asks the file system for languages that were not loaded. */
export function folderExists(index: DocsIndex, folder: string): boolean {
  if (folder === '' || folder.startsWith('..')) return false
  const lang = langOf(folder)
  if (lang !== null && index.languages.includes(lang)) return index.folders.has(folder)
  return index.fs.isFile(metaFileOf(folder))
}

interface Explanation {
  hint: string | null
  suggestion: string | null
}

function explainMissing(
  index: DocsIndex,
  pageFolder: string,
  pathPart: string,
  absolute: boolean,
  walked: WalkedPath,
): Explanation {
  const exists = (folder: string): boolean => folderExists(index, folder)
  const found = (hint: string, suggestion: string | null): Explanation => ({hint, suggestion})
  const resolvedLang = walked.escaped === 0 ? langOf(walked.segments.join('/')) : null
  const insideLanguage = resolvedLang !== null && index.allLanguages.includes(resolvedLang)
  const pageLang = langOf(pageFolder)

  // A written `.md` suffix: `x/x.md` or `x.md` for the folder `x`.
  const last = walked.segments[walked.segments.length - 1] ?? ''
  if (walked.escaped === 0 && last.endsWith('.md')) {
    const name = last.slice(0, -3)
    const parent = walked.segments.slice(0, -1)
    const folder = parent[parent.length - 1] === name ? parent.join('/') : [...parent, name].join('/')
    if (exists(folder)) return found(`remove the .md suffix: ${folder} exists`, folder)
  }

  if (!absolute) {
    const segments = splitPath(pathPart)
    const firstUp = segments.indexOf('..')
    const fewer = firstUp === -1 ? null : formatWalkedPath(walkPath(pageFolder, segments.filter((_, i) => i !== firstUp).join('/')))
    const leftLanguage = !insideLanguage && resolvedLang !== pageLang
    const climbs =
      walked.escaped > 0 ? 'the path climbs above the docs root' : leftLanguage ? 'the path climbs above the language folder' : null
    if (fewer !== null && exists(fewer)) {
      return found(climbs ? `${climbs}: one '../' too many; ${fewer} exists` : `one '../' too many: ${fewer} exists`, fewer)
    }
    if (climbs) return found(climbs, null)
    const more = formatWalkedPath(walkPath(pageFolder, `../${pathPart}`))
    if (exists(more)) return found(`one '../' too few: ${more} exists`, more)
  } else if (walked.escaped === 0 && !insideLanguage && pageLang !== null) {
    const withLanguage = [pageLang, ...walked.segments].join('/')
    if (exists(withLanguage)) return found(`absolute paths start with the language folder: ${withLanguage} exists`, withLanguage)
  }

  if (insideLanguage) {
    const rest = walked.segments.slice(1).join('/')
    for (const other of index.allLanguages) {
      if (other !== resolvedLang && rest !== '' && exists(`${other}/${rest}`)) {
        return found(`exists in another language: ${other}/${rest}`, `${other}/${rest}`)
      }
    }
  }

  const name = last.endsWith('.md') ? last.slice(0, -3) : last
  const sameLang = resolvedLang !== null && insideLanguage ? resolvedLang : pageLang
  const namesakes = (index.foldersByName.get(name) ?? []).filter((folder) => langOf(folder) === sameLang)
  if (name !== '' && namesakes.length === 1) return found(`a page with this name exists at ${namesakes[0]}`, namesakes[0]!)
  if (name !== '' && namesakes.length > 1) {
    const shown = namesakes.slice(0, 3).join(', ') + (namesakes.length > 3 ? ', …' : '')
    return found(`pages with this name exist at ${shown}`, null)
  }
  return {hint: null, suggestion: null}
}

export interface HrefOptions {
  /** Prefix of every page path on the site; default `'/'` (a missing trailing `/` is added). */
  base?: string
}

/**
 * The site-absolute href of a page (its folder key) and optional anchor:
 * `/ru/start/partners/about-partners#x`, or `/docs/ru/…` with `{base: '/docs/'}`.
 * Path segments and the anchor are percent-encoded as URL components.
 */
export function hrefFor(index: DocsIndex, page: string, anchor: string | null, options: HrefOptions = {}): string {
  const base = options.base ?? '/'
  if (typeof base !== 'string') throw new TypeError('hrefFor: base must be a string')
  const prefix = base.endsWith('/') ? base : `${base}/`
  const path = splitPath(page).filter((segment) => segment !== '..').map(encodeURIComponent).join('/')
  return prefix + path + (anchor ? `#${encodeURIComponent(anchor)}` : '')
}
