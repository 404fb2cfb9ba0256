/**
 * mdast (with the dialect nodes of `nodes.ts`) → hast.
 *
 * `mdast-util-to-hast` does the CommonMark/GFM part; each dialect node has
 * one small handler below, and a few mdast handlers are wrapped to add what
 * the dialect means (`heading` ids, `{params}` on images, inline icons) and
 * to drop unsafe URLs. Safety: see `sanitize.ts`.
 */
import type {Element, ElementContent, Properties, Root as HastRoot, Text} from 'hast'
import type {
  Heading,
  Html,
  Image,
  ImageReference,
  Link,
  LinkReference,
  Nodes as MdastNodes,
  Paragraph,
  Parents as MdastParents,
  Root as MdastRoot,
} from 'mdast'
import {defaultHandlers, toHast, type Handler, type Handlers, type Raw, type State} from 'mdast-util-to-hast'
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
  NoteType,
  Swagger,
  Tab,
  Tabs,
  Video,
} from '../lower/nodes.js'
import {classifyHtml, isSafeUrl, safeUrl, sanitizeRawHtml} from './sanitize.js'

/** Options of `mdastToHast`. */
export interface HastOptions {
  /** Prefix of every class (and generated id) vkdoc emits (default: `'vk-'`). */
  classPrefix?: string
  /**
   * Parse and sanitise raw HTML (default: `true`). With `false`, raw HTML
   * other than comments and `<br>` stays as `raw` nodes and passes through
   * `hastToHtml`; URLs vkdoc itself emits are still checked.
   */
  sanitize?: boolean
  /**
   * Hosts whose `https` videos are embedded in an `<iframe>` (default:
   * `['vkvideo.ru', 'vk.com', 'rutube.ru', 'www.youtube.com', 'youtube.com']`).
   * Other videos become a `<video>` player (`.mp4`) or a link.
   */
  videoHosts?: ReadonlyArray<string>
}

/** The hosts `{video}` may embed unless `videoHosts` says otherwise. */
export const defaultVideoHosts: ReadonlyArray<string> = ['vkvideo.ru', 'vk.com', 'rutube.ru', 'www.youtube.com', 'youtube.com']

/** What handlers share during one `mdastToHast` call. */
interface RenderContext {
  readonly prefix: string
  readonly videoHosts: ReadonlySet<string>
  /** Tab groups rendered so far: the source of stable, unique tab ids. */
  tabGroups: number
  /** Whether some raw HTML other than comments and `<br>` was met. */
  hasMarkup: boolean
  /** Embeds we made that the sanitiser schema would drop (see `sanitize.ts`). */
  readonly trusted: Element[]
}

type HandlerResult = ElementContent | ElementContent[] | undefined
type DialectHandler<NodeType> = (
  context: RenderContext,
  state: State,
  node: NodeType,
  parent: MdastParents | undefined,
) => HandlerResult

/** Accessible names of the note kinds (the GitHub alert words the Markdown emitter uses too). */
const noteLabels: Readonly<Record<NoteType, string>> = {info: 'Note', warn: 'Warning', err: 'Caution'}
const alignments: ReadonlySet<string> = new Set(['left', 'center', 'right'])
/** Parents in which a placeholder must be phrasing (`<span>`), not a `<div>`. */
const phrasingParents: ReadonlySet<string> = new Set([
  'delete',
  'directiveLabel',
  'emphasis',
  'heading',
  'link',
  'linkReference',
  'linkto',
  'paragraph',
  'strong',
  'tableCell',
])
const percentage = /^\d{1,3}%$/

function element(tagName: string, properties: Properties, children: ElementContent[]): Element {
  return {type: 'element', tagName, properties, children}
}

function text(value: string): Text {
  return {type: 'text', value}
}

/** The title (`directiveLabel`, first child) and the body of a cut, tab or caption. */
function splitLabel(node: Cut | Tab | Caption): {label: DirectiveLabel | undefined; body: FlowContent[]} {
  const [first, ...rest] = node.children
  if (first?.type === 'directiveLabel') return {label: first, body: rest as FlowContent[]}
  return {label: undefined, body: node.children.filter((child): child is FlowContent => child.type !== 'directiveLabel')}
}

/** Render flow children of `parent` (not wrapped in newlines yet). */
function flow(state: State, parent: MdastParents, children: ReadonlyArray<MdastNodes>): ElementContent[] {
  const results: ElementContent[] = []
  for (const child of children) {
    const result = state.one(child, parent)
    if (Array.isArray(result)) results.push(...result)
    else if (result) results.push(result)
  }
  return results
}

/** A block element whose children are laid out one per line. */
function block(state: State, tagName: string, properties: Properties, children: ElementContent[]): Element {
  return element(tagName, properties, state.wrap(children, true))
}

/**
 * A tab group: a tablist of links to the panels, then every panel, all
 * visible. `assets/tabs.js` hides inactive panels once it runs, so a page
 * without JavaScript reads every tab (the tab links jump to their panel).
 */
function tabGroup(context: RenderContext, state: State, source: Tabs | Tab, children: ReadonlyArray<Tab | FlowContent>): HandlerResult {
  const base = `${context.prefix}tabs-${++context.tabGroups}`
  const before: ElementContent[] = []
  const tabs: Element[] = []
  const panels: Array<{id: string; tabId: string; children: ElementContent[]}> = []
  for (const child of children) {
    if (child.type !== 'tab') {
      // Content outside every tab (reported by the lowering): kept in place.
      const rendered = flow(state, source, [child])
      const panel = panels.at(-1)
      if (panel) panel.children.push(...rendered)
      else before.push(...rendered)
      continue
    }
    const number = tabs.length + 1
    const tabId = `${base}-tab-${number}`
    const panelId = `${base}-panel-${number}`
    const {label, body} = splitLabel(child)
    const title = label ? state.all(label) : []
    const tab = element(
      'a',
      {
        href: '#' + panelId,
        id: tabId,
        className: [context.prefix + 'tab'],
        role: 'tab',
        ariaControls: [panelId],
        ariaSelected: number === 1 ? 'true' : 'false',
      },
      title.length > 0 ? title : [text(String(number))],
    )
    state.patch(child, tab)
    tabs.push(tab)
    panels.push({id: panelId, tabId, children: flow(state, child, body)})
  }
  if (tabs.length === 0) return before
  const tablist = block(state, 'div', {className: [context.prefix + 'tablist'], role: 'tablist'}, tabs)
  const panelElements = panels.map((panel) =>
    block(
      state,
      'div',
      {id: panel.id, className: [context.prefix + 'tabpanel'], role: 'tabpanel', ariaLabelledBy: [panel.tabId], tabIndex: 0},
      panel.children,
    ),
  )
  const group = block(state, 'div', {className: [context.prefix + 'tabs'], dataVkTabs: ''}, [tablist, ...panelElements])
  state.patch(source, group)
  return [...before, group]
}

/** Apply `title="inline"`, `{params}` and URL safety to an image element. */
function decorateImage(context: RenderContext, image: Element, params: Readonly<Record<string, string>> | undefined): void {
  const properties = image.properties
  if (typeof properties['src'] === 'string' && !isSafeUrl(properties['src'], 'src')) delete properties['src']
  const classes: string[] = []
  if (properties['title'] === 'inline') {
    delete properties['title']
    classes.push(context.prefix + 'inline-icon')
  }
  if (params) {
    const style: string[] = []
    for (const key of ['width', 'height']) {
      const value = params[key]?.trim()
      if (value !== undefined && percentage.test(value)) style.push(`${key}:${value}`)
    }
    if (style.length > 0) properties['style'] = style.join(';')
    if (params['noBorder']?.trim() === 'true') classes.push(context.prefix + 'no-border')
  }
  if (classes.length > 0) properties['className'] = classes
}

/** The `https` URL of an allow-listed host, ready to embed, or `undefined`. */
function embeddableUrl(url: string, hosts: ReadonlySet<string>): string | undefined {
  if (!/^https:\/\//i.test(url)) return undefined
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return undefined
    return hosts.has(parsed.hostname.toLowerCase()) ? parsed.href : undefined
  } catch {
    return undefined
  }
}

function isMp4(url: string): boolean {
  return /\.mp4$/i.test(url.replace(/[?#].*$/s, ''))
}

// Handlers, by node type (sorted). Dialect nodes first need nothing but
// their fields; the wrapped mdast handlers keep the default output.

function asciidocCell(context: RenderContext, state: State, node: AsciidocCell, parent: MdastParents | undefined): Element {
  const header = node.style === 'h' || (parent?.type === 'asciidocRow' && parent.header)
  const properties: Properties = {}
  if (node.colspan > 1) properties['colSpan'] = node.colspan
  if (node.rowspan > 1) properties['rowSpan'] = node.rowspan
  if (node.align && alignments.has(node.align)) properties['className'] = [context.prefix + 'align-' + node.align]
  const [only] = node.children
  // A plain cell is one paragraph of phrasing: render it inline, as GFM tables do.
  const children =
    node.style !== 'a' && node.children.length === 1 && only?.type === 'paragraph'
      ? state.all(only)
      : state.wrap(flow(state, node, node.children), true)
  const cell = element(header ? 'th' : 'td', properties, children)
  state.patch(node, cell)
  return cell
}

function asciidocRow(_context: RenderContext, state: State, node: AsciidocRow): Element {
  const row = block(state, 'tr', {}, flow(state, node, node.children))
  state.patch(node, row)
  return row
}

function asciidocTable(context: RenderContext, state: State, node: AsciidocTable): Element {
  const head: ElementContent[] = []
  const body: ElementContent[] = []
  for (const row of node.children) {
    // Header rows lead the table; one further down stays in the body (its cells are `<th>`).
    const target = row.header && body.length === 0 ? head : body
    target.push(...flow(state, node, [row]))
  }
  const sections: Element[] = []
  if (head.length > 0) sections.push(block(state, 'thead', {}, head))
  if (body.length > 0) sections.push(block(state, 'tbody', {}, body))
  const table = block(state, 'table', {className: [context.prefix + 'adoc-table']}, sections)
  state.patch(node, table)
  return table
}

function caption(context: RenderContext, state: State, node: Caption): Element {
  const {label, body} = splitLabel(node)
  const properties: Properties = {}
  if (node.id) properties['id'] = node.id
  const classes = [context.prefix + 'caption']
  if (node.align && alignments.has(node.align)) classes.push(context.prefix + 'align-' + node.align)
  properties['className'] = classes
  const content = flow(state, node, body)
  const title = label ? [element('figcaption', {}, state.all(label))] : []
  const after = node.placement === 'under' || node.placement === 'below'
  const figure = block(state, 'figure', properties, after ? [...content, ...title] : [...title, ...content])
  state.patch(node, figure)
  return figure
}

function constant(_context: RenderContext, _state: State, node: Constant): Text {
  return text(node.value)
}

function counter(_context: RenderContext, _state: State, node: Counter): Text {
  return text(node.value)
}

function cut(context: RenderContext, state: State, node: Cut): Element {
  const {label, body} = splitLabel(node)
  const summary = label ? [element('summary', {}, state.all(label))] : []
  const details = block(state, 'details', {className: [context.prefix + 'cut']}, [...summary, ...flow(state, node, body)])
  state.patch(node, details)
  return details
}

/** A title met outside its cut/tab/caption: its phrasing, unwrapped. */
function directiveLabel(_context: RenderContext, state: State, node: DirectiveLabel): ElementContent[] {
  return state.all(node)
}

function formula(context: RenderContext, state: State, node: Formula): Element {
  const result = element('div', {className: [context.prefix + 'formula']}, [element('code', {}, [text(node.value)])])
  state.patch(node, result)
  return result
}

function heading(_context: RenderContext, state: State, node: Heading): HandlerResult {
  const result = defaultHandlers.heading(state, node)
  if (node.data?.id) result.properties['id'] = node.data.id
  return result
}

function html(context: RenderContext, state: State, node: Html): HandlerResult {
  const kind = classifyHtml(node.value)
  if (kind === 'comment') return undefined
  if (kind === 'break') {
    const result = element('br', {}, [])
    state.patch(node, result)
    return result
  }
  context.hasMarkup = true
  const result: Raw = {type: 'raw', value: node.value}
  state.patch(node, result)
  return result
}

/** `![{swagger}](PATH)` left as an image (the lowering turns it into `swagger`; plain parses do not). */
function isSwaggerImage(node: MdastNodes | undefined): node is Image & {alt: '{swagger}'} {
  return node?.type === 'image' && node.alt === '{swagger}'
}

function image(context: RenderContext, state: State, node: Image): HandlerResult {
  if (isSwaggerImage(node)) {
    const href = safeUrl(node.url)
    return element(href ? 'a' : 'span', href ? {href, className: [context.prefix + 'swagger']} : {className: [context.prefix + 'swagger']}, [text(node.url)])
  }
  const result = defaultHandlers.image(state, node)
  if (!isSafeUrl(node.url, 'src')) delete result.properties['src']
  decorateImage(context, result, node.data?.params)
  return result
}

function imageReference(context: RenderContext, state: State, node: ImageReference): HandlerResult {
  const result = defaultHandlers.imageReference(state, node)
  if (!Array.isArray(result) && result.type === 'element') decorateImage(context, result, undefined)
  return result
}

function includePlaceholder(context: RenderContext, state: State, node: IncludePlaceholder, parent: MdastParents | undefined): Element {
  const inline = parent !== undefined && phrasingParents.has(parent.type)
  const result = element(
    inline ? 'span' : 'div',
    {className: [context.prefix + 'include-unresolved'], dataInclude: node.path},
    [text('Fragment not included: ' + node.path)],
  )
  state.patch(node, result)
  return result
}

function link(_context: RenderContext, state: State, node: Link): HandlerResult {
  const result = defaultHandlers.link(state, node)
  if (!isSafeUrl(node.url)) delete result.properties['href']
  return result
}

function linkReference(_context: RenderContext, state: State, node: LinkReference): HandlerResult {
  const result = defaultHandlers.linkReference(state, node)
  if (!Array.isArray(result) && result.type === 'element') {
    const href = result.properties['href']
    if (typeof href === 'string' && !isSafeUrl(href)) delete result.properties['href']
  }
  return result
}

function linkto(context: RenderContext, state: State, node: Linkto): Element {
  const href = safeUrl(node.url)
  const children = state.all(node)
  const content = children.length > 0 ? children : [text(node.target)]
  // Without a usable URL (unresolved or unsafe) the text stays, as a span.
  const result = href
    ? element('a', {href, className: [context.prefix + 'linkto']}, content)
    : element('span', {className: [context.prefix + 'linkto']}, content)
  state.patch(node, result)
  return result
}

function note(context: RenderContext, state: State, node: Note): Element {
  const kind: NoteType = Object.hasOwn(noteLabels, node.noteType) ? node.noteType : 'info'
  const result = block(
    state,
    'div',
    {className: [context.prefix + 'note', context.prefix + 'note-' + kind], role: 'note', ariaLabel: noteLabels[kind]},
    flow(state, node, node.children),
  )
  state.patch(node, result)
  return result
}

function paragraph(context: RenderContext, state: State, node: Paragraph): HandlerResult {
  // A paragraph holding only an unresolved include (or a swagger image) is that block.
  const [only] = node.children
  if (node.children.length === 1 && only?.type === 'includePlaceholder') return includePlaceholder(context, state, only, undefined)
  if (node.children.length === 1 && isSwaggerImage(only)) return swagger(context, state, {type: 'swagger', url: only.url, value: only.url, position: only.position})
  return defaultHandlers.paragraph(state, node)
}

function swagger(context: RenderContext, state: State, node: Swagger): Element {
  const href = safeUrl(node.url)
  const properties: Properties = {className: [context.prefix + 'swagger']}
  if (href) properties['dataSpec'] = href
  const result = element('div', properties, [href ? element('a', {href}, [text(node.url)]) : text(node.url)])
  state.patch(node, result)
  return result
}

/** A `{tab}` outside `{tabs}` (reported by the lowering): a group of one. */
function tab(context: RenderContext, state: State, node: Tab): HandlerResult {
  return tabGroup(context, state, node, [node])
}

function tabs(context: RenderContext, state: State, node: Tabs): HandlerResult {
  return tabGroup(context, state, node, node.children)
}

function video(context: RenderContext, state: State, node: Video): Element {
  const url = (node.url || node.value).trim()
  const embed = embeddableUrl(url, context.videoHosts)
  let media: ElementContent
  if (embed) {
    media = element(
      'iframe',
      {
        src: embed,
        title: 'Video',
        sandbox: ['allow-scripts', 'allow-same-origin', 'allow-presentation', 'allow-popups'],
        allow: 'encrypted-media; fullscreen; picture-in-picture',
        allowFullScreen: true,
        loading: 'lazy',
        referrerPolicy: 'strict-origin-when-cross-origin',
      },
      [],
    )
    context.trusted.push(media)
  } else if (isMp4(url) && isSafeUrl(url, 'src')) {
    media = element('video', {src: url, controls: true, preload: 'metadata'}, [element('a', {href: url}, [text(url)])])
    context.trusted.push(media)
  } else if (isSafeUrl(url)) {
    media = element('a', {href: url}, [text(url)])
  } else {
    media = text(url)
  }
  const result = element('div', {className: [context.prefix + 'video']}, [media])
  state.patch(node, result)
  return result
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
  imageReference,
  includePlaceholder,
  link,
  linkReference,
  linkto,
  note,
  paragraph,
  swagger,
  tab,
  tabs,
  video,
} satisfies Record<string, DialectHandler<never>>

/** Bind the handlers to one render's context, in the shape `mdast-util-to-hast` takes. */
function bindHandlers(context: RenderContext): Handlers {
  const bound: Record<string, Handler> = {}
  for (const [type, handler] of Object.entries(handlers) as Array<[string, DialectHandler<unknown>]>) {
    bound[type] = (state, node, parent) => handler(context, state, node, parent)
  }
  return bound
}

/**
 * Turn an mdast tree (CommonMark/GFM plus the dialect nodes of `nodes.ts`)
 * into hast: `cut` → `<details>`, `note` → `<div role="note">`, `tabs` →
 * tablist and panels (all readable without JavaScript), `caption` →
 * `<figure>`, `asciidocTable` → `<table>`, and so on.
 *
 * Author text never becomes markup, unsafe URLs are dropped, and raw HTML is
 * parsed and sanitised unless `sanitize: false` (see `sanitize.ts`).
 * Tab ids count from 1 on every call, so output is stable across runs.
 *
 * @throws {TypeError} on a malformed `classPrefix` or `videoHosts` (programmer errors).
 */
export function mdastToHast(tree: MdastRoot, options?: Readonly<HastOptions> | null): HastRoot {
  const prefix = options?.classPrefix ?? 'vk-'
  if (!/^(?:[a-z][\w-]*)?$/i.test(prefix)) {
    throw new TypeError(`classPrefix must be empty or start with a letter and hold letters, digits, '-' or '_': ${JSON.stringify(prefix)}`)
  }
  const hosts = options?.videoHosts ?? defaultVideoHosts
  if (!Array.isArray(hosts) || !hosts.every((host) => typeof host === 'string')) {
    throw new TypeError('videoHosts must be an array of host names')
  }
  const context: RenderContext = {
    prefix,
    videoHosts: new Set(hosts.map((host) => host.toLowerCase())),
    tabGroups: 0,
    hasMarkup: false,
    trusted: [],
  }
  const result = toHast(tree, {handlers: bindHandlers(context)}) as HastRoot
  if (context.hasMarkup && options?.sanitize !== false) {
    return sanitizeRawHtml(result, {classPrefix: prefix, trusted: context.trusted})
  }
  return result
}
