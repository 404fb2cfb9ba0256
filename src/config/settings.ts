/**
 * The settings a file is checked with: its configuration (if any) with the
 * command-line flags laid over it. Paths are made absolute here, each from
 * the folder it was written relative to (the configuration's folder, or the
 * working directory for flags).
 */
import {relative, resolve} from 'node:path'
import picomatch from 'picomatch'
import type {RuleSetting} from '../lint/validate.js'
import type {LoadedConfig} from './load.js'

/** The FAQ pages when a configuration does not say: the page of every folder named `faq`. */
export const defaultFaqPages: readonly string[] = ['**/faq/faq.md']

/** What the command line says, before merging. */
export interface FlagSettings {
  root?: string
  lang?: string
  target?: string
  /** `CODE=off|warn|error`, in order (later wins). */
  rules?: readonly string[]
  reportUnusedDisables?: boolean
}

export interface Settings {
  /** The configuration file applied, or `null`. */
  configFile: string | null
  /** The docs tree, absolute, or `null`. */
  root: string | null
  lang: string | null
  /** Build targets to lint; `null`: each page's own. */
  targets: string[] | null
  rules: Record<string, RuleSetting>
  /** Globs of FAQ pages, matched against tree paths (or, without a tree, paths relative to `faqBase`). */
  faqPages: string[]
  faqBase: string
  /** `ignorePatterns` of the configuration and the folder they are relative to. */
  ignore: {base: string; patterns: string[]}
  reportUnusedDisables: boolean
  /** Reserved for the cache (not used yet). */
  cache: boolean
  cacheLocation: string | null
}

/** Merge a configuration (or none) with the flags; `cwd` anchors the flags' paths. */
export function settingsFor(loaded: LoadedConfig | null, flags: FlagSettings, cwd: string): Settings {
  const config = loaded?.config ?? {}
  const base = loaded?.dir ?? cwd
  const rules: Record<string, RuleSetting> = {...config.rules}
  for (const rule of flags.rules ?? []) {
    const [code, setting] = rule.split(/\s*[=:]\s*/) as [string, RuleSetting]
    rules[code.trim()] = setting
  }
  return {
    configFile: loaded?.file ?? null,
    root: flags.root !== undefined ? resolve(cwd, flags.root) : config.root !== undefined ? resolve(base, config.root) : null,
    lang: flags.lang ?? config.lang ?? null,
    targets: flags.target !== undefined ? [flags.target] : (config.targets ?? null),
    rules,
    faqPages: [...(config.faqPages ?? defaultFaqPages)],
    faqBase: base,
    ignore: {base, patterns: [...(config.ignorePatterns ?? [])]},
    reportUnusedDisables: flags.reportUnusedDisables ?? config.reportUnusedDisables ?? false,
    cache: config.cache ?? false,
    cacheLocation: config.cacheLocation !== undefined ? resolve(base, config.cacheLocation) : null,
  }
}

/** Whether two files get the same settings (they can share one run over one tree). */
export function settingsKey(settings: Settings): string {
  return JSON.stringify(settings)
}

/**
 * The FAQ-page test of `settings`: tree paths when the file is in the tree,
 * else the path relative to the configuration's folder (or the working directory).
 */
export function faqPageMatcher(settings: Settings): (path: string, options?: {absolute?: boolean}) => boolean {
  const match = picomatch(settings.faqPages, {dot: true})
  return (path, options) => match(options?.absolute ? relative(settings.faqBase, path).split('\\').join('/') : path)
}

/** The settings as `--print-config` shows them (paths as absolute paths). */
export function printableSettings(settings: Settings): Record<string, unknown> {
  return {
    configFile: settings.configFile,
    root: settings.root,
    lang: settings.lang,
    targets: settings.targets,
    rules: settings.rules,
    faqPages: settings.faqPages,
    ignorePatterns: settings.ignore.patterns,
    reportUnusedDisables: settings.reportUnusedDisables,
    cache: settings.cache,
    cacheLocation: settings.cacheLocation,
  }
}
