/**
 * Completion from the live tree. What is offered depends on the text just
 * before the cursor:
 *
 * | before the cursor              | offered                                        |
 * |--------------------------------|------------------------------------------------|
 * | `{` / `{/`                     | directive names (snippets) / closers           |
 * | `{note:`                       | note types                                     |
 * | `{linkto(` … (no `#`)          | pages and sections, relative or absolute       |
 * | `{linkto(page#`                | ids of that page's `{heading}` and `{caption}` |
 * | `{include(`                    | folders and Markdown files                     |
 * | `{include(path)[tags=`         | the `{includetag}` regions of that file        |
 * | `{var(`                        | variables of the language meta file           |
 * | `{ifdef(` / `{ifndef(` (`a, `) | build targets                                  |
 * | `{name(…)[`                    | the attribute keys `name` understands          |
 *
 * Nothing is offered inside HTML comments; inside code only what acts there
 * (`{var}`, `{include}`, conditions).
 */
import type {CompletionItem, Range} from 'vscode-languageserver'
import {CompletionItemKind, InsertTextFormat} from 'vscode-languageserver'
import {contextAt, scanContexts} from '../lexer/contexts.js'
import {walkDirectives} from '../lower/anchors.js'
import {dirnameOf, formatWalkedPath, walkPath} from '../tree/paths.js'
import {resolveIncludePath, resolveLinkTarget} from '../tree/resolve.js'
import {actsInCode, argumentMeaning, attributeKeys, directives, isPaired, noteTypes, snippetFor, type DirectiveName} from './dialect.js'
import type {DocumentText} from './positions.js'
import type {Workspace} from './workspace.js'

/** Characters after which a client should ask for completion. */
export const completionTriggers = ['{', ':', '(', '/', '#', ',', '=', '[']

/** How far back the cursor's directive may start (directive arguments are short). */
const lookBehind = 400

/**
 * Completion items at `offset` of `text`, the current text of `file` (a tree
 * path, or `null` for a document outside the tree: directive names only).
 */
export function complete(workspace: Workspace, file: string | null, text: DocumentText, offset: number): CompletionItem[] {
  const source = text.text
  const context = contextAt(scanContexts(source), Math.max(0, offset - 1))
  if (context === 'comment') return []
  const before = source.slice(Math.max(0, offset - lookBehind), offset)
  const inCode = context !== 'text'
  const replace = (typed: string): Range => text.range(offset - typed.length, offset)
  let match: RegExpExecArray | null
  if ((match = /\{\/([a-z]*)$/.exec(before))) return closers(replace(match[1]!))
  if ((match = /\{note:([\w-]*)$/.exec(before))) return inCode ? [] : words(noteTypes, replace(match[1]!), CompletionItemKind.EnumMember, 'note type')
  if ((match = /\{([a-z]*)$/.exec(before))) return directiveItems(replace(match[1]!), inCode)
  if ((match = /\{(ifn?def)\(([^(){}]*)$/.exec(before))) {
    const typed = /[^,]*$/.exec(match[2]!)![0].trimStart()
    return file === null ? [] : buildTargets(workspace, replace(typed))
  }
  if ((match = /\{var\(([^(){}]*)$/.exec(before))) return file === null ? [] : variables(workspace, file, replace(match[1]!.trimStart()))
  if (file === null) return []
  if ((match = /\{include\(([^(){}]*)\)\[(?:[^\]{}]*;)?\s*tags=([^\]{};]*)$/.exec(before))) {
    const typed = /[^,]*$/.exec(match[2]!)![0].trimStart()
    return includeTags(workspace, file, match[1]!, replace(typed))
  }
  if ((match = /\{include\(([^(){}]*)$/.exec(before))) {
    const typed = match[1]!.trimStart()
    return includePaths(workspace, file, typed, replace(typed.slice(typed.lastIndexOf('/') + 1)))
  }
  if (inCode) return []
  if ((match = /\{linkto\(([^(){}[\]]*)$/.exec(before))) {
    const typed = match[1]!.replace(/\s+/g, '')
    const hash = typed.indexOf('#')
    if (hash !== -1) return anchors(workspace, file, typed.slice(0, hash), replace(/[^#\s]*$/.exec(match[1]!)![0]))
    return linkTargets(workspace, file, typed, replace(typed.slice(typed.lastIndexOf('/') + 1)))
  }
  if ((match = /\{([a-z]+)(?::[\w-]*)?(?:\([^(){}]*\))?\[(?:[^\]{}]*;)?\s*([A-Za-z]*)$/.exec(before))) {
    const name = match[1]! as DirectiveName
    if (!directives.includes(name)) return []
    return attributeKeys(name).map((key) => ({label: key, kind: CompletionItemKind.Property, insertText: `${key}=`, textEdit: {range: replace(match![2]!), newText: `${key}=`}}))
  }
  return []
}

function words(names: readonly string[], range: Range, kind: CompletionItemKind, detail: string): CompletionItem[] {
  return names.map((name) => ({label: name, kind, detail, textEdit: {range, newText: name}}))
}

function directiveItems(range: Range, inCode: boolean): CompletionItem[] {
  return directives
    .filter((name) => !inCode || actsInCode(name))
    .map((name) => {
      const meaning = argumentMeaning(name)
      return {
        label: name,
        kind: isPaired(name) ? CompletionItemKind.Struct : CompletionItemKind.Function,
        detail: meaning ? `{${name}(${meaning})}` : `{${name}}`,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: {range, newText: snippetFor(name)},
      }
    })
}

function closers(range: Range): CompletionItem[] {
  return directives.filter(isPaired).map((name) => ({label: `/${name}`, filterText: name, kind: CompletionItemKind.Struct, textEdit: {range, newText: `${name}}`}}))
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
