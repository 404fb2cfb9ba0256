/**
 * `parse()` through the public API: titles with parentheses, nested
 * directives, targets over two lines, recovery. Over the corpus:
 * test/corpus/parse.test.ts.
 */
import {describe, expect, it} from 'vitest'
import {parse, type DirectiveNode} from '../src/node.js'

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
    const source = 'До {linkto(../a#b)[пополнить баланс]} после.\n'
    const {tree, messages} = parse(source)
    expect(messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual(['1:20 malformed-directive'])
    expect(tree.children.map((node) => source.slice(node.position.start.offset, node.position.end.offset)).join('')).toBe(source)
  })
  it('treats other names and Terraform interpolation as text', () => {
    const {tree} = parse('%{COMBINEDAPACHELOG} ${var.x} {Mercedes} {word}\n')
    expect(tree.children.every((node) => node.type === 'text')).toBe(true)
  })
  // Hostile input (1 MB of `{`, `{cut(`, `{linkto(`, 10,000 unclosed cuts): test/pathological.test.ts.
})
