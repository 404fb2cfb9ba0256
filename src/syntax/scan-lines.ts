/**
 * The line-level rules of the text scan (`scan.ts`): whitespace measured in
 * columns (tabs to the next multiple of four, consumed in part where a
 * container needs fewer), and the start and end conditions of CommonMark's
 * blocks — list items, fences, HTML blocks of kinds 1–7, thematic breaks,
 * headings, setext underlines, GFM table rows and footnote labels.
 */
import {htmlBlockNames, htmlRawNames} from 'micromark-util-html-tag-name'

/** Where a line is being read: `partial` columns of the tab at `offset` are still unconsumed. */
export interface Cursor {
  offset: number
  column: number
  partial: number
}

export const space = 32
export const tab = 9
export const lineFeed = 10
export const carriageReturn = 13

const blockNames = new Set(htmlBlockNames)
const rawStart = new RegExp(`^<(?:${htmlRawNames.join('|')})(?=[ \t>]|$)`, 'i')
const rawEnd = new RegExp(`</(?:${htmlRawNames.join('|')})>`, 'i')
const htmlEnds: ReadonlyArray<RegExp | string | null> = [null, rawEnd, '-->', '?>', '>', ']]>']
export const thematicBreak = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/
export const setextUnderline = /^(?:=+|-+)[ \t]*$/
export const atxHeading = /^#{1,6}(?=[ \t]|$)/
export const footnoteLabel = /^\[\^[^\]\s]{1,999}\]:/
const attribute = String.raw`(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^ \t"'=<>\x60]+|'[^'\n\r]*'|"[^"\n\r]*"))?)`
const completeTag = new RegExp(String.raw`^(?:<[A-Za-z][A-Za-z0-9-]*${attribute}*[ \t]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$`)
export const delimiterCell = /^[ \t]*:?-+:?[ \t]*$/

/** Width of the whitespace at `cursor` and the first other offset (and its column). */
export function measure(text: string, cursor: Cursor, lineEnd: number): {width: number; first: number; firstColumn: number} {
  let width = cursor.partial
  let offset = cursor.partial > 0 ? cursor.offset + 1 : cursor.offset
  let column = cursor.column + cursor.partial
  while (offset < lineEnd) {
    const code = text.charCodeAt(offset)
    if (code === space) {
      width++
      column++
    } else if (code === tab) {
      const step = 4 - (column % 4)
      width += step
      column += step
    } else break
    offset++
  }
  return {width, first: offset, firstColumn: column}
}

/** Consume `columns` columns of whitespace at `cursor` (a tab may be split). */
export function consume(text: string, cursor: Cursor, columns: number, lineEnd: number): void {
  let left = columns
  while (left > 0 && cursor.offset < lineEnd) {
    if (cursor.partial > 0) {
      const take = Math.min(left, cursor.partial)
      cursor.partial -= take
      cursor.column += take
      left -= take
      if (cursor.partial === 0) cursor.offset++
      continue
    }
    const code = text.charCodeAt(cursor.offset)
    if (code === space) {
      cursor.offset++
      cursor.column++
      left--
    } else if (code === tab) {
      const step = 4 - (cursor.column % 4)
      if (step <= left) {
        cursor.offset++
        cursor.column += step
        left -= step
      } else {
        cursor.partial = step - left
        cursor.column += left
        left = 0
      }
    } else return
  }
}

export interface ListItemStart {
  /** Column where the item's content starts. */
  contentColumn: number
  blank: boolean
  cursor: Cursor
}

/** A list item marker at `first` (indented at most three columns), or null. */
export function listItem(text: string, first: number, firstColumn: number, lineEnd: number, interrupting: boolean): ListItemStart | null {
  const code = text.charCodeAt(first)
  let markerEnd = first
  if (code === 45 || code === 43 || code === 42 /* - + * */) markerEnd = first + 1
  else {
    while (markerEnd < lineEnd && markerEnd - first < 9 && text.charCodeAt(markerEnd) >= 48 && text.charCodeAt(markerEnd) <= 57) markerEnd++
    const delimiter = text.charCodeAt(markerEnd)
    if (markerEnd === first || (delimiter !== 46 && delimiter !== 41) /* . ) */) return null
    if (interrupting && text.slice(first, markerEnd) !== '1') return null
    markerEnd++
  }
  const after = text.charCodeAt(markerEnd)
  if (markerEnd < lineEnd && after !== space && after !== tab) return null
  const cursor: Cursor = {offset: markerEnd, column: firstColumn + markerEnd - first, partial: 0}
  const spacing = measure(text, cursor, lineEnd)
  const blank = spacing.first >= lineEnd
  if (blank && interrupting) return null
  if (blank || spacing.width > 4) {
    const contentColumn = cursor.column + 1
    if (!blank) consume(text, cursor, 1, lineEnd)
    return {contentColumn, blank, cursor}
  }
  return {contentColumn: spacing.firstColumn, blank, cursor: {offset: spacing.first, column: spacing.firstColumn, partial: 0}}
}

/** A fence opener at `first`: three or more backticks (no backtick in the info string) or tildes. */
export function fenceOpener(text: string, first: number, lineEnd: number): {marker: number; length: number} | null {
  const marker = text.charCodeAt(first)
  if (marker !== 96 && marker !== 126) return null
  let end = first
  while (end < lineEnd && text.charCodeAt(end) === marker) end++
  if (end - first < 3) return null
  if (marker === 96 && text.slice(end, lineEnd).includes('`')) return null
  return {marker, length: end - first}
}

/** Whether the line from `first` closes a fence of `marker` at least `length` long. */
export function closesFence(text: string, first: number, lineEnd: number, marker: number, length: number): boolean {
  let end = first
  while (end < lineEnd && text.charCodeAt(end) === marker) end++
  if (end - first < length) return false
  for (; end < lineEnd; end++) {
    const code = text.charCodeAt(end)
    if (code !== space && code !== tab) return false
  }
  return true
}

/** The kind (1–7) of the HTML block `line` starts, 0 for none; kind 7 cannot interrupt a paragraph. */
export function htmlStart(line: string, interrupting: boolean): number {
  if (line.charCodeAt(0) !== 60 /* < */) return 0
  if (rawStart.test(line)) return 1
  const name = /^<\/?([A-Za-z][A-Za-z0-9-]*)(?=[ \t>]|\/>|$)/.exec(line)
  if (line.startsWith('<!--')) return 2
  if (line.startsWith('<?')) return 3
  if (/^<![A-Za-z]/.test(line)) return 4
  if (line.startsWith('<![CDATA[')) return 5
  if (name && blockNames.has(name[1]!.toLowerCase())) return 6
  // Opening tags of the raw names are kind 1 above; their closing tags (`</pre>`) are kind 7, as in micromark.
  if (!interrupting && completeTag.test(line)) return 7
  return 0
}

/** Whether the line `[from, lineEnd)` meets the end condition of an HTML block of `kind` (1–5). */
export function endsHtml(text: string, from: number, lineEnd: number, kind: number): boolean {
  const end = htmlEnds[kind]!
  const line = text.slice(from, lineEnd)
  return typeof end === 'string' ? line.includes(end) : end.test(line)
}

/** The cells of a table row: an outer `|` on either side is optional, `\|` is no separator. */
export function splitRow(row: string): string[] {
  const trimmed = row.trim()
  const cells: string[] = []
  let cell = ''
  for (let index = 0; index < trimmed.length; index++) {
    const character = trimmed[index]!
    if (character === '\\' && index + 1 < trimmed.length) {
      cell += character + trimmed[index + 1]
      index++
    } else if (character === '|') {
      cells.push(cell)
      cell = ''
    } else cell += character
  }
  cells.push(cell)
  if (trimmed.startsWith('|')) cells.shift()
  if (trimmed.endsWith('|') && !trimmed.endsWith('\\|') && cells.length > 0) cells.pop()
  return cells
}
