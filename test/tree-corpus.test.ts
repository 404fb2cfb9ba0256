/**
 * The docs tree index against the real corpus (../shared/corpus, Russian part)
 * and the independent defect scan (../shared/spec/defects-ru.tsv). Skips when
 * either is absent.
 */
import {existsSync, readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {beforeAll, describe, expect, it} from 'vitest'
import {
  loadIndex,
  pageFolderOf,
  resolveIncludePath,
  resolveLinkTarget,
  suggestBuildPoint,
  variableGaps,
  variableValue,
  type DocsIndex,
} from '../src/tree/index.js'
import {nodeFileSystem} from '../src/tree/node-fs.js'

const corpusRoot = fileURLToPath(new URL('../../shared/corpus', import.meta.url))
const defectsFile = fileURLToPath(new URL('../../shared/spec/defects-ru.tsv', import.meta.url))
const present = existsSync(`${corpusRoot}/ru`) && existsSync(defectsFile)
if (!present) console.warn(`tree-corpus: skipped, ${corpusRoot}/ru or ${defectsFile} is absent`)

interface DefectRow {
  file: string
  line: number
  kind: string
  detail: string
}

function readDefects(): DefectRow[] {
  return readFileSync(defectsFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [file = '', lineNumber = '0', kind = '', detail = ''] = line.split('\t')
      return {file, line: Number(lineNumber), kind, detail}
    })
}

/**
 * For a page text, the conditions enclosing an offset: a plain scan of
 * `{ifdef(…)}`/`{ifndef(…)}` and their closers with a stack (test-only; the
 * real evaluation is the preprocessor's).
 */
function conditionsAt(text: string): (offset: number) => ((target: string) => boolean)[] {
  const events: {offset: number; open?: (target: string) => boolean}[] = []
  for (const match of text.matchAll(/\{(ifdef|ifndef)\(([^)]*)\)\}|\{\/(?:ifdef|ifndef)\}/g)) {
    if (match[1] === undefined) {
      events.push({offset: match.index})
      continue
    }
    const names = match[2]!.split(',').map((name) => name.trim())
    const negate = match[1] === 'ifndef'
    events.push({offset: match.index, open: (target) => names.includes(target) !== negate})
  }
  return (offset) => {
    const stack: ((target: string) => boolean)[] = []
    for (const event of events) {
      if (event.offset > offset) break
      if (event.open) stack.push(event.open)
      else stack.pop()
    }
    return stack
  }
}

const tenBuildPoints = ['public', 'private', 'private-pg', 'private-pdf', 'private-pg-pdf', 'private-cert', 's3', 's3-pdf', 'data-p', 'data-p-pdf']

describe.skipIf(!present)('docs tree index on the ru corpus', () => {
  let index: DocsIndex
  const defects = present ? readDefects() : []

  beforeAll(() => {
    const started = performance.now()
    index = loadIndex(nodeFileSystem(corpusRoot), {lang: 'ru'})
    const elapsed = performance.now() - started
    const againStarted = performance.now()
    loadIndex(nodeFileSystem(corpusRoot), {lang: 'ru'})
    const again = performance.now() - againStarted
    console.log(
      `tree-corpus: loadIndex(ru) ${elapsed.toFixed(0)} ms (again with a fresh file system: ${again.toFixed(0)} ms); ` +
        `${index.pages.size} pages, ${index.sections.size} sections, ${index.fragments.size} fragments, ` +
        `${index.folders.size} link targets, build points: ${index.buildPoints.join(', ')}`,
    )
  })

  it('loads ru: the ten build points, 1,494 pages, 138 fragments', () => {
    expect([...index.buildPoints].sort()).toEqual([...tenBuildPoints].sort())
    // private-pg is declared by no config, only by the variables (spec §1).
    expect(index.buildPointSources.get('private-pg')?.every((source) => source.file === 'ru/ru.meta.json')).toBe(true)
    expect(index.pages.size).toBe(1494)
    expect(index.fragments.size).toBe(138)
    expect(index.otherMarkdown).toEqual([])
    expect(index.metaProblems).toEqual([])
  })

  it('reports unknown build targets in meta files exactly where the defect scan does', () => {
    const expected = defects
      .filter((row) => row.kind === 'unknown-build-target' && row.file.endsWith('.meta.json'))
      .map((row) => `${row.file}:${row.line}`)
    const reported = index.diagnostics
      .filter((message) => message.ruleId === 'unknown-build-target')
      .map((message) => `${message.file}:${message.line}`)
    // In ru every unknown-build-target row is an {ifdef}/{ifndef} in Markdown (for the linter);
    // the ru meta files have none, so both lists are empty — a non-empty one on either side fails.
    console.log(`tree-corpus: unknown-build-target rows in meta files: ${expected.length}, reported: ${reported.length}`)
    expect(reported.sort()).toEqual(expected.sort())
  })

  it('suggests the build point meant by each unknown {ifdef} target of the defect scan', () => {
    const names = new Set(
      defects
        .filter((row) => row.kind === 'unknown-build-target')
        .map((row) => /: (\S+) is not a build point/.exec(row.detail)?.[1])
        .filter((name): name is string => name !== undefined),
    )
    expect([...names].sort()).toEqual(['data_p_pdf', 'oublic', 'private-cer', 'pulic'])
    const suggestions = Object.fromEntries([...names].map((name) => [name, suggestBuildPoint(index, name)]))
    expect(suggestions).toEqual({'private-cer': 'private-cert', pulic: 'public', oublic: 'public', data_p_pdf: 'data-p-pdf'})
  })

  it('lists the variable gaps behind the var-no-value-for-build rows', () => {
    const gaps = variableGaps(index, 'ru')
    const rows = defects.filter((row) => row.kind === 'var-no-value-for-build')
    expect(rows).toHaveLength(3)
    for (const row of rows) {
      const [, name, point] = /variable '([^']+)' has per-buildPoint values but none for build point (\S+);/.exec(row.detail) ?? []
      expect(gaps).toContainEqual({name, file: row.file, line: row.line, missing: expect.arrayContaining([point])})
    }
    console.log(`tree-corpus: variable gaps: ${gaps.map((gap) => `${gap.name}@${gap.line} lacks ${gap.missing.join(',')}`).join('; ')}`)
  })

  it('finds exactly the missing linkto pages of the defect scan in pages', () => {
    // A plain scan for targets, good enough for a test: the real parser lives elsewhere.
    const linktoPattern = /\{linkto\(\s*([^)[]+?)\s*\)/g
    const missing = new Map<string, {target: string; page: string; hint: string | null}>()
    let total = 0
    let sameAnchor = 0
    let neverBuilt = 0
    for (const page of index.pages.values()) {
      const text = index.fs.readFile(page.file) ?? ''
      const conditions = conditionsAt(text)
      for (const match of text.matchAll(linktoPattern)) {
        total++
        // The scan reports a link only if some build of the page shows it.
        const shown = page.targets.some((target) => conditions(match.index).every((holds) => holds(target)))
        if (!shown) {
          neverBuilt++
          continue
        }
        const resolution = resolveLinkTarget(index, page.folder, match[1]!)
        if (resolution.kind === 'same-page') sameAnchor++
        else if (!resolution.exists) {
          const line = text.slice(0, match.index).split('\n').length
          missing.set(`${page.file}:${line}`, {target: match[1]!, page: resolution.page, hint: resolution.hint})
        }
      }
    }
    const rows = defects.filter((row) => row.kind === 'linkto-missing-page')
    const pageRows = rows.filter((row) => !row.file.includes('/_includes/'))
    console.log(
      `tree-corpus: ${total} linkto in ru pages (${neverBuilt} in no build of their page, ${sameAnchor} same-page); ` +
        `${missing.size} missing targets; ` +
        `defect scan: ${rows.length} linkto-missing-page rows, ${pageRows.length} in pages, ` +
        `${rows.length - pageRows.length} in fragments (they resolve against the including page's folder: checked in the next test)`,
    )
    expect([...missing.keys()].sort()).toEqual(pageRows.map((row) => `${row.file}:${row.line}`).sort())

    // The scan names the folder it looked for and, in parentheses, what exists instead.
    for (const row of pageRows) {
      const found = missing.get(`${row.file}:${row.line}`)!
      const [, looked, hint] = /-> (\S+) does not exist(?: \((.*)\))?/.exec(row.detail) ?? []
      expect(found.page, row.detail).toBe(looked)
      const meant = hint ? /(ru\/\S+) exists|exists at (ru\/\S+)/.exec(hint) : null
      if (meant) expect(found.hint, row.detail).toContain(meant[1] ?? meant[2])
    }
  })

  it('resolves the fragment rows against the including page the scan names', () => {
    // Fragment text resolves against the including page's folder (spec §5.1); the scan names that page.
    const rows = defects.filter((row) => row.kind === 'linkto-missing-page' && row.file.includes('/_includes/'))
    for (const row of rows) {
      const [, looked, hint] = /-> (\S+) does not exist(?: \((.*)\))?/.exec(row.detail) ?? []
      const viaPage = /\[via page: (\S+)\]/.exec(row.detail)?.[1]
      const folder = viaPage ? pageFolderOf(viaPage) : null
      expect(folder, row.detail).not.toBeNull()
      const line = (index.fs.readFile(row.file) ?? '').split('\n')[row.line - 1] ?? ''
      const resolutions = [...line.matchAll(/\{linkto\(\s*([^)[]+?)\s*\)/g)].map((match) => resolveLinkTarget(index, folder!, match[1]!))
      const found = resolutions.find((resolution) => resolution.kind === 'page' && resolution.page === looked)
      expect(found, row.detail).toMatchObject({exists: false})
      const meant = hint ? /(ru\/\S+) exists|exists at (ru\/\S+)/.exec(hint) : null
      if (meant && found?.kind === 'page') expect(found.hint, row.detail).toContain(meant[1] ?? meant[2])
    }
    console.log(`tree-corpus: ${rows.length} fragment linkto-missing-page rows resolved against their including pages`)
  })

  it('resolves every {include} of ru pages and fragments to an existing file', () => {
    // Spec §5.2: no include in the corpus points to a missing file.
    const includePattern = /\{include\(([^)]*)\)/g
    const failures: string[] = []
    let total = 0
    let absolute = 0
    for (const file of [...[...index.pages.values()].map((page) => page.file), ...index.fragments]) {
      const text = index.fs.readFile(file) ?? ''
      for (const match of text.matchAll(includePattern)) {
        total++
        if (match[1]!.trim().startsWith('/')) absolute++
        const resolution = resolveIncludePath(index, file, match[1]!)
        if ('error' in resolution) failures.push(`${file}: ${match[1]} -> ${resolution.error} ${resolution.resolved}`)
      }
    }
    console.log(`tree-corpus: ${total} {include} in ru (${absolute} absolute), ${failures.length} unresolved`)
    expect(total).toBeGreaterThan(1700)
    expect(failures).toEqual([])
  })

  it('knows the variables the var-undefined rows name as defined, and not the undefined ones', () => {
    const rows = defects.filter((row) => row.kind === 'var-undefined')
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      const [, name, defined] = /\{var\(([^)]+)\)\} is not defined in \S+ variables \(([^)]+)\)/.exec(row.detail) ?? []
      expect(variableValue(index, 'ru', name!, 'private-pdf'), row.detail).toEqual({error: 'undefined'})
      expect([...index.variables.get('ru')!.keys()].sort()).toEqual(defined!.split(',').sort())
    }
    expect(variableValue(index, 'ru', 'cloud', 'private-cert')).toEqual({value: 'Private Cloud от VK'})
    expect(variableValue(index, 'ru', 'cloud', 's3-pdf')).toEqual({error: 'no-value'})
  })
})
