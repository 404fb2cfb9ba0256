/**
 * `vkdoc lsp --stdio`: the language server. It wires the protocol to the
 * workspace (the live docs tree under the open buffers) and schedules checks:
 * after an edit the edited document is checked first, then the open
 * documents that depend on it, each published as soon as it is ready; an
 * edit that arrives meanwhile is applied before the next check.
 */
import {resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {parse} from '../parser/index.js'
import {codeActions} from './code-actions.js'
import {complete, completionTriggers} from './completion.js'
import {CheckRound} from './diagnostics.js'
import {formatDocument} from './formatting.js'
import {definition, hover} from './navigation.js'
import {documentSymbols, foldingRanges} from './outline.js'
import {DocumentText} from './positions.js'
import {setupFor, type ClientSettings} from './settings.js'
import {Workspace, type OpenDocument} from './workspace.js'

/** The workspace folder the client opened (its first), else the working directory. */
function folderOf(params: InitializeParams): string {
  const folderUri = params.workspaceFolders?.[0]?.uri ?? params.rootUri
  return folderUri ? fileURLToPath(folderUri) : (params.rootPath ?? process.cwd())
}

function isMarkdown(document: TextDocument): boolean {
  return document.languageId === 'markdown' || /\.md$/i.test(document.uri)
}

/** Serve one client on `connection` until it exits. */
export function serve(connection: Connection): void {
  const documents = new TextDocuments(TextDocument)
  let workspace: Workspace | undefined
  /** Open documents waiting for a check, in order (the edited one first). */
  const pending = new Map<string, OpenDocument>()
  let round: CheckRound | undefined
  let scheduled = false

  const schedule = (queue: readonly OpenDocument[]): void => {
    const rest = [...pending.values()].filter((document) => !queue.some((queued) => queued.uri === document.uri))
    pending.clear()
    for (const document of [...queue, ...rest]) pending.set(document.uri, document)
    round = undefined
    if (!scheduled) {
      scheduled = true
      setImmediate(checkNext)
    }
  }

  const checkNext = (): void => {
    scheduled = false
    const next = pending.values().next()
    if (next.done || !workspace) return
    const document = next.value
    pending.delete(document.uri)
    const current = workspace.document(document.uri)
    if (current) {
      round ??= new CheckRound(workspace)
      try {
        connection.sendDiagnostics({uri: current.uri, version: current.version, diagnostics: round.diagnostics(current)})
      } catch (error) {
        connection.console.error(`vkdoc: checking ${current.uri} failed: ${(error as Error).stack ?? String(error)}`)
      }
    }
    if (pending.size > 0 && !scheduled) {
      scheduled = true
      setImmediate(checkNext)
    }
  }

  /** What the request handlers need of a document: its tree path (or `null`) and text. */
  const view = (uri: string): {file: string | null; text: DocumentText} | undefined => {
    const document = workspace?.document(uri)
    if (!workspace || !document) return undefined
    return {file: document.file, text: workspace.documentText(document)}
  }

  let watchFiles = false
  connection.onInitialize(async (params): Promise<InitializeResult> => {
    const folder = folderOf(params)
    const given = (params.initializationOptions ?? {}) as ClientSettings
    const setup = await setupFor(folder, {...given, root: given.root === undefined ? undefined : resolve(folder, given.root)})
    if (setup.problem) void connection.window.showWarningMessage(`vkdoc: ${setup.problem}; checking with the default settings`)
    workspace = new Workspace({root: setup.root, lang: setup.lang, lint: setup.lint})
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: {triggerCharacters: completionTriggers},
        definitionProvider: true,
        hoverProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        codeActionProvider: {codeActionKinds: [CodeActionKind.QuickFix]},
        documentFormattingProvider: true,
      },
      serverInfo: {name: 'vkdoc'},
    }
  })

  connection.onInitialized(() => {
    if (watchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {watchers: [{globPattern: '**/*.{md,json,mjs}'}]})
    }
    // The include and link graphs of the whole tree, once, before the first edit needs them.
    setImmediate(() => workspace?.warmUp())
  })

  documents.onDidChangeContent(({document}) => {
    // Clients that send every file (meta JSON, config) get answers for Markdown only.
    if (workspace && isMarkdown(document)) schedule(workspace.change(document.uri, document.getText(), document.version))
  })
  documents.onDidClose(({document}) => {
    if (!workspace) return
    pending.delete(document.uri)
    schedule(workspace.close(document.uri))
    connection.sendDiagnostics({uri: document.uri, diagnostics: []})
  })
  connection.onDidChangeWatchedFiles(({changes}) => {
    if (!workspace) return
    const kinds = {[FileChangeType.Created]: 'created', [FileChangeType.Changed]: 'changed', [FileChangeType.Deleted]: 'deleted'} as const
    schedule(workspace.diskChanged(changes.map((change) => ({uri: change.uri, kind: kinds[change.type]}))))
  })

  connection.onCompletion(({textDocument, position}) => {
    const seen = view(textDocument.uri)
    return seen && workspace ? complete(workspace, seen.file, seen.text, seen.text.offsetAt(position)) : []
  })
  connection.onDefinition(({textDocument, position}) => {
    const seen = view(textDocument.uri)
    return seen?.file && workspace ? definition(workspace, seen.file, seen.text, seen.text.offsetAt(position)) : []
  })
  connection.onHover(({textDocument, position}) => {
    const seen = view(textDocument.uri)
    return seen?.file && workspace ? hover(workspace, seen.file, seen.text, seen.text.offsetAt(position)) : null
  })
  connection.onDocumentSymbol(({textDocument}) => {
    const seen = view(textDocument.uri)
    if (!seen || !workspace) return []
    if (!seen.file) return documentSymbols(seen.text, 'input.md', ['public'])
    return documentSymbols(seen.text, seen.file, workspace.targetsOf(seen.file), workspace.sectionsOf(seen.file, 'outline'))
  })
  connection.onFoldingRanges(({textDocument}) => {
    const seen = view(textDocument.uri)
    if (!seen || !workspace) return []
    const tree = (seen.file && workspace.tree.tree(seen.file)) || parse(seen.text.text).tree
    return foldingRanges(tree, seen.text)
  })
  connection.onCodeAction(({context}) => (workspace ? codeActions(workspace, context.diagnostics) : []))
  connection.onDocumentFormatting(({textDocument}) => {
    const seen = view(textDocument.uri)
    return seen && workspace ? formatDocument(workspace, seen.file, seen.text) : []
  })

  documents.listen(connection)
  connection.listen()
}

/**
 * The `lsp` command (`vkdoc lsp --stdio`, arguments checked by the CLI).
 * Runs until the client exits: the connection ends the process then.
 */
export function languageServerCommand(): Promise<number> {
  // Reads `--stdio` from the command line, which also sends console output to the client, never into the protocol.
  serve(createConnection(ProposedFeatures.all))
  return new Promise(() => {})
}
