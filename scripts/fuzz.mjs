#!/usr/bin/env node
// Long fuzz runs: the properties of test/fuzz.test.ts over N inputs in all,
// every distinct failure collected (not only the first) into a JSON report.
//
//   npm run fuzz -- --runs 1000000 [--report fuzz-report.json] [--seed-offset K]
//
// Runs in parallel processes draw different inputs with different --seed-offset values
// (batch seeds are offset by K; a run of N inputs uses fewer than N / 500 batch seeds per property).
import {spawnSync} from 'node:child_process'
import {parseArgs} from 'node:util'

const {values} = parseArgs({options: {runs: {type: 'string', default: '10000'}, report: {type: 'string', default: 'fuzz-report.json'}, 'seed-offset': {type: 'string', default: '0'}}})
const runs = Number(values.runs)
if (!Number.isInteger(runs) || runs < 1) {
  console.error('fuzz: --runs takes a whole number ≥ 1')
  process.exit(2)
}
const started = Date.now()
const result = spawnSync('npx', ['vitest', 'run', 'test/fuzz.test.ts'], {
  stdio: 'inherit',
  env: {...process.env, VKDOC_FUZZ_RUNS: String(runs), VKDOC_FUZZ_REPORT: values.report, VKDOC_FUZZ_SEED_OFFSET: values['seed-offset']},
})
console.log(`fuzz: ${runs} inputs in ${Math.round((Date.now() - started) / 1000)} s; report in ${values.report}`)
process.exit(result.status ?? 2)
