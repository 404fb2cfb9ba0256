/**
 * Sections are exact by construction: two spec examples joined by a
 * top-level heading (`\n# X\n\n`) parse, cut into sections, to the tree of
 * one whole parse with full GFM, positions included — over a large
 * fixed-seed sample of pairs, once with the candidate breaks the text scan
 * proposes and once with a blind scan that proposes every break, so the
 * trees alone must catch every block left open across a break.
 */
import {describe, expect, it} from 'vitest'
import {parseMarkdown, sectionBreaks} from '../src/lower/markdown.js'
import type {TextScan} from '../src/syntax/scan.js'
import {bareMdast, specExamples} from './support/spec-examples.js'

const joiner = '\n# X\n\n'
/** A scan that sees no code and no HTML: every blank line before a heading is a candidate. */
const blind: TextScan = {ranges: [], htmlBlocks: [], unclosedComments: []}

/** A small deterministic generator (mulberry32): the same pairs on every run. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let value = Math.imul(state ^ (state >>> 15), 1 | state)
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}

function samplePairs(count: number, seed: number): Array<[number, number]> {
  const next = random(seed)
  const pairs: Array<[number, number]> = []
  for (let index = 0; index < count; index++) pairs.push([Math.floor(next() * specExamples.length), Math.floor(next() * specExamples.length)])
  return pairs
}

describe('pairs of spec examples joined by a top-level heading', () => {
  it('every example after itself and after every example that can leave a block open', () => {
    const differ: string[] = []
    const leavesOpen = specExamples.filter((example) => /^ {0,3}(?:```|~~~|<)/m.test(example.markdown))
    for (const first of leavesOpen) {
      for (const second of [first, ...specExamples.slice(0, 12)]) {
        const text = first.markdown + joiner + second.markdown
        if (JSON.stringify(parseMarkdown(text, new Map(), blind)) !== JSON.stringify(bareMdast(text))) differ.push(`${first.id} + ${second.id}`)
      }
    }
    expect(differ).toEqual([])
  })

  it.each([
    ['the scan', undefined],
    ['a blind scan', blind],
  ] as const)('a fixed-seed sample of 3,000 pairs, breaks proposed by %s', (_, scan) => {
    const differ: string[] = []
    for (const [a, b] of samplePairs(3000, scan ? 2 : 1)) {
      const text = specExamples[a]!.markdown + joiner + specExamples[b]!.markdown
      if (JSON.stringify(parseMarkdown(text, new Map(), scan)) !== JSON.stringify(bareMdast(text))) differ.push(`${specExamples[a]!.id} + ${specExamples[b]!.id}`)
    }
    expect(differ).toEqual([])
  })
})

/**
 * The other kind of break: before a `<?` HTML block at column 0 (what an
 * untitled block directive line such as `{/cut}` becomes). Such breaks are
 * proposed only between sections of at least 4 KB, so each pair is padded
 * with a long paragraph on both sides.
 */
describe('pairs of spec examples joined by a `<?` line at column 0', () => {
  const pad = 'слово '.repeat(800)
  const joined = (first: string, second: string) => `${pad}\n\n${first}\n<?    ?>\n${second}\n\n${pad}\n`
  const check = (first: string, second: string, scan: TextScan | undefined): boolean => {
    const text = joined(first, second)
    return JSON.stringify(parseMarkdown(text, undefined, scan)) === JSON.stringify(bareMdast(text))
  }

  it('proposes the break, and a blind scan proposes it everywhere', () => {
    const text = joined('a', 'b')
    expect(sectionBreaks(text)).toEqual([text.indexOf('<?')])
    expect(sectionBreaks(joined('```', 'b'))).toEqual([])
    expect(sectionBreaks(joined('```', 'b'), blind)).toHaveLength(1)
  })

  it('every example that can leave a block open, before itself', () => {
    const leavesOpen = specExamples.filter((example) => /^ {0,3}(?:```|~~~|<)/m.test(example.markdown))
    expect(leavesOpen.filter((example) => !check(example.markdown, example.markdown, blind)).map((example) => example.id)).toEqual([])
  })

  it.each([
    ['the scan', undefined],
    ['a blind scan', blind],
  ] as const)('a fixed-seed sample of 200 pairs, breaks proposed by %s', (_, scan) => {
    const differ = samplePairs(200, scan ? 4 : 3).filter(([a, b]) => !check(specExamples[a]!.markdown, specExamples[b]!.markdown, scan))
    expect(differ.map(([a, b]) => `${specExamples[a]!.id} + ${specExamples[b]!.id}`)).toEqual([])
  })
})
