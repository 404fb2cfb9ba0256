/**
 * The nesting budget: Markdown nested deeper than `limits.maxNesting` is
 * shown as text with a `nesting-limit` diagnostic, and no output path
 * (HTML, sanitised or not, Markdown, JSON, lint) overflows its stack.
 */
import {describe, expect, it} from 'vitest'
import {compile, toHtml, toJson, toMarkdown, validate} from '../src/index.js'

const hostile: Record<string, string> = {
  'block quotes ×1,505': '>'.repeat(1505) + ' x',
  'raw <div> ×1,505': '<div>'.repeat(1505) + 'x',
  'raw <div> ×5,000 on separate lines': '<div>\n\n'.repeat(5000) + 'x',
  'emphasis ×3,000': '*'.repeat(3000) + 'a' + '*'.repeat(3000),
  'lists ×1,000 on one line': '- '.repeat(1000) + 'x',
  'indented lists ×150': Array.from({length: 150}, (_, level) => '  '.repeat(level) + '- x').join('\n'),
  'ordered lists in block quotes ×1,000': '> 1. '.repeat(1000) + 'x',
  'lists ×500 inside a cut, with a linkto': '{cut(Вопрос?)}\n' + '- '.repeat(500) + '{linkto(#a)[text=b]}\n{/cut}\n',
  'formatting reopened by the HTML parser ×3,000': Array.from({length: 3000}, (_, i) => `<div><b id=${i}></div>x`).join(''),
}

describe('nesting budget', () => {
  for (const [name, source] of Object.entries(hostile)) {
    it(`renders ${name} everywhere without throwing`, () => {
      const html = toHtml(source)
      expect(html.length).toBeGreaterThan(0)
      expect(toHtml(source, {sanitize: false}).length).toBeGreaterThan(0)
      expect(toMarkdown(source).length).toBeGreaterThan(0)
      expect(Array.isArray(toJson(source, {faq: true}).questions)).toBe(true)
      // Emphasis ×3,000 has more delimiters than the parse cost guard lets through: that budget answers first.
      expect(validate(source).some((message) => message.ruleId === 'nesting-limit' || message.ruleId === 'parse-cost-limit')).toBe(true)
    })
  }

  it('keeps what fits and shows the rest as text, with the place of the cut', () => {
    const source = '>'.repeat(150) + ' deep'
    const compiled = compile(source, {file: 'a.md'})
    const cuts = compiled.messages.filter((message) => message.ruleId === 'nesting-limit')
    expect(cuts).toHaveLength(1)
    expect(cuts[0]!.file).toBe('a.md')
    expect(cuts[0]!.line).toBe(1)
    expect(cuts[0]!.column).toBeGreaterThan(90)
    const html = toHtml(source)
    expect(html.match(/<blockquote>/g)!.length).toBeLessThanOrEqual(101)
    expect(html).toMatch(/<p>(?:> ?){40,}deep<\/p>/)
  })

  it('follows `limits.maxNesting`', () => {
    const source = '> > > > > x'
    expect(toHtml(source, {limits: {maxNesting: 3}}).match(/<blockquote>/g)).toHaveLength(3)
    expect(compile(source).messages).toEqual([])
    expect(() => compile(source, {limits: {maxNesting: 0}})).toThrow(TypeError)
  })

  it('shows raw HTML that opens too many elements as escaped text, not as elements', () => {
    const html = toHtml('<div>'.repeat(200) + 'x')
    expect(html).not.toContain('<div>')
    expect(html).toContain('&#x3C;div>')
  })

  it('leaves ordinary raw HTML alone: closed, void and self-closed tags open nothing', () => {
    const source = Array.from({length: 300}, () => '<p>a<br><img src="x.png"/><b>b</b></p>').join('\n') + '\n'
    expect(compile(source).messages.filter((message) => message.ruleId === 'nesting-limit')).toEqual([])
  })
})
