/**
 * The tree-wide lint of the ru corpus over every build target (`corpusLint()`,
 * run once and shared by every test here): conformance with the independent
 * defect scan (spec/defects-ru.tsv, extras explained in
 * test/conformance-extra.tsv), and `--fix`: the certain repairs, a cleaner
 * lint of the fixed tree (through the lint cache), and output that changes only where a fixed file is read;
 * `vkdoc lint` on a folder reporting what the whole-tree lint reports there; the FAQ rules' scope.
 */
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {beforeAll, expect, it} from 'vitest'
import {applyFixes, hastToHtml, isFaqPagePath, mdastToHast, type DocsTree, type VkdocMessage} from '../../src/node.js'
import {vkdoc} from '../support/cli.js'
import {editedCorpus, pairsTheEditsReach} from './edited-tree.js'
import {corpusLint, corpusTree, defectRows, describeCorpus, lintThroughCache} from './shared.js'

const repository = fileURLToPath(new URL('../..', import.meta.url))
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
  let relinted = 0

  beforeAll(() => {
    tree = corpusTree()
    before = corpusLint()
    fixed = applyFixes(before, (file) => tree.read(file))
    fixedTree = editedCorpus(fixed)
    // Through the lint cache, as `vkdoc lint --cache` after `--fix`: a page none of whose files changed keeps its messages.
    ;({messages: after, relinted} = lintThroughCache(fixedTree))
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
    // The pages that read a fixed file, or link to a page that does: 81 of 1,494.
    expect(relinted).toBe(81)
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

/** A CLI finding, as `vkdoc lint --format json` prints it (paths as given: relative to the working directory). */
interface Finding {
  file: string
  line: number
  column: number
  code: string
  message: string
  targets: string[] | null
  includeChain: string[] | null
}

/** The corpus as a user in the repository names it. */
const corpusArgument = '../shared/corpus'

describeCorpus('vkdoc lint on a folder of the corpus', ['corpus'], () => {
  let folder: Finding[] = []
  beforeAll(async () => {
    // A folder whose fragments are included from elsewhere, and the language meta (the variable checks).
    const result = await vkdoc(['lint', 'ru/storage/', 'ru/ru.meta.json', '--root', corpusArgument, '--format', 'json'], {cwd: repository})
    expect(result.code, result.stderr).toBe(1)
    folder = JSON.parse(result.stdout) as Finding[]
  })

  it('reports exactly what the whole-tree lint reports for those files: 34 problems, fragments judged where pages include them', () => {
    const inScope = (file: string) => file.startsWith('ru/storage/') || file === 'ru/ru.meta.json'
    const shown = (finding: Pick<Finding, 'file' | 'line' | 'column' | 'code' | 'message' | 'targets' | 'includeChain'>) => JSON.stringify(finding)
    const whole = corpusLint()
      .filter((message) => inScope(String(message.file)))
      .map((message) =>
        shown({
          file: `${corpusArgument}/${message.file}`,
          line: message.line!,
          column: message.column!,
          code: String(message.ruleId),
          message: message.reason,
          targets: message.targets ?? null,
          includeChain: message.includeChain?.map((file) => `${corpusArgument}/${file}`) ?? null,
        }),
      )
    const fromCli = folder.map(({file, line, column, code, message, targets, includeChain}) => shown({file, line, column, code, message, targets, includeChain}))
    expect(fromCli.sort()).toEqual(whole.sort())
    expect(folder).toHaveLength(34)
    // The tree-level checks ran: variables with no value for a build point, reported at ru/ru.meta.json.
    expect(folder.filter((finding) => finding.code === 'var-no-value-for-build').map((finding) => finding.file)).toEqual(Array(3).fill(`${corpusArgument}/ru/ru.meta.json`))
    // Problems of fragments carry the chain of the page that includes them.
    const fragments = folder.filter((finding) => finding.file.includes('/_includes/'))
    expect(fragments.length).toBeGreaterThan(0)
    expect(fragments.every((finding) => finding.includeChain?.[0]?.startsWith(`${corpusArgument}/ru/`))).toBe(true)
  })
})

describeCorpus('the FAQ rules on the corpus', ['corpus'], () => {
  it('fire on the 22 FAQ pages only', () => {
    const faq = corpusLint().filter((message) => String(message.ruleId).startsWith('faq-'))
    expect(faq.length).toBeGreaterThan(0)
    expect(faq.every((message) => /\/faq\/faq\.md$/.test(String(message.file)))).toBe(true)
    expect(corpusTree().pages().filter((page) => isFaqPagePath(page.file))).toHaveLength(22)
  })

  it('judge fragments where pages include them: no asset of a fragment reported missing, 25 broken links at most', () => {
    const fragments = corpusLint().filter((message) => String(message.file).includes('/_includes/'))
    // (linted as pages they gave 210 linkto-missing-page and 111 asset-missing; judged in place, 25 real broken links)
    expect(fragments.filter((message) => message.ruleId === 'asset-missing')).toEqual([])
    const brokenLinks = fragments.filter((message) => message.ruleId === 'linkto-missing-page')
    expect(brokenLinks.length).toBeLessThanOrEqual(25)
    expect(brokenLinks.every((message) => message.includeChain?.[0]?.startsWith('ru/'))).toBe(true)
  })
})
