/**
 * How messages quote what they found ("Unexpected X, expected Y"): one
 * place, so every check words things the same way.
 */

/** What is at `offset`, for "Unexpected X" wording. */
export function describeAt(source: string, offset: number): string {
  if (offset >= source.length) return 'end of file'
  const code = source.charCodeAt(offset)
  if (code === 10 || code === 13) return 'end of line'
  return quote(String.fromCodePoint(source.codePointAt(offset)!))
}

/** Inline-code quoting for messages, shortened to stay readable. */
export function quote(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 39)}…` : text
  return `\`${short.replace(/\r?\n\s*/g, ' ')}\``
}

/** `` `a`, `b` or `c` ``. */
export function orList(items: readonly string[]): string {
  const quoted = items.map((item) => `\`${item}\``)
  if (quoted.length <= 1) return quoted.join('')
  return `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`
}
