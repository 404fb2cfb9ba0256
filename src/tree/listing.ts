/**
 * What every page of a tree depends on besides its own files: the build
 * configuration and language meta files, and the listing of the tree (which
 * files exist decides how links and assets resolve).
 */
import type {DocsTree} from './docs-tree.js'

/** `config/*` (build points) and each language's meta files (variables), by path. */
export function sharedFiles(tree: DocsTree): string[] {
  const files = tree.fs.list('config').map((name) => `config/${name}`)
  for (const lang of tree.index.languages) {
    for (const name of tree.fs.list(lang)) if (name.endsWith('.json') && tree.fs.isFile(`${lang}/${name}`)) files.push(`${lang}/${name}`)
  }
  return files.sort()
}

/** Every file path of the tree's languages and configuration, sorted. */
export function treeListing(tree: DocsTree): string[] {
  const paths: string[] = []
  const walk = (folder: string, depth: number): void => {
    if (depth > 64) return
    for (const name of tree.fs.list(folder)) {
      const path = folder === '' ? name : `${folder}/${name}`
      if (tree.fs.isFile(path)) paths.push(path)
      else if (tree.fs.isDirectory(path)) walk(path, depth + 1)
    }
  }
  for (const folder of ['config', ...tree.index.languages]) walk(folder, 0)
  return paths.sort()
}
