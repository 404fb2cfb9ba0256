/**
 * The ru docs tree without Markdown (`corpusTree()`, loaded once): its index
 * against the independent defect scan (spec/defects-ru.tsv) — build points,
 * pages, link and include resolution, variables — and the expansion source
 * map as a property over every (page, build point) pair.
 */
import {beforeAll, expect, it} from 'vitest'
import {
  pageFolderOf,
  resolveIncludePath,
  resolveLinkTarget,
  suggestBuildPoint,
  variableGaps,
  variableValue,
  type DocsIndex,
} from '../../src/tree/index.js'
import type {DocsTree} from '../../src/tree/docs-tree.js'
import type {SourceMap} from '../../src/expand/source-map.js'
import {corpusTree, defectRows, describeCorpus, type DefectRow} from './shared.js'

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

describeCorpus('docs tree index on the ru corpus', ['corpus', 'defects'], () => {
  let index: DocsIndex
  let defects: DefectRow[] = []

  beforeAll(() => {
    index = corpusTree().index
    defects = defectRows()
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
      .filter((row) => row.code === 'unknown-build-target' && row.file.endsWith('.meta.json'))
      .map((row) => `${row.file}:${row.line}`)
    const reported = index.diagnostics
      .filter((message) => message.ruleId === 'unknown-build-target')
      .map((message) => `${message.file}:${message.line}`)
    // In ru every unknown-build-target row is an {ifdef}/{ifndef} in Markdown (for the linter);
    // the ru meta files have none, so both lists are empty — a non-empty one on either side fails.
    expect(reported.sort()).toEqual(expected.sort())
  })

  it('suggests the build point meant by each unknown {ifdef} target of the defect scan', () => {
    const names = new Set(
      defects
        .filter((row) => row.code === 'unknown-build-target')
        .map((row) => /: (\S+) is not a build point/.exec(row.detail)?.[1])
        .filter((name): name is string => name !== undefined),
    )
    expect([...names].sort()).toEqual(['data_p_pdf', 'oublic', 'private-cer', 'pulic'])
    const suggestions = Object.fromEntries([...names].map((name) => [name, suggestBuildPoint(index, name)]))
    expect(suggestions).toEqual({'private-cer': 'private-cert', pulic: 'public', oublic: 'public', data_p_pdf: 'data-p-pdf'})
  })

  it('lists the variable gaps behind the var-no-value-for-build rows', () => {
    const gaps = variableGaps(index, 'ru')
    const rows = defects.filter((row) => row.code === 'var-no-value-for-build')
    expect(rows).toHaveLength(3)
    for (const row of rows) {
      const [, name, point] = /variable '([^']+)' has per-buildPoint values but none for build point (\S+);/.exec(row.detail) ?? []
      expect(gaps).toContainEqual({name, file: row.file, line: row.line, missing: expect.arrayContaining([point])})
    }
  })

  it('finds exactly the missing linkto pages of the defect scan in pages', () => {
    // A plain scan for targets, good enough for a test: the real parser lives elsewhere.
    const linktoPattern = /\{linkto\(\s*([^)[]+?)\s*\)/g
    const missing = new Map<string, {target: string; page: string; hint: string | null}>()
    for (const page of index.pages.values()) {
      const text = index.fs.readFile(page.file) ?? ''
      const conditions = conditionsAt(text)
      for (const match of text.matchAll(linktoPattern)) {
        // The scan reports a link only if some build of the page shows it.
        const shown = page.targets.some((target) => conditions(match.index).every((holds) => holds(target)))
        if (!shown) continue
        const resolution = resolveLinkTarget(index, page.folder, match[1]!)
        if (resolution.kind === 'page' && !resolution.exists) {
          const line = text.slice(0, match.index).split('\n').length
          missing.set(`${page.file}:${line}`, {target: match[1]!, page: resolution.page, hint: resolution.hint})
        }
      }
    }
    const rows = defects.filter((row) => row.code === 'linkto-missing-page')
    // Rows in fragments resolve against the including page's folder: the next test.
    const pageRows = rows.filter((row) => !row.file.includes('/_includes/'))
    expect(pageRows).toHaveLength(19)
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
    const rows = defects.filter((row) => row.code === 'linkto-missing-page' && row.file.includes('/_includes/'))
    expect(rows).toHaveLength(25)
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
  })

  it('resolves every {include} of ru pages and fragments to an existing file', () => {
    // Spec §5.2: no include in the corpus points to a missing file.
    const includePattern = /\{include\(([^)]*)\)/g
    const failures: string[] = []
    let total = 0
    for (const file of [...[...index.pages.values()].map((page) => page.file), ...index.fragments]) {
      const text = index.fs.readFile(file) ?? ''
      for (const match of text.matchAll(includePattern)) {
        total++
        const resolution = resolveIncludePath(index, file, match[1]!)
        if ('error' in resolution) failures.push(`${file}: ${match[1]} -> ${resolution.error} ${resolution.resolved}`)
      }
    }
    // As many as the parser finds in text (spec/dialect.md §2): this plain scan meets none in code or comments.
    expect(total).toBe(1739)
    expect(failures).toEqual([])
  })

  it('knows the variables the var-undefined rows name as defined, and not the undefined ones', () => {
    const rows = defects.filter((row) => row.code === 'var-undefined')
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

/** The map's runs, read through its (TypeScript-only) private field: the map has no public accessor for them. */
interface Run {
  outStart: number
  outEnd: number
  file: string
  srcStart: number
  srcEnd: number
  linear: boolean
}
function runsOf(map: SourceMap): readonly Run[] {
  const runs = (map as unknown as {segments?: readonly Run[]}).segments
  if (!Array.isArray(runs)) throw new Error('SourceMap no longer keeps `segments`: update runsOf() to its public API')
  return runs
}

/** A small seeded generator (mulberry32), so a failure names offsets that reproduce. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const randomOffsetsPerText = 50
/** `{name`, `{/name`, `{name:` — where a directive starts. */
const directiveStart = /\{\/?[a-z]/g

/**
 * Check one expansion: its runs tile the text, inserted runs stand for a
 * directive, and each sampled copied offset (every directive start, the
 * first and last character of every copied run, 50 random offsets) maps back
 * to the same character of its source file. Returns what was checked.
 */
function checkExpansion(tree: DocsTree, file: string, target: string, random: () => number, failures: string[]): {checked: number; inFragments: number} {
  const {text, map} = tree.expand(file, target)
  const runs = runsOf(map)
  let end = 0
  for (const run of runs) {
    if (run.outStart !== end || run.outEnd <= run.outStart) failures.push(`${file} [${target}]: run ${run.outStart}-${run.outEnd} after ${end}`)
    end = run.outEnd
  }
  if (end !== text.length) failures.push(`${file} [${target}]: runs end at ${end}, text at ${text.length}`)

  const offsets = new Set<number>()
  for (const match of text.matchAll(directiveStart)) offsets.add(match.index)
  for (const run of runs) {
    if (run.linear) offsets.add(run.outStart).add(run.outEnd - 1)
    else {
      // Inserted text (indentation, heading marks, variable values) stands for an empty range or a directive.
      const source = tree.read(run.file) ?? ''
      if (run.srcEnd > source.length || (run.srcEnd > run.srcStart && source[run.srcStart] !== '{')) {
        failures.push(`${file} [${target}]: inserted run for ${run.file}:${run.srcStart}-${run.srcEnd} is not a directive`)
      }
    }
  }
  for (let n = 0; n < randomOffsetsPerText && text.length > 0; n++) offsets.add(Math.floor(random() * text.length))

  let checked = 0
  let inFragments = 0
  let at = 0
  for (const offset of [...offsets].sort((a, b) => a - b)) {
    while (at < runs.length - 1 && runs[at]!.outEnd <= offset) at++
    if (!runs[at]?.linear) continue
    const location = map.start(offset)
    const source = tree.read(location.file)
    checked++
    if (location.file !== file) inFragments++
    if (source?.[location.offset] !== text[offset] || map.end(offset + 1).offset !== location.offset + 1) {
      failures.push(`${file} [${target}] @${offset}: ${JSON.stringify(text[offset])} maps to ${location.file}:${location.offset} ${JSON.stringify(source?.[location.offset])}`)
    }
  }
  return {checked, inFragments}
}

describeCorpus('the expansion source map over ru', ['corpus'], () => {
  it('maps all 866,410 sampled copied characters of the 3,551 (page, build point) expansions to the same source character', () => {
    const tree = corpusTree()
    const random = seeded(0x5eed)
    const failures: string[] = []
    let pairs = 0
    let checked = 0
    let inFragments = 0
    for (const page of tree.pages()) {
      for (const target of page.targets) {
        pairs++
        const result = checkExpansion(tree, page.file, target, random, failures)
        checked += result.checked
        inFragments += result.inFragments
      }
    }
    expect(failures.slice(0, 20), `${failures.length} failures`).toEqual([])
    expect([pairs, checked]).toEqual([3551, 866_410])
    // About a third of the pages include fragments: the map is exercised across files too.
    expect(inFragments).toBeGreaterThan(600_000)
  })
})
