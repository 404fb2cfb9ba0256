/**
 * Fix-its: edits attached to diagnostics where the repair is certain, for
 * `vkdoc lint --fix`. This pass reads the parse AST of one file and looks at
 * every `{linkto}` written in text:
 *
 * - a text written without its key, `{linkto(x)[пополнить баланс]}`: insert
 *   `text=` (linkto takes no other attribute);
 * - a misspelt key, `[test=…]` (one or two edits from `text`): rename it;
 * - whitespace or line breaks inside the target, `{linkto( ../a#b)[…]}`: the
 *   resolver ignores them, so removing them changes nothing but the source.
 *
 * A key repair is offered only when the repaired directive, parsed again on
 * its own, is a well-formed linkto with its text: an edit that would leave
 * the directive broken is not certain. The fix goes onto the parser's
 * `malformed-directive` message for that directive (same file, inside the
 * directive's range), or onto a message of its own when there is none.
 * Build-target typos get their fixes where they are found
 * (`build-targets.ts` for `{ifdef}`, the tree index for meta `build.for`).
 */
import type {Attribute, InlineContent, LinktoDirective, Root} from '../../ast.js'
import {report, type VkdocMessage} from '../../diagnostics/report.js'
import {parse} from '../../parser/index.js'
import {LineIndex} from '../../syntax/position.js'
import {editDistance} from '../../syntax/edit-distance.js'
import {walkDirectives} from '../../lower/anchors.js'

/** A replacement of `[start, end)` of one file by `text`. */
export interface FixEdit {
  start: number
  end: number
  text: string
}

/** A certain repair found in a file, before it is attached to a message. */
export interface FixIt {
  /** The directive the repair is in (its whole range, offsets of the file). */
  directive: {start: number; end: number}
  edit: FixEdit
  /** What to say when no parser message covers the directive. */
  reason: string
  /** The code of that message. */
  code: 'malformed-directive' | 'linkto-target-whitespace'
  /** The place of that message (offsets of the file). */
  place: {start: number; end: number}
}

/** The attribute key linkto takes (spec §3.2: 10,110 of 10,115 linkto say `text=`). */
const textKey = 'text'

/** The certain repairs of one file's `{linkto}` directives, in source order. */
export function findFixIts(tree: Root, source: string): FixIt[] {
  const fixes: FixIt[] = []
  for (const node of walkDirectives(tree.children)) {
    if (node.name !== 'linkto' || node.context !== 'text') continue
    const whitespace = targetWhitespaceFix(node)
    if (whitespace) fixes.push(whitespace)
    const key = node.malformed ? textKeyFix(node, source) : null
    if (key) fixes.push(key)
  }
  return fixes
}

/**
 * Run the fix-it pass over one file: attach each repair to the parser's
 * `malformed-directive` message for its directive (mutating `messages`), and
 * return the messages made for repairs no message covers.
 *
 * @param tree The parse AST of `source`.
 * @param source The file's text.
 * @param file The file's path, as stamped on its messages.
 * @param messages Messages already reported (any files); those of `file` may receive a `fix`.
 */
export function attachFixIts(tree: Root, source: string, file: string, messages: readonly VkdocMessage[]): VkdocMessage[] {
  // Every repair here is in a `{linkto}`: most files have nothing to look at.
  if (!source.includes('{linkto')) return []
  const fixes = findFixIts(tree, source)
  if (fixes.length === 0) return []
  const lines = new LineIndex(source)
  const candidates = messages.filter((message) => message.file === file && message.ruleId === 'malformed-directive' && !message.fix)
  const made: VkdocMessage[] = []
  for (const fix of fixes) {
    const owner = fix.code === 'malformed-directive' ? candidates.find((message) => coversDirective(message, fix, lines)) : undefined
    if (owner) {
      owner.fix = fix.edit
      candidates.splice(candidates.indexOf(owner), 1)
      continue
    }
    made.push(report(fix.code, fix.reason, lines.position(fix.place.start, fix.place.end), {file, fix: fix.edit}))
  }
  return made
}

/** The message starts inside the directive (by offset when it has one, else on the directive's first line). */
function coversDirective(message: VkdocMessage, fix: FixIt, lines: LineIndex): boolean {
  const place = message.place
  const start = place && 'start' in place ? place.start : place
  const offset = start?.offset ?? (message.line != null && message.column != null ? lines.offset(message.line, message.column) : undefined)
  if (offset === undefined) return false
  return offset >= fix.directive.start && offset < fix.directive.end
}

/** `{linkto( ../a#b)[…]}`, `{linkto(\n  ../a#b)[…]}`: drop the whitespace of a plain-text target. */
function targetWhitespaceFix(node: LinktoDirective): FixIt | null {
  const args = node.args
  if (!args || !/\s/.test(args.raw)) return null
  // Only a target of plain text (a nested directive would be rewritten by the edit) with a closed `(…)`.
  if (args.children.some((child) => child.type !== 'text')) return null
  const start = args.position.start.offset!
  const end = args.position.end.offset!
  if (end - start !== args.raw.length) return null
  const target = args.raw.replace(/\s+/g, '')
  if (target === '' || target !== node.target) return null
  const what = /[\n\r]/.test(args.raw) ? 'line break' : 'whitespace'
  return {
    directive: rangeOf(node),
    edit: {start, end, text: target},
    code: 'linkto-target-whitespace',
    reason: `Unexpected ${what} inside the target of \`{linkto(${target})}\`, expected the target written without it (it is ignored)`,
    place: {start, end},
  }
}

/** `[пополнить баланс]` → `[text=пополнить баланс]`; `[test=…]` → `[text=…]`. */
function textKeyFix(node: LinktoDirective, source: string): FixIt | null {
  const attributes = node.attributes
  if (!attributes || attributes.length !== 1) return null
  const attribute = attributes[0]!
  const edit = attribute.key === null ? keylessEdit(attribute, source) : misspeltKeyEdit(attribute, source)
  if (!edit) return null
  const directive = rangeOf(node)
  if (!repairsDirective(source, directive, edit)) return null
  const written = source.slice(attribute.position.start.offset!, attribute.position.end.offset!).trim()
  return {
    directive,
    edit,
    code: 'malformed-directive',
    reason:
      attribute.key === null
        ? `Unexpected \`${written}\` in the attributes of \`{linkto}\`, expected \`text=${written}\``
        : `Unexpected attribute \`${attribute.key}\` on \`{linkto}\`, expected \`${textKey}\``,
    place: {start: attribute.position.start.offset!, end: attribute.position.end.offset!},
  }
}

/** Insert `text=` before a value written without a key. */
function keylessEdit(attribute: Attribute, source: string): FixEdit | null {
  const start = firstNonSpace(source, attribute.position.start.offset!, attribute.position.end.offset!)
  if (start === -1) return null
  return {start, end: start, text: `${textKey}=`}
}

/** Rename a key one or two edits away from `text` (`test`, `txt`, `Text`). */
function misspeltKeyEdit(attribute: Attribute, source: string): FixEdit | null {
  const key = attribute.key!
  if (key === textKey) return null
  if (key.toLowerCase() !== textKey && editDistance(key.toLowerCase(), textKey, 2) > 2) return null
  const start = firstNonSpace(source, attribute.position.start.offset!, attribute.position.end.offset!)
  if (start === -1 || !source.startsWith(key, start)) return null
  return {start, end: start + key.length, text: textKey}
}

/** Parse the directive again with the edit applied: it must be a well-formed linkto with its text, and nothing else. */
function repairsDirective(source: string, directive: {start: number; end: number}, edit: FixEdit): boolean {
  const before = source.slice(directive.start, edit.start)
  const after = source.slice(edit.end, directive.end)
  const repaired = parse(before + edit.text + after)
  if (repaired.messages.length > 0) return false
  const nodes = repaired.tree.children
  if (nodes.length !== 1) return false
  const only: InlineContent = nodes[0]!
  return only.type === 'directive' && only.name === 'linkto' && !only.malformed && only.text !== null
}

function rangeOf(node: LinktoDirective): {start: number; end: number} {
  return {start: node.position.start.offset!, end: node.position.end.offset!}
}

function firstNonSpace(source: string, start: number, end: number): number {
  for (let offset = start; offset < end; offset++) if (!/\s/.test(source.charAt(offset))) return offset
  return -1
}
