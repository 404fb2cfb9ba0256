/**
 * Include budgets: depth, number of splices and expanded size per page
 * render, judged from a memoised upper bound of each fragment before it is
 * spliced, so explosive include graphs end at once with a diagnostic naming
 * the fragment. Cycle detection stays.
 */
import {describe, expect, it} from 'vitest'
import {DocsTree, memoryFileSystem, type Limits} from '../src/index.js'

const base: Record<string, string> = {
  'config/site.mjs': "export default {points: ['public']}",
  'ru/ru.meta.json': '{"title": "ru"}',
  'ru/page/page.meta.json': '{"title": "Page", "build": {"for": ["public"]}}',
}

function tree(files: Record<string, string>): DocsTree {
  return new DocsTree(memoryFileSystem({...base, ...files}))
}

function render(files: Record<string, string>, limits?: Limits) {
  const started = process.cpuUsage()
  const page = tree(files).render('ru/page/page.md', {limits})
  const used = process.cpuUsage(started)
  return {page, ms: (used.user + used.system) / 1000, codes: page.messages.map((message) => String(message.ruleId))}
}

/** `_f0` includes `_f1` `fanOut` times, `_f1` includes `_f2` … down to `levels`. */
function fanOut(levels: number, fanOut: number): Record<string, string> {
  const files: Record<string, string> = {'ru/page/page.md': '# Page\n\n{include(/ru/_includes/_f0.md)}\n'}
  for (let level = 0; level < levels; level++) {
    files[`ru/_includes/_f${level}.md`] = `Уровень ${level}.\n\n` + `{include(/ru/_includes/_f${level + 1}.md)}\n\n`.repeat(fanOut)
  }
  files[`ru/_includes/_f${levels}.md`] = 'Лист.\n'
  return files
}

/** 25 fragments, each including the next two: 2^25 splices if walked. */
function diamond(size: number): Record<string, string> {
  const files: Record<string, string> = {'ru/page/page.md': '{include(/ru/_includes/_d0.md)}\n'}
  for (let index = 0; index < size; index++) {
    files[`ru/_includes/_d${index}.md`] = `Узел ${index}.\n\n{include(_d${index + 1}.md)}\n\n{include(_d${index + 1}.md)}\n`
  }
  files[`ru/_includes/_d${size}.md`] = 'Лист.\n'
  return files
}

describe('include budgets', () => {
  it('refuses a ten-fold fan-out seven levels deep at its top, naming the fragment', () => {
    const {page, codes} = render(fanOut(7, 10))
    expect(codes).toEqual(['include-limit'])
    expect(page.messages[0]!.reason).toMatch(/^Cannot include `ru\/_includes\/_f0\.md`: the page would splice up to 11111111 includes, expected at most 2000/)
    expect(page.messages[0]!.file).toBe('ru/page/page.md')
    expect(page.expanded!.text.length).toBeLessThan(200)
  })

  it('refuses a diamond of 25 fragments each including the next two', () => {
    const {page, codes} = render(diamond(25))
    expect(codes).toEqual(['include-limit'])
    expect(page.messages[0]!.reason).toContain('`ru/_includes/_d0.md`')
  })

  it('splices a fan-out that fits, and cuts where a smaller budget is hit', () => {
    const fits = render(fanOut(2, 10))
    expect(fits.codes).toEqual([])
    expect(fits.page.expanded!.text.match(/Лист\./g)).toHaveLength(100)
    const small = render(fanOut(2, 10), {maxIncludes: 50})
    expect(small.codes).toEqual(['include-limit'])
    const size = render(fanOut(2, 10), {maxExpandedSize: 500})
    expect(size.codes).toEqual(['include-limit'])
    expect(size.page.messages[0]!.reason).toMatch(/limits\.maxExpandedSize/)
  })

  it('stops a chain deeper than `limits.maxIncludeDepth`, naming the fragment', () => {
    const chain = fanOut(40, 1)
    const {page, codes} = render(chain)
    expect(codes).toEqual(['include-depth-limit'])
    expect(page.messages[0]!.reason).toBe('Cannot include `ru/_includes/_f16.md`: includes nest more than 16 deep here (`limits.maxIncludeDepth`)')
    expect(page.messages[0]!.file).toBe('ru/_includes/_f15.md')
    expect(render(chain, {maxIncludeDepth: 100}).codes).toEqual([])
  })

  it('still reports cycles', () => {
    const {codes} = render({
      'ru/page/page.md': '{include(/ru/_includes/_a.md)}\n',
      'ru/_includes/_a.md': 'A\n{include(_b.md)}\n',
      'ru/_includes/_b.md': 'B\n{include(_a.md)}\n',
    })
    expect(codes).toEqual(['include-cycle'])
  })
})
