/**
 * Rendering a list of pages of a tree to files: shared by the single-thread
 * build and the worker threads.
 */
import {mkdirSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import type {AssetReference} from '../tree/links.js'
import {loadDocs} from '../node.js'
import type {DocsTree} from '../tree/docs-tree.js'
import {faqFromCompiled} from '../compile.js'
import {hastToHtml} from '../render/to-html.js'
import {mdastToHast} from '../render/to-hast.js'
import type {Linkto} from '../constructs/nodes.js'
import type {Nodes} from 'mdast'

export interface BuildJob {
  root: string
  lang?: string
  target: string
  out: string
  files: string[]
}

export interface ManifestPage {
  file: string
  url: string
  title: string | null
  anchors: string[]
  links: string[]
  /** Site URLs of the tree files the page references (images, videos, swagger specs, downloads). */
  assets: string[]
  faq: string | null
}

export interface PlainMessage {
  file?: string
  line?: number
  column?: number
  code: string
  severity: string
  message: string
}

export interface BuildResult {
  pages: ManifestPage[]
  messages: PlainMessage[]
  /** Tree files the pages reference, each once (the caller copies those that exist). */
  assets: AssetReference[]
}

/**
 * Render `job.files` (pages of the tree) for `job.target`: write `OUT/<folder>/index.html`
 * (and `faq.json` for FAQ pages), and answer with manifest entries, diagnostics and the
 * assets referenced. `onPage` is called after each page (progress).
 */
export function renderPages(job: BuildJob, tree: DocsTree = loadDocs(job.root, {lang: job.lang}), onPage?: () => void): BuildResult {
  const result: BuildResult = {pages: [], messages: [], assets: []}
  const seenAssets = new Set<string>()
  for (const file of job.files) {
    const compiled = tree.render(file, {target: job.target})
    const folder = file.split('/').slice(0, -1).join('/')
    const html = hastToHtml(mdastToHast(compiled.mdast))
    const page = tree.page(file)
    const title = compiled.anchors.title ?? page?.title ?? null
    const document = `<!doctype html>\n<html lang="${folder.split('/')[0] ?? 'ru'}">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title ?? folder)}</title>\n<link rel="stylesheet" href="/vkdoc.css">\n<script src="/tabs.js" defer></script>\n</head>\n<body>\n<main>\n${html}\n</main>\n</body>\n</html>\n`
    const outFile = join(job.out, folder, 'index.html')
    mkdirSync(dirname(outFile), {recursive: true})
    writeFileSync(outFile, document)
    let faq: string | null = null
    if (/\/faq\/faq\.md$/.test(file)) {
      faq = join(folder, 'faq.json')
      writeFileSync(join(job.out, faq), JSON.stringify(faqFromCompiled(compiled, {meta: {title: page?.title ?? null}}), null, 2))
    }
    const assets = compiled.assets.map((asset) => asset.url)
    result.pages.push({file, url: '/' + folder, title, anchors: [...compiled.anchors.ids.keys()], links: collectLinks(compiled.mdast), assets, faq})
    for (const asset of compiled.assets) {
      if (seenAssets.has(asset.file)) continue
      seenAssets.add(asset.file)
      result.assets.push(asset)
    }
    for (const message of compiled.messages) {
      result.messages.push({file: message.file, line: message.line, column: message.column, code: String(message.ruleId), severity: message.severity, message: message.reason})
    }
    onPage?.()
  }
  return result
}

function collectLinks(tree: Nodes): string[] {
  const links: string[] = []
  const stack: Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'linkto') links.push((node as Linkto).url)
    else if (node.type === 'link') links.push(node.url)
    // Children pushed last-first, so links come out in document order.
    if ('children' in node) for (let at = node.children.length - 1; at >= 0; at--) stack.push(node.children[at] as Nodes)
  }
  return links
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`)
}
