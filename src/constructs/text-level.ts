/**
 * The text-level directives other than `{include}`: applied to raw text
 * before Markdown parsing, in code too (`src/expand/expand.ts`).
 * - `{ifdef(public, private)}` … `{/ifdef}` keeps its text for the build
 *   targets listed, `{ifndef(…)}` for the others;
 * - `{includetag(name)}` … `{/includetag}` marks a region a page can include alone;
 * - `{var(name)}` prints a variable of `<lang>.meta.json` for the build target.
 */
import type {VarDirective} from '../ast.js'
import type {Construct} from './types.js'
import {argsText, commaList} from './values.js'

const conditionSyntax = {args: 'required', argsMeaning: 'build targets', argsKind: 'build-targets', argsNonEmpty: true, attributes: {}, closed: true} as const

export const ifdef: Construct = {
  name: 'ifdef',
  level: 'text',
  summary: 'Text kept only for the build targets listed.',
  syntax: conditionSyntax,
  fields: ({args}) => ({targets: commaList(argsText(args))}),
}

export const ifndef: Construct = {
  name: 'ifndef',
  level: 'text',
  summary: 'Text kept for every build target but those listed.',
  syntax: conditionSyntax,
  fields: ({args}) => ({targets: commaList(argsText(args))}),
}

export const includetag: Construct = {
  name: 'includetag',
  level: 'text',
  summary: 'A region of a fragment that `{include(…)[tags=…]}` can select.',
  syntax: {args: 'required', argsMeaning: 'region names', argsKind: 'include-tags', argsNonEmpty: true, attributes: {}, closed: true},
  fields: ({args}) => ({names: commaList(argsText(args))}),
}

export const variable: Construct = {
  name: 'var',
  level: 'text',
  summary: 'The value of a variable of `<lang>.meta.json` for the build target.',
  syntax: {args: 'required', argsMeaning: 'variable name', argsKind: 'variable', argsNonEmpty: true, attributes: {}},
  fields: ({args}) => ({variable: argsText(args)}),
  // A variable the expansion could not replace (no tree, no value) shows its name.
  lowering: {leaf: (_kit, node, position) => ({type: 'text', value: (node as VarDirective).variable, position})},
}
