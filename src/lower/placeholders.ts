/**
 * Placeholders: how directive syntax is hidden from CommonMark without
 * moving a single character.
 *
 * Every replacement has exactly the length of what it replaces, so offsets
 * in the placeholder text equal offsets in the expanded text and no second
 * map is needed. Two kinds:
 *
 * - **Block lines** (a block directive alone on its line). A titled opener
 *   (`{cut(T)}`, `{tab(T)}`, `{caption(T)[…]}`) becomes an ATX heading whose
 *   content is the title itself: `{cut(` → `#### `, `)}` → spaces. CommonMark
 *   then keeps it in the right container, lets it interrupt a paragraph, and
 *   parses the title as inline Markdown in the same single pass. Untitled
 *   openers and closers (`{tabs}`, `{note:warn}`, `{/cut}`) become a
 *   processing-instruction HTML block `<?    ?>` (type 3: interrupts a
 *   paragraph, ends on its own line). Multi-line regions (AsciiDoc tables,
 *   formulas) become a one-line HTML comment followed by blank lines.
 * - **Inline runs** (everything else): a run of private-use characters
 *   that CommonMark treats as ordinary text. A run starts with `RUN_START`
 *   and continues with `RUN_FILL`, so adjacent runs stay distinguishable.
 *   `{linkto(x)[text=` and `]}` are separate runs around the link text,
 *   which stays in place and is parsed as inline Markdown in context.
 */

export const RUN_START = '\uE000'
export const RUN_FILL = '\uE001'
/** Ends a heading placeholder's title when the title itself ends in `#` (which ATX would strip). */
export const TITLE_GUARD = '\uE002'

export interface Replacement {
  start: number
  end: number
  text: string
}

/** An inline run of the given length. */
export function inlineRun(length: number): string {
  return length <= 0 ? '' : RUN_START + RUN_FILL.repeat(length - 1)
}

/** `{cut(` → `#### ` (an ATX heading opener of exactly `length` characters, 2–9). */
export function headingOpener(length: number): string {
  const hashes = Math.min(6, Math.max(1, length - 1))
  return '#'.repeat(hashes) + ' '.repeat(length - hashes)
}

/** `{/cut}` → `<?  ?>`: a one-line HTML block of exactly `length` (≥ 4) characters. */
export function blockLine(length: number): string {
  return '<?' + ' '.repeat(Math.max(0, length - 4)) + '?>'
}

/**
 * A multi-line region → a one-line HTML block on its first line, then blank
 * lines (each line keeps its length so offsets hold; blank lines keep list
 * items open).
 */
export function blockRegion(text: string): string {
  const firstBreak = text.indexOf('\n')
  const first = firstBreak === -1 ? text : text.slice(0, firstBreak)
  const indent = /^[ \t]*/.exec(first)![0]
  const body = first.length - indent.length
  const head = indent + (body >= 7 ? '<!--' + ' '.repeat(body - 7) + '-->' : blockLine(Math.max(4, body)).slice(0, body))
  if (firstBreak === -1) return head
  return head + text.slice(firstBreak).replace(/[^\n]/g, ' ')
}

/** Apply same-length replacements (sorted, non-overlapping) to `text`. */
export function applyReplacements(text: string, replacements: Replacement[], base = 0): string {
  if (replacements.length === 0) return text
  const parts: string[] = []
  let cursor = 0
  for (const replacement of replacements) {
    const start = replacement.start - base
    if (start < cursor) continue
    parts.push(text.slice(cursor, start), replacement.text)
    cursor = replacement.end - base
  }
  parts.push(text.slice(cursor))
  return parts.join('')
}
