/**
 * The formatter over the ru corpus (`formattedFiles()`, every file formatted
 * once, shared by every test here): what its rules change, that a second
 * pass changes nothing, and that the formatted tree renders byte-identical
 * HTML for every page and build target.
 */
import {beforeAll, expect, it} from 'vitest'
import {formatPage, hastToHtml, mdastToHast, type DocsTree, type FormatRule, type SectionCache} from '../../src/node.js'
import {editedCorpus, pairsTheEditsReach} from './edited-tree.js'
import {corpusTree, describeCorpus, formattedFiles, type FormattedFile} from './shared.js'

describeCorpus('formatting the ru corpus', ['corpus'], () => {
  let changed: FormattedFile[] = []

  beforeAll(() => {
    changed = formattedFiles().filter(({source, formatted}) => formatted.text !== source)
  })

  it('changes 299 of the 1,632 files: directive spelling in 218, indentation in 80, spacing in 22', () => {
    expect([formattedFiles().length, changed.length]).toEqual([1632, 299])
    const byRule: Partial<Record<FormatRule, number>> = {}
    for (const {formatted} of changed) for (const rule of formatted.applied) byRule[rule] = (byRule[rule] ?? 0) + 1
    expect(byRule).toEqual({'directive-spelling': 218, 'block-indent': 80, 'block-spacing': 22})
  })

  it('changes nothing on a second pass', () => {
    const again = changed.filter(({formatted, targets}) => formatPage(formatted.text, targets ? {targets} : undefined).text !== formatted.text)
    expect(again.map(({file}) => file)).toEqual([])
  })

  it('renders every page the same for every target it is built for', () => {
    const tree = corpusTree()
    const formattedTree = editedCorpus(new Map(changed.map(({file, formatted}) => [file, formatted.text])))
    // The two renders of a pair share parsed sections: the formatter's edits touch few of them.
    const html = (from: DocsTree, file: string, target: string, sections: SectionCache): string => hastToHtml(mdastToHast(from.render(file, {target, sections}).mdast))
    // Every other (page, target) renders from the same texts: comparing these pairs compares them all.
    const pairs = pairsTheEditsReach(tree, formattedTree, new Set(changed.map(({file}) => file)), (page) => (page.dontbuild ? [] : page.targets.length > 0 ? page.targets : ['public']))
    expect(pairs.length).toBeGreaterThan(400)
    const differ = pairs.filter(({page, target}) => {
      const sections: SectionCache = new Map()
      return html(tree, page.file, target, sections) !== html(formattedTree, page.file, target, sections)
    })
    expect(differ.map(({page, target}) => `${page.file} @${target}`)).toEqual([])
  })
})
