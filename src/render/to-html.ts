/**
 * hast → HTML text, and the mdast → HTML convenience on top of `mdastToHast`.
 */
import type {Root as HastRoot} from 'hast'
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
  return toHtml(tree, {allowDangerousHtml: options?.sanitize === false})
}

/** `hastToHtml(mdastToHast(tree, options), options)`: mdast straight to (safe) HTML. */
export function mdastToHtml(tree: MdastRoot, options?: Readonly<HastOptions> | null): string {
  return hastToHtml(mdastToHast(tree, options), options)
}
