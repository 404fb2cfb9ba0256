/**
 * The mdast node types vkdoc adds for the dialect, declared by module
 * augmentation so `unist-util-visit` and friends type-check them.
 *
 * Block directives become parents (`cut`, `note`, `tabs`, `tab`, `caption`);
 * a title is the first child, a `directiveLabel` holding phrasing content,
 * so tree walkers see what is in titles too. Inline directives become
 * phrasing nodes (`linkto`, `counter`, `constant`, `includePlaceholder`).
 * `{heading}` lowers to a plain mdast `heading` with `data.id`;
 * `{params}` lowers into the preceding image's `data.params`.
 */
import type {BlockContent, Data, DefinitionContent, Parent, PhrasingContent, Literal} from 'mdast'

export type FlowContent = BlockContent | DefinitionContent

/** The title of a cut, tab or caption (first child of its parent). */
export interface DirectiveLabel extends Parent {
  type: 'directiveLabel'
  children: PhrasingContent[]
}

export interface Cut extends Parent {
  type: 'cut'
  children: Array<DirectiveLabel | FlowContent>
}

export type NoteType = 'info' | 'warn' | 'err'

export interface Note extends Parent {
  type: 'note'
  /** `info`, `warn` or `err`; an unknown type is reported and rendered as `info`. */
  noteType: NoteType
  children: FlowContent[]
}

export interface Tabs extends Parent {
  type: 'tabs'
  children: Array<Tab | FlowContent>
}

export interface Tab extends Parent {
  type: 'tab'
  children: Array<DirectiveLabel | FlowContent>
}

export interface Caption extends Parent {
  type: 'caption'
  /** `id=` (an anchor target for `{linkto(#id)}`). */
  id: string | null
  /** The resolved number (from `number={const(x)}`), as printed. */
  number: string | null
  align: string | null
  /** `position=above|under`. */
  placement: string | null
  children: Array<DirectiveLabel | FlowContent>
}

export interface Formula extends Literal {
  type: 'formula'
}

/** `{video(URL)[type=…]}`. */
export interface Video extends Literal {
  type: 'video'
  /** The URL as written (`value` holds it too). */
  url: string
  videoType: string | null
}

/** `![{swagger}](PATH)`: an OpenAPI reference rendered from the spec file. */
export interface Swagger extends Literal {
  type: 'swagger'
  url: string
}

/** `{linkto(TARGET)[text=…]}`. */
export interface Linkto extends Parent {
  type: 'linkto'
  /** The target as written (whitespace removed): `../page#anchor`, `#anchor`, `/ru/…`. */
  target: string
  /** The href to render, resolved by the emitter options or the docs tree. */
  url: string
  children: PhrasingContent[]
}

/** `{counter(NAME)[id=CID]}`: prints the counter's next value. */
export interface Counter extends Literal {
  type: 'counter'
  name: string
  id: string | null
}

/** `{const(CID)}`: prints the value a counter stored under CID. */
export interface Constant extends Literal {
  type: 'constant'
  id: string
}

/** An `{include}` rendered without a docs tree: a marked placeholder, never raw syntax. */
export interface IncludePlaceholder extends Literal {
  type: 'includePlaceholder'
  path: string
}

/** AsciiDoc `[cols=…]` + `|===` table. */
export interface AsciidocTable extends Parent {
  type: 'asciidocTable'
  /** Column specs from `cols=` (`2,1,1` or `1a,2`), as written. */
  cols: string[]
  children: AsciidocRow[]
}

export interface AsciidocRow extends Parent {
  type: 'asciidocRow'
  header: boolean
  children: AsciidocCell[]
}

export interface AsciidocCell extends Parent {
  type: 'asciidocCell'
  colspan: number
  rowspan: number
  align: 'left' | 'center' | 'right' | null
  /** `a` cells hold Markdown blocks; the others hold phrasing content wrapped in paragraphs. */
  style: string | null
  children: FlowContent[]
}

declare module 'mdast' {
  interface RootContentMap {
    asciidocCell: AsciidocCell
    asciidocRow: AsciidocRow
    asciidocTable: AsciidocTable
    caption: Caption
    constant: Constant
    counter: Counter
    cut: Cut
    directiveLabel: DirectiveLabel
    formula: Formula
    includePlaceholder: IncludePlaceholder
    linkto: Linkto
    note: Note
    swagger: Swagger
    tab: Tab
    tabs: Tabs
    video: Video
  }
  interface BlockContentMap {
    asciidocTable: AsciidocTable
    caption: Caption
    cut: Cut
    formula: Formula
    note: Note
    swagger: Swagger
    tabs: Tabs
    video: Video
  }
  interface PhrasingContentMap {
    constant: Constant
    counter: Counter
    includePlaceholder: IncludePlaceholder
    linkto: Linkto
  }
  interface HeadingData extends Data {
    /** From `{heading(…)[id=x]}`. */
    id?: string
  }
  interface ImageData extends Data {
    /** From `{params[width=90%; noBorder=true]}` glued to the image. */
    params?: Record<string, string>
  }
}
