/**
 * The shape of the source tree: no import cycles, no file over 500 lines,
 * every package imported is declared, every runtime dependency is used, and
 * nothing loose at the repository root.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const src = join(root, 'src')
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {dependencies: Record<string, string>; devDependencies: Record<string, string>}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, {withFileTypes: true}).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

const files = sourceFiles(src)
/** `import … from 'x'`, `export … from 'x'`, `import('x')`, with `import type` told apart. */
const importPattern = /(?:^|\n)\s*(import|export)(\s+type)?\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

function importsOf(file: string): Array<{specifier: string; typeOnly: boolean}> {
  const text = readFileSync(file, 'utf8')
  const found: Array<{specifier: string; typeOnly: boolean}> = []
  for (const match of text.matchAll(importPattern)) {
    const specifier = match[3] ?? match[4]!
    found.push({specifier, typeOnly: Boolean(match[2])})
  }
  return found
}

function packageName(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
}

describe('source tree hygiene', () => {
  it('has no import cycle between modules (type-only imports included)', () => {
    const graph = new Map<string, string[]>()
    for (const file of files) {
      const local = importsOf(file)
        .filter(({specifier}) => specifier.startsWith('.'))
        .map(({specifier}) => resolve(dirname(file), specifier.replace(/\.js$/, '.ts')))
        .filter((target) => !target.endsWith('.d.ts'))
      graph.set(file, local)
    }
    const cycles: string[] = []
    const state = new Map<string, 'visiting' | 'done'>()
    const stack: string[] = []
    const visit = (file: string): void => {
      state.set(file, 'visiting')
      stack.push(file)
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next].map((path) => relative(src, path)).join(' → '))
        else if (!state.has(next)) visit(next)
      }
      stack.pop()
      state.set(file, 'done')
    }
    for (const file of files) if (!state.has(file)) visit(file)
    expect(cycles).toEqual([])
  })

  it('keeps every source file at 500 lines or fewer', () => {
    const long = files
      .map((file) => ({file: relative(root, file), lines: readFileSync(file, 'utf8').split('\n').length - 1}))
      .filter((entry) => entry.lines > 500)
    expect(long).toEqual([])
  })

  it('declares every package it imports, and imports every runtime dependency', () => {
    const imported = new Set<string>()
    const undeclared: string[] = []
    for (const file of files) {
      for (const {specifier, typeOnly} of importsOf(file)) {
        if (specifier.startsWith('.') || specifier.startsWith('node:')) continue
        const name = packageName(specifier)
        imported.add(name)
        // Type packages the published declarations name are runtime dependencies of a library (as in unified's packages).
        const declared = name in manifest.dependencies || `@types/${name}` in manifest.dependencies
        if (!declared) undeclared.push(`${relative(root, file)}: ${specifier}${typeOnly ? ' (types)' : ''}`)
        imported.add(`@types/${name}`)
      }
    }
    expect(undeclared).toEqual([])
    const unused = Object.keys(manifest.dependencies).filter((name) => !imported.has(name))
    // (a `@types/x` counts as used when `x` is imported)
    expect(unused).toEqual([])
  })

  it('keeps nothing loose at the repository root but configuration and documents', () => {
    const allowed = /^(README\.md|LICENSE|CHANGELOG\.md|package(-lock)?\.json|tsconfig(\.\w+)?\.json|tsup\.config\.ts|vitest\.config\.ts|\..+)$/
    const loose = readdirSync(root, {withFileTypes: true})
      .filter((entry) => entry.isFile() && !allowed.test(entry.name))
      .map((entry) => entry.name)
    expect(loose).toEqual([])
  })
})

describe('the test projects', () => {
  it('isolate every file that mocks a module (the unit and corpus projects share modules between files)', () => {
    const config = readFileSync(join(root, 'vitest.config.ts'), 'utf8')
    const listed = (name: string) => [...(new RegExp(`const ${name} = \\[([^\\]]*)\\]`).exec(config)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((match) => match[1])
    const mocking = sourceFiles(join(root, 'test'))
      .filter((file) => /\bvi\.mock\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file).split('\\').join('/'))
    expect(mocking.sort()).toEqual([...listed('mockingFiles'), ...listed('corpusMockingFiles')].sort())
    expect(listed('mockingFiles').length).toBeGreaterThan(0)
  })
})
