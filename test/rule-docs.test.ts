import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {codes, type CodeInfo} from '../src/diagnostics/codes.js'

/** The generator is plain ESM JavaScript; its pure rendering is typed here. */
interface RuleDocsGenerator {
  generatedNotice: string
  renderRuleDocs(registry: Record<string, CodeInfo>): Record<string, string>
}

const generator = (await import(new URL('../scripts/gen-rule-docs.mjs', import.meta.url).href)) as RuleDocsGenerator
const rulesDir = new URL('../docs/rules/', import.meta.url)
const regenerate = 'regenerate with `npm run build && node scripts/gen-rule-docs.mjs`'

describe('committed rule documentation', () => {
  const rendered = generator.renderRuleDocs(codes)

  it('has one page per registry code plus the index, and nothing else', () => {
    const committed = existsSync(rulesDir) ? readdirSync(rulesDir).filter((name) => name.endsWith('.md')).sort() : []
    expect(committed, regenerate).toEqual(Object.keys(rendered).sort())
    expect(Object.keys(rendered)).toHaveLength(Object.keys(codes).length + 1)
  })

  it('is up to date with the registry', () => {
    for (const [name, text] of Object.entries(rendered)) {
      const path = new URL(name, rulesDir)
      const committed = existsSync(path) ? readFileSync(path, 'utf8') : undefined
      expect(committed, `docs/rules/${name} is out of date: ${regenerate}`).toBe(text)
    }
  })
})

describe('rule page rendering', () => {
  const registry: Record<string, CodeInfo> = {
    'cut-example': {
      severity: 'error',
      stage: 'render',
      summary: 'A cut that is never closed.',
      examples: {bad: '{cut(A)}\nText.\n', good: '{cut(A)}\nText.\n{/cut}\n'},
    },
    'fence-example': {
      severity: 'warning',
      stage: 'parse',
      summary: 'A summary with a `|===` pipe.',
      examples: {bad: '```\n{cut(A)}\n```\n'},
    },
    'plain-example': {severity: 'info', stage: 'tree', summary: 'No examples here.'},
  }
  const files = generator.renderRuleDocs(registry)

  it('gives the title, summary, severity and stage of a code', () => {
    const page = files['plain-example.md']!
    expect(page.startsWith(generator.generatedNotice + '\n\n# plain-example\n\nNo examples here.\n')).toBe(true)
    expect(page).toContain('| Default severity | info |')
    expect(page).toContain('| Stage | `tree`: reported when resolving against the docs tree')
    expect(page).not.toContain('## Incorrect')
  })

  it('shows the examples as Incorrect and Correct fenced blocks', () => {
    expect(files['cut-example.md']).toContain('## Incorrect\n\n```md\n{cut(A)}\nText.\n```\n\n## Correct\n\n```md\n{cut(A)}\nText.\n{/cut}\n```\n')
  })

  it('fences an example that holds a code fence with a longer fence, and omits Correct when there is none', () => {
    const page = files['fence-example.md']!
    expect(page).toContain('````md\n```\n{cut(A)}\n```\n````')
    expect(page).not.toContain('## Correct')
  })

  it('lists every code in the index table, escaping pipes in summaries', () => {
    const index = files['README.md']!
    expect(index).toContain('3 codes: 1 error, 1 warning, 1 info by default.')
    expect(index).toContain('| [fence-example](fence-example.md) | warning | parse | A summary with a `\\|===` pipe. |')
    expect(index.match(/^\| \[/gm)).toHaveLength(3)
  })

  it('renders the same text twice (pure)', () => {
    expect(generator.renderRuleDocs(registry)).toEqual(files)
  })
})
