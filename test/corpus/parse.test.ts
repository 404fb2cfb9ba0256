/**
 * The dialect parser over every Markdown file of the ru corpus
 * (`corpusFiles()`, each file parsed once, shared by every test here):
 * byte-for-byte losslessness, the directive counts of spec/dialect.md §2,
 * and the parse-stage rows of spec/defects-ru.tsv.
 */
import {beforeAll, expect, it} from 'vitest'
import type {DirectiveName, InlineContent, TokenContext} from '../../src/ast.js'
import {corpusFiles, defectRows, describeCorpus, type CorpusFile} from './shared.js'

/** Count directive openers (`context name`) and closers (`context /name`), nested ones included. */
function countDirectives(nodes: readonly InlineContent[], counts: Map<string, number>): void {
  for (const node of nodes) {
    if (node.type === 'text') continue
    const key = `${node.context} ${node.type === 'close' ? '/' : ''}${node.name}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
    if (node.type === 'directive') {
      if (node.args) countDirectives(node.args.children, counts)
      for (const attribute of node.attributes ?? []) countDirectives(attribute.value.children, counts)
    }
  }
}

const parseCodes = ['malformed-directive', 'malformed-html-comment']

describeCorpus('the dialect parser over the ru corpus', ['corpus'], () => {
  let files: CorpusFile[] = []
  const counts = new Map<string, number>()

  beforeAll(() => {
    files = corpusFiles()
    for (const {parsed} of files) countDirectives(parsed.tree.children, counts)
  })

  it('parses all 1,632 files', () => {
    expect(files).toHaveLength(1632)
  })

  it('is lossless byte for byte: the root children tile the file and every text node is its own slice', () => {
    const broken: string[] = []
    for (const {file, source, parsed} of files) {
      let cursor = 0
      for (const node of parsed.tree.children) {
        const slice = source.slice(node.position.start.offset, node.position.end.offset)
        if (node.position.start.offset !== cursor || (node.type === 'text' && node.value !== slice)) {
          broken.push(`${file}:${node.position.start.line}:${node.position.start.column}`)
          break
        }
        cursor = node.position.end.offset!
      }
      if (cursor !== source.length) broken.push(`${file}: the children end at offset ${cursor} of ${source.length}`)
    }
    expect(broken).toEqual([])
  })

  it('finds the directive counts of spec/dialect.md §2 (ru column, text context)', () => {
    // [openers, closers]; the spec counts directives nested in ARGS and ATTRS
    // too: `var` 3001 = 2820 in running text + 181 in titles and link texts,
    // `counter` 493 = 13 + 480, `const` 246 = 3 + 243, `ifdef` 1945 = 1910 + 35.
    // The `includetag` row counts openers and closers alike (1185 each) in
    // text; the 19 ru regions inside ```hcl fences are in the fenced column.
    // Contexts are CommonMark's, so three tokens the spec's scan counts in text are code:
    // the `{/cut}` of dbs/dbaas/how-to-guides/db-migration/db-migration.md:119 (the fence above it is
    // closed by a fence indented 4 columns past its container, which closes nothing) and the
    // `{note:warn}`…`{/note}` of storage/s3/_includes/_s3-create-cdn.md:61-63 (indented 6 columns after a
    // blank line: indented code when the fragment is read alone; included into a list item, a note).
    const expected: Record<DirectiveName, [number, number]> = {
      caption: [361, 359],
      const: [246, 0],
      counter: [493, 0],
      cut: [1144, 1142],
      formula: [1, 1],
      heading: [5936, 0],
      ifdef: [1945, 1946],
      ifndef: [550, 550],
      include: [1739, 0],
      includetag: [1185, 1185],
      linkto: [5844, 0],
      note: [1469, 1469],
      params: [104, 0],
      tab: [2241, 2242],
      tabs: [1265, 1265],
      var: [3001, 0],
      video: [20, 0],
    }
    const textCount = (key: string): number => counts.get(`text ${key}`) ?? 0
    const found = Object.fromEntries(Object.keys(expected).map((name) => [name, [textCount(name), textCount(`/${name}`)]]))
    expect(found).toEqual(expected)
  })

  it('puts no more directives in code and comments than the spec finds in all three languages', () => {
    // Totals over ru+en+kz from the §2 table (fenced, inline code, comment).
    const allLanguages: Partial<Record<Exclude<TokenContext, 'text'>, Record<string, number>>> = {
      // + the three code blocks named in the test above (ru only).
      'fenced-code': {includetag: 57, '/includetag': 57, var: 14, note: 1, '/note': 1, '/cut': 1},
      'inline-code': {var: 2},
      comment: {heading: 8, linkto: 13, var: 16, cut: 30, '/cut': 30, note: 2, '/note': 2, caption: 2, '/caption': 2},
    }
    const beyond: string[] = []
    for (const [key, count] of counts) {
      const [context, name] = key.split(' ') as [TokenContext, string]
      if (context !== 'text' && count > (allLanguages[context]?.[name] ?? 0)) beyond.push(`${key}: ${count}`)
    }
    expect(beyond).toEqual([])
    // The ru share of the 57 regions in fences is 19 (one of three languages).
    expect(counts.get('fenced-code includetag')).toBe(19)
  })

  it('reports no parse-stage codes but malformed directives and comments (no near misses, note types or text-less linkto in ru)', () => {
    const others = files.flatMap(({file, parsed}) =>
      parsed.messages.filter((message) => !parseCodes.includes(String(message.ruleId))).map((message) => `${file}:${message.line} ${message.ruleId}`),
    )
    expect(others).toEqual([])
  })
})

describeCorpus('the dialect parser against the defect scan', ['corpus', 'defects'], () => {
  it('reports the 19 malformed-directive and 4 malformed-html-comment rows of defects-ru.tsv at their lines, and nothing else', () => {
    const distinct = (keys: string[]): string[] => [...new Set(keys)].sort()
    const reported = distinct(corpusFiles().flatMap(({file, parsed}) => parsed.messages.map((message) => `${file}:${message.line} ${message.ruleId}`)))
    const rows = distinct(defectRows().filter((row) => parseCodes.includes(row.code)).map((row) => `${row.file}:${row.line} ${row.code}`))
    expect(rows).toHaveLength(23)
    expect(reported).toEqual(rows)
  })
})
