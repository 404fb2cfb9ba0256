/**
 * Hostile input: lexing and parsing stay linear, never throw, and keep the
 * tree lossless. Bounds are generous (2 s of CPU for 1 MB) so a busy machine
 * cannot make them flake; the figures on a quiet one are far lower.
 */
import {describe, expect, it} from 'vitest'
import type {Root} from '../src/ast.js'
import {maxProblemsPerCode, parse} from '../src/parser/index.js'

const megabyte = 1 << 20
const boundMs = 2000

function covers(tree: Root, source: string): boolean {
  let cursor = 0
  for (const node of tree.children) {
    if (node.position.start.offset !== cursor) return false
    cursor = node.position.end.offset!
  }
  return cursor === source.length
}

/**
 * Parse `source`, check the tree covers it, and return the CPU time taken
 * (not wall time: on a machine shared with other jobs, wall time measures
 * the queue, and a linear-time check must not depend on the neighbours).
 */
function timedParse(source: string): {ms: number; result: ReturnType<typeof parse>} {
  const start = process.cpuUsage()
  const result = parse(source)
  const used = process.cpuUsage(start)
  const ms = (used.user + used.system) / 1000
  expect(covers(result.tree, source)).toBe(true)
  return {ms, result}
}

function repeat(unit: string, bytes = megabyte): string {
  return unit.repeat(Math.ceil(bytes / unit.length))
}

describe('pathological input', () => {
  // Warm the lexer and parser so the first case does not pay for JIT start-up.
  parse('{cut(a)}{linkto(#b)[text=c]}')

  it('parses 1 MB of `{` as one text node', () => {
    const {ms, result} = timedParse(repeat('{'))
    expect(result.tree.children).toHaveLength(1)
    expect(ms).toBeLessThan(boundMs)
  })

  it('parses 1 MB of `{cut(` with bounded nesting and a few messages', () => {
    const {ms, result} = timedParse(repeat('{cut('))
    expect(result.tree.children).toHaveLength(1)
    expect(result.messages.length).toBeLessThan(10)
    expect(ms).toBeLessThan(boundMs)
  })

  it('parses 1 MB of `{linkto(`', () => {
    const {ms} = timedParse(repeat('{linkto('))
    expect(ms).toBeLessThan(boundMs)
  })

  it('keeps 256 KB of unterminated `{linkto(` lines apart: each ends at its line', () => {
    const lines = Math.floor((256 * 1024) / 9)
    const {ms, result} = timedParse('{linkto(\n'.repeat(lines))
    const linktos = result.tree.children.filter((node) => node.type === 'directive')
    expect(linktos).toHaveLength(lines)
    expect(linktos.every((node) => node.type === 'directive' && node.malformed && node.args?.raw === '')).toBe(true)
    expect(result.messages.length).toBeLessThanOrEqual(maxProblemsPerCode + 1)
    expect(ms).toBeLessThan(boundMs)
  })

  it('parses 10,000 unclosed `{cut(X)}` openers', () => {
    const {ms, result} = timedParse('{cut(X)}\n'.repeat(10_000))
    expect(result.tree.children.filter((node) => node.type === 'directive')).toHaveLength(10_000)
    expect(ms).toBeLessThan(boundMs)
  })

  it('parses 1 MB of open parentheses inside ARGS', () => {
    const {ms} = timedParse(`{cut(${repeat('(')}`)
    expect(ms).toBeLessThan(boundMs)
  })

  it('parses 1 MB of open brackets inside an attribute value', () => {
    const {ms} = timedParse(`{linkto(#x)[text=${repeat('[')}`)
    expect(ms).toBeLessThan(boundMs)
  })

  it('parses 1 MB of stray closers `}` `)` `]`', () => {
    const {ms, result} = timedParse(repeat('})]'))
    expect(result.tree.children).toHaveLength(1)
    expect(ms).toBeLessThan(boundMs)
  })

  it('scans 1 MB of unmatched backticks and of unclosed comments linearly', () => {
    expect(timedParse(repeat('`a``b')).ms).toBeLessThan(boundMs)
    // At a line start, the first `<!--` opens an HTML block that never closes: one problem, the rest is inside it.
    const block = timedParse(repeat('<!--'))
    expect(block.ms).toBeLessThan(boundMs)
    expect(block.result.messages).toHaveLength(1)
    expect(timedParse(repeat('x <!--')).ms).toBeLessThan(boundMs)
    const comments = timedParse(repeat('a <!--\n\n'))
    expect(comments.ms).toBeLessThan(boundMs)
    // Beyond the cap, one message says how many were left out.
    expect(comments.result.messages).toHaveLength(maxProblemsPerCode + 1)
    expect(comments.result.messages.at(-1)!.reason).toMatch(/^Unexpected \d+ more `malformed-html-comment` problems/)
  })

  it('scans 1 MB of fence lines and of list items with unclosed fences', () => {
    expect(timedParse(repeat('```\n')).ms).toBeLessThan(boundMs)
    expect(timedParse(repeat('- a\n  ```\nb\n')).ms).toBeLessThan(boundMs)
  })

  it('checks 1 MB of near-miss names linearly', () => {
    expect(timedParse(repeat('{linto(')).ms).toBeLessThan(boundMs)
  })

  it('checks 1 MB of names without `{` linearly', () => {
    expect(timedParse(repeat('linkto(')).ms).toBeLessThan(boundMs)
  })

  it('parses 1 MB of `{formula}` openers sharing one closer', () => {
    const {ms, result} = timedParse(`${repeat('{formula}')}{/formula}`)
    expect(result.tree.children.filter((node) => node.type === 'close')).toHaveLength(1)
    expect(ms).toBeLessThan(boundMs)
  })
})
