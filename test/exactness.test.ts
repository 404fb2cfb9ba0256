/**
 * Inputs where a shortcut of the pipeline (placeholders, sections, GFM
 * subsets, the sanitiser, position mapping) could change what the author
 * wrote, each rendered as CommonMark and GFM say, or reported.
 */
import {describe, expect, it} from 'vitest'
import {compile, loadDocs, memoryFileSystem, toHtml, validate, type VkdocMessage} from '../src/index.js'

const codesOf = (messages: readonly VkdocMessage[]): string[] => messages.map((message) => String(message.ruleId))

describe('author text that holds the placeholder characters', () => {
  it.each([
    ['literal private-use characters', 'x\uE000y \uE001z \uE002', '<p>x\uE000y \uE001z \uE002</p>'],
    ['numeric references to them', 'a &#xE000; b &#57345; c', '<p>a \uE000 b \uE001 c</p>'],
    ['references in code stay as written', '`&#xE000;` and `\uE001`', '<p><code>&#x26;#xE000;</code> and <code>\uE001</code></p>'],
    ['next to directives', 'x\uE000{linkto(/a)[text=\uE001]}y', '<p>x\uE000<a href="/a" class="vk-linkto">\uE001</a>y</p>'],
    ['in a titled block and its body', '{cut(T \uE000)}\nx\uE002\n{/cut}', '<details class="vk-cut" id="t-">\n<summary>T \uE000</summary>\n<p>x\uE002</p>\n</details>'],
    ['in link destinations and image text', '[l](/\uE000) ![\uE000](a.png)', '<p><a href="/%EE%80%80">l</a> <img src="a.png" alt="\uE000"></p>'],
  ])('%s', (_, markdown, html) => {
    expect(toHtml(markdown)).toBe(html)
  })
})

describe('GFM autolink literals next to directives', () => {
  it('a directive right after a braced www address neither throws nor loses its block', () => {
    const source = 'Visit {www.vk.com}{note:info}\nx\n{/note}'
    expect(() => compile(source)).not.toThrow()
    expect(() => validate(source)).not.toThrow()
    expect(toHtml(source)).toContain('vk-note')
  })

  it('a linkto right after a www address is not nested in the autolink', () => {
    const html = toHtml('www.example.com{linkto(/ru/x)[text=y]}')
    expect(html).toBe('<p><a href="http://www.example.com">www.example.com</a><a href="/ru/x" class="vk-linkto">y</a></p>')
  })

  it('a closer right after a www address still closes its block', () => {
    const compiled = compile('{note:info}\nsee www.a.ru{/note}\n\nafter')
    const html = toHtml('{note:info}\nsee www.a.ru{/note}\n\nafter')
    expect(html).toMatch(/^<div class="vk-note vk-note-info" role="note" aria-label="[^"]+">\n<p>see <a href="http:\/\/www.a.ru">www.a.ru<\/a><\/p>\n<\/div>\n<p>after<\/p>$/)
    expect(codesOf(compiled.messages)).toEqual([])
  })
})

describe('a closer CommonMark makes part of an HTML block or code', () => {
  it('is reported at both ends', () => {
    const {messages} = compile('{note:info}\n<div>x</div>\n{/note}\n')
    const places = messages.map((message) => `${message.ruleId}@${message.line}:${message.column}`)
    expect(places).toContain('directive-in-raw-block@3:1')
    expect(places.some((place) => place.endsWith('@1:1'))).toBe(true)
  })
})

describe('positions with every line ending', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('%s: a diagnostic is on its own line', (_, eol) => {
    const {messages} = compile(['a', '', '{cut(x)}', '', 'b', ''].join(eol))
    expect(messages.map((message) => `${message.ruleId}@${message.line}:${message.column}`)).toEqual(['unclosed-block@3:1'])
  })
})

describe('blocks with every line ending', () => {
  it('LF, CRLF and CR give the same HTML', () => {
    const lines = ['{cut(x)}', 'text', '{/cut}', '', '{note:info}', 'n', '{/note}']
    const html = toHtml(lines.join('\n'))
    expect(html).toContain('<details class="vk-cut" id="x">')
    expect(toHtml(lines.join('\r\n'))).toBe(html)
    expect(toHtml(lines.join('\r'))).toBe(html)
  })
})

describe('diagnostics of included text', () => {
  const tree = (page: string) =>
    loadDocs(
      memoryFileSystem({
        'ru/p/p.md': page,
        'ru/p/p.meta.json': '{}',
        'ru/_includes/_f.md': 'x{tabs}',
      }),
      {lang: 'ru'},
    )

  it('a problem inside a fragment is filed against the fragment', () => {
    const messages = tree('{include(/ru/_includes/_f.md)}').render('ru/p/p.md', {}).messages
    const unclosed = messages.filter((message) => message.ruleId === 'unclosed-block')
    expect(unclosed.map((message) => message.file)).toEqual(['ru/_includes/_f.md'])
  })

  it('a fragment included twice on one line gives ranges that end after they start', () => {
    const messages = tree('{include(/ru/_includes/_f.md)}{include(/ru/_includes/_f.md)}\n').render('ru/p/p.md', {}).messages
    expect(messages.length).toBeGreaterThan(0)
    for (const message of messages) {
      const place = message.place as {start: {offset?: number}; end: {offset?: number}}
      expect(place.end.offset!).toBeGreaterThanOrEqual(place.start.offset!)
    }
  })
})

describe('HTML that parses cleanly', () => {
  it('control characters, lone surrogates and noncharacters become U+FFFD', () => {
    expect(toHtml('a\u0001b \uD800 \uFDD0 \uFFFE \u007F')).toBe('<p>a\uFFFDb \uFFFD \uFFFD \uFFFD \uFFFD</p>')
  })

  it('so do C1 controls and noncharacters outside the BMP; emoji and other characters stay', () => {
    expect(toHtml('a\u0085b\u009F \u{1FFFF} \u{10FFFE}')).toBe('<p>a\uFFFDb\uFFFD \uFFFD \uFFFD</p>')
    expect(toHtml('ok \u{1F600} \uFDCF \uFDF0 \uFFFD \u00A0x')).toBe('<p>ok \u{1F600} \uFDCF \uFDF0 \uFFFD \u00A0x</p>')
  })

  it('a NUL in a heading id is no character reference', () => {
    expect(toHtml('# {heading(T)[id=a\u0000b]}')).not.toContain('&#x0;')
  })

  it('a link whose URL is dropped keeps its text, not an empty anchor', () => {
    expect(toHtml('<irc://x> [a](javascript:alert(1))')).toBe('<p>irc://x a</p>')
  })

  it('author classes the sanitiser strips leave no empty class attribute', () => {
    expect(toHtml('<span class="foo">x</span>')).toBe('<p><span>x</span></p>')
  })
})

describe('the sanitiser keeps text it did not mean to drop', () => {
  it.each(['xmp', 'title', 'noscript', 'iframe'])('an unclosed <%s> in an HTML block does not swallow the paragraphs after it', (tag) => {
    const html = toHtml(`<${tag}>\n\npara one\n\npara two\n\n<div>x</div>`)
    expect(html).toContain('<p>para one</p>')
    expect(html).toContain('<p>para two</p>')
  })

  it.each(['textarea', 'style', 'script'])('an unclosed <%s> ends with the list item CommonMark ends it with', (tag) => {
    const html = toHtml(`- <${tag}>\n\npara one\n\n<div>x</div>`)
    expect(html).toContain('<p>para one</p>')
  })

  it('the text of a textarea, title or xmp is shown as text', () => {
    expect(toHtml('<textarea>\n*a* <b>\n\nb\n')).toBe('*a* &#x3C;b>\n\nb\n')
    expect(toHtml('<p><title>T</title> <xmp><i>x</i></xmp></p>')).toBe('<p>T </p>&#x3C;i>x&#x3C;/i><p></p>')
  })
})
