/**
 * hast → HTML text, and the mdast → HTML convenience on top of `mdastToHast`.
 *
 * The HTML parses cleanly: characters an HTML parser reports as errors
 * (controls other than whitespace, lone surrogates, noncharacters) become
 * U+FFFD in text and attribute values, as CommonMark already does for NUL
 * (which `hast-util-to-html` would otherwise write as `&#x0;`, an error too).
 * The output is tested once; only a page that holds one is walked.
 */
import type {Nodes as HastNodes, Root as HastRoot} from 'hast'
import {toHtml} from 'hast-util-to-html'
import type {Root as MdastRoot} from 'mdast'
import {mdastToHast, type HastOptions} from './to-hast.js'

/** Options of `hastToHtml`. */
export interface HtmlOptions {
  /**
   * With `false`, `raw` nodes (raw HTML kept by `mdastToHast` with
   * `sanitize: false`) are written as they are; otherwise they are written
   * as escaped text (default: `true`).
   */
  sanitize?: boolean
}

/** Serialise a hast tree to HTML. */
export function hastToHtml(tree: HastRoot, options?: Readonly<HtmlOptions> | null): string {
  const settings = {allowDangerousHtml: options?.sanitize === false}
  const html = toHtml(tree, settings)
  if (!mayBeUnclean(html) || !unclean.test(html)) return html
  replaceUnclean(tree)
  return toHtml(tree, settings)
}

/** Characters HTML parsers report as errors; `&#x0;` is how a NUL is written. */
const unclean = /&#x0;|(?![\t\n\f\r])\p{Cc}|\p{Cs}|\p{Noncharacter_Code_Point}/u
/**
 * A superset of `unclean` without Unicode property escapes (every surrogate, the BMP noncharacters), four times
 * faster over a page: `unclean` itself runs only on the few pages it passes (emoji, stray controls).
 */
const uncleanSuperset = /[\0-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]/
const mayBeUnclean = (html: string): boolean => html.includes('&#x0;') || uncleanSuperset.test(html)
const uncleanCharacters = /(?![\t\n\f\r])\p{Cc}|\p{Cs}|\p{Noncharacter_Code_Point}/gu

/** U+FFFD for every unclean character of text, raw HTML and attribute values (in place). */
function replaceUnclean(tree: HastRoot): void {
  const clean = (value: string): string => value.replace(uncleanCharacters, '\uFFFD')
  const stack: HastNodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    if ('value' in node && typeof node.value === 'string') node.value = clean(node.value)
    if (node.type === 'element') {
      for (const [key, value] of Object.entries(node.properties)) {
        if (typeof value === 'string') node.properties[key] = clean(value)
        else if (Array.isArray(value)) node.properties[key] = value.map((item) => (typeof item === 'string' ? clean(item) : item))
      }
    }
    if ('children' in node) for (const child of node.children) stack.push(child)
  }
}

/** `hastToHtml(mdastToHast(tree, options), options)`: mdast straight to (safe) HTML. */
export function mdastToHtml(tree: MdastRoot, options?: Readonly<HastOptions> | null): string {
  return hastToHtml(mdastToHast(tree, options), options)
}
