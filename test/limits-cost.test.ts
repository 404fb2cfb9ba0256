/**
 * Shapes that make micromark superlinear are not given to it: thousands of
 * emphasis delimiters or brackets in one paragraph, thousands of setext
 * underlines in one page, list markers nested hundreds of columns deep. The part is shown as plain text with a
 * `parse-cost-limit` diagnostic; shapes within the budget parse as CommonMark.
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {compile, toHtml} from '../src/index.js'
import {costBudget, costlyShape, firstCostlyShape} from '../src/lower/budgets.js'

const shapes: Record<string, string> = {
  'emphasis delimiters': 'Текст.\n\n' + '*_'.repeat(costBudget.delimiters),
  brackets: '['.repeat(costBudget.brackets) + ']'.repeat(costBudget.brackets),
  'setext underlines': 'a\n=\n'.repeat(costBudget.underlines + 1),
  'list or quote markers': 'Текст.\n\n' + '- '.repeat(costBudget.markers) + '> 1. x\n',
  'columns of indentation before a list or quote marker': Array.from({length: costBudget.indent / 2 + 2}, (_, depth) => ' '.repeat(2 * depth) + '- x').join('\n') + '\n',
}

describe('parse cost guard', () => {
  for (const [kind, source] of Object.entries(shapes)) {
    it(`shows a text over the budget of ${kind} as plain text, with a diagnostic`, () => {
      const compiled = compile(source, {file: 'slow.md'})
      const messages = compiled.messages.filter((message) => message.ruleId === 'parse-cost-limit')
      expect(messages).toHaveLength(1)
      expect(messages[0]!.reason).toContain(kind)
      expect(messages[0]!.file).toBe('slow.md')
      expect(compiled.mdast.children.map((node) => node.type)).toEqual(['paragraph'])
      expect(toHtml(source)).not.toMatch(/<em>|<h1>|<a /)
    })
  }

  it('finds the paragraph that is over the budget', () => {
    const text = 'Первый абзац.\n\n' + '_'.repeat(costBudget.delimiters + 1) + '\n\nПоследний.\n'
    expect(costlyShape(text)).toEqual({start: 15, end: 15 + costBudget.delimiters + 2, kind: 'emphasis delimiters', count: costBudget.delimiters + 1})
  })

  it('parses shapes within the budget as CommonMark', () => {
    const paragraphs = Array.from({length: 50}, () => '*a* _b_ [c](d) '.repeat(40)).join('\n\n')
    expect(costlyShape(paragraphs)).toBeNull()
    expect(compile(paragraphs).messages).toEqual([])
    expect(toHtml('a\n=\n'.repeat(10))).toContain('<h1>a</h1>')
    expect(costlyShape('- '.repeat(costBudget.markers) + 'x')).toBeNull()
    expect(costlyShape('x\n' + '- '.repeat(costBudget.markers + 1) + 'x')!.kind).toBe('list or quote markers')
    // Lists nested by indentation up to the budget, and deep indentation that opens no marker (code), parse.
    const nested = Array.from({length: costBudget.indent / 2}, (_, depth) => ' '.repeat(2 * depth) + '- x').join('\n')
    expect(costlyShape(nested)).toBeNull()
    expect(costlyShape('x\n\n' + ' '.repeat(costBudget.indent + 10) + 'code\n')).toBeNull()
    expect(costlyShape('x\n\n' + '\t'.repeat(costBudget.indent / 4 + 1) + '- x\n')!.kind).toBe('columns of indentation before a list or quote marker')
  })

  it('decides as the full scan does, near every budget (the whole-text counts only prove a text within them)', () => {
    // Pieces whose repeats reach each budget: delimiters, brackets, underline lines, marker runs, deep indentation.
    const pieces = ['*'.repeat(700), '_'.repeat(300), '['.repeat(1500), ']', '=\n'.repeat(150), 'a\n', '\n\n', '- '.repeat(40), '> ', '1. ', '\t'.repeat(20), ' '.repeat(30), 'x', 'слово ', '\r\n']
    const texts = fc.array(fc.constantFrom(...pieces), {maxLength: 60}).map((parts) => parts.join(''))
    fc.assert(
      fc.property(texts, (text) => {
        expect(costlyShape(text)).toEqual(firstCostlyShape(text))
      }),
      {numRuns: 400},
    )
  })

  it('lets through by the counts alone only texts the full scan lets through', () => {
    // One over each budget, with no more characters than that needs (the counts must send each to the scan).
    const justOver = [
      'x\n' + '\t'.repeat(costBudget.indent / 4 + 1) + '-',
      '_'.repeat(costBudget.delimiters / 2) + '*'.repeat(costBudget.delimiters / 2 + 1),
      '['.repeat(costBudget.brackets + 1),
      '=\n'.repeat(costBudget.underlines) + '=',
      '- '.repeat(costBudget.markers) + '-',
    ]
    for (const text of justOver) expect(costlyShape(text)).toEqual(firstCostlyShape(text))
    for (const text of justOver) expect(costlyShape(text)).not.toBeNull()
  })
})
