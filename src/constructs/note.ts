/**
 * `{note:info}` … `{/note}` (also `warn`, `err`): a callout. HTML: a
 * `role="note"` box labelled in the page's language; Markdown: a GitHub alert.
 */
import type {Parent} from 'mdast'
import type {Handler} from 'mdast-util-to-hast'
import type {Handle} from 'mdast-util-to-markdown'
import {block, finish, flow, renderContext} from '../render/hast-kit.js'
import {orList, quote} from '../diagnostics/wording.js'
import {uiString} from '../render/ui-strings.js'
import type {Construct, FlowContent} from './types.js'

/** The note types that render (spec §3.8). */
export const noteTypes = ['info', 'warn', 'err'] as const

export type NoteType = (typeof noteTypes)[number]

export interface Note extends Parent {
  type: 'note'
  /** `info`, `warn` or `err`; an unknown type is reported and rendered as `info`. */
  noteType: NoteType
  children: FlowContent[]
}

declare module 'mdast' {
  interface RootContentMap {
    note: Note
  }
  interface BlockContentMap {
    note: Note
  }
}

function isNoteType(value: string): value is NoteType {
  return (noteTypes as readonly string[]).includes(value)
}

/** The GitHub alert words the Markdown output uses. */
const alertMarkers: Readonly<Record<NoteType, string>> = {info: '[!NOTE]', warn: '[!WARNING]', err: '[!CAUTION]'}

const toHast: Handler = (state, node: Note) => {
  const {prefix, lang} = renderContext(state)
  const kind: NoteType = isNoteType(node.noteType) ? node.noteType : 'info'
  const properties = {className: [prefix + 'note', prefix + 'note-' + kind], role: 'note', ariaLabel: uiString(lang, `note-${kind}`)}
  return finish(state, node, block(state, 'div', properties, flow(state, node, node.children)))
}

const toMarkdown: Handle = (node: Note, _parent, state, info) => {
  const exit = state.enter('blockquote')
  const body = state.containerFlow(node, info)
  exit()
  const marker = alertMarkers[isNoteType(node.noteType) ? node.noteType : 'info']
  // A body opening with `---` would turn the marker line into a setext heading.
  const separator = node.children[0]?.type === 'thematicBreak' ? '\n\n' : '\n'
  return state.indentLines(body ? marker + separator + body : marker, (line, _, blank) => '>' + (blank ? '' : ' ') + line)
}

export const note: Construct = {
  name: 'note',
  level: 'block',
  summary: 'A callout: `info`, `warn` or `err`.',
  syntax: {args: 'none', variant: {meaning: 'TYPE', values: noteTypes}, attributes: {}, closed: true},
  fields: ({variant}) => ({noteType: variant ?? ''}),
  check: ({node, variantRange}) => {
    if (node.name !== 'note' || !variantRange || isNoteType(node.noteType)) return []
    return [{code: 'note-unknown-type', reason: `Unexpected note type ${quote(node.noteType)}, expected ${orList(noteTypes)}`, start: variantRange[0], end: variantRange[1]}]
  },
  lowering: {
    block: {
      titled: false,
      build: (_kit, node, _label, children, position) => ({type: 'note', noteType: node.name === 'note' && isNoteType(node.noteType) ? node.noteType : 'info', children, position}),
    },
  },
  hast: {note: toHast},
  markdown: {note: toMarkdown},
}
