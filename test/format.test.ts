import {describe, expect, it} from 'vitest'
import {codes, ruleDocsBase} from '../src/diagnostics/codes.js'
import {report, type VkdocMessage} from '../src/diagnostics/report.js'
import {
  codeFrame,
  displayWidth,
  escapeData,
  escapeProperty,
  formatGithub,
  formatJson,
  formatSarif,
  formatStylish,
  formatters,
  toSarifLog,
  type SarifLog,
} from '../src/lint/format/index.js'
import {displayPath} from '../src/lint/format/shared.js'
import {createProgress, formatElapsed} from '../src/cli/progress.js'
import {LineIndex} from '../src/syntax/position.js'

/** A small page with a stray close on line 2 and a linkto without text on line 3 (after a tab). */
const page = 'Text.\n{/cut}\n\t{linkto(../page#id)} and more\n'
const pageLines = new LineIndex(page)

function strayClose(): VkdocMessage {
  return report('stray-close', 'A closing tag without a matching opener.', pageLines.position(6, 12), {file: '/repo/ru/x/x.md'})
}

function linktoWithoutText(): VkdocMessage {
  return report('linkto-missing-text', '`{linkto}` without `[text=…]`.', pageLines.position(14, 34), {
    file: '/repo/ru/x/x.md',
    targets: ['private-pdf'],
    includeChain: ['ru/a/a.md:12', 'ru/x/x.md:3'],
    fix: {start: 33, end: 33, text: '[text=Page]'},
  })
}

function questionMark(): VkdocMessage {
  return report('faq-question-mark', 'Question without `?`.', new LineIndex('Как стать партнером').position(0, 19), {
    file: '/repo/ru/b/b.md',
  })
}

/** A message placed at a point (as vfile makes them), not a range. */
function atPoint(code: Parameters<typeof report>[0], reason: string, line: number, column: number, options: Parameters<typeof report>[3] = {}): VkdocMessage {
  const message = report(code, reason, undefined, options)
  message.place = {line, column}
  message.line = line
  message.column = column
  return message
}

const sources = (file: string): string | undefined => (file === '/repo/ru/x/x.md' ? page : undefined)

describe('stylish reporter', () => {
  it('groups by file and aligns position, severity, message and code columns', () => {
    const output = formatStylish([strayClose(), questionMark(), linktoWithoutText()], {cwd: '/repo'})
    expect(output).toBe(
      [
        'ru/b/b.md',
        '  1:1  warning  Question without `?`.  faq-question-mark',
        '',
        'ru/x/x.md',
        '  2:1  error  A closing tag without a matching opener.  stray-close',
        '  3:2  error  `{linkto}` without `[text=…]`.            linkto-missing-text',
        '              only in private-pdf; via ru/a/a.md:12 → ru/x/x.md:3',
        '',
        '✖ 3 problems (2 errors, 1 warning)',
        '',
      ].join('\n'),
    )
  })

  it('draws a code frame with a marker under the exact range when the source is given', () => {
    const output = formatStylish([strayClose(), linktoWithoutText()], {cwd: '/repo', sources})
    expect(output).toBe(
      [
        'ru/x/x.md',
        '  2:1  error  A closing tag without a matching opener.  stray-close',
        '              2 | {/cut}',
        '                | ^~~~~~',
        '  3:2  error  `{linkto}` without `[text=…]`.            linkto-missing-text',
        '              only in private-pdf; via ru/a/a.md:12 → ru/x/x.md:3',
        // The tab before the directive is shown as four spaces and the marker follows it.
        '              3 |     {linkto(../page#id)} and more',
        '                |     ^~~~~~~~~~~~~~~~~~~~',
        '',
        '✖ 2 problems (2 errors, 0 warnings)',
        '',
      ].join('\n'),
    )
  })

  it('right-aligns line numbers so the colons line up across rows', () => {
    const text = 'a\n'.repeat(11) + '{/cut}\n'
    const lines = new LineIndex(text)
    const first = report('stray-close', 'First.', lines.position(0, 1), {file: 'f.md'})
    const twelfth = report('stray-close', 'Twelfth.', lines.position(22, 28), {file: 'f.md'})
    expect(formatStylish([twelfth, first]).split('\n').slice(1, 3)).toEqual([
      '   1:1  error  First.    stray-close',
      '  12:1  error  Twelfth.  stray-close',
    ])
  })

  it('prints the further lines of a multi-line message under the message column', () => {
    const message = atPoint('faq-empty-answer', 'No answer.\nAdd text under the question.', 4, 1, {file: 'f.md'})
    expect(formatStylish([message]).split('\n').slice(1, 3)).toEqual([
      '  4:1  error  No answer.  faq-empty-answer',
      '              Add text under the question.',
    ])
  })

  it('leaves the position blank for a message without one and names a missing file', () => {
    const message = report('include-cycle', 'The include loops.', undefined)
    expect(formatStylish([message])).toBe(
      ['(no file)', '     error  The include loops.  include-cycle', '', '✖ 1 problem (1 error, 0 warnings)', ''].join('\n'),
    )
  })

  it('counts infos in the summary only when there are some', () => {
    const info = atPoint('unknown-directive', 'Looks like a directive.', 1, 1, {file: 'f.md', severity: 'info'})
    expect(formatStylish([info]).trimEnd().split('\n').at(-1)).toBe('✖ 1 problem (0 errors, 0 warnings, 1 info)')
  })

  it('returns an empty string when there is nothing to report', () => {
    expect(formatStylish([])).toBe('')
  })

  it('uses ANSI colours only when asked', () => {
    const plain = formatStylish([strayClose()], {sources})
    const coloured = formatStylish([strayClose()], {sources, color: true})
    expect(plain).not.toContain('\u001B[')
    expect(coloured).toContain('\u001B[31merror\u001B[39m')
    expect(coloured).toContain('\u001B[4m\u001B[1m/repo/ru/x/x.md')
    // Without the escape codes the coloured report is the plain one.
    expect(coloured.replace(/\u001B\[\d+m/g, '')).toBe(plain)
  })

  it('does not reorder the caller’s array', () => {
    const messages = [strayClose(), questionMark()]
    formatStylish(messages)
    expect(messages.map((message) => message.ruleId)).toEqual(['stray-close', 'faq-question-mark'])
  })
})

describe('code frame', () => {
  it('marks a single point with one caret', () => {
    const lines = new LineIndex('abc\n')
    expect(codeFrame(lines, {line: 1, column: 2, endLine: undefined, endColumn: undefined})).toEqual([
      '1 | abc',
      '  | _^'.replace('_', ' '),
    ])
  })

  it('counts wide characters twice and combining marks not at all', () => {
    expect(displayWidth('日本')).toBe(4)
    expect(displayWidth('е\u0301ж')).toBe(2)
    const lines = new LineIndex('日本 {/cut}\n')
    expect(codeFrame(lines, {line: 1, column: 4, endLine: 1, endColumn: 10})).toEqual(['1 | 日本 {/cut}', '  |      ^~~~~~'])
  })

  it('marks a range that spans lines up to the end of its first line', () => {
    const lines = new LineIndex('{cut(A)}\nText.\n')
    expect(codeFrame(lines, {line: 1, column: 6, endLine: 2, endColumn: 3})).toEqual(['1 | {cut(A)}', '  |      ^~~'])
  })

  it('cuts a long line around the range and shows the cut with ellipses', () => {
    const line = 'x'.repeat(200) + '{/cut}' + 'y'.repeat(200)
    const [source = '', marker = ''] = codeFrame(new LineIndex(line), {line: 1, column: 201, endLine: 1, endColumn: 207}, 40)
    expect(source).toBe('1 | …' + 'x'.repeat(10) + '{/cut}' + 'y'.repeat(24) + '…')
    expect(marker).toBe('  | ' + ' '.repeat(11) + '^~~~~~')
  })

  it('gives no frame for a line past the end of the text', () => {
    expect(codeFrame(new LineIndex('one line'), {line: 5, column: 1, endLine: undefined, endColumn: undefined})).toEqual([])
  })
})

describe('json reporter', () => {
  it('writes every key in a stable order with null for what a message lacks', () => {
    const output = formatJson([linktoWithoutText(), questionMark()], {cwd: '/repo'})
    expect(output).toBe(
      `[
  {
    "file": "ru/b/b.md",
    "line": 1,
    "column": 1,
    "endLine": 1,
    "endColumn": 20,
    "code": "faq-question-mark",
    "severity": "warning",
    "message": "Question without \`?\`.",
    "url": "${ruleDocsBase}faq-question-mark.md",
    "targets": null,
    "includeChain": null,
    "fix": null
  },
  {
    "file": "ru/x/x.md",
    "line": 3,
    "column": 2,
    "endLine": 3,
    "endColumn": 22,
    "code": "linkto-missing-text",
    "severity": "error",
    "message": "\`{linkto}\` without \`[text=…]\`.",
    "url": "${ruleDocsBase}linkto-missing-text.md",
    "targets": [
      "private-pdf"
    ],
    "includeChain": [
      "ru/a/a.md:12",
      "ru/x/x.md:3"
    ],
    "fix": {
      "start": 33,
      "end": 33,
      "text": "[text=Page]"
    }
  }
]
`,
    )
  })

  it('writes an empty array when there is nothing to report', () => {
    expect(formatJson([])).toBe('[]\n')
  })

  it('keeps a point message’s end as null', () => {
    const [record] = JSON.parse(formatJson([atPoint('stray-close', 'x', 2, 3, {file: 'a.md'})]))
    expect(record).toMatchObject({line: 2, column: 3, endLine: null, endColumn: null})
  })
})

/**
 * A hand-written check of what SARIF 2.1.0 requires of the parts we write
 * (the schema itself is not fetched). Returns the problems found.
 */
function checkSarif(log: unknown): string[] {
  const problems: string[] = []
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
  const isPositiveInteger = (value: unknown) => Number.isInteger(value) && (value as number) >= 1
  if (!isObject(log)) return ['log is not an object']
  if (log.version !== '2.1.0') problems.push('version is not 2.1.0')
  if (typeof log.$schema !== 'string' || !/sarif-schema-2\.1\.0\.json$|sarif-2\.1\.0\.json$/.test(log.$schema)) problems.push('$schema does not name SARIF 2.1.0')
  if (!Array.isArray(log.runs) || log.runs.length !== 1) return [...problems, 'runs is not an array of one run']
  const run: unknown = log.runs[0]
  if (!isObject(run) || !isObject(run.tool) || !isObject(run.tool.driver)) return [...problems, 'run.tool.driver missing']
  const driver = run.tool.driver
  if (driver.name !== 'vkdoc') problems.push('driver.name is not vkdoc')
  const rules = Array.isArray(driver.rules) ? driver.rules : []
  const ruleIds = new Set<string>()
  for (const rule of rules) {
    if (!isObject(rule) || typeof rule.id !== 'string') { problems.push('rule without id'); continue }
    if (ruleIds.has(rule.id)) problems.push(`rule ${rule.id} twice`)
    ruleIds.add(rule.id)
    if (!isObject(rule.shortDescription) || typeof rule.shortDescription.text !== 'string') problems.push(`rule ${rule.id}: shortDescription.text`)
    if (typeof rule.helpUri !== 'string' || !/^https:\/\//.test(rule.helpUri)) problems.push(`rule ${rule.id}: helpUri`)
    const level = isObject(rule.defaultConfiguration) ? rule.defaultConfiguration.level : undefined
    if (!['none', 'note', 'warning', 'error'].includes(String(level))) problems.push(`rule ${rule.id}: defaultConfiguration.level`)
  }
  if (!Array.isArray(run.results)) return [...problems, 'run.results is not an array']
  for (const [index, result] of run.results.entries()) {
    const where = `results[${index}]`
    if (!isObject(result)) { problems.push(`${where} is not an object`); continue }
    if (!isObject(result.message) || typeof result.message.text !== 'string') problems.push(`${where}.message.text`)
    if (!['none', 'note', 'warning', 'error'].includes(String(result.level))) problems.push(`${where}.level`)
    if (result.ruleIndex !== undefined) {
      const rule: unknown = rules[result.ruleIndex as number]
      if (!isObject(rule) || rule.id !== result.ruleId) problems.push(`${where}.ruleIndex does not point at its ruleId`)
    }
    for (const location of Array.isArray(result.locations) ? result.locations : []) {
      const physical = isObject(location) ? location.physicalLocation : undefined
      if (!isObject(physical) || !isObject(physical.artifactLocation) || typeof physical.artifactLocation.uri !== 'string') {
        problems.push(`${where}: location without artifactLocation.uri`)
        continue
      }
      if (/[\s\\]/.test(physical.artifactLocation.uri)) problems.push(`${where}: uri is not a URI reference`)
      const baseId = physical.artifactLocation.uriBaseId
      if (baseId !== undefined && !(isObject(run.originalUriBaseIds) && String(baseId) in run.originalUriBaseIds)) problems.push(`${where}: unknown uriBaseId`)
      const region = physical.region
      if (region === undefined) continue
      if (!isObject(region) || !isPositiveInteger(region.startLine)) { problems.push(`${where}: region.startLine`); continue }
      for (const key of ['startColumn', 'endLine', 'endColumn']) {
        if (region[key] !== undefined && !isPositiveInteger(region[key])) problems.push(`${where}: region.${key}`)
      }
      if ((region.endLine as number | undefined ?? region.startLine as number) < (region.startLine as number)) problems.push(`${where}: region ends before it starts`)
    }
    for (const fix of Array.isArray(result.fixes) ? result.fixes : []) {
      const changes = isObject(fix) && Array.isArray(fix.artifactChanges) ? fix.artifactChanges : []
      if (changes.length === 0) problems.push(`${where}: fix without artifactChanges`)
      for (const change of changes) {
        if (!isObject(change) || !isObject(change.artifactLocation) || !Array.isArray(change.replacements) || change.replacements.length === 0) {
          problems.push(`${where}: artifactChange without location or replacements`)
          continue
        }
        for (const replacement of change.replacements) {
          const deleted = isObject(replacement) ? replacement.deletedRegion : undefined
          if (!isObject(deleted) || !Number.isInteger(deleted.charOffset) || !Number.isInteger(deleted.charLength)) problems.push(`${where}: replacement.deletedRegion`)
        }
      }
    }
  }
  return problems
}

describe('sarif reporter', () => {
  it('writes a log that passes the check of required SARIF fields', () => {
    const text = formatSarif([strayClose(), linktoWithoutText(), questionMark()], {cwd: '/repo'})
    expect(checkSarif(JSON.parse(text))).toEqual([])
    expect(text.endsWith('}\n')).toBe(true)
  })

  it('the check catches a broken log (so it can fail)', () => {
    const log = JSON.parse(formatSarif([strayClose()], {cwd: '/repo'})) as SarifLog
    const result = log.runs[0]!.results[0]!
    result.ruleIndex = 0
    result.locations![0]!.physicalLocation.region!.startLine = 0
    expect(checkSarif(log)).toEqual(['results[0].ruleIndex does not point at its ruleId', 'results[0]: region.startLine'])
  })

  it('lists every registry code as a rule with its documentation and default level', () => {
    const log = toSarifLog([])
    const rules = log.runs[0]!.tool.driver.rules
    expect(rules.map((rule) => rule.id)).toEqual(Object.keys(codes))
    expect(rules.find((rule) => rule.id === 'faq-question-mark')).toEqual({
      id: 'faq-question-mark',
      shortDescription: {text: 'A FAQ question does not end with `?`.'},
      helpUri: `${ruleDocsBase}faq-question-mark.md`,
      defaultConfiguration: {level: 'warning'},
      properties: {stage: 'lint'},
    })
  })

  it('maps a message to a result with its region, fix and properties', () => {
    const log = toSarifLog([linktoWithoutText()], {cwd: '/repo'})
    const run = log.runs[0]!
    expect(run.originalUriBaseIds).toEqual({SRCROOT: {uri: 'file:///repo/'}})
    expect(run.columnKind).toBe('utf16CodeUnits')
    expect(run.results).toEqual([
      {
        ruleId: 'linkto-missing-text',
        ruleIndex: Object.keys(codes).indexOf('linkto-missing-text'),
        level: 'error',
        message: {text: '`{linkto}` without `[text=…]`.'},
        locations: [
          {
            physicalLocation: {
              artifactLocation: {uri: 'ru/x/x.md', uriBaseId: 'SRCROOT'},
              region: {startLine: 3, startColumn: 2, endLine: 3, endColumn: 22},
            },
          },
        ],
        fixes: [
          {
            description: {text: 'Insert "[text=Page]"'},
            artifactChanges: [
              {
                artifactLocation: {uri: 'ru/x/x.md', uriBaseId: 'SRCROOT'},
                replacements: [{deletedRegion: {charOffset: 33, charLength: 0}, insertedContent: {text: '[text=Page]'}}],
              },
            ],
          },
        ],
        properties: {targets: ['private-pdf'], includeChain: ['ru/a/a.md:12', 'ru/x/x.md:3']},
      },
    ])
  })

  it('maps info to note and percent-encodes paths with spaces and Cyrillic', () => {
    const message = atPoint('unknown-directive', 'x', 1, 1, {file: 'ru/мои доки/a.md', severity: 'info'})
    const result = toSarifLog([message]).runs[0]!.results[0]!
    expect(result.level).toBe('note')
    expect(result.locations![0]!.physicalLocation.artifactLocation).toEqual({uri: 'ru/%D0%BC%D0%BE%D0%B8%20%D0%B4%D0%BE%D0%BA%D0%B8/a.md'})
  })

  it('gives an absolute path outside cwd as a file URI', () => {
    const message = atPoint('stray-close', 'x', 1, 1, {file: '/elsewhere/a.md'})
    const result = toSarifLog([message]).runs[0]!.results[0]!
    expect(result.locations![0]!.physicalLocation.artifactLocation).toEqual({uri: 'file:///elsewhere/a.md'})
  })

  it('writes a result without locations for a message without a file', () => {
    const result = toSarifLog([report('include-cycle', 'Loop.', undefined)]).runs[0]!.results[0]!
    expect(result.locations).toBeUndefined()
    expect(checkSarif(toSarifLog([report('include-cycle', 'Loop.', undefined)]))).toEqual([])
  })
})

describe('github reporter', () => {
  it('writes one workflow command per message with the code as title', () => {
    expect(formatGithub([questionMark(), strayClose()], {cwd: '/repo'})).toBe(
      [
        '::warning file=ru/b/b.md,line=1,col=1,endLine=1,endColumn=20,title=faq-question-mark::Question without `?`.',
        '::error file=ru/x/x.md,line=2,col=1,endLine=2,endColumn=7,title=stray-close::A closing tag without a matching opener.',
        '',
      ].join('\n'),
    )
  })

  it('puts targets and the include chain on escaped extra lines of the message', () => {
    expect(formatGithub([linktoWithoutText()], {cwd: '/repo'})).toBe(
      '::error file=ru/x/x.md,line=3,col=2,endLine=3,endColumn=22,title=linkto-missing-text::`{linkto}` without `[text=…]`.%0Aonly in private-pdf%0Avia ru/a/a.md:12 → ru/x/x.md:3\n',
    )
  })

  it('escapes percent signs and line breaks in data, and also colons and commas in properties', () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b')
    expect(escapeProperty('C:/docs/a,b%.md')).toBe('C%3A/docs/a%2Cb%25.md')
    const message = atPoint('stray-close', 'Ends at 100%:\nhere', 1, 1, {file: 'ru/a,b:c.md'})
    expect(formatGithub([message])).toBe('::error file=ru/a%2Cb%3Ac.md,line=1,col=1,title=stray-close::Ends at 100%25:%0Ahere\n')
  })

  it('drops columns for a range that spans lines and maps info to notice', () => {
    const lines = new LineIndex('{cut(A)}\nText.\n')
    const message = report('unclosed-block', 'Never closed.', lines.position(0, 14), {file: 'a.md', severity: 'info'})
    expect(formatGithub([message])).toBe('::notice file=a.md,line=1,endLine=2,title=unclosed-block::Never closed.\n')
  })

  it('writes nothing when there is nothing to report', () => {
    expect(formatGithub([])).toBe('')
  })
})

describe('paths and the formatter table', () => {
  it('shows paths relative to cwd, climbing out when needed, and keeps relative paths', () => {
    expect(displayPath('/repo/ru/a.md', '/repo')).toBe('ru/a.md')
    expect(displayPath('/repo/ru/a.md', '/repo/docs/')).toBe('../ru/a.md')
    expect(displayPath('C:\\repo\\ru\\a.md', 'C:\\repo')).toBe('ru/a.md')
    expect(displayPath('ru/a.md', '/repo')).toBe('ru/a.md')
    expect(displayPath('', '/repo')).toBeUndefined()
  })

  it('names the four reporters', () => {
    expect(Object.keys(formatters).sort()).toEqual(['github', 'json', 'sarif', 'stylish'])
    expect(formatters.json).toBe(formatJson)
  })
})

/** A fake terminal: records what is written; the clock is moved by hand. */
function fakeTerminal(isTTY: boolean, columns = 60) {
  const writes: string[] = []
  let time = 0
  return {
    stream: {isTTY, columns, write: (chunk: string) => writes.push(chunk)},
    writes,
    now: () => time,
    advance(ms: number) {
      time += ms
    },
  }
}

describe('progress indicator', () => {
  it('prints nothing when the stream is not a terminal', () => {
    const terminal = fakeTerminal(false)
    const progress = createProgress({total: 3, label: 'lint', stream: terminal.stream, now: terminal.now})
    progress.tick()
    progress.tick(2)
    progress.done()
    expect(terminal.writes).toEqual([])
  })

  it('draws a bar with count, percentage and elapsed time that fits the terminal width', () => {
    const terminal = fakeTerminal(true, 60)
    const progress = createProgress({total: 40, label: 'lint', stream: terminal.stream, now: terminal.now})
    terminal.advance(1500)
    progress.tick(10)
    const last = terminal.writes.at(-1)!
    expect(last).toBe('\r\u001B[2Klint [' + '█'.repeat(9) + '░'.repeat(26) + '] 10/40  25%  1.5s')
    expect(last.length - '\r\u001B[2K'.length).toBeLessThan(60)
  })

  it('redraws at most once per interval however often it ticks', () => {
    const terminal = fakeTerminal(true)
    const progress = createProgress({total: 1000, stream: terminal.stream, now: terminal.now})
    expect(terminal.writes).toHaveLength(1)
    for (let step = 0; step < 1000; step++) {
      progress.tick()
      terminal.advance(1) // 1000 ticks over one second
    }
    // The first draw plus one per 100 ms.
    expect(terminal.writes.length).toBeGreaterThanOrEqual(10)
    expect(terminal.writes.length).toBeLessThanOrEqual(11)
  })

  it('finishes with the final state on its own line, once', () => {
    const terminal = fakeTerminal(true)
    const progress = createProgress({total: 2, label: 'build', stream: terminal.stream, now: terminal.now})
    progress.tick()
    progress.tick() // within the interval: not drawn
    terminal.advance(65_000)
    progress.done()
    progress.done()
    progress.tick()
    expect(terminal.writes).toHaveLength(2)
    expect(terminal.writes[1]).toMatch(/^\r\u001B\[2Kbuild \[█+\] 2\/2 100%  1m05s\n$/)
  })

  it('clamps counts past the total and treats an empty total as done', () => {
    const over = fakeTerminal(true)
    const progress = createProgress({total: 3, stream: over.stream, now: over.now, intervalMs: 0})
    progress.tick(5)
    expect(over.writes.at(-1)).toContain(' 3/3 100%')
    const empty = fakeTerminal(true)
    createProgress({total: 0, stream: empty.stream, now: empty.now}).done()
    expect(empty.writes.at(-1)).toContain(' 0/0 100%')
  })

  it('erases the bar on done when asked to clear', () => {
    const terminal = fakeTerminal(true)
    createProgress({total: 1, stream: terminal.stream, now: terminal.now, clear: true}).done()
    expect(terminal.writes.at(-1)).toBe('\r\u001B[2K')
  })

  it('rejects a total that is not a count', () => {
    expect(() => createProgress({total: Number.NaN, stream: fakeTerminal(true).stream})).toThrow(TypeError)
  })

  it('formats elapsed time in seconds, then minutes', () => {
    expect([formatElapsed(420), formatElapsed(12_345), formatElapsed(125_000)]).toEqual(['0.4s', '12.3s', '2m05s'])
  })
})
