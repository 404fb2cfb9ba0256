/**
 * A small JSON reader that keeps source offsets, because diagnostics about
 * meta files must point at the exact value (`"private_pg"` in `build.for`)
 * and fix-its must replace it. `JSON.parse` gives values but no places.
 * Never throws: bad input yields `{error}` with the offset where reading stopped.
 */

interface Span {
  /** Offset of the first character of the value (0-based, UTF-16). */
  start: number
  /** Offset just after the value (exclusive). */
  end: number
}

export interface JsonMember {
  key: string
  /** The key's string token, quotes included. */
  keySpan: Span
  value: JsonNode
}

export type JsonNode =
  | ({type: 'object'; members: JsonMember[]} & Span)
  | ({type: 'array'; items: JsonNode[]} & Span)
  | ({type: 'string'; value: string} & Span)
  | ({type: 'number'; value: number} & Span)
  | ({type: 'boolean'; value: boolean} & Span)
  | ({type: 'null'} & Span)

export type JsonResult = {node: JsonNode} | {error: {offset: number; message: string}}

/** Nesting deeper than this is refused rather than risking the call stack. */
const maxDepth = 256

class JsonSyntaxError {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const escapes: Record<string, string> = {'"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t'}

/** Read `text` as one JSON value, keeping the span of every value and key. */
export function parseJson(text: string): JsonResult {
  let offset = text.charCodeAt(0) === 0xfeff ? 1 : 0

  const fail = (message: string, at = offset): never => {
    throw new JsonSyntaxError(at, message)
  }

  const skipWhitespace = (): void => {
    for (;;) {
      const code = text.charCodeAt(offset)
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) offset++
      else return
    }
  }

  const readString = (): JsonNode & {type: 'string'} => {
    const start = offset
    offset++ // opening quote
    let value = ''
    let runStart = offset
    for (;;) {
      if (offset >= text.length) fail('unterminated string', start)
      const code = text.charCodeAt(offset)
      if (code === 0x22) break
      if (code < 0x20) fail('control character in string')
      if (code === 0x5c) {
        value += text.slice(runStart, offset)
        const escape = text[offset + 1] ?? ''
        if (escape === 'u') {
          const hex = text.slice(offset + 2, offset + 6)
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape')
          value += String.fromCharCode(Number.parseInt(hex, 16))
          offset += 6
        } else {
          const replacement = escapes[escape]
          if (replacement === undefined) fail('bad escape')
          value += replacement
          offset += 2
        }
        runStart = offset
        continue
      }
      offset++
    }
    value += text.slice(runStart, offset)
    offset++ // closing quote
    return {type: 'string', value, start, end: offset}
  }

  const readValue = (depth: number): JsonNode => {
    if (depth > maxDepth) fail('nesting too deep')
    skipWhitespace()
    const start = offset
    const char = text[offset]
    if (char === '{') {
      offset++
      const members: JsonMember[] = []
      skipWhitespace()
      if (text[offset] === '}') return {type: 'object', members, start, end: ++offset}
      for (;;) {
        skipWhitespace()
        if (text[offset] !== '"') fail('expected a string key')
        const key = readString()
        skipWhitespace()
        if (text[offset] !== ':') fail("expected ':'")
        offset++
        const value = readValue(depth + 1)
        members.push({key: key.value, keySpan: {start: key.start, end: key.end}, value})
        skipWhitespace()
        if (text[offset] === ',') offset++
        else if (text[offset] === '}') return {type: 'object', members, start, end: ++offset}
        else fail("expected ',' or '}'")
      }
    }
    if (char === '[') {
      offset++
      const items: JsonNode[] = []
      skipWhitespace()
      if (text[offset] === ']') return {type: 'array', items, start, end: ++offset}
      for (;;) {
        items.push(readValue(depth + 1))
        skipWhitespace()
        if (text[offset] === ',') offset++
        else if (text[offset] === ']') return {type: 'array', items, start, end: ++offset}
        else fail("expected ',' or ']'")
      }
    }
    if (char === '"') return readString()
    for (const [word, node] of literals) {
      if (text.startsWith(word, offset)) {
        offset += word.length
        return {...node, start, end: offset}
      }
    }
    numberPattern.lastIndex = offset
    const number = numberPattern.exec(text)
    if (number) {
      offset += number[0].length
      return {type: 'number', value: Number(number[0]), start, end: offset}
    }
    return fail(offset >= text.length ? 'unexpected end of text' : `unexpected character ${JSON.stringify(char)}`)
  }

  try {
    const node = readValue(0)
    skipWhitespace()
    if (offset < text.length) fail('text after the JSON value')
    return {node}
  } catch (error) {
    if (error instanceof JsonSyntaxError) return {error: {offset: error.offset, message: error.message}}
    throw error
  }
}

const literals: [string, {type: 'boolean'; value: boolean} | {type: 'null'}][] = [
  ['true', {type: 'boolean', value: true}],
  ['false', {type: 'boolean', value: false}],
  ['null', {type: 'null'}],
]

/** The value of `key` in an object node (the last one wins, as in `JSON.parse`). */
export function memberOf(node: JsonNode | undefined, key: string): JsonMember | undefined {
  if (node?.type !== 'object') return undefined
  let found: JsonMember | undefined
  for (const member of node.members) if (member.key === key) found = member
  return found
}

/** The plain value of a node, as `JSON.parse` would give it. */
export function plainValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const object: Record<string, unknown> = {}
      for (const member of node.members) object[member.key] = plainValue(member.value)
      return object
    }
    case 'array':
      return node.items.map(plainValue)
    case 'null':
      return null
    default:
      return node.value
  }
}
