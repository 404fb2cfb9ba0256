/**
 * What the commands of one run share: the configuration of each file (found
 * upward, flags laid over it), one loaded docs tree per root and language,
 * the ignore rules, and reading inputs as text (BOM dropped, bad UTF-8
 * located).
 */
import {readFileSync, statSync} from 'node:fs'
import {dirname, resolve} from 'node:path'
import {baseIgnoreRules, type IgnoreRules} from '../config/ignore.js'
import {ConfigFinder, loadConfigFile, type LoadedConfig} from '../config/load.js'
import {settingsFor, type FlagSettings, type Settings} from '../config/settings.js'
import type {DocsTree} from '../tree/docs-tree.js'
import {loadDocs} from '../node.js'
import {decodeUtf8, type DecodedText} from '../tree/decode.js'
import {suggestBuildPoint} from '../tree/index.js'
import {flag, listValue, stringValue, type Values} from './args.js'
import {collectInputs, type CollectedInputs} from './inputs.js'
import {describeFsError, IoError, UsageError, type Io} from './io.js'

export interface ContextOptions {
  command: string
  flags: FlagSettings
  /** `--config FILE`. */
  configFile?: string
  /** `--no-config`. */
  noConfig?: boolean
  /** `--ignore-pattern`s. */
  ignorePatterns?: readonly string[]
  /** `--no-ignore`. */
  noIgnore?: boolean
  /** `--stdin-filename`: where stdin's configuration is looked for, and its name. */
  stdinFilename?: string
}

export class RunContext {
  readonly io: Io
  readonly options: ContextOptions
  private readonly finder = new ConfigFinder()
  private fixedConfig: Promise<LoadedConfig> | undefined
  private readonly trees = new Map<string, DocsTree>()
  private readonly baseIgnores: IgnoreRules
  private stdinText: DecodedText | undefined

  constructor(io: Io, options: ContextOptions) {
    this.io = io
    this.options = options
    this.baseIgnores = baseIgnoreRules(io.cwd, options.ignorePatterns ?? [])
    if (options.configFile) {
      this.fixedConfig = loadConfigFile(resolve(io.cwd, options.configFile))
      // Reported when a file's settings are asked for; a run that stops earlier must not leave it unhandled.
      this.fixedConfig.catch(() => undefined)
    }
  }

  /** The absolute path stdin stands for (`--stdin-filename`), or `null`. */
  get stdinPath(): string | null {
    return this.options.stdinFilename ? resolve(this.io.cwd, this.options.stdinFilename) : null
  }

  /** The configuration applying to files in `dir`. */
  private configFor(dir: string): Promise<LoadedConfig | null> {
    if (this.options.noConfig) return Promise.resolve(null)
    return this.fixedConfig ?? this.finder.forDir(dir)
  }

  /** The settings of a file (absolute path, `-` for stdin) or of a folder (`isFolder`). */
  async settings(path: string, isFolder = false): Promise<Settings> {
    const dir = path === '-' ? dirname(this.stdinPath ?? resolve(this.io.cwd, 'stdin.md')) : isFolder ? path : dirname(path)
    return settingsFor(await this.configFor(dir), this.options.flags, this.io.cwd)
  }

  /** The settings of a run over no file arguments: those of the working directory. */
  cwdSettings(): Promise<Settings> {
    return this.settings(this.io.cwd, true)
  }

  /** Whether `file` (absolute) is skipped under `settings`. */
  isIgnored(file: string, settings: Settings): boolean {
    if (this.options.noIgnore) return false
    return this.baseIgnores.with(settings.ignore.base, settings.ignore.patterns).ignores(file)
  }

  /** An ignore test bound to one set of settings (built once). */
  ignoreTest(settings: Settings): (file: string) => boolean {
    if (this.options.noIgnore) return () => false
    const rules = this.baseIgnores.with(settings.ignore.base, settings.ignore.patterns)
    return (file) => rules.ignores(file)
  }

  /** The docs tree of `settings` (loaded once per root and language); a usage error when the root is not a folder. */
  tree(settings: Settings): DocsTree | undefined {
    if (!settings.root) return undefined
    const key = `${settings.root}\u0000${settings.lang ?? ''}`
    let tree = this.trees.get(key)
    if (!tree) {
      let isFolder = false
      try {
        isFolder = statSync(settings.root).isDirectory()
      } catch {
        isFolder = false
      }
      if (!isFolder) throw new UsageError(`\`--root ${settings.root}\`: no such folder`, this.options.command)
      tree = loadDocs(settings.root, settings.lang ? {lang: settings.lang} : {})
      if (settings.lang && !tree.index.languages.includes(settings.lang)) {
        const known = tree.index.allLanguages.join(', ') || 'none'
        throw new UsageError(`\`--lang ${settings.lang}\`: the tree has no language folder \`${settings.lang}\` with \`${settings.lang}.meta.json\` (it has: ${known})`, this.options.command)
      }
      this.trees.set(key, tree)
    }
    return tree
  }

  /** Read an input as text: a file (absolute) or `-`. */
  read(path: string): DecodedText {
    if (path === '-') {
      try {
        this.stdinText ??= decodeUtf8(this.io.readStdin())
      } catch (error) {
        throw new IoError(`<stdin>: cannot read (${describeFsError(error)})`)
      }
      return this.stdinText
    }
    try {
      return decodeUtf8(readFileSync(path))
    } catch (error) {
      throw new IoError(`${displayOf(path, this.io.cwd)}: cannot read (${describeFsError(error)})`)
    }
  }
}

/** How a path is shown in one-line messages: relative to the working directory. */
export function displayOf(path: string, cwd: string): string {
  if (path === '-') return '<stdin>'
  const shown = path.startsWith(cwd + '/') ? path.slice(cwd.length + 1) : path
  return shown === '' ? '.' : shown
}

/** A target that is not a build point of the tree is a usage error, found before anything is read or written. */
export function checkTarget(tree: DocsTree, target: string, command: string): void {
  if (tree.index.buildPoints.includes(target)) return
  const suggestion = suggestBuildPoint(tree.index, target)
  throw new UsageError(
    `\`--target ${target}\` is not a build point of the tree (${tree.index.buildPoints.join(', ') || 'it defines none'})${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
    command,
  )
}

/**
 * What `vkdoc html|json|md|fmt PATH…` open alike: the run context (configuration, ignores, stdin's name) from
 * the common flags, the working directory's settings, and the Markdown inputs, notes printed and a folder
 * without Markdown files refused.
 */
export async function openMarkdownInputs(command: string, values: Values, positionals: readonly string[], io: Io, flags: FlagSettings): Promise<{ctx: RunContext; cwdSettings: Settings; inputs: CollectedInputs}> {
  const ctx = new RunContext(io, {
    command,
    flags,
    configFile: stringValue(values, 'config'),
    noConfig: flag(values, 'no-config'),
    ignorePatterns: listValue(values, 'ignore-pattern'),
    noIgnore: flag(values, 'no-ignore'),
    stdinFilename: stringValue(values, 'stdin-filename'),
  })
  const cwdSettings = await ctx.cwdSettings()
  const inputs = collectInputs(positionals, {cwd: io.cwd, fallbackRoot: cwdSettings.root, extensions: ['.md'], command})
  for (const note of inputs.notes) io.stderr.write(note + '\n')
  for (const folder of inputs.emptyFolders) throw new UsageError(`\`${displayOf(folder, io.cwd)}\`: no Markdown files`, command)
  return {ctx, cwdSettings, inputs}
}
