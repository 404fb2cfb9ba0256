/**
 * Named regular-expression pieces the tokens are composed from, so no token
 * pattern is an unnamed regex soup. `pattern` joins fragments (given as
 * `${fragments.x}` placeholders) into one sticky-safe `RegExp`.
 */
import {directiveNames} from '../ast.js'

/** Longest names first, so an alternation never stops at a prefix (`tab` of `tabs`). */
const namesByLength = [...directiveNames].sort((a, b) => b.length - a.length || a.localeCompare(b))

/** One of the 17 directive names (spec §2: only these are directives). */
const directiveName = `(?:${namesByLength.join('|')})`

/** The named pieces, for `{{name}}` placeholders in `pattern()`. */
export const fragments = {
  directiveName,
  /** What may follow a directive name: `(` ARGS, `[` ATTRS, `:` variant or `}` (spec §2). */
  afterName: '(?=[(\\[:}])',
  /** What may follow `{/name` when the closer is malformed: `{/ifdef(public)}`. */
  afterCloseName: '(?=[(\\[:])',
  /** After a `{`: what makes it a directive or a closer rather than text. */
  directiveOrCloser: `\\/?${directiveName}[(\\[:}]`,
} as const

/** Build a `RegExp` from a source with `{{fragment}}` placeholders. */
export function pattern(source: string, flags = ''): RegExp {
  const expanded = source.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const piece = (fragments as Record<string, string>)[name]
    if (piece === undefined) throw new Error(`Unknown lexer fragment \`${name}\``)
    return piece
  })
  return new RegExp(expanded, flags)
}
