/**
 * The editor pane: CodeMirror 6 with line numbers, undo history, line
 * wrapping (documentation prose), squiggles and gutter marks for the
 * diagnostics, and the dialect's directives coloured from vkdoc's own parse
 * (so the colours are exactly what the parser sees, code spans included).
 */
import {EditorState, RangeSetBuilder, StateEffect, StateField} from '@codemirror/state'
import {Decoration, EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, type DecorationSet} from '@codemirror/view'
import {defaultKeymap, history, historyKeymap, indentWithTab} from '@codemirror/commands'
import {lintGutter, setDiagnostics, type Diagnostic} from '@codemirror/lint'
import type {InlineContent, Root as DialectRoot} from '../src/ast.js'
import {isBlockName, isTextLevelName} from '../src/constructs/index.js'
import type {PlaygroundDiagnostic} from './render.js'

const setMarks = StateEffect.define<DecorationSet>()

/** Directive colours, replaced after each parse and mapped through edits in between. */
const directiveMarks = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    for (const effect of transaction.effects) if (effect.is(setMarks)) return effect.value
    return marks.map(transaction.changes)
  },
  provide: (field) => EditorView.decorations.from(field),
})

const markOf = {
  block: Decoration.mark({class: 'vk-syntax-block'}),
  text: Decoration.mark({class: 'vk-syntax-text-level'}),
  inline: Decoration.mark({class: 'vk-syntax-inline'}),
  argument: Decoration.mark({class: 'vk-syntax-argument'}),
}

/** Marks for the directives that act (not the ones quoted in code or comments), nested ones too. */
function marksOf(tree: DialectRoot, length: number): DecorationSet {
  const ranges: Array<{from: number; to: number; mark: Decoration}> = []
  const visit = (nodes: readonly InlineContent[]): void => {
    for (const node of nodes) {
      if (node.type === 'text') continue
      if (node.context !== 'text' && !isTextLevelName(node.name)) continue
      const mark = isTextLevelName(node.name) ? markOf.text : isBlockName(node.name) || node.name === 'formula' ? markOf.block : markOf.inline
      const from = node.position.start.offset ?? 0
      const to = node.position.end.offset ?? from
      if (node.type === 'close' || !node.args) {
        ranges.push({from, to, mark})
      } else {
        // `{name(` and `)…}` in the directive's colour, the argument in its own.
        const argumentFrom = node.args.position.start.offset ?? from
        const argumentTo = node.args.position.end.offset ?? argumentFrom
        ranges.push({from, to: argumentFrom, mark}, {from: argumentFrom, to: argumentTo, mark: markOf.argument}, {from: argumentTo, to, mark})
        visit(node.args.children)
      }
      if (node.type === 'directive') for (const attribute of node.attributes ?? []) visit(attribute.value.children)
    }
  }
  visit(tree.children)
  const builder = new RangeSetBuilder<Decoration>()
  ranges
    .filter((range) => range.to > range.from && range.to <= length)
    .sort((a, b) => a.from - b.from || a.to - b.to)
    .forEach((range) => builder.add(range.from, range.to, range.mark))
  return builder.finish()
}

const theme = EditorView.theme({
  '&': {height: '100%', fontSize: '13.5px', backgroundColor: 'var(--surface)'},
  '.cm-scroller': {fontFamily: 'var(--mono)', lineHeight: '1.6'},
  '.cm-content': {padding: '12px 0'},
  '.cm-line': {padding: '0 16px 0 8px'},
  '.cm-gutters': {backgroundColor: 'var(--surface)', color: 'var(--muted)', border: 'none'},
  '.cm-activeLine': {backgroundColor: 'var(--active-line)'},
  '.cm-activeLineGutter': {backgroundColor: 'var(--active-line)'},
  '&.cm-focused': {outline: 'none'},
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {backgroundColor: 'var(--selection) !important'},
})

export function createEditor(parent: HTMLElement, text: string, onChange: (text: string) => void): EditorView {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        history(),
        drawSelection(),
        EditorView.lineWrapping,
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        lintGutter(),
        directiveMarks,
        theme,
        EditorView.contentAttributes.of({'aria-label': 'vkdoc source', spellcheck: 'false'}),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString())
        }),
      ],
    }),
  })
}

/** Replace the whole text (an example was chosen). */
export function replaceText(view: EditorView, text: string): void {
  view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: text}, selection: {anchor: 0}, scrollIntoView: true})
}

/** Show a render's diagnostics and directive colours (both computed for exactly this text). */
export function showAnalysis(view: EditorView, tree: DialectRoot, diagnostics: readonly PlaygroundDiagnostic[]): void {
  const length = view.state.doc.length
  const lint: Diagnostic[] = diagnostics.map((diagnostic) => ({
    from: diagnostic.from,
    to: diagnostic.to,
    severity: diagnostic.severity,
    message: diagnostic.message,
    source: diagnostic.code,
  }))
  view.dispatch(setDiagnostics(view.state, lint))
  view.dispatch({effects: setMarks.of(marksOf(tree, length))})
}

/** Select `[from, to)` and bring it into view (a diagnostic was clicked). */
export function selectRange(view: EditorView, from: number, to: number): void {
  view.dispatch({selection: {anchor: from, head: to}, scrollIntoView: true, effects: EditorView.scrollIntoView(from, {y: 'center'})})
  view.focus()
}
