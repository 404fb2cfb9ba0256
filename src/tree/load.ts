/**
 * The docs tree index: one walk over the tree that finds pages, sections,
 * fragments, build points and variables, and checks what can be checked
 * without parsing Markdown (build targets named in meta files).
 */
import type {Position} from 'unist'
import {report, sortMessages, type VkdocMessage} from '../diagnostics/report.js'
import {LineIndex} from '../syntax/position.js'
import {scanConfigBuildPoints, suggestFrom, type BuildPointSource} from './build-points.js'
import type {FileSystem} from './fs.js'
import {memberOf, parseJson, plainValue, type JsonNode} from './json.js'
import {basenameOf, isUnderIncludes, metaFileOf} from './paths.js'

/** What a folder's meta file says that the index uses. */
interface MetaSummary {
  /** The folder's main meta file (`x/x.meta.json`); `null` when the folder has none. */
  metaFile: string | null
  /**
   * Other meta files in the folder: portal variants such as `spark_data_p.meta.json`,
   * `ru.meta.private.json`, `ru.meta.s3-portal.json`. Their `build` values are checked too.
   */
  alternateMetaFiles: string[]
  /** Root-relative language folder (`ru`). */
  lang: string
  /** Meta `title`, or `null` when absent or not a string. */
  title: string | null
  /** Meta `build.for` as written (strings only), or `null` when the meta has no such list. */
  buildFor: string[] | null
  /** `build.for` contains `dontbuild`: the page is built for no target. */
  dontbuild: boolean
  /** The build points the page is rendered for: `build.for` minus unknown names; none when `dontbuild`. */
  targets: string[]
}

/** A page: a folder `x/` holding `x/x.md`. */
export interface PageEntry extends MetaSummary {
  /** Key of the page: its folder, root-relative (`ru/start/partners/faq`). */
  folder: string
  /** The page's Markdown file (`ru/start/partners/faq/faq.md`). */
  file: string
}

/** A section: a folder with `x/x.meta.json` but no `x/x.md` (language roots are sections too). */
export interface SectionEntry extends MetaSummary {
  folder: string
  metaFile: string
}

/** One variable of `<lang>/<lang>.meta.json`. */
export type VariableDefinition = {
  name: string
  /** The language meta file that defines it. */
  file: string
  /** 1-based line of the variable's key in that file, for diagnostics. */
  line: number
  /** The span of the key in that file. */
  position: Position
} & (
  | {kind: 'text'; value: string}
  | {
      kind: 'per-build-point'
      /** Value per build point; entries without a string `buildPoint` and `value` are left out. */
      values: ReadonlyMap<string, string>
    }
)

/**
 * A meta file the index could not read as intended (not JSON, or `build` of
 * the wrong shape). Each is also a `meta-invalid` diagnostic.
 */
export interface MetaProblem {
  file: string
  reason: string
  position: Position
}

/** The index of one docs tree. Build it with `loadIndex`; read it, do not mutate it. */
export interface DocsIndex {
  /** The file system it was read from; resolvers use it for files outside the loaded languages. */
  readonly fs: FileSystem
  /** Loaded languages (top-level folders `<lang>/` with `<lang>/<lang>.meta.json`). */
  readonly languages: readonly string[]
  /** Every language folder of the tree, loaded or not (for "exists in another language" hints). */
  readonly allLanguages: readonly string[]
  /** Pages by folder key (`ru/start/partners/faq`). */
  readonly pages: ReadonlyMap<string, PageEntry>
  /** Sections by folder key (`ru`, `ru/start`, …). */
  readonly sections: ReadonlyMap<string, SectionEntry>
  /** Every Markdown file under an `_includes/` folder (`ru/_includes/_create-vm.md`). */
  readonly fragments: ReadonlySet<string>
  /** Markdown files that are neither pages nor fragments. */
  readonly otherMarkdown: readonly string[]
  /** Folders holding `<name>.meta.json`: exactly the existing link targets (pages and sections). */
  readonly folders: ReadonlySet<string>
  /** Folders by last segment, for "a page with this name exists at …" hints. */
  readonly foldersByName: ReadonlyMap<string, readonly string[]>
  /**
   * The build points: every name in `points`/`buildPoints` of `config/*.mjs`
   * (in file-name order), then `buildPoint` keys of the loaded languages' variables.
   */
  readonly buildPoints: readonly string[]
  /** Where each build point is declared. */
  readonly buildPointSources: ReadonlyMap<string, readonly BuildPointSource[]>
  /** Variables per language, by name. */
  readonly variables: ReadonlyMap<string, ReadonlyMap<string, VariableDefinition>>
  /**
   * Problems found while loading: `unknown-build-target` in meta `build` lists,
   * `meta-invalid` meta files, `file-unreadable` metas and configs.
   */
  readonly diagnostics: readonly VkdocMessage[]
  /** Meta files that could not be read (see `MetaProblem`). */
  readonly metaProblems: readonly MetaProblem[]
}

/**
 * An index as another thread can take it (a structured clone): all but its file system, which the thread
 * supplies, and its loading diagnostics, which the thread that loaded it reports (messages are class
 * instances, and a clone keeps only their text).
 */
export type PortableIndex = Omit<DocsIndex, 'fs' | 'diagnostics'>

/** The part of `index` a build hands to its worker threads, so that they do not walk the tree again. */
export function portableIndex(index: DocsIndex): PortableIndex {
  const {fs: _fs, diagnostics: _diagnostics, ...portable} = index
  return portable
}

/** A portable index on the taking thread's file system (its diagnostics stay with the thread that loaded it). */
export function indexOn(fs: FileSystem, portable: PortableIndex): DocsIndex {
  return {...portable, fs, diagnostics: []}
}

export interface LoadIndexOptions {
  /** Load only this language folder. Default: every top-level folder with `<lang>.meta.json`. */
  lang?: string
}

/** The place of a problem with a whole file: its first character. */
const fileStart = {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}}

/** Real trees are about ten folders deep; anything past this is a link cycle, not documentation. */
const maxFolderDepth = 64

const metaFilePattern = /^.+\.meta(?:\..+)?\.json$/

/**
 * Walk the tree once and build its index. Reads every folder listing and
 * every `*.meta*.json` of the loaded languages, the language meta files and
 * `config/*.mjs` (as text); never reads Markdown. Never throws on tree
 * content; throws only on bad options.
 */
export function loadIndex(fs: FileSystem, options: LoadIndexOptions = {}): DocsIndex {
  if (options.lang !== undefined && (typeof options.lang !== 'string' || !/^[^/\\.][^/\\]*$/.test(options.lang))) {
    throw new TypeError(`loadIndex: lang must be a folder name, got ${JSON.stringify(options.lang)}`)
  }
  const allLanguages = fs.list('').filter((name) => fs.isFile(`${name}/${name}.meta.json`))
  const languages = options.lang === undefined ? allLanguages : fs.isDirectory(options.lang) ? [options.lang] : []

  const loader = new Loader(fs)
  const variables = new Map<string, ReadonlyMap<string, VariableDefinition>>()
  const variablePoints: {name: string; source: BuildPointSource}[] = []
  for (const lang of languages) {
    const file = `${lang}/${lang}.meta.json`
    const {definitions, points} = loader.readVariables(file)
    variables.set(lang, definitions)
    variablePoints.push(...points)
  }

  const buildPointSources = new Map<string, BuildPointSource[]>()
  const configPoints = fs
    .list('config')
    .filter((name) => name.endsWith('.mjs'))
    .flatMap((name) => {
      const file = `config/${name}`
      const text = fs.readFile(file)
      if (text === undefined) loader.unreadable(file)
      return scanConfigBuildPoints(file, text ?? '')
    })
  for (const {name, source} of [...configPoints, ...variablePoints]) {
    const sources = buildPointSources.get(name)
    if (sources) sources.push(source)
    else buildPointSources.set(name, [source])
  }
  const buildPoints = [...buildPointSources.keys()]
  loader.buildPoints = buildPoints

  for (const lang of languages) loader.walk(lang, lang)

  const foldersByName = new Map<string, string[]>()
  for (const folder of loader.folders) {
    const name = basenameOf(folder)
    const list = foldersByName.get(name)
    if (list) list.push(folder)
    else foldersByName.set(name, [folder])
  }

  return {
    fs,
    languages,
    allLanguages,
    pages: loader.pages,
    sections: loader.sections,
    fragments: loader.fragments,
    otherMarkdown: loader.otherMarkdown,
    folders: loader.folders,
    foldersByName,
    buildPoints,
    buildPointSources,
    variables,
    diagnostics: sortMessages([...loader.diagnostics, ...loader.metaProblems.map((problem) => report('meta-invalid', `Unexpected meta file content: ${problem.reason}; its page or section is built for no target`, problem.position, {file: problem.file}))]),
    metaProblems: loader.metaProblems,
  }
}

interface ParsedMeta {
  file: string
  text: string
  /** The plain JSON value. */
  value: unknown
  /** The same file read with places, once needed. */
  places?: {root: JsonNode; lines: LineIndex}
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The mutable state of one `loadIndex` walk. */
class Loader {
  readonly pages = new Map<string, PageEntry>()
  readonly sections = new Map<string, SectionEntry>()
  readonly fragments = new Set<string>()
  readonly otherMarkdown: string[] = []
  readonly folders = new Set<string>()
  readonly diagnostics: VkdocMessage[] = []
  readonly metaProblems: MetaProblem[] = []
  buildPoints: readonly string[] = []
  private readonly parsedMetas = new Map<string, ParsedMeta | undefined>()

  constructor(private readonly fs: FileSystem) {}

  /** A listed file that could not be read: one diagnostic naming it. */
  unreadable(file: string): void {
    if (!this.fs.isFile(file)) return
    const why = this.fs.readProblem?.(file) ?? 'it cannot be read'
    this.diagnostics.push(report('file-unreadable', `Cannot read \`${file}\`: ${why}`, fileStart, {file}))
  }

  /** Index `folder` and everything below it (no deeper than `maxFolderDepth`: symbolic-link cycles end there). */
  walk(folder: string, lang: string, depth = 0): void {
    if (depth > maxFolderDepth) return
    const name = basenameOf(folder)
    const mainMetaName = `${name}.meta.json`
    const names = this.fs.list(folder)
    const fileNames: string[] = []
    for (const entry of names) {
      const path = `${folder}/${entry}`
      if (this.fs.isDirectory(path)) this.walk(path, lang, depth + 1)
      else fileNames.push(entry)
    }

    const hasPageFile = fileNames.includes(`${name}.md`)
    const hasMainMeta = fileNames.includes(mainMetaName)
    const alternateMetaFiles = fileNames
      .filter((file) => file !== mainMetaName && file.endsWith('.json') && metaFilePattern.test(file))
      .map((file) => `${folder}/${file}`)

    for (const file of fileNames) {
      if (!file.endsWith('.md') || (hasPageFile && file === `${name}.md`)) continue
      const path = `${folder}/${file}`
      if (isUnderIncludes(path)) this.fragments.add(path)
      else this.otherMarkdown.push(path)
    }
    for (const file of alternateMetaFiles) this.readMeta(file)
    if (!hasPageFile && !hasMainMeta) return

    const metaFile = hasMainMeta ? metaFileOf(folder) : null
    if (metaFile) this.folders.add(folder)
    const summary: MetaSummary = {...this.readMeta(metaFile), metaFile, alternateMetaFiles, lang}
    if (hasPageFile) this.pages.set(folder, {folder, file: `${folder}/${name}.md`, ...summary})
    else if (metaFile) this.sections.set(folder, {folder, ...summary, metaFile})
  }

  /** Read a meta file's title and build list, reporting unknown build targets. */
  readMeta(file: string | null): Pick<MetaSummary, 'title' | 'buildFor' | 'dontbuild' | 'targets'> {
    const empty = {title: null, buildFor: null, dontbuild: false, targets: []}
    if (file === null) return empty
    const meta = this.parseMetaFile(file)
    if (!meta) return empty
    const root = meta.value
    const title = isRecord(root) && typeof root.title === 'string' ? root.title : null
    const build = isRecord(root) ? root.build : undefined
    if (build !== undefined && !isRecord(build)) this.problemAt(meta, ['build'], '`build` is not an object')

    let buildFor: string[] | null = null
    for (const key of ['for', 'points']) {
      const list = isRecord(build) ? build[key] : undefined
      if (list === undefined) continue
      if (!Array.isArray(list)) {
        this.problemAt(meta, ['build', key], `\`build.${key}\` is not a list`)
        continue
      }
      const names = this.checkTargets(meta, ['build', key], list)
      if (key === 'for') buildFor = names
    }
    const dontbuild = buildFor?.includes('dontbuild') ?? false
    const targets = dontbuild || !buildFor ? [] : [...new Set(buildFor.filter((name) => this.buildPoints.includes(name)))]
    return {title, buildFor, dontbuild, targets}
  }

  /** The string names of a `build` list; every name that is not a build point is reported at its place. */
  private checkTargets(meta: ParsedMeta, listPath: string[], items: unknown[]): string[] {
    const names: string[] = []
    items.forEach((item, position) => {
      if (typeof item !== 'string') {
        this.problemAt(meta, [...listPath, position], 'a build target that is not a string')
        return
      }
      names.push(item)
      if (item === 'dontbuild' || this.buildPoints.includes(item)) return
      const suggestion = suggestFrom(this.buildPoints, item)
      const reason =
        `${JSON.stringify(item)} is not a build point (known: ${this.buildPoints.join(', ')})` +
        (suggestion ? `; did you mean ${JSON.stringify(suggestion)}?` : '')
      const {span, lines} = this.locate(meta, [...listPath, position])
      this.diagnostics.push(
        report('unknown-build-target', reason, lines.position(span.start, span.end), {
          file: meta.file,
          ...(suggestion ? {fix: {start: span.start, end: span.end, text: JSON.stringify(suggestion)}} : {}),
        }),
      )
    })
    return names
  }

  /** Variables of a language meta file, and the build points their values name. */
  readVariables(file: string): {
    definitions: Map<string, VariableDefinition>
    points: {name: string; source: BuildPointSource}[]
  } {
    const definitions = new Map<string, VariableDefinition>()
    const points: {name: string; source: BuildPointSource}[] = []
    const meta = this.parseMetaFile(file)
    if (!meta || !isRecord(meta.value) || meta.value.variables === undefined) return {definitions, points}
    // Variables need the line of every key: read this file with places.
    const {root, lines} = this.located(meta)
    const variables = memberOf(root, 'variables')?.value
    if (!variables) return {definitions, points}
    if (variables.type !== 'object') {
      this.problem(file, lines, variables, '`variables` is not an object')
      return {definitions, points}
    }
    for (const member of variables.members) {
      const position = lines.position(member.keySpan.start, member.keySpan.end)
      const common = {name: member.key, file, line: position.start.line, position}
      const value = member.value
      if (value.type === 'string') {
        definitions.set(member.key, {...common, kind: 'text', value: value.value})
        continue
      }
      if (value.type !== 'array') {
        this.problem(file, lines, value, `variable ${JSON.stringify(member.key)} is neither a string nor a list`)
        continue
      }
      const values = new Map<string, string>()
      for (const entry of value.items) {
        const point = memberOf(entry, 'buildPoint')?.value
        const text = memberOf(entry, 'value')?.value
        if (point?.type !== 'string' || text?.type !== 'string') {
          this.problem(file, lines, entry, `an entry of variable ${JSON.stringify(member.key)} lacks a string buildPoint or value`)
          continue
        }
        points.push({name: point.value, source: {file, line: lines.point(point.start).line}})
        // The first value given for a point is the one used; later duplicates are ignored.
        if (!values.has(point.value)) values.set(point.value, text.value)
      }
      definitions.set(member.key, {...common, kind: 'per-build-point', values})
    }
    return {definitions, points}
  }

  /**
   * Read a meta file once (language metas are read for variables and again as
   * sections). The native `JSON.parse` gives the values; the positional reader
   * runs only when a place is needed (a problem to report, variable lines).
   */
  private parseMetaFile(file: string): ParsedMeta | undefined {
    if (this.parsedMetas.has(file)) return this.parsedMetas.get(file)
    let meta: ParsedMeta | undefined
    const text = this.fs.readFile(file)
    if (text === undefined) this.unreadable(file)
    else {
      try {
        meta = {file, text, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)}
      } catch {
        const result = parseJson(text)
        if ('error' in result) {
          const lines = new LineIndex(text)
          const at = Math.min(result.error.offset, text.length)
          this.metaProblems.push({file, reason: `not valid JSON: ${result.error.message}`, position: lines.position(at, at)})
        } else {
          // Both readers follow the JSON grammar; should they ever disagree, the positional one decides.
          meta = {file, text, value: plainValue(result.node), places: {root: result.node, lines: new LineIndex(text)}}
        }
      }
    }
    this.parsedMetas.set(file, meta)
    return meta
  }

  /** The meta file read with places (parsed on first need). */
  private located(meta: ParsedMeta): {root: JsonNode; lines: LineIndex} {
    if (!meta.places) {
      const result = parseJson(meta.text)
      // JSON.parse accepted the text, so the positional reader does too; an empty root is a safe fallback.
      const root: JsonNode = 'node' in result ? result.node : {type: 'null', start: 0, end: 0}
      meta.places = {root, lines: new LineIndex(meta.text)}
    }
    return meta.places
  }

  /** The span of the value at `path` (object keys and array indexes) in a meta file. */
  private locate(meta: ParsedMeta, path: (string | number)[]): {span: {start: number; end: number}; lines: LineIndex} {
    const {root, lines} = this.located(meta)
    let node: JsonNode | undefined = root
    for (const step of path) {
      node = typeof step === 'number' ? (node?.type === 'array' ? node.items[step] : undefined) : memberOf(node, step)?.value
    }
    return {span: node ?? {start: 0, end: 0}, lines}
  }

  private problemAt(meta: ParsedMeta, path: (string | number)[], reason: string): void {
    const {span, lines} = this.locate(meta, path)
    this.metaProblems.push({file: meta.file, reason, position: lines.position(span.start, span.end)})
  }

  private problem(file: string, lines: LineIndex, node: JsonNode, reason: string): void {
    this.metaProblems.push({file, reason, position: lines.position(node.start, node.end)})
  }
}
