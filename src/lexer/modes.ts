/**
 * The lexer modes: which tokens are tried, in priority order, in each
 * context. Modes nest exactly like the syntax (`{name` → head, `(` → args,
 * `[` → attrs, `{`/`(`/`[` groups inside them), one set per directive depth.
 *
 * > | {heading({counter(cli)}. Установите)[id=x]}
 *     ^^^^^^^^ text → head1
 *             ^ head1 → args1
 *              ^^^^^^^^ args1 → head2 (nested directive)
 *                               …       ) → head1, [ → attrs1, ] → head1, } → text
 */
import type {IMultiModeLexerDefinition, TokenType} from 'chevrotain'
import {
  ArgBracket,
  ArgBreak,
  ArgsClose,
  ArgText,
  AttrKey,
  AttrsClose,
  AttrText,
  BraceClose,
  BraceText,
  BracketClose,
  BracketText,
  CloseTag,
  Equals,
  ExtensionCloseTag,
  ExtensionLikeBrace,
  FormulaBody,
  FormulaClose,
  FormulaOpen,
  formulaMode,
  BraceGroupRetreat,
  GroupOverflow,
  GroupRetreat,
  HeadRetreat,
  maxDirectiveDepth,
  modeName,
  ParenClose,
  RCurly,
  Retreat,
  Semicolon,
  Text,
  textMode,
  tokensOfDepth,
  Variant,
} from './tokens.js'

/** Directive starts and closers that may appear inside a construct of `depth`. */
function nestedStarts(depth: number): TokenType[] {
  if (depth >= maxDirectiveDepth) return [CloseTag, ExtensionCloseTag]
  const inner = tokensOfDepth(depth + 1)
  return [CloseTag, ExtensionCloseTag, inner.closeStart, inner.extensionCloseStart, inner.linktoStart, inner.directiveStart, inner.extensionStart]
}

function modesOfDepth(depth: number): Record<string, TokenType[]> {
  const own = tokensOfDepth(depth)
  const argsMode = [
    ArgText,
    own.recoveredAttrsOpen,
    ArgBracket,
    ArgsClose,
    own.parenOpen,
    ...nestedStarts(depth),
    own.braceOpen,
    GroupOverflow,
    Retreat,
  ]
  return {
    [modeName.head(depth)]: [own.argsOpen, own.attrsOpen, Variant, RCurly, HeadRetreat],
    [modeName.linktoHead(depth)]: [own.linktoArgsOpen, own.attrsOpen, Variant, RCurly, HeadRetreat],
    [modeName.args(depth)]: argsMode,
    // Linkto's ARGS may take a line break (`ArgBreak`); everyone else's end at their line.
    [modeName.linktoArgs(depth)]: [ArgText, ArgBreak, ...argsMode.slice(1)],
    [modeName.paren(depth)]: [
      ArgText,
      ArgBracket,
      ParenClose,
      own.parenOpen,
      ...nestedStarts(depth),
      own.braceOpen,
      GroupOverflow,
      BraceGroupRetreat,
  GroupOverflow,
  GroupRetreat,
    ],
    [modeName.brace(depth)]: [BraceText, BraceClose, ...nestedStarts(depth), own.braceOpen, GroupOverflow, BraceGroupRetreat],
    [modeName.attrs(depth)]: [
      AttrKey,
      AttrText,
      Equals,
      Semicolon,
      AttrsClose,
      own.bracketOpen,
      ...nestedStarts(depth),
      own.braceOpen,
      GroupOverflow,
      Retreat,
    ],
    [modeName.bracket(depth)]: [
      BracketText,
      BracketClose,
      own.bracketOpen,
      ...nestedStarts(depth),
      own.braceOpen,
      GroupOverflow,
      BraceGroupRetreat,
  GroupOverflow,
  GroupRetreat,
    ],
  }
}

const topLevel = tokensOfDepth(1)

/** The multi-mode lexer definition, starting in `text`. */
export const lexerDefinition: IMultiModeLexerDefinition = {
  defaultMode: textMode,
  modes: Object.assign(
    {
      [textMode]: [
        Text,
        FormulaOpen,
        CloseTag,
        ExtensionCloseTag,
        topLevel.closeStart,
        topLevel.extensionCloseStart,
        topLevel.linktoStart,
        topLevel.directiveStart,
        topLevel.extensionStart,
        ExtensionLikeBrace,
      ],
      [formulaMode]: [FormulaBody, FormulaClose],
    },
    ...Array.from({length: maxDirectiveDepth}, (_, index) => modesOfDepth(index + 1)),
  ),
}
