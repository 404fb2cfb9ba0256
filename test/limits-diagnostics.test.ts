/**
 * The diagnostics budget of a page render: the first `maxDiagnosticsPerCode`
 * of each code are kept and one `diagnostics-limit` message counts the rest.
 */
import {describe, expect, it} from 'vitest'
import {compile, validate} from '../src/index.js'

const repeatedMistake = (count: number): string => '{linkto(#a)[text=b]}\n'.repeat(count)

describe('diagnostics budget', () => {
  it('keeps 1,000 of 20,000 repeated problems and counts the rest, in compile and validate', () => {
    // 130,000 of them used to overflow `push(...messages)` in validate; capped, no list grows past the budget.
    const source = repeatedMistake(20_000)
    const compiled = compile(source, {file: 'big.md'})
    const missing = compiled.messages.filter((message) => message.ruleId === 'linkto-missing-anchor')
    expect(missing).toHaveLength(1000)
    const limit = compiled.messages.filter((message) => message.ruleId === 'diagnostics-limit')
    expect(limit).toHaveLength(1)
    expect(limit[0]!.reason).toMatch(/^Unexpected 19000 more `linkto-missing-anchor` diagnostics in this page/)
    expect(limit[0]!.file).toBe('big.md')
    expect(limit[0]!.line).toBe(1001)
    const linted = validate(source, {path: 'big.md'})
    expect(linted.filter((message) => message.ruleId === 'linkto-missing-anchor')).toHaveLength(1000)
    expect(linted.some((message) => message.ruleId === 'diagnostics-limit')).toBe(true)
  })

  it('follows `limits.maxDiagnosticsPerCode` and `limits.maxDiagnostics`', () => {
    const source = repeatedMistake(50) + '{var(x)}\n'.repeat(50)
    const perCode = compile(source, {limits: {maxDiagnosticsPerCode: 10}, variables: {}})
    expect(perCode.messages.filter((message) => message.ruleId === 'linkto-missing-anchor')).toHaveLength(10)
    expect(perCode.messages.filter((message) => message.ruleId === 'var-undefined')).toHaveLength(10)
    expect(perCode.messages.filter((message) => message.ruleId === 'diagnostics-limit')).toHaveLength(2)
    const total = compile(source, {limits: {maxDiagnostics: 30}, variables: {}})
    expect(total.messages.filter((message) => message.ruleId !== 'diagnostics-limit')).toHaveLength(30)
    expect(total.messages.find((message) => message.ruleId === 'diagnostics-limit')!.reason).toMatch(/at most 30 in all/)
  })

  it('leaves a page under the budget untouched', () => {
    const compiled = compile(repeatedMistake(3))
    expect(compiled.messages.map((message) => message.ruleId)).toEqual(['linkto-missing-anchor', 'linkto-missing-anchor', 'linkto-missing-anchor'])
  })
})
