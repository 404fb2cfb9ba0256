/**
 * What the docs tree reads from its files besides pages: the site routes the
 * configuration creates and the kinds of files the tree holds.
 */
import type {FileSystem} from './fs.js'

/** Site pages the build configuration creates: a `contacts:` section configures `/<lang>/contacts`. */
export function configuredSiteRoutes(fs: FileSystem): string[] {
  for (const name of fs.list('config')) {
    if (name.endsWith('.mjs') && /^\s*contacts\s*:/m.test(fs.readFile(`config/${name}`) ?? '')) return ['contacts']
  }
  return []
}

/** The lower-case extension of a path's last segment (`png`), or `''`. */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1)
  const dot = name.lastIndexOf('.')
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase()
}

/** Every file extension found under the language folders (one walk over cached listings). */
export function fileKindsOf(fs: FileSystem, languages: readonly string[]): Set<string> {
  const kinds = new Set<string>()
  const walk = (folder: string, depth: number): void => {
    // Real trees are about ten folders deep; deeper means a link cycle.
    if (depth > 64) return
    for (const name of fs.list(folder)) {
      const path = `${folder}/${name}`
      if (fs.isFile(path)) {
        const extension = extensionOf(name)
        if (extension !== '') kinds.add(extension)
      } else if (fs.isDirectory(path)) walk(path, depth + 1)
    }
  }
  for (const lang of languages) walk(lang, 0)
  return kinds
}
