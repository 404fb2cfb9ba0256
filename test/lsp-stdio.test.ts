/**
 * `vkdoc lsp --stdio` driven by a real client over standard input and
 * output (the built CLI, spawned; JSON-RPC from vscode-languageserver-protocol):
 * first on a small tree written to a temporary folder, then on the ru corpus
 * as the workspace (skipped when ../shared/corpus is absent). The corpus part
 * also measures the time from a `didChange` to its `publishDiagnostics` and
 * prints it; it asserts nothing about time.
 */
import {spawn, type ChildProcess} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {
  CompletionRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type LocationLink,
  type Position,
  type Range,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol'
import {createProtocolConnection, StreamMessageReader, StreamMessageWriter} from 'vscode-languageserver-protocol/node'

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
const corpus = fileURLToPath(new URL('../../shared/corpus', import.meta.url))
const seedFile = fileURLToPath(new URL('../../shared/seed/partners-faq.md', import.meta.url))
const hasCorpus = existsSync(join(corpus, 'ru')) && existsSync(join(corpus, 'config')) && existsSync(seedFile)

/** A language client over the server's stdio: open, change and close buffers, wait for diagnostics. */
class Client {
  readonly connection: ProtocolConnection
  private readonly server: ChildProcess
  private readonly published: {at: number; params: PublishDiagnosticsParams}[] = []
  private readonly waiters: (() => void)[] = []
  private readonly versions = new Map<string, number>()
  readonly root: string

  constructor(root: string) {
    this.root = root
    this.server = spawn(process.execPath, [cli, 'lsp', '--stdio'], {stdio: ['pipe', 'pipe', 'inherit']})
    this.connection = createProtocolConnection(new StreamMessageReader(this.server.stdout!), new StreamMessageWriter(this.server.stdin!))
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push({at: performance.now(), params})
      for (const wake of this.waiters.splice(0)) wake()
    })
    this.connection.listen()
  }

  async start(): Promise<void> {
    const rootUri = pathToFileURL(this.root).href
    const result = await this.connection.sendRequest(InitializeRequest.type, {processId: process.pid, rootUri, workspaceFolders: [{uri: rootUri, name: 'docs'}], capabilities: {}})
    expect(result.capabilities.completionProvider?.triggerCharacters).toContain('#')
    await this.connection.sendNotification(InitializedNotification.type, {})
  }

  uri(file: string): string {
    return pathToFileURL(join(this.root, file)).href
  }

  open(file: string, text: string): void {
    this.versions.set(file, 1)
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, {textDocument: {uri: this.uri(file), languageId: 'markdown', version: 1, text}})
  }

  /** Replace `range` of an open buffer with `text` (an insertion when the range is empty). */
  edit(file: string, range: Range, text: string): void {
    const version = (this.versions.get(file) ?? 1) + 1
    this.versions.set(file, version)
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, {textDocument: {uri: this.uri(file), version}, contentChanges: [{range, text}]})
  }

  insert(file: string, position: Position, text: string): void {
    this.edit(file, {start: position, end: position}, text)
  }

  close(file: string): void {
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, {textDocument: {uri: this.uri(file)}})
  }

  /** How many publications have arrived so far (to wait for the next ones). */
  get count(): number {
    return this.published.length
  }

  /** The first diagnostics published for `file` after the `since`th publication that satisfy `accept`. */
  async diagnostics(file: string, since = 0, accept: (diagnostics: Diagnostic[]) => boolean = () => true): Promise<{at: number; diagnostics: Diagnostic[]}> {
    const uri = this.uri(file)
    for (;;) {
      const found = this.published.slice(since).find((item) => item.params.uri === uri && accept(item.params.diagnostics))
      if (found) return {at: found.at, diagnostics: found.params.diagnostics}
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
  }

  async complete(file: string, position: Position): Promise<CompletionItem[]> {
    const result = await this.connection.sendRequest(CompletionRequest.type, {textDocument: {uri: this.uri(file)}, position})
    return Array.isArray(result) ? result : ((result as CompletionList | null)?.items ?? [])
  }

  async definition(file: string, position: Position): Promise<LocationLink[]> {
    return ((await this.connection.sendRequest(DefinitionRequest.type, {textDocument: {uri: this.uri(file)}, position})) ?? []) as LocationLink[]
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.server.once('exit', resolve))
    await this.connection.sendRequest(ShutdownRequest.type)
    await this.connection.sendNotification(ExitNotification.type)
    await exited
    this.connection.dispose()
  }
}

/** The LSP position of the first `needle` in `text`, plus `shift` characters. */
function positionOf(text: string, needle: string, shift = 0): Position {
  const offset = text.indexOf(needle)
  if (offset === -1) throw new Error(`${needle} not found`)
  const before = text.slice(0, offset)
  const line = before.split('\n').length - 1
  return {line, character: offset - (before.lastIndexOf('\n') + 1) + shift}
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

beforeAll(() => {
  if (!existsSync(cli)) throw new Error('the stdio test drives the built CLI: run `npm run build` first')
})

describe('vkdoc lsp --stdio on a small tree', () => {
  const root = mkdtempSync(join(tmpdir(), 'vkdoc-lsp-'))
  const files: Record<string, string> = {
    'config/site.docs.config.mjs': "export default {build: {points: ['public', 'private']}}",
    'ru/ru.meta.json': '{"title": "ru", "variables": {"cloud": "VK Cloud"}}',
    'ru/_includes/_steps.md': 'Шаги в {var(cloud)}.\n',
    'ru/a/a.meta.json': '{"title": "A", "build": {"for": ["public", "private"]}}',
    'ru/a/a.md': '# {heading(A)[id=a]}\n\n{include(/ru/_includes/_steps.md)}\n',
  }
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), {recursive: true})
    writeFileSync(join(root, file), text)
  }
  const client = new Client(root)
  beforeAll(() => client.start())
  afterAll(async () => {
    await client.stop()
    rmSync(root, {recursive: true, force: true})
  })

  it('publishes diagnostics of an open page again when a fragment it includes is edited', async () => {
    client.open('ru/a/a.md', files['ru/a/a.md']!)
    expect((await client.diagnostics('ru/a/a.md')).diagnostics).toEqual([])
    const since = client.count
    client.open('ru/_includes/_steps.md', files['ru/_includes/_steps.md']!)
    client.insert('ru/_includes/_steps.md', {line: 0, character: 0}, '{var(nothing)} ')
    const {diagnostics} = await client.diagnostics('ru/a/a.md', since, (found) => found.length > 0)
    expect(diagnostics.map((item) => [item.code, item.range.start.line])).toEqual([['var-undefined', 2]])
    expect(diagnostics[0]!.relatedInformation?.[0]?.location.uri).toBe(client.uri('ru/_includes/_steps.md'))
    const inFragment = await client.diagnostics('ru/_includes/_steps.md', since, (found) => found.length > 0)
    expect(inFragment.diagnostics[0]).toMatchObject({code: 'var-undefined', range: {start: {line: 0, character: 0}}})
  })

  it('formats a buffer on request (format on save)', async () => {
    const text = '{cut(Первый?)}\nОтвет.\n{/cut}\n{cut(Второй?)}\nОтвет.\n{/cut}\n'
    client.open('ru/b.md', text)
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, {textDocument: {uri: client.uri('ru/b.md')}, options: {tabSize: 2, insertSpaces: true}})
    expect(edits).toEqual([{range: {start: {line: 3, character: 0}, end: {line: 3, character: 0}}, newText: '\n'}])
    client.close('ru/b.md')
  })

  it('checks the disk text again once the edited fragment is closed', async () => {
    const since = client.count
    client.close('ru/_includes/_steps.md')
    expect((await client.diagnostics('ru/_includes/_steps.md', since)).diagnostics).toEqual([])
    expect((await client.diagnostics('ru/a/a.md', since)).diagnostics).toEqual([])
  })
})

describe.skipIf(!hasCorpus)('vkdoc lsp --stdio on the ru corpus', () => {
  const page = 'ru/start/partners/faq/faq.md'
  const seed = hasCorpus ? readFileSync(seedFile, 'utf8') : ''
  const client = new Client(corpus)
  beforeAll(() => client.start())
  afterAll(() => client.stop())

  it('reports linkto-missing-anchor on the #study link of the seed opened as the partners FAQ', async () => {
    client.open(page, seed)
    const {diagnostics} = await client.diagnostics(page)
    const missing = diagnostics.filter((item) => item.code === 'linkto-missing-anchor')
    expect(missing.map((item) => item.range.start)).toEqual([positionOf(seed, '{linkto(/ru/start/partners/about-partners/#study)')])
    expect(missing[0]!.message).toContain('#study')
  })

  it("completes the anchors of the linked page after `{linkto(/ru/start/partners/about-partners#`", async () => {
    const typed = '{linkto(/ru/start/partners/about-partners#'
    client.insert(page, {line: 0, character: 0}, `${typed}\n`)
    const items = await client.complete(page, {line: 0, character: typed.length})
    expect(items.map((item) => item.label)).toEqual(expect.arrayContaining(['start-about-partners', 'start-about-partners-study', 'start-about-partners-status']))
    expect(items.find((item) => item.label === 'start-about-partners-study')?.detail).toBe('## Обучение')
    client.edit(page, {start: {line: 0, character: 0}, end: {line: 1, character: 0}}, '')
  })

  it('goes from a linkto to the target page, and to the line of an anchor that exists', async () => {
    const target = 'ru/start/partners/about-partners/about-partners.md'
    const [toPage] = await client.definition(page, positionOf(seed, '{linkto(/ru/start/partners/about-partners/#study)', 3))
    expect(toPage).toMatchObject({targetUri: client.uri(target), targetRange: {start: {line: 0, character: 0}}})
    const link = '{linkto(/ru/start/partners/about-partners#start-about-partners-study)[text=%text]}'
    client.insert(page, {line: 0, character: 0}, `${link}\n`)
    const [anchor] = await client.definition(page, {line: 0, character: 3})
    const heading = positionOf(readFileSync(join(corpus, target), 'utf8'), '{heading(Обучение)')
    expect(anchor).toMatchObject({targetUri: client.uri(target), targetRange: {start: heading}})
    client.edit(page, {start: {line: 0, character: 0}, end: {line: 1, character: 0}}, '')
  })

  it('outlines the seed as its 15 questions', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, {textDocument: {uri: client.uri(page)}})) as DocumentSymbol[]
    expect(symbols).toHaveLength(15)
    expect(symbols[0]).toMatchObject({name: 'Кто может стать участником партнерской программы?', detail: 'question'})
  })

  it('publishes the diagnostics of an open page again when a fragment it includes is edited', async () => {
    const including = 'ru/networks/vnet/quick-start/quick-start.md'
    const fragment = 'ru/_includes/_create-network.md'
    client.open(including, readFileSync(join(corpus, including), 'utf8'))
    const before = await client.diagnostics(including)
    const since = client.count
    client.open(fragment, readFileSync(join(corpus, fragment), 'utf8'))
    client.insert(fragment, {line: 2, character: 0}, '{linkto(/ru/no-such-page)[text=нет]} ')
    const after = await client.diagnostics(including, since, (found) => found.some((item) => item.code === 'linkto-missing-page'))
    const added = after.diagnostics.filter((item) => !before.diagnostics.some((old) => old.message === item.message))
    expect(added.map((item) => [item.code, item.range.start.line])).toEqual([['linkto-missing-page', positionOf(readFileSync(join(corpus, including), 'utf8'), '{include(').line]])
    expect(added[0]!.relatedInformation?.[0]?.location).toMatchObject({uri: client.uri(fragment), range: {start: {line: 2, character: 0}}})
    client.close(fragment)
  })

  it('measures the time from a change to its diagnostics (printed, not asserted)', async () => {
    /** One-character edits of an open buffer, each timed until its diagnostics arrive (the first three warm up, untimed). */
    const edits = 15
    const measure = async (file: string): Promise<number[]> => {
      const times: number[] = []
      for (let edit = -3; edit < edits; edit++) {
        const since = client.count
        const sent = performance.now()
        client.insert(file, {line: 1, character: 0}, 'x')
        const {at} = await client.diagnostics(file, since)
        if (edit >= 0) times.push(at - sent)
      }
      return times
    }
    // The seed is still open as the partners FAQ.
    const seedTimes = await measure(page)
    const large = 'ru/computing/iaas/faq/faq.md'
    const since = client.count
    client.open(large, readFileSync(join(corpus, large), 'utf8'))
    await client.diagnostics(large, since)
    const largeTimes = await measure(large)
    client.close(large)
    const show = (times: number[]) => `median ${median(times).toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}, ${times.length} edits)`
    console.info(`didChange → publishDiagnostics: partners FAQ (7.7 kB, 10 targets) ${show(seedTimes)}; ${large} (33.8 kB) ${show(largeTimes)}`)
    expect(seedTimes).toHaveLength(edits)
    expect(largeTimes).toHaveLength(edits)
  })
})
