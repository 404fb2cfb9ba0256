/**
 * The expansion source map, as a property over the real corpus: for every
 * (page, build point) pair of ../shared/corpus/ru (build points from each
 * page's meta), a sample of offsets of the expanded text — every directive
 * start, the first and last character of every copied run, and 50 seeded
 * random offsets — maps back to a (file, offset) whose character is the
 * expanded character. Skips when the corpus is absent.
 */
import {existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {loadDocs} from '../src/node.js'
import type {SourceMap} from '../src/expand/source-map.js'

const corpusRoot = fileURLToPath(new URL('../../shared/corpus', import.meta.url))
const present = existsSync(`${corpusRoot}/ru`)
if (!present) console.warn(`docs-source-map: skipped, ${corpusRoot}/ru is absent`)

/** The map's runs, read through its (TypeScript-only) private field: the map has no public accessor for them. */
interface Run {
  outStart: number
  outEnd: number
  file: string
  srcStart: number
  srcEnd: number
  linear: boolean
}
function runsOf(map: SourceMap): readonly Run[] {
  const runs = (map as unknown as {segments?: readonly Run[]}).segments
  if (!Array.isArray(runs)) throw new Error('SourceMap no longer keeps `segments`: update runsOf() to its public API')
  return runs
}

/** A small seeded generator (mulberry32), so a failure names offsets that reproduce. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const randomOffsetsPerText = 50
/** `{name`, `{/name`, `{name:` — where a directive starts. */
const directiveStart = /\{\/?[a-z]/g

describe('the expansion source map over ru', () => {
  it.skipIf(!present)('maps every sampled copied character of every (page, build point) expansion to the same source character', () => {
    const started = performance.now()
    const tree = loadDocs(corpusRoot, {lang: 'ru'})
    const random = seeded(0x5eed)
    const failures: string[] = []
    let pairs = 0
    let checked = 0
    let fragmentOffsets = 0
    for (const page of tree.pages()) {
      for (const target of page.targets) {
        pairs++
        const {text, map} = tree.expand(page.file, target)
        const runs = runsOf(map)
        // The runs tile the expanded text: no gap, no overlap.
        let end = 0
        for (const run of runs) {
          if (run.outStart !== end || run.outEnd <= run.outStart) failures.push(`${page.file} [${target}]: run ${run.outStart}-${run.outEnd} after ${end}`)
          end = run.outEnd
        }
        if (end !== text.length) failures.push(`${page.file} [${target}]: runs end at ${end}, text at ${text.length}`)

        const offsets = new Set<number>()
        for (const match of text.matchAll(directiveStart)) offsets.add(match.index)
        for (const run of runs) {
          if (run.linear) offsets.add(run.outStart).add(run.outEnd - 1)
          else {
            // Inserted text (indentation, heading marks, variable values) stands for an empty range or a directive.
            const source = tree.read(run.file) ?? ''
            if (run.srcEnd > source.length || (run.srcEnd > run.srcStart && source[run.srcStart] !== '{')) {
              failures.push(`${page.file} [${target}]: inserted run for ${run.file}:${run.srcStart}-${run.srcEnd} is not a directive`)
            }
          }
        }
        for (let n = 0; n < randomOffsetsPerText && text.length > 0; n++) offsets.add(Math.floor(random() * text.length))

        let at = 0
        for (const offset of [...offsets].sort((a, b) => a - b)) {
          while (at < runs.length - 1 && runs[at]!.outEnd <= offset) at++
          if (!runs[at]?.linear) continue
          const location = map.start(offset)
          const source = tree.read(location.file)
          checked++
          if (location.file !== page.file) fragmentOffsets++
          if (source?.[location.offset] !== text[offset] || map.end(offset + 1).offset !== location.offset + 1) {
            failures.push(`${page.file} [${target}] @${offset}: ${JSON.stringify(text[offset])} maps to ${location.file}:${location.offset} ${JSON.stringify(source?.[location.offset])}`)
          }
        }
      }
    }
    const seconds = (performance.now() - started) / 1000
    console.info(`docs-source-map: ${pairs} (page, build point) pairs, ${checked} copied offsets checked (${fragmentOffsets} in fragments) in ${seconds.toFixed(1)} s`)
    expect(failures.slice(0, 20), `${failures.length} failures`).toEqual([])
    // The corpus has ~1,600 pages, most with several build points, and about a third include fragments.
    expect(pairs).toBeGreaterThan(1000)
    expect(fragmentOffsets).toBeGreaterThan(10_000)
  })
})
