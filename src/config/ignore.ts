/**
 * Which files a run skips, in gitignore syntax (the `ignore` package, so `!`
 * re-includes, `dir/` and `**` mean what they mean in `.gitignore`). Three
 * sources, each relative to its own folder:
 *
 * - `.vkdocignore` in the working directory or the nearest folder above it;
 * - `ignorePatterns` of the configuration (relative to the configuration file);
 * - `--ignore-pattern` (relative to the working directory).
 *
 * `node_modules/` and `.git/` are always skipped.
 */
import {existsSync, readFileSync} from 'node:fs'
import {dirname, join, relative} from 'node:path'
import ignore, {type Ignore} from 'ignore'

export const ignoreFileName = '.vkdocignore'

interface Source {
  base: string
  rules: Ignore
}

/** A set of ignore rules over absolute paths. */
export class IgnoreRules {
  private readonly sources: Source[] = []

  /** Add patterns relative to `base` (an absolute folder). */
  add(base: string, patterns: readonly string[] | string): this {
    const list = typeof patterns === 'string' ? patterns.split(/\r?\n/) : patterns
    if (list.some((pattern) => pattern.trim() !== '')) this.sources.push({base, rules: ignore().add([...list])})
    return this
  }

  /** These rules plus `patterns` relative to `base` (this set is left as it is). */
  with(base: string, patterns: readonly string[]): IgnoreRules {
    const copy = new IgnoreRules()
    copy.sources.push(...this.sources)
    return copy.add(base, patterns)
  }

  /** Whether the absolute path `file` is ignored by any source (a source only judges files under its folder). */
  ignores(file: string): boolean {
    for (const source of this.sources) {
      const path = relative(source.base, file).split('\\').join('/')
      if (path === '' || path.startsWith('../') || path === '..' || /^[A-Za-z]:/.test(path)) continue
      if (source.rules.ignores(path)) return true
    }
    return false
  }
}

/** The nearest `.vkdocignore` from `dir` upward, or `null`. */
export function findIgnoreFile(dir: string): string | null {
  for (let current = dir; ; current = dirname(current)) {
    const file = join(current, ignoreFileName)
    if (existsSync(file)) return file
    if (dirname(current) === current) return null
  }
}

/** The ignore rules of a run: defaults, the `.vkdocignore` above `cwd`, and the flags' patterns. */
export function baseIgnoreRules(cwd: string, cliPatterns: readonly string[]): IgnoreRules {
  const rules = new IgnoreRules()
  rules.add('/', ['**/node_modules/', '**/.git/'])
  const file = findIgnoreFile(cwd)
  if (file) rules.add(dirname(file), readFileSync(file, 'utf8'))
  rules.add(cwd, cliPatterns)
  return rules
}
