/**
 * Rendering a list of pages of a tree to files: shared by the single-thread
 * build and the worker threads.
 */
import {existsSync, lstatSync, mkdirSync, realpathSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import type {AssetReference} from '../tree/links.js'
import {loadDocs} from '../node.js'
import {DocsTree} from '../tree/docs-tree.js'
import {indexOn, type PortableIndex} from '../tree/load.js'
import {nodeFileSystem} from '../tree/node-fs.js'
import {faqFromCompiled} from '../compile.js'
import {hastToHtml} from '../render/to-html.js'
import {mdastToHast} from '../render/to-hast.js'
import type {Linkto} from '../constructs/nodes.js'
import type {Nodes} from 'mdast'
import picomatch from 'picomatch'
import {langOf} from '../tree/index.js'
import {parseBase, relativizeUrls, rootPrefix} from './site-urls.js'
import {isInside} from '../tree/node-fs.js'

export interface BuildJob {
  root: string
  lang?: string
  target: string
  out: string
  files: string[]
  /** `--base`: `/docs/` for a site under a sub-path, `./` for relative links (default `/`). */
  base?: string
  /** Globs of the FAQ pages (tree paths), whose `faq.json` is written beside their page. */
  faqPages?: readonly string[]
  /** Answer with each page's output and the hashes of the files it was made from (`--cache`). */
  forCache?: boolean
  /** The index of the tree at `root` for `lang`, loaded by the thread that hands out the job (workers take it instead of walking the tree again). */
  index?: PortableIndex
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
  /** Pages whose rendering failed (a bug in vkdoc): the page and what was thrown. The other pages are still built. */
  failures: Array<{file: string; error: string}>
}

/** The tree a build renders with: its hrefs carry the base path (relative links are made per page afterwards). */
export function buildTree(job: Pick<BuildJob, 'root' | 'lang' | 'base' | 'index'>): DocsTree {
  const base = parseBase(job.base)
  const options = {lang: job.lang, ...(base.kind === 'absolute' ? {base: base.path} : {})}
  if (!job.index) return loadDocs(job.root, options)
  const fs = nodeFileSystem(job.root)
  return new DocsTree(fs, options, indexOn(fs, job.index))
}

/** A rendered page as a whole HTML document; `head` is extra markup for the head (the preview server's reload script). */
export function pageDocument(tree: DocsTree, file: string, job: Pick<BuildJob, 'target' | 'base'>, head = ''): {compiled: ReturnType<DocsTree['render']>; html: string; title: string | null; folder: string} {
  const compiled = tree.render(file, {target: job.target})
  const folder = file.split('/').slice(0, -1).join('/')
  const base = parseBase(job.base)
  // The UI strings vkdoc adds (note labels, …) in the page's language.
  const hast = mdastToHast(compiled.mdast, {lang: langOf(file) ?? undefined})
  if (base.kind === 'relative') relativizeUrls(hast, folder)
  const body = hastToHtml(hast)
  const page = tree.page(file)
  const title = compiled.anchors.title ?? page?.title ?? null
  const prefix = rootPrefix(base, folder)
  const html = documentShell({lang: folder.split('/')[0] ?? '', title: title ?? folder, prefix, head, body})
  return {compiled, html, title, folder}
}

/** Everything a build makes of one page (written under OUT, kept in the cache). */
export interface PageOutput {
  file: string
  /** `OUT/<folder>/index.html`. */
  document: string
  /** `faq.json` beside it, for FAQ pages. */
  faq: {path: string; text: string} | null
  page: ManifestPage
  messages: PlainMessage[]
  assets: AssetReference[]
}

/** A page rendered for the cache: its output and the hash of every file it was made from. */
export interface CachablePage {
  output: PageOutput
  deps: Record<string, string>
}

export interface RenderOptions {
  /** Called after each page (progress). */
  onPage?: () => void
  /** Keep each page's output with the hashes of the files it was made from (for `--cache`). */
  forCache?: (file: string) => Record<string, string>
}

/** Render one page of the tree for `job.target`, without writing anything. */
export function renderPageOutput(tree: DocsTree, job: BuildJob, file: string): PageOutput {
  const isFaqPage = picomatch(job.faqPages ? [...job.faqPages] : ['**/faq/faq.md'], {dot: true})
  const base = parseBase(job.base)
  const urlPrefix = base.kind === 'absolute' ? base.path : '/'
  const {compiled, html: document, title, folder} = pageDocument(tree, file, job)
  const page = tree.page(file)
  const url = urlPrefix + folder
  let faq: PageOutput['faq'] = null
  if (isFaqPage(file)) {
    const meta = {title: page?.title ?? null, page: {url, file, lang: langOf(file) ?? null, target: job.target}}
    faq = {path: join(folder, 'faq.json'), text: JSON.stringify(faqFromCompiled(compiled, {meta}), null, 2)}
  }
  const messages = compiled.messages.map((message) => ({file: message.file, line: message.line, column: message.column, code: String(message.ruleId), severity: message.severity, message: message.reason}))
  const manifest = {file, url, title, anchors: [...compiled.anchors.ids.keys()], links: collectLinks(compiled.mdast), assets: compiled.assets.map((asset) => asset.url), faq: faq?.path ?? null}
  return {file, document, faq, page: manifest, messages, assets: compiled.assets}
}

/** Write a page's output under OUT (inside it, see `writeInside`). */
export function writePageOutput(out: string, output: PageOutput): void {
  writeInside(out, `${output.file.split('/').slice(0, -1).join('/')}/index.html`, output.document)
  if (output.faq) writeInside(out, output.faq.path, output.faq.text)
}

/** The manifest entries, diagnostics and assets (each once, first reference first) of page outputs, in their order. */
export function resultOf(outputs: readonly PageOutput[], failures: BuildResult['failures'] = []): BuildResult {
  const result: BuildResult = {pages: [], messages: [], assets: [], failures: [...failures]}
  const seenAssets = new Set<string>()
  for (const output of outputs) {
    result.pages.push(output.page)
    result.messages.push(...output.messages)
    for (const asset of output.assets) {
      if (seenAssets.has(asset.file)) continue
      seenAssets.add(asset.file)
      result.assets.push(asset)
    }
  }
  return result
}

/**
 * Render `job.files` (pages of the tree) for `job.target`: write `OUT/<folder>/index.html`
 * (and `faq.json` for FAQ pages), and answer with manifest entries, diagnostics and the
 * assets referenced (and, with `forCache`, each page's output and dependencies).
 */
export function renderPages(job: BuildJob, tree: DocsTree = buildTree(job), options: RenderOptions = {}): BuildResult & {cachable: CachablePage[]} {
  const outputs: PageOutput[] = []
  const failures: BuildResult['failures'] = []
  const cachable: CachablePage[] = []
  for (const file of job.files) {
    try {
      const output = renderPageOutput(tree, job, file)
      writePageOutput(job.out, output)
      outputs.push(output)
      if (options.forCache) cachable.push({output, deps: options.forCache(file)})
    } catch (error) {
      failures.push({file, error: error instanceof Error ? (error.stack ?? error.message) : String(error)})
    }
    options.onPage?.()
  }
  return {...resultOf(outputs, failures), cachable}
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

/** Language tags as BCP 47 writes them (`ru`, `en-US`); any other folder name gets no `lang`. */
const languageTag = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/

/**
 * The HTML document around a rendered page. Every value written into it is
 * escaped (`title`, the asset prefix), or dropped when it is not what its
 * attribute allows (`lang` from the language folder name). `head` and `body`
 * are markup vkdoc made.
 */
export function documentShell(parts: {lang: string; title: string; prefix?: string; head?: string; body: string}): string {
  const lang = languageTag.test(parts.lang) ? ` lang="${escapeHtml(parts.lang)}"` : ''
  const prefix = escapeHtml(parts.prefix ?? '/')
  return `<!doctype html>\n<html${lang}>\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(parts.title)}</title>\n<link rel="stylesheet" href="${prefix}vkdoc.css">\n<script src="${prefix}tabs.js" defer></script>\n${parts.head ?? ''}</head>\n<body>\n<main>\n${parts.body}\n</main>\n</body>\n</html>\n`
}

/** Output paths (relative to OUT) of what a build writes besides assets: assets never overwrite them. */
export function renderedFiles(files: readonly string[], faqPages?: readonly string[]): Set<string> {
  const isFaqPage = picomatch(faqPages ? [...faqPages] : ['**/faq/faq.md'], {dot: true})
  const written = new Set(['manifest.json', 'tabs.js', 'vkdoc.css'])
  for (const file of files) {
    const folder = file.split('/').slice(0, -1).join('/')
    written.add(`${folder}/index.html`)
    if (isFaqPage(file)) written.add(`${folder}/faq.json`)
  }
  return written
}

/**
 * Make the folder of `out/path` and return the full path, refusing (throwing)
 * when that folder is not inside OUT once symbolic links are resolved, or when
 * the file itself is a symbolic link: a link left in OUT must not carry a
 * write elsewhere. Checked before any folder is made.
 */
export function outputPath(out: string, path: string): string {
  const to = join(out, path)
  const realOut = realpathSync.native(out)
  let existing = dirname(to)
  while (!existsSync(existing)) existing = dirname(existing)
  const refuse = (): never => {
    throw new Error(`${path} would be written outside ${out} (through a symbolic link)`)
  }
  if (!isInside(realOut, realpathSync.native(existing))) refuse()
  if (existing === dirname(to)) {
    // Writing and copying follow a link at the file's own path.
    if (lstatSync(to, {throwIfNoEntry: false})?.isSymbolicLink()) refuse()
  } else mkdirSync(dirname(to), {recursive: true})
  return to
}

/** Write `data` to `out/path`, inside OUT (see `outputPath`). */
export function writeInside(out: string, path: string, data: string | Uint8Array): void {
  writeFileSync(outputPath(out, path), data)
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
}
