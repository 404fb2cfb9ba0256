/**
 * Go to definition and hover, for the directive under the cursor:
 *
 * - `{linkto(target)}`: the target page (its first line), or the line of the
 *   `{heading}`/`{caption}` with the anchor's id — followed through the
 *   page's includes, so an id defined in a fragment lands in the fragment;
 *   hover shows what `%text` resolves to (per build target when they differ);
 * - `{include(path)}`: the file, or with `tags=` each `{includetag}` region;
 * - `{var(name)}`: its key in `<lang>/<lang>.meta.json`; hover shows its
 *   value per build target.
 */
import type {Hover, LocationLink, Range} from 'vscode-languageserver'
import {MarkupKind} from 'vscode-languageserver'
import type {DirectiveNode, IncludeDirective, LinktoDirective, VarDirective} from '../ast.js'
import {readableId} from '../constructs/caption.js'
import {walkDirectives} from '../lower/anchors.js'
import {parse} from '../parser/index.js'
import type {PageEntry} from '../tree/load.js'
import {resolveIncludePath, resolveLinkTarget} from '../tree/resolve.js'
import {metaFileOf} from '../tree/paths.js'
import {variableDefinition} from '../tree/variables.js'
import type {DocumentText} from './positions.js'
import type {Workspace} from './workspace.js'

/** The innermost directive of `file` whose source covers `offset` (text-level directives also in code). */
export function directiveAt(workspace: Workspace, file: string, offset: number): DirectiveNode | undefined {
  let found: DirectiveNode | undefined
  for (const node of walkDirectives(workspace.tree.tree(file)?.children ?? [])) {
    if (node.context === 'comment') continue
    if (node.position.start.offset! <= offset && offset <= node.position.end.offset!) found = node
  }
  return found
}

/** Where the directive at `offset` of `file` points. */
export function definition(workspace: Workspace, file: string, text: DocumentText, offset: number): LocationLink[] {
  const node = directiveAt(workspace, file, offset)
  if (!node) return []
  const origin = text.rangeOf(node.position)
  if (node.name === 'linkto') return linkDefinition(workspace, file, node, origin)
  if (node.name === 'include') return includeDefinition(workspace, file, node, origin)
  if (node.name === 'var') return variableLocation(workspace, file, node, origin)
  return []
}

/** What hovering the directive at `offset` of `file` shows. */
export function hover(workspace: Workspace, file: string, text: DocumentText, offset: number): Hover | null {
  const node = directiveAt(workspace, file, offset)
  if (!node) return null
  let value: string | null = null
  if (node.name === 'linkto') value = linkHover(workspace, file, node)
  else if (node.name === 'var') value = variableHover(workspace, file, node)
  return value === null ? null : {contents: {kind: MarkupKind.Markdown, value}, range: text.rangeOf(node.position)}
}

/** A link to a whole file, or to `[start, end)` of it. */
function linkTo(workspace: Workspace, file: string, origin: Range, span?: {start: number; end: number; selectionEnd?: number}): LocationLink | undefined {
  const text = workspace.text(file)
  if (!text) return undefined
  const range = span ? text.range(span.start, span.end) : text.range(0, 0)
  const selection = span?.selectionEnd !== undefined ? text.range(span.start, span.selectionEnd) : range
  return {originSelectionRange: origin, targetUri: workspace.uriOf(file), targetRange: range, targetSelectionRange: selection}
}

function linkDefinition(workspace: Workspace, file: string, node: LinktoDirective, origin: Range): LocationLink[] {
  const tree = workspace.tree
  const resolution = resolveLinkTarget(tree.index, workspace.linkBase(file), node.target)
  let page: PageEntry | undefined
  let anchor: string | null
  if (resolution.kind === 'same-page') {
    const host = workspace.hostPage(file)
    page = host ? tree.page(host) : undefined
    anchor = resolution.anchor
  } else {
    if (!resolution.exists) return []
    page = tree.index.pages.get(resolution.page)
    anchor = resolution.anchor
    // A section (a folder with a meta file and no page) is defined by its meta file.
    if (!page) return [linkTo(workspace, metaFileOf(resolution.page), origin)].filter((link) => link !== undefined)
  }
  if (!page) return []
  const found = anchor === null ? undefined : anchorSpan(workspace, page, anchor)
  const link = found ? linkTo(workspace, found.file, origin, found) : linkTo(workspace, page.file, origin)
  return link ? [link] : []
}

/** The `{heading}`/`{caption}` defining `id` in a page's text for its build targets, in the file it was written in. */
function anchorSpan(workspace: Workspace, page: PageEntry, id: string): {file: string; start: number; end: number} | undefined {
  for (const target of page.targets.length > 0 ? page.targets : ['public']) {
    const expanded = workspace.tree.expand(page.file, target)
    for (const node of parse(expanded.text).tree.children) {
      if (node.type !== 'directive' || node.context !== 'text') continue
      const nodeId = node.name === 'heading' ? node.id : node.name === 'caption' ? (node.malformed ? readableId(node.attributes) : node.id) : null
      if (nodeId !== id) continue
      const start = expanded.map.start(node.position.start.offset!)
      const end = expanded.map.end(node.position.end.offset!)
      return {file: start.file, start: start.offset, end: end.file === start.file ? end.offset : start.offset}
    }
  }
  return undefined
}

function includeDefinition(workspace: Workspace, file: string, node: IncludeDirective, origin: Range): LocationLink[] {
  const resolved = resolveIncludePath(workspace.tree.index, file, node.path)
  if (!('file' in resolved)) return []
  const included = resolved.file
  if (!node.tags) return [linkTo(workspace, included, origin)].filter((link) => link !== undefined)
  const links: LocationLink[] = []
  const open: DirectiveNode[] = []
  for (const child of workspace.tree.tree(included)?.children ?? []) {
    if (child.type === 'directive' && child.name === 'includetag') open.push(child)
    else if (child.type === 'close' && child.name === 'includetag') {
      const opener = open.pop()
      if (opener?.name !== 'includetag' || !opener.names.some((name) => node.tags!.includes(name))) continue
      const region = {start: opener.position.start.offset!, end: child.position.end.offset!, selectionEnd: opener.position.end.offset!}
      const link = linkTo(workspace, included, origin, region)
      if (link) links.push(link)
    }
  }
  return links
}

function variableLocation(workspace: Workspace, file: string, node: VarDirective, origin: Range): LocationLink[] {
  const definition = variableDefinition(workspace.tree.index, workspace.langOf(file), node.variable)
  const text = definition && workspace.text(definition.file)
  if (!definition || !text) return []
  const span = {start: text.offsetOf(definition.position.start), end: text.offsetOf(definition.position.end)}
  const link = linkTo(workspace, definition.file, origin, span)
  return link ? [link] : []
}

/** `%text` of a link per build target of the page it is read in, with its URL and any problem. */
function linkHover(workspace: Workspace, file: string, node: LinktoDirective): string {
  const page = workspace.hostPage(file) ?? file
  const byResult = new Map<string, string[]>()
  for (const target of workspace.targetsOf(file)) {
    const resolution = workspace.tree.resolveLink(page, node.target, target)
    const shown = resolution.title ?? (resolution.number ? `№ ${resolution.number}` : null)
    const lines = [shown ? `**${escapeMarkdown(shown)}**` : '*(no title)*', codeSpan(resolution.url)]
    if (resolution.problem) lines.push(`⚠ ${escapeMarkdown(resolution.problem.reason)}`)
    const key = lines.join('\n\n')
    byResult.set(key, [...(byResult.get(key) ?? []), target])
  }
  if (byResult.size === 1) return [...byResult.keys()][0]!
  return [...byResult].map(([result, targets]) => `${targets.map(codeSpan).join(', ')}:\n\n${result}`).join('\n\n---\n\n')
}

/** A variable's value for each build target of the page it is read in (and the others it defines). */
function variableHover(workspace: Workspace, file: string, node: VarDirective): string {
  const definition = variableDefinition(workspace.tree.index, workspace.langOf(file), node.variable)
  const lang = workspace.langOf(file)
  if (!definition) return `${codeSpan(node.variable)}: not defined in ${codeSpan(`${lang}/${lang}.meta.json`)}`
  if (definition.kind === 'text') return `${codeSpan(node.variable)} = ${escapeMarkdown(definition.value)}`
  const targets = workspace.targetsOf(file)
  const rows = [...targets, ...[...definition.values.keys()].filter((target) => !targets.includes(target))].map((target) => {
    const value = definition.values.get(target)
    const built = targets.includes(target) ? '' : ' (not built here)'
    return `| ${codeSpan(target)}${built} | ${value === undefined ? '*no value*' : escapeMarkdown(value)} |`
  })
  return [`${codeSpan(node.variable)} per build target:`, '', '| target | value |', '|---|---|', ...rows].join('\n')
}

/** Text shown as code: delimited by more backticks than it holds in a row (CommonMark code spans). */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  return longest === 0 ? `${fence}${text}${fence}` : `${fence} ${text} ${fence}`
}

/** Author text shown as Markdown text, never as markup (or HTML). */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&]/g, '\\$&')
}
