/**
 * Comparing the corpus with an edited copy of it (`--fix`, the formatter)
 * without rendering every page twice: the tree with edited files in memory,
 * and the (page, target) pairs whose rendering the edits can reach.
 */
import {
  DocsTree,
  nodeFileSystem,
  pageFolderOf,
  resolveIncludePath,
  resolveLinkTarget,
  type FileSystem,
  type PageEntry,
} from '../../src/node.js'
import {walkDirectives} from '../../src/lower/anchors.js'
import {corpusRoot} from './shared.js'

/** `fs` with some files replaced: what the tree reads after a tool rewrote them. */
function withFiles(fs: FileSystem, files: ReadonlyMap<string, string>): FileSystem {
  return {
    readFile: (path) => files.get(path) ?? fs.readFile(path),
    isFile: (path) => fs.isFile(path),
    isDirectory: (path) => fs.isDirectory(path),
    list: (dir) => fs.list(dir),
  }
}

/** The ru tree with `edited` files (Markdown only: pages, metas and variables stay as they are) in place of the disk's. */
export function editedCorpus(edited: ReadonlyMap<string, string>): DocsTree {
  const notMarkdown = [...edited.keys()].filter((file) => !file.endsWith('.md'))
  if (notMarkdown.length > 0) throw new Error(`editedCorpus compares Markdown edits only, not ${notMarkdown.join(', ')}`)
  return new DocsTree(withFiles(nodeFileSystem(corpusRoot), edited), {lang: 'ru'})
}

export interface PagePair {
  page: PageEntry
  target: string
}

/**
 * The (page, target) pairs of `targetsOf(page)` whose HTML the edits can
 * change. A page renders from its expanded text for the target, the index
 * (unchanged: Markdown edits only) and, for each `{linkto}`, the anchors of
 * the linked page (ids with their heading texts and caption numbers, and its
 * title) for the target and for the linked page's own targets. So a pair is
 * listed when its text or one of those anchors differs between the trees.
 * Only pages that may read an edited file (their own, or through `{include}`
 * whatever the conditions), or link to such a page, are looked at: for every
 * other page nothing it reads changed.
 */
export function pairsTheEditsReach(before: DocsTree, after: DocsTree, edited: ReadonlySet<string>, targetsOf: (page: PageEntry) => readonly string[]): PagePair[] {
  const includesCache = new Map<string, string[]>()
  /** Files `file` includes directly, in either tree. */
  const includes = (file: string): string[] => {
    let files = includesCache.get(file)
    if (files) return files
    files = []
    for (const tree of [before, after]) {
      for (const node of walkDirectives(tree.tree(file)?.children ?? [])) {
        if (node.name !== 'include') continue
        const resolved = resolveIncludePath(tree.index, file, node.path)
        if ('file' in resolved) files.push(resolved.file)
      }
    }
    includesCache.set(file, files)
    return files
  }
  const readsCache = new Map<string, Set<string>>()
  /** The file and every file it may include, directly or not. */
  const reads = (file: string): Set<string> => {
    let files = readsCache.get(file)
    if (files) return files
    files = new Set([file])
    for (const next of files) for (const included of includes(next)) files.add(included)
    readsCache.set(file, files)
    return files
  }
  const readsEdited = (page: PageEntry): boolean => [...reads(page.file)].some((file) => edited.has(file))
  /** Pages linked from any file the page may read, resolved against the page's folder as fragment text is. */
  const linked = (page: PageEntry): PageEntry[] => {
    const folder = pageFolderOf(page.file) ?? ''
    const pages = new Set<PageEntry>()
    for (const file of reads(page.file)) {
      for (const tree of [before, after]) {
        for (const node of walkDirectives(tree.tree(file)?.children ?? [])) {
          if (node.name !== 'linkto') continue
          const resolution = resolveLinkTarget(tree.index, folder, node.target)
          const target = resolution.kind === 'page' ? tree.page(resolution.page) : undefined
          if (target) pages.add(target)
        }
      }
    }
    return [...pages]
  }
  const textDiffers = (page: PageEntry, target: string): boolean => before.expand(page.file, target).text !== after.expand(page.file, target).text
  const anchorsOf = (tree: DocsTree, page: PageEntry, target: string): string => {
    const {title, ids} = tree.anchors(page, target)
    return JSON.stringify([title, [...ids]])
  }
  const anchorsDiffer = (page: PageEntry, target: string): boolean => anchorsOf(before, page, target) !== anchorsOf(after, page, target)

  const pairs: PagePair[] = []
  for (const page of before.pages()) {
    const reached = linked(page).filter(readsEdited)
    if (!readsEdited(page) && reached.length === 0) continue
    for (const target of targetsOf(page)) {
      const linkChanged = reached.some((other) => [target, ...other.targets].some((otherTarget) => anchorsDiffer(other, otherTarget)))
      if (textDiffers(page, target) || linkChanged) pairs.push({page, target})
    }
  }
  return pairs
}
