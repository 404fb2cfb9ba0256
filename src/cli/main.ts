#!/usr/bin/env node
/**
 * The `vkdoc` executable: `run` with the process's streams, working
 * directory and stdin. See `vkdoc --help`, or the command table in
 * `commands.ts` that help is generated from.
 */
import {readFileSync} from 'node:fs'
import {run} from './run.js'
import {applyCliV8Flags} from './v8-flags.js'

applyCliV8Flags()

// A reader that stops early (`vkdoc lint … | head`) is not an error of vkdoc's.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
}

run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  readStdin: () => readFileSync(0),
  env: process.env,
}).then((code) => {
  process.exitCode = code
})
