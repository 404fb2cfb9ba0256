/**
 * mdast (with the dialect nodes of `nodes.ts`) → plain CommonMark/GFM.
 *
 * What any Markdown renderer shows: no dialect syntax remains. Cuts become
 * `<details>` (or headings), notes GitHub alerts, tabs one heading per tab,
 * AsciiDoc tables GFM tables when they fit and HTML tables otherwise.
 */
import type {Heading, Html, Image, Nodes, Paragraph, Parents, PhrasingContent, Root, RootContent, Table, TableRow, Text} from 'mdast'
import {gfmToMarkdown} from 'mdast-util-gfm'
import {defaultHandlers, toMarkdown, type Handle, type Info, type State} from 'mdast-util-to-markdown'
import type {
  AsciidocCell,
  AsciidocRow,
  AsciidocTable,
  Caption,
  Constant,
  Counter,
  Cut,
  DirectiveLabel,
  FlowContent,
  Formula,
  IncludePlaceholder,
  Linkto,
  Note,
  Swagger,
  Tab,
  Tabs,
  Video,
} from '../lower/nodes.js'
import {directiveNames} from '../ast.js'
import {classifyHtml, safeUrl} from './sanitize.js'
import {mdastToHtml} from './to-html.js'

/** Options of `mdastToMarkdown`. */
export interface MarkdownOptions {
  /** Render `cut` as `<details><summary>` HTML (default) or as a heading followed by its body. */
  cut?: 'details' | 'heading'
  /**
   * Depth of the headings made for top-level tabs (nested groups go one
   * deeper); default: one below the heading the group follows. Past depth 6
   * a title becomes a bold paragraph.
   */
  tabHeadingDepth?: number
}

/** What handlers share during one `mdastToMarkdown` call. */
interface EmitContext {
  readonly cut: 'details' | 'heading'
  readonly tabHeadingDepth: number | undefined
  /** Depth of the last heading written (real or made for a tab/cut): sections nest below it. */
  sectionDepth: number
  /** How many tab groups enclose the current node. */
  tabNesting: number
}

type DialectHandle<NodeType> = (context: EmitContext, node: NodeType, parent: Parents | undefined, state: State, info: Info) => string

type FlowParents = Parameters<State['containerFlow']>[0]

/** `{name(`, `{name:`, `{name[`, `{name}` and `{/name}` for the dialect's directive names. */
const directiveLike = new RegExp(`\\{(?=/?(?:${directiveNames.join('|')})[(:[}])`, 'g')

const alertMarkers: Readonly<Record<string, string>> = {info: '[!NOTE]', warn: '[!WARNING]', err: '[!CAUTION]'}

function splitLabel(node: Cut | Tab | Caption): {label: DirectiveLabel | undefined; body: FlowContent[]} {
  const [first, ...rest] = node.children
  if (first?.type === 'directiveLabel') return {label: first, body: rest as FlowContent[]}
  return {label: undefined, body: node.children.filter((child): child is FlowContent => child.type !== 'directiveLabel')}
}

/** Blocks rendered as siblings (with CommonMark's joins) under a stand-in parent of `like`'s type. */
function blocks(state: State, like: Parents, children: ReadonlyArray<RootContent>, info: Info): string {
  return state.containerFlow({...like, children} as FlowParents, info)
}

/** Escape text for an HTML attribute value or element content. */
function escapeHtml(value: string): string {
  return value.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`)
}

/**
 * HTML for Markdown output: blank lines would end the HTML block and make
 * the rest Markdown, so a line break that would leave a line empty is
 * written as a character reference (same text once decoded).
 */
function htmlBlock(tree: Root): string {
  return mdastToHtml(tree).replace(/\n\n/g, '\n&#10;').trim()
}

/**
 * A section title: a heading one below the current section (or `depth`),
 * or a bold paragraph once past depth 6.
 */
function title(children: PhrasingContent[], depth: number, parent: Parents | undefined, state: State, info: Info): string {
  if (depth <= 6) {
    const heading: Heading = {type: 'heading', depth: depth as Heading['depth'], children}
    return defaultHandlers.heading(heading, parent, state, info)
  }
  const paragraph: Paragraph = {type: 'paragraph', children: [{type: 'strong', children}]}
  return defaultHandlers.paragraph(paragraph, parent, state, info)
}

/** An AsciiDoc table as GFM, when every cell is one plain paragraph and the grid is regular. */
function asGfmTable(node: AsciidocTable): Table | undefined {
  const [first] = node.children
  if (!first) return undefined
  const width = first.children.length
  const rows: TableRow[] = []
  for (const [index, row] of node.children.entries()) {
    if (row.children.length !== width || (row.header && index > 0)) return undefined
    const cells: TableRow['children'] = []
    for (const cell of row.children) {
      const [only] = cell.children
      if (cell.colspan > 1 || cell.rowspan > 1 || cell.children.length !== 1 || only?.type !== 'paragraph') return undefined
      // A pipe cell holds one line: no hard breaks; `<br>` is how GFM tables break lines.
      if (only.children.some((child) => child.type === 'break' || (child.type === 'html' && classifyHtml(child.value) !== 'break'))) return undefined
      cells.push({type: 'tableCell', children: only.children})
    }
    rows.push({type: 'tableRow', children: cells})
  }
  // GFM needs a header row: an empty one when the table has none.
  if (!first.header) rows.unshift({type: 'tableRow', children: first.children.map(() => ({type: 'tableCell', children: []}))})
  return {type: 'table', align: first.children.map((cell) => cell.align), children: rows}
}

// Handlers, by node type (sorted).

function asciidocCell(_context: EmitContext, node: AsciidocCell, _parent: Parents | undefined, state: State, info: Info): string {
  return blocks(state, node, node.children, info)
}

function asciidocRow(_context: EmitContext, node: AsciidocRow, _parent: Parents | undefined, state: State, info: Info): string {
  return blocks(state, node, node.children.flatMap((cell) => cell.children), info)
}

function asciidocTable(_context: EmitContext, node: AsciidocTable, parent: Parents | undefined, state: State, info: Info): string {
  const table = asGfmTable(node)
  if (table) return state.handle(table, parent, state, info)
  return htmlBlock({type: 'root', children: [node]})
}

function caption(_context: EmitContext, node: Caption, _parent: Parents | undefined, state: State, info: Info): string {
  const {label, body} = splitLabel(node)
  if (!label) return blocks(state, node, body, info)
  // Keep the caption id as an anchor, so `{linkto(#id)}` links still land.
  const anchor: PhrasingContent[] = node.id ? [{type: 'html', value: `<a id="${escapeHtml(node.id)}"></a>`}] : []
  const titleParagraph: Paragraph = {type: 'paragraph', children: [...anchor, {type: 'emphasis', children: label.children}]}
  const under = node.placement === 'under' || node.placement === 'below'
  return blocks(state, node, under ? [...body, titleParagraph] : [titleParagraph, ...body], info)
}

function constant(_context: EmitContext, node: Constant, _parent: Parents | undefined, state: State, info: Info): string {
  return state.safe(node.value, info)
}

function counter(_context: EmitContext, node: Counter, _parent: Parents | undefined, state: State, info: Info): string {
  return state.safe(node.value, info)
}

function cut(context: EmitContext, node: Cut, parent: Parents | undefined, state: State, info: Info): string {
  const {label, body} = splitLabel(node)
  if (context.cut === 'heading') {
    const outer = context.sectionDepth
    const depth = outer + 1
    const head = title(label?.children ?? [], depth, parent, state, info)
    context.sectionDepth = depth
    const content = blocks(state, node, body, info)
    context.sectionDepth = outer
    return content ? head + '\n\n' + content : head
  }
  const summary = label ? htmlBlock({type: 'root', children: [{type: 'paragraph', children: label.children}]}).replace(/^<p>|<\/p>$/g, '') : ''
  const content = blocks(state, node, body, info)
  return `<details>\n<summary>${summary}</summary>\n\n${content ? content + '\n\n' : ''}</details>`
}

function directiveLabel(_context: EmitContext, node: DirectiveLabel, _parent: Parents | undefined, state: State, info: Info): string {
  return state.containerPhrasing(node, info)
}

function formula(_context: EmitContext, node: Formula, parent: Parents | undefined, state: State, info: Info): string {
  return state.handle({type: 'code', lang: 'math', value: node.value}, parent, state, info)
}

function heading(context: EmitContext, node: Heading, parent: Parents | undefined, state: State, info: Info): string {
  context.sectionDepth = node.depth
  const id = node.data?.id
  // Keep `{heading}` ids as anchors, so links to `#id` still land.
  const withAnchor: Heading = id ? {...node, children: [{type: 'html', value: `<a id="${escapeHtml(id)}"></a>`}, ...node.children]} : node
  return defaultHandlers.heading(withAnchor, parent, state, info)
}

/** Raw HTML: `<br>` spellings unified (comments are gone already, see `withoutComments`). */
function html(_context: EmitContext, node: Html): string {
  return classifyHtml(node.value) === 'break' ? '<br>' : node.value
}

/**
 * Images: `"inline"` is the dialect's icon marker, not a title; an image
 * still written `![{swagger}](PATH)` (not lowered to `swagger`) is a link.
 */
function image(_context: EmitContext, node: Image, parent: Parents | undefined, state: State, info: Info): string {
  if (node.alt === '{swagger}') {
    const href = safeUrl(node.url)
    if (!href) return state.safe(node.url, info)
    return state.handle({type: 'link', url: href, title: null, children: [{type: 'text', value: node.url}]}, parent, state, info)
  }
  return defaultHandlers.image(node.title === 'inline' ? {...node, title: null} : node, parent, state, info)
}

function includePlaceholder(_context: EmitContext, node: IncludePlaceholder): string {
  // `--` may not appear inside a comment.
  return `<!-- fragment not included: ${node.path.replace(/-(?=-)/g, '-\\')} -->`
}

function linkto(_context: EmitContext, node: Linkto, parent: Parents | undefined, state: State, info: Info): string {
  const children: PhrasingContent[] = node.children.length > 0 ? node.children : [{type: 'text', value: node.target}]
  const url = safeUrl(node.url)
  if (!url) return state.containerPhrasing({...node, children}, info)
  return state.handle({type: 'link', url, title: null, children}, parent, state, info)
}

function note(_context: EmitContext, node: Note, _parent: Parents | undefined, state: State, info: Info): string {
  const exit = state.enter('blockquote')
  const body = state.containerFlow(node, info)
  exit()
  const marker = alertMarkers[node.noteType] ?? '[!NOTE]'
  // A body opening with `---` would turn the marker line into a setext heading.
  const separator = node.children[0]?.type === 'thematicBreak' ? '\n\n' : '\n'
  return state.indentLines(body ? marker + separator + body : marker, (line, _, blank) => '>' + (blank ? '' : ' ') + line)
}

/** A plain link to `url` in its own paragraph (text only when the URL is unsafe). */
function linkParagraph(url: string, parent: Parents | undefined, state: State, info: Info): string {
  const href = safeUrl(url)
  const content: PhrasingContent = href ? {type: 'link', url: href, title: null, children: [{type: 'text', value: url}]} : {type: 'text', value: url}
  return state.handle({type: 'paragraph', children: [content]}, parent, state, info)
}

function swagger(_context: EmitContext, node: Swagger, parent: Parents | undefined, state: State, info: Info): string {
  return linkParagraph(node.url, parent, state, info)
}

/**
 * Text: directive-looking text the lowering kept as text (malformed or
 * stray directives, reported upstream) gets its `{` written as `&#123;`, so
 * the output holds no dialect syntax (the dialect has no `\{` escape a
 * dialect processor would honour) yet renders the same characters.
 */
function text(_context: EmitContext, node: Text, parent: Parents | undefined, state: State, info: Info): string {
  const value = defaultHandlers.text(node, parent, state, info)
  return value.includes('{') ? value.replace(directiveLike, '&#123;') : value
}

function tab(context: EmitContext, node: Tab, parent: Parents | undefined, state: State, info: Info): string {
  return tabGroup(context, [node], parent, state, info)
}

function tabs(context: EmitContext, node: Tabs, parent: Parents | undefined, state: State, info: Info): string {
  return tabGroup(context, node.children, parent, state, info)
}

/** One heading per tab, then its content; other content in the group stays where it is. */
function tabGroup(context: EmitContext, children: ReadonlyArray<Tab | FlowContent>, parent: Parents | undefined, state: State, info: Info): string {
  const outer = context.sectionDepth
  const depth = context.tabHeadingDepth === undefined ? outer + 1 : context.tabHeadingDepth + context.tabNesting
  context.tabNesting++
  const parts: string[] = []
  for (const child of children) {
    if (child.type !== 'tab') {
      parts.push(state.handle(child, parent, state, info))
      continue
    }
    const {label, body} = splitLabel(child)
    parts.push(title(label?.children ?? [], depth, parent, state, info))
    context.sectionDepth = depth
    const content = blocks(state, child, body, info)
    if (content) parts.push(content)
    context.sectionDepth = outer
  }
  context.tabNesting--
  return parts.filter((part) => part !== '').join('\n\n')
}

function video(_context: EmitContext, node: Video, parent: Parents | undefined, state: State, info: Info): string {
  return linkParagraph((node.url || node.value).trim(), parent, state, info)
}

const handlers = {
  asciidocCell,
  asciidocRow,
  asciidocTable,
  caption,
  constant,
  counter,
  cut,
  directiveLabel,
  formula,
  heading,
  html,
  image,
  includePlaceholder,
  linkto,
  note,
  swagger,
  tab,
  tabs,
  text,
  video,
} satisfies Record<string, DialectHandle<never>>

function bindHandlers(context: EmitContext): Record<string, Handle> {
  const bound: Record<string, Handle> = {}
  for (const [type, handler] of Object.entries(handlers) as Array<[string, DialectHandle<unknown>]>) {
    bound[type] = (node: unknown, parent: Parents | undefined, state: State, info: Info) => handler(context, node, parent, state, info)
  }
  return bound
}

/**
 * `tree` without raw HTML that is only comments (they may hide
 * commented-out dialect syntax, and an empty block would leave blank lines);
 * parents are copied only where something goes, the input is not changed.
 */
function withoutComments<Node extends Nodes>(node: Node): Node {
  if (!('children' in node)) return node
  let changed = false
  const children: Nodes[] = []
  for (const child of node.children as Nodes[]) {
    if (child.type === 'html' && classifyHtml(child.value) === 'comment') {
      changed = true
      continue
    }
    const kept = withoutComments(child)
    if (kept !== child) changed = true
    children.push(kept)
  }
  return changed ? ({...node, children} as Node) : node
}

/**
 * Write an mdast tree (CommonMark/GFM plus the dialect nodes of
 * `nodes.ts`) as plain Markdown that any CommonMark/GFM renderer shows as
 * vkdoc's HTML does: cuts as `<details>` (or headings), notes as GitHub
 * alerts (`> [!NOTE]`, `[!WARNING]`, `[!CAUTION]`), tabs as a heading per
 * tab, captions as emphasised paragraphs, formulas as `math` fences.
 *
 * @throws {TypeError} on an unknown `cut` mode or a `tabHeadingDepth` that is not an integer from 1 to 6.
 */
export function mdastToMarkdown(tree: Root, options?: Readonly<MarkdownOptions> | null): string {
  const cutMode = options?.cut ?? 'details'
  if (cutMode !== 'details' && cutMode !== 'heading') throw new TypeError(`cut must be 'details' or 'heading': ${JSON.stringify(cutMode)}`)
  const tabHeadingDepth = options?.tabHeadingDepth
  if (tabHeadingDepth !== undefined && !(Number.isInteger(tabHeadingDepth) && tabHeadingDepth >= 1 && tabHeadingDepth <= 6)) {
    throw new TypeError(`tabHeadingDepth must be an integer from 1 to 6: ${String(tabHeadingDepth)}`)
  }
  // Sections start below the page title (H1), written or taken from the page meta.
  const context: EmitContext = {cut: cutMode, tabHeadingDepth, sectionDepth: 1, tabNesting: 0}
  // `-` bullets: what the authors use (29,485 of 32,436 bullet items in the corpus).
  return toMarkdown(withoutComments(tree as Nodes), {bullet: '-', extensions: [gfmToMarkdown()], handlers: bindHandlers(context)})
}
