/**
 * Finding the configuration of a file: from the file's folder upward, the
 * first folder holding one of these wins (in this order), and its folder is
 * where relative paths in it start:
 *
 *   vkdoc.config.json · vkdoc.config.mjs · .vkdocrc.json · package.json with a "vkdoc" key
 *
 * Configurations do not merge: the nearest one applies, whole (a
 * `package.json` without a `vkdoc` key does not count). Command-line flags
 * override what it says. Lookups are cached per folder for one run.
 */
import {existsSync, readFileSync, statSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {pathToFileURL} from 'node:url'
import {checkConfig, ConfigError, type VkdocConfig} from './schema.js'

/** The names looked for in each folder, in order of precedence. */
export const configFileNames = ['vkdoc.config.json', 'vkdoc.config.mjs', '.vkdocrc.json', 'package.json'] as const

/** A configuration as found: the file, its folder, and what it says. */
export interface LoadedConfig {
  file: string
  dir: string
  config: VkdocConfig
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

function readJson(file: string): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new ConfigError(file, `cannot be read (${(error as Error).message})`)
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new ConfigError(file, `is not valid JSON (${(error as Error).message})`)
  }
}

/** Read one configuration file (any of the supported names, or another `.json`/`.mjs` given with `--config`). */
export async function loadConfigFile(file: string): Promise<LoadedConfig> {
  const absolute = resolve(file)
  if (!existsSync(absolute)) throw new ConfigError(file, 'no such file')
  let data: unknown
  if (/\.m?js$/.test(absolute)) {
    try {
      const module = (await import(pathToFileURL(absolute).href)) as {default?: unknown; config?: unknown}
      data = module.default ?? module.config
    } catch (error) {
      throw new ConfigError(file, `cannot be loaded (${(error as Error).message})`)
    }
  } else {
    data = readJson(absolute)
    if (absolute.endsWith('package.json')) data = (data as {vkdoc?: unknown} | null)?.vkdoc
  }
  return {file: absolute, dir: dirname(absolute), config: checkConfig(data, file)}
}

/** Whether a folder's `package.json` carries a `vkdoc` key (one without it is no configuration). */
function packageHasConfig(file: string): boolean {
  const data = readJson(file)
  return typeof data === 'object' && data !== null && 'vkdoc' in data
}

/** Finds configurations upward from folders, caching each folder's answer. */
export class ConfigFinder {
  private readonly byDir = new Map<string, Promise<LoadedConfig | null>>()

  /** The configuration that applies to files in `dir` (absolute), or `null`. */
  forDir(dir: string): Promise<LoadedConfig | null> {
    let found = this.byDir.get(dir)
    if (!found) {
      found = this.search(dir)
      this.byDir.set(dir, found)
    }
    return found
  }

  /** The configuration that applies to `file` (absolute). */
  forFile(file: string): Promise<LoadedConfig | null> {
    return this.forDir(dirname(file))
  }

  private async search(dir: string): Promise<LoadedConfig | null> {
    for (const name of configFileNames) {
      const file = join(dir, name)
      if (!isFile(file)) continue
      if (name === 'package.json' && !packageHasConfig(file)) continue
      return loadConfigFile(file)
    }
    const parent = dirname(dir)
    return parent === dir ? null : this.forDir(parent)
  }
}
