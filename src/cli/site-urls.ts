/**
 * Where a built site's URLs point. Pages are rendered with site-absolute
 * URLs (`/ru/x`, `/ru/x/assets/a.png`); `--base /docs/` prefixes them (the
 * site lives under a sub-path), and `--base ./` rewrites them relative to
 * each page, with `index.html` spelled out for page links, so the folder
 * works opened straight from disk (`file://`) as well as from any server path.
 */
import type {Element, Root} from 'hast'

/** How a build links: under an absolute base path, or relative to each page. */
export type SiteBase = {kind: 'absolute'; path: string} | {kind: 'relative'}

/** `--base` as given (`/docs`, `/docs/`, `./`, `.`, default `/`). */
export function parseBase(value: string | undefined): SiteBase {
  if (value === undefined) return {kind: 'absolute', path: '/'}
  if (value === '.' || value === './') return {kind: 'relative'}
  return {kind: 'absolute', path: value.endsWith('/') ? value : `${value}/`}
}

/** The prefix a page at `folder` (`ru/x`) puts before a root-level file (`vkdoc.css`). */
export function rootPrefix(base: SiteBase, folder: string): string {
  if (base.kind === 'absolute') return base.path
  const depth = folder === '' ? 0 : folder.split('/').length
  return depth === 0 ? './' : '../'.repeat(depth)
}

/** Whether the last segment of a URL path names a file (`a.png`) rather than a page folder (`faq`). */
function namesFile(path: string): boolean {
  const last = path.slice(path.lastIndexOf('/') + 1)
  return /\.[A-Za-z0-9]{1,8}$/.test(last)
}

/** A site-absolute URL (`/ru/y#a`) as seen from the page at `folder`, relative, with `index.html` for pages. */
export function relativeUrl(url: string, folder: string): string {
  if (!url.startsWith('/') || url.startsWith('//')) return url
  const cut = url.search(/[?#]/)
  const path = cut === -1 ? url : url.slice(0, cut)
  const rest = cut === -1 ? '' : url.slice(cut)
  const to = path.split('/').filter(Boolean)
  const from = folder.split('/').filter(Boolean)
  let common = 0
  while (common < from.length && common < to.length - (namesFile(path) ? 1 : 0) && from[common] === to[common]) common++
  const parts = [...from.slice(common).map(() => '..'), ...to.slice(common)]
  if (!namesFile(path)) parts.push('index.html')
  const relative = parts.join('/') || 'index.html'
  return relative + rest
}

const urlAttributes = ['href', 'src', 'poster'] as const

/** Rewrite every site-absolute URL attribute of a page's hast to a relative one (see `relativeUrl`). */
export function relativizeUrls(tree: Root, folder: string): void {
  const stack: Array<Root | Element> = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'element') {
      for (const name of urlAttributes) {
        const value = node.properties[name]
        if (typeof value === 'string') node.properties[name] = relativeUrl(value, folder)
      }
    }
    for (const child of node.children) if (child.type === 'element') stack.push(child)
  }
}
