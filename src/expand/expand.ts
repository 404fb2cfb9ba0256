/**
 * The text-level layer: includes, include regions, conditions and variables
 * are applied to the raw text of a page for one build target, before any
 * Markdown is parsed (spec §1, §5; `design/architecture.md`). The result is
 * the expanded text plus a `SourceMap` back to the files it came from.
 *
 * Why on text, not on a tree: conditions straddle block boundaries (a
 * condition may wrap only the opener of a `{caption}`), regions sit inside
 * code fences, and included fragments must be re-indented line by line to
 * land inside the list item that includes them.
 */
import type {DirectiveNode, IfdefDirective, IncludeDirective, InlineContent, Root} from '../ast.js'
import {resolveLimits, type Limits} from '../diagnostics/limits.js'
import {report, type VkdocMessage} from '../diagnostics/report.js'
import {parse} from '../parser/index.js'
import {ExpansionBuilder, type ChainLink, type SourceMap} from './source-map.js'

/** What an include resolver returns for `{include(path)}` written in `fromFile`. */
export type IncludeResolution =
  | {file: string; source: string; tree?: Root; warning?: {code: 'include-cross-language'; reason: string}}
  | {error: 'not-found' | 'outside-root' | 'cycle'; reason: string}

export interface ExpandOptions {
  /** The file name used in the map and in messages (default `'input.md'`). */
  file?: string
  /** The build target conditions are evaluated for (default `'public'`). */
  target?: string
  /**
   * Variable values: a record, or a function (name → value). `undefined` for a
   * name means "no value": the `{var}` is left for the lowering to show.
   */
  variables?: Readonly<Record<string, string>> | ((name: string) => string | undefined)
  /** Resolves includes; without it, includes are left in place (rendered as placeholders). */
  resolveInclude?: (path: string, fromFile: string) => IncludeResolution
  /** Already-parsed tree of the page source (saves a parse). */
  tree?: Root
  /** Report variables with no value (default: only when `variables` is given). */
  reportUndefinedVariables?: boolean
  /** Budgets (include depth and count, expanded size, nesting, diagnostics…); see `Limits`. */
  limits?: Limits
}

export interface Expanded {
  text: string
  map: SourceMap
  messages: VkdocMessage[]
  /** Files read through includes, for dependency tracking. */
  includes: string[]
}

interface Frame {
  file: string
  source: string
  chain: readonly ChainLink[]
  /** Indentation to add after every newline of this file's text (include splice). */
  indent: string
  /** `tags=` selection, or null for "everything". */
  tags: ReadonlySet<string> | null
  /** Heading level shift (`level=+N`). */
  level: number
  /** Active files, for cycle detection. */
  active: ReadonlySet<string>
}

interface State {
  builder: ExpansionBuilder
  target: string
  options: ExpandOptions
  messages: VkdocMessage[]
  includes: string[]
  /** Condition stack across the whole expansion: true = this level keeps its text. */
  conditions: Array<{keep: boolean; node: IfdefDirective; file: string}>
  /** Depth of `{includetag}` regions being dropped. */
  droppedRegions: number
  limits: Readonly<Required<Limits>>
  /** Include splices made so far in this render. */
  spliced: number
  /** Upper bounds of what each fragment expands to (see `expansionCost`), by file. */
  costs: Map<string, Cost>
}

/** An upper bound of a fragment's expansion: characters and include splices, nested includes counted in full. */
interface Cost {
  chars: number
  includes: number
}

/** Expand one page (or fragment) source for a build target. */
export function expand(source: string, options: ExpandOptions = {}): Expanded {
  const file = options.file ?? 'input.md'
  const state: State = {
    builder: new ExpansionBuilder(),
    target: options.target ?? 'public',
    options,
    messages: [],
    includes: [],
    conditions: [],
    droppedRegions: 0,
    limits: resolveLimits(options.limits),
    spliced: 0,
    costs: new Map(),
  }
  const tree = options.tree ?? parse(source, {file}).tree
  const frame: Frame = {file, source, chain: [], indent: '', tags: null, level: 0, active: new Set([file])}
  emitChildren(state, frame, tree.children, 0, source.length)
  for (const open of state.conditions) {
    state.messages.push(
      report('unclosed-block', `Unexpected end of file, expected \`{/${open.node.name}}\` to close \`{${open.node.name}(${open.node.targets.join(',')})}\``, open.node.position, {file: open.file}),
    )
  }
  const {text, map} = state.builder.finish()
  return {text, map, messages: state.messages, includes: state.includes}
}

function keeping(state: State): boolean {
  if (state.droppedRegions > 0) return false
  for (const condition of state.conditions) if (!condition.keep) return false
  return true
}

/** Copy `[start, end)` of the frame's source, re-indenting lines and shifting headings as the frame requires. */
function copy(state: State, frame: Frame, start: number, end: number): void {
  if (end <= start || !keeping(state)) return
  if (frame.indent === '' && frame.level === 0) {
    state.builder.copy(frame.source, frame.file, start, end, frame.chain)
    return
  }
  let position = start
  while (position < end) {
    const atLineStart = position === 0 || frame.source.charCodeAt(position - 1) === 10
    if (atLineStart && position > 0 && frame.indent !== '') {
      const blank = frame.source.charCodeAt(position) === 10 || frame.source.charCodeAt(position) === 13
      // Blank lines stay blank: trailing spaces on them would change nothing but noise.
      if (!blank) state.builder.insert(frame.indent, frame.file, position, position, frame.chain)
    }
    if (atLineStart && frame.level > 0) shiftHeading(state, frame, position, end)
    const newline = frame.source.indexOf('\n', position)
    const lineEnd = newline === -1 || newline >= end ? end : newline + 1
    state.builder.copy(frame.source, frame.file, position, lineEnd, frame.chain)
    position = lineEnd
  }
}

const atxHeading = /^ {0,3}(#{1,6})(?=[ \t]|$)/

/** `level=+N`: an ATX heading line of an included fragment gets N more `#`. */
function shiftHeading(state: State, frame: Frame, position: number, end: number): void {
  const lineEnd = frame.source.indexOf('\n', position)
  const line = frame.source.slice(position, lineEnd === -1 || lineEnd > end ? end : lineEnd)
  const match = atxHeading.exec(line)
  if (!match) return
  const depth = match[1]!.length
  const added = Math.min(6, depth + frame.level) - depth
  if (added > 0) state.builder.insert('#'.repeat(added), frame.file, position, position, frame.chain)
}

/**
 * Emit the nodes of `[start, end)`: copy text, act on text-level directives,
 * and copy other directives — piecewise when a condition or variable sits
 * inside their arguments (`{tab(Личный кабинет{ifdef(s3)} IAM{/ifdef})}`).
 */
function emitChildren(state: State, frame: Frame, nodes: readonly InlineContent[], start: number, end: number): void {
  let cursor = start
  for (const node of nodes) {
    const nodeStart = node.position.start.offset!
    const nodeEnd = node.position.end.offset!
    if (node.type === 'text') continue
    if (node.context !== 'comment' && isLineMarker(node)) {
      // A marker alone on its line disappears with its line, so `{ifdef}` lines
      // leave no blank line behind (a tight list stays tight).
      const line = aloneOnLine(frame.source, nodeStart, nodeEnd)
      copy(state, frame, cursor, line ? line[0] : nodeStart)
      cursor = line ? line[1] : nodeEnd
    } else {
      copy(state, frame, cursor, nodeStart)
      cursor = nodeEnd
    }
    if (node.context === 'comment') {
      // Commented-out content is copied verbatim; the comment is dropped later as a whole.
      copy(state, frame, nodeStart, nodeEnd)
      continue
    }
    if (node.type === 'close') {
      closeTextLevel(state, frame, node.name, node.position, nodeStart, nodeEnd)
      continue
    }
    if (node.malformed) {
      copy(state, frame, nodeStart, nodeEnd)
      continue
    }
    switch (node.name) {
      case 'ifdef':
      case 'ifndef': {
        if (state.droppedRegions === 0) {
          const listed = node.targets.includes(state.target)
          state.conditions.push({keep: node.name === 'ifdef' ? listed : !listed, node, file: frame.file})
        }
        break
      }
      case 'includetag': {
        const dropped = frame.tags !== null && !node.names.some((name) => frame.tags!.has(name))
        regionStack(frame).push(dropped)
        if (dropped) state.droppedRegions++
        break
      }
      case 'var': {
        if (!keeping(state)) break
        const value = variableValue(state.options, node.variable)
        if (value === undefined) {
          if (state.options.reportUndefinedVariables ?? state.options.variables !== undefined) {
            state.messages.push(report('var-undefined', `Unexpected variable \`${node.variable}\`, expected one defined in the language meta file`, node.position, {file: frame.file, targets: [state.target]}))
          }
          copy(state, frame, nodeStart, nodeEnd)
        } else {
          state.builder.insert(value, frame.file, nodeStart, nodeEnd, frame.chain)
        }
        break
      }
      case 'include': {
        if (node.context !== 'text' || !state.options.resolveInclude) {
          copy(state, frame, nodeStart, nodeEnd)
          break
        }
        if (keeping(state)) include(state, frame, node)
        break
      }
      default:
        emitDirective(state, frame, node)
    }
  }
  copy(state, frame, cursor, end)
}

/** Region nesting per frame (regions are never nested in the corpus, but a stack keeps a stray close harmless). */
const regionStacks = new WeakMap<Frame, boolean[]>()
function regionStack(frame: Frame): boolean[] {
  let stack = regionStacks.get(frame)
  if (!stack) regionStacks.set(frame, (stack = []))
  return stack
}

function closeTextLevel(state: State, frame: Frame, name: string, position: DirectiveNode['position'], start: number, end: number): void {
  if (name === 'ifdef' || name === 'ifndef') {
    if (state.droppedRegions === 0) {
      const top = state.conditions[state.conditions.length - 1]
      if (top && top.node.name === name && top.file === frame.file) state.conditions.pop()
      else if (top && top.file === frame.file) {
        // `{/ifdef}` closing an `{ifndef}`: they close independently (spec §3.6); pop the nearest of that name.
        const index = findLastIndex(state.conditions, (open) => open.node.name === name && open.file === frame.file)
        if (index === -1) state.messages.push(report('stray-close', `Unexpected \`{/${name}}\`, no \`{${name}(…)}\` is open`, position, {file: frame.file}))
        else state.conditions.splice(index, 1)
      } else {
        state.messages.push(report('stray-close', `Unexpected \`{/${name}}\`, no \`{${name}(…)}\` is open in this file`, position, {file: frame.file}))
      }
    }
    return
  }
  if (name === 'includetag') {
    const dropped = regionStack(frame).pop()
    if (dropped) state.droppedRegions--
    return
  }
  copy(state, frame, start, end)
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let index = items.length - 1; index >= 0; index--) if (test(items[index]!)) return index
  return -1
}

const lineMarkers = new Set(['ifdef', 'ifndef', 'includetag'])

/** Condition and region markers (and their closers) vanish with their line when alone on it. */
function isLineMarker(node: InlineContent): boolean {
  return node.type !== 'text' && lineMarkers.has(node.name)
}

/** `[lineStart, afterLineBreak)` when only spaces surround `[start, end)` on its line, else null. */
export function aloneOnLine(source: string, start: number, end: number): [number, number] | null {
  let lineStart = start
  while (lineStart > 0 && (source.charCodeAt(lineStart - 1) === 32 || source.charCodeAt(lineStart - 1) === 9)) lineStart--
  // Line endings are LF, CR LF or a lone CR, as in CommonMark.
  if (lineStart > 0 && source.charCodeAt(lineStart - 1) !== 10 && source.charCodeAt(lineStart - 1) !== 13) return null
  let lineEnd = end
  while (lineEnd < source.length && (source.charCodeAt(lineEnd) === 32 || source.charCodeAt(lineEnd) === 9)) lineEnd++
  if (lineEnd === source.length) return [lineStart, lineEnd]
  const ending = source.charCodeAt(lineEnd)
  if (ending === 10) return [lineStart, lineEnd + 1]
  if (ending !== 13) return null
  return [lineStart, source.charCodeAt(lineEnd + 1) === 10 ? lineEnd + 2 : lineEnd + 1]
}

function variableValue(options: ExpandOptions, name: string): string | undefined {
  const variables = options.variables
  if (!variables) return undefined
  if (typeof variables === 'function') return variables(name)
  return Object.hasOwn(variables, name) ? variables[name] : undefined
}

/** Copy a non-text-level directive, expanding text-level directives nested in its arguments. */
function emitDirective(state: State, frame: Frame, node: DirectiveNode): void {
  const start = node.position.start.offset!
  const end = node.position.end.offset!
  const nested: InlineContent[] = []
  if (node.args) nested.push(...node.args.children)
  if (node.attributes) for (const attribute of node.attributes) nested.push(...attribute.value.children)
  if (!nested.some((child) => child.type !== 'text')) {
    copy(state, frame, start, end)
    return
  }
  nested.sort((a, b) => a.position.start.offset! - b.position.start.offset!)
  emitChildren(state, frame, nested, start, end)
}

/** Splice an included fragment, re-indented to the include line, with regions selected and headings shifted. */
function include(state: State, frame: Frame, node: IncludeDirective): void {
  const resolve = state.options.resolveInclude!
  const start = node.position.start.offset!
  const resolution = frame.active.has(node.path) ? {error: 'cycle' as const, reason: 'includes itself'} : resolve(node.path, frame.file)
  if ('error' in resolution) {
    const code = resolution.error === 'cycle' ? 'include-cycle' : resolution.error === 'outside-root' ? 'include-outside-root' : 'include-not-found'
    state.messages.push(report(code, `Cannot include \`${node.path}\`: ${resolution.reason}`, node.position, {file: frame.file}))
    copy(state, frame, start, node.position.end.offset!)
    return
  }
  if (resolution.warning) state.messages.push(report(resolution.warning.code, resolution.warning.reason, node.position, {file: frame.file}))
  if (frame.active.has(resolution.file)) {
    state.messages.push(report('include-cycle', `Unexpected include of \`${resolution.file}\`, which is already being included (a cycle)`, node.position, {file: frame.file}))
    copy(state, frame, start, node.position.end.offset!)
    return
  }
  if (!withinBudget(state, frame, node, resolution)) {
    copy(state, frame, start, node.position.end.offset!)
    return
  }
  state.spliced++
  state.includes.push(resolution.file)
  // The include line's indentation goes before every following line of the fragment.
  let lineStart = start
  while (lineStart > 0 && frame.source.charCodeAt(lineStart - 1) !== 10) lineStart--
  const lead = /^[ \t]*/.exec(frame.source.slice(lineStart, start))![0]
  const tree = resolution.tree ?? parse(resolution.source, {file: resolution.file}).tree
  const child: Frame = {
    file: resolution.file,
    source: resolution.source,
    chain: [...frame.chain, {file: frame.file, offset: start}],
    indent: frame.indent + lead,
    tags: node.tags ? new Set(node.tags) : null,
    level: frame.level + (node.level ?? 0),
    active: new Set([...frame.active, resolution.file]),
  }
  const depth = state.conditions.length
  const source = resolution.source
  // A fragment's final newline ends the include line itself; inline includes splice as plain strings.
  let fragmentEnd = source.length
  const after = node.position.end.offset!
  const includeAloneAtLineEnd = after >= frame.source.length || frame.source.charCodeAt(after) === 10 || frame.source.charCodeAt(after) === 13
  if (includeAloneAtLineEnd && source.endsWith('\n')) fragmentEnd = source.endsWith('\r\n') ? source.length - 2 : source.length - 1
  emitChildren(state, child, tree.children.filter((n) => n.position.start.offset! < fragmentEnd), 0, fragmentEnd)
  if (node.tags && !hasRegion(tree, node.tags)) {
    state.messages.push(report('include-tag-not-found', `Unexpected tags \`${node.tags.join(',')}\`, \`${resolution.file}\` has no \`{includetag}\` region with ${node.tags.length > 1 ? 'any of these names' : 'this name'}`, node.position, {file: frame.file}))
  }
  if (state.conditions.length !== depth) {
    state.messages.push(report('unbalanced-condition-in-include', `Unexpected unbalanced condition in the text included from \`${resolution.file}\``, node.position, {file: frame.file, targets: [state.target]}))
    state.conditions.length = Math.min(depth, state.conditions.length)
  }
}

function hasRegion(tree: Root, tags: readonly string[]): boolean {
  for (const node of tree.children) {
    if (node.type === 'directive' && node.name === 'includetag' && node.names.some((name) => tags.includes(name))) return true
  }
  return false
}

/**
 * Whether splicing `resolution` keeps the render within its include budgets:
 * depth of the include chain, number of splices and expanded size. The size
 * and count are judged before anything is spliced, from the memoised upper
 * bound of the fragment's whole expansion, so a fan-out of ten includes per
 * level or a diamond of fragments each including the next two is refused at
 * its top in linear time, not expanded until memory runs out.
 */
function withinBudget(state: State, frame: Frame, node: IncludeDirective, resolution: {file: string; source: string; tree?: Root}): boolean {
  const {maxIncludeDepth, maxIncludes, maxExpandedSize} = state.limits
  const place = {file: frame.file}
  if (frame.chain.length + 1 > maxIncludeDepth) {
    state.messages.push(report('include-depth-limit', `Cannot include \`${resolution.file}\`: includes nest more than ${maxIncludeDepth} deep here (\`limits.maxIncludeDepth\`)`, node.position, place))
    return false
  }
  const cost = expansionCost(state, resolution.file, resolution.source, resolution.tree, new Set(frame.active))
  const includes = state.spliced + 1 + cost.includes
  const chars = state.builder.offset + cost.chars
  if (includes <= maxIncludes && chars <= maxExpandedSize) return true
  const why =
    includes > maxIncludes
      ? `the page would splice up to ${includes} includes, expected at most ${maxIncludes} (\`limits.maxIncludes\`)`
      : `the page would grow to up to ${chars} characters, expected at most ${maxExpandedSize} (\`limits.maxExpandedSize\`)`
  state.messages.push(report('include-limit', `Cannot include \`${resolution.file}\`: ${why}`, node.position, place))
  return false
}

/**
 * Upper bound of what `file` expands to: its length plus, for every include
 * in text context (whatever the conditions and tags), the bound of the
 * included fragment. Memoised per file for the render, so shared fragments
 * are costed once; a fragment on the current chain counts 0 (the walk
 * reports the cycle). Iterative over an explicit stack: include chains may
 * be long.
 */
function expansionCost(state: State, file: string, source: string, tree: Root | undefined, active: Set<string>): Cost {
  const known = state.costs.get(file)
  if (known) return known
  const resolve = state.options.resolveInclude!
  interface Pending {
    file: string
    source: string
    tree: Root
    children: Array<{file: string; source: string; tree?: Root}>
    next: number
  }
  const open = (entry: {file: string; source: string; tree?: Root}): Pending => {
    const parsed = entry.tree ?? parse(entry.source, {file: entry.file}).tree
    const children: Pending['children'] = []
    for (const child of parsed.children) {
      if (child.type !== 'directive' || child.name !== 'include' || child.context !== 'text' || child.malformed) continue
      const resolved = resolve(child.path, entry.file)
      if ('file' in resolved) children.push(resolved)
    }
    return {file: entry.file, source: entry.source, tree: parsed, children, next: 0}
  }
  const stack: Pending[] = [open({file, source, tree})]
  active.add(file)
  const saturate = (value: number): number => Math.min(value, Number.MAX_SAFE_INTEGER)
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!
    if (top.next < top.children.length) {
      const child = top.children[top.next++]!
      if (state.costs.has(child.file) || active.has(child.file)) continue
      active.add(child.file)
      stack.push(open(child))
      continue
    }
    stack.pop()
    active.delete(top.file)
    let chars = top.source.length
    let includes = 0
    for (const child of top.children) {
      const cost = state.costs.get(child.file)
      if (!cost) continue
      chars = saturate(chars + cost.chars)
      includes = saturate(includes + 1 + cost.includes)
    }
    state.costs.set(top.file, {chars, includes})
  }
  return state.costs.get(file) ?? {chars: source.length, includes: 0}
}
