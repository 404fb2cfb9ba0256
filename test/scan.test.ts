/**
 * The one text scan decides code, comments and HTML blocks as CommonMark
 * does: over every spec example, each non-blank character is code, a
 * comment or text in the scan exactly when the parsed tree says so.
 */
import type {Nodes} from 'mdast'
import {describe, expect, it} from 'vitest'
import {scanText, type TextScan} from '../src/syntax/scan.js'
import {bareMdast, specExamples} from './support/spec-examples.js'

type Context = 'text' | 'code' | 'inline-code' | 'comment'

/** The context of every offset as the parsed tree has it. */
function treeContexts(markdown: string, scan: TextScan): Context[] {
  const contexts: Context[] = Array.from({length: markdown.length}, () => 'text')
  const unclosedBlocks = new Set(scan.unclosedComments.filter((comment) => !comment.inline).map((comment) => comment.start))
  const visit = (node: Nodes): void => {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start !== undefined && end !== undefined) {
      if (node.type === 'code' || node.type === 'inlineCode') contexts.fill(node.type === 'code' ? 'code' : 'inline-code', start, end)
      if (node.type === 'html') {
        const open = markdown.indexOf('<!--', start)
        if (open === start + (markdown.slice(start, end).length - markdown.slice(start, end).trimStart().length) && !unclosedBlocks.has(open)) {
          const close = markdown.startsWith('<!-->', open) ? open + 5 : markdown.startsWith('<!--->', open) ? open + 6 : markdown.indexOf('-->', open + 4) + 3
          contexts.fill('comment', open, Math.min(close, end))
        }
      }
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes)
  }
  visit(bareMdast(markdown))
  return contexts
}

function scanContexts(markdown: string, scan: TextScan): Context[] {
  const contexts: Context[] = Array.from({length: markdown.length}, () => 'text')
  for (const range of scan.ranges) contexts.fill(range.context === 'fenced-code' ? 'code' : range.context, range.start, range.end)
  return contexts
}

describe('the text scan agrees with CommonMark and GFM', () => {
  it.each(specExamples.map((example) => [example.id, example.section, example.markdown] as const))('%s (%s)', (_, __, markdown) => {
    const scan = scanText(markdown)
    const expected = treeContexts(markdown, scan)
    const actual = scanContexts(markdown, scan)
    const differ: string[] = []
    for (let offset = 0; offset < markdown.length; offset++) {
      if (/\s/.test(markdown[offset]!)) continue
      if (expected[offset] !== actual[offset]) differ.push(`${offset} ${JSON.stringify(markdown[offset])}: tree ${expected[offset]}, scan ${actual[offset]}`)
    }
    expect(differ).toEqual([])
  })
})
