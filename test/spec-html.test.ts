/**
 * Exact on plain Markdown: every CommonMark 0.31.2 example and every GFM
 * extension example renders through `toHtml(markdown, {sanitize: false})`
 * as through the bare pipeline, but for the deliberate differences of
 * `bare-differences.ts`, each of which must show exactly where it is listed
 * and change exactly what it says.
 */
import {toHast} from 'mdast-util-to-hast'
import {toHtml as hastToHtml} from 'hast-util-to-html'
import type {Root as HastRoot} from 'hast'
import {describe, expect, it} from 'vitest'
import {toHtml} from '../src/index.js'
import {deliberateDifferences} from './bare-differences.js'
import {bareHtml, bareMdast, specExamples} from './support/spec-examples.js'

const listed = new Map<string, string[]>()
for (const [name, difference] of Object.entries(deliberateDifferences)) {
  for (const id of difference.examples) listed.set(id, [...(listed.get(id) ?? []), name])
}

/** The bare output with every deliberate difference applied. */
function bareWithDifferences(markdown: string): string {
  const tree = toHast(bareMdast(markdown), {allowDangerousHtml: true}) as HastRoot
  for (const difference of Object.values(deliberateDifferences)) difference.apply(tree)
  return hastToHtml(tree, {allowDangerousHtml: true})
}

describe('spec examples through toHtml and through the bare pipeline', () => {
  it.each(specExamples.map((example) => [example.id, example.section, example.markdown] as const))('%s (%s)', (id, _, markdown) => {
    const ours = toHtml(markdown, {sanitize: false})
    if (listed.has(id)) {
      expect(ours, `${id} is listed under ${listed.get(id)!.join(', ')}`).not.toBe(bareHtml(markdown))
      expect(ours).toBe(bareWithDifferences(markdown))
    } else {
      expect(ours).toBe(bareHtml(markdown))
    }
  })

  it('every listed example exists', () => {
    const ids = new Set(specExamples.map((example) => example.id))
    expect([...listed.keys()].filter((id) => !ids.has(id))).toEqual([])
  })
})
