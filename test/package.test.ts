/**
 * The published package, as a user gets it: `npm pack` makes the tarball,
 * `npm install` puts it (with only its declared dependencies, from the npm
 * cache or the registry) into a scratch project, and the project uses it from
 * ESM, CommonJS, the `vkdoc` binary, strict TypeScript (`nodenext` and
 * `bundler`) and a browser bundle made by esbuild, which honours
 * `sideEffects`. Needs `npm run build` first (skipped, saying so, without
 * `dist/`).
 */
import {execFileSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {builtinModules} from 'node:module'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {createContext, runInContext} from 'node:vm'
import {build} from 'esbuild'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {codes, codeUrl, ruleDocsBase, toHtml, toJson, toMarkdown, version} from '../src/index.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {version: string; devDependencies: Record<string, string>; files: string[]}
const built = existsSync(join(root, 'dist/index.js')) && existsSync(join(root, 'dist/cli.js'))
const tsc = join(root, 'node_modules/typescript/bin/tsc')
const page = readFileSync(join(root, 'fixtures/render/conditions-for-target/input.md'), 'utf8')

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false'}})
}

/** tsc's report of a project ('' when it type-checks). */
function typeCheck(tsconfig: string, cwd: string): string {
  try {
    return run('node', [tsc, '-p', tsconfig], cwd)
  } catch (error) {
    return String((error as {stdout?: string}).stdout) || String(error)
  }
}

function write(file: string, text: string): void {
  mkdirSync(join(file, '..'), {recursive: true})
  writeFileSync(file, text)
}

describe('the package metadata', () => {
  it('has the version package.json has, and rule URLs that name files the package ships', () => {
    expect(version).toBe(manifest.version)
    expect(ruleDocsBase).toBe(`https://unpkg.com/vkdoc@${manifest.version}/docs/rules/`)
    for (const code of Object.keys(codes) as Array<keyof typeof codes>) {
      const file = codeUrl(code).slice(`https://unpkg.com/vkdoc@${manifest.version}/`.length)
      expect(existsSync(join(root, file)), file).toBe(true)
      expect(manifest.files.some((entry) => file.startsWith(entry + '/')), file).toBe(true)
    }
    expect(codeUrl('unclosed-block', 'https://docs.example.com/rules/')).toBe('https://docs.example.com/rules/unclosed-block.md')
  })

  it('marks no module of its own as needed for side effects only (sideEffects lists the two browser assets)', () => {
    const bareImport = /^\s*import\s+['"][^'"]+['"]/m
    const sources = (folder: string): string[] =>
      readdirSync(folder, {withFileTypes: true}).flatMap((entry) => (entry.isDirectory() ? sources(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : []))
    expect(sources(join(root, 'src')).filter((file) => bareImport.test(readFileSync(file, 'utf8')))).toEqual([])
    expect((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {sideEffects: unknown}).sideEffects).toEqual(['./assets/tabs.js', './assets/vkdoc.css'])
  })
})

describe.skipIf(!built)(`the packed tarball installed in a scratch project${built ? '' : ' (skipped: run `npm run build` first)'}`, () => {
  let scratch: string
  let tarball: string
  let files: string[]

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'vkdoc-package-'))
    const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', scratch], root)) as Array<{filename: string; size: number; files: Array<{path: string}>}>
    tarball = join(scratch, packed[0]!.filename)
    files = packed[0]!.files.map((file) => file.path)
    write(
      join(scratch, 'project/package.json'),
      JSON.stringify({name: 'scratch', private: true, type: 'module', dependencies: {vkdoc: `file:${tarball}`, 'remark-rehype': manifest.devDependencies['remark-rehype'], 'rehype-stringify': manifest.devDependencies['rehype-stringify']}}),
    )
    run('npm', ['install', '--prefer-offline', '--no-package-lock', '--ignore-scripts'], join(scratch, 'project'))
  }, 300_000)

  afterAll(() => {
    if (scratch && !process.env['VKDOC_KEEP_SCRATCH']) rmSync(scratch, {recursive: true, force: true})
  })

  const project = (...parts: string[]): string => join(scratch, 'project', ...parts)

  it('holds the bundles, types, assets, rule docs and LICENSE, and no source maps', () => {
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([])
    for (const file of ['LICENSE', 'README.md', 'dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/node.js', 'dist/node.d.ts', 'dist/unified.js', 'dist/unified.d.cts', 'dist/cli.js', 'dist/worker.js', 'assets/tabs.js', 'assets/tabs.d.ts', 'assets/vkdoc.css', 'schema/faq.schema.json', 'docs/rules/unclosed-block.md']) {
      expect(files, file).toContain(file)
    }
    expect(files.filter((file) => file.startsWith('src/') || file.startsWith('test/'))).toEqual([])
    // About 360 KB of library (ESM, CJS, types) and 270 KB of CLI, which carries its dependencies bundled so that it starts in 0.2 s.
    expect(statSync(tarball).size).toBeLessThan(700_000)
  })

  it('works from ESM: every entry, one DocsTree class for both, the unified pipeline giving toHtml’s HTML', () => {
    write(
      project('esm.js'),
      `import {toHtml, toJson, memoryFileSystem, loadDocs as loadFromFileSystem, DocsTree} from 'vkdoc'
import {loadDocs, DocsTree as NodeDocsTree} from 'vkdoc/node'
import {remarkVkdoc, vkdocLint, rehypeVkdocSanitize, vkdocHandlers} from 'vkdoc/unified'
import {unified} from 'unified'
import remarkRehype from 'remark-rehype'
import rehypeStringify from 'rehype-stringify'
const file = await unified().use(remarkVkdoc, {target: 'private'}).use(vkdocLint).use(remarkRehype, {handlers: vkdocHandlers}).use(rehypeVkdocSanitize).use(rehypeStringify).process(${JSON.stringify(page)})
const tree = loadFromFileSystem(memoryFileSystem({'ru/ru.meta.json': '{}', 'ru/a/a.md': '# A'}))
console.log(JSON.stringify({
  html: toHtml(${JSON.stringify(page)}, {target: 'private'}),
  json: toJson(${JSON.stringify(page)}),
  pages: tree.pages().map((page) => page.file),
  sameClass: DocsTree === NodeDocsTree && loadDocs('.') instanceof DocsTree,
  pipeline: String(file),
}))
`,
    )
    const result = JSON.parse(run('node', ['esm.js'], project())) as Record<string, unknown>
    expect(result['html']).toBe(toHtml(page, {target: 'private'}))
    expect(result['json']).toEqual(JSON.parse(JSON.stringify(toJson(page))))
    expect(result['pages']).toEqual(['ru/a/a.md'])
    expect(result['sameClass']).toBe(true)
    expect(result['pipeline']).toBe(toHtml(page, {target: 'private'}))
  })

  it('works from CommonJS: require() of every entry, one DocsTree class for both', () => {
    write(
      project('cjs.cjs'),
      `const {toMarkdown, DocsTree} = require('vkdoc')
const node = require('vkdoc/node')
const {remarkVkdoc} = require('vkdoc/unified')
console.log(JSON.stringify({markdown: toMarkdown(${JSON.stringify(page)}), sameClass: node.DocsTree === DocsTree && node.loadDocs('.') instanceof DocsTree, plugin: typeof remarkVkdoc}))
`,
    )
    const result = JSON.parse(run('node', ['cjs.cjs'], project())) as Record<string, unknown>
    expect(result).toEqual({markdown: toMarkdown(page), sameClass: true, plugin: 'function'})
  })

  it('runs its binary, which carries its dependencies bundled: only Node built-ins and the language server protocol are imported', () => {
    write(project('page.md'), page)
    expect(run(project('node_modules/.bin/vkdoc'), ['html', 'page.md', '--target', 'private'], project())).toBe(toHtml(page, {target: 'private'}) + '\n')
    const dist = project('node_modules/vkdoc/dist')
    const specifiers = new Set<string>()
    const seen = new Set<string>()
    const visit = (file: string): void => {
      if (seen.has(file)) return
      seen.add(file)
      // Import statements (at a statement start) and dynamic imports; messages that name an entry in quotes are no import.
      for (const [, imported, loaded] of readFileSync(join(dist, file), 'utf8').matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w$*{}\s,]+from\s*)?"([^"]+)"|\bimport\("([^"]+)"\)/g)) {
        const specifier = (imported ?? loaded)!
        if (specifier.startsWith('./')) visit(specifier.slice(2))
        else specifiers.add(specifier)
      }
    }
    visit('cli.js')
    visit('worker.js')
    const builtIn = (specifier: string): boolean => specifier.startsWith('node:') || builtinModules.includes(specifier)
    expect([...specifiers].filter((specifier) => !builtIn(specifier) && !specifier.startsWith('vscode-languageserver'))).toEqual([])
    expect([...specifiers].filter((specifier) => specifier.startsWith('vscode-languageserver')).length).toBeGreaterThan(0)
    expect(seen.size).toBeGreaterThan(3)
  })

  const typeScriptUse = `import {loadDocs as loadFromFileSystem, memoryFileSystem, toHtml, toJson, validate, type DocsTree, type FaqDocument, type VkdocMessage} from 'vkdoc'
import {loadDocs, nodeFileSystem, validate as validateOnDisk} from 'vkdoc/node'
import {createVkdocHandlers, rehypeVkdocSanitize, remarkVkdoc, vkdocHandlers, vkdocLint, type RemarkVkdocOptions} from 'vkdoc/unified'
import 'vkdoc/tabs.js'
import remarkRehype from 'remark-rehype'
import rehypeStringify from 'rehype-stringify'
import {unified} from 'unified'

const html: string = toHtml('{cut(A)}\\nB\\n{/cut}\\n', {target: 'public'})
const faq: FaqDocument = toJson('x', {faq: true})
const tree: DocsTree = loadDocs('docs', {lang: 'ru'})
const inMemory: DocsTree = loadFromFileSystem(memoryFileSystem({'ru/a/a.md': '# A'}))
// @ts-expect-error the main entry reads no disk: a folder path is refused
loadFromFileSystem('docs')
const messages: VkdocMessage[] = [...validate('x', {root: inMemory}), ...validateOnDisk('x', {root: 'docs'})]
const options: RemarkVkdocOptions = {target: 'private', docs: nodeFileSystem('docs')}
const processor = unified().use(remarkVkdoc, options).use(vkdocLint, {profile: 'faq'}).use(remarkRehype, {handlers: vkdocHandlers}).use(rehypeVkdocSanitize).use(rehypeStringify)
const prefixed = unified().use(remarkVkdoc).use(remarkRehype, {handlers: createVkdocHandlers({classPrefix: 'doc-'})}).use(rehypeVkdocSanitize, {classPrefix: 'doc-'}).use(rehypeStringify)
globalThis.vkdocTabs?.init()
export {html, faq, tree, messages, processor, prefixed}
`

  it.each([
    ['nodenext', {module: 'nodenext', moduleResolution: 'nodenext'}],
    ['bundler', {module: 'esnext', moduleResolution: 'bundler'}],
  ])('type-checks in a strict TypeScript project with moduleResolution %s (declarations included)', (name, resolution) => {
    const folder = project(`ts-${name}`)
    write(join(folder, 'use.ts'), typeScriptUse)
    // CommonJS side of nodenext: the .d.cts declarations.
    if (name === 'nodenext') write(join(folder, 'use-cjs.cts'), `import vkdoc = require('vkdoc')\nimport node = require('vkdoc/node')\nconst html: string = vkdoc.toHtml('x')\nconst tree: vkdoc.DocsTree = node.loadDocs('docs')\nexport {html, tree}\n`)
    // lib "dom": vfile's declarations name `URL`, which a real project has from the DOM library or @types/node.
    write(
      join(folder, 'tsconfig.json'),
      JSON.stringify({compilerOptions: {...resolution, target: 'es2022', lib: ['es2022', 'dom'], types: [], strict: true, noEmit: true, skipLibCheck: false, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, verbatimModuleSyntax: name === 'bundler'}, include: ['*.ts', '*.cts']}),
    )
    // Run from the scratch project so that `vkdoc` resolves to the installed tarball.
    expect(typeCheck(join(folder, 'tsconfig.json'), project())).toBe('')
  })

  it('fails to type-check a wrong use (the check above can fail)', () => {
    const folder = project('ts-wrong')
    write(join(folder, 'use.ts'), `import {toHtml} from 'vkdoc'\nconst length: number = toHtml('x')\nexport {length}\n`)
    write(join(folder, 'tsconfig.json'), JSON.stringify({compilerOptions: {module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022', 'dom'], strict: true, noEmit: true, skipLibCheck: true, types: []}, include: ['*.ts']}))
    expect(typeCheck(join(folder, 'tsconfig.json'), project())).toMatch(/use\.ts\(2,7\): error TS2322: Type 'string' is not assignable to type 'number'/)
  })

  it('bundles for browsers with tree shaking: the library still renders, and the side-effect assets are kept', async () => {
    write(project('browser.js'), `import {toHtml, toJson} from 'vkdoc'\nglobalThis.result = {html: toHtml(${JSON.stringify(page)}), questions: toJson(${JSON.stringify(page)}, {faq: true}).questions.length}\n`)
    write(project('assets.js'), `import 'vkdoc/tabs.js'\nimport 'vkdoc/vkdoc.css'\n`)
    const bundled = await build({entryPoints: [project('browser.js')], bundle: true, platform: 'browser', conditions: ['worker'], format: 'iife', treeShaking: true, write: false, absWorkingDir: project(), logLevel: 'silent'})
    const context = createContext({URL, TextEncoder, TextDecoder, crypto: globalThis.crypto, console})
    runInContext(bundled.outputFiles[0]!.text, context)
    expect(context['result']).toEqual({html: toHtml(page), questions: toJson(page, {faq: true}).questions.length})
    const assets = await build({entryPoints: [project('assets.js')], bundle: true, platform: 'browser', outdir: project('out'), write: false, absWorkingDir: project(), logLevel: 'silent'})
    const output = Object.fromEntries(assets.outputFiles.map((file) => [file.path.split('.').pop(), file.text]))
    expect(output['js']).toContain('vkdocTabs')
    expect(output['css']).toContain('.vk-cut')
  })
})
