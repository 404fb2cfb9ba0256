/**
 * The one-call API: source (or an already lowered tree) → mdast, hast, HTML,
 * JSON or plain Markdown, with diagnostics. Every output comes from the same
 * lowered tree, so a page is expanded and parsed once whatever is asked of it.
 */
import type {Root as HastRoot} from 'hast'
import type {Root as MdastRoot, RootContent} from 'mdast'
import {capMessages} from './diagnostics/caps.js'
import {pageSizeCut, pageSizeReason, resolveLimits} from './diagnostics/limits.js'
import {report, type VkdocMessage} from './diagnostics/report.js'
import {LineIndex} from './syntax/position.js'
import {mdastToHast, type HastOptions} from './render/to-hast.js'
import {hastToHtml} from './render/to-html.js'
import {documentJson, faqFromMdast, type DocumentJson, type FaqDocument, type FaqPage} from './render/to-json.js'
import {mdastToMarkdown, type MarkdownOptions} from './render/to-markdown.js'
import {checkPage} from './lint/rules/page.js'
import {toMdastResult, type MdastOptions, type MdastResult} from './lower/to-mdast.js'

export interface CompileOptions extends MdastOptions, HastOptions, MarkdownOptions {
  /** Page meta for the FAQ JSON: the title when the page has no H1, and where the page lives. */
  meta?: {title?: string | null; id?: string | null; page?: FaqPage}
}

export type Input = string | MdastRoot

export interface Compiled {
  /** The lowered tree (dialect nodes included, positions in the source files). */
  mdast: MdastRoot
  messages: VkdocMessage[]
  /** `messages` without the syntax problems of the page's own source (the linter reports those once for all targets). */
  renderMessages: VkdocMessage[]
  /** Heading and caption anchors of the page (id → text / number). */
  anchors: MdastResult['anchors']
  /** The expanded text (for tools that need it: formatters, the linter). */
  expanded: MdastResult['expanded'] | null
  /** How block openers met their closers in the tree (null for a tree passed in). */
  pairing: MdastResult['pairing'] | null
}

/**
 * Every option of `compile` and the functions built on it (`toJson` adds `faq`): an unknown key
 * (`toJson(src, {root})`) is a programming error. Typed as a record of all keys, so a new option
 * that is not listed here fails the type check.
 */
const optionKeys: Record<keyof (CompileOptions & {faq?: boolean}), true> = {
  file: true,
  target: true,
  variables: true,
  resolveInclude: true,
  tree: true,
  reportUndefinedVariables: true,
  limits: true,
  path: true,
  resolveLink: true,
  sources: true,
  expanded: true,
  sections: true,
  classPrefix: true,
  lang: true,
  sanitize: true,
  videoHosts: true,
  cut: true,
  tabHeadingDepth: true,
  meta: true,
  faq: true,
}

function checkOptions(options: Readonly<CompileOptions> | null | undefined): CompileOptions {
  if (options === null || options === undefined) return {}
  if (typeof options !== 'object') throw new TypeError('vkdoc: options must be an object')
  for (const key of Object.keys(options)) {
    if (!(key in optionKeys)) throw new TypeError(`vkdoc: unknown option \`${key}\` (known: ${Object.keys(optionKeys).join(', ')})`)
  }
  if (options.target !== undefined && (typeof options.target !== 'string' || options.target === '')) {
    throw new TypeError('vkdoc: `target` must be a non-empty string (a build point such as "public")')
  }
  return options
}

/** Lower a source string (or pass a tree through) and keep the diagnostics. */
export function compile(input: Input, options?: Readonly<CompileOptions> | null): Compiled {
  const settings = checkOptions(options)
  if (typeof input !== 'string') {
    if (!input || input.type !== 'root') throw new TypeError('vkdoc: input must be a source string or an mdast root')
    return {mdast: input, messages: [], renderMessages: [], anchors: {title: null, ids: new Map()}, expanded: null, pairing: null}
  }
  const limits = resolveLimits(settings.limits)
  const cut = pageSizeCut(input, limits.maxPageSize)
  const result = toMdastResult(cut === null ? input : input.slice(0, cut), settings)
  const file = settings.file ?? settings.path ?? 'input.md'
  if (cut !== null) {
    const end = new LineIndex(input).point(cut)
    result.messages.push(report('page-size-limit', pageSizeReason(file, input.length, limits.maxPageSize), {start: end, end}, {file}))
  }
  const pageMessages = checkPage(result, file, settings.target)
  const renderMessages = capMessages([...result.messages.slice(result.parseMessageCount), ...pageMessages], limits)
  return {mdast: result.tree, messages: capMessages([...result.messages, ...pageMessages], limits), renderMessages, anchors: result.anchors, expanded: result.expanded, pairing: result.pairing}
}

/** Source → mdast with dialect nodes (`cut`, `note`, `tabs`, `linkto`, …). */
export function toMdast(input: Input, options?: Readonly<CompileOptions> | null): MdastRoot {
  return compile(input, options).mdast
}

/** Source or mdast → hast (safe by default). */
export function toHast(input: Input, options?: Readonly<CompileOptions> | null): HastRoot {
  return mdastToHast(toMdast(input, options), options ?? undefined)
}

/** Source or mdast → an HTML fragment (sanitised unless `sanitize: false`). */
export function toHtml(input: Input, options?: Readonly<CompileOptions> | null): string {
  return hastToHtml(toHast(input, options), {sanitize: options?.sanitize})
}

/** Source or mdast → CommonMark/GFM with no dialect syntax left. */
export function toMarkdown(input: Input, options?: Readonly<CompileOptions> | null): string {
  return mdastToMarkdown(toMdast(input, options), options ?? undefined)
}

/** Source or mdast → FAQ JSON (`{faq: true}`) or the full document JSON. */
export function toJson(input: Input, options: Readonly<CompileOptions & {faq: true}>): FaqDocument
export function toJson(input: Input, options?: Readonly<CompileOptions & {faq?: false}> | null): DocumentJson
export function toJson(input: Input, options?: Readonly<CompileOptions & {faq?: boolean}> | null): FaqDocument | DocumentJson {
  const compiled = compile(input, options)
  if (options?.faq) return faqFromCompiled(compiled, options)
  return documentJson(compiled.mdast, compiled.messages, options?.target ?? 'public')
}

/** The FAQ JSON of an already compiled page (`options`: how answers render, and the page `meta`). */
export function faqFromCompiled(compiled: Compiled, options: Readonly<CompileOptions> = {}): FaqDocument {
  return faqFromMdast(
    compiled.mdast,
    {
      html: (nodes: RootContent[]) => hastToHtml(mdastToHast({type: 'root', children: nodes}, options), {sanitize: options.sanitize}),
      markdown: (nodes: RootContent[]) => mdastToMarkdown({type: 'root', children: nodes}, options),
    },
    options.meta,
  )
}
