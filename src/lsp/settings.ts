/**
 * What the server checks with, so an editor shows what `vkdoc lint` shows:
 * the configuration that applies to the workspace folder (`vkdoc.config.json`
 * and the other names `vkdoc lint` looks for, upward from the folder) with
 * the client's `initializationOptions` over it, and the files a run skips
 * (`.vkdocignore`, `ignorePatterns`).
 */
import {existsSync, readdirSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {baseIgnoreRules} from '../config/ignore.js'
import {ConfigFinder} from '../config/load.js'
import {ConfigError} from '../config/schema.js'
import {faqPageMatcher, settingsFor} from '../config/settings.js'
import type {ValidateOptions} from '../lint/validate.js'

/** Settings a client may pass as `initializationOptions`. */
export interface ClientSettings {
  /** The docs root (absolute, or relative to the workspace folder); default: the configuration's, else found from the folder. */
  root?: string
  /** Load only this language folder (`ru`). */
  lang?: string
}

/** How the workspace lints: the options `validate` takes from the configuration, and the files it skips. */
export interface LintSettings {
  options: Pick<ValidateOptions, 'rules' | 'isFaqPage' | 'targets' | 'reportUnusedDisables'>
  /** Whether an absolute path is skipped by the run. */
  ignores(path: string): boolean
}

export interface ServerSetup {
  root: string
  lang: string | undefined
  lint: LintSettings
  /** A configuration that could not be used (the server goes on with the defaults). */
  problem?: string
}

/**
 * The docs root for a workspace folder: the nearest folder at or above it
 * that holds `config/*.mjs` (where build targets are declared), else the
 * folder itself.
 */
export function findDocsRoot(folder: string): string {
  for (let candidate = folder; ; candidate = dirname(candidate)) {
    const config = join(candidate, 'config')
    if (existsSync(config) && readdirSync(config).some((name) => name.endsWith('.mjs'))) return candidate
    if (dirname(candidate) === candidate) return folder
  }
}

/** The setup of a workspace folder (absolute) for the client's settings. */
export async function setupFor(folder: string, client: ClientSettings): Promise<ServerSetup> {
  let problem: string | undefined
  let loaded = null
  try {
    loaded = await new ConfigFinder().forDir(folder)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    problem = error.message
  }
  const settings = settingsFor(loaded, {root: client.root, lang: client.lang}, folder)
  const ignored = baseIgnoreRules(folder, []).with(settings.ignore.base, settings.ignore.patterns)
  const lint: LintSettings = {
    options: {
      rules: settings.rules,
      isFaqPage: faqPageMatcher(settings),
      targets: settings.targets ?? undefined,
      reportUnusedDisables: settings.reportUnusedDisables,
    },
    ignores: (path) => ignored.ignores(path),
  }
  return {root: settings.root ?? findDocsRoot(folder), lang: settings.lang ?? undefined, lint, problem}
}
