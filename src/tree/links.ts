/**
 * Plain Markdown links and images inside a docs tree: internal URLs
 * (`/ru/…`, `../…`, `./assets/…`, `assets/x.png`) are resolved the way
 * `{linkto}` targets are — against the rendered page's folder, also for text
 * spliced in from a fragment — and rewritten to site-absolute URLs. A link to
 * a missing page is `link-missing-page`; an image, video, swagger spec or
 * downloadable file that is not in the tree is `asset-missing`.
 */
import type {Nodes, Root} from 'mdast'
import {report, type VkdocMessage} from '../diagnostics/report.js'
import {folderExists, resolveLinkTarget, type DocsIndex} from './index.js'
import {basenameOf, formatWalkedPath, splitPath, walkPath} from './paths.js'

/** A file of the tree that a rendered page references (an image, a video, a swagger spec, a download). */
export interface AssetReference {
  /** Root-relative path of the file in the tree (`ru/x/assets/a.png`); also its path in a build's output. */
  file: string
  /** The site URL the page now points at (`/ru/x/assets/a.png`, with the tree's base). */
  url: string
  /** Whether the file exists in the tree. */
  exists: boolean
}

export interface PlainUrlOptions {
  index: DocsIndex
  /** The rendered page's file (`ru/x/x.md`): relative URLs resolve against its folder. */
  page: string
  /** The page folder relative URLs resolve against (`ru/x`). */
  pageFolder: string
  /** Prefix of site-absolute URLs (default `/`). */
  base?: string
  /** The build target, stamped on the messages. */
  target?: string
  /**
   * Whether a missing asset at this tree path is worth reporting (a tree whose
   * images were left out cannot judge image references). Default: always.
   */
  shouldCheckAsset?: (file: string) => boolean
  /** Whether a folder that is no page of the tree is still served by the site (`ru/contacts`). */
  isSiteRoute?: (folder: string) => boolean
}

export interface PlainUrlResult {
  messages: VkdocMessage[]
  /** Every internal file referenced, in document order, duplicates removed. */
  assets: AssetReference[]
}

/** An internal URL split into the path to resolve and the query/fragment kept as written. */
export interface InternalUrl {
  /** The path part, percent-decoded where it decodes (`./assets/схема 1.png`). */
  path: string
  /** `?…` and/or `#…` as written, or `''`. */
  suffix: string
  /** Rooted at the docs root (`/ru/…`) rather than relative to the page folder. */
  absolute: boolean
}

const schemePattern = /^[a-z][a-z\d+.-]*:/i
/** A last path segment that names a file (`x.png`, `values.yaml`), not a page folder. */
const fileNamePattern = /\.[a-z\d]{1,10}$/i

/**
 * Split an internal URL, or return `null` for one that is not a tree path:
 * a scheme (`https:`, `mailto:`), protocol-relative `//host`, a same-page
 * `#anchor` or `?query`, or nothing at all.
 */
export function internalUrl(url: string): InternalUrl | null {
  const trimmed = url.trim()
  if (trimmed === '' || schemePattern.test(trimmed) || trimmed.startsWith('//')) return null
  const cut = trimmed.search(/[?#]/)
  const rawPath = cut === -1 ? trimmed : trimmed.slice(0, cut)
  if (rawPath === '') return null
  return {path: decodePath(rawPath), suffix: cut === -1 ? '' : trimmed.slice(cut), absolute: rawPath.startsWith('/')}
}

function decodePath(path: string): string {
  if (!path.includes('%')) return path
  try {
    return decodeURI(path)
  } catch {
    // A stray `%` is a literal character of the file name.
    return path
  }
}

type UrlNode = Extract<Nodes, {type: 'link' | 'definition' | 'image' | 'swagger' | 'video'}>
const urlNodeTypes: ReadonlySet<string> = new Set(['link', 'definition', 'image', 'swagger', 'video'])

/**
 * Nodes whose URL names a file rather than a page, whatever it looks like:
 * media, and links marked as downloads (`"download"` title) or into an `assets/` folder.
 */
function isAssetNode(node: UrlNode, segments: readonly string[]): boolean {
  if (node.type === 'image' || node.type === 'swagger' || node.type === 'video') return true
  return (node.type === 'link' && node.title?.trim() === 'download') || segments.includes('assets')
}

function describe(node: UrlNode): string {
  if (node.type === 'swagger' || (node.type === 'image' && node.alt === '{swagger}')) return 'swagger spec'
  if (node.type === 'video') return 'video'
  if (node.type === 'image') return 'image'
  return 'linked file'
}

/**
 * Resolve and rewrite, in place, the URL of every `link`, `definition`,
 * `image`, `swagger` and `video` node of a rendered page that points inside
 * the tree, and report what does not exist. Anchors of plain links are not
 * checked (only `{linkto}` anchors are). Never throws on author input.
 */
export function resolvePlainUrls(tree: Root, options: PlainUrlOptions): PlainUrlResult {
  const {index, page, pageFolder} = options
  const prefix = (options.base ?? '/').endsWith('/') ? (options.base ?? '/') : `${options.base}/`
  const shouldCheckAsset = options.shouldCheckAsset ?? (() => true)
  const isSiteRoute = options.isSiteRoute ?? (() => false)
  const messages: VkdocMessage[] = []
  const assets = new Map<string, AssetReference>()
  const targets = options.target ? [options.target] : undefined

  const problem = (code: 'link-missing-page' | 'asset-missing', reason: string, node: UrlNode): void => {
    const file = node.data?.file ?? page
    // Text from a fragment resolved against the including page: say which page, it decides the result.
    const from = file === page ? '' : ` (resolved from the folder of the including page \`${pageFolder}\`)`
    messages.push(report(code, reason + from, node.position, {file, targets}))
  }

  const visit = (node: UrlNode): void => {
    const url = internalUrl(node.url)
    if (url === null) return
    const walked = walkPath(url.absolute ? '' : pageFolder, url.path)
    const resolved = formatWalkedPath(walked)
    const written = node.url.trim()
    const last = basenameOf(walked.segments.join('/'))
    // A link names a page unless it names a file that exists or looks like one (`x.pdf`); `x.md` is a page written wrong.
    const isPageLink =
      !isAssetNode(node, walked.segments) &&
      (last.endsWith('.md') || (!index.fs.isFile(resolved) && (folderExists(index, resolved) || !fileNamePattern.test(last))))

    if (isPageLink) {
      const resolution = resolveLinkTarget(index, pageFolder, url.path)
      if (resolution.kind !== 'page') return
      if (walked.escaped === 0) node.url = prefix + siteSegments(resolution.page) + url.suffix
      if (!resolution.exists && !isSiteRoute(resolution.page)) {
        problem('link-missing-page', `Unexpected link target \`${written}\`: \`${resolution.page}\` does not exist${resolution.hint ? ` (${resolution.hint})` : ''}`, node)
      }
      return
    }

    const kind = describe(node)
    if (walked.escaped > 0) {
      problem('asset-missing', `Unexpected ${kind} \`${written}\`: it points outside the docs root`, node)
      return
    }
    if (index.fs.escapes?.(resolved)) {
      // Never read nor copied: its real path is outside the tree.
      messages.push(report('asset-outside-root', `Unexpected ${kind} \`${written}\`: \`${resolved}\` is a symbolic link that leaves the docs root`, node.position, {file: node.data?.file ?? page, targets}))
      return
    }
    const exists = index.fs.isFile(resolved)
    node.url = prefix + siteSegments(resolved) + url.suffix
    if (!assets.has(resolved)) assets.set(resolved, {file: resolved, url: prefix + siteSegments(resolved), exists})
    if (!exists && shouldCheckAsset(resolved)) {
      problem('asset-missing', `Unexpected ${kind} \`${written}\`: \`${resolved}\` is not a file of the docs tree`, node)
    }
  }

  const stack: Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (urlNodeTypes.has(node.type) && typeof (node as UrlNode).url === 'string') visit(node as UrlNode)
    if ('children' in node) for (let at = node.children.length - 1; at >= 0; at--) stack.push(node.children[at] as Nodes)
  }
  return {messages, assets: [...assets.values()]}
}

/** Root-relative tree path → percent-encoded URL path (no leading `/`). */
function siteSegments(path: string): string {
  return splitPath(path).map(encodeURIComponent).join('/')
}
