/**
 * V8 settings of the `vkdoc` process. Only the executable sets them: the
 * library never changes the flags of the process it is imported into.
 *
 * Without inlining, TurboFan compiles each hot function by itself. A build
 * runs hundreds of small tokenizer and handler functions, each hot for a
 * while, and with inlining TurboFan spent about a quarter of the build's CPU
 * time recompiling them into each other on its background threads, again in
 * every worker thread. Measured on the ru tree: a 1-worker build 23.6 → 20.7 s
 * CPU at the same wall time, 2 workers 27.2 → 21.3 s CPU and 14.4 → 11.7 s.
 */
import {setFlagsFromString} from 'node:v8'

/** The flags the executable sets, unless the user already chose how V8 inlines. */
export const cliV8Flags: readonly string[] = ['--no-turbo-inlining']

/** V8 options that decide inlining: whoever passes one to node keeps their choice (NODE_OPTIONS cannot hold them). */
const inliningOption = /^--(?:no-)?turbo[-_]inlining(?:=|$)|^--max[-_]inlin(?:ed|ing)[-_]/

/** The flags to set in a process node started with `execArgv`: none when it already names an inlining option. */
export function v8FlagsFor(execArgv: readonly string[]): string[] {
  return execArgv.some((option) => inliningOption.test(option)) ? [] : [...cliV8Flags]
}

/** Set them in this process (and so in its worker threads, which share V8's flags); before any hot code runs. */
export function applyCliV8Flags(): void {
  for (const flag of v8FlagsFor(process.execArgv)) setFlagsFromString(flag)
}
