/**
 * The one CommonMark + GFM parse, with only the GFM constructs a text can contain.
 *
 * GFM costs about a fifth of the bare parse, and most of that is paid on
 * every character whether or not the construct occurs: autolink literals hook
 * `w`, `h` and every character before an `@`, and their mdast transform walks
 * the whole tree again with regular expressions. Each GFM construct needs a
 * character a text without it cannot have (a table needs `|`, strikethrough
 * `~`, a footnote `[^`, a task item `[ ]`/`[x]`, an autolink literal `www.`,
 * `http(s)://` or `@`), so an extension whose trigger is absent can be left
 * out without changing the tree. The tests compare the trees over the whole
 * corpus with those of the full GFM parse.
 *
 * The extensions keep the order `micromark-extension-gfm` gives them, since
 * constructs hooked on the same character (`[`) are tried in that order.
 */

import type {Root} from 'mdast'
import {fromMarkdown, type Extension as MdastExtension} from 'mdast-util-from-markdown'
import {gfmAutolinkLiteralFromMarkdown} from 'mdast-util-gfm-autolink-literal'
import {gfmFootnoteFromMarkdown} from 'mdast-util-gfm-footnote'
import {gfmStrikethroughFromMarkdown} from 'mdast-util-gfm-strikethrough'
import {gfmTableFromMarkdown} from 'mdast-util-gfm-table'
import {gfmTaskListItemFromMarkdown} from 'mdast-util-gfm-task-list-item'
import type {Extension as MicromarkExtension} from 'micromark-util-types'
import {gfmAutolinkLiteral} from 'micromark-extension-gfm-autolink-literal'
import {gfmFootnote} from 'micromark-extension-gfm-footnote'
import {gfmStrikethrough} from 'micromark-extension-gfm-strikethrough'
import {gfmTable} from 'micromark-extension-gfm-table'
import {gfmTaskListItem} from 'micromark-extension-gfm-task-list-item'

interface GfmConstruct {
  /** Matches every text in which the construct can occur (and some in which it cannot). */
  trigger: RegExp
  syntax: MicromarkExtension
  mdast: MdastExtension
}

const constructs: readonly GfmConstruct[] = [
  {trigger: /@|www\.|https?:\/\//i, syntax: gfmAutolinkLiteral(), mdast: gfmAutolinkLiteralFromMarkdown()},
  {trigger: /\[\^/, syntax: gfmFootnote(), mdast: gfmFootnoteFromMarkdown()},
  {trigger: /~/, syntax: gfmStrikethrough(), mdast: gfmStrikethroughFromMarkdown()},
  {trigger: /\|/, syntax: gfmTable(), mdast: gfmTableFromMarkdown()},
  // The check is `[`, then a space, tab, line ending, `x` or `X`, then `]`.
  {trigger: /\[[\s xX]\]/, syntax: gfmTaskListItem(), mdast: gfmTaskListItemFromMarkdown()},
]

interface ParseOptions {
  extensions: MicromarkExtension[]
  mdastExtensions: MdastExtension[]
}

/** One options object per subset (at most 32), made on first use: building them per page would cost more than it saves. */
const optionsBySubset = new Map<number, ParseOptions>()

/** Which GFM constructs `text` may contain, as a bit set over `constructs`. */
export function gfmSubset(text: string): number {
  let subset = 0
  for (let index = 0; index < constructs.length; index++) {
    if (constructs[index]!.trigger.test(text)) subset |= 1 << index
  }
  return subset
}

function optionsFor(subset: number): ParseOptions {
  let options = optionsBySubset.get(subset)
  if (!options) {
    const chosen = constructs.filter((_, index) => subset & (1 << index))
    options = {extensions: chosen.map((construct) => construct.syntax), mdastExtensions: chosen.map((construct) => construct.mdast)}
    optionsBySubset.set(subset, options)
  }
  return options
}

/** Parse `text` as CommonMark + GFM (the GFM constructs it may contain). */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, optionsFor(gfmSubset(text)))
}

