import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {
  isBuildPoint,
  loadIndex,
  memoryFileSystem,
  pagesForTarget,
  reportVariableGap,
  suggestBuildPoint,
  targetsOf,
  variableGaps,
  variableValue,
  type DocsIndex,
} from '../src/tree/index.js'
import {indexOn, portableIndex} from '../src/tree/load.js'
import {nodeFileSystem} from '../src/tree/node-fs.js'

const siteDir = fileURLToPath(new URL('../fixtures/tree/site/', import.meta.url))

/** Every file of a folder on disk as `path → text`, for an in-memory copy of a fixture tree. */
function readTree(root: string, dir = ''): Record<string, string> {
  const files: Record<string, string> = {}
  for (const entry of readdirSync(join(root, dir), {withFileTypes: true})) {
    const path = dir ? `${dir}/${entry.name}` : entry.name
    if (entry.isDirectory()) Object.assign(files, readTree(root, path))
    else files[path] = readFileSync(join(root, path), 'utf8')
  }
  return files
}

/** The observable content of an index, as plain data. */
function summarize(index: DocsIndex) {
  const byFolder = (a: {folder: string}, b: {folder: string}) => a.folder.localeCompare(b.folder)
  return {
    languages: index.languages,
    allLanguages: index.allLanguages,
    buildPoints: index.buildPoints,
    pages: [...index.pages.values()].sort(byFolder),
    sections: [...index.sections.values()].sort(byFolder),
    fragments: [...index.fragments].sort(),
    otherMarkdown: index.otherMarkdown,
    diagnostics: index.diagnostics.map((message) => ({
      code: message.ruleId,
      file: message.file,
      line: message.line,
      column: message.column,
      reason: message.reason,
      fix: message.fix ?? null,
    })),
    metaProblems: index.metaProblems,
  }
}

/** A minimal tree: one config, a language meta, and the given extra files. */
function tree(extra: Record<string, string>, variables = '{}'): DocsIndex {
  return loadIndex(
    memoryFileSystem({
      'config/site.docs.config.mjs': "export const config = {build: {points: ['public', 'private']}}\n",
      'ru/ru.meta.json': `{"title": "Docs", "variables": ${variables}}\n`,
      ...extra,
    }),
  )
}

describe('loadIndex on the fixture tree', () => {
  const fromDisk = loadIndex(nodeFileSystem(join(siteDir, 'input')))

  it('matches the reviewed expected index', () => {
    const expected = JSON.parse(readFileSync(join(siteDir, 'expected.json'), 'utf8'))
    expect(JSON.parse(JSON.stringify(summarize(fromDisk)))).toEqual(expected)
  })

  it('crosses to another thread whole but for its loading diagnostics, which stay with the thread that loaded it', () => {
    const taken = indexOn(fromDisk.fs, structuredClone(portableIndex(fromDisk)))
    expect(taken.fs).toBe(fromDisk.fs)
    expect(fromDisk.diagnostics.length).toBeGreaterThan(0)
    expect({...summarize(taken), diagnostics: null}).toEqual({...summarize(fromDisk), diagnostics: null})
    expect(taken.variables).toEqual(fromDisk.variables)
    expect(taken.buildPointSources).toEqual(fromDisk.buildPointSources)
    expect(taken.foldersByName).toEqual(fromDisk.foldersByName)
    expect(taken.diagnostics).toEqual([])
  })

  it('reads the same index from memory as from disk', () => {
    const fromMemory = loadIndex(memoryFileSystem(readTree(join(siteDir, 'input'))))
    expect(summarize(fromMemory)).toEqual(summarize(fromDisk))
  })

  it('loads one language when asked', () => {
    const ru = loadIndex(nodeFileSystem(join(siteDir, 'input')), {lang: 'ru'})
    expect(ru.languages).toEqual(['ru'])
    expect(ru.allLanguages).toEqual(['en', 'ru'])
    expect([...ru.pages.keys()].every((folder) => folder.startsWith('ru/'))).toBe(true)
    // Build points come from configs and the loaded language's variables only.
    expect(ru.buildPoints).not.toContain('private')
    expect(ru.variables.has('en')).toBe(false)
  })
})

describe('pages, sections and fragments', () => {
  const index = tree({
    'ru/start/start.meta.json': '{"title": "Start"}',
    'ru/start/intro/intro.md': '# Intro',
    'ru/start/intro/intro.meta.json': '{"title": "Intro", "build": {"for": ["public"]}}',
    'ru/start/no-meta/no-meta.md': '# A page file without a meta file',
    'ru/_includes/_a.md': 'A',
    'ru/start/_includes/_b.md': 'B',
    'ru/start/_includes/nested/_c.md': 'C',
    'ru/start/intro/readme.md': 'neither',
    'ru/start/intro/assets/logo.svg': '<svg/>',
  })

  it('a page is a folder x/ holding x/x.md, keyed by its folder', () => {
    expect(index.pages.get('ru/start/intro')).toMatchObject({
      folder: 'ru/start/intro',
      file: 'ru/start/intro/intro.md',
      metaFile: 'ru/start/intro/intro.meta.json',
      title: 'Intro',
      lang: 'ru',
    })
  })

  it('a page file without a meta file is still a page, but no link target', () => {
    expect(index.pages.get('ru/start/no-meta')).toMatchObject({metaFile: null, title: null, buildFor: null})
    expect(index.folders.has('ru/start/no-meta')).toBe(false)
  })

  it('a section is a folder with x.meta.json and no x.md; the language root is one', () => {
    expect([...index.sections.keys()].sort()).toEqual(['ru', 'ru/start'])
    expect(index.sections.get('ru/start')?.title).toBe('Start')
    expect([...index.folders].sort()).toEqual(['ru', 'ru/start', 'ru/start/intro'])
  })

  it('fragments are the Markdown files under any _includes folder', () => {
    expect([...index.fragments].sort()).toEqual([
      'ru/_includes/_a.md',
      'ru/start/_includes/_b.md',
      'ru/start/_includes/nested/_c.md',
    ])
    expect(index.otherMarkdown).toEqual(['ru/start/intro/readme.md'])
  })

  it('a folder without a language meta file is not a language', () => {
    const other = loadIndex(memoryFileSystem({'ru/ru.meta.json': '{}', 'tmp/x/x.md': '# x', 'tmp/x/x.meta.json': '{}'}))
    expect(other.languages).toEqual(['ru'])
    expect(other.pages.has('tmp/x')).toBe(false)
  })
})

describe('build points', () => {
  it('come from points/buildPoints lists of config/*.mjs read as text, then variables', () => {
    const index = loadIndex(
      memoryFileSystem({
        'config/a.config.mjs': [
          "import x from 'pkg'",
          "if (process.env.X) throw new Error('never run')",
          'export const config = {',
          "  documents: [{buildPoints: ['private-pdf', \"s3-pdf\"]}],",
          '  // points: [\'commented-out\'],',
          "  /* buildPoints: ['also-commented'] */",
          "  url: 'https://example.com/points: [\\'in-a-string\\']',",
          '}',
        ].join('\n'),
        'config/b.docs.config.mjs': "export const config = {build: {defaultGroup: 'public', points: ['public']}}",
        'config/notes.txt': "points: ['not-a-module']",
        'ru/ru.meta.json': JSON.stringify({
          variables: {cloud: [{buildPoint: 'public', value: 'A'}, {buildPoint: 'private-pg', value: 'B'}]},
        }),
      }),
    )
    expect(index.buildPoints).toEqual(['private-pdf', 's3-pdf', 'public', 'private-pg'])
    expect(index.buildPointSources.get('s3-pdf')).toEqual([{file: 'config/a.config.mjs', line: 4}])
    expect(index.buildPointSources.get('public')).toEqual([
      {file: 'config/b.docs.config.mjs', line: 1},
      {file: 'ru/ru.meta.json', line: 1},
    ])
  })

  it('isBuildPoint is exact; suggestBuildPoint maps typos or refuses to guess', () => {
    const index = loadIndex(
      memoryFileSystem({
        'config/c.mjs': "const c = {points: ['public', 'private', 'private-pg', 'private-pdf', 'private-pg-pdf', 'private-cert', 's3', 's3-pdf', 'data-p', 'data-p-pdf']}",
        'ru/ru.meta.json': '{}',
      }),
    )
    expect(isBuildPoint(index, 'private-pg')).toBe(true)
    expect(isBuildPoint(index, 'private_pg')).toBe(false)
    expect(isBuildPoint(index, ' public')).toBe(false)
    expect(suggestBuildPoint(index, 'private_pg')).toBe('private-pg')
    expect(suggestBuildPoint(index, 'private_pg_pdf')).toBe('private-pg-pdf')
    expect(suggestBuildPoint(index, 'data_p_pdf')).toBe('data-p-pdf')
    expect(suggestBuildPoint(index, 'private-cer')).toBe('private-cert')
    expect(suggestBuildPoint(index, 'pulic')).toBe('public')
    expect(suggestBuildPoint(index, 'oublic')).toBe('public')
    expect(suggestBuildPoint(index, 'pubilc')).toBe('public')
    expect(suggestBuildPoint(index, ' data-p ')).toBe('data-p')
    // `private-p` is within two edits of private, private-pg and private-pdf: no guess.
    expect(suggestBuildPoint(index, 'private-p')).toBeNull()
    expect(suggestBuildPoint(index, 'staging')).toBeNull()
    expect(suggestBuildPoint(index, '')).toBeNull()
  })
})

describe('unknown build targets in meta files', () => {
  const faqMeta = '{\n  "title": "FAQ",\n  "build": {\n    "for": [\n      "public",\n      "private_pg",\n      "staging"\n    ]\n  }\n}\n'
  const index = loadIndex(
    memoryFileSystem({
      'config/c.mjs': "const c = {points: ['public', 'private-pg', 'private-pdf']}",
      'ru/ru.meta.json': '{}',
      'ru/faq/faq.md': '# FAQ',
      'ru/faq/faq.meta.json': faqMeta,
      'ru/faq/faq_portal.meta.json': '{"build": {"for": ["private_pdf"]}}',
    }),
  )
  // In file order: the page meta's two values, then the portal variant's one.
  const messages = index.diagnostics
    .filter((message) => message.ruleId === 'unknown-build-target')
    .sort((a, b) => String(a.file).length - String(b.file).length || (a.line ?? 0) - (b.line ?? 0))

  it('are reported at the line and columns of the bad value', () => {
    expect(messages.map((message) => [message.file, message.line, message.column])).toEqual([
      ['ru/faq/faq.meta.json', 6, 7],
      ['ru/faq/faq.meta.json', 7, 7],
      ['ru/faq/faq_portal.meta.json', 1, 20],
    ])
    expect(messages[0]?.reason).toContain('"private_pg" is not a build point')
    expect(messages[0]?.severity).toBe('error')
  })

  it('carry a fix-it replacing the value when one build point is meant', () => {
    const fix = messages[0]?.fix
    expect(fix).toBeDefined()
    const fixed = faqMeta.slice(0, fix!.start) + fix!.text + faqMeta.slice(fix!.end)
    expect(JSON.parse(fixed).build.for).toEqual(['public', 'private-pg', 'staging'])
    expect(messages[1]?.fix).toBeUndefined()
    expect(messages[2]?.fix?.text).toBe('"private-pdf"')
  })

  it('leave unknown names out of the targets a page is built for', () => {
    const page = index.pages.get('ru/faq')!
    expect(page.buildFor).toEqual(['public', 'private_pg', 'staging'])
    expect(targetsOf(page)).toEqual(['public'])
  })
})

describe('targets of pages', () => {
  const index = tree({
    'ru/a/a.md': 'A',
    'ru/a/a.meta.json': '{"build": {"for": ["private", "public", "public"]}}',
    'ru/b/b.md': 'B',
    'ru/b/b.meta.json': '{"build": {"for": ["dontbuild"]}}',
    'ru/c/c.md': 'C',
    'ru/c/c.meta.json': '{"title": "No build list"}',
    'ru/d/d.md': 'D',
    'ru/d/d.meta.json': '{"build": {"for": ["public"]}}',
  })

  it('follow build.for in order without duplicates', () => {
    expect(targetsOf(index.pages.get('ru/a')!)).toEqual(['private', 'public'])
  })

  it('are none for dontbuild, which is not an unknown target', () => {
    const page = index.pages.get('ru/b')!
    expect(page.dontbuild).toBe(true)
    expect(targetsOf(page)).toEqual([])
    expect(index.diagnostics).toEqual([])
  })

  it('are none when the meta names no build list (buildFor null tells that case)', () => {
    const page = index.pages.get('ru/c')!
    expect(page.buildFor).toBeNull()
    expect(targetsOf(page)).toEqual([])
  })

  it('pagesForTarget lists the pages built for a target, in folder order', () => {
    expect(pagesForTarget(index, 'public').map((page) => page.folder)).toEqual(['ru/a', 'ru/d'])
    expect(pagesForTarget(index, 'private').map((page) => page.folder)).toEqual(['ru/a'])
    expect(pagesForTarget(index, 'nowhere')).toEqual([])
  })
})

describe('variables', () => {
  const variables = `{
    "vendor": "Example Vendor",
    "cloud": [
      {"buildPoint": "public", "value": "Example Cloud"},
      {"buildPoint": "private", "value": "Example Private Cloud"}
    ],
    "s3": [
      {"buildPoint": "public", "value": "Object Storage"}
    ],
    "broken": [{"buildPoint": "public"}]
  }`
  const index = tree({}, variables)

  it('a string variable has one value for every target', () => {
    expect(variableValue(index, 'ru', 'vendor', 'public')).toEqual({value: 'Example Vendor'})
    expect(variableValue(index, 'ru', 'vendor', 'private')).toEqual({value: 'Example Vendor'})
  })

  it('a list variable takes the value of the build point', () => {
    expect(variableValue(index, 'ru', 'cloud', 'public')).toEqual({value: 'Example Cloud'})
    expect(variableValue(index, 'ru', 'cloud', 'private')).toEqual({value: 'Example Private Cloud'})
    expect(variableValue(index, 'ru', 's3', 'private')).toEqual({error: 'no-value'})
  })

  it('an unknown name or language is undefined', () => {
    expect(variableValue(index, 'ru', 'system', 'public')).toEqual({error: 'undefined'})
    expect(variableValue(index, 'kz', 'cloud', 'public')).toEqual({error: 'undefined'})
  })

  it('keeps the line of each definition in the language meta file', () => {
    const cloud = index.variables.get('ru')?.get('cloud')
    expect(cloud).toMatchObject({file: 'ru/ru.meta.json', line: 3, kind: 'per-build-point'})
    expect(cloud?.position.start.column).toBe(5)
  })

  it('lists the gaps of list variables; the caller decides which matter', () => {
    expect(variableGaps(index, 'ru')).toEqual([
      {name: 's3', missing: ['private'], file: 'ru/ru.meta.json', line: 7},
      {name: 'broken', missing: ['public', 'private'], file: 'ru/ru.meta.json', line: 10},
    ])
    expect(index.metaProblems.map((problem) => [problem.file, problem.position.start.line, problem.reason])).toEqual([
      ['ru/ru.meta.json', 10, 'an entry of variable "broken" lacks a string buildPoint or value'],
    ])
  })

  it('reports a gap for a target at the variable line, or nothing when there is a value', () => {
    const message = reportVariableGap(index, 'ru', 's3', 'private', {uses: 4, example: 'ru/a/a.md:3'})
    expect(message).toMatchObject({ruleId: 'var-no-value-for-build', file: 'ru/ru.meta.json', line: 7, targets: ['private']})
    expect(message?.reason).toBe(
      "variable 's3' has per-buildPoint values but none for build point private; 4 {var(s3)} use(s) in pages built for private, e.g. ru/a/a.md:3",
    )
    expect(reportVariableGap(index, 'ru', 's3', 'public')).toBeNull()
    expect(reportVariableGap(index, 'ru', 'vendor', 'private')).toBeNull()
  })
})

describe('meta files that cannot be read as intended', () => {
  const index = tree({
    'ru/a/a.md': 'A',
    'ru/a/a.meta.json': '{\n  "title": "A",\n  "build": {"for": ["public",]}\n}',
    'ru/b/b.md': 'B',
    'ru/b/b.meta.json': '{"title": 42, "build": {"for": "public"}}',
    'ru/c/c.md': 'C',
    'ru/c/c.meta.json': '{"build": {"for": ["public", 7]}}',
  })

  it('never throw: the page stays indexed and the problem is kept with its place', () => {
    expect(index.pages.get('ru/a')).toMatchObject({title: null, buildFor: null})
    expect(index.metaProblems.map((problem) => [problem.file, problem.position.start.line, problem.reason])).toEqual([
      ['ru/a/a.meta.json', 3, "not valid JSON: unexpected character \"]\""],
      ['ru/b/b.meta.json', 1, '`build.for` is not a list'],
      ['ru/c/c.meta.json', 1, 'a build target that is not a string'],
    ])
    expect(index.pages.get('ru/b')).toMatchObject({title: null, buildFor: null})
    expect(targetsOf(index.pages.get('ru/c')!)).toEqual(['public'])
  })

  it('throw only for bad options', () => {
    const fs = memoryFileSystem({'ru/ru.meta.json': '{}'})
    expect(() => loadIndex(fs, {lang: '../ru'})).toThrow(TypeError)
    expect(loadIndex(fs, {lang: 'kz'}).languages).toEqual([])
  })
})
