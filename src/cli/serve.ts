/**
 * Preview servers on 127.0.0.1 (never another interface: a preview is for
 * the author at this machine).
 *
 * - `vkdoc serve`: pages rendered from the docs tree on request and kept
 *   until an edit touches them; an open page reloads itself (server-sent
 *   events) when a file it depends on changes. Tree files other than Markdown
 *   (images, specs) are served as they are.
 * - `vkdoc build --watch --serve`: the built folder, as files.
 *
 * Both answer only for paths inside their folder: a request path is
 * normalised and must stay in it (`..` and encoded slashes are refused).
 */
import {createReadStream, existsSync, readFileSync, realpathSync, statSync, watch, type FSWatcher} from 'node:fs'
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import {extname, join, sep} from 'node:path'
import type {DocsTree} from '../tree/docs-tree.js'
import {normalizeTreePath} from '../tree/paths.js'
import {loadDocs} from '../node.js'
import {parseFor, stringValue} from './args.js'
import {pageDocument} from './build-pages.js'
import {findCommand} from './commands.js'
import {checkTarget, displayOf, RunContext} from './context.js'
import {UsageError, type Io} from './io.js'
import {assetPath} from './package-files.js'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.mp4': 'video/mp4',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
}

/** A request's path as a POSIX path inside the site (`ru/x`), or `null` when it is malformed or leaves it. */
function sitePath(request: IncomingMessage): string | null {
  const raw = (request.url ?? '/').split(/[?#]/)[0]!
  let decoded: string
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    return null
  }
  if (decoded.includes('\\') || decoded.includes('\0')) return null
  return normalizeTreePath(decoded.replace(/^\/+/, ''))
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff'})
  response.end(body)
}

function notFound(response: ServerResponse): void {
  send(response, 404, 'text/plain; charset=utf-8', 'Not found\n')
}

/** The real path of `file` when it lies inside the real folder `root` (symbolic links resolved), else `null`. */
function insideRoot(root: string, file: string): string | null {
  let real: string
  try {
    real = realpathSync(file)
  } catch {
    return null
  }
  return real === root || real.startsWith(root + sep) ? real : null
}

export interface RunningServer {
  server: Server
  /** `http://127.0.0.1:PORT/`. */
  url: string
  close(): Promise<void>
}

function listen(server: Server, port: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      resolvePromise(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/`)
    })
  })
}

/** Serve the files of `root` (a built site); folders answer with their `index.html`. */
export async function startServer(options: {root: string; port: number}): Promise<RunningServer> {
  const root = realpathSync(options.root)
  const server = createServer((request, response) => {
    const path = sitePath(request)
    if (path === null) return notFound(response)
    let file = join(root, path)
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html')
      const real = insideRoot(root, file)
      if (real === null) return notFound(response)
      response.writeHead(200, {'content-type': contentTypes[extname(real).toLowerCase()] ?? 'application/octet-stream', 'cache-control': 'no-store'})
      createReadStream(real).pipe(response)
    } catch {
      notFound(response)
    }
  })
  const url = await listen(server, options.port)
  return {server, url, close: () => new Promise((done) => server.close(() => done()))}
}

/** The script an open preview page runs: reload when the server says this page changed. */
const reloadScript =
  '<script>(function(){var source=new EventSource("/__vkdoc/events");source.onmessage=function(event){var changed=JSON.parse(event.data);' +
  'var here=location.pathname.replace(/\\/(index\\.html)?$/,"");if(changed.indexOf("*")!==-1||changed.indexOf(here)!==-1)location.reload()}})()</script>\n'

export interface PreviewOptions {
  root: string
  lang?: string
  target: string
  port: number
  /** Called with each change handled (the tree files and page URLs it touched). */
  onChange?: (change: {files: string[]; urls: string[]}) => void
}

export interface RunningPreview extends RunningServer {
  /** Apply a change to a tree file now (what the file watcher calls). */
  changed(file: string): void
}

/** `vkdoc serve`: render pages of the tree on request, re-render what an edit touches. */
export async function startPreview(options: PreviewOptions): Promise<RunningPreview> {
  let tree: DocsTree = loadDocs(options.root, options.lang ? {lang: options.lang} : {})
  const realRoot = realpathSync(options.root)
  const rendered = new Map<string, string>()
  const clients = new Set<ServerResponse>()
  const broadcast = (urls: string[]): void => {
    for (const client of clients) client.write(`data: ${JSON.stringify(urls)}\n\n`)
  }
  const changed = (file: string): void => {
    let urls: string[]
    let files: string[]
    // A Markdown file the tree knows, still there: its text changed. Anything else may change the index.
    const known = tree.fs.isFile(file)
    const text = file.endsWith('.md') && known ? readText(options.root, file) : undefined
    // An editor's temporary file, already gone: nothing the site shows.
    if (!known && !existsSync(join(options.root, file))) return
    if (text !== undefined) {
      files = tree.update(file, text)
      for (const path of files) rendered.delete(path)
      urls = files.map((path) => tree.page(path)).filter((page) => page !== undefined).map((page) => '/' + page.folder)
    } else {
      // A new or deleted file, a meta or config file: the index itself may differ.
      tree = loadDocs(options.root, options.lang ? {lang: options.lang} : {})
      rendered.clear()
      files = [file]
      urls = ['*']
    }
    broadcast(urls)
    options.onChange?.({files, urls})
  }
  const server = createServer((request, response) => {
    const path = sitePath(request)
    if (path === null) return notFound(response)
    if (path === '__vkdoc/events') {
      response.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive'})
      response.write(': vkdoc preview\n\n')
      clients.add(response)
      request.on('close', () => clients.delete(response))
      return
    }
    if (path === 'vkdoc.css' || path === 'tabs.js') {
      const asset = assetPath(path)
      return asset === undefined ? notFound(response) : send(response, 200, contentTypes[extname(path)]!, readFileSync(asset))
    }
    const folder = path.replace(/\/?index\.html$/, '')
    const page = folder === '' ? undefined : tree.page(folder)
    if (page && page.folder === folder) {
      let html = rendered.get(page.file)
      if (html === undefined) {
        html = pageDocument(tree, page.file, {target: options.target}, reloadScript).html
        rendered.set(page.file, html)
      }
      return send(response, 200, contentTypes['.html']!, html)
    }
    if (folder === '') return send(response, 200, contentTypes['.html']!, indexPage(tree))
    if (!path.endsWith('.md') && tree.fs.isFile(path)) {
      const file = insideRoot(realRoot, join(options.root, path))
      if (file === null) return notFound(response)
      try {
        return send(response, 200, contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream', readFileSync(file))
      } catch {
        return notFound(response)
      }
    }
    notFound(response)
  })
  const url = await listen(server, options.port)
  let watcher: FSWatcher | undefined
  const pending = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  try {
    watcher = watch(options.root, {recursive: true}, (_event, name) => {
      if (!name) return
      pending.add(String(name).split(sep).join('/'))
      // Editors save in bursts (write, rename, chmod): handle each file once per burst.
      clearTimeout(timer)
      timer = setTimeout(() => {
        for (const file of pending) changed(file)
        pending.clear()
      }, 50)
    })
  } catch {
    watcher = undefined
  }
  return {
    server,
    url,
    changed,
    close: () =>
      new Promise((done) => {
        watcher?.close()
        clearTimeout(timer)
        for (const client of clients) client.end()
        server.close(() => done())
      }),
  }
}

function readText(root: string, file: string): string | undefined {
  try {
    return new TextDecoder().decode(readFileSync(join(root, file))).replace(/^\uFEFF/, '')
  } catch {
    return undefined
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
}

/** `/`: every page of the tree, linked. */
function indexPage(tree: DocsTree): string {
  const items = tree
    .pages()
    .map((page) => `<li><a href="/${page.folder.split('/').map(encodeURIComponent).join('/')}">${escapeHtml(page.title ?? page.folder)}</a> <small>${escapeHtml(page.file)}</small></li>`)
  return `<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>vkdoc preview</title>\n<link rel="stylesheet" href="/vkdoc.css">\n${reloadScript}</head>\n<body>\n<main>\n<h1>Pages</h1>\n<ul>\n${items.join('\n')}\n</ul>\n</main>\n</body>\n</html>\n`
}

/** `vkdoc serve --root DIR [--port N] [--target T] [--lang L]`: runs until interrupted. */
export async function serveCommand(args: readonly string[], io: Io): Promise<number> {
  const {values} = parseFor(findCommand('serve')!, args)
  const ctx = new RunContext(io, {command: 'serve', flags: {root: stringValue(values, 'root'), lang: stringValue(values, 'lang'), target: stringValue(values, 'target')}})
  const settings = await ctx.cwdSettings()
  if (!settings.root) throw new UsageError('`vkdoc serve` needs --root DIR (or `root` in a configuration)', 'serve')
  const tree = ctx.tree(settings)!
  const target = settings.targets?.[0] ?? 'public'
  checkTarget(tree, target, 'serve')
  let preview: RunningPreview
  try {
    preview = await startPreview({root: settings.root, lang: settings.lang ?? undefined, target, port: Number(stringValue(values, 'port') ?? 4000), onChange: ({files}) => io.stderr.write(`${files.join(', ')}: changed\n`)})
  } catch (error) {
    if ((error as {code?: string}).code === 'EADDRINUSE') throw new UsageError(`port ${stringValue(values, 'port') ?? 4000} is in use; choose another with --port`, 'serve')
    throw error
  }
  io.stderr.write(`serving ${displayOf(settings.root, io.cwd)} for ${target} at ${preview.url} (Ctrl+C to stop)\n`)
  return new Promise(() => {})
}
