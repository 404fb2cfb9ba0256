/**
 * The CLI on the ru corpus: linting the folder `ru/` reports exactly what
 * linting the whole tree reports for ru (fragments judged where they are
 * included, meta and variable checks included), and the FAQ rules fire on
 * the 22 FAQ pages only. Skipped when ../shared/corpus is absent.
 */
import {fileURLToPath} from 'node:url'
import {expect, it} from 'vitest'
import {isFaqPagePath} from '../../src/node.js'
import {vkdoc} from '../support/cli.js'
import {corpusTree, describeCorpus} from './shared.js'

const repository = fileURLToPath(new URL('../..', import.meta.url))
/** The corpus as a user in the repository names it. */
const corpus = '../shared/corpus'

interface Finding {
  file: string
  line: number
  column: number
  code: string
  message: string
  targets: string[] | null
  includeChain: string[] | null
}

async function lint(args: string[]): Promise<Finding[]> {
  const result = await vkdoc(['lint', ...args, '--format', 'json'], {cwd: repository})
  expect(result.code, result.stderr).toBe(1)
  return JSON.parse(result.stdout) as Finding[]
}

describeCorpus('vkdoc lint on the corpus', ['corpus'], () => {
  it('reports the same problems for `ru/` as the whole-tree run does for ru', {timeout: 1_200_000}, async () => {
    const whole = (await lint(['--root', corpus])).filter((finding) => finding.file.startsWith('../shared/corpus/ru/'))
    const folder = await lint(['ru/', '--root', corpus])
    expect(folder.length).toBeGreaterThan(400)
    expect(folder).toEqual(whole)
    // The tree-level checks ran: variables with no value for a build point, reported at ru/ru.meta.json.
    expect(folder.filter((finding) => finding.code === 'var-no-value-for-build').map((finding) => finding.file)).toEqual(Array(3).fill('../shared/corpus/ru/ru.meta.json'))
    // Fragments are judged through the pages including them, not as pages of their own.
    const fragments = folder.filter((finding) => finding.file.includes('/_includes/'))
    // (linted as pages they gave 210 linkto-missing-page and 111 asset-missing; judged in place, 25 real broken links)
    expect(fragments.filter((finding) => finding.code === 'asset-missing')).toEqual([])
    const brokenLinks = fragments.filter((finding) => finding.code === 'linkto-missing-page')
    expect(brokenLinks.length).toBeLessThanOrEqual(25)
    expect(brokenLinks.every((finding) => finding.includeChain?.[0]?.startsWith('../shared/corpus/ru/'))).toBe(true)
    // FAQ rules: on FAQ pages only, and there are 22 of them in ru.
    const faq = folder.filter((finding) => finding.code.startsWith('faq-'))
    expect(faq.length).toBeGreaterThan(0)
    expect(faq.every((finding) => /\/faq\/faq\.md$/.test(finding.file))).toBe(true)
    const faqPages = corpusTree()
      .pages()
      .filter((page) => isFaqPagePath(page.file))
    expect(faqPages).toHaveLength(22)
  })
})
