/**
 * The state one lowering shares between its steps (placement, flow and
 * phrasing rebuilding), the options it takes and the result it gives.
 */
import type {Heading, PhrasingContent, Root} from 'mdast'
import type {CloseNode, DirectiveNode} from '../ast.js'
import type {Construct, LowerKit, Region, ResolvedLink} from '../constructs/types.js'
import type {VkdocMessage} from '../diagnostics/report.js'
import type {ExpandOptions, Expanded} from '../expand/expand.js'
import type {PageAnchors} from './anchors.js'
import type {SectionCache} from './markdown.js'
import type {PlaceholderGuard} from './placeholders.js'

export interface MdastOptions extends ExpandOptions {
  /**
   * The page's path inside its docs tree (`ru/start/partners/faq/faq.md`): makes
   * relative link targets site-absolute. Without it hrefs stay relative (they
   * resolve in a browser for a page served at its folder URL).
   */
  path?: string
  /** The page's language (the words vkdoc adds are in it); default: the first folder of `path` when it is a language vkdoc knows. */
  lang?: string
  /** Resolves a `{linkto}` target that is not on this page (a docs tree supplies it). */
  resolveLink?: (target: string, context: {file: string}) => ResolvedLink | undefined
  /** Source texts of files other than the page (fragments), to compute their line/column. */
  sources?: ReadonlyMap<string, string>
  /** An expansion already made for this target (the linter shares one parse among targets). */
  expanded?: Expanded
  /** Parsed Markdown sections to reuse across renders of one page for several targets (see `SectionCache`). */
  sections?: SectionCache
}

/**
 * How block openers found their closers in the rendered tree: among siblings
 * of one parent, lifted (the closer sat in the opener's last child, e.g. a
 * closer indented into the last list item), or closed by the end of their
 * container (no closer there). Closers left without an opener are dropped.
 */
export interface PairingStats {
  siblings: number
  lifted: number
  autoClosed: number
  dropped: number
  /** Expanded-text offsets of the openers closed by the end of their container. */
  autoClosedAt: number[]
}

/** What the page-level rules need from a lowering (offsets in the expanded text). */
export interface LoweringFacts {
  /** Directive tokens of the expanded text, top level, in document order. */
  tokens: ReadonlyArray<DirectiveNode | CloseNode>
  /** `[start, end)` of every code node CommonMark made (fenced or indented). */
  codeBlocks: Array<readonly [number, number]>
}

export interface MdastResult {
  tree: Root
  /** The page's own syntax problems first (`parseMessageCount` of them), then those of expansion and lowering. */
  messages: VkdocMessage[]
  parseMessageCount: number
  expanded: Expanded
  /** Heading and caption anchors of the rendered page: id → text / number. */
  anchors: PageAnchors
  pairing: PairingStats
  facts: LoweringFacts
}

declare module 'mdast' {
  interface RootData {
    /** The page's language, for the words the emitters add. */
    lang?: string
  }
}

/** A directive piece that a placeholder stands for. */
export interface Mark {
  kind: 'open' | 'close' | 'leaf'
  /** The construct's name (openers and closers pair by it). */
  name: string
  construct: Construct
  /** True when this is a block line placeholder (heading or HTML block at this offset). */
  block: boolean
  node: DirectiveNode | CloseNode
  start: number
  end: number
}

/** A block opener/closer found in flow, or split out of a paragraph. */
export interface BlockToken {
  type: 'blockToken'
  mark: Mark
  label: PhrasingContent[] | null
  position: NonNullable<Heading['position']>
}

/** Everything one lowering shares. */
export interface Context {
  readonly kit: LowerKit
  readonly text: string
  readonly options: MdastOptions
  pairing: PairingStats
  facts: LoweringFacts
  /** Regions (formulas, AsciiDoc tables), by start offset, sorted. */
  regions: Region[]
  /** Block placeholders by start offset. */
  blockMarks: Map<number, Mark>
  /** Inline marks of the ranges being lowered, sorted by start offset. */
  inlineMarks: Mark[]
  /** Author text holding placeholder characters (null for nearly every page). */
  guard: PlaceholderGuard | null
}

/** Per-range state of the rebuild (one Markdown parse). */
export interface RebuildState {
  context: Context
  /** Regions whose placeholders are in this range, by start offset. */
  regionStarts: Map<number, Region>
  placeholderText: string
  base: number
  /** Inline marks of this range, sorted by offset. */
  marks: Mark[]
}
