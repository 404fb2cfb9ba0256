/**
 * `node bench/cli-with-cpu.mjs ARGS…`: the built `vkdoc` CLI with ARGS, and on exit its CPU time
 * (user + system of the whole process, worker threads included) as `bench-cpu-ms N` on stderr.
 */
import {dirname, join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

process.on('exit', () => {
  const usage = process.cpuUsage()
  process.stderr.write(`\nbench-cpu-ms ${(usage.user + usage.system) / 1000}\n`)
})
await import(pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), '../dist/cli.js')).href)
