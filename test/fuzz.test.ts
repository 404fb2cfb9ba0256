/**
 * Fuzzing that stays: fast-check properties over the whole API with fixed
 * seeds (a slice that runs in seconds). `npm run fuzz -- --runs N` runs the
 * same properties for N inputs in all, collecting every failure instead of
 * stopping at the first (see scripts/fuzz.mjs).
 */
import {writeFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {anyText, corpusSamples, docsTree, mutated, tokenText} from './fuzz/arbitraries.js'
import {throughApi, throughApiOnce, throughTree} from './fuzz/targets.js'

const longRuns = Number(process.env.VKDOC_FUZZ_RUNS ?? 0)
const report = process.env.VKDOC_FUZZ_REPORT
/** Added to every batch seed, so runs in parallel processes draw different inputs. */
const seedOffset = Number(process.env.VKDOC_FUZZ_SEED_OFFSET ?? 0)
const samples = corpusSamples(longRuns > 0 ? 200 : 20)

const text = longRuns > 0 ? throughApiOnce : throughApi

const properties: Array<{name: string; arbitrary: fc.Arbitrary<unknown>; run: (value: never) => void; runs: number; seed: number; share: number}> = [
  {name: 'arbitrary strings', arbitrary: anyText, run: text, runs: 150, seed: 1301, share: 0.45},
  {name: 'dialect-token strings', arbitrary: tokenText, run: text, runs: 150, seed: 1302, share: 0.45},
  {name: 'mutated corpus pages', arbitrary: mutated(samples), run: text, runs: samples.length > 0 ? 20 : 0, seed: 1303, share: 0.05},
  {name: 'random docs trees', arbitrary: docsTree, run: throughTree, runs: 40, seed: 1304, share: 0.05},
]

describe.skipIf(longRuns > 0)('fuzz slice (fixed seeds)', () => {
  for (const property of properties) {
    it.skipIf(property.runs === 0)(`never throws on ${property.name}`, () => {
      fc.assert(fc.property(property.arbitrary, (value) => property.run(value as never)), {seed: property.seed, numRuns: property.runs})
    })
  }
})

describe.skipIf(longRuns === 0)('long fuzz run', () => {
  it('collects every failure over VKDOC_FUZZ_RUNS inputs', {timeout: 24 * 3600_000}, () => {
    const failures: Array<{property: string; seed: number; index: number; error: string; input: unknown}> = []
    const seen = new Set<string>()
    const started = performance.now()
    let done = 0
    const batch = 500
    const quota = properties.map((property) => (property.runs === 0 ? 0 : Math.round(longRuns * property.share)))
    // Batches go round the properties, so a run stopped early has covered all of them.
    for (let offset = 0; quota.some((total) => offset < total); offset += batch) {
      properties.forEach((property, which) => {
        const total = quota[which]!
        if (offset >= total) return
        const seed = property.seed * 100_000 + seedOffset + offset / batch
        const values = fc.sample(property.arbitrary, {seed, numRuns: Math.min(batch, total - offset)})
        values.forEach((value, index) => {
          try {
            property.run(value as never)
          } catch (error) {
            const text = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack?.split('\n').slice(1, 4).join('\n')}` : String(error)
            const key = `${property.name}\u0000${text.split('\n').slice(0, 2).join('\n')}`
            if (!seen.has(key)) failures.push({property: property.name, seed, index, error: text, input: value})
            seen.add(key)
          }
        })
        done += values.length
      })
      if (report && (offset / batch) % 10 === 0) {
        writeFileSync(report, JSON.stringify({done, seconds: Math.round((performance.now() - started) / 1000), failures}, null, 1))
      }
    }
    if (report) writeFileSync(report, JSON.stringify({done, seconds: Math.round((performance.now() - started) / 1000), failures}, null, 1))
    expect(failures.map((failure) => `${failure.property}: ${failure.error.split('\n')[0]}`)).toEqual([])
  })
})
