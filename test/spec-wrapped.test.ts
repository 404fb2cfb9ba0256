/**
 * Directives around plain Markdown: every spec example inside
 * `{cut(Q)}…{/cut}` and `{note:info}…{/note}`, with and without blank lines
 * around it, renders its inner part exactly as the example renders alone.
 * Where CommonMark makes the closer part of the example (an HTML block that
 * runs to the next blank line, a fence or HTML block the example leaves
 * open), the closer cannot act: then the render must say so at the closer
 * (`directive-in-raw-block`), never close the block silently elsewhere.
 * Footnotes of an example are listed after the block, at the end of the page.
 */
import {describe, expect, it} from 'vitest'
import {compile, toHtml} from '../src/index.js'
import {specExamples} from './support/spec-examples.js'

/** A directive around one paragraph, rendered: what comes before and after that paragraph is the wrapper. */
function wrapper(name: string, open: string, close: string) {
  const [before, after] = toHtml(`${open}\nx\n${close}`).split('\n<p>x</p>\n') as [string, string]
  return {name, open, close, before, after}
}

const wrappers = [wrapper('cut', '{cut(Q)}', '{/cut}'), wrapper('note', '{note:info}', '{/note}')]

describe.each(wrappers)('spec examples inside a $name', (wrapper) => {
  it.each([
    ['without blank lines', '\n'],
    ['with blank lines', '\n\n'],
  ])('%s', (_, separator) => {
    const unexplained: string[] = []
    let eaten = 0
    for (const example of specExamples) {
      const inner = example.markdown.replace(/\n$/, '')
      const markdown = wrapper.open + separator + inner + separator + wrapper.close + '\n'
      const alone = toHtml(example.markdown, {sanitize: false})
      // Footnotes are listed at the end of the page, after the block.
      const footnotes = alone.indexOf('\n<section data-footnotes')
      const body = footnotes === -1 ? alone : alone.slice(0, footnotes)
      const expected = [wrapper.before, ...(body === '' ? [] : [body]), wrapper.after, ...(footnotes === -1 ? [] : [alone.slice(footnotes + 1)])].join('\n')
      if (toHtml(markdown, {sanitize: false}) === expected) continue
      const closerLine = markdown.split('\n').length - 1
      const reported = compile(markdown).messages.some((message) => message.ruleId === 'directive-in-raw-block' && message.line === closerLine)
      if (reported) eaten++
      else unexplained.push(example.id)
    }
    expect(unexplained).toEqual([])
    // The examples that end in an open fence or HTML block: a handful, not a trend.
    expect(eaten).toBeLessThan(separator === '\n' ? 40 : 10)
  })
})
