/**
 * Rendering fixtures: each `fixtures/render/<case>/input.md` is compiled for
 * the `public` target (with `cloud` = "VK Cloud") and compared with
 * `output.html`, `output.md`, `output.json` and `messages.txt` beside it. The files are the
 * reviewed expectations; `vitest -u` rewrites them after a deliberate change.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {compile, hastToHtml, mdastToHast, mdastToMarkdown, toJson} from '../src/node.js'

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
})

describe('hostile input', () => {
  /** Compile once; the diagnostics by code, the HTML, and how deep the mdast nests. */
  function lowered(source: string): {codes: Record<string, number>; html: string; depth: number} {
    const compiled = compile(source)
    const codes: Record<string, number> = {}
    for (const message of compiled.messages) codes[String(message.ruleId)] = (codes[String(message.ruleId)] ?? 0) + 1
    const depthOf = (node: object): number => 1 + Math.max(0, ...('children' in node ? (node.children as object[]).map(depthOf) : []))
    return {codes, html: hastToHtml(mdastToHast(compiled.mdast)), depth: depthOf(compiled.mdast)}
  }
  const count = (text: string, part: string): number => text.split(part).length - 1

  // Nesting is capped at 32 blocks, so no recursive consumer sees a deep tree (time: `npm run bench`).
  // Diagnostics of one code stop at 1,000 per page, and one more message says how many were left out.
  it('nests 2,000 unclosed cuts 32 deep, keeping every title and paragraph, with bounded diagnostics', () => {
    const {codes, html, depth} = lowered('{cut(Вопрос)}\nТекст.\n'.repeat(2_000))
    expect(codes).toEqual({'unclosed-block': 1_000, 'diagnostics-limit': 1})
    expect(count(html, '<details')).toBe(32)
    expect(depth).toBeLessThanOrEqual(40)
    expect([count(html, 'Вопрос'), count(html, '<p>Текст.</p>')]).toEqual([2_000, 2_000])
  })
  it('bounds the nesting of 1,000 unclosed notes and 600 unclosed tabs the same way', () => {
    const {codes, depth} = lowered('{note:info}\n'.repeat(1_000) + '{tabs}\n{tab(A)}\n'.repeat(600))
    expect(codes).toEqual({'unclosed-block': 1_000, 'diagnostics-limit': 1})
    expect(depth).toBeLessThanOrEqual(40)
  })
  it('keeps runs of openers that never close as text, with a bounded number of diagnostics', () => {
    expect(lowered('{'.repeat(10_000))).toEqual({codes: {}, html: `<p>${'{'.repeat(10_000)}</p>`, depth: 3})
    const linkto = lowered('{linkto('.repeat(2_000))
    expect(linkto.html).toBe(`<p>${'{linkto('.repeat(2_000)}</p>`)
    expect(linkto.codes['malformed-directive']).toBeLessThanOrEqual(10)
    const cut = lowered('{cut('.repeat(2_000))
    expect(count(cut.html, '{cut(')).toBe(1_999)
    expect(cut.codes['malformed-directive']).toBeLessThanOrEqual(10)
  })
  it('renders nothing for 1,000 stray closers and reports each', () => {
    expect(lowered('{/cut}'.repeat(1_000))).toMatchObject({codes: {'stray-close': 1_000}, html: ''})
  })
  it('replaces NUL as CommonMark does and still renders the cut after it', () => {
    expect(lowered('\u0000{cut(x)}').html).toBe('<p>\uFFFD</p>\n<details class="vk-cut" id="x">\n<summary>x</summary>\n</details>')
  })
})
