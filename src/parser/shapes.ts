/**
 * What each directive name accepts (spec §3): whether it takes ARGS, a
 * `:variant`, and which attribute keys. The grammar accepts every shape;
 * `build-ast.ts` checks a directive against its entry here.
 */
import type {DirectiveName} from '../ast.js'

/** What one directive name accepts. */
export interface DirectiveShape {
  /** `required`: `(…)` must be present; `none`: it must not be. */
  args: 'required' | 'none'
  /** The ARGS may not be blank (an empty `{heading()}` is a defect). */
  argsNonEmpty?: true
  /** What the ARGS hold, for messages. */
  argsMeaning?: string
  /** `{note:TYPE}` only. */
  variant?: true
  /** The attribute keys the name understands (others are reported). */
  attributes: readonly string[]
}

/** One entry per directive name, alphabetical. */
export const directiveShapes = {
  caption: {args: 'required', argsMeaning: 'title', attributes: ['align', 'position', 'id', 'number']},
  const: {args: 'required', argsMeaning: 'counter id', argsNonEmpty: true, attributes: []},
  counter: {args: 'required', argsMeaning: 'counter name', argsNonEmpty: true, attributes: ['id']},
  cut: {args: 'required', argsMeaning: 'title', attributes: []},
  formula: {args: 'none', attributes: []},
  heading: {args: 'required', argsMeaning: 'title', argsNonEmpty: true, attributes: ['id']},
  ifdef: {args: 'required', argsMeaning: 'build targets', argsNonEmpty: true, attributes: []},
  ifndef: {args: 'required', argsMeaning: 'build targets', argsNonEmpty: true, attributes: []},
  include: {args: 'required', argsMeaning: 'path', argsNonEmpty: true, attributes: ['tags', 'level']},
  includetag: {args: 'required', argsMeaning: 'region names', argsNonEmpty: true, attributes: []},
  linkto: {args: 'required', argsMeaning: 'target', argsNonEmpty: true, attributes: ['text']},
  note: {args: 'none', variant: true, attributes: []},
  params: {args: 'none', attributes: ['width', 'height', 'noBorder', 'printWidth']},
  tab: {args: 'required', argsMeaning: 'title', attributes: []},
  tabs: {args: 'none', attributes: []},
  var: {args: 'required', argsMeaning: 'variable name', argsNonEmpty: true, attributes: []},
  video: {args: 'required', argsMeaning: 'URL', argsNonEmpty: true, attributes: ['type']},
} as const satisfies Record<DirectiveName, DirectiveShape>

/** Attribute keys whose values are free text (where `=` is an ordinary character). */
export const freeTextAttributes: ReadonlySet<string> = new Set(['text'])

/** The note types that render (spec §3.8). */
export const noteTypes: ReadonlySet<string> = new Set(['info', 'warn', 'err'])
