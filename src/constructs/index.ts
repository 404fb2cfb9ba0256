/**
 * The construct registry: the dialect's own constructs and the registered
 * extensions, by name. Every name set of the pipeline (directive names, block
 * names, titled blocks, text-level names) and every handler table is derived
 * from here.
 */
import {asciidocTable} from './asciidoc-table/index.js'
import {caption} from './caption.js'
import {constant, counter} from './counter.js'
import {cut} from './cut.js'
import {allExtensions, extensionOf, extensionsVersion} from './extensions.js'
import {formula} from './formula.js'
import {heading} from './heading.js'
import {include} from './include.js'
import {linkto} from './linkto.js'
import {note} from './note.js'
import {params} from './params.js'
import {swagger} from './swagger.js'
import {tab, tabs} from './tabs.js'
import {ifdef, ifndef, includetag, variable} from './text-level.js'
import type {Construct} from './types.js'
import {video} from './video.js'

/** The dialect's own constructs: the 17 directives, then the constructs written otherwise. */
export const builtinConstructs: readonly Construct[] = [
  caption,
  constant,
  counter,
  cut,
  formula,
  heading,
  ifdef,
  ifndef,
  include,
  includetag,
  linkto,
  note,
  params,
  tab,
  tabs,
  variable,
  video,
  swagger,
  asciidocTable,
]

const builtins = new Map(builtinConstructs.map((construct) => [construct.name, construct]))

/** The construct of a directive name (or of a construct without directive syntax, by its name). */
export function constructOf(name: string): Construct | undefined {
  return builtins.get(name) ?? extensionOf(name)
}

/** Every construct: the dialect's own, then registered extensions. */
export function allConstructs(): Construct[] {
  return [...builtinConstructs, ...allExtensions()]
}

interface Derived {
  version: number
  blocks: Set<string>
  titled: Set<string>
  textLevel: Set<string>
  directives: string[]
}

let derived: Derived | undefined

function derive(): Derived {
  const version = extensionsVersion()
  if (derived && derived.version === version) return derived
  const next: Derived = {version, blocks: new Set(), titled: new Set(), textLevel: new Set(), directives: []}
  for (const construct of allConstructs()) {
    if (!construct.syntax) continue
    next.directives.push(construct.name)
    const block = construct.lowering?.block
    if (block) next.blocks.add(construct.name)
    if (block?.titled) next.titled.add(construct.name)
    if (construct.level === 'text') next.textLevel.add(construct.name)
  }
  derived = next
  return next
}

/** Names written as directives (`{name…}`), the dialect's own and extensions. */
export function directiveNameList(): readonly string[] {
  return derive().directives
}

/** Paired block directives (`cut`, `note`, `tabs`, `tab`, `caption`, and block extensions). */
export function isBlockName(name: string): boolean {
  return derive().blocks.has(name)
}

/** Block directives whose ARGS are a title. */
export function isTitledName(name: string): boolean {
  return derive().titled.has(name)
}

/** Directives resolved on raw text before Markdown parsing. */
export function isTextLevelName(name: string): boolean {
  return derive().textLevel.has(name)
}

export {registerConstruct} from './extensions.js'
export type * from './types.js'
