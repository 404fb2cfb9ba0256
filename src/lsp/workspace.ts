/**
 * The live state behind the language server: one docs tree over the
 * workspace folder, the editor's open buffers laid over it, and which open
 * documents must be checked again after an edit.
 *
 * Buffers are the truth while open (`DocsTree.update`); closing one gives
 * the disk back (`DocsTree.update(file, null)`). A file created, deleted or renamed on
 * disk, or a meta or config file changed, rebuilds the tree (the index of
 * pages, titles, build targets and variables comes from those files).
 */
import {isAbsolute, join, relative, sep} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {DocsTree, type DocsTreeOptions} from '../tree/docs-tree.js'
import type {FileSystem} from '../tree/fs.js'
import {nodeFileSystem} from '../tree/node-fs.js'
import {dirnameOf, langOf, pageFolderOf} from '../tree/paths.js'
import type {ParsedSection} from '../lower/markdown.js'
import {DocumentText} from './positions.js'
import type {LintSettings} from './settings.js'

export interface WorkspaceOptions extends DocsTreeOptions {
  /** Absolute folder of the docs root (the folder holding `ru/` and `config/`). */
  root: string
  /** The tree's files (default: the disk under `root`; tests pass a memory file system). */
  fileSystem?: () => FileSystem
  /** How files are linted and which are skipped (default: vkdoc's defaults, nothing skipped). */
  lint?: LintSettings
}

/** An open editor buffer. */
export interface OpenDocument {
  uri: string
  /** Root-relative path in the tree, or `null` for a file outside it. */
  file: string | null
  text: string
  version: number
}

/**
 * A page's parsed Markdown sections, kept across edits: an edit changes one
 * section, the others are taken from here. After each check the sections
 * that check did not use (the text before an edit) are dropped.
 */
export class SectionReuse extends Map<string, ParsedSection> {
  private readonly used = new Set<string>()

  override get(section: string): ParsedSection | undefined {
    this.used.add(section)
    return super.get(section)
  }

  override set(section: string, parsed: ParsedSection): this {
    this.used.add(section)
    return super.set(section, parsed)
  }

  /** Forget the sections not asked for since the last call. */
  prune(): void {
    for (const section of this.keys()) if (!this.used.has(section)) this.delete(section)
    this.used.clear()
  }
}

/** How many caches are kept (open pages, the pages open fragments are checked through, outlines). */
const reusedPages = 32

/** What a file of the tree is, for the server's purposes. */
export type FileRole = 'page' | 'fragment' | 'other'

export class Workspace {
  readonly root: string
  readonly lint: LintSettings
  tree: DocsTree
  private readonly options: WorkspaceOptions
  private readonly documents = new Map<string, OpenDocument>()
  private readonly texts = new Map<string, DocumentText>()

  constructor(options: WorkspaceOptions) {
    this.options = options
    this.root = options.root
    this.lint = options.lint ?? {options: {}, ignores: () => false}
    this.tree = this.loadTree()
  }

  private loadTree(): DocsTree {
    const fs = this.options.fileSystem ? this.options.fileSystem() : nodeFileSystem(this.root)
    return new DocsTree(fs, this.options)
  }

  private readonly sections = new Map<string, SectionReuse>()

  /**
   * The section cache of a file for one use: its check (the page with its
   * includes spliced) or its outline (its own text); the least recently used
   * are dropped beyond a few dozen.
   */
  sectionsOf(file: string, use: 'check' | 'outline' = 'check'): SectionReuse {
    const key = `${use}\u0000${file}`
    let sections = this.sections.get(key)
    if (sections) this.sections.delete(key)
    else sections = new SectionReuse()
    this.sections.set(key, sections)
    if (this.sections.size > reusedPages) this.sections.delete(this.sections.keys().next().value!)
    return sections
  }

  /** Build the include and link graphs now (the first edit would otherwise pay for them). */
  warmUp(): void {
    this.tree.includersOf('')
  }

  /** The root-relative tree path of a `file:` URI, or `null` outside the root. */
  fileOf(uri: string): string | null {
    let path: string
    try {
      path = fileURLToPath(uri)
    } catch {
      return null
    }
    const inside = relative(this.root, path)
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null
    return inside.split(sep).join('/')
  }

  /** Whether the run skips a document (`.vkdocignore`, `ignorePatterns`): it gets no diagnostics. */
  isIgnored(document: OpenDocument): boolean {
    try {
      return this.lint.ignores(fileURLToPath(document.uri))
    } catch {
      return false
    }
  }

  /** The URI of a tree file: the open buffer's own URI when it is open (clients compare URIs as strings). */
  uriOf(file: string): string {
    for (const document of this.documents.values()) if (document.file === file) return document.uri
    return pathToFileURL(join(this.root, file)).href
  }

  roleOf(file: string): FileRole {
    if (this.tree.page(file)?.file === file) return 'page'
    return this.tree.index.fragments.has(file) ? 'fragment' : 'other'
  }

  /** The language folder a file belongs to (for variables), defaulting to the tree's first language. */
  langOf(file: string | null): string {
    return (file && langOf(file)) || this.tree.index.languages[0] || 'ru'
  }

  document(uri: string): OpenDocument | undefined {
    return this.documents.get(uri)
  }

  openDocuments(): OpenDocument[] {
    return [...this.documents.values()]
  }

  /** The current text of a tree file (an open buffer wins) with its line tables. */
  text(file: string): DocumentText | undefined {
    const text = this.tree.read(file)
    if (text === undefined) return undefined
    let cached = this.texts.get(file)
    if (cached?.text !== text) this.texts.set(file, (cached = new DocumentText(text)))
    return cached
  }

  /** The line tables of an open document (inside or outside the tree). */
  documentText(document: OpenDocument): DocumentText {
    return document.file !== null ? (this.text(document.file) ?? new DocumentText(document.text)) : new DocumentText(document.text)
  }

  /** A buffer opened or changed: lay it over the tree; answers with the open documents to check again, the edited one first. */
  change(uri: string, text: string, version: number): OpenDocument[] {
    const file = this.fileOf(uri)
    const document: OpenDocument = {uri, file, text, version}
    this.documents.set(uri, document)
    if (file === null) return [document]
    return this.dependents(document, this.tree.update(file, text))
  }

  /** A buffer closed: the tree reads the disk again; answers with the open documents to check again. */
  close(uri: string): OpenDocument[] {
    const document = this.documents.get(uri)
    this.documents.delete(uri)
    if (!document?.file) return []
    return this.dependents(undefined, this.tree.update(document.file, null))
  }

  /**
   * Files changed on disk (the editor's file watcher). Text of a closed
   * Markdown file is read again; anything else rebuilds the tree with the
   * open buffers laid over it again. Answers with every open document.
   */
  diskChanged(changes: readonly {uri: string; kind: 'created' | 'changed' | 'deleted'}[]): OpenDocument[] {
    const files = changes.map((change) => ({file: this.fileOf(change.uri), kind: change.kind}))
    const rebuild = files.some(({file, kind}) => file !== null && (kind !== 'changed' || !file.endsWith('.md')))
    if (rebuild) {
      this.tree = this.loadTree()
      this.texts.clear()
      for (const document of this.documents.values()) if (document.file !== null) this.tree.update(document.file, document.text)
    } else {
      const open = new Set(this.openDocuments().map((document) => document.file))
      for (const {file} of files) if (file !== null && !open.has(file)) this.tree.update(file, null)
    }
    return this.openDocuments()
  }

  /**
   * The pages whose check shows a file's problems: a page itself; for a
   * fragment, the open pages including it, else the first page that does
   * (a fragment renders only inside a page).
   */
  contextPages(file: string): string[] {
    if (this.roleOf(file) === 'page') return [file]
    const includers = [...this.tree.includersOf(file)].filter((path) => this.roleOf(path) === 'page').sort()
    const open = includers.filter((page) => this.openDocuments().some((document) => document.file === page))
    return open.length > 0 ? open : includers.slice(0, 1)
  }

  /** The page a file's text is read in: the page itself, or a page including the fragment; `null` for neither. */
  hostPage(file: string): string | null {
    return this.contextPages(file)[0] ?? null
  }

  /** The folder relative `{linkto}` targets of a file resolve against (a fragment's: its including page's folder). */
  linkBase(file: string): string {
    const host = this.hostPage(file)
    return (host && pageFolderOf(host)) ?? dirnameOf(file)
  }

  /** The build targets a file's text is rendered for (its host page's, or `public`). */
  targetsOf(file: string): readonly string[] {
    const host = this.hostPage(file)
    const page = host ? this.tree.page(host) : undefined
    return page && page.targets.length > 0 ? page.targets : ['public']
  }

  /** The open documents whose diagnostics an edit of `edited` (affecting `files`) may change. */
  private dependents(edited: OpenDocument | undefined, files: readonly string[]): OpenDocument[] {
    const affected = new Set(files)
    const result: OpenDocument[] = edited ? [edited] : []
    for (const document of this.documents.values()) {
      if (document === edited || document.file === null) continue
      if (affected.has(document.file) || this.contextPages(document.file).some((page) => affected.has(page))) result.push(document)
    }
    return result
  }
}
