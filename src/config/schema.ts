/**
 * The configuration file's shape (`schema/config.schema.json` says the same
 * for editors) and its check: a configuration with an unknown key, a code
 * that does not exist or a value of the wrong type is refused with the file
 * and the key named, since a setting silently ignored is worse than none.
 */
import {codes} from '../diagnostics/codes.js'
import type {RuleSetting} from '../lint/validate.js'

/** What a configuration file may hold (every key optional). */
export interface VkdocConfig {
  /** For editors: the JSON Schema of this file. */
  $schema?: string
  /** The docs tree, relative to the configuration file's folder. */
  root?: string
  /** Load only this language folder of the tree. */
  lang?: string
  /** Build targets to lint (default: each page's `build.for`); the first is the default `--target` of the rendering commands. */
  targets?: string[]
  /** Severity per code: `off`, `warn` or `error`. */
  rules?: Record<string, RuleSetting>
  /** Globs of the files that are FAQ pages (tree paths, or paths relative to this file without a tree). Default `['**\/faq/faq.md']`. */
  faqPages?: string[]
  /** Files to skip, gitignore syntax, relative to this file's folder. */
  ignorePatterns?: string[]
  /** Report `vkdoc-disable` comments that suppress nothing. */
  reportUnusedDisables?: boolean
  /** Reserved for the build and lint cache: keep results between runs. */
  cache?: boolean
  /** Reserved for the build and lint cache: where it is kept, relative to this file. */
  cacheLocation?: string
}

export class ConfigError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`)
    this.name = 'ConfigError'
  }
}

const keys: Record<keyof VkdocConfig, (value: unknown) => string | undefined> = {
  $schema: (value) => (typeof value === 'string' ? undefined : 'must be a string'),
  root: nonEmptyString,
  lang: (value) => (typeof value === 'string' && /^[A-Za-z][\w-]*$/.test(value) ? undefined : 'must be a language folder name such as "ru"'),
  targets: (value) => stringList(value, (item) => (/^[A-Za-z0-9][\w.-]*$/.test(item) ? undefined : `has "${item}", which is not a build point name`), true),
  rules: checkRules,
  faqPages: (value) => stringList(value, (item) => (item === '' ? 'has an empty pattern' : undefined), false),
  ignorePatterns: (value) => stringList(value, () => undefined, false),
  reportUnusedDisables: boolean,
  cache: boolean,
  cacheLocation: nonEmptyString,
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? undefined : 'must be a non-empty string'
}

function boolean(value: unknown): string | undefined {
  return typeof value === 'boolean' ? undefined : 'must be true or false'
}

function stringList(value: unknown, item: (value: string) => string | undefined, nonEmpty: boolean): string | undefined {
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) return 'must be a list of strings'
  if (nonEmpty && value.length === 0) return 'must not be empty'
  for (const entry of value as string[]) {
    const problem = item(entry)
    if (problem) return problem
  }
  return undefined
}

function checkRules(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object of code → "off" | "warn" | "error"'
  for (const [code, setting] of Object.entries(value)) {
    if (!(code in codes)) return `names "${code}", which is not a vkdoc code (see docs/rules)`
    if (setting !== 'off' && setting !== 'warn' && setting !== 'error') return `sets "${code}" to ${JSON.stringify(setting)}; expected "off", "warn" or "error"`
  }
  return undefined
}

/** Check a configuration read from `file`; throws `ConfigError` naming the first problem. */
export function checkConfig(data: unknown, file: string): VkdocConfig {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ConfigError(file, 'the configuration must be an object')
  for (const [key, value] of Object.entries(data)) {
    const check = keys[key as keyof VkdocConfig]
    if (!check) throw new ConfigError(file, `unknown key "${key}" (known: ${Object.keys(keys).filter((name) => name !== '$schema').join(', ')})`)
    const problem = check(value)
    if (problem) throw new ConfigError(file, `"${key}" ${problem}`)
  }
  return data as VkdocConfig
}

/** The keys a configuration may have, for the schema test. */
export const configKeys: readonly string[] = Object.keys(keys)
