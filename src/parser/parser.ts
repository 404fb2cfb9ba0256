/**
 * The dialect grammar: a Chevrotain `CstParser` over the tokens of
 * `src/lexer/`. It is a deliberate *super grammar*: it accepts every token
 * stream the lexer can produce (closers are optional, a head may repeat
 * ARGS or ATTRS, values may hold `=`), and `build-ast.ts` narrows it,
 * reporting what is malformed. So a broken directive never derails the parse
 * of the rest of the file; error recovery stays on as a safety net only.
 *
 * Rules are class properties (a misspelt `SUBRULE` target is a compile
 * error); one instance is reused, its `input` reset per file.
 */
import {CstParser, type CstNode, type IToken} from 'chevrotain'
import {
  allTokens,
  ArgBracket,
  ArgBreak,
  ArgsClose,
  ArgsOpen,
  ArgText,
  AttrKey,
  AttrsClose,
  AttrsOpen,
  AttrText,
  BraceClose,
  BraceOpen,
  BraceText,
  BracketClose,
  BracketOpen,
  BracketText,
  CloseStart,
  CloseTag,
  DirectiveStart,
  Equals,
  FormulaBody,
  FormulaClose,
  FormulaOpen,
  GroupOverflow,
  ParenClose,
  ParenOpen,
  RCurly,
  Semicolon,
  Text,
  Variant,
} from '../lexer/tokens.js'

/** The dialect grammar; use the one `dialectParser` instance (or `parseTokens`). */
export class DialectParser extends CstParser {
  // OR alternatives are built once, not per call (Chevrotain guide,
  // "performance": caching arrays of alternatives). Declared up front so the
  // instance never grows new properties.
  private documentAlternatives: Array<{ALT: () => unknown}> | undefined = undefined
  private headAlternatives: Array<{ALT: () => unknown}> | undefined = undefined
  private argsAlternatives: Array<{ALT: () => unknown}> | undefined = undefined
  private valueAlternatives: Array<{ALT: () => unknown}> | undefined = undefined

  constructor() {
    super(allTokens, {recoveryEnabled: true, nodeLocationTracking: 'onlyOffset', maxLookahead: 1})
    this.performSelfAnalysis()
  }

  /**
   * A whole file: text runs and directives (spec §2).
   * > | Text {cut(Title)} more {/cut}
   *     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   */
  public document = this.RULE('document', () => {
    this.MANY(() => {
      this.OR(
        (this.documentAlternatives ??= [
          {ALT: () => this.CONSUME(Text)},
          {ALT: () => this.CONSUME(CloseTag)},
          {ALT: () => this.SUBRULE(this.formula)},
          {ALT: () => this.SUBRULE(this.directive)},
        ]),
      )
    })
  })

  /**
   * `{formula}` with its verbatim body (spec §3.15).
   * > | {formula}P = 2^{32-M}{/formula}
   *     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   */
  public formula = this.RULE('formula', () => {
    this.CONSUME(FormulaOpen)
    this.OPTION(() => this.CONSUME(FormulaBody))
    this.OPTION1(() => this.CONSUME(FormulaClose))
  })

  /**
   * `{name…}`: a head, then ARGS, ATTRS or a `:variant` in any number and
   * order (narrowed later), then `}` if present. A `{/name(…)}` closer with
   * arguments (a defect) takes the same shape.
   * > | {caption(Title)[align=left;position=above]}
   *     ^^^^^^^^
   *             ^^^^^^^ args
   *                    ^^^^^^^^^^^^^^^^^^^^^^^^^^ attributes
   *                                              ^ RCurly
   */
  public directive = this.RULE('directive', () => {
    this.OR([{ALT: () => this.CONSUME(DirectiveStart)}, {ALT: () => this.CONSUME(CloseStart)}])
    this.MANY(() => {
      this.OR1(
        (this.headAlternatives ??= [
          {ALT: () => this.CONSUME(Variant)},
          {ALT: () => this.SUBRULE(this.args)},
          {ALT: () => this.SUBRULE(this.attributes)},
        ]),
      )
    })
    this.OPTION(() => this.CONSUME(RCurly))
  })

  /**
   * `(…)`: balanced parentheses, `{…}` groups and nested directives (spec §2).
   * > | {tab(Windows (PowerShell))}
   *         ^^^^^^^^^^^^^^^^^^^^^
   */
  public args = this.RULE('args', () => {
    this.CONSUME(ArgsOpen)
    this.MANY(() => {
      this.OR(
        (this.argsAlternatives ??= [
          {ALT: () => this.CONSUME(ArgText)},
          {ALT: () => this.CONSUME(ArgBracket)},
          {ALT: () => this.CONSUME(ArgBreak)},
          {ALT: () => this.CONSUME(ParenOpen)},
          {ALT: () => this.CONSUME(ParenClose)},
          {ALT: () => this.CONSUME(BraceOpen)},
          {ALT: () => this.CONSUME(BraceText)},
          {ALT: () => this.CONSUME(BraceClose)},
          {ALT: () => this.CONSUME(GroupOverflow)},
          {ALT: () => this.CONSUME(CloseTag)},
          {ALT: () => this.SUBRULE(this.directive)},
        ]),
      )
    })
    this.OPTION(() => this.CONSUME(ArgsClose))
  })

  /**
   * `[k=v; k=v]` (spec §2).
   * > | {params[noBorder=true; width=80%]}
   *            ^^^^^^^^^^^^^^^^^^^^^^^^^^
   */
  public attributes = this.RULE('attributes', () => {
    this.CONSUME(AttrsOpen)
    this.SUBRULE(this.attribute)
    this.MANY(() => {
      this.CONSUME(Semicolon)
      this.SUBRULE1(this.attribute)
    })
    this.OPTION(() => this.CONSUME(AttrsClose))
  })

  /**
   * One `key=value`, or a value without a key (`[пополнить баланс]`, a
   * defect). Values hold text, `=` (reported where it cannot be meant),
   * balanced `[…]` and `{…}` groups and nested directives.
   * > | [text={var(cloud)} Logging]
   *      ^^^^ key
   *           ^^^^^^^^^^^^^^^^^^^^ value
   */
  public attribute = this.RULE('attribute', () => {
    this.OPTION(() => {
      this.CONSUME1(AttrKey, {LABEL: 'key'})
      this.CONSUME1(Equals, {LABEL: 'keyEquals'})
    })
    this.MANY(() => {
      this.OR(
        (this.valueAlternatives ??= [
          {ALT: () => this.CONSUME(AttrText)},
          {ALT: () => this.CONSUME2(AttrKey)},
          {ALT: () => this.CONSUME2(Equals)},
          {ALT: () => this.CONSUME(BracketOpen)},
          {ALT: () => this.CONSUME(BracketText)},
          {ALT: () => this.CONSUME(BracketClose)},
          {ALT: () => this.CONSUME(BraceOpen)},
          {ALT: () => this.CONSUME(BraceText)},
          {ALT: () => this.CONSUME(BraceClose)},
          {ALT: () => this.CONSUME(GroupOverflow)},
          {ALT: () => this.CONSUME(CloseTag)},
          {ALT: () => this.SUBRULE(this.directive)},
        ]),
      )
    })
  })
}

let instance: DialectParser | undefined

/**
 * The one parser instance (Chevrotain guide: "Using a Singleton Parser"), built on first use: building it
 * analyses the grammar, which a run that parses nothing (`--version`, a build from the cache) need not pay.
 */
export function dialectParser(): DialectParser {
  return (instance ??= new DialectParser())
}

/**
 * Parse tokens into a CST with the shared parser.
 *
 * @param tokens The tokens of one file, from `tokenize`.
 * @returns The `document` CST and recognition errors (none expected; returned, never thrown).
 */
export function parseTokens(tokens: IToken[]): {cst: CstNode; errors: DialectParser['errors']} {
  const parser = dialectParser()
  parser.input = tokens
  const cst = parser.document()
  return {cst, errors: parser.errors}
}
