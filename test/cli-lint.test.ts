/**
 * `vkdoc lint` as an author runs it: configuration found upward, ignore
 * files and patterns, globs, rule severities, FAQ pages, paths relative to
 * the working directory in every format, drafts with `--as`, stdin with
 * `--stdin-filename`, and `--fix`.
 */
import {readFileSync, symlinkSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {vkdoc} from './support/cli.js'
import {docsTree, project} from './support/project.js'

interface Finding {
  file: string
  line: number
  code: string
  targets: string[] | null
}

async function lintJson(args: string[], cwd: string, stdin?: string): Promise<{code: number; findings: string[]; stderr: string}> {
  const result = await vkdoc(['lint', ...args, '--format', 'json'], {cwd, stdin})
  const findings = result.stdout ? (JSON.parse(result.stdout) as Finding[]).map((finding) => `${finding.file}:${finding.line} ${finding.code}${finding.targets ? ` [${finding.targets.join(',')}]` : ''}`) : []
  return {code: result.code, findings, stderr: result.stderr}
}

const faqPage = '# Вопросы\n\n{cut(Как стать партнером)}\nОтвет.\n{/cut}\n\n{ifdef(private)}\n{cut(Только приватный)}\nОтвет.\n{/cut}\n{/ifdef}\n'

describe('configuration', () => {
  const root = project({
    'vkdoc.config.json': JSON.stringify({root: 'docs', rules: {'faq-question-mark': 'error'}, ignorePatterns: ['docs/ru/drafts/']}),
    ...docsTree(
      {
        'ru/faq/faq.md': faqPage,
        'ru/guide/guide.md': '# Руководство\n\n{cut(Подробнее)}\nТекст {linkto(../nope)[text=нет]}.\n{/cut}\n',
        'ru/drafts/drafts.md': '# Черновик {var(nope)}\n',
      },
      'docs/',
    ),
    'docs/ru/guide/sub/.vkdocrc.json': JSON.stringify({rules: {'linkto-missing-page': 'off'}}),
    'other/package.json': JSON.stringify({name: 'x', vkdoc: {rules: {'unknown-directive': 'error'}}}),
    'other/a.md': '{linto(x)[text=y]}\n',
  })

  it('is found upward from the working directory: its root, rules and ignore patterns apply', async () => {
    const {code, findings} = await lintJson([], join(root, 'docs/ru'))
    expect(code).toBe(1)
    expect(findings).toEqual(['faq/faq.md:3 faq-question-mark', 'faq/faq.md:8 faq-question-mark [private]', 'guide/guide.md:4 linkto-missing-page'])
  })

  it('is found upward from each file, and a package.json "vkdoc" key counts', async () => {
    const {findings} = await lintJson(['other/a.md'], root)
    expect(findings).toEqual(['other/a.md:1 unknown-directive'])
    const result = await vkdoc(['lint', 'other/a.md', '--format', 'json'], {cwd: root})
    expect(JSON.parse(result.stdout)[0].severity).toBe('error')
  })

  it('applies the nearest configuration to files under a folder given, each file linted once', async () => {
    const nested = project({
      'vkdoc.config.json': JSON.stringify({root: '.'}),
      ...docsTree({'ru/a/a.md': '{linto(x)[text=y]}\n', 'ru/b/b.md': '{linto(x)[text=y]}\n'}),
      'ru/b/.vkdocrc.json': JSON.stringify({root: '../..', rules: {'unknown-directive': 'error'}}),
    })
    const result = await vkdoc(['lint', 'ru', '--format', 'json'], {cwd: nested})
    const findings = (JSON.parse(result.stdout) as Array<{file: string; severity: string}>).map((finding) => `${finding.file} ${finding.severity}`)
    expect(findings).toEqual(['ru/a/a.md warning', 'ru/b/b.md error'])
  })

  it('is overridden by flags', async () => {
    const {findings} = await lintJson(['--rule', 'faq-question-mark=off', '--target', 'public'], root)
    expect(findings).toEqual(['docs/ru/guide/guide.md:4 linkto-missing-page'])
  })

  it('is shown by --print-config', async () => {
    const result = await vkdoc(['lint', '--print-config', 'docs/ru/faq/faq.md', '--rule', 'stray-close=warn'], {cwd: root})
    expect(result.code).toBe(0)
    const settings = JSON.parse(result.stdout)
    expect(settings).toMatchObject({configFile: join(root, 'vkdoc.config.json'), root: join(root, 'docs'), rules: {'faq-question-mark': 'error', 'stray-close': 'warn'}, faqPage: true, cache: false})
  })

  it('reads vkdoc.config.mjs (its default export) and a file given with --config', async () => {
    const mjs = project({'vkdoc.config.mjs': "export default {rules: {'unknown-directive': 'off'}}\n", 'a.md': '{linto(x)[text=y]}\n', 'strict.json': JSON.stringify({rules: {'unknown-directive': 'error'}})})
    expect((await lintJson(['a.md'], mjs)).findings).toEqual([])
    const strict = await vkdoc(['lint', 'a.md', '--config', 'strict.json', '--format', 'json'], {cwd: mjs})
    expect(strict.code).toBe(1)
    expect(JSON.parse(strict.stdout)[0]).toMatchObject({code: 'unknown-directive', severity: 'error'})
    expect((await lintJson(['a.md', '--no-config'], mjs)).findings).toEqual(['a.md:1 unknown-directive'])
    const missing = await vkdoc(['lint', 'a.md', '--config', 'nope.json'], {cwd: mjs})
    expect([missing.code, missing.stderr]).toEqual([2, `vkdoc: ${join(mjs, 'nope.json')}: no such file\n`])
  })

  it('refuses a configuration with an unknown key or code, naming the file', async () => {
    const bad = project({'vkdoc.config.json': JSON.stringify({rules: {'no-such-code': 'off'}}), 'a.md': 'x\n'})
    const result = await vkdoc(['lint', 'a.md'], {cwd: bad})
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/vkdoc\.config\.json: "rules" names "no-such-code", which is not a vkdoc code/)
  })
})

describe('ignores and globs', () => {
  const root = project({
    '.vkdocignore': '# drafts\ndrafts/\n!drafts/keep.md\n',
    'a.md': '{linto(x)[text=y]}\n',
    'drafts/b.md': '{linto(x)[text=y]}\n',
    'drafts/keep.md': '{linto(x)[text=y]}\n',
    'guide/c.md': '{linto(x)[text=y]}\n',
    'guide/deep/d.md': '{linto(x)[text=y]}\n',
  })

  it('skips what .vkdocignore and --ignore-pattern say (gitignore syntax)', async () => {
    expect((await lintJson(['.'], root)).findings).toEqual(['a.md:1 unknown-directive', 'guide/c.md:1 unknown-directive', 'guide/deep/d.md:1 unknown-directive'])
    expect((await lintJson(['.', '--ignore-pattern', 'deep/'], root)).findings).toEqual(['a.md:1 unknown-directive', 'guide/c.md:1 unknown-directive'])
    expect((await lintJson(['.', '--no-ignore'], root)).findings).toHaveLength(5)
  })

  it('says so when a file named on the command line is ignored', async () => {
    const result = await lintJson(['drafts/b.md', 'a.md'], root)
    expect(result.findings).toEqual(['a.md:1 unknown-directive'])
    expect(result.stderr).toContain('drafts/b.md is ignored')
  })

  it('expands globs', async () => {
    expect((await lintJson(['guide/**/*.md'], root)).findings).toEqual(['guide/c.md:1 unknown-directive', 'guide/deep/d.md:1 unknown-directive'])
  })

  it('is a usage error when nothing is left to lint', async () => {
    const result = await vkdoc(['lint', 'drafts/b.md'], {cwd: root})
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/no files to lint/)
    const empty = project({'empty/readme.txt': 'x'})
    expect((await vkdoc(['lint', 'empty'], {cwd: empty})).stderr).toMatch(/`empty`: no Markdown files to lint/)
  })
})

describe('a tree, in part or whole', () => {
  const root = project(
    docsTree({
      'ru/_includes/_frag.md': 'Фрагмент {linkto(../missing)[text=нет]}.\n',
      'ru/a/a.md': '# А\n\n{include(/ru/_includes/_frag.md)}\n',
      'ru/b/b.md': '# Б\n\n![схема](assets/none.png)\n',
      'ru/faq/faq.md': faqPage,
      'ru/empty/readme.txt': 'нет страниц',
    }),
  )
  const whole = lintJson(['--root', '.'], root)

  it('judges a fragment where it is included, and FAQ rules only on the FAQ page', async () => {
    expect((await whole).findings).toEqual(['ru/_includes/_frag.md:1 linkto-missing-page', 'ru/faq/faq.md:3 faq-question-mark', 'ru/faq/faq.md:8 faq-question-mark [private]'])
  })

  it('reports for any paths what the whole run reports for them', async () => {
    for (const paths of [['ru/_includes'], ['ru/_includes/_frag.md'], ['ru/faq', 'ru/b'], ['ru']]) {
      const part = await lintJson([...paths, '--root', '.'], root)
      expect(part.findings, paths.join(' ')).toEqual((await whole).findings.filter((finding) => paths.some((path) => finding.startsWith(path))))
    }
  })

  it('names files relative to the working directory, also when the tree is elsewhere', async () => {
    const {findings} = await lintJson(['ru/_includes', '--root', root], join(root, 'ru/faq'))
    expect(findings).toEqual(['../_includes/_frag.md:1 linkto-missing-page'])
  })

  it('is a usage error for a folder of the tree with nothing to lint', async () => {
    const result = await vkdoc(['lint', 'ru/empty', '--root', '.'], {cwd: root})
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/no page, fragment or meta file/)
  })
})

describe('report formats and places', () => {
  const root = project({
    ...docsTree({'ru/faq/faq.md': faqPage}, 'docs/'),
    'drafts/faq-draft.md': '# Вопросы\n\n{cut(Черновой вопрос)}\n{/cut}\n',
  })

  it('uses paths relative to the working directory in SARIF, with SRCROOT naming it', async () => {
    const result = await vkdoc(['lint', 'docs/ru/faq/faq.md', '--root', 'docs', '--format', 'sarif'], {cwd: root})
    const run = JSON.parse(result.stdout).runs[0]
    expect(run.originalUriBaseIds.SRCROOT.uri).toBe(`file://${root}/`)
    expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({uri: 'docs/ru/faq/faq.md', uriBaseId: 'SRCROOT'})
  })

  it('uses them in GitHub annotations', async () => {
    const result = await vkdoc(['lint', '--root', 'docs', '--format', 'github'], {cwd: root})
    expect(result.stdout).toContain('::warning file=docs/ru/faq/faq.md,line=3,')
  })

  it('reports a draft given with --as under the file that was read, with the page\'s FAQ rules', async () => {
    const {findings} = await lintJson(['drafts/faq-draft.md', '--root', 'docs', '--as', 'ru/faq/faq.md'], root)
    expect(findings).toEqual(['drafts/faq-draft.md:3 faq-empty-answer', 'drafts/faq-draft.md:3 faq-question-mark'])
  })

  it('lints stdin as the file --stdin-filename names', async () => {
    const {findings} = await lintJson(['-', '--root', 'docs', '--stdin-filename', 'docs/ru/faq/faq.md'], root, '{cut(Без знака)}\nОтвет.\n{/cut}\n')
    expect(findings).toEqual(['docs/ru/faq/faq.md:1 faq-question-mark'])
  })
})

describe('--fix', () => {
  it('writes fixed files back, keeping a byte-order mark', async () => {
    const root = project({'a.md': new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('См. {linkto( ../x#y)[text=тут]}.\n')])})
    const result = await vkdoc(['lint', 'a.md', '--fix'], {cwd: root})
    expect(result.stderr).toContain('fixed 1 file(s)')
    expect([...readFileSync(join(root, 'a.md')).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(readFileSync(join(root, 'a.md'), 'utf8').slice(1)).toBe('См. {linkto(../x#y)[text=тут]}.\n')
  })

  it('prints the fixed text of stdin to stdout and the report to stderr', async () => {
    const root = project({'a.md': 'x\n'})
    const result = await vkdoc(['lint', '-', '--fix', '--stdin-filename', 'a.md'], {cwd: root, stdin: 'См. {linkto( ../x#y)[тут]} и {linto(z)[text=w]}.\n'})
    expect(result.stdout).toBe('См. {linkto(../x#y)[text=тут]} и {linto(z)[text=w]}.\n')
    expect(result.stderr).toMatch(/a\.md\n.*unknown-directive/)
    expect(readFileSync(join(root, 'a.md'), 'utf8')).toBe('x\n')
  })

  it('never writes a file that is not UTF-8', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('См. {linkto( ../x#y)[text=тут]} '), 0xca, 0xe0, 0xea, 0x0a])
    const root = project({'a.md': bytes})
    const result = await lintJson(['a.md', '--fix'], root)
    expect(result.findings).toEqual(['a.md:1 linkto-target-whitespace', 'a.md:1 invalid-utf8'])
    expect(new Uint8Array(readFileSync(join(root, 'a.md')))).toEqual(bytes)
  })
})

describe('symbolic links in a folder', () => {
  it('names a link that loops back to a folder containing it, and reads each file once', async () => {
    const root = project({'docs/a/x.md': '{linto(x)[text=y]}\n'})
    symlinkSync('..', join(root, 'docs/a/back'))
    const result = await lintJson(['docs'], root)
    expect(result.code).toBe(0)
    expect(result.findings).toEqual(['docs/a/x.md:1 unknown-directive'])
    expect(result.stderr).toBe('vkdoc: docs/a/back is a symbolic link to docs, a folder that contains it (a loop): its files are read once\n')
  })
})

describe('inline control from the command line', () => {
  it('reports unused disable comments with --report-unused-disables', async () => {
    const root = project({'a.md': '<!-- vkdoc-disable-next-line stray-close -->\nТекст.\n'})
    expect((await lintJson(['a.md'], root)).findings).toEqual([])
    expect((await lintJson(['a.md', '--report-unused-disables'], root)).findings).toEqual(['a.md:1 unused-disable-directive'])
  })
})

