/**
 * A live documentation tree: pages rendered inside their tree (includes,
 * variables, build targets, cross-references), with caches keyed by file so
 * an edit re-checks only what depends on it.
 */
import type {Root as DialectRoot} from '../ast.js'
import {compile, type CompileOptions, type Compiled} from '../compile.js'
import {parse, type ParseResult} from '../parser/index.js'
import {capMessages} from '../diagnostics/caps.js'
import {pageSizeCut, pageSizeReason, resolveLimits, type Limits} from '../diagnostics/limits.js'
import {compareCodePoints, report} from '../diagnostics/report.js'
import {
  hrefFor,
  langOf,
  loadIndex,
  pageFolderOf,
  resolveIncludePath,
  resolveLinkTarget,
  variableValue,
  type DocsIndex,
  type FileSystem,
  type PageEntry,
} from './index.js'
import {dirnameOf, normalizeTreePath} from './paths.js'
import {configuredSiteRoutes, extensionOf, fileKindsOf} from './site-files.js'
import {expand, type Expanded, type IncludeResolution} from '../expand/expand.js'
import {expansionAnchors, plainHeadingSlugs, walkDirectives} from '../lower/anchors.js'
import type {LinkResolution} from '../constructs/types.js'
import {resolvePlainUrls, type AssetReference} from './links.js'

export interface DocsTreeOptions {
  /** Load only this language (default: every language of the tree). */
  lang?: string
  /** Prefix of site-absolute hrefs (default `/`). */
  base?: string
  /**
   * When a missing image, video, swagger spec or linked file is `asset-missing`:
   * `'always'`; `'never'`; or `'auto'` (default): only for file kinds (extensions)
   * the tree holds at least one file of, so a checkout whose images were left
   * out (text-only copies, the test corpus) is not flooded with reports.
   */
  checkAssets?: 'auto' | 'always' | 'never'
  /**
   * Pages the site serves beyond the tree, as names under each language
   * (`['contacts']` → `/ru/contacts`, `/en/contacts`): plain links to them are
   * not `link-missing-page`. Default: `contacts` when a `config/*.mjs` configures
   * the site's contacts page (a `contacts:` section), else none.
   */
  siteRoutes?: readonly string[]
  /** Budgets of every render in this tree (include depth and count, expanded size, nesting, diagnostics); see `Limits`. */
  limits?: Limits
}

/** A variable used for a build target that has no value for it, and a file using it there. */
export interface VariableGapRecord {
  lang: string
  name: string
  target: string
  example: string
}

/** A page rendered inside its tree: the compiled page plus the tree files it references. */
export interface RenderedPage extends Compiled {
  /** Images, videos, swagger specs and linked files of the tree the page points at (URLs already rewritten). */
  assets: AssetReference[]
}

export interface RenderOptions extends Omit<CompileOptions, 'target' | 'file' | 'path'> {
  target?: string
  /** Render this text instead of the file's (an editor buffer, a draft placed with `--as`). */
  text?: string
}

type Anchors = ReturnType<typeof expansionAnchors>

/** Dialect ASTs of files other than fragments kept (see `DocsTree.tree`): a page's renders for its targets follow each other. */
const maxRecentTrees = 32

/** At most this many expansions wait for their page's render (see `DocsTree.anchors`); ru has 1,494 pages. */
const maxExpansionsAhead = 4096

/** A docs tree on a file system, with parse/expansion caches and dependency tracking. */
export class DocsTree {
  readonly fs: FileSystem
  index: DocsIndex
  readonly options: DocsTreeOptions
  private readonly overlay = new Map<string, string>()
  private readonly texts = new Map<string, string | undefined>()
  /** Parses of fragments, and of the other files most recently used last (see `tree`). */
  private readonly fragmentParses = new Map<string, ParseResult>()
  private readonly recentParses = new Map<string, ParseResult>()
  private readonly anchorCache = new Map<string, Anchors>()
  /** fragment → pages whose expansion read it through `{include}` (nested includes too). */
  private readonly includers = new Map<string, Set<string>>()
  /** page file → pages whose `{linkto}` resolved against it (its anchors, title, numbers). */
  private readonly linkers = new Map<string, Set<string>>()
  /** Forwards, as renders and expansions record them: page → fragments it read, pages it linked to, variables (`lang/name`) it looked up. */
  private readonly fragmentsRead = new Map<string, Set<string>>()
  private readonly pagesLinked = new Map<string, Set<string>>()
  private readonly variablesRead = new Map<string, Set<string>>()

  /** `index`: one already loaded from the same files and `lang` (a build's worker threads take the main thread's). */
  constructor(fs: FileSystem, options: DocsTreeOptions = {}, index?: DocsIndex) {
    this.fs = fs
    this.options = options
    this.index = index ?? loadIndex(fs, options.lang ? {lang: options.lang} : {})
  }

  /** The text of a tree file (edits made with `update` win). */
  read(file: string): string | undefined {
    if (this.overlay.has(file)) return this.overlay.get(file)
    if (!this.texts.has(file)) {
      let text = this.fs.readFile(file)
      const cut = text === undefined ? null : pageSizeCut(text, resolveLimits(this.options.limits).maxPageSize)
      if (text !== undefined && cut !== null) {
        this.truncated.set(file, text.length)
        text = text.slice(0, cut)
      }
      this.texts.set(file, text)
    }
    return this.texts.get(file)
  }

  /** Files read only up to `limits.maxPageSize`: their full length. */ private readonly truncated = new Map<string, number>()

  /** The dialect AST of a tree file, cached: every fragment, and the 32 other files used last (all of ru's pages would hold 40 MB). */
  tree(file: string): DialectRoot | undefined {
    return this.parsed(file)?.tree
  }

  /** The parse of a tree file (its AST and its parse messages, shared: copy one before changing it), cached as `tree` says. */
  parsed(file: string): ParseResult | undefined {
    const cache = this.index.fragments.has(file) ? this.fragmentParses : this.recentParses
    let parsed = cache.get(file)
    if (!parsed) {
      const text = this.read(file)
      if (text === undefined) return undefined
      parsed = parse(text, {file})
      if (cache === this.recentParses && cache.size >= maxRecentTrees) cache.delete(cache.keys().next().value!)
    }
    // Used last: kept longest.
    cache.delete(file)
    cache.set(file, parsed)
    return parsed
  }

  /** Every page, in a stable order. */
  pages(): PageEntry[] {
    return [...this.index.pages.values()].sort((a, b) => compareCodePoints(a.file, b.file))
  }

  /** The page whose file (`ru/x/x.md`) or folder (`ru/x`) is given. */
  page(fileOrFolder: string): PageEntry | undefined {
    return this.index.pages.get(fileOrFolder) ?? this.index.pages.get(pageFolderOf(fileOrFolder) ?? '')
  }

  private graphsComplete = false

  /**
   * The include and link graphs of the whole tree, from the dialect ASTs (no
   * rendering): a live tree must know who includes a fragment before any page
   * was rendered. Conditions are ignored here, so a dependency that only one
   * target has is still followed.
   */
  private ensureGraphs(): void {
    if (this.graphsComplete) return
    this.graphsComplete = true
    const files = [...this.pages().map((page) => page.file), ...[...this.index.fragments].sort()]
    for (const file of files) {
      const tree = this.tree(file)
      if (!tree) continue
      for (const node of walkDirectives(tree.children)) {
        if (node.context !== 'text') continue
        if (node.name === 'include') {
          const resolved = resolveIncludePath(this.index, file, node.path)
          if ('file' in resolved) this.depend(this.includers, resolved.file, file)
        } else if (node.name === 'linkto' && this.page(file)) {
          const resolution = resolveLinkTarget(this.index, pageFolderOf(file) ?? dirnameOf(file), node.target)
          const target = resolution.kind === 'page' && resolution.exists ? this.index.pages.get(resolution.page) : undefined
          if (target && target.file !== file) this.depend(this.linkers, target.file, file)
        }
      }
    }
  }

  private depend(graph: Map<string, Set<string>>, on: string, file: string): void {
    let set = graph.get(on)
    if (!set) graph.set(on, (set = new Set()))
    set.add(file)
  }

  /** Include resolution for `file`'s expansion (records the dependency). */
  private includeResolver(page: string): (path: string, fromFile: string) => IncludeResolution {
    return (path, fromFile) => {
      const resolved = resolveIncludePath(this.index, fromFile, path)
      if ('error' in resolved) {
        return {error: resolved.error, reason: resolved.error === 'outside-root' ? `\`${resolved.resolved}\` is outside the docs root${resolved.resolved.startsWith('..') ? '' : ' (a symbolic link that leaves it)'}` : `\`${resolved.resolved}\` does not exist`}
      }
      const source = this.read(resolved.file)
      if (source === undefined) return {error: 'not-found', reason: `\`${resolved.file}\` cannot be read (${this.fs.readProblem?.(resolved.file) ?? 'unreadable'})`}
      this.depend(this.includers, resolved.file, page)
      this.depend(this.fragmentsRead, page, resolved.file)
      const fromLang = langOf(fromFile)
      const toLang = langOf(resolved.file)
      const warning =
        fromLang && toLang && fromLang !== toLang
          ? {code: 'include-cross-language' as const, reason: `Unexpected include of the \`${toLang}\` fragment \`${resolved.file}\` into a \`${fromLang}\` file, expected a fragment of the same language`}
          : undefined
      return {file: resolved.file, source, tree: this.tree(resolved.file), warning}
    }
  }

  /**
   * Variable values of `file`'s language for `target`. A variable with
   * per-build-point values but none for `target` renders its first value and
   * is recorded in `variableGaps` (reported once, at the meta file line).
   */
  variables(file: string, target: string): (name: string) => string | undefined {
    const lang = langOf(file) ?? this.index.languages[0] ?? 'ru'
    return (name) => {
      this.depend(this.variablesRead, file, `${lang}/${name}`)
      const lookup = variableValue(this.index, lang, name, target)
      if ('value' in lookup) return lookup.value
      if (lookup.error === 'no-value') {
        this.recordVariableGap({lang, name, target, example: file})
        const definition = this.index.variables.get(lang)?.get(name)
        if (definition && definition.kind === 'per-build-point') return definition.values.values().next().value
      }
      return undefined
    }
  }

  /** Variables used by pages of a target for which they have no value: lang/name → target → an example file. */
  readonly variableGaps = new Map<string, {lang: string; name: string; targets: Map<string, string>}>()

  /** Note that `example` used variable `name` of `lang` for `target`, which has no value for it. */
  recordVariableGap(gap: VariableGapRecord): void {
    const key = `${gap.lang}\u0000${gap.name}`
    let entry = this.variableGaps.get(key)
    if (!entry) this.variableGaps.set(key, (entry = {lang: gap.lang, name: gap.name, targets: new Map()}))
    // The example is the first file in code-point order, whatever order pages were expanded in (a cached run expands fewer).
    const example = entry.targets.get(gap.target)
    if (example === undefined || gap.example < example) entry.targets.set(gap.target, gap.example)
    let ofPage = this.gapsByFile.get(gap.example)
    if (!ofPage) this.gapsByFile.set(gap.example, (ofPage = new Map()))
    ofPage.set(`${key}\u0000${gap.target}`, gap)
  }

  /** The variable gaps `file`'s expansions met (each once), whichever file was recorded first as their example. */
  variableGapsOf(file: string): VariableGapRecord[] {
    return [...(this.gapsByFile.get(file)?.values() ?? [])]
  }

  private readonly gapsByFile = new Map<string, Map<string, VariableGapRecord>>()

  /** Expand a page for a target (includes, conditions, variables), without parsing Markdown. */
  expand(file: string, target: string, text?: string, limits: Limits | undefined = this.options.limits): Expanded {
    const source = text ?? this.read(file) ?? ''
    const sources = this.expansionSources
    const resolveInclude = this.includeResolver(file)
    return expand(source, {
      file,
      target,
      tree: text === undefined ? this.tree(file) : undefined,
      variables: this.variables(file, target),
      reportUndefinedVariables: true,
      limits,
      resolveInclude: (path, fromFile) => {
        const resolution = resolveInclude(path, fromFile)
        if ('file' in resolution) sources.set(resolution.file, resolution.source)
        return resolution
      },
    })
  }

  /** Texts of every file read through includes (for positions in fragments). */
  readonly expansionSources = new Map<string, string>()

  /** Anchors (heading/caption ids) of a page for a target, from its expanded text (no Markdown parse). */
  anchors(page: PageEntry, target: string): Anchors {
    const key = `${page.file}\u0000${target}`
    let anchors = this.anchorCache.get(key)
    if (!anchors) {
      const expanded = this.expand(page.file, target)
      anchors = expansionAnchors(expanded)
      this.anchorCache.set(key, anchors)
      // Kept for the page's own render, which then neither expands nor parses it again (bounded: a tree
      // asked for the anchors of pages it never renders, as the language server is, must not grow forever).
      if (this.expansionsAhead.size < maxExpansionsAhead) this.expansionsAhead.set(key, expanded)
    }
    return anchors
  }

  /** Expansions made for anchors (page and target → expansion), taken by the page's first render. */
  private readonly expansionsAhead = new Map<string, Expanded>()

  /** Resolve a `{linkto}` target written in (or included into) `pageFile`, for `target`. */
  resolveLink(pageFile: string, linkTarget: string, target: string): LinkResolution & {problem?: {code: 'linkto-missing-page' | 'linkto-missing-anchor' | 'linkto-cross-language' | 'linkto-anchor-plain-heading-only'; reason: string}} {
    const folder = pageFolderOf(pageFile) ?? pageFile.split('/').slice(0, -1).join('/')
    const resolution = resolveLinkTarget(this.index, folder, linkTarget)
    if (resolution.kind === 'same-page') {
      const page = this.page(pageFile)
      const url = '#' + resolution.anchor
      if (!page) return {url}
      for (const other of page.targets) {
        const found = this.anchors(page, other).ids.get(resolution.anchor)
        if (found) return found.kind === 'heading' ? {url, title: found.text} : {url, number: found.text}
      }
      return {url, problem: {code: 'linkto-missing-anchor', reason: `Unexpected anchor \`#${resolution.anchor}\`: no \`{heading}\` or \`{caption}\` of this page has this id`}}
    }
    const href = hrefFor(this.index, resolution.page, resolution.anchor, {base: this.options.base})
    if (!resolution.exists) {
      return {url: href, problem: {code: 'linkto-missing-page', reason: `Unexpected link target \`${linkTarget.trim()}\`: \`${resolution.page}\` does not exist${resolution.hint ? ` (${resolution.hint})` : ''}`}}
    }
    const targetPage = this.index.pages.get(resolution.page)
    const result: LinkResolution & {problem?: {code: 'linkto-missing-page' | 'linkto-missing-anchor' | 'linkto-cross-language' | 'linkto-anchor-plain-heading-only'; reason: string}} = {url: href}
    const fromLang = langOf(pageFile)
    const toLang = langOf(resolution.page)
    if (fromLang && toLang && fromLang !== toLang) {
      result.problem = {code: 'linkto-cross-language', reason: `Unexpected link from a \`${fromLang}\` page to the \`${toLang}\` page \`${resolution.page}\``}
    }
    if (!targetPage) return result
    this.depend(this.linkers, targetPage.file, pageFile)
    this.depend(this.pagesLinked, pageFile, targetPage.file)
    if (resolution.anchor === null) {
      result.title = this.anchors(targetPage, target).title ?? targetPage.title ?? undefined
      return result
    }
    // The TSV rule: an anchor is missing when no build point of the target page defines it.
    for (const other of [target, ...targetPage.targets.filter((point) => point !== target)]) {
      const found = this.anchors(targetPage, other).ids.get(resolution.anchor)
      if (!found) continue
      if (found.kind === 'heading') result.title = found.text
      else result.number = found.text
      return result
    }
    if (plainHeadingSlugs(this.expand(targetPage.file, target).text).has(resolution.anchor)) {
      result.problem = {
        code: 'linkto-anchor-plain-heading-only',
        reason: `Unexpected anchor \`#${resolution.anchor}\`: only a plain Markdown heading of \`${resolution.page}\` has this slug, and plain headings get no id; expected a \`{heading(…)[id=${resolution.anchor}]}\``,
      }
      return result
    }
    result.problem = {code: 'linkto-missing-anchor', reason: `Unexpected anchor \`#${resolution.anchor}\`: no \`{heading}\` or \`{caption}\` of \`${resolution.page}\` has this id`}
    return result
  }

  /** Render a page (or a draft placed at `file`) inside the tree for one target. */
  render(file: string, options: RenderOptions & {expanded?: Expanded} = {}): RenderedPage {
    const target = options.target ?? 'public'
    if (normalizeTreePath(file) === null) return this.renderOutside(file, target, options)
    const source = options.text ?? this.read(file)
    if (source === undefined) {
      if (!this.fs.isFile(file)) throw new Error(`vkdoc: ${file} is not a file of the docs tree`)
      // Listed but unreadable: one diagnostic naming it, and the run goes on.
      const why = this.fs.readProblem?.(file) ?? 'it cannot be read'
      const compiled = compile('', {file, target})
      const message = report('file-unreadable', `Cannot read \`${file}\`: ${why}`, {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}}, {file})
      compiled.messages.push(message), compiled.renderMessages.push(message)
      return {...compiled, assets: []}
    }
    const limits = options.limits ?? this.options.limits
    const key = `${file}\u0000${target}`
    const ahead = options.text === undefined && limits === this.options.limits ? this.expansionsAhead.get(key) : undefined
    this.expansionsAhead.delete(key)
    const expanded = options.expanded ?? ahead ?? this.expand(file, target, options.text, limits)
    const {text: _draft, ...compileOptions} = options
    const compiled = compile(source, {
      ...compileOptions,
      limits,
      file,
      path: file,
      target,
      tree: options.text === undefined ? this.tree(file) : undefined,
      expanded,
      sources: this.expansionSources,
      resolveLink: (linkTarget) => this.resolveLink(file, linkTarget, target),
    })
    // Plain links and images: the page folder decides, as for linkto (fragment text is spliced into the page).
    const urls = resolvePlainUrls(compiled.mdast, {
      index: this.index,
      page: file,
      pageFolder: pageFolderOf(file) ?? dirnameOf(file),
      base: this.options.base,
      target,
      shouldCheckAsset: (path) => this.shouldCheckAsset(path),
      isSiteRoute: (folder) => this.isSiteRoute(folder),
    })
    const cutFiles = [file, ...expanded.includes].filter((path, index, all) => this.truncated.has(path) && all.indexOf(path) === index)
    const cutMessages = cutFiles.map((path) => report('page-size-limit', pageSizeReason(path, this.truncated.get(path)!, resolveLimits(this.options.limits).maxPageSize), undefined, {file: path}))
    compiled.messages = capMessages([...compiled.messages, ...urls.messages, ...cutMessages], resolveLimits(limits))
    compiled.renderMessages = capMessages([...compiled.renderMessages, ...urls.messages, ...cutMessages], resolveLimits(limits))
    // The page's own anchors came with the render: keep them for pages that link here.
    if (options.text === undefined && !this.anchorCache.has(key)) this.anchorCache.set(key, compiled.anchors)
    return {...compiled, assets: urls.assets}
  }

  /** A file given with a path that leaves the root (`../draft.md`) is rendered on its own: placing it would drop its `..`. */
  private renderOutside(file: string, target: string, options: RenderOptions): RenderedPage {
    const {text, ...rest} = options
    const compiled = compile(text ?? '', {...rest, file, target})
    const message = report('page-outside-root', `Unexpected file \`${file}\` outside the docs root: rendered on its own, without the tree (place it in the tree with \`--as PAGE\`)`, undefined, {file})
    compiled.messages.push(message)
    compiled.renderMessages.push(message)
    return {...compiled, assets: []}
  }

  private assetKinds: ReadonlySet<string> | undefined
  private siteRouteNames: ReadonlySet<string> | undefined

  /** Whether `folder` (`ru/contacts`) is a page the site serves outside the tree (see `DocsTreeOptions.siteRoutes`). */
  isSiteRoute(folder: string): boolean {
    this.siteRouteNames ??= new Set(this.options.siteRoutes ?? configuredSiteRoutes(this.fs))
    const slash = folder.indexOf('/')
    return slash > 0 && this.siteRouteNames.has(folder.slice(slash + 1))
  }

  /** Whether a missing asset at `path` is reported (see `DocsTreeOptions.checkAssets`). */
  shouldCheckAsset(path: string): boolean {
    const mode = this.options.checkAssets ?? 'auto'
    if (mode !== 'auto') return mode === 'always'
    this.assetKinds ??= fileKindsOf(this.fs, this.index.allLanguages)
    return this.assetKinds.has(extensionOf(path))
  }

  /**
   * Replace a file's text (an editor buffer) and return the files whose
   * rendering depends on it: itself, the pages including it (their text
   * changed), and the pages linking to any of those (a title, anchor or
   * caption number they show may have changed). Links are followed one step
   * only: a page linking to a linking page shows nothing that changed.
   * Dependencies are those recorded by earlier `render`/`expand` calls.
   * `null` drops the edit (a buffer closed, the disk changed): reads see the disk again.
   */
  update(file: string, text: string | null): string[] {
    this.ensureGraphs()
    if (text === null) for (const cache of [this.overlay, this.texts]) cache.delete(file)
    else this.overlay.set(file, text)
    this.recentParses.delete(file)
    this.fragmentParses.delete(file)
    const changed = new Set<string>([file])
    const queue = [file]
    while (queue.length > 0) {
      const current = queue.pop()!
      for (const includer of this.includers.get(current) ?? []) {
        if (!changed.has(includer)) {
          changed.add(includer)
          queue.push(includer)
        }
      }
    }
    const affected = new Set(changed)
    for (const page of changed) for (const linker of this.linkers.get(page) ?? []) affected.add(linker)
    for (const cache of [this.anchorCache, this.expansionsAhead]) {
      for (const key of [...cache.keys()]) {
        const owner = key.slice(0, key.indexOf('\u0000'))
        if (changed.has(owner)) cache.delete(key)
      }
    }
    return [...affected]
  }

  /**
   * What a rendering of `file` was made from, as recorded so far: the page, its meta file, the fragments its
   * expansion read, `variable:<lang>/<name>` for each variable it looked up (defined or not), and the same of
   * each page whose title, anchors or numbers it used. A cached result of the page is checked against these.
   */
  dependenciesOf(file: string): string[] {
    const files = new Set<string>([file])
    const addPage = (page: string): void => {
      files.add(page)
      const meta = this.page(page)?.metaFile
      if (meta) files.add(meta)
      for (const fragment of this.fragmentsRead.get(page) ?? []) files.add(fragment)
      for (const variable of this.variablesRead.get(page) ?? []) files.add(`variable:${variable}`)
    }
    addPage(file)
    for (const linked of this.pagesLinked.get(file) ?? []) addPage(linked)
    return [...files].sort()
  }

  /** Files whose expansion read `file` through `{include}` (nested includes too), as recorded by earlier renders. */
  includersOf(file: string): ReadonlySet<string> {
    this.ensureGraphs()
    return this.includers.get(file) ?? new Set()
  }
}
