/**
 * What a construct of the dialect declares about itself. One module per
 * construct (`cut.ts`, `linkto.ts`, …) exports a `Construct`; the registry
 * (`registry.ts`) derives every name set from them, and the parser, the
 * lowering, the hast and Markdown emitters, the formatter and the language
 * server ask the registry instead of listing names of their own.
 *
 * Nothing here imports the pipeline: hooks receive small kits (`LowerKit`)
 * that the pipeline implements, so a construct module never depends on the
 * orchestration that calls it.
 */
import type {Handler as HastHandler} from 'mdast-util-to-hast'
import type {Handle as MarkdownHandle} from 'mdast-util-to-markdown'
import type {BlockContent, DefinitionContent, Parent, PhrasingContent, RootContent} from 'mdast'
import type {Position} from 'unist'
import type {Attribute, DirectiveNode, InlineContent, Segment} from '../ast.js'
import type {Code} from '../diagnostics/codes.js'

export type FlowContent = BlockContent | DefinitionContent

/** The title of a cut, tab or caption: the first child of its block, phrasing content. */
export interface DirectiveLabel extends Parent {
  type: 'directiveLabel'
  children: PhrasingContent[]
}

declare module 'mdast' {
  interface RootContentMap {
    directiveLabel: DirectiveLabel
  }
}

/**
 * Where a construct acts:
 * - `text`: on raw text before Markdown parsing, in code too (`include`, `ifdef`, `var`);
 * - `block`: a block of the page (`cut`, `note`, `tabs`, `caption`, `formula`, AsciiDoc tables);
 * - `inline`: inside a paragraph or heading (`linkto`, `counter`, `heading`, …).
 */
export type ConstructLevel = 'text' | 'block' | 'inline'

/**
 * What a value means: drives checks, completion in editors and printing.
 * `markdown` is text shown to the reader (parsed as inline Markdown).
 */
export type ValueKind =
  | 'markdown'
  | 'text'
  | 'page-target'
  | 'include-path'
  | 'include-tags'
  | 'variable'
  | 'build-targets'
  | 'level'
  | 'url'
  | 'counter'
  | 'counter-id'
  | 'id'
  | 'size'
  | 'boolean'

/** One attribute key of `[key=value; …]`. */
export interface AttributeSchema {
  kind: ValueKind
  /** The values an editor offers (others may still be accepted). */
  values?: readonly string[]
  /** `=` is an ordinary character of the value (free text such as linkto's `text=`). */
  freeText?: boolean
  /** One line for completion and hover. */
  summary: string
}

/** The shape of a directive: what may follow `{name`. */
export interface DirectiveSyntax {
  /** `required`: `(…)` must be present; `none`: it must not be. */
  args: 'required' | 'none'
  /** The ARGS may not be blank (an empty `{heading()}` is a defect). */
  argsNonEmpty?: boolean
  /** What the ARGS hold, for messages (`title`, `path`). */
  argsMeaning?: string
  argsKind?: ValueKind
  /** `{note:TYPE}`: a variant is required and these are its values. */
  variant?: {meaning: string; values: readonly string[]}
  /** Attribute keys understood, in the order the formatter writes them. */
  attributes: Readonly<Record<string, AttributeSchema>>
  /** Written `{name}…{/name}` around content (block constructs and `formula`). */
  closed?: boolean
  /** The block this one must sit directly inside (`{tab}` in `{tabs}`); else `<name>-outside-<parent>`. */
  parent?: string
  /** The only blocks content directly inside this one may be (`{tabs}` holds `{tab}`s); else `<name>-content-outside-<child>`. */
  onlyChildren?: string
}

/** The parts of a directive head, as the parser found them. */
export interface DirectiveParts {
  variant: string | null
  args: Segment | null
  attributes: Attribute[] | null
}

/** A problem found while building a directive: offsets in the parsed text, exclusive end. */
export interface PartProblem {
  code: Code
  reason: string
  start: number
  end: number
}

/** What a construct's parse-time check may look at. */
export interface CheckInput {
  node: DirectiveNode
  source: string
  /** `[start, end)` of the variant token, when there is one. */
  variantRange: readonly [number, number] | undefined
  /** The head already has a structural or shape problem (reported once, by the parser). */
  malformed: boolean
}

/** How a `{linkto}` target resolves (given by a docs tree, or by the default resolver). */
export interface LinkResolution {
  url: string
  /** Text of the target heading (for `%text`). */
  title?: string
  /** Number of the target caption (for `%number`). */
  number?: string
}

/** A resolution that failed in a known way: reported where the link is. */
export type ResolvedLink = LinkResolution & {problem?: {code: Code; reason: string}}

/** What lowering hooks may use: the page being lowered, its numbering and resolution, reporting. */
export interface LowerKit {
  /** The expanded text of the page for this build target. */
  readonly text: string
  readonly file: string
  readonly target: string | undefined
  /** The page's path in its docs tree, when it has one. */
  readonly path: string | undefined
  /** Whether `{include}` is resolved before lowering (a docs tree or a resolver was given). */
  readonly includesResolved: boolean
  /** The value `{counter}` prints at this node. */
  counterValue(node: DirectiveNode): string
  /** The value stored under a counter id (for `{const}`). */
  constantValue(id: string): string
  /** Plain text of a segment with counters and constants printed (a caption's `number=`). */
  plainText(nodes: readonly InlineContent[] | null): string
  /** A `{heading}` or `{caption}` id of this rendering of the page. */
  anchor(id: string): {kind: 'heading' | 'caption'; text: string} | undefined
  /** Resolve a link target through the docs tree (or the caller's resolver); `null` without one. */
  readonly resolveInTree: ((target: string) => ResolvedLink | undefined) | null
  /** Report at `[start, end)` of the expanded text. */
  report(code: Code, reason: string, start: number, end: number): void
  /** Lower several ranges of the expanded text (cells of a table) to flow content, with one Markdown parse. */
  lowerRanges(ranges: ReadonlyArray<readonly [number, number]>): FlowContent[][]
}

/** A verbatim multi-line block (formula, AsciiDoc table): hidden from the page parse, lowered on its own. */
export interface Region {
  start: number
  end: number
  /** Lower the region where its placeholder landed. */
  lower(kit: LowerKit): RootContent
}

/** A paired block: `{name…}` … `{/name}` wrapped around the content between them. */
export interface BlockLowering {
  /** The opener's ARGS are a title (rendered as a label; the opener placeholder is a heading). */
  titled: boolean
  /** `label` is the title of a titled block (spanning its opener), `null` for an untitled one. */
  build(kit: LowerKit, node: DirectiveNode, label: DirectiveLabel | null, children: FlowContent[], position: Position): RootContent
}

/** Hooks that turn a directive (after conditions and includes) into mdast. */
export interface Lowering {
  block?: BlockLowering
  /** Alone on its line (`{video(…)}`, an unresolved `{include}`): one block node. */
  leafBlock?(kit: LowerKit, node: DirectiveNode, position: Position): RootContent
  /** The part of an inline directive shown to the reader (linkto's `text=`, a heading's title). */
  visible?(node: DirectiveNode): Segment | null
  /** Build what an inline directive with a visible part becomes, around its lowered children. */
  wrap?(kit: LowerKit, node: DirectiveNode, children: PhrasingContent[], position: Position, parent: Parent): PhrasingContent[]
  /**
   * An inline directive without visible text (`{counter(x)}`); `null` renders nothing.
   * `siblings` are the phrasing nodes before it in its parent (a `blockToken` stands for a block directive written inline).
   */
  leaf?(kit: LowerKit, node: DirectiveNode, position: Position, siblings: ReadonlyArray<PhrasingContent | {readonly type: 'blockToken'}>): PhrasingContent | null
  /** Multi-line regions this construct owns in the expanded text (found before placeholders are made). */
  regions?(input: RegionInput): Region[]
}

export interface RegionInput {
  text: string
  /** Directive tokens of the expanded text, top level, in document order. */
  tokens: ReadonlyArray<InlineContent>
  /** Whether an offset lies in fenced code. */
  isCode(offset: number): boolean
  report(code: Code, reason: string, start: number, end: number): void
}

/** One construct of the dialect. */
export interface Construct {
  /** The directive name (`cut`); for a construct with no directive syntax (`swagger`), its mdast type. */
  name: string
  level: ConstructLevel
  /** One line: what it is (completion, hover, documentation). */
  summary: string
  /** The directive syntax; absent for constructs written otherwise (`![{swagger}](…)`, `|===` tables). */
  syntax?: DirectiveSyntax
  /** Typed fields of the AST node from its parts (`{linkto}` → `target`, `text`). */
  fields?(parts: DirectiveParts): Record<string, unknown>
  /** Construct-specific problems of a well-formed or malformed directive. */
  check?(input: CheckInput): PartProblem[]
  lowering?: Lowering
  /** A paragraph holding only this node renders the node as a block (an unresolved include, a swagger image). */
  blockWhenAlone?(node: PhrasingContent): boolean
  /** mdast-util-to-hast handlers, by the mdast node type they render. */
  hast?: Readonly<Record<string, HastHandler>>
  /** mdast-util-to-markdown handlers, by the mdast node type they write. */
  markdown?: Readonly<Record<string, MarkdownHandle>>
}
