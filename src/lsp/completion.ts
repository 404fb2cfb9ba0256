/**
 * Completion from the live tree. What is offered depends on the text just
 * before the cursor and on what the construct registry says the directive
 * there holds (its `ValueKind`s):
 *
 * | before the cursor              | offered                                          |
 * |--------------------------------|--------------------------------------------------|
 * | `{` / `{/`                     | directive names (snippets) / closers             |
 * | `{note:`                       | the variant's values (note types)                |
 * | `{linkto(` … (no `#`)          | pages and sections, relative or absolute         |
 * | `{linkto(page#`                | ids of that page's `{heading}` and `{caption}`   |
 * | `{include(`                    | folders and Markdown files                       |
 * | `{include(path)[tags=`         | the `{includetag}` regions of that file          |
 * | `{var(`                        | variables of the language meta file             |
 * | `{ifdef(` / `{ifndef(` (`a, `) | build targets                                    |
 * | `{counter(` / `{const(`        | counter names / counter ids of this file         |
 * | `{name(…)[` / `[key=`          | attribute keys / the values the registry lists   |
 *
 * Nothing is offered inside HTML comments; inside code only what acts there
 * (`{var}`, `{include}`, conditions).
 */
import type {CompletionItem, Range} from 'vscode-languageserver'
import {CompletionItemKind, InsertTextFormat, MarkupKind} from 'vscode-languageserver'
import {contextAt, scanContexts} from '../lexer/contexts.js'
import {walkDirectives} from '../lower/anchors.js'
import {dirnameOf, formatWalkedPath, walkPath} from '../tree/paths.js'
import {resolveIncludePath, resolveLinkTarget} from '../tree/resolve.js'
import {actsInCode, argumentKind, argumentMeaning, attributesOf, directives, isDirective, isPaired, snippetFor, summaryOf, variantValues, type ValueKind} from './dialect.js'
import type {DocumentText} from './positions.js'
import type {Workspace} from './workspace.js'

/** Characters after which a client should ask for completion. */
export const completionTriggers = ['{', ':', '(', '/', '#', ',', '=', '[', ';']

/** How far back the cursor's directive may start (directive arguments are short). */
const lookBehind = 400

/** Where completion was asked for. */
interface Place {
  workspace: Workspace
  /** The tree path, or `null` for a document outside the tree (directive names only). */
  file: string | null
  text: DocumentText
  /** The range replaced by the typed part `typed` before the cursor. */
  replace(typed: string): Range
}

/** Completion items at `offset` of `text`, the current text of `file`. */
export function complete(workspace: Workspace, file: string | null, text: DocumentText, offset: number): CompletionItem[] {
  const source = text.text
  const context = contextAt(scanContexts(source), Math.max(0, offset - 1))
  if (context === 'comment') return []
  const before = source.slice(Math.max(0, offset - lookBehind), offset)
  const inCode = context !== 'text'
  const place: Place = {workspace, file, text, replace: (typed) => text.range(offset - typed.length, offset)}
  const acts = (name: string): boolean => isDirective(name) && (!inCode || actsInCode(name))
  let match: RegExpExecArray | null
  if ((match = /\{\/([a-z]*)$/.exec(before))) return closers(place.replace(match[1]!), inCode)
  if ((match = /\{([a-z][\w-]*):([\w-]*)$/.exec(before))) {
    return acts(match[1]!) ? words(variantValues(match[1]!), place.replace(match[2]!), CompletionItemKind.EnumMember, `${match[1]} variant`) : []
  }
  if ((match = /\{([a-z]*)$/.exec(before))) return directiveItems(place.replace(match[1]!), inCode)
  if ((match = /\{([a-z][\w-]*)(?::[\w-]*)?\(([^(){}]*)$/.exec(before))) {
    const kind = acts(match[1]!) ? argumentKind(match[1]!) : undefined
    return kind && file !== null ? argumentItems(place, file, kind, match[2]!) : []
  }
  if ((match = /\{([a-z][\w-]*)(?::[\w-]*)?(?:\(([^(){}]*)\))?\[([^\]{}]*)$/.exec(before))) {
    return acts(match[1]!) ? attributeItems(place, match[1]!, match[2] ?? '', match[3]!) : []
  }
  return []
}

/** What the `(…)` holds, by its kind of value; `typed` is the text from `(` to the cursor. */
function argumentItems(place: Place, file: string, kind: ValueKind, typed: string): CompletionItem[] {
  const {workspace, replace} = place
  const item = /[^,]*$/.exec(typed)![0].trimStart()
  switch (kind) {
    case 'page-target': {
      const target = typed.replace(/\s+/g, '')
      const hash = target.indexOf('#')
      if (hash !== -1) return anchors(workspace, file, target.slice(0, hash), replace(/[^#\s]*$/.exec(typed)![0]))
      return linkTargets(workspace, file, target, replace(target.slice(target.lastIndexOf('/') + 1)))
    }
    case 'include-path': {
      const path = typed.trimStart()
      return includePaths(workspace, file, path, replace(path.slice(path.lastIndexOf('/') + 1)))
    }
    case 'variable':
      return variables(workspace, file, replace(typed.trimStart()))
    case 'build-targets':
      return buildTargets(workspace, replace(item))
    case 'counter':
      return words(counterNames(workspace, file, 'names'), replace(typed.trimStart()), CompletionItemKind.Variable, 'counter of this file')
    case 'counter-id':
      return words(counterNames(workspace, file, 'ids'), replace(typed.trimStart()), CompletionItemKind.Constant, 'counter id of this file')
    default:
      return []
  }
}

/** Keys after `[` or `;`, values after `key=`; `args` is the directive's `(…)`, `typed` the text from `[` to the cursor. */
function attributeItems(place: Place, name: string, args: string, typed: string): CompletionItem[] {
  const schemas = attributesOf(name)
  const current = /[^;]*$/.exec(typed)![0]
  const equals = current.indexOf('=')
  if (equals === -1) {
    const key = current.trimStart()
    return Object.entries(schemas).map(([attribute, schema]) => ({
      label: attribute,
      kind: CompletionItemKind.Property,
      detail: schema.summary,
      textEdit: {range: place.replace(key), newText: `${attribute}=`},
    }))
  }
  const schema = schemas[current.slice(0, equals).trim()]
  if (!schema || schema.freeText) return []
  const value = current.slice(equals + 1)
  const item = /[^,]*$/.exec(value)![0].trimStart()
  if (schema.kind === 'include-tags') return place.file === null ? [] : includeTags(place.workspace, place.file, args, place.replace(item))
  if (schema.kind === 'build-targets') return buildTargets(place.workspace, place.replace(item))
  return words(schema.values ?? [], place.replace(value.trimStart()), CompletionItemKind.EnumMember, schema.summary)
}

function words(names: readonly string[], range: Range, kind: CompletionItemKind, detail: string): CompletionItem[] {
  return names.map((name) => ({label: name, kind, detail, textEdit: {range, newText: name}}))
}

function directiveItems(range: Range, inCode: boolean): CompletionItem[] {
  return directives()
    .filter((name) => !inCode || actsInCode(name))
    .map((name) => {
      const meaning = argumentMeaning(name)
      return {
        label: name,
        kind: isPaired(name) ? CompletionItemKind.Struct : CompletionItemKind.Function,
        detail: meaning ? `{${name}(${meaning})}` : `{${name}}`,
        documentation: {kind: MarkupKind.Markdown, value: summaryOf(name)},
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: {range, newText: snippetFor(name)},
      }
    })
}

function closers(range: Range, inCode: boolean): CompletionItem[] {
  return directives()
    .filter((name) => isPaired(name) && (!inCode || actsInCode(name)))
    .map((name) => ({label: `/${name}`, filterText: name, kind: CompletionItemKind.Struct, textEdit: {range, newText: `${name}}`}}))
}

/** The counter names (`{counter(name)}`) or stored ids (`[id=…]`) of a file, in order. */
function counterNames(workspace: Workspace, file: string, what: 'names' | 'ids'): string[] {
  const found = new Set<string>()
  for (const node of walkDirectives(workspace.tree.tree(file)?.children ?? [])) {
    if (node.name !== 'counter') continue
    const value = what === 'names' ? node.counter : node.id
    if (value) found.add(value)
  }
  return [...found]
}

function buildTargets(workspace: Workspace, range: Range): CompletionItem[] {
  const index = workspace.tree.index
  return index.buildPoints.map((name) => {
    const source = index.buildPointSources.get(name)?.[0]
    return {label: name, kind: CompletionItemKind.EnumMember, detail: source ? `build target (${source.file}:${source.line})` : 'build target', textEdit: {range, newText: name}}
  })
}

function variables(workspace: Workspace, file: string, range: Range): CompletionItem[] {
  const definitions = workspace.tree.index.variables.get(workspace.langOf(file))
  return [...(definitions?.values() ?? [])].map((definition) => ({
    label: definition.name,
    kind: CompletionItemKind.Variable,
    detail: definition.kind === 'text' ? definition.value : `per build target: ${[...definition.values.keys()].join(', ')}`,
    textEdit: {range, newText: definition.name},
  }))
}

/** The folder a typed path's directory part lands in, or `null` when it leaves the root. */
function folderOfTyped(base: string, typed: string): string | null {
  const directory = typed.slice(0, typed.lastIndexOf('/') + 1)
  const walked = walkPath(directory.startsWith('/') ? '' : base, directory)
  return walked.escaped > 0 ? null : formatWalkedPath(walked)
}

/** Pages and sections one level below the typed folder (a folder without a meta file still leads to them). */
function linkTargets(workspace: Workspace, file: string, typed: string, range: Range): CompletionItem[] {
  const folder = folderOfTyped(workspace.linkBase(file), typed)
  if (folder === null) return []
  const index = workspace.tree.index
  const prefix = folder === '' ? '' : `${folder}/`
  const children = new Map<string, boolean>()
  for (const target of index.folders) {
    if (!target.startsWith(prefix) || target === folder) continue
    const rest = target.slice(prefix.length)
    const slash = rest.indexOf('/')
    const name = slash === -1 ? rest : rest.slice(0, slash)
    children.set(name, children.get(name) === true || slash === -1)
  }
  return [...children].map(([name, isTarget]) => {
    const path = prefix + name
    const entry = index.pages.get(path) ?? index.sections.get(path)
    return {
      label: name,
      kind: isTarget ? (index.pages.has(path) ? CompletionItemKind.File : CompletionItemKind.Module) : CompletionItemKind.Folder,
      detail: entry?.title ?? path,
      textEdit: {range, newText: name},
    }
  })
}

/** Folders and Markdown files of the typed folder (include paths resolve against the including file's folder). */
function includePaths(workspace: Workspace, file: string, typed: string, range: Range): CompletionItem[] {
  const folder = folderOfTyped(dirnameOf(file), typed)
  if (folder === null) return []
  const fs = workspace.tree.fs
  const items: CompletionItem[] = []
  for (const name of fs.list(folder)) {
    const path = folder === '' ? name : `${folder}/${name}`
    if (fs.isDirectory(path)) items.push({label: `${name}/`, kind: CompletionItemKind.Folder, textEdit: {range, newText: `${name}/`}, command: {title: 'Suggest', command: 'editor.action.triggerSuggest'}})
    else if (name.endsWith('.md') && path !== file) items.push({label: name, kind: CompletionItemKind.File, detail: path, textEdit: {range, newText: name}})
  }
  return items
}

/** Region names of the included file's `{includetag}`s. */
function includeTags(workspace: Workspace, file: string, path: string, range: Range): CompletionItem[] {
  const resolved = resolveIncludePath(workspace.tree.index, file, path)
  if (!('file' in resolved)) return []
  const included = resolved.file
  const names = new Set<string>()
  for (const node of walkDirectives(workspace.tree.tree(included)?.children ?? [])) {
    if (node.name === 'includetag') for (const name of node.names) names.add(name)
  }
  return words([...names], range, CompletionItemKind.EnumMember, `region of ${included}`)
}

/** Ids of `{heading}`s and `{caption}`s of the linked page (this page for `#`), over its build targets. */
function anchors(workspace: Workspace, file: string, path: string, range: Range): CompletionItem[] {
  const tree = workspace.tree
  const host = workspace.hostPage(file)
  const resolution = path === '' ? null : resolveLinkTarget(tree.index, workspace.linkBase(file), path)
  const page = resolution === null ? (host ? tree.page(host) : undefined) : resolution.kind === 'page' ? tree.index.pages.get(resolution.page) : undefined
  if (!page) return []
  const items = new Map<string, CompletionItem>()
  for (const target of page.targets.length > 0 ? page.targets : ['public']) {
    for (const [id, anchor] of tree.anchors(page, target).ids) {
      if (items.has(id)) continue
      const detail = anchor.kind === 'heading' ? `${'#'.repeat(anchor.depth ?? 1)} ${anchor.text}` : `caption ${anchor.text}`
      items.set(id, {label: id, kind: anchor.kind === 'heading' ? CompletionItemKind.Reference : CompletionItemKind.Constant, detail, textEdit: {range, newText: id}})
    }
  }
  return [...items.values()]
}
