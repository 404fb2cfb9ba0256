/**
 * The dialect parser: lossless over the corpus, exact positions, recovery,
 * and linear time on hostile input.
 */
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse, type DirectiveNode} from '../src/index.js'

const corpus = new URL('../../shared/corpus', import.meta.url).pathname
const spec = new URL('../../shared/spec/defects-ru.tsv', import.meta.url).pathname
const hasCorpus = existsSync(`${corpus}/ru`)

describe('parse()', () => {
  it('parses a cut with a title that contains parentheses', () => {
    const {tree, messages} = parse('{cut(Windows (PowerShell))}\nТекст.\n{/cut}\n')
    const cut = tree.children[0] as DirectiveNode & {name: 'cut'}
    expect(messages).toEqual([])
    expect(cut.name).toBe('cut')
    expect(cut.title.map((node) => (node.type === 'text' ? node.value : '')).join('')).toBe('Windows (PowerShell)')
    expect(cut.position).toEqual({start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 28, offset: 27}})
  })
  it('reads a heading whose title nests a counter and a condition', () => {
    const {tree} = parse('## {heading({counter(cli)}. {ifdef(public)}(Опционально) {/ifdef}Установите)[id=x]}\n')
    const heading = tree.children.find((node) => node.type === 'directive') as DirectiveNode & {name: 'heading'}
    expect(heading.id).toBe('x')
    expect(heading.title.filter((node) => node.type === 'directive').map((node) => (node as DirectiveNode).name)).toEqual(['counter', 'ifdef'])
  })
  it('keeps a linkto whose target continues on the next line', () => {
    const {tree, messages} = parse('{linkto(\n      ../how-to-guides/tls-connect#x)[text=TLS]}\n')
    expect(messages).toEqual([])
    expect((tree.children[0] as DirectiveNode & {name: 'linkto'}).target).toBe('../how-to-guides/tls-connect#x')
  })
  it('reports a linkto whose text has no key, and keeps the rest of the page', () => {
    const {tree, messages} = parse('До {linkto(../a#b)[пополнить баланс]} после.\n')
    expect(messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual(['1:20 malformed-directive'])
    expect(tree.children.map((node) => source(node)).join('')).toBe('До {linkto(../a#b)[пополнить баланс]} после.\n')
  })
  it('treats other names and Terraform interpolation as text', () => {
    const {tree} = parse('%{COMBINEDAPACHELOG} ${var.x} {Mercedes} {word}\n')
    expect(tree.children.every((node) => node.type === 'text')).toBe(true)
  })
  it('stays linear on hostile input', () => {
    for (const input of ['{'.repeat(1 << 20), '{cut('.repeat(200_000), '{linkto('.repeat(130_000), '{cut(X)}\n'.repeat(10_000)]) {
      const started = performance.now()
      expect(() => parse(input)).not.toThrow()
      expect(performance.now() - started).toBeLessThan(5_000)
    }
  })
})

function source(node: {position: {start: {offset?: number}; end: {offset?: number}}}): string {
  return current.slice(node.position.start.offset!, node.position.end.offset!)
}
let current = 'До {linkto(../a#b)[пополнить баланс]} после.\n'

describe.skipIf(!hasCorpus)('parse() over the ru corpus', () => {
  it('is lossless on every file and reports every malformed-directive row of the scan at its line', {timeout: 600_000}, () => {
    const files: string[] = []
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) walk(path)
        else if (name.endsWith('.md')) files.push(path)
      }
    }
    walk(join(corpus, 'ru'))
    expect(files.length).toBe(1632)
    const reported = new Set<string>()
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      current = text
      const {tree, messages} = parse(text, {file})
      let rebuilt = ''
      let cursor = 0
      for (const node of tree.children) {
        expect(node.position.start.offset, file).toBe(cursor)
        rebuilt += source(node)
        cursor = node.position.end.offset!
      }
      expect(rebuilt === text, file).toBe(true)
      const relativeFile = file.slice(corpus.length + 1)
      for (const message of messages) reported.add(`${relativeFile}:${message.line}:${message.ruleId}`)
    }
    if (!existsSync(spec)) return
    const rows = readFileSync(spec, 'utf8').split('\n').filter((line) => line && !line.startsWith('#')).map((line) => line.split('\t'))
    const wanted = rows.filter((row) => row[2] === 'malformed-directive').map((row) => `${row[0]}:${row[1]}:malformed-directive`)
    expect(wanted.length).toBe(19)
    expect(wanted.filter((row) => !reported.has(row))).toEqual([])
  })
})
