/**
 * Property tests over generated mixtures of Markdown and dialect lines
 * (fast-check, fixed seed): sections parse like one whole parse; every
 * position of the tree and of every diagnostic is consistent (line, column
 * and offset name the same place, start ≤ end, inside the input) for LF,
 * CRLF and CR line ends; nothing throws.
 */
import fc from 'fast-check'
import type {Nodes} from 'mdast'
import {describe, expect, it} from 'vitest'
import {compile, toHtml} from '../src/index.js'
import {parseMarkdown} from '../src/lower/markdown.js'
import type {TextScan} from '../src/syntax/scan.js'
import {bareMdast} from './support/spec-examples.js'

const markdownLines = [
  '', '', '', '# Title', '## Section', 'text with *emphasis* and `code`', 'a | b', '|---|---|', ':-', '- item', '1. step', '   indented', '    code line',
  '> quote', '```', '~~~', '   ```', '    ```', '```js', '<div>', '</div>', '<!--', '-->', '<!-- c -->', '<pre>', '</pre>', '<?php', '?>',
  '[x]: /url', 'see [x]', 'a[^1]', '[^1]: note', 'www.example.com', 'mail me@example.com', '<https://vk.com>', '---', '===', '\tTab', 'x\uE000y', '&#xE000;',
]
const dialectLines = [
  '{cut(Question)}', '{/cut}', '{note:info}', '{/note}', '{tabs}', '{tab(A)}', '{/tab}', '{/tabs}', 'go {linkto(/ru/x)[text=there]} now',
  '{caption(C)[id=c]}', '{/caption}', '## {heading(H)[id=h]}', 'www.a.ru{/note}', '   {cut(Indented)}', '{note:warn}text{/note}',
]
const line = fc.oneof({weight: 3, arbitrary: fc.constantFrom(...markdownLines)}, {weight: 1, arbitrary: fc.constantFrom(...dialectLines)})
const prefix = fc.constantFrom('', '', '', '  ', '- ', '> ', '   ', '\t')
const document = fc.array(fc.tuple(prefix, line).map(([head, body]) => head + body), {minLength: 1, maxLength: 30})
const endings = ['\n', '\r\n', '\r'] as const
const options = {seed: Number(process.env.SEED ?? 20260101), numRuns: Number(process.env.RUNS ?? 250)}

/** Line starts with CommonMark's line endings, computed here independently of the library. */
function lineStarts(text: string): number[] {
  const starts = [0]
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '\r' && text[index + 1] === '\n') index++
    if (text[index] === '\n' || text[index] === '\r') starts.push(index + 1)
  }
  return starts
}

function checkPoint(text: string, starts: number[], point: {line: number; column: number; offset?: number}, where: string): string[] {
  const problems: string[] = []
  const offset = point.offset
  if (offset === undefined || offset < 0 || offset > text.length) return [`${where}: offset ${offset} outside 0…${text.length}`]
  const lineStart = starts[point.line - 1]
  if (lineStart === undefined || lineStart + point.column - 1 !== offset) problems.push(`${where}: ${point.line}:${point.column} is not offset ${offset}`)
  return problems
}

const blind: TextScan = {ranges: [], htmlBlocks: [], unclosedComments: []}

describe('generated Markdown and dialect mixtures', () => {
  it('sections parse like one whole parse (with the scan, and with every candidate break tried)', () => {
    fc.assert(
      fc.property(document, fc.constantFrom(...endings), (lines, ending) => {
        const text = lines.join(ending)
        const whole = JSON.stringify(bareMdast(text))
        expect(JSON.stringify(parseMarkdown(text, new Map()))).toBe(whole)
        expect(JSON.stringify(parseMarkdown(text, new Map(), blind))).toBe(whole)
      }),
      options,
    )
  })

  it.each(endings.map((ending) => [JSON.stringify(ending), ending] as const))('every position is consistent with %s line ends', (_, ending) => {
    fc.assert(
      fc.property(document, (lines) => {
        const text = lines.join(ending)
        const starts = lineStarts(text)
        const problems: string[] = []
        const compiled = compile(text)
        const visit = (node: Nodes): void => {
          const position = node.position
          if (position) {
            problems.push(...checkPoint(text, starts, position.start, `${node.type} start`), ...checkPoint(text, starts, position.end, `${node.type} end`))
            if ((position.start.offset ?? 0) > (position.end.offset ?? 0)) problems.push(`${node.type}: ends before it starts`)
          }
          if ('children' in node) for (const child of node.children) visit(child as Nodes)
        }
        visit(compiled.mdast)
        for (const message of compiled.messages) {
          const place = message.place as {start: {line: number; column: number; offset?: number}; end: {line: number; column: number; offset?: number}}
          problems.push(...checkPoint(text, starts, place.start, `${message.ruleId} start`), ...checkPoint(text, starts, place.end, `${message.ruleId} end`))
          if ((place.start.offset ?? 0) > (place.end.offset ?? 0)) problems.push(`${message.ruleId}: ends before it starts`)
          if (message.line !== place.start.line || message.column !== place.start.column) problems.push(`${message.ruleId}: line/column differ from its place`)
        }
        expect(problems).toEqual([])
        expect(() => toHtml(text)).not.toThrow()
      }),
      {...options, numRuns: Math.round(options.numRuns * 0.6)},
    )
  })
})
