/**
 * The page parse cuts a text into sections at top-level headings and loads
 * only the GFM constructs each section can contain. These tests hold it to
 * one whole parse with full GFM: the same tree, positions included, for
 * texts that use each construct, texts that come close, and sections that must
 * not be cut. The corpus rendering test holds every parse of the corpus to
 * the same standard.
 */
import {fromMarkdown} from 'mdast-util-from-markdown'
import {gfmFromMarkdown} from 'mdast-util-gfm'
import {gfm} from 'micromark-extension-gfm'
import {describe, expect, it} from 'vitest'
import fc from 'fast-check'
import {gfmSubset, mayLinkLiterally, parseMarkdown, plainParagraph, sectionBreaks, type SectionCache} from '../src/lower/markdown.js'

const fullGfm = {extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()]}
const parseFull = (text: string) => fromMarkdown(text, fullGfm)

const AUTOLINK = 1, FOOTNOTE = 2, STRIKETHROUGH = 4, TABLE = 8, TASK = 16

describe('GFM constructs chosen per text', () => {
  it.each([
    ['plain prose', 'Just text, with *emphasis* and [a link](/x).', 0],
    ['a bare www address', 'See www.example.com now.', AUTOLINK],
    ['an https address, even in a link destination (the test is cheap, not a parse)', '[site](https://example.com)', AUTOLINK],
    ['an e-mail address', 'Write to support@example.com.', AUTOLINK],
    ['a footnote call', 'Text[^1].\n\n[^1]: Note.', FOOTNOTE],
    ['strikethrough', '~~gone~~', STRIKETHROUGH],
    ['a table', '| a | b |\n|---|---|\n| 1 | 2 |', TABLE],
    ['a task list item', '- [ ] todo\n- [x] done', TASK],
  ])('%s', (_, text, subset) => {
    expect(gfmSubset(text)).toBe(subset)
    expect(parseMarkdown(text)).toEqual(parseFull(text))
  })

  it('texts that come close to a construct without using it parse as with full GFM', () => {
    const nearMisses = [
      'A pipe | in prose',
      'A tilde ~ alone, and ~one~ with single tildes',
      '[^] and [^ x] and ^[x]',
      'Item [ ] not in a list\n\n* [y] not a check',
      'http:/broken and wwwexample and user@',
      'WWW.EXAMPLE.COM and HTTPS://EXAMPLE.COM',
      '> - [X] quoted task\n>   | a |\n>   |---|',
    ]
    for (const text of nearMisses) expect(parseMarkdown(text), text).toEqual(parseFull(text))
  })
})

describe('the autolink-literal transform, run only when a text node may hold an address', () => {
  it.each([
    ['addresses only in link destinations and code', '[site](https://example.com) and `www.example.com` and <https://a.ru>'],
    ['an address spelled with character references', 'mail&#64;example.com, http&#58;//example.com, www&#46;example.com'],
    ['a named reference', 'mail&commat;example.com'],
    ['an address with escaped punctuation', 'www\\.example.com and http\\:\\/\\/example.com and https:/\\/example.com'],
    ['an address in link text, which the transform leaves alone', '[www.example.com](/x) and [a](/y "http://title")'],
    ['an address split by emphasis', 'www.*example*.com and http://exa_mple_.com'],
    ['an address in a table cell and a heading', '# See https://example.com\n\n| a |\n|---|\n| user@example.com |'],
    ['an address inside an HTML block and inline HTML', '<div>www.example.com</div>\n\nx <span title="a@b.ru">y</span>'],
  ])('%s', (_, text) => {
    expect(gfmSubset(text) & AUTOLINK).toBe(AUTOLINK)
    expect(parseMarkdown(text)).toEqual(parseFull(text))
  })
})

describe('autolink literals left out where every address sits in a destination', () => {
  it('guesses from the text where an address may be a literal link', () => {
    expect(mayLinkLiterally('[a](https://x.ru) <http://y.ru> [d]: http://d.ru <a href="http://z.ru"> [m](mailto:a@b.ru)')).toBe(false)
    expect(mayLinkLiterally('[a](https://x.ru) and https://y.ru')).toBe(true)
    expect(mayLinkLiterally('Write to a@b.ru')).toBe(true)
    expect(mayLinkLiterally('See www.example.com')).toBe(true)
  })

  it.each([
    ['destinations, autolinks, definitions and attribute values only', '[site](https://example.com), <https://a.ru>, <a href="http://b.ru">b</a>\n\n[d]: http://d.ru\n[m](mailto:user@example.com)'],
    ['a destination that is no destination (a space in it), so its address is text', '[a](http://example.com and more)'],
    ['a destination whose address is spelled with a reference in the text after it', '[a](https://x.ru) then mail&#64;example.com'],
    ['an escaped dot after a destination', '[a](https://x.ru) www\\.example.com'],
    ['an address in link text, beside a destination', '[www.example.com](https://x.ru)'],
    ['an address in an image description', '![see https://x.ru](https://y.ru/i.png)'],
    ['an address in a code span after a destination', '[a](https://x.ru) `www.example.com`'],
    ['an address in a heading after a definition', '[d]: https://d.ru\n\n# www.example.com'],
  ])('%s', (_, text) => {
    expect(gfmSubset(text) & AUTOLINK).toBe(AUTOLINK)
    expect(parseMarkdown(text)).toEqual(parseFull(text))
  })
})

describe('a line of words built without a parse', () => {
  it.each([
    ['words', 'Имя сервера', true],
    ['prose punctuation, indentation and trailing space', '   Да (по умолчанию): 10%, «быстро» — и/или -1.  ', true],
    ['blank lines before and after', '\n  \nЗначение\n\n', true],
    ['a list item', '- пункт', false],
    ['an ordered list item', '1. пункт', false],
    ['indented code', '    код', false],
    ['two lines', 'один\nдва', false],
    ['emphasis', 'очень *важно*', false],
    ['a bare address', 'см. www.example.com', false],
    ['a tab inside', 'a\tb', false],
  ])('%s', (_, text, plain) => {
    const built = plainParagraph(text, 0)
    expect(built !== undefined).toBe(plain)
    if (built) expect(built).toEqual(parseFull(text).children)
  })

  it('is the tree of the parse for every text it takes (generated lines)', () => {
    // Mostly what such lines hold, now and then what would make them something else.
    const character = fc.oneof(
      {arbitrary: fc.constantFrom(...'aZяЁ19 .,;:!?%()"\'«»—–/-'), weight: 30},
      {arbitrary: fc.constantFrom(...'\t\n*_#>`[]<&@+=~|\\', 'www.', 'http://', '1.', '    ', '\u00a0'), weight: 1},
    )
    let taken = 0
    fc.assert(
      fc.property(fc.array(character, {maxLength: 24}).map((parts) => parts.join('')), (text) => {
        const built = plainParagraph(text, 5)
        if (!built) return
        taken++
        const parsed = parseFull(text).children
        for (const node of parsed) shiftOffsets(node, 5)
        expect(built).toEqual(parsed)
      }),
      {numRuns: 5000, seed: 23},
    )
    // The property above would hold vacuously if nothing were taken.
    expect(taken).toBeGreaterThan(500)
  })
})

/** Offsets moved by `by`, as the lowering places a cell inside its page (lines and columns stay). */
function shiftOffsets(node: {position?: {start: {offset?: number}; end: {offset?: number}}; children?: unknown[]}, by: number): void {
  if (node.position) {
    node.position.start.offset! += by
    node.position.end.offset! += by
  }
  for (const child of (node.children ?? []) as Array<typeof node>) shiftOffsets(child, by)
}

describe('sections of a page', () => {
  const page = [
    '# Title',
    '',
    '- item',
    '',
    '  ```sh',
    '  echo',
    '  ```',
    '',
    '## Install',
    '',
    '> quote',
    '',
    '| a |',
    '|---|',
    '| 1 |',
    '',
    '## Use',
    'text',
  ].join('\n')

  it('breaks before the blank line ahead of each top-level heading', () => {
    expect(sectionBreaks(page).map((offset) => page.slice(offset, offset + 4))).toEqual(['\n## ', '\n## '])
  })

  it('a sectioned page has the tree and positions of a whole parse', () => {
    expect(parseMarkdown(page, new Map())).toEqual(parseFull(page))
  })

  it('a page parsed once (no shared sections) is not cut at headings', () => {
    expect(sectionBreaks(page, undefined, false)).toEqual([])
    expect(parseMarkdown(page)).toEqual(parseFull(page))
  })

  // What `- step` items whose `{cut(x)}` closes at column 0 become: one parse of it all grew quadratically.
  const listCuts = '- step\n\n  #### x\n  y\n<?    ?>\n'.repeat(2_000)

  it('breaks before a `<?` block at column 0, keeping 4 KB or more between such breaks', () => {
    const breaks = sectionBreaks(listCuts)
    expect(breaks.every((offset) => listCuts.startsWith('<?', offset) && listCuts[offset - 1] === '\n')).toBe(true)
    expect(breaks.length).toBe(Math.floor(listCuts.length / 4096) - 1)
    expect(breaks.every((offset, index) => offset - (breaks[index - 1] ?? 0) >= 4096)).toBe(true)
    expect(parseMarkdown(listCuts)).toEqual(parseFull(listCuts))
  })

  it('proposes no such break inside code or another HTML block, nor in a text under 8 KB', () => {
    const long = 'слово '.repeat(800)
    for (const text of [`${long}\n\n\`\`\`\n${long}\n<?    ?>\n${long}\n`, `${long}\n\n<div>\n${long}\n<?    ?>\n${long}\n`, listCuts.slice(0, 8000)]) {
      expect(sectionBreaks(text)).toEqual([])
      expect(parseMarkdown(text)).toEqual(parseFull(text))
    }
  })

  it.each([
    ['a heading inside fenced code', '```\ncode\n\n# not a heading\n```\n'],
    ['fenced code in a list item left open up to the heading', '- item\n\n  ```\n  code\n\n# H\n'],
    ['a heading inside a multi-line comment', '<!-- start\n\n# hidden\n-->\n'],
    ['a multi-line script block', '<script>\nlet a\n\n# b\n</script>\n'],
    ['a processing instruction left open', '<?php\n\n# H\n?>\n'],
  ])('no break: %s', (_, text) => {
    expect(sectionBreaks(text)).toEqual([])
    expect(parseMarkdown(text, new Map())).toEqual(parseFull(text))
  })

  it.each([
    ['a link definition used across sections', '[x]\n\n# H\n\n[x]: /url\n'],
    ['a definition inside a block quote', '[x]\n\n# H\n\n> [x]: /url\n'],
    ['a definition inside a list item', '[x]\n\n# H\n\n- [x]: /url\n'],
    ['a label over two lines', '[a\nb]\n\n# H\n\n[a\nb]: /url\n'],
    ['a label with an escaped bracket', '[a\\]b]\n\n# H\n\n[a\\]b]: /url\n'],
    ['a footnote defined in a later section', 'x[^1]\n\n# H\n\n[^1]: note\n'],
    ['carriage returns', 'a\r\n\r\n# H\r\n\r\nb\r\r# I\rc'],
    ['a fence the scan cannot see (closed by the tree check)', '- a\n\n  ```\n  code\n\n# H\n'],
  ])('candidate breaks checked against the trees: %s', (_, text) => {
    expect(parseMarkdown(text, new Map())).toEqual(parseFull(text))
  })
})

describe('sections shared between renders', () => {
  const forPublic = '# Page\n\nIntro.\n\n## Setup\n\nShared steps.\n\n## Public only\n\nPublic text.\n'
  const forPrivate = '# Page\n\nIntro.\n\n## Setup\n\nShared steps.\n\n## Private only\n\nPrivate text.\n'

  it('a second text reuses the sections it shares with the first and still parses like a whole', () => {
    const sections: SectionCache = new Map()
    expect(parseMarkdown(forPublic, sections)).toEqual(parseFull(forPublic))
    expect(sections.size).toBe(3)
    expect(parseMarkdown(forPrivate, sections)).toEqual(parseFull(forPrivate))
    expect(sections.size).toBe(4)
  })

  it('a reused section is a copy: rewriting one result leaves the next intact', () => {
    const sections: SectionCache = new Map()
    const first = parseMarkdown(forPublic, sections)
    first.children[0]!.position!.start.offset = 999
    first.children.length = 0
    expect(parseMarkdown(forPublic, sections)).toEqual(parseFull(forPublic))
  })
})
