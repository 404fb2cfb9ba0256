/**
 * `vkdoc html|json|md`: outputs mirror the inputs and never overwrite one
 * another, a file that fails does not stop the others, and the bytes of a
 * file are read as an editor shows them (BOM dropped, bad UTF-8 reported).
 */
import {existsSync, mkdirSync, readFileSync, symlinkSync} from 'node:fs'
import {join} from 'node:path'
import Ajv from 'ajv'
import {describe, expect, it} from 'vitest'
import {planOutputs} from '../src/cli/output-paths.js'
import {captureIo, vkdoc} from './support/cli.js'
import {docsTree, project} from './support/project.js'
import {run} from '../src/cli/run.js'

const faqSchema = new Ajv().compile(JSON.parse(readFileSync(new URL('../schema/faq.schema.json', import.meta.url), 'utf8')))
const faq = (question: string) => `{cut(${question})}\nОтвет.\n{/cut}\n`
const encode = (text: string) => [...new TextEncoder().encode(text)]

describe('-o OUT', () => {
  it('mirrors the inputs under their common folder: two FAQ pages give two faq.json', async () => {
    const root = project({'A/faq/faq.md': faq('Первый?'), 'B/faq/faq.md': faq('Второй?')})
    const result = await vkdoc(['json', '--faq', 'A/faq/faq.md', 'B/faq/faq.md', '-o', 'OUT'], {cwd: root})
    expect(result.code).toBe(0)
    expect(JSON.parse(readFileSync(join(root, 'OUT/A/faq/faq.json'), 'utf8')).questions[0].question).toBe('Первый?')
    expect(JSON.parse(readFileSync(join(root, 'OUT/B/faq/faq.json'), 'utf8')).questions[0].question).toBe('Второй?')
  })

  it('mirrors the inputs relative to --root inside a tree, with the page in the FAQ JSON', async () => {
    const root = project(docsTree({'ru/a/faq/faq.md': faq('Как?'), 'ru/b/faq/faq.md': faq('Зачем?')}, 'docs/'))
    const result = await vkdoc(['json', '--faq', 'docs/ru', '--root', 'docs', '-o', 'OUT'], {cwd: root})
    expect(result.code).toBe(0)
    const document = JSON.parse(readFileSync(join(root, 'OUT/ru/a/faq/faq.json'), 'utf8'))
    expect(document.page).toEqual({url: '/ru/a/faq', file: 'ru/a/faq/faq.md', lang: 'ru', target: 'public'})
    expect(existsSync(join(root, 'OUT/ru/b/faq/faq.json'))).toBe(true)
  })

  it('stops before writing anything when two inputs would write one file, or an output would replace an input', async () => {
    const root = project({'a.md': '# A\n'})
    const twice = await vkdoc(['html', 'a.md', '-', '--stdin-filename', 'a.md', '-o', 'OUT'], {cwd: root, stdin: '# B\n'})
    expect(twice.code).toBe(2)
    expect(twice.stderr).toMatch(/would both be written to `OUT\/a\.html`/)
    expect(existsSync(join(root, 'OUT'))).toBe(false)
    const over = await vkdoc(['md', 'a.md', '-o', '.'], {cwd: root})
    expect(over.code).toBe(2)
    expect(over.stderr).toMatch(/would overwrite the input `a\.md`/)
  })

  it('never writes through a symbolic link left in OUT; the other files are still written', async () => {
    const root = project({'a.md': '# A\n', 'b.md': '# B\n', 'outside/keep.html': 'KEEP'})
    mkdirSync(join(root, 'OUT'))
    symlinkSync(join(root, 'outside/keep.html'), join(root, 'OUT/a.html'))
    const result = await vkdoc(['html', 'a.md', 'b.md', '-o', 'OUT'], {cwd: root})
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/would be written outside/)
    expect(readFileSync(join(root, 'outside/keep.html'), 'utf8')).toBe('KEEP')
    expect(readFileSync(join(root, 'OUT/b.html'), 'utf8')).toContain('<h1>B</h1>')
  })

  it('plans a collision between a tree file and a file beside the tree as an error', () => {
    expect(planOutputs([{path: '/w/docs/ru/x.md', root: '/w/docs'}, {path: '/w/other/ru/z.md'}, {path: '/w/other/y.md'}], 'out', '.html', '/w', 'html')).toEqual(['/w/out/ru/x.html', '/w/out/ru/z.html', '/w/out/y.html'])
    expect(() => planOutputs([{path: '/w/docs/ru/x.md', root: '/w/docs'}, {path: '/w/other/ru/x.md'}, {path: '/w/other/y.md'}], 'out', '.html', '/w', 'html')).toThrow(
      /`docs\/ru\/x\.md` and `other\/ru\/x\.md` would both be written to `out\/ru\/x\.html`/,
    )
  })
})

describe('one file failing', () => {
  it('does not stop the others: they are converted, the failure is named, exit 2', async () => {
    const root = project({'a.md': '# A\n', 'c.md': '# C\n'})
    const {io, result} = captureIo({cwd: root})
    io.readStdin = () => {
      throw Object.assign(new Error('EIO: i/o error, read'), {code: 'EIO'})
    }
    const code = await run(['html', 'a.md', '-', 'c.md', '-o', 'OUT'], io)
    expect(code).toBe(2)
    expect(result.stderr).toMatch(/^vkdoc: <stdin>: cannot read \(EIO: i\/o error, read\)\n$/)
    expect(readFileSync(join(root, 'OUT/a.html'), 'utf8')).toBe('<h1>A</h1>')
    expect(readFileSync(join(root, 'OUT/c.html'), 'utf8')).toBe('<h1>C</h1>')
  })
})

describe('bytes of a file', () => {
  it('drops a byte-order mark: the first cut keeps its answer, the next cut is not inside it', async () => {
    const root = project({'bom.md': new Uint8Array([0xef, 0xbb, 0xbf, ...encode('{cut(Q1?)}\nA1\n{/cut}\n\n{cut(Q2?)}\nA2\n{/cut}\n')])})
    const html = await vkdoc(['html', 'bom.md'], {cwd: root})
    expect(html.stdout).toBe('<details class="vk-cut" id="q1">\n<summary>Q1?</summary>\n<p>A1</p>\n</details>\n<details class="vk-cut" id="q2">\n<summary>Q2?</summary>\n<p>A2</p>\n</details>\n')
    const markdown = await vkdoc(['md', 'bom.md'], {cwd: root})
    expect(markdown.stdout).not.toMatch(/[\uE000-\uF8FF]|<\?/)
    const lint = await vkdoc(['lint', 'bom.md', '--profile', 'faq', '--format', 'json'], {cwd: root})
    expect(JSON.parse(lint.stdout)).toEqual([])
  })

  it('reports bytes that are not UTF-8 with their offset, and still gives FAQ JSON the schema accepts', async () => {
    const root = project({'faq/faq.md': new Uint8Array([...encode('{cut('), 0xca, 0xe0, 0xea, ...encode('?)}\nОтвет.\n{/cut}\n')])})
    const result = await vkdoc(['json', '--faq', 'faq/faq.md'], {cwd: root})
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/1:6 +error +Unexpected byte that is not UTF-8 at byte offset 5/)
    const document = JSON.parse(result.stdout)
    expect(document.questions[0].id).toBe('question')
    expect(faqSchema(document)).toBe(true)
  })
})

describe('stdin and drafts', () => {
  it('names stdin by --stdin-filename', async () => {
    const result = await vkdoc(['html', '-', '--stdin-filename', 'notes/a.md'], {cwd: '/', stdin: 'Текст {/cut}\n'})
    expect(result.stderr).toMatch(/^notes\/a\.md\n/)
  })

  it('renders a draft as a page of the tree with --as, reporting it under the draft', async () => {
    const root = project({...docsTree({'ru/a/a.md': '# А\n\n## {heading(Раздел)[id=part]}\n'}, 'docs/'), 'draft.md': 'См. {linkto(../a#part)[text=%text]} и {linkto(../a#nope)[text=x]}.\n'})
    const result = await vkdoc(['html', 'draft.md', '--root', 'docs', '--as', 'ru/b/b.md'], {cwd: root})
    expect(result.stdout).toMatch(/<a href="\/ru\/a#part"[^>]*>Раздел<\/a>/)
    expect(result.stderr).toMatch(/^draft\.md\n +1:/)
    expect(result.stderr).toContain('linkto-missing-anchor')
  })
})
