/**
 * The V8 flags the `vkdoc` executable sets for itself (see src/cli/v8-flags.ts):
 * inlining off, unless whoever started node chose an inlining setting.
 */
import {describe, expect, it} from 'vitest'
import {cliV8Flags, v8FlagsFor} from '../src/cli/v8-flags.js'

describe('the executable’s V8 flags', () => {
  it('turns TurboFan inlining off in a process started without inlining options', () => {
    expect(cliV8Flags).toEqual(['--no-turbo-inlining'])
    expect(v8FlagsFor([])).toEqual(['--no-turbo-inlining'])
    expect(v8FlagsFor(['--enable-source-maps', '--max-old-space-size=4096'])).toEqual(['--no-turbo-inlining'])
  })

  it('keeps an inlining choice made on the node command line', () => {
    expect(v8FlagsFor(['--turbo-inlining'])).toEqual([])
    expect(v8FlagsFor(['--no-turbo-inlining'])).toEqual([])
    expect(v8FlagsFor(['--turbo_inlining'])).toEqual([])
    expect(v8FlagsFor(['--max-inlined-bytecode-size=230'])).toEqual([])
    expect(v8FlagsFor(['--max-inlining-levels=4'])).toEqual([])
  })

  it('does not take an unrelated option for an inlining one', () => {
    expect(v8FlagsFor(['--turbo-loop-peeling', '--turbo-inlining-report'])).toEqual(['--no-turbo-inlining'])
  })
})
