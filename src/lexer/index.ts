/**
 * The dialect lexer: `tokenize(source)` turns a whole file into Chevrotain
 * tokens (large text runs, directive heads, ARGS and ATTRS pieces) and never
 * throws. See `tokens.ts` for how nesting and malformed input are lexed and
 * `contexts.ts` for the code/comment pre-scan.
 */
import {Lexer, type ILexingError, type IToken} from 'chevrotain'
import {lexerDefinition} from './modes.js'
import {resetLexerState} from './tokens.js'

export {contextAt, scanContexts, type ContextRange, type ContextScan, type UnclosedComment} from './contexts.js'

/**
 * Offsets only: lines and columns come from `LineIndex`, and full tracking
 * would cost a third of the lexing time. The definition's validations run in
 * the test suite (`test/lexer.test.ts`), not on every start of the CLI.
 */
export const lexerOptions = {
  positionTracking: 'onlyOffset',
  ensureOptimizations: false,
  recoveryEnabled: true,
  skipValidations: true,
} as const

// One lexer for the process, built on first use: building it analyses every mode (Chevrotain guide,
// "performance"), which a run that lexes nothing (`--version`, a build from the cache) need not pay.
let lexer: Lexer | undefined

/** What `tokenize` returns. */
export interface TokenizeResult {
  tokens: IToken[]
  /** Characters no token matched. The modes cover every character, so this stays empty; kept as a guard. */
  errors: ILexingError[]
}

/**
 * Lex a source text.
 *
 * @param source The whole file.
 * @returns The tokens (skipped zero-width `Retreat`s are not included) and lexing errors.
 */
export function tokenize(source: string): TokenizeResult {
  resetLexerState()
  lexer ??= new Lexer(lexerDefinition, lexerOptions)
  const result = lexer.tokenize(source)
  const tokens = result.tokens
  // The parser's node locations need each token's (inclusive) `endOffset`.
  for (const token of tokens) token.endOffset = token.startOffset + token.image.length - 1
  return {tokens, errors: result.errors}
}
