/**
 * Bytes to text: a UTF-8 byte-order mark is dropped (so a `{cut}` on the
 * first line is still a block opener and positions stay those an editor
 * shows), and bytes that are not UTF-8 are located to the byte.
 */
import {mkdtempSync, mkdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import fc from 'fast-check'
import {afterAll, describe, expect, it} from 'vitest'
import {loadDocs, nodeFileSystem, toMarkdown, validate} from '../src/node.js'
import {decodeUtf8} from '../src/tree/decode.js'

const bom = [0xef, 0xbb, 0xbf]
const utf8 = (text: string): number[] => [...new TextEncoder().encode(text)]
/** `Как` in cp1251. */
const cp1251Kak = [0xca, 0xe0, 0xea]

describe('decodeUtf8', () => {
  it('drops the byte-order mark and says it was there', () => {
    expect(decodeUtf8(new Uint8Array([...bom, ...utf8('{cut(Q?)}\n')]))).toEqual({text: '{cut(Q?)}\n', bom: true, problem: null})
    expect(decodeUtf8(new Uint8Array(utf8('ф')))).toEqual({text: 'ф', bom: false, problem: null})
  })

  it('locates the first byte that is not UTF-8, in bytes and in the decoded text', () => {
    const decoded = decodeUtf8(new Uint8Array([...bom, ...utf8('ф\n{cut('), ...cp1251Kak, ...utf8('?)}')]))
    expect(decoded.problem).toEqual({byteOffset: 3 + 2 + 6, offset: 7})
    expect(decoded.text.slice(0, 8)).toBe('ф\n{cut(\uFFFD')
  })

  it('refuses overlong forms, surrogates and cut-off sequences', () => {
    expect(decodeUtf8(new Uint8Array([0x61, 0xc0, 0xaf])).problem?.byteOffset).toBe(1)
    expect(decodeUtf8(new Uint8Array([0xed, 0xa0, 0x80])).problem?.byteOffset).toBe(0)
    expect(decodeUtf8(new Uint8Array([0x61, 0x62, 0xe2, 0x82])).problem?.byteOffset).toBe(2)
    expect(decodeUtf8(new Uint8Array(utf8('€𝄞'))).problem).toBeNull()
  })

  it('finds a problem exactly when the bytes do not round-trip, and locates the first bad byte', () => {
    // Bytes drawn mostly from lead and continuation ranges, where UTF-8 goes wrong.
    const byte = fc.oneof(fc.integer({min: 0x61, max: 0x62}), fc.integer({min: 0x80, max: 0xbf}), fc.integer({min: 0xc0, max: 0xff}), fc.constantFrom(0xe0, 0xed, 0xf0, 0xf4))
    fc.assert(
      fc.property(fc.array(byte, {maxLength: 12}), (values) => {
        const bytes = new Uint8Array(values)
        const {problem} = decodeUtf8(bytes)
        const roundTrips = (part: Uint8Array): boolean => Buffer.compare(Buffer.from(Buffer.from(part).toString('utf8'), 'utf8'), Buffer.from(part)) === 0
        expect(problem === null).toBe(roundTrips(bytes))
        if (problem) {
          // Everything before the bad byte is valid; the bytes up to the end of its sequence are not.
          expect(roundTrips(bytes.subarray(0, problem.byteOffset))).toBe(true)
          expect([1, 2, 3, 4].some((length) => roundTrips(bytes.subarray(0, problem.byteOffset + length)))).toBe(false)
        }
      }),
      {numRuns: 2000, seed: 17},
    )
  })
})

describe('a docs tree on disk', () => {
  const root = mkdtempSync(join(tmpdir(), 'vkdoc-decode-'))
  afterAll(() => rmSync(root, {recursive: true, force: true}))
  mkdirSync(join(root, 'config'))
  writeFileSync(join(root, 'config/public.docs.config.mjs'), "export const config = {build: {points: ['public']}}\n")
  mkdirSync(join(root, 'ru/faq'), {recursive: true})
  writeFileSync(join(root, 'ru/ru.meta.json'), new Uint8Array([...bom, ...utf8('{"title": "Документация"}')]))
  writeFileSync(join(root, 'ru/faq/faq.meta.json'), '{"title": "Вопросы", "build": {"for": ["public"]}}')
  writeFileSync(join(root, 'ru/faq/faq.md'), new Uint8Array([...bom, ...utf8('{cut(Первый?)}\nОтвет один.\n{/cut}\n\n{cut(Второй?)}\nОтвет два.\n{/cut}\n')]))
  mkdirSync(join(root, 'ru/old'))
  writeFileSync(join(root, 'ru/old/old.meta.json'), '{"title": "Старое", "build": {"for": ["public"]}}')
  writeFileSync(join(root, 'ru/old/old.md'), new Uint8Array([...utf8('# Old\n\n'), ...cp1251Kak, ...utf8('\n')]))

  it('reads files without their byte-order mark (meta JSON parses, the first cut opens its block)', () => {
    expect(nodeFileSystem(root).readFile('ru/faq/faq.md')!.startsWith('{cut(')).toBe(true)
    const tree = loadDocs(root)
    expect(tree.index.sections.get('ru')?.title).toBe('Документация')
    const rendered = tree.render('ru/faq/faq.md')
    expect(rendered.mdast.children.map((node) => node.type)).toEqual(['cut', 'cut'])
    expect(rendered.messages).toEqual([])
    const markdown = toMarkdown(nodeFileSystem(root).readFile('ru/faq/faq.md')!)
    expect(markdown).not.toMatch(/[\uE000-\uF8FF]/)
    expect(markdown).toContain('<summary>Первый?</summary>')
  })

  it('reports a page that is not UTF-8 with the byte offset, and still lints it', () => {
    const messages = validate(loadDocs(root))
    expect(messages.map((message) => `${message.file}:${message.line}:${message.column} ${message.ruleId}`)).toEqual(['ru/old/old.md:3:1 invalid-utf8'])
    expect(messages[0]!.reason).toContain('byte offset 7')
  })
})
