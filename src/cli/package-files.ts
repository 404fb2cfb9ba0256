/**
 * Files of the installed vkdoc package (its version, `assets/tabs.js`,
 * `assets/vkdoc.css`), found from this module whether it runs bundled
 * (`dist/cli.js`) or from source (`src/cli/*.ts`, in tests).
 */
import {existsSync, readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

let packageDir: string | null | undefined

/** The folder of the nearest `package.json` named `vkdoc` above this module, or `null`. */
export function findPackageDir(): string | null {
  if (packageDir !== undefined) return packageDir
  packageDir = null
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json')
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as {name?: string}).name === 'vkdoc') {
      packageDir = dir
      break
    }
    if (dirname(dir) === dir) break
  }
  return packageDir
}

export function packageVersion(): string {
  const dir = findPackageDir()
  return dir ? ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {version?: string}).version ?? 'unknown') : 'unknown'
}

/** The path of one of the emitter's own files (`tabs.js`, `vkdoc.css`), or `undefined` when it is not installed. */
export function assetPath(name: 'tabs.js' | 'vkdoc.css'): string | undefined {
  const dir = findPackageDir()
  const path = dir ? join(dir, 'assets', name) : undefined
  return path && existsSync(path) ? path : undefined
}
