/**
 * What every fuzz input goes through: the whole public API. Any throw is a
 * defect (author text never throws); so is a parse that is not lossless.
 */
import {DocsTree, compile, faqFromCompiled, hastToHtml, mdastToHast, mdastToMarkdown, memoryFileSystem, parse, toHtml, toJson, toMarkdown, validate} from '../../src/index.js'

/** Run a text through `parse`, `toHtml` (sanitised and not), `toJson` (document and FAQ), `toMarkdown` and `validate`. */
export function throughApi(text: string): void {
  checkLossless(text)
  toHtml(text)
  toHtml(text, {sanitize: false, target: 'private'})
  JSON.stringify(toJson(text))
  JSON.stringify(toJson(text, {faq: true}))
  toMarkdown(text)
  validate(text, {targets: ['public', 'private'], profile: 'faq'})
}

/**
 * The same outputs from one lowering (what `toHtml`, `toJson` and
 * `toMarkdown` do after `compile`), plus `validate`: a third of the cost,
 * for long runs.
 */
export function throughApiOnce(text: string): void {
  checkLossless(text)
  const compiled = compile(text)
  hastToHtml(mdastToHast(compiled.mdast))
  hastToHtml(mdastToHast(compiled.mdast, {sanitize: false}), {sanitize: false})
  mdastToMarkdown(compiled.mdast)
  JSON.stringify(faqFromCompiled(compiled, {}))
  validate(text, {target: 'private', profile: 'faq'})
}

function checkLossless(text: string): void {
  const {tree} = parse(text)
  let cursor = 0
  for (const node of tree.children) {
    if (node.position.start.offset !== cursor) throw new Error(`parse is not lossless at offset ${cursor}`)
    cursor = node.position.end.offset!
  }
  if (cursor !== text.length) throw new Error('parse does not cover the text')
}

/** Load an in-memory tree, render every page for each of its targets and lint the whole tree. */
export function throughTree(files: Record<string, string>): void {
  const tree = new DocsTree(memoryFileSystem(files))
  for (const page of tree.pages()) {
    for (const target of page.targets.length > 0 ? page.targets : ['public']) tree.render(page.file, {target})
  }
  validate(tree)
}
