/**
 * Rendering fixtures: each `fixtures/render/<case>/input.md` is compiled for
 * the `public` target (with `cloud` = "VK Cloud") and compared with
 * `output.html`, `output.md`, `output.json` and `messages.txt` beside it. The files are the
 * reviewed expectations; `vitest -u` rewrites them after a deliberate change.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {compile, hastToHtml, mdastToHast, mdastToMarkdown, toHtml, toJson} from '../src/index.js'

const root = new URL('../fixtures/render/', import.meta.url).pathname
const cases = readdirSync(root).sort()

describe('rendering fixtures', () => {
  for (const name of cases) {
    it(name.replaceAll('-', ' '), async () => {
      const source = readFileSync(join(root, name, 'input.md'), 'utf8')
      const compiled = compile(source, {file: 'input.md', target: 'public', variables: {cloud: 'VK Cloud'}})
      const html = hastToHtml(mdastToHast(compiled.mdast))
      const markdown = mdastToMarkdown(compiled.mdast)
      const messages = compiled.messages.map((message) => `${message.line}:${message.column}-${message.place && 'end' in message.place ? `${message.place.end.line}:${message.place.end.column}` : ''} ${message.ruleId}: ${message.reason}`).join('\n')
      await expect(html + '\n').toMatchFileSnapshot(join(root, name, 'output.html'))
      await expect(markdown).toMatchFileSnapshot(join(root, name, 'output.md'))
      await expect(messages + '\n').toMatchFileSnapshot(join(root, name, 'messages.txt'))
      // The document JSON (`vkdoc json`), positions left out so the file stays readable.
      const json = JSON.stringify(toJson(compiled.mdast), (key, value) => (key === 'position' ? undefined : value), 2)
      await expect(json + '\n').toMatchFileSnapshot(join(root, name, 'output.json'))
      // No dialect syntax survives into the HTML text or the plain Markdown outside code.
      const text = html.replace(/<code[\s\S]*?<\/code>/g, '').replace(/<[^>]+>/g, '')
      expect(text).not.toMatch(/\{\/?(cut|note|tabs?|linkto|heading|caption|counter|const|params|video|var|ifdef|ifndef)\b/)
    })
  }
})

describe('lowering behaviour', () => {
  const lower = (source: string) => compile(source, {target: 'public'}).mdast
  it('keeps a cut indented in a list item inside that item', () => {
    const tree = lower('1. Шаг\n   {cut(Т)}\n   Текст.\n   {/cut}\n1. Дальше\n')
    const list = tree.children[0]
    expect(list?.type).toBe('list')
    const item = list && 'children' in list ? list.children[0] : undefined
    expect(item && 'children' in item ? item.children.map((child) => child.type) : []).toEqual(['paragraph', 'cut'])
    expect(list && 'children' in list ? list.children.length : 0).toBe(2)
  })
  it('does not merge a note opener into the text line that follows it', () => {
    const tree = lower('{note:warn}\nТекст.\n{/note}\n')
    expect(tree.children.map((child) => child.type)).toEqual(['note'])
  })
  it('maps positions back to the source line and column', () => {
    const tree = lower('Первый абзац.\n\n{cut(Вопрос?)}\nОтвет.\n{/cut}\n')
    const cut = tree.children[1]!
    expect(cut.position?.start).toMatchObject({line: 3, column: 1, offset: 15})
  })
  it('never throws on hostile input', () => {
    for (const source of ['{cut(Вопрос)}\nТекст.\n'.repeat(10_000), '{note:info}\n'.repeat(5_000) + '{tabs}\n{tab(A)}\n'.repeat(3_000), '{'.repeat(10_000), '{cut('.repeat(2_000), '{linkto('.repeat(2_000), '{/cut}'.repeat(1000), '\u0000\uE000{cut(x)}\uE001']) {
      expect(() => compile(source)).not.toThrow()
      expect(() => toHtml(source)).not.toThrow()
    }
  })
})
