/**
 * Running the CLI in-process, as a user at a terminal would: a working
 * directory, optional stdin, and everything printed captured.
 */
import {run} from '../../src/cli/run.js'
import type {Io} from '../../src/cli/io.js'

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

export interface CliOptions {
  cwd: string
  stdin?: string | Uint8Array
  env?: Record<string, string | undefined>
}

/** An `Io` whose streams collect into `result`. */
export function captureIo(options: CliOptions): {io: Io; result: CliResult} {
  const result: CliResult = {code: -1, stdout: '', stderr: ''}
  const io: Io = {
    stdout: {write: (chunk: string) => (result.stdout += chunk)},
    stderr: {write: (chunk: string) => (result.stderr += chunk)},
    cwd: options.cwd,
    readStdin: () => (typeof options.stdin === 'string' ? new TextEncoder().encode(options.stdin) : (options.stdin ?? new Uint8Array())),
    env: options.env ?? {},
  }
  return {io, result}
}

/** `vkdoc ...args` in `options.cwd`. */
export async function vkdoc(args: readonly string[], options: CliOptions): Promise<CliResult> {
  const {io, result} = captureIo(options)
  result.code = await run(args, io)
  return result
}
