/**
 * mdast (with the dialect nodes of `nodes.ts`) → plain CommonMark/GFM.
 *
 * What any Markdown renderer shows: no dialect syntax remains. Cuts become
 * `<details>` (or headings), notes GitHub alerts, tabs one heading per tab,
 * AsciiDoc tables GFM tables when they fit and HTML tables otherwise.
 */
import type {Html, Nodes, Parent, Root, Text} from 'mdast'
import {gfmToMarkdown} from 'mdast-util-gfm'
import {defaultHandlers, toMarkdown, type Handle} from 'mdast-util-to-markdown'
import {allConstructs, directiveNameList} from '../constructs/index.js'
import {extensionsVersion} from '../constructs/extensions.js'
import {bindEmitContext, type EmitContext} from './markdown-kit.js'
import {classifyHtml} from './sanitize.js'
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

let table: {version: number; handlers: Record<string, Handle>; directiveLike: RegExp; known: ReadonlySet<string>} | undefined

/** The constructs' handlers and the core ones below, the node types some handler writes, and the pattern of directive-looking text. */
function registry(): NonNullable<typeof table> {
  const version = extensionsVersion()
  if (table && table.version === version) return table
  const handlers: Record<string, Handle> = {}
  for (const construct of allConstructs()) Object.assign(handlers, construct.markdown)
  Object.assign(handlers, {directiveLabel, html, text})
  // `{name(`, `{name:`, `{name[`, `{name}` and `{/name}` for the directive names.
  const directiveLike = new RegExp(`\\{(?=/?(?:${directiveNameList().join('|')})[(:[}])`, 'g')
  const known = new Set([...Object.keys(defaultHandlers), 'delete', 'footnoteDefinition', 'footnoteReference', 'table', 'tableCell', 'tableRow', ...Object.keys(handlers)])
  table = {version, handlers, directiveLike, known}
  return table
}

const directiveLabel: Handle = (node, _parent, state, info) => state.containerPhrasing(node, info)

/** Raw HTML: `<br>` spellings unified (comments are gone already, see `prepare`). */
const html: Handle = (node: Html) => (classifyHtml(node.value) === 'break' ? '<br>' : node.value)

/**
 * Text: directive-looking text the lowering kept as text (malformed or
 * stray directives, reported upstream) gets its `{` written as `&#123;`, so
 * the output holds no dialect syntax (the dialect has no `\{` escape a
 * dialect processor would honour) yet renders the same characters.
 */
const text: Handle = (node: Text, parent, state, info) => {
  const value = defaultHandlers.text(node, parent, state, info)
  return value.includes('{') ? value.replace(registry().directiveLike, '&#123;') : value
}

/**
 * `tree` ready to write: without raw HTML that is only comments (they may
 * hide commented-out dialect syntax, and an empty block would leave blank
 * lines), and with nodes no handler knows (an extension without a Markdown
 * handler) replaced by their content. Parents are copied only where
 * something changes; the input is not changed.
 */
function prepare<Node extends Nodes>(node: Node, known: ReadonlySet<string>): Node {
  if (!('children' in node)) return node
  let changed = false
  const children: Nodes[] = []
  for (const child of node.children as Nodes[]) {
    if (child.type === 'html' && classifyHtml(child.value) === 'comment') {
      changed = true
      continue
    }
    if (!known.has(child.type)) {
      changed = true
      if ('children' in child) children.push(...(prepare(child, known) as Parent).children as Nodes[])
      else if ('value' in child && typeof child.value === 'string') children.push({type: 'text', value: child.value})
      continue
    }
    const kept = prepare(child, known)
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
  const context: EmitContext = {cut: cutMode, tabHeadingDepth, sectionDepth: 1, tabNesting: 0, html: (part) => mdastToHtml(part)}
  const handlers: Record<string, Handle> = {}
  for (const [type, handler] of Object.entries(registry().handlers)) {
    handlers[type] = (node, parent, state, info) => {
      bindEmitContext(state, context)
      return handler(node, parent, state, info)
    }
  }
  // `-` bullets: what the authors use (29,485 of 32,436 bullet items in the corpus).
  return toMarkdown(prepare(tree as Nodes, registry().known), {bullet: '-', extensions: [gfmToMarkdown()], handlers})
}
