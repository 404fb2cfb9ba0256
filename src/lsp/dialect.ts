/**
 * What the language server knows about the dialect's constructs: names, which
 * take `(…)`, a `:variant` or a closer, the note types, and what to insert
 * when one is completed. Every other module of the server asks here, so the
 * source of this knowledge can change in this one file.
 */
import {directiveNames, textLevelNames, type DirectiveName} from '../ast.js'
import {directiveShapes, noteTypes as renderedNoteTypes} from '../parser/shapes.js'

export type {DirectiveName}

/** Every directive name, alphabetical. */
export const directives: readonly DirectiveName[] = directiveNames

/** The note types that render (`{note:info}`). */
export const noteTypes: readonly string[] = [...renderedNoteTypes]

/** Directives that act before Markdown is parsed, so also inside code (`{var}`, `{include}`, conditions). */
export function actsInCode(name: DirectiveName): boolean {
  return textLevelNames.has(name)
}

/** Directives written as an opener and a `{/name}` closer. */
const paired: ReadonlySet<DirectiveName> = new Set(['caption', 'cut', 'formula', 'ifdef', 'ifndef', 'includetag', 'note', 'tab', 'tabs'])

export function isPaired(name: string): name is DirectiveName {
  return paired.has(name as DirectiveName)
}

/** What the `(…)` of a directive holds, in words (`path`, `target`), or `null` when it takes none. */
export function argumentMeaning(name: DirectiveName): string | null {
  const shape = directiveShapes[name]
  return shape.args === 'none' ? null : ('argsMeaning' in shape ? shape.argsMeaning : 'argument')
}

/** The attribute keys a directive understands (`text` for `{linkto}`). */
export function attributeKeys(name: DirectiveName): readonly string[] {
  return directiveShapes[name].attributes
}

/**
 * A snippet (LSP snippet syntax) completing `name` right after its `{`:
 * `linkto(${1:target})[text=${2:%text}]}`, `note:${1|info,warn,err|}}` and a
 * closer on its own line for paired directives.
 */
export function snippetFor(name: DirectiveName): string {
  const shape = directiveShapes[name]
  let head = name as string
  let stop = 1
  if ('variant' in shape) head += `:\${${stop++}|${noteTypes.join(',')}|}`
  if (shape.args === 'required') head += `(\${${stop++}:${argumentMeaning(name)}})`
  if (name === 'linkto') head += `[text=\${${stop++}:%text}]`
  head += '}'
  return isPaired(name) ? `${head}\n$0\n{/${name}}` : `${head}$0`
}
