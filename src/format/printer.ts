/**
 * The dialect printer: a directive written back in its canonical spelling,
 * from its construct's syntax. What the spelling may normalise is only what
 * never reaches the reader:
 * - spaces around ARGS that are names, paths or lists (`{linkto( /a )}` →
 *   `{linkto(/a)}`; `{ifdef(a ,b)}` → `{ifdef(a, b)}`), and around a title
 *   of a block opener alone on its line (a heading title is trimmed anyway);
 * - attribute separators (`[a=1;b=2]` → `[a=1; b=2]`) and spaces around the
 *   values that are not free text;
 * - attribute order, where the construct's schema gives one and every key
 *   is known and written once.
 * Free text shown to the reader (linkto's `text=`, inline titles) is kept as written.
 */
import type {Attribute, DirectiveNode} from '../ast.js'
import {constructOf} from '../constructs/index.js'
import type {AttributeSchema, DirectiveSyntax, ValueKind} from '../constructs/types.js'

/** Value kinds whose surrounding spaces mean nothing. */
const trimmedKinds: ReadonlySet<ValueKind> = new Set<ValueKind>(['text', 'page-target', 'include-path', 'include-tags', 'variable', 'build-targets', 'level', 'url', 'counter', 'counter-id', 'id', 'size', 'boolean'])
/** Value kinds that are comma-separated lists. */
const listKinds: ReadonlySet<ValueKind> = new Set<ValueKind>(['build-targets', 'include-tags'])

/** Where the directive stands: a titled block opener alone on its line may trim its title. */
export interface PrintPlace {
  aloneOnLine: boolean
}

/**
 * The canonical spelling of a well-formed directive, or `null` when it must
 * stay as written (malformed, nested directives in a normalised part, unknown syntax).
 */
export function printDirective(node: DirectiveNode, place: PrintPlace): string | null {
  if (node.malformed) return null
  const syntax = constructOf(node.name)?.syntax
  if (!syntax) return null
  let printed = '{' + node.name
  if (node.variant !== null) printed += ':' + node.variant
  if (node.args) {
    const args = printArgs(node, syntax, place)
    if (args === null) return null
    printed += '(' + args + ')'
  }
  if (node.attributes) {
    const attributes = printAttributes(node.attributes, syntax)
    if (attributes === null) return null
    printed += '[' + attributes + ']'
  }
  return printed + '}'
}

function printArgs(node: DirectiveNode, syntax: DirectiveSyntax, place: PrintPlace): string | null {
  const raw = node.args!.raw
  if (raw.includes('\n') || raw.includes('\r')) return raw
  const kind = syntax.argsKind
  if (kind === 'markdown') {
    const block = constructOf(node.name)?.lowering?.block
    // A title becomes a heading's content when the opener is alone on its line: CommonMark trims it.
    return block?.titled && place.aloneOnLine ? raw.trim() : raw
  }
  if (!kind || !trimmedKinds.has(kind)) return raw
  if (node.args!.children.some((child) => child.type !== 'text')) return raw.trim() === raw ? raw : null
  return listKinds.has(kind) ? printList(raw) : raw.trim()
}

function printList(raw: string): string {
  return raw
    .split(',')
    .map((item) => item.trim())
    .join(', ')
}

function printAttributes(attributes: readonly Attribute[], syntax: DirectiveSyntax): string | null {
  const keys = Object.keys(syntax.attributes)
  const written = attributes.filter((attribute) => !(attribute.key === null && attribute.value.raw.trim() === ''))
  if (written.some((attribute) => attribute.key === null)) return null
  const seen = new Set<string>()
  for (const attribute of written) {
    if (seen.has(attribute.key!) || !keys.includes(attribute.key!)) return null
    seen.add(attribute.key!)
  }
  const ordered = [...written].sort((a, b) => keys.indexOf(a.key!) - keys.indexOf(b.key!))
  const parts: string[] = []
  for (const attribute of ordered) {
    const schema: AttributeSchema = syntax.attributes[attribute.key!]!
    const raw = attribute.value.raw
    if (raw.includes('\n')) return null
    let value: string
    if (schema.freeText || schema.kind === 'markdown') value = raw
    else if (listKinds.has(schema.kind)) value = printList(raw)
    else value = raw.trim()
    parts.push(`${attribute.key}=${value}`)
  }
  return parts.join('; ')
}
