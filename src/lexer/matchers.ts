/**
 * The custom matchers of the lexer: the few tokens whose match depends on
 * more than a regular expression (open groups counted against a cap, a
 * formula's closer looked up once, registered extension names, a line
 * break linkto allows). Their per-tokenize state is reset by
 * `resetLexerState()` before each run.
 */
import type {CustomPatternMatcherReturn} from 'chevrotain'
import {isExtensionName} from '../constructs/extensions.js'

// The lexer is synchronous, so one module-level record is safe.
interface LexerState {
  /** Offset of the last `{/formula}` (-1: none; undefined: not looked up yet). */
  lastFormulaClose: number | undefined
  /** `(…)`, `{…}` and `[…]` groups open inside ARGS and ATTRS. */
  openGroups: number
  /** Memo for `RecoveredAttrsOpen`: `[memoFrom, memoStop)` all stop at `memoStop`. */
  memoFrom: number
  memoStop: number
}

export const state: LexerState = {lastFormulaClose: undefined, openGroups: 0, memoFrom: -1, memoStop: -1}

/** Prepare the custom matchers for a new text. */
export function resetLexerState(): void {
  state.lastFormulaClose = undefined
  state.openGroups = 0
  state.memoFrom = -1
  state.memoStop = -1
}

export const emptyMatch = (): CustomPatternMatcherReturn => [''] as CustomPatternMatcherReturn

/**
 * Most groups open at once inside ARGS and ATTRS. Real titles nest two or
 * three; past this, an opening `(`, `{` or `[` is text (`GroupOverflow`), so
 * the mode stack stays bounded and a megabyte of `((((` is a few tokens per
 * level, not a million.
 */
export const maxOpenGroups = 64

/** A group opener that counts itself, and declines (leaving the character to `GroupOverflow`) at the cap. */
export function groupOpener(character: string): {exec: (text: string, offset: number) => CustomPatternMatcherReturn | null} {
  const code = character.charCodeAt(0)
  return {
    exec: (text, offset) => {
      if (text.charCodeAt(offset) !== code || state.openGroups >= maxOpenGroups) return null
      state.openGroups++
      return [character] as CustomPatternMatcherReturn
    },
  }
}

/** A group closer that uncounts its group. */
export function groupCloser(character: string): {exec: (text: string, offset: number) => CustomPatternMatcherReturn | null} {
  const code = character.charCodeAt(0)
  return {
    exec: (text, offset) => {
      if (text.charCodeAt(offset) !== code) return null
      if (state.openGroups > 0) state.openGroups--
      return [character] as CustomPatternMatcherReturn
    },
  }
}

/** A matcher for `{name…` (a sticky pattern whose group 1 is the name) that accepts only registered extension names. */
export function extensionMatcher(sticky: RegExp): {exec: (text: string, offset: number) => CustomPatternMatcherReturn | null} {
  return {
    exec: (text, offset) => {
      if (text.charCodeAt(offset) !== 123 /* { */) return null
      sticky.lastIndex = offset
      const found = sticky.exec(text)
      return found && isExtensionName(found[1]!) ? ([found[0]] as CustomPatternMatcherReturn) : null
    },
  }
}


export const lineBreakAndIndent = /\r?\n[ \t]*/y

/** Whether the line from `offset` has a `)` before any brace, parenthesis or line end: it closes the ARGS. */
export function nextLineCloses(text: string, offset: number): boolean {
  for (let index = offset; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === 41 /* ) */) return true
    if (code === 10 || code === 13 || code === 123 || code === 125 || code === 40) return false
  }
  return false
}

/**
 * A `[` inside unterminated ARGS that starts what can only be the ATTRS: the
 * text up to the next `(`, `)`, `{`, `}` or line break ends in `]}`. It pops
 * the ARGS and opens ATTRS, so the `id=` of
 * > | # {heading(Fluent Bit (logaas-integration)[id=k8s-logaas]}
 *                                               ^
 * survives the missing `)` (which is still reported).
 */
export function matchRecoveredAttrsOpen(text: string, offset: number): CustomPatternMatcherReturn | null {
  if (text.charCodeAt(offset) !== 91 /* [ */) return null
  let stop: number
  if (offset >= state.memoFrom && offset < state.memoStop) {
    stop = state.memoStop
  } else {
    stop = offset + 1
    while (stop < text.length) {
      const code = text.charCodeAt(stop)
      if (code === 40 || code === 41 || code === 123 || code === 125 || code === 10 || code === 13) break
      stop++
    }
    state.memoFrom = offset
    state.memoStop = stop
  }
  return text.charCodeAt(stop) === 125 /* } */ && text.charCodeAt(stop - 1) === 93 /* ] */ && stop - 1 > offset
    ? (['['] as CustomPatternMatcherReturn)
    : null
}
