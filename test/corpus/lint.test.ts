/**
 * The tree-wide lint of the ru corpus over every build target (`corpusLint()`,
 * run once and shared by every test here): conformance with the independent
 * defect scan (spec/defects-ru.tsv, extras explained in
 * test/conformance-extra.tsv), and `--fix`: the certain repairs, a cleaner
 * lint of the fixed tree, and output that changes only where a fixed file is read.
 */
import {readFileSync} from 'node:fs'
import {beforeAll, expect, it} from 'vitest'
import {applyFixes, hastToHtml, mdastToHast, validate, type DocsTree, type VkdocMessage} from '../../src/node.js'
import {editedCorpus, pairsTheEditsReach} from './edited-tree.js'
import {corpusLint, corpusTree, defectRows, describeCorpus} from './shared.js'

const key = (file: unknown, line: unknown, code: unknown): string => `${file}\t${line}\t${code}`
const count = (messages: readonly VkdocMessage[], code: string): number => messages.filter((message) => message.ruleId === code).length

describeCorpus('the ru lint against the independent defect scan', ['corpus', 'defects'], () => {
  let found = new Set<string>()
  const scan = new Map<string, Set<string>>()
  const extras = readFileSync(new URL('../conformance-extra.tsv', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'))

  beforeAll(() => {
    // The scan judges the dialect, not FAQ style: the FAQ rules' findings (on the 22 FAQ pages) are left out.
    const dialect = corpusLint().filter((message) => !String(message.ruleId).startsWith('faq-'))
    found = new Set(dialect.map((message) => key(message.file, message.line, message.ruleId)))
    // Distinct (file, line, code): the scan lists one linkto-missing-page twice.
    for (const row of defectRows()) scan.set(row.code, (scan.get(row.code) ?? new Set()).add(key(row.file, row.line, row.code)))
  })

  it('finds all 422 rows of the scan, every code at 100 % recall', () => {
    const rowsPerCode = Object.fromEntries([...scan].map(([code, rows]) => [code, rows.size]))
    expect(rowsPerCode).toEqual({
      'duplicate-heading-id-repeated-include': 305,
      'linkto-missing-page': 43,
      'malformed-directive': 19,
      'linkto-missing-anchor': 15,
      'duplicate-heading-id': 11,
      'unknown-build-target': 6,
      'var-undefined': 4,
      'stray-close': 4,
      'malformed-html-comment': 4,
      'include-tag-not-found': 3,
      'var-no-value-for-build': 3,
      'asciidoc-table-malformed': 2,
      'unclosed-code-fence': 2,
      'unclosed-block': 1,
    })
    const missed = [...scan.values()].flatMap((rows) => [...rows]).filter((row) => !found.has(row))
    expect(missed).toEqual([])
  })

  it('reports 5 diagnostics beyond the scan, each explained in test/conformance-extra.tsv and still reported', () => {
    for (const extra of extras) expect(extra[3], `reason for ${extra.join(' ')}`).toBeTruthy()
    const inScan = new Set([...scan.values()].flatMap((rows) => [...rows]))
    const beyond = [...found].filter((row) => !inScan.has(row)).sort()
    expect(beyond).toEqual(extras.map(([file, line, code]) => key(file, line, code)).sort())
    expect(beyond).toHaveLength(5)
  })
})

describeCorpus('--fix on the ru corpus', ['corpus'], () => {
  let tree: DocsTree
  let before: VkdocMessage[] = []
  let fixed = new Map<string, string>()
  let fixedTree: DocsTree
  let after: VkdocMessage[] = []

  beforeAll(() => {
    tree = corpusTree()
    before = corpusLint()
    fixed = applyFixes(before, (file) => tree.read(file))
    fixedTree = editedCorpus(fixed)
    after = validate(fixedTree)
  })

  it('offers a repair exactly where one is certain: 7 edits in 5 files', () => {
    const fixes = before.filter((message) => message.fix).map((message) => `${message.file}:${message.line} ${message.ruleId}`)
    expect(fixes).toEqual([
      'ru/_includes/_openstack-cli.md:299 unknown-build-target', // ifndef(pulic)
      'ru/computing/gpu/how-to-guides/vdi-with-gpu/vdi-with-gpu.md:43 unknown-build-target', // private-cer
      'ru/computing/gpu/how-to-guides/vdi-with-gpu/vdi-with-gpu.md:44 unknown-build-target',
      'ru/computing/gpu/how-to-guides/vdi-with-gpu/vdi-with-gpu.md:52 unknown-build-target',
      'ru/computing/iaas/faq/faq.md:304 malformed-directive', // [пополнить баланс]
      'ru/data-platform/spark/spark.md:3 unknown-build-target', // data_p_pdf
      'ru/tools-for-using-services/account/instructions/instructions.md:3 unknown-build-target', // oublic
    ])
    expect([...fixed.keys()].sort()).toEqual([
      'ru/_includes/_openstack-cli.md',
      'ru/computing/gpu/how-to-guides/vdi-with-gpu/vdi-with-gpu.md',
      'ru/computing/iaas/faq/faq.md',
      'ru/data-platform/spark/spark.md',
      'ru/tools-for-using-services/account/instructions/instructions.md',
    ])
  })

  it('lints the fixed tree with the fixed problems gone and nothing else moved: 451 → 444 diagnostics (FAQ rules included)', () => {
    expect([before.length, after.length]).toEqual([451, 444])
    expect([count(before, 'unknown-build-target'), count(after, 'unknown-build-target')]).toEqual([6, 0])
    expect([count(before, 'malformed-directive'), count(after, 'malformed-directive')]).toEqual([19, 18])
    expect(after.filter((message) => message.fix)).toEqual([])
    const otherCodes = (messages: VkdocMessage[]) =>
      messages.filter((message) => message.ruleId !== 'unknown-build-target' && message.ruleId !== 'malformed-directive').map((message) => `${message.file}:${message.line}:${message.column} ${message.ruleId}`)
    expect(otherCodes(after)).toEqual(otherCodes(before))
  })

  it('renders the same public HTML on every page but the four that read a fixed file', () => {
    const html = (from: DocsTree, file: string): string => hastToHtml(mdastToHast(from.render(file, {target: 'public'}).mdast))
    // Every other page renders from the same texts: comparing these pairs compares every page.
    const pairs = pairsTheEditsReach(tree, fixedTree, new Set(fixed.keys()), () => ['public'])
    const changed = pairs.filter(({page}) => html(tree, page.file) !== html(fixedTree, page.file)).map(({page}) => page.file)
    expect(changed).toEqual([
      'ru/computing/iaas/faq/faq.md', // the linkto renders as a link
      'ru/intro/prerequisites/prerequisites-openstack-cli/prerequisites-openstack-cli.md', // include _openstack-cli.md: ifndef(public)
      'ru/tools-for-using-services/account/instructions/instructions.md', // ifdef(public)
      'ru/tools-for-using-services/cli/openstack-cli/openstack-cli.md',
    ])
  })
})
