/**
 * Every token of the dialect lexer, defined once (mode wiring is in
 * `modes.ts`).
 *
 * Nesting is carried by lexer modes: `{name` pushes a *head* mode, `(` an
 * *args* mode, `[` an *attrs* mode, and nested `{…}` / `(…)` / `[…]` groups
 * push group modes, so a closing `)` or `]` is only structural where it
 * balances. Tokens that push a mode exist once per nesting depth
 * (`DirectiveStart1` … `DirectiveStart6`), each pushing the mode of its own
 * depth; they share an abstract category (`DirectiveStart`) that the grammar
 * consumes. This bounds directive nesting (and so parser recursion) by
 * construction: at the last depth, `{name(` is lexed as a plain brace group.
 * Groups are bounded too (`maxOpenGroups`): their openers count themselves.
 *
 * Malformed input never stops the lexer. `Retreat` tokens are zero-width,
 * skipped tokens that pop one mode: at a line break (ARGS and ATTRS end on
 * their line, but for the one break `ArgBreak` allows in linkto's ARGS), at an
 * unbalanced `}`, and in a head mode at any character that
 * cannot continue the directive. A missing closer is thus simply absent from
 * the token stream, and the CST→AST step reports it.
 */
import {createToken, Lexer, type CustomPatternMatcherReturn, type TokenType} from 'chevrotain'
import {pattern} from './fragments.js'
import {emptyMatch, extensionMatcher, groupCloser, groupOpener, lineBreakAndIndent, matchRecoveredAttrsOpen, nextLineCloses, state} from './matchers.js'

export {maxOpenGroups, resetLexerState} from './matchers.js'

/** Deepest directive nesting lexed as directives (the corpus needs 2: `{heading({counter(x)}…)}`). */
export const maxDirectiveDepth = 6

/** The names of the lexer modes of one depth (`head3`, `args3`, …). */
export const modeName = {
  head: (depth: number) => `head${depth}`,
  linktoHead: (depth: number) => `linktoHead${depth}`,
  args: (depth: number) => `args${depth}`,
  linktoArgs: (depth: number) => `linktoArgs${depth}`,
  paren: (depth: number) => `paren${depth}`,
  brace: (depth: number) => `brace${depth}`,
  attrs: (depth: number) => `attrs${depth}`,
  bracket: (depth: number) => `bracket${depth}`,
} as const

/** The default mode: Markdown text between directives. */
export const textMode = 'text'
/** The mode after `{formula}`: its verbatim body. */
export const formulaMode = 'formula'

// ---------------------------------------------------------------------------
// Abstract categories the grammar consumes (never matched directly).

/** `{name` of an opener, at any depth. */
export const DirectiveStart = createToken({name: 'DirectiveStart', pattern: Lexer.NA})
/** `{/name` of a malformed closer that goes on with `(`, `[` or `:` (`{/ifdef(public)}`). */
export const CloseStart = createToken({name: 'CloseStart', pattern: Lexer.NA})
/** `(` opening ARGS. */
export const ArgsOpen = createToken({name: 'ArgsOpen', pattern: Lexer.NA})
/** `[` opening ATTRS. */
export const AttrsOpen = createToken({name: 'AttrsOpen', pattern: Lexer.NA})
/** `(` of a balanced group inside ARGS. */
export const ParenOpen = createToken({name: 'ParenOpen', pattern: Lexer.NA})
/** `{` of a balanced group that is not a directive (`{Mercedes}`, `${HOME}`). */
export const BraceOpen = createToken({name: 'BraceOpen', pattern: Lexer.NA})
/** `[` of a balanced group inside an attribute value. */
export const BracketOpen = createToken({name: 'BracketOpen', pattern: Lexer.NA})

// ---------------------------------------------------------------------------
// Text mode: Markdown text between directives, as large runs.

/**
 * A run of text: anything up to a `{` that starts a directive or closer.
 * A `{` that starts none (`{word}`, `${var.x}`, `%{PATTERN}`, `{{{`) stays
 * in the run, so text is a few large tokens whatever it holds.
 */
export const Text = createToken({
  name: 'Text',
  pattern: pattern('(?:[^{]|\\{(?!{{directiveOrCloser}}))[^{]*(?:\\{(?!{{directiveOrCloser}})[^{]*)*'),
  line_breaks: true,
})
/** A complete closer `{/name}`. */
export const CloseTag = createToken({name: 'CloseTag', pattern: pattern('\\{/{{directiveName}}\\}')})

/** `{/x-badge}`: the closer of a registered extension directive. */
export const ExtensionCloseTag = createToken({
  name: 'ExtensionCloseTag',
  pattern: extensionMatcher(pattern('\\{/({{extensionName}})\\}', 'y')),
  start_chars_hint: ['{'],
  line_breaks: false,
  categories: [CloseTag],
})

/**
 * The `{` of an extension-shaped name no extension is registered under
 * (`{some-name}` in prose): text, like any other brace.
 */
export const ExtensionLikeBrace = createToken({name: 'ExtensionLikeBrace', pattern: '{', categories: [Text]})

/**
 * `{formula}` with a `{/formula}` somewhere after it: the body is verbatim
 * (spec §3.15, `2^{32-M}` is LaTeX, not a directive). Without a closer it is
 * an ordinary directive, so an unclosed formula cannot swallow the file.
 * > | {formula}
 *     ^^^^^^^^^
 */
export const FormulaOpen = createToken({
  name: 'FormulaOpen',
  pattern: {
    exec: (text: string, offset: number) => {
      if (!text.startsWith('{formula}', offset)) return null
      state.lastFormulaClose ??= text.lastIndexOf('{/formula}')
      return offset < state.lastFormulaClose ? (['{formula}'] as CustomPatternMatcherReturn) : null
    },
  },
  start_chars_hint: ['{'],
  line_breaks: false,
  push_mode: formulaMode,
})
/** The verbatim body of a formula. */
export const FormulaBody = createToken({
  name: 'FormulaBody',
  pattern: /(?:[^{]|\{(?!\/formula\}))+/,
  line_breaks: true,
})
/** `{/formula}` ending a formula body. */
export const FormulaClose = createToken({name: 'FormulaClose', pattern: '{/formula}', pop_mode: true})

// ---------------------------------------------------------------------------
// Head modes: after `{name`, before `(`, `[`, `:` or `}`.

/** `:TYPE` of `{note:TYPE}`. */
export const Variant = createToken({name: 'Variant', pattern: /:[^\s{}()[\]:]*/})
/** `}` ending a directive. */
export const RCurly = createToken({name: 'RCurly', pattern: '}', pop_mode: true})

/**
 * Zero-width: any other character ends the head without a `}`.
 * > | {linkto(../x#y), кроме
 *                    ^
 */
export const HeadRetreat = createToken({
  name: 'HeadRetreat',
  pattern: {exec: emptyMatch},
  line_breaks: false,
  group: Lexer.SKIPPED,
  pop_mode: true,
})

/**
 * Zero-width: a line break or an unbalanced `}` ends ARGS and ATTRS that are
 * still open (an unterminated ARGS is reported, never scanned on).
 * > | {cut(Fluent Bit
 *                    ^
 */
export const Retreat = createToken({
  name: 'Retreat',
  pattern: {
    exec: (text: string, offset: number) => {
      const code = text.charCodeAt(offset)
      return code === 125 /* } */ || code === 10 /* \n */ || code === 13 /* \r */ ? emptyMatch() : null
    },
  },
  start_chars_hint: ['}', '\n', '\r'],
  line_breaks: false,
  group: Lexer.SKIPPED,
  pop_mode: true,
})

/**
 * Zero-width: a line break or an unbalanced `}` ends a `(…)` or `[…]` group
 * that is still open, then the ARGS or ATTRS around it.
 * > | {heading(Fluent (logaas}
 *                            ^
 */
export const GroupRetreat = createToken({
  name: 'GroupRetreat',
  pattern: {
    exec: (text: string, offset: number) => {
      const code = text.charCodeAt(offset)
      if (code !== 125 && code !== 10 && code !== 13) return null
      if (state.openGroups > 0) state.openGroups--
      return emptyMatch()
    },
  },
  start_chars_hint: ['}', '\n', '\r'],
  line_breaks: false,
  group: Lexer.SKIPPED,
  pop_mode: true,
})

/** Zero-width: a line break ends a brace group (its `}` is its own closer). */
export const BraceGroupRetreat = createToken({
  name: 'BraceGroupRetreat',
  pattern: {
    exec: (text: string, offset: number) => {
      const code = text.charCodeAt(offset)
      if (code !== 10 && code !== 13) return null
      if (state.openGroups > 0) state.openGroups--
      return emptyMatch()
    },
  },
  start_chars_hint: ['\n', '\r'],
  line_breaks: false,
  group: Lexer.SKIPPED,
  pop_mode: true,
})

/** Past `maxOpenGroups`: a `(`, `{` or `[` and the text after it up to the next closer or line break, as text. */
export const GroupOverflow = createToken({name: 'GroupOverflow', pattern: /[({[][^)}\]\r\n]*/})

// ---------------------------------------------------------------------------
// ARGS modes: `(…)` with balanced parentheses and `{…}` groups.

/** Text inside ARGS. */
export const ArgText = createToken({name: 'ArgText', pattern: /[^(){}[\r\n]+/})
/** A `[` inside ARGS that is text (see `RecoveredAttrsOpen` for the other case). */
export const ArgBracket = createToken({name: 'ArgBracket', pattern: '['})
/** `)` ending ARGS. */
export const ArgsClose = createToken({name: 'ArgsClose', pattern: ')', pop_mode: true})
/** `)` ending a parenthesised group inside ARGS. */
export const ParenClose = createToken({
  name: 'ParenClose',
  pattern: groupCloser(')'),
  start_chars_hint: [')'],
  line_breaks: false,
  pop_mode: true,
})

/**
 * A line break inside the ARGS of linkto, allowed where the next line closes
 * them (spec §2: 30 kz targets start on the next line,
 * `{linkto(\n      ../guide#x)[text=…]}`). So an unterminated linkto still
 * ends at its line, and other names' ARGS never span lines (their modes have
 * no `ArgBreak`).
 * > | {linkto(
 *             ^
 *   |       ../how-to-guides/tls-connect#x)[text=…]}
 */
export const ArgBreak = createToken({
  name: 'ArgBreak',
  pattern: {
    exec: (text: string, offset: number) => {
      lineBreakAndIndent.lastIndex = offset
      const found = lineBreakAndIndent.exec(text)
      return found && nextLineCloses(text, offset + found[0].length) ? ([found[0]] as CustomPatternMatcherReturn) : null
    },
  },
  start_chars_hint: ['\n', '\r'],
  line_breaks: true,
})

// ---------------------------------------------------------------------------
// Brace groups: `{…}` inside ARGS or ATTRS that is not a directive.

/** Text inside a brace group (parentheses are not structural here). */
export const BraceText = createToken({name: 'BraceText', pattern: /[^{}\r\n]+/})
/** `}` ending a brace group. */
export const BraceClose = createToken({
  name: 'BraceClose',
  pattern: groupCloser('}'),
  start_chars_hint: ['}'],
  line_breaks: false,
  pop_mode: true,
})

// ---------------------------------------------------------------------------
// ATTRS modes: `[k=v; k=v]`.

/** `key` of `key=value` (followed by `=`; a space after `;` belongs to `Semicolon`). */
export const AttrKey = createToken({name: 'AttrKey', pattern: /[ \t]*[A-Za-z][\w-]*[ \t]*(?==)/})
/** `=` between key and value (also a value character, where it is reported). */
export const Equals = createToken({name: 'Equals', pattern: '='})
/** `;` (and the spaces after it) between attributes. */
export const Semicolon = createToken({name: 'Semicolon', pattern: /;[ \t]*/})
/** Text of an attribute value. */
export const AttrText = createToken({name: 'AttrText', pattern: /[^[\]{};=\r\n]+/})
/** `]` ending ATTRS. */
export const AttrsClose = createToken({name: 'AttrsClose', pattern: ']', pop_mode: true})
/** Text inside a `[…]` group of a value. */
export const BracketText = createToken({name: 'BracketText', pattern: /[^[\]{}\r\n]+/})
/** `]` ending a `[…]` group of a value. */
export const BracketClose = createToken({
  name: 'BracketClose',
  pattern: groupCloser(']'),
  start_chars_hint: [']'],
  line_breaks: false,
  pop_mode: true,
})

// ---------------------------------------------------------------------------
// Tokens of one depth: the ones that push a mode of that depth.

export interface DepthTokens {
  directiveStart: TokenType
  extensionStart: TokenType
  extensionCloseStart: TokenType
  linktoStart: TokenType
  closeStart: TokenType
  argsOpen: TokenType
  linktoArgsOpen: TokenType
  recoveredAttrsOpen: TokenType
  attrsOpen: TokenType
  parenOpen: TokenType
  braceOpen: TokenType
  bracketOpen: TokenType
}

function makeDepthTokens(depth: number): DepthTokens {
  const linktoArgsOpen = createToken({
    name: `LinktoArgsOpen${depth}`,
    pattern: '(',
    categories: [ArgsOpen],
    push_mode: modeName.linktoArgs(depth),
  })
  return {
    // `{linkto` first: its ARGS may start with a line break.
    linktoStart: createToken({
      name: `LinktoStart${depth}`,
      pattern: pattern('\\{linkto{{afterName}}'),
      categories: [DirectiveStart],
      push_mode: modeName.linktoHead(depth),
    }),
    directiveStart: createToken({
      name: `DirectiveStart${depth}`,
      pattern: pattern('\\{{{directiveName}}{{afterName}}'),
      categories: [DirectiveStart],
      push_mode: modeName.head(depth),
    }),
    extensionStart: createToken({
      name: `ExtensionStart${depth}`,
      pattern: extensionMatcher(pattern('\\{({{extensionName}}){{afterName}}', 'y')),
      start_chars_hint: ['{'],
      line_breaks: false,
      categories: [DirectiveStart],
      push_mode: modeName.head(depth),
    }),
    extensionCloseStart: createToken({
      name: `ExtensionCloseStart${depth}`,
      pattern: extensionMatcher(pattern('\\{/({{extensionName}}){{afterCloseName}}', 'y')),
      start_chars_hint: ['{'],
      line_breaks: false,
      categories: [CloseStart],
      push_mode: modeName.head(depth),
    }),
    closeStart: createToken({
      name: `CloseStart${depth}`,
      pattern: pattern('\\{/{{directiveName}}{{afterCloseName}}'),
      categories: [CloseStart],
      push_mode: modeName.head(depth),
    }),
    argsOpen: createToken({name: `ArgsOpen${depth}`, pattern: '(', categories: [ArgsOpen], push_mode: modeName.args(depth)}),
    linktoArgsOpen,
    recoveredAttrsOpen: createToken({
      name: `RecoveredAttrsOpen${depth}`,
      pattern: {exec: matchRecoveredAttrsOpen},
      start_chars_hint: ['['],
      line_breaks: false,
      categories: [AttrsOpen],
      pop_mode: true,
      push_mode: modeName.attrs(depth),
    }),
    attrsOpen: createToken({name: `AttrsOpen${depth}`, pattern: '[', categories: [AttrsOpen], push_mode: modeName.attrs(depth)}),
    parenOpen: createToken({
      name: `ParenOpen${depth}`,
      pattern: groupOpener('('),
      start_chars_hint: ['('],
      line_breaks: false,
      categories: [ParenOpen],
      push_mode: modeName.paren(depth),
    }),
    braceOpen: createToken({
      name: `BraceOpen${depth}`,
      pattern: groupOpener('{'),
      start_chars_hint: ['{'],
      line_breaks: false,
      categories: [BraceOpen],
      push_mode: modeName.brace(depth),
    }),
    bracketOpen: createToken({
      name: `BracketOpen${depth}`,
      pattern: groupOpener('['),
      start_chars_hint: ['['],
      line_breaks: false,
      categories: [BracketOpen],
      push_mode: modeName.bracket(depth),
    }),
  }
}

const depthTokens: readonly DepthTokens[] = Array.from({length: maxDirectiveDepth}, (_, index) =>
  makeDepthTokens(index + 1),
)

/** The mode-pushing tokens of `depth` (1 … `maxDirectiveDepth`). */
export function tokensOfDepth(depth: number): DepthTokens {
  const tokens = depthTokens[depth - 1]
  if (!tokens) throw new RangeError(`No lexer depth ${depth} (1…${maxDirectiveDepth})`)
  return tokens
}

/** The whole vocabulary (for the parser). */
export const allTokens: TokenType[] = [
  DirectiveStart,
  CloseStart,
  ArgsOpen,
  AttrsOpen,
  ParenOpen,
  BraceOpen,
  BracketOpen,
  Text,
  CloseTag,
  ExtensionCloseTag,
  ExtensionLikeBrace,
  FormulaOpen,
  FormulaBody,
  FormulaClose,
  Variant,
  RCurly,
  HeadRetreat,
  Retreat,
  GroupRetreat,
  BraceGroupRetreat,
  GroupOverflow,
  ArgText,
  ArgBracket,
  ArgsClose,
  ParenClose,
  ArgBreak,
  BraceText,
  BraceClose,
  AttrKey,
  Equals,
  Semicolon,
  AttrText,
  AttrsClose,
  BracketText,
  BracketClose,
  ...depthTokens.flatMap((tokens) => Object.values(tokens)),
]
