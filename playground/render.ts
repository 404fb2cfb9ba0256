/**
 * What the playground shows for one text: every output of one compile, the
 * dialect AST, and `validate`'s diagnostics with their ranges as offsets.
 * Pure (no DOM), so it runs in Node tests as in the page.
 */
import type {Root as MdastRoot} from 'mdast'
import type {Position} from 'unist'
import {compile, faqFromCompiled, hastToHtml, mdastToHast, mdastToMarkdown, parse, validate, type FaqDocument, type Root as DialectRoot, type VkdocMessage} from '../src/index.js'

export interface RenderSettings {
  target: string
  /** Lint with the FAQ rules too (`profile: 'faq'`). */
  faqRules: boolean
}

export interface PlaygroundDiagnostic {
  from: number
  to: number
  line: number
  column: number
  severity: 'error' | 'warning' | 'info'
  message: string
  code: string
  url: string
}

export interface PlaygroundOutput {
  /** The sanitised HTML fragment (`toHtml`). */
  html: string
  faq: FaqDocument
  markdown: string
  ast: DialectRoot
  mdast: MdastRoot
  diagnostics: PlaygroundDiagnostic[]
  milliseconds: number
}

function range(message: VkdocMessage, length: number): {from: number; to: number} {
  const place = message.place
  const position = place && 'start' in place ? (place as Position) : undefined
  const from = position?.start.offset ?? (place && 'offset' in place ? place.offset : undefined) ?? 0
  const to = position?.end.offset ?? from
  return {from: Math.min(from, length), to: Math.min(Math.max(to, from), length)}
}

/** Render `source` for the playground's panes. Never throws on the text. */
export function renderSource(source: string, settings: RenderSettings): PlaygroundOutput {
  const started = performance.now()
  const options = {target: settings.target}
  const compiled = compile(source, options)
  const html = hastToHtml(mdastToHast(compiled.mdast))
  const faq = faqFromCompiled(compiled, options)
  const markdown = mdastToMarkdown(compiled.mdast)
  const ast = parse(source).tree
  const messages = validate(source, {target: settings.target, profile: settings.faqRules ? 'faq' : undefined})
  const diagnostics = messages.map((message) => ({
    ...range(message, source.length),
    line: message.line ?? 1,
    column: message.column ?? 1,
    severity: message.severity,
    message: message.reason,
    code: String(message.ruleId),
    url: message.url ?? '',
  }))
  return {html, faq, markdown, ast, mdast: compiled.mdast, diagnostics, milliseconds: performance.now() - started}
}

/** JSON of a tree, without `position` fields unless asked for. */
export function treeJson(tree: unknown, positions: boolean): string {
  return JSON.stringify(tree, (key, value: unknown) => (key === 'position' && !positions ? undefined : value), 2)
}
