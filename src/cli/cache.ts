/**
 * `--cache` for `vkdoc lint` and `vkdoc build`: where the result cache lives
 * and what its key holds. The key covers what every page depends on — the
 * code of this vkdoc (its files' content, not only its version), the command
 * and its options, the build configuration and language meta files of the
 * tree, and the tree's listing (a file added or removed changes what links
 * and assets resolve to). Each page's entry is then checked against the
 * content of the files its result was made from and the values of the
 * variables it used (`DocsTree.dependenciesOf`).
 */
import {readdirSync, readFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {contentHash, ResultCache} from '../cache/results.js'
import {report, type VkdocMessage} from '../diagnostics/report.js'
import type {Code, Severity} from '../diagnostics/codes.js'
import type {LintCache} from '../lint/validate.js'
import type {DocsTree, VariableGapRecord} from '../tree/docs-tree.js'
import {sharedFiles, treeListing} from '../tree/listing.js'
import {packageVersion} from './package-files.js'

/** Where caches go when neither `--cache-location` nor `cacheLocation` says: as prettier and others do. */
export function defaultCacheFolder(cwd: string): string {
  return resolve(cwd, 'node_modules/.cache/vkdoc')
}

let codeHash: string | undefined

/** The content of the running vkdoc's code (its bundle's files, or its source folder in tests). */
function codeFingerprint(): string {
  if (codeHash === undefined) {
    const here = dirname(fileURLToPath(import.meta.url))
    const parts = [packageVersion()]
    for (const name of readdirSync(here).sort()) {
      if (/\.(?:c?js|ts)$/.test(name)) parts.push(name, readFileSync(join(here, name), 'utf8'))
    }
    codeHash = contentHash(parts.join('\u0000'))
  }
  return codeHash
}

/**
 * Content hashes of the tree's files, each read and hashed once per run; a
 * `variable:<lang>/<name>` dependency hashes that variable's values (`-` when
 * it is not defined), so editing one variable reaches only the pages using it.
 */
export function treeHasher(tree: DocsTree): (file: string) => string | undefined {
  const hashes = new Map<string, string | undefined>()
  return (file) => {
    if (!hashes.has(file)) {
      if (file.startsWith('variable:')) hashes.set(file, contentHash(variableValues(tree, file.slice('variable:'.length))))
      else {
        const text = tree.read(file)
        hashes.set(file, text === undefined ? undefined : contentHash(text))
      }
    }
    return hashes.get(file)
  }
}

/** A variable's values as text (`lang/name`); where it is defined in its file does not matter. */
function variableValues(tree: DocsTree, variable: string): string {
  const slash = variable.indexOf('/')
  const definition = tree.index.variables.get(variable.slice(0, slash))?.get(variable.slice(slash + 1))
  if (!definition) return '-'
  return JSON.stringify(definition.kind === 'text' ? [definition.value] : [...definition.values])
}

/**
 * A shared file's hash for the key. A language meta counts without its `variables`: each page depends on the
 * variables it uses (`variable:` dependencies), and everything else in the meta still changes every result.
 */
function sharedHash(tree: DocsTree, file: string, hashOf: (file: string) => string | undefined): string {
  const text = tree.read(file)
  const lang = file.split('/')[0]
  if (text === undefined || file !== `${lang}/${lang}.meta.json`) return hashOf(file) ?? '-'
  try {
    const meta: unknown = JSON.parse(text)
    if (!meta || typeof meta !== 'object' || Array.isArray(meta)) return hashOf(file) ?? '-'
    const {variables: _variables, ...rest} = meta as Record<string, unknown>
    return contentHash(JSON.stringify(rest))
  } catch {
    return hashOf(file) ?? '-'
  }
}

/** The key of a cache for `command` over `tree` with `options` (anything that changes every result). */
export function cacheKey(command: string, tree: DocsTree, options: unknown, hashOf: (file: string) => string | undefined): string {
  const shared = sharedFiles(tree).map((file) => `${file}=${sharedHash(tree, file, hashOf)}`)
  return contentHash(JSON.stringify([codeFingerprint(), command, options, shared, contentHash(treeListing(tree).join('\n'))]))
}

/** The cache file for a command over one tree and one set of options: several trees or targets do not evict each other. */
export function cacheFile(folder: string, command: string, root: string, options: unknown): string {
  return join(folder, `${command}-${contentHash(JSON.stringify([resolve(root), options])).slice(0, 12)}.json`)
}

/** The hash of every file `file`'s result was made from, as it is now. */
export function dependencyHashes(tree: DocsTree, file: string, hashOf: (file: string) => string | undefined): Record<string, string> {
  const deps: Record<string, string> = {}
  for (const dependency of tree.dependenciesOf(file)) deps[dependency] = hashOf(dependency) ?? ''
  return deps
}

/** A message as plain data. */
interface StoredMessage {
  code: string
  reason: string
  place: VkdocMessage['place']
  file?: string
  severity: Severity
  targets?: string[]
  includeChain?: string[]
  fix?: {start: number; end: number; text: string}
}

export function storeMessage(message: VkdocMessage): StoredMessage {
  const stored: StoredMessage = {code: String(message.ruleId), reason: message.reason, place: message.place, severity: message.severity}
  if (message.file !== undefined) stored.file = message.file
  if (message.targets) stored.targets = [...message.targets]
  if (message.includeChain) stored.includeChain = [...message.includeChain]
  if (message.fix) stored.fix = {...message.fix}
  return stored
}

export function restoreMessage(stored: StoredMessage): VkdocMessage {
  return report(stored.code as Code, stored.reason, stored.place as Parameters<typeof report>[2], {
    severity: stored.severity,
    ...(stored.file !== undefined ? {file: stored.file} : {}),
    ...(stored.targets ? {targets: [...stored.targets]} : {}),
    ...(stored.includeChain ? {includeChain: [...stored.includeChain]} : {}),
    ...(stored.fix ? {fix: {...stored.fix}} : {}),
  })
}

interface LintEntry {
  messages: StoredMessage[]
  gaps: VariableGapRecord[]
}

/** A lint cache over one tree: `cache` for `validate`, `save()` after the run. */
export function openLintCache(path: string, tree: DocsTree, options: unknown, isFaqPage: (file: string) => boolean): {cache: LintCache; results: ResultCache<LintEntry>} {
  const hashOf = treeHasher(tree)
  const results = ResultCache.open<LintEntry>(path, cacheKey('lint', tree, options, hashOf))
  // Whether FAQ rules apply is part of a page's result.
  const id = (file: string): string => `${file}\u0000${isFaqPage(file) ? 'faq' : ''}`
  const cache: LintCache = {
    lookup(_tree, file) {
      const entry = results.get(id(file), hashOf)
      if (!entry || !Array.isArray(entry.messages) || !Array.isArray(entry.gaps)) return undefined
      return {messages: entry.messages.map(restoreMessage), gaps: entry.gaps.map((gap) => ({...gap}))}
    },
    store(_tree, file, messages, gaps) {
      results.set(id(file), dependencyHashes(tree, file, hashOf), {messages: messages.map(storeMessage), gaps: gaps.map((gap) => ({...gap}))})
    },
  }
  return {cache, results}
}
