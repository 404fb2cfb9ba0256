/**
 * What the hast handlers of the constructs share: the settings and the
 * per-render state of one `toHast` call (found from mdast-util-to-hast's
 * `state`, so handlers keep the library's `(state, node, parent)` shape),
 * and small element builders.
 */
import type {Element, ElementContent, Properties, Text} from 'hast'
import type {Nodes as MdastNodes, Parents as MdastParents} from 'mdast'
import type {State} from 'mdast-util-to-hast'
import type {DirectiveLabel, FlowContent} from '../constructs/types.js'

/** Options of the hast handlers (`mdastToHast`, `createHastHandlers`). */
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
  /**
   * Language of the words vkdoc adds (note labels, placeholders): `ru`, `en`
   * or `kz` (others get English). Default: the language the lowering found
   * (the page's language folder), else `ru`.
   */
  lang?: string
}

/** The hosts `{video}` may embed unless `videoHosts` says otherwise. */
export const defaultVideoHosts: ReadonlyArray<string> = ['vkvideo.ru', 'vk.com', 'rutube.ru', 'www.youtube.com', 'youtube.com']

/** What handlers share during one render. */
export interface RenderContext {
  readonly prefix: string
  readonly videoHosts: ReadonlySet<string>
  readonly lang: string
  /** Tab groups rendered so far: the source of stable, unique tab ids. */
  tabGroups: number
  /** Whether some raw HTML other than comments and `<br>` was met. */
  hasMarkup: boolean
  /** Embeds we made that the sanitiser schema would drop (see `sanitize.ts`). */
  readonly trusted: Element[]
  /** The question ids of the page's top-level cuts (as in its FAQ JSON), made when the first is rendered. */
  questionIds?: Map<unknown, string>
}

const contexts = new WeakMap<State, RenderContext>()

/**
 * Check handler options and make a fresh render context from them.
 *
 * @throws {TypeError} on a malformed `classPrefix`, `videoHosts` or `lang` (programmer errors).
 */
export function createRenderContext(options: Readonly<HastOptions> | null | undefined, treeLang?: string): RenderContext {
  const prefix = options?.classPrefix ?? 'vk-'
  if (typeof prefix !== 'string' || !/^(?:[a-z][\w-]*)?$/i.test(prefix)) {
    throw new TypeError(`classPrefix must be empty or start with a letter and hold letters, digits, '-' or '_': ${JSON.stringify(prefix)}`)
  }
  const hosts = options?.videoHosts ?? defaultVideoHosts
  if (!Array.isArray(hosts) || !hosts.every((host) => typeof host === 'string')) {
    throw new TypeError('videoHosts must be an array of host names')
  }
  const lang = options?.lang ?? treeLang ?? 'ru'
  if (typeof lang !== 'string') throw new TypeError('lang must be a language code such as "ru"')
  return {prefix, videoHosts: new Set(hosts.map((host) => host.toLowerCase())), lang, tabGroups: 0, hasMarkup: false, trusted: []}
}

/** Attach a render context to a `toHast` state (before the first handler runs). */
export function bindRenderContext(state: State, context: RenderContext): void {
  contexts.set(state, context)
}

/** Attach a context made by `make` unless this state already has one (the first handler of a call does it). */
export function ensureRenderContext(state: State, make: () => RenderContext): void {
  if (!contexts.has(state)) contexts.set(state, make())
}

/** The render context of this `toHast` call; a default one when the handlers run outside `mdastToHast` (remark-rehype). */
export function renderContext(state: State): RenderContext {
  let context = contexts.get(state)
  if (!context) {
    context = createRenderContext(undefined)
    contexts.set(state, context)
  }
  return context
}

export function element(tagName: string, properties: Properties, children: ElementContent[]): Element {
  return {type: 'element', tagName, properties, children}
}

export function text(value: string): Text {
  return {type: 'text', value}
}

/** Render flow children of `parent` (not wrapped in newlines yet). */
export function flow(state: State, parent: MdastParents, children: ReadonlyArray<MdastNodes>): ElementContent[] {
  const results: ElementContent[] = []
  for (const child of children) {
    const result = state.one(child, parent)
    if (Array.isArray(result)) results.push(...result)
    else if (result) results.push(result)
  }
  return results
}

/** A block element whose children are laid out one per line. */
export function block(state: State, tagName: string, properties: Properties, children: ElementContent[]): Element {
  return element(tagName, properties, state.wrap(children, true))
}

/** Finish a handler's element as mdast-util-to-hast's own handlers do: position, then `data.hName`/`hProperties`. */
export function finish<Result extends Element>(state: State, node: MdastNodes, result: Result): Result {
  state.patch(node, result)
  return state.applyData(node, result) as Result
}

/** The title (`directiveLabel`, first child) and the body of a cut, tab or caption. */
export function splitLabel(node: {children: ReadonlyArray<DirectiveLabel | FlowContent>}): {label: DirectiveLabel | undefined; body: FlowContent[]} {
  const [first, ...rest] = node.children
  if (first?.type === 'directiveLabel') return {label: first, body: rest as FlowContent[]}
  return {label: undefined, body: node.children.filter((child): child is FlowContent => child.type !== 'directiveLabel')}
}

/** Parents in which a placeholder must be phrasing (`<span>`), not a `<div>`. */
export const phrasingParents: ReadonlySet<string> = new Set([
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
