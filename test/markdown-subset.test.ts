/**
 * The page parse loads only the GFM constructs a text can contain. These
 * tests hold it to the full GFM parse: the same tree, positions included,
 * for texts that use each construct, texts that come close, and every page
 * of the corpus (skipped when ../shared/corpus is absent).
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {gfmFromMarkdown} from 'mdast-util-gfm'
import {gfm} from 'micromark-extension-gfm'
import {describe, expect, it} from 'vitest'
import {gfmSubset, parseMarkdown} from '../src/transform/markdown.js'

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

const corpus = new URL('../../shared/corpus/ru', import.meta.url).pathname
const hasCorpus = existsSync(corpus)
if (!hasCorpus) console.log('corpus not found: GFM subset corpus comparison skipped')

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return markdownFiles(path)
    return entry.name.endsWith('.md') ? [path] : []
  })
}

describe.skipIf(!hasCorpus)('GFM subset on the corpus', () => {
  it('every ru file parses to the same tree as with full GFM', () => {
    const files = markdownFiles(corpus)
    const differing: string[] = []
    let reduced = 0
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      if (gfmSubset(text) !== 31) reduced++
      if (JSON.stringify(parseMarkdown(text)) !== JSON.stringify(parseFull(text))) differing.push(file)
    }
    expect(files.length).toBeGreaterThan(1600)
    expect(differing).toEqual([])
    // The point of the subset: most pages skip at least one construct.
    expect(reduced / files.length).toBeGreaterThan(0.9)
  }, 120_000)
})
