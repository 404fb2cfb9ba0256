/** Reading typed values out of a directive's attributes and arguments (shared by the construct modules). */
import type {Attribute, Segment} from '../ast.js'

/** The value of `key=` (the first one), or `null`. */
export function attributeValue(attributes: readonly Attribute[] | null, key: string): Segment | null {
  if (!attributes) return null
  for (const attribute of attributes) if (attribute.key === key) return attribute.value
  return null
}

/** The trimmed raw text of `key=`, or `null`. */
export function attributeText(attributes: readonly Attribute[] | null, key: string): string | null {
  const value = attributeValue(attributes, key)
  return value ? value.raw.trim() : null
}

/** `a, b ,c` → `['a', 'b', 'c']` (empty items dropped). */
export function commaList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

/** The trimmed raw ARGS (`''` without ARGS). */
export function argsText(args: Segment | null): string {
  return args ? args.raw.trim() : ''
}
