/**
 * The dialect AST returned by `parse()`: a lossless, flat-at-block-level
 * sequence of Markdown text runs and directive tokens, in unist shape.
 *
 * Why flat: conditions (`ifdef`/`ifndef`) and include regions are not aligned
 * with the markup blocks (`cut`, `note`, `tabs`, …) — 502 condition pairs in
 * the corpus open and close at different block depths — so openers and
 * closers are kept as paired markers (`DirectiveNode` / `CloseNode`). Which
 * opener matches which closer is decided per build target, after conditions
 * are evaluated (see `src/lower/`), not here.
 *
 * Lossless: the root's children cover the source without gaps or overlaps,
 * so `source.slice(child.position.start.offset, child.position.end.offset)`
 * over all children reproduces the file byte for byte.
 */
import type {Position} from 'unist'

/** The 17 directive names of the dialect (spec §2); any other `{word}` is text. */
export const directiveNames = [
  'caption',
  'const',
  'counter',
  'cut',
  'formula',
  'heading',
  'ifdef',
  'ifndef',
  'include',
  'includetag',
  'linkto',
  'note',
  'params',
  'tab',
  'tabs',
  'var',
  'video',
] as const

export type DirectiveName = (typeof directiveNames)[number]

/**
 * Where a token sits, lexically:
 * - `text`: ordinary Markdown text;
 * - `fenced-code`: inside a ``` fence (only text-level directives act here:
 *   `includetag`, `ifdef`/`ifndef`, `var`, `include`);
 * - `inline-code`: inside a backtick code span (same rule);
 * - `comment`: inside an HTML comment (nothing acts; the comment is dropped).
 */
export type TokenContext = 'text' | 'fenced-code' | 'inline-code' | 'comment'

/** A run of source text between directives (Markdown, or literal `{…}`). */
export interface TextNode {
  type: 'text'
  value: string
  position: Position
}

/** The inside of `(…)` or of an attribute value: text and nested directives. */
export interface Segment {
  /** The raw source text of the segment, as written. */
  raw: string
  children: InlineContent[]
  position: Position
}

/** One `key=value` of `[…]`. `key` is `null` for a value written without a key (`[пополнить баланс]`). */
export interface Attribute {
  key: string | null
  value: Segment
  position: Position
}

/** Shared shape of every directive opener (or self-contained directive). */
export interface DirectiveBase {
  type: 'directive'
  name: DirectiveName
  /** `{note:TYPE}` → `TYPE`; otherwise `null`. */
  variant: string | null
  /** `(…)`, or `null` when absent. */
  args: Segment | null
  /** `[…]`, or `null` when absent. */
  attributes: Attribute[] | null
  context: TokenContext
  /** Set when the directive is recognised but malformed (a diagnostic was reported). */
  malformed?: true
  position: Position
}

export interface CaptionDirective extends DirectiveBase {
  name: 'caption'
  title: InlineContent[]
  align: string | null
  placement: string | null
  id: string | null
  /** The `number=` value (usually `{const(x)}`). */
  number: InlineContent[] | null
}
export interface ConstDirective extends DirectiveBase {
  name: 'const'
  id: string
}
export interface CounterDirective extends DirectiveBase {
  name: 'counter'
  counter: string
  id: string | null
}
export interface CutDirective extends DirectiveBase {
  name: 'cut'
  title: InlineContent[]
}
export interface FormulaDirective extends DirectiveBase {
  name: 'formula'
  /** The verbatim body up to `{/formula}` (never scanned for directives); `null` when unclosed. */
  body: string | null
}
export interface HeadingDirective extends DirectiveBase {
  name: 'heading'
  title: InlineContent[]
  id: string | null
}
export interface IfdefDirective extends DirectiveBase {
  name: 'ifdef' | 'ifndef'
  /** Build targets, trimmed. */
  targets: string[]
}
export interface IncludeDirective extends DirectiveBase {
  name: 'include'
  path: string
  /** `tags=a,b` → `['a','b']`; `null` without `tags`. */
  tags: string[] | null
  /** `level=+N` → N; `null` without `level`. */
  level: number | null
}
export interface IncludetagDirective extends DirectiveBase {
  name: 'includetag'
  names: string[]
}
export interface LinktoDirective extends DirectiveBase {
  name: 'linkto'
  /** The target with whitespace and newlines removed (`../page#anchor`). */
  target: string
  /** The `text=` value; `null` when missing (a defect). */
  text: InlineContent[] | null
}
export interface NoteDirective extends DirectiveBase {
  name: 'note'
  noteType: string
}
export interface ParamsDirective extends DirectiveBase {
  name: 'params'
  params: Record<string, string>
}
export interface TabDirective extends DirectiveBase {
  name: 'tab'
  title: InlineContent[]
}
export interface TabsDirective extends DirectiveBase {
  name: 'tabs'
}
export interface VarDirective extends DirectiveBase {
  name: 'var'
  variable: string
}
export interface VideoDirective extends DirectiveBase {
  name: 'video'
  url: string
  videoType: string | null
}

export type DirectiveNode =
  | CaptionDirective
  | ConstDirective
  | CounterDirective
  | CutDirective
  | FormulaDirective
  | HeadingDirective
  | IfdefDirective
  | IncludeDirective
  | IncludetagDirective
  | LinktoDirective
  | NoteDirective
  | ParamsDirective
  | TabDirective
  | TabsDirective
  | VarDirective
  | VideoDirective

/** A closing tag `{/name}`. */
export interface CloseNode {
  type: 'close'
  name: DirectiveName
  context: TokenContext
  /** Set for a closer written with arguments or attributes (`{/ifdef(public)}`); a diagnostic was reported. */
  malformed?: true
  position: Position
}

export type InlineContent = TextNode | DirectiveNode | CloseNode

export interface Root {
  type: 'root'
  children: InlineContent[]
  position: Position
}

export type Node = Root | InlineContent
