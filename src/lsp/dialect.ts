/**
 * What the language server knows about the dialect's constructs, read from
 * the construct registry (`src/constructs/`): names, summaries, which take
 * `(…)`, a `:variant` or a closer, what their arguments and attributes hold
 * (`ValueKind`) and which values an editor offers. Every other module of the
 * server asks here, never the registry directly.
 */
import {constructOf, directiveNameList, isTextLevelName, type AttributeSchema, type DirectiveSyntax, type ValueKind} from '../constructs/index.js'

export type {AttributeSchema, ValueKind}

/** Every directive name (the dialect's own and registered extensions). */
export function directives(): readonly string[] {
  return directiveNameList()
}

function syntaxOf(name: string): DirectiveSyntax | undefined {
  return constructOf(name)?.syntax
}

/** Whether `name` is written as a directive. */
export function isDirective(name: string): boolean {
  return syntaxOf(name) !== undefined
}

/** One line saying what a construct is. */
export function summaryOf(name: string): string {
  return constructOf(name)?.summary ?? ''
}

/** Directives that act before Markdown is parsed, so also inside code (`{var}`, `{include}`, conditions). */
export function actsInCode(name: string): boolean {
  return isTextLevelName(name)
}

/** Directives written as an opener and a `{/name}` closer. */
export function isPaired(name: string): boolean {
  return syntaxOf(name)?.closed === true
}

/** What the `(…)` of a directive holds, in words (`path`, `target`), or `null` when it takes none. */
export function argumentMeaning(name: string): string | null {
  const syntax = syntaxOf(name)
  return !syntax || syntax.args === 'none' ? null : (syntax.argsMeaning ?? 'argument')
}

/** What the `(…)` of a directive holds, as a kind of value (`page-target`, `variable`). */
export function argumentKind(name: string): ValueKind | undefined {
  return syntaxOf(name)?.argsKind
}

/** The values of a directive's `:variant` (`{note:info}`), or none. */
export function variantValues(name: string): readonly string[] {
  return syntaxOf(name)?.variant?.values ?? []
}

/** The attribute keys a directive understands, with what each holds, in the order they are written. */
export function attributesOf(name: string): Readonly<Record<string, AttributeSchema>> {
  return syntaxOf(name)?.attributes ?? {}
}

/**
 * A snippet (LSP snippet syntax) completing `name` right after its `{`:
 * `linkto(${1:target})[text=${2:%text}]}`, `note:${1|info,warn,err|}}` and a
 * closer on its own line for paired directives. Attributes are left out but
 * for a free-text one (linkto's `text=`), which a well-formed directive needs.
 */
export function snippetFor(name: string): string {
  const syntax = syntaxOf(name)
  let head = name
  let stop = 1
  if (syntax?.variant) head += `:\${${stop++}|${syntax.variant.values.join(',')}|}`
  if (syntax?.args === 'required') head += `(\${${stop++}:${argumentMeaning(name)}})`
  const free = Object.entries(syntax?.attributes ?? {}).find(([, schema]) => schema.freeText)
  if (free) head += `[${free[0]}=\${${stop++}:%text}]`
  head += '}'
  return isPaired(name) ? `${head}\n$0\n{/${name}}` : `${head}$0`
}
