/**
 * Safety of the HTML output.
 *
 * Two layers:
 *
 * 1. **By construction** (always on): our handlers build elements from
 *    author text only through text nodes and attribute values, which
 *    `hast-util-to-html` escapes; every `href`/`src` we emit passes
 *    `safeUrl`, which drops `javascript:`, `data:`, `vbscript:` and any other
 *    scheme outside a short allow-list, after undoing the tricks browsers
 *    forgive (case, control characters, whitespace, character references).
 * 2. **Raw HTML** (`html` mdast nodes): comments are dropped and `<br>`
 *    variants become `<br>` while lowering to hast (see `classifyHtml`);
 *    anything else is parsed with `hast-util-raw` and cleaned with
 *    `hast-util-sanitize` by `sanitizeRawHtml`.
 *
 * Why the sanitiser runs only where there is raw HTML: raw fragments pair
 * up across sibling nodes (`<table><tbody><tr><td>` in one node, Markdown in
 * the next, `</td>…` after), so `hast-util-raw` must see, in each parent
 * that holds raw nodes, the run of siblings from the first raw node to the
 * last, our elements between them included; once re-parsed, an author
 * element there can no longer be told from ours, so the schema is extended
 * to keep exactly what our handlers make (a test checks that sanitising our
 * output changes nothing). Everything outside those regions is ours, safe by
 * construction. Measured on a synthetic 160 KB page (2,400 blocks:
 * paragraphs with links, icons and code, lists, fences, headings, wrapped in
 * cut/note/tabs), min of 15 interleaved runs, Node 20, shared 2-core machine:
 *   mdast-util-to-hast + hast-util-to-html, no dialect handlers    70 ms
 *   mdastToHast + hastToHtml                                        87 ms
 *   … + hast-util-sanitize over the whole tree                    141 ms
 *   … + hast-util-raw, then sanitize, over the whole tree          390 ms
 *   fromMarkdown + GFM of the same text                         ~4,400 ms
 * On the 4 ru pages with raw markup, emitting with whole-tree re-parsing
 * took 9–139 ms a page; with regions 1–23 ms (unsanitised: 0.5–21 ms).
 * Sanitising a tree that has no raw HTML would cost +60 % of the emit time
 * for nothing: our handlers only put author text in text nodes and escaped
 * attributes, and check every URL. So trees without raw HTML other than
 * comments and `<br>` skip both passes: by a regex scan, only 4 of the
 * 1,632 ru files have other raw markup (`<ul><li>`, a `<table>`, `<code>`).
 *
 * Trusted embeds: the schema does not allow `<iframe>` or `<video>`, so raw
 * author HTML can never produce one. The embeds our `video` handler makes
 * are swapped for placeholder spans carrying a per-render random token
 * before the raw pass and put back after it; a forged placeholder is inert.
 */
import type {Element, ElementContent, Root, RootContent} from 'hast'
import type {Raw} from 'mdast-util-to-hast'
import {raw} from 'hast-util-raw'
import {defaultSchema, sanitize, type Schema} from 'hast-util-sanitize'

type PropertyDefinition = NonNullable<Schema['attributes']>[string][number]

/** URL schemes kept in `href` (anything without a scheme is relative and kept too). */
const safeHrefSchemes: ReadonlySet<string> = new Set(['http', 'https', 'mailto', 'tel'])
/** URL schemes kept in `src`. */
const safeSrcSchemes: ReadonlySet<string> = new Set(['http', 'https'])

/** Named references that can hide a scheme's colon or split its name. */
const namedReferences: Readonly<Record<string, string>> = {
  colon: ':',
  tab: '\t',
  newline: '\n',
  nbsp: ' ',
  sol: '/',
  period: '.',
  amp: '&',
}

/**
 * Undo what a browser (or a careless consumer that decodes once more) would
 * undo before reading the scheme: character references, then every
 * whitespace and control character (the URL parser strips leading C0/space
 * and removes tabs and newlines anywhere), then case.
 */
function normalizeForScheme(url: string): string {
  let value = url
  // Decode twice: `&amp;#106;` becomes `&#106;` after one consumer decode.
  for (let round = 0; round < 2 && value.includes('&'); round++) {
    value = value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (reference: string, body: string) => {
      const lower = body.toLowerCase()
      if (lower.startsWith('#x')) return codePoint(Number.parseInt(lower.slice(2), 16), reference)
      if (lower.startsWith('#')) return codePoint(Number.parseInt(lower.slice(1), 10), reference)
      return namedReferences[lower] ?? reference
    })
  }
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]+/g, '').toLowerCase()
}

function codePoint(code: number, fallback: string): string {
  return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback
}

/**
 * Whether `url` may be used as a link target (`kind: 'href'`, default) or as
 * an embedded resource (`kind: 'src'`): relative URLs and fragments always;
 * absolute ones only with an allow-listed scheme (`http`, `https`, plus
 * `mailto`/`tel` for links).
 */
export function isSafeUrl(url: string, kind: 'href' | 'src' = 'href'): boolean {
  const normalized = normalizeForScheme(url)
  // A colon after `/`, `?` or `#` is no scheme separator (the class below
  // cannot match them), so such URLs are relative and kept.
  const scheme = /^([a-z][a-z\d+.-]*):/.exec(normalized)
  if (!scheme) return true
  return (kind === 'href' ? safeHrefSchemes : safeSrcSchemes).has(scheme[1] ?? '')
}

/** `url` when `isSafeUrl(url, kind)`, else `undefined` (the attribute is dropped). */
export function safeUrl(url: string | null | undefined, kind: 'href' | 'src' = 'href'): string | undefined {
  return typeof url === 'string' && isSafeUrl(url, kind) ? url : undefined
}

/** What a raw HTML (`html`) mdast node holds, for the cheap paths. */
export type RawHtmlKind = 'comment' | 'break' | 'markup'

const onlyComments = /^\s*(?:<!--[\s\S]*?--!?>\s*)+$/
const breakTag = /^\s*<\/?br\s*\/?>\s*$/i

/**
 * Classify a raw HTML string: only comments (dropped), a line break in any
 * of the spellings authors use (`<br>`, `<br/>`, `</br>`), or other markup.
 */
export function classifyHtml(value: string): RawHtmlKind {
  if (value.startsWith('<!--', value.search(/\S/)) && onlyComments.test(value)) return 'comment'
  if (value.length <= 12 && breakTag.test(value)) return 'break'
  return 'markup'
}

/** Names of our own attributes, roles and classes, as the schema must keep them. */
const ownRoles = ['note', 'tab', 'tablist', 'tabpanel']
const ownDataAttributes = ['dataInclude', 'dataSpec', 'dataVkTabs']
const slotAttribute = 'dataVkSlot'
/** Percentages only: `width:90%;height:50%` (what `{params}` produces). */
const imageStyle = /^(?:(?:width|height):\d{1,3}%;?)+$/
/**
 * Elements dropped with their content: code, and fallback markup that would
 * show as text if only the tag went. `textarea`, `title` and `xmp` hold text
 * a browser shows, so they are unwrapped to that text (escaped) instead.
 */
const stripWithContent = ['iframe', 'noembed', 'noframes', 'noscript', 'script', 'style', 'template']

const schemaCache = new Map<string, Schema>()

function escapeRegExp(value: string): string {
  return value.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')
}

/**
 * The sanitiser schema: the GitHub-like default, extended to keep what our
 * handlers produce (figure/figcaption, our prefixed classes, tab and note
 * roles, the aria wiring of tabs, our data attributes, percentage image
 * sizes) and restricted for links (`http`, `https`, `mailto`, `tel`).
 *
 * Ids are not prefixed ("clobbered"): `{heading}` and `{caption}` ids are
 * the anchors `{linkto(…#id)}` points at, and the corpus has no raw HTML
 * with ids, so prefixing would only break links.
 */
export function sanitizeSchema(classPrefix: string): Schema {
  const cached = schemaCache.get(classPrefix)
  if (cached) return cached
  const ownClass = new RegExp('^' + escapeRegExp(classPrefix) + '[a-z\\d-]+$')
  // Element-specific `className` rules win over `*`, so ours are added to them too.
  const defaults: Record<string, PropertyDefinition[]> = {}
  for (const [tagName, definitions] of Object.entries(defaultSchema.attributes ?? {})) {
    defaults[tagName] = definitions.map((definition) =>
      Array.isArray(definition) && definition[0] === 'className' ? [...definition, ownClass] : definition,
    )
  }
  const schema: Schema = {
    ...defaultSchema,
    clobber: [],
    tagNames: [...(defaultSchema.tagNames ?? []), 'figcaption', 'figure'],
    strip: stripWithContent,
    protocols: {
      ...defaultSchema.protocols,
      href: [...safeHrefSchemes],
      src: [...safeSrcSchemes],
    },
    attributes: {
      ...defaults,
      a: [...(defaults['a'] ?? []), 'ariaControls', 'ariaSelected', ['role', 'tab']],
      div: [...(defaults['div'] ?? []), 'ariaLabel', 'ariaLabelledBy', ['role', ...ownRoles], ...ownDataAttributes],
      img: [...(defaults['img'] ?? []), ['style', imageStyle]],
      span: [...(defaults['span'] ?? []), 'dataInclude', slotAttribute],
      '*': [...(defaults['*'] ?? []), ['className', ownClass]],
    },
  }
  schemaCache.set(classPrefix, schema)
  return schema
}

/** Options of `sanitizeRawHtml`. */
export interface SanitizeRawOptions {
  /** Class prefix our handlers used (default: `'vk-'`). */
  classPrefix?: string
  /** Elements made by our handlers that the schema would drop (embeds); kept as they are. */
  trusted?: ReadonlyArray<Element>
}

/**
 * Parse the raw HTML of `tree` (`raw` nodes) into elements and sanitise it
 * with `sanitizeSchema`, keeping the `trusted` elements intact. Only the
 * regions that hold raw nodes are re-parsed: in each parent, the run of
 * children from its first raw node to its last (see the module comment).
 * Changes `tree` in place and returns it.
 */
export function sanitizeRawHtml(tree: Root, options?: Readonly<SanitizeRawOptions> | null): Root {
  const trusted = new Set(options?.trusted ?? [])
  const context: RegionContext = {
    schema: sanitizeSchema(options?.classPrefix ?? 'vk-'),
    trusted,
    token: trusted.size > 0 ? globalThis.crypto.randomUUID() : '',
    slots: [],
  }
  cleanRegions(tree, context)
  if (context.slots.length > 0) swapIn(tree, context.token, context.slots)
  return tree
}

interface RegionContext {
  readonly schema: Schema
  readonly trusted: ReadonlySet<Element>
  /** Per-render secret of the placeholders standing for trusted elements. */
  readonly token: string
  readonly slots: Element[]
}

/** Re-parse and sanitise the raw region of `parent`, and look for others below its other children. */
function cleanRegions(parent: Root | Element, context: RegionContext): void {
  const children: Array<RootContent | ElementContent> = parent.children
  let first = -1
  let last = -1
  for (let index = 0; index < children.length; index++) {
    if (children[index]?.type !== 'raw') continue
    if (first === -1) first = index
    last = index
  }
  for (let index = 0; index < children.length; index++) {
    const child = children[index]
    // The region itself is re-parsed whole, raw nodes deeper inside it included.
    if (child?.type === 'element' && (first === -1 || index < first || index > last)) cleanRegions(child, context)
  }
  if (first === -1) return
  const region: Root = {type: 'root', children: children.slice(first, last + 1) as RootContent[]}
  if (context.trusted.size > 0) swapOut(region, context.trusted, context.token, context.slots)
  closeRawText(region)
  const clean = sanitize(raw(region) as Root, context.schema) as Root
  tidy(clean)
  children.splice(first, last - first + 1, ...(clean.children as ElementContent[]))
}

/** Elements whose content an HTML parser reads as text up to their end tag (or to the end, for `plaintext`). */
const rawTextElements = ['iframe', 'noembed', 'noframes', 'noscript', 'plaintext', 'script', 'style', 'textarea', 'title', 'xmp']
const rawTextTag = new RegExp(`<(/?)(${rawTextElements.join('|')})(?=[\\s/>])`, 'gi')

/**
 * End a raw-text element that nothing in the region closes at the end of
 * the raw node that opens it. An unclosed `<xmp>` in one HTML block would
 * otherwise make every paragraph after it its text (and a stripped element
 * takes its text along): the Markdown that follows would vanish. Inline
 * `<script>…</script>` spans several raw nodes and is closed by a later one.
 */
function closeRawText(region: Root): void {
  const raws: Raw[] = []
  collectRaw(region, raws)
  const tags: Array<{node: number; name: string; close: boolean}> = []
  raws.forEach((raw, node) => {
    for (const match of raw.value.matchAll(rawTextTag)) tags.push({node, name: match[2]!.toLowerCase(), close: match[1] === '/'})
  })
  // Per name, the tag indices of its end tags, and how many of them lie behind the scan (keeps this linear).
  const closers = new Map<string, number[]>()
  tags.forEach((tag, index) => {
    if (!tag.close) return
    const list = closers.get(tag.name)
    if (list) list.push(index)
    else closers.set(tag.name, [index])
  })
  const passed = new Map<string, number>()
  for (let index = 0; index < tags.length; index++) {
    const tag = tags[index]!
    if (tag.close) continue
    const ends = closers.get(tag.name) ?? []
    let next = passed.get(tag.name) ?? 0
    while (next < ends.length && ends[next]! < index) next++
    passed.set(tag.name, next)
    if (next < ends.length) {
      index = ends[next]!
      continue
    }
    // Nothing closes it: it ends with its own raw node, and the tags after it there are its text.
    raws[tag.node]!.value += `</${tag.name}>`
    while (index + 1 < tags.length && tags[index + 1]!.node === tag.node) index++
  }
}

function collectRaw(parent: Root | Element, raws: Raw[]): void {
  for (const child of parent.children) {
    if (child.type === 'raw') raws.push(child)
    else if (child.type === 'element') collectRaw(child, raws)
  }
}

/**
 * What the sanitiser leaves behind that no author wrote: an empty `class`
 * (all author classes stripped) is dropped, and an `<a>` left with no
 * attribute at all (its URL was not safe) becomes its content.
 */
function tidy(parent: Root | Element): void {
  const children: Array<RootContent | ElementContent> = parent.children
  for (let index = 0; index < children.length; index++) {
    const child = children[index]
    if (child?.type !== 'element') continue
    tidy(child)
    const className = child.properties['className']
    if (Array.isArray(className) && className.length === 0) delete child.properties['className']
    if (child.tagName === 'a' && Object.keys(child.properties).length === 0) {
      children.splice(index, 1, ...child.children)
      index += child.children.length - 1
    }
  }
}

/** Replace trusted elements by `<span data-vk-slot="TOKEN:N">` (in place). */
function swapOut(parent: Root | Element, trusted: ReadonlySet<Element>, token: string, slots: Element[]): void {
  const children = parent.children
  for (let index = 0; index < children.length; index++) {
    const child = children[index]
    if (child?.type !== 'element') continue
    if (trusted.has(child)) {
      const slot: Element = {type: 'element', tagName: 'span', properties: {[slotAttribute]: token + ':' + slots.length}, children: []}
      slots.push(child)
      children[index] = slot
    } else {
      swapOut(child, trusted, token, slots)
    }
  }
}

/** Put trusted elements back where their slots survived; drop forged slots. */
function swapIn(parent: Root | Element, token: string, slots: ReadonlyArray<Element>): void {
  const children: Array<RootContent | ElementContent> = parent.children
  for (let index = 0; index < children.length; index++) {
    const child = children[index]
    if (child?.type !== 'element') continue
    const slot = child.properties[slotAttribute]
    if (slot === undefined) {
      swapIn(child, token, slots)
      continue
    }
    const [slotToken, slotIndex] = String(slot).split(':')
    const original = slotToken === token ? slots[Number(slotIndex)] : undefined
    if (original) children[index] = original
    else delete child.properties[slotAttribute]
  }
}
