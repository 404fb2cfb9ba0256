/**
 * `{var(name)}` lookups against the language meta file, and the gaps of
 * per-build-point variables. Whether a gap matters depends on which pages use
 * the variable and for which targets they are built, which needs the pages
 * parsed: the index lists the gaps, the caller (linter, renderer) decides.
 */
import {report, type VkdocMessage} from '../diagnostics/report.js'
import type {DocsIndex, VariableDefinition} from './load.js'

export type VariableLookup = {value: string} | {error: 'undefined' | 'no-value'}

/** A per-build-point variable that has no value for some build points. */
export interface VariableGap {
  name: string
  /** The build points with no value, in the index's build point order. */
  missing: string[]
  /** The language meta file and the 1-based line of the variable's key in it. */
  file: string
  line: number
}

/** The definition of `name` in language `lang`, if any. */
export function variableDefinition(index: DocsIndex, lang: string, name: string): VariableDefinition | undefined {
  return index.variables.get(lang)?.get(name)
}

/**
 * The value `{var(name)}` takes in language `lang` when building `target`:
 * a plain string variable has one value for every target; a list takes the
 * entry whose `buildPoint` is `target`. `undefined`: no such variable
 * (`var-undefined`); `no-value`: a list without an entry for `target`
 * (`var-no-value-for-build`).
 */
export function variableValue(index: DocsIndex, lang: string, name: string, target: string): VariableLookup {
  const definition = variableDefinition(index, lang, name)
  if (!definition) return {error: 'undefined'}
  if (definition.kind === 'text') return {value: definition.value}
  const value = definition.values.get(target)
  return value === undefined ? {error: 'no-value'} : {value}
}

/**
 * Every per-build-point variable of `lang` lacking a value for some build point,
 * in file order. This is not yet a defect: it is one only when a page that uses
 * the variable is built for a missing point. The caller knows usage; it reports
 * with `reportVariableGap`.
 */
export function variableGaps(index: DocsIndex, lang: string): VariableGap[] {
  const gaps: VariableGap[] = []
  for (const definition of index.variables.get(lang)?.values() ?? []) {
    if (definition.kind !== 'per-build-point') continue
    const missing = index.buildPoints.filter((point) => !definition.values.has(point))
    if (missing.length > 0) gaps.push({name: definition.name, missing, file: definition.file, line: definition.line})
  }
  return gaps.sort((a, b) => a.line - b.line)
}

/**
 * The `var-no-value-for-build` message for variable `name` used in a page built
 * for `target`, placed on the variable's key in the language meta file; `null`
 * when the variable is not a per-build-point one or has a value for `target`.
 * `usage` adds the caller's evidence (`103 use(s) … e.g. ru/…/_standalone.md:6`).
 */
export function reportVariableGap(
  index: DocsIndex,
  lang: string,
  name: string,
  target: string,
  usage?: {uses?: number; example?: string},
): VkdocMessage | null {
  const definition = variableDefinition(index, lang, name)
  if (definition?.kind !== 'per-build-point' || definition.values.has(target)) return null
  let reason = `variable '${name}' has per-buildPoint values but none for build point ${target}`
  if (usage?.uses !== undefined) reason += `; ${usage.uses} {var(${name})} use(s) in pages built for ${target}`
  if (usage?.example !== undefined) reason += `${usage.uses === undefined ? '; used' : ','} e.g. ${usage.example}`
  return report('var-no-value-for-build', reason, definition.position, {file: definition.file, targets: [target]})
}
