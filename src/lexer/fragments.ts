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

/**
 * The shape of an extension name (`x-badge`: lower-case words joined by `-`);
 * whether such a name is registered is decided when lexing (`tokens.ts`).
 */
const extensionName = '[a-z][a-z\\d]*(?:-[a-z\\d]+)+'

/** The named pieces, for `{{name}}` placeholders in `pattern()`. */
export const fragments = {
  directiveName,
  extensionName,
  /** What may follow a directive name: `(` ARGS, `[` ATTRS, `:` variant or `}` (spec §2). */
  afterName: '(?=[(\\[:}])',
  /** What may follow `{/name` when the closer is malformed: `{/ifdef(public)}`. */
  afterCloseName: '(?=[(\\[:])',
  /**
   * After a `{`: what may make it a directive or a closer rather than text. A
   * text run also stops before an extension-shaped name; if no extension of
   * that name is registered, `ExtensionLikeBrace` takes the `{` as text.
   */
  directiveOrCloser: `\\/?(?:${directiveName}|${extensionName})[(\\[:}]`,
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
