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

/** Apply same-length replacements (sorted, non-overlapping) to `text`; author text between them goes through `guard`. */
export function applyReplacements(text: string, replacements: Replacement[], base = 0, guard?: PlaceholderGuard | null): string {
  const swap = guard ? (piece: string) => guard.swap(piece) : (piece: string) => piece
  if (replacements.length === 0) return swap(text)
  const parts: string[] = []
  let cursor = 0
  for (const replacement of replacements) {
    const start = replacement.start - base
    if (start < cursor) continue
    parts.push(swap(text.slice(cursor, start)), replacement.text)
    cursor = replacement.end - base
  }
  parts.push(swap(text.slice(cursor)))
  return parts.join('')
}

/** Placeholder characters in author text, literally or as numeric character references (`&#xE000;`, `&#57344;`). */
const authorPlaceholders = /[\uE000-\uE002]|&#(?:[xX]0*[eE]00[0-2]|0*5734[4-6]);/g
const numericReference = /&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));/g

/**
 * Keeps author text that holds the placeholder characters intact: before
 * the Markdown parse each such character (and each numeric reference to
 * one) is swapped for a private-use character the page holds nowhere, in
 * neither form, and `restore` swaps them back in the finished tree. Every
 * other text passes unchanged; most pages need no guard at all.
 */
export interface PlaceholderGuard {
  /** Author text with its placeholder characters swapped (same length). */
  swap(text: string): string
  /** Put the author's characters back in every string of the tree. */
  restore(tree: object): void
}

/** The guard `text` needs, or null when it holds no placeholder character. */
export function placeholderGuard(text: string): PlaceholderGuard | null {
  authorPlaceholders.lastIndex = 0
  if (!authorPlaceholders.test(text)) return null
  // Substitutes: private-use characters neither written nor referenced anywhere in the text.
  const taken = new Set<number>()
  for (const character of text) taken.add(character.codePointAt(0)!)
  for (const match of text.matchAll(numericReference)) taken.add(match[1] ? Number.parseInt(match[1], 16) : Number(match[2]))
  const substitutes: number[] = []
  for (let code = 0xe003; code <= 0xf8ff && substitutes.length < 3; code++) if (!taken.has(code)) substitutes.push(code)
  if (substitutes.length < 3) return null
  const toSubstitute = new Map<string, string>()
  const toAuthor = new Map<string, string>()
  const pair = (author: string, substitute: string): void => {
    toSubstitute.set(author, substitute)
    toAuthor.set(substitute, author)
  }
  for (let index = 0; index < 3; index++) pair(String.fromCharCode(0xe000 + index), String.fromCodePoint(substitutes[index]!))
  const swap = (piece: string): string =>
    piece.replace(authorPlaceholders, (found) => {
      if (found.length === 1) return toSubstitute.get(found)!
      // A reference: the same spelling (same length) naming the substitute.
      const hex = found[2] === 'x' || found[2] === 'X'
      const digits = found.slice(hex ? 3 : 2, -1)
      const code = hex ? Number.parseInt(digits, 16) : Number(digits)
      const target = substitutes[code - 0xe000]!
      const spelled = (hex ? target.toString(16) : String(target)).padStart(digits.length, '0')
      const reference = found.slice(0, hex ? 3 : 2) + (/[A-F]/.test(digits) ? spelled.toUpperCase() : spelled) + ';'
      pair(found, reference)
      return reference
    })
  return {
    swap,
    restore(tree) {
      // References first: a swapped reference is longer than a swapped character.
      const keys = [...toAuthor.keys()].sort((a, b) => b.length - a.length)
      const pattern = new RegExp(keys.map((key) => key.replace(/[&#;]/g, (character) => '\\' + character)).join('|'), 'g')
      const stack: object[] = [tree]
      while (stack.length > 0) {
        const node = stack.pop() as Record<string, unknown>
        for (const key of Object.keys(node)) {
          const value = node[key]
          if (typeof value === 'string') {
            if (key !== 'type' && pattern.test(value)) node[key] = value.replace(pattern, (found) => toAuthor.get(found) ?? found)
            pattern.lastIndex = 0
          } else if (value && typeof value === 'object' && key !== 'position') stack.push(value)
        }
      }
    },
  }
}
