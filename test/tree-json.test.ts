import {describe, expect, it} from 'vitest'
import {parseJson, plainValue as plain, type JsonNode} from '../src/tree/json.js'

function parsed(text: string): JsonNode {
  const result = parseJson(text)
  if ('error' in result) throw new Error(`unexpected error ${result.error.message} at ${result.error.offset}`)
  return result.node
}

describe('parseJson (meta files with places)', () => {
  it('reads the same values as JSON.parse', () => {
    const samples = [
      '{"title": "Вопросы и ответы", "weight": 4, "hidden": true, "icon": "", "x": null}',
      '{"build": {"for": ["public", "private-pg"]}, "n": [-1.5e3, 0, 12]}',
      '"esc \\" \\\\ \\/ \\n \\t \\u0441 \\ud83d\\ude00"',
      '[]',
      ' {} ',
    ]
    for (const sample of samples) expect(plain(parsed(sample))).toEqual(JSON.parse(sample))
  })

  it('keeps the span of every value and key, quotes included', () => {
    const text = '{\n  "build": {\n    "for": ["public", "private_pg"]\n  }\n}'
    const root = parsed(text)
    if (root.type !== 'object') throw new Error('object expected')
    const build = root.members[0]!
    expect(text.slice(build.keySpan.start, build.keySpan.end)).toBe('"build"')
    if (build.value.type !== 'object') throw new Error('object expected')
    const list = build.value.members[0]!.value
    if (list.type !== 'array') throw new Error('array expected')
    expect(list.items.map((item) => text.slice(item.start, item.end))).toEqual(['"public"', '"private_pg"'])
    expect(text.slice(list.start, list.end)).toBe('["public", "private_pg"]')
  })

  it('skips a byte-order mark without shifting offsets', () => {
    const text = '\ufeff{"a": "b"}'
    const root = parsed(text)
    if (root.type !== 'object') throw new Error('object expected')
    expect(text.slice(root.members[0]!.value.start, root.members[0]!.value.end)).toBe('"b"')
  })

  it('answers bad input with the offset where reading stopped, never by throwing', () => {
    expect(parseJson('{"a": [1, 2,]}')).toEqual({error: {offset: 12, message: 'unexpected character "]"'}})
    expect(parseJson('{"a": 1')).toEqual({error: {offset: 7, message: "expected ',' or '}'"}})
    expect(parseJson('"open')).toEqual({error: {offset: 0, message: 'unterminated string'}})
    expect(parseJson('{"a": 1} x')).toMatchObject({error: {offset: 9}})
    expect(parseJson('')).toMatchObject({error: {message: 'unexpected end of text'}})
    expect(parseJson('"a\\x"')).toMatchObject({error: {message: 'bad escape'}})
    expect(parseJson('{a: 1}')).toMatchObject({error: {message: 'expected a string key'}})
  })

  it('refuses absurd nesting instead of exhausting the stack', () => {
    expect(parseJson('['.repeat(100_000))).toMatchObject({error: {message: 'nesting too deep'}})
    expect(plain(parsed(`${'['.repeat(50)}1${']'.repeat(50)}`))).toEqual(JSON.parse(`${'['.repeat(50)}1${']'.repeat(50)}`))
  })
})
