/**
 * The language server's features on a small in-memory docs tree: what an
 * author sees in the editor (diagnostics, quick fixes, completion,
 * definitions, hovers, outline, folding), computed by the server's modules
 * over the live tree with open buffers laid over it.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {describe, expect, it} from 'vitest'
import type {CompletionItem, Diagnostic} from 'vscode-languageserver'
import {format, hastToHtml, mdastToHast, memoryFileSystem} from '../src/index.js'
import {codeActions, disableComment} from '../src/lsp/code-actions.js'
import {complete} from '../src/lsp/completion.js'
import {CheckRound} from '../src/lsp/diagnostics.js'
import {definition, hover} from '../src/lsp/navigation.js'
import {formatDocument} from '../src/lsp/formatting.js'
import {documentSymbols, foldingRanges} from '../src/lsp/outline.js'
import {DocumentText} from '../src/lsp/positions.js'
import {findDocsRoot, setupFor} from '../src/lsp/settings.js'
import {Workspace} from '../src/lsp/workspace.js'

const meta = (targets: string[], title = 'T') => JSON.stringify({title, build: {for: targets}})
const files: Record<string, string> = {
  'config/site.docs.config.mjs': "export default {build: {points: ['public', 'private']}}",
  'ru/ru.meta.json': JSON.stringify({title: 'ru', variables: {vendor: 'VK Tech', cloud: [{buildPoint: 'public', value: 'VK Cloud'}, {buildPoint: 'private', value: 'VK Private Cloud'}]}}, null, 2),
  'ru/_includes/_part.md': '{includetag(steps)}\nШаги.\n{/includetag}\nОбщий текст.\n{includetag(extra)}\nЕщё.\n{/includetag}\n',
  'ru/_includes/_section.md': '## {heading(Раздел из фрагмента)[id=from-fragment]}\n',
  'ru/a/a.meta.json': meta(['public', 'private'], 'Страница A'),
  'ru/a/a.md': [
    '# {heading(Страница A)[id=a-title]}',
    '',
    '{include(/ru/_includes/_part.md)[tags=steps]}',
    '',
    'Облако {var(cloud)}, {linkto(../b#b-section)[text=%text]}.',
    '',
    '{ifdef(private)}',
    'Только private: {linkto(../b#private-only)[text=x]}.',
    '{/ifdef}',
    '',
  ].join('\n'),
  'ru/b/b.meta.json': meta(['public', 'private'], 'Страница B'),
  'ru/b/b.md': '# {heading(Страница B)[id=b-title]}\n\n## {heading(Раздел B)[id=b-section]}\n\n{include(/ru/_includes/_section.md)}\n',
  'ru/help/faq/faq.meta.json': meta(['public'], 'Вопросы'),
  'ru/help/faq/faq.md': '# {heading(Вопросы и ответы)[id=faq]}\n\n## {heading(Общие)[id=general]}\n\n{cut(Как начать?)}\n\n{note:info}\nОтвет.\n{/note}\n\n{/cut}\n\n{cut(Сколько стоит?)}\n\nНедорого.\n\n{/cut}\n',
}

const root = '/docs'
const uri = (file: string) => pathToFileURL(`${root}/${file}`).href

function workspaceWith(extra: Record<string, string> = {}): Workspace {
  return new Workspace({root, fileSystem: () => memoryFileSystem({...files, ...extra})})
}

/** Open a buffer (the disk text unless given) and answer with its document. */
function open(workspace: Workspace, file: string, text?: string) {
  workspace.change(uri(file), text ?? files[file]!, 1)
  return workspace.document(uri(file))!
}

function diagnosticsOf(workspace: Workspace, file: string): Diagnostic[] {
  return new CheckRound(workspace).diagnostics(workspace.document(uri(file))!)
}

/** Completion labels with the cursor at the end of `before`, a line added to the end of `file`. */
function completeAfter(workspace: Workspace, file: string, before: string, after = ''): CompletionItem[] {
  const text = files[file]! + before + after
  const document = open(workspace, file, text)
  return complete(workspace, document.file, workspace.documentText(document), files[file]!.length + before.length)
}
const labels = (items: CompletionItem[]) => items.map((item) => item.label)

/** The offset of the `n`th occurrence of `needle` in `text` (plus `shift`). */
function at(text: string, needle: string, shift = 0): number {
  const index = text.indexOf(needle)
  if (index === -1) throw new Error(`${needle} not in text`)
  return index + shift
}

describe('positions', () => {
  it('count UTF-16 code units on both sides and agree with unist through the offset', () => {
    const text = new DocumentText('Облако 😀 {var(x)}\r\nвторая строка\n')
    const offset = text.text.indexOf('{var')
    expect(text.positionAt(offset)).toEqual({line: 0, character: 10})
    expect(text.offsetAt({line: 0, character: 10})).toBe(offset)
    expect(text.rangeOf({start: {line: 1, column: 11, offset}, end: {line: 1, column: 18, offset: offset + 7}})).toEqual({start: {line: 0, character: 10}, end: {line: 0, character: 17}})
    // Without an offset the unist line and column decide (lines split at \n, as vkdoc counts them).
    expect(text.rangeOf({line: 2, column: 3})).toEqual({start: {line: 1, character: 2}, end: {line: 1, character: 2}})
    expect(text.lineRange(1)).toEqual({start: {line: 0, character: 0}, end: {line: 0, character: 18}})
  })
})

describe('diagnostics', () => {
  it('name the build targets a problem is limited to', () => {
    const workspace = workspaceWith()
    open(workspace, 'ru/a/a.md')
    const [missing] = diagnosticsOf(workspace, 'ru/a/a.md')
    expect(missing).toMatchObject({code: 'linkto-missing-anchor', source: 'vkdoc', severity: 1, range: {start: {line: 7, character: 16}}})
    expect(missing!.message).toMatch(/#private-only.*\(only in private\)$/)
    expect(missing!.codeDescription?.href).toMatch(/linkto-missing-anchor/)
  })

  it('check the unsaved buffer, and the disk text again once it is closed', () => {
    const workspace = workspaceWith()
    open(workspace, 'ru/b/b.md', files['ru/b/b.md'] + '\n{linkto(/ru/nowhere)[text=x]}\n')
    expect(diagnosticsOf(workspace, 'ru/b/b.md').map((item) => item.code)).toEqual(['linkto-missing-page'])
    workspace.close(uri('ru/b/b.md'))
    expect(workspace.tree.read('ru/b/b.md')).toBe(files['ru/b/b.md'])
    open(workspace, 'ru/b/b.md')
    expect(diagnosticsOf(workspace, 'ru/b/b.md')).toEqual([])
  })

  it('show a problem in included text on the include line, with the fragment place and chain as related information', () => {
    const workspace = workspaceWith()
    open(workspace, 'ru/a/a.md')
    const fragment = '{includetag(steps)}\nШаги {linkto(/ru/gone)[text=x]}.\n{/includetag}\n'
    const again = workspace.change(uri('ru/_includes/_part.md'), fragment, 2)
    // The edit of the fragment re-checks the open page including it, after the fragment itself.
    expect(again.map((document) => document.file)).toEqual(['ru/_includes/_part.md', 'ru/a/a.md'])
    const onPage = diagnosticsOf(workspace, 'ru/a/a.md').find((item) => item.code === 'linkto-missing-page')!
    expect(onPage.range.start.line).toBe(2)
    expect(onPage.message).toContain('(in ru/_includes/_part.md:2)')
    expect(onPage.relatedInformation?.[0]).toMatchObject({location: {uri: uri('ru/_includes/_part.md'), range: {start: {line: 1, character: 5}}}})
    const inFragment = diagnosticsOf(workspace, 'ru/_includes/_part.md')
    expect(inFragment.map((item) => item.code)).toEqual(['linkto-missing-page'])
    expect(inFragment[0]!.relatedInformation?.[0]).toMatchObject({location: {uri: uri('ru/a/a.md'), range: {start: {line: 2, character: 0}}}, message: 'included from ru/a/a.md:3'})
  })

  it('reuse the parsed sections of a page across edits and find what a fresh check finds', () => {
    const workspace = workspaceWith()
    open(workspace, 'ru/b/b.md')
    diagnosticsOf(workspace, 'ru/b/b.md')
    const sections = workspace.sectionsOf('ru/b/b.md')
    const before = sections.size
    expect(before).toBeGreaterThan(1)
    const edited = files['ru/b/b.md']!.replace('## {heading(Раздел B)', '## {heading(Раздел B {var(nothing)})')
    workspace.change(uri('ru/b/b.md'), edited, 2)
    const reused = diagnosticsOf(workspace, 'ru/b/b.md')
    // The section before the edit was dropped, its replacement kept: the cache does not grow with edits.
    expect(workspace.sectionsOf('ru/b/b.md').size).toBe(before)
    const fresh = workspaceWith({'ru/b/b.md': edited})
    open(fresh, 'ru/b/b.md', edited)
    expect(reused.map((item) => [item.code, item.range])).toEqual(diagnosticsOf(fresh, 'ru/b/b.md').map((item) => [item.code, item.range]))
    expect(reused.map((item) => item.code)).toEqual(['var-undefined'])
  })

  it('lint a file outside the docs tree on its own', () => {
    const workspace = workspaceWith()
    workspace.change('file:///elsewhere/draft.md', '{cut(Вопрос)}\nТекст\n', 1)
    const [unclosed] = new CheckRound(workspace).diagnostics(workspace.document('file:///elsewhere/draft.md')!)
    expect(unclosed).toMatchObject({code: 'unclosed-block', range: {start: {line: 0, character: 0}}})
  })
})

describe('the docs root', () => {
  it('is the nearest folder at or above the workspace folder holding config/*.mjs, else the folder itself', () => {
    const top = mkdtempSync(join(tmpdir(), 'vkdoc-root-'))
    mkdirSync(join(top, 'docs/config'), {recursive: true})
    mkdirSync(join(top, 'docs/ru/start'), {recursive: true})
    writeFileSync(join(top, 'docs/config/public.docs.config.mjs'), 'export default {}')
    expect(findDocsRoot(join(top, 'docs/ru/start'))).toBe(join(top, 'docs'))
    expect(findDocsRoot(join(top, 'docs'))).toBe(join(top, 'docs'))
    mkdirSync(join(top, 'other'))
    expect(findDocsRoot(join(top, 'other'))).toBe(join(top, 'other'))
    rmSync(top, {recursive: true, force: true})
  })
})

describe('the configuration', () => {
  it('applies to the workspace as to `vkdoc lint`: rule settings, and files the run skips', async () => {
    const top = mkdtempSync(join(tmpdir(), 'vkdoc-config-'))
    writeFileSync(join(top, 'vkdoc.config.json'), JSON.stringify({rules: {'var-undefined': 'off', 'linkto-missing-page': 'error'}, ignorePatterns: ['ru/drafts/']}))
    const setup = await setupFor(top, {})
    expect(setup.problem).toBeUndefined()
    const workspace = new Workspace({root: top, lint: setup.lint, fileSystem: () => memoryFileSystem(files)})
    const text = '{var(nothing)} {linkto(/ru/gone)[text=x]}\n'
    workspace.change(pathToFileURL(join(top, 'ru/b/b.md')).href, text, 1)
    const found = new CheckRound(workspace).diagnostics(workspace.document(pathToFileURL(join(top, 'ru/b/b.md')).href)!)
    expect(found.map((item) => [item.code, item.severity])).toEqual([['linkto-missing-page', 1]])
    workspace.change(pathToFileURL(join(top, 'ru/drafts/d.md')).href, text, 1)
    expect(new CheckRound(workspace).diagnostics(workspace.document(pathToFileURL(join(top, 'ru/drafts/d.md')).href)!)).toEqual([])
    rmSync(top, {recursive: true, force: true})
  })

  it('that cannot be read is named, and the defaults apply', async () => {
    const top = mkdtempSync(join(tmpdir(), 'vkdoc-config-'))
    writeFileSync(join(top, 'vkdoc.config.json'), '{"rules": {"no-such-code": "off"}}')
    const setup = await setupFor(top, {})
    expect(setup.problem).toMatch(/vkdoc\.config\.json.*no-such-code/)
    expect(setup.lint.options.rules).toEqual({})
    rmSync(top, {recursive: true, force: true})
  })
})

describe('the workspace', () => {
  it('maps URIs under the root to tree paths and nothing else', () => {
    const workspace = workspaceWith()
    expect(workspace.fileOf(uri('ru/a/a.md'))).toBe('ru/a/a.md')
    expect(workspace.fileOf('file:///elsewhere/ru/a/a.md')).toBeNull()
    expect(workspace.fileOf('untitled:Untitled-1')).toBeNull()
    expect(workspace.uriOf('ru/a/a.md')).toBe(uri('ru/a/a.md'))
  })

  it('checks a fragment through a page including it when no such page is open', () => {
    const workspace = workspaceWith()
    open(workspace, 'ru/_includes/_section.md', '## {heading(Раздел)[id=from-fragment]} {var(nothing)}\n')
    expect(workspace.contextPages('ru/_includes/_section.md')).toEqual(['ru/b/b.md'])
    const found = diagnosticsOf(workspace, 'ru/_includes/_section.md').map((item) => item.code)
    expect(found).toEqual(['var-undefined'])
  })

  it('sees files created on disk, with the open buffers still laid over the tree', () => {
    const disk = {...files}
    const workspace = new Workspace({root, fileSystem: () => memoryFileSystem(disk)})
    open(workspace, 'ru/a/a.md', files['ru/a/a.md'] + '{linkto(../c)[text=C]}\n')
    expect(diagnosticsOf(workspace, 'ru/a/a.md').map((item) => item.code)).toContain('linkto-missing-page')
    disk['ru/c/c.meta.json'] = meta(['public'])
    disk['ru/c/c.md'] = '# C\n'
    const again = workspace.diskChanged([{uri: uri('ru/c/c.md'), kind: 'created'}, {uri: uri('ru/c/c.meta.json'), kind: 'created'}])
    expect(again.map((document) => document.file)).toEqual(['ru/a/a.md'])
    expect(diagnosticsOf(workspace, 'ru/a/a.md').map((item) => item.code)).not.toContain('linkto-missing-page')
    expect(workspace.tree.read('ru/a/a.md')).toContain('{linkto(../c)')
  })
})

describe('code actions', () => {
  it('offer the fix-it as the preferred quick fix, and a comment disabling the code for the line', () => {
    const workspace = workspaceWith()
    const text = '# {heading(B)[id=b]}\n\n- Пункт: {linkto( ../a )[text=A]}\n'
    open(workspace, 'ru/b/b.md', text)
    const diagnostics = diagnosticsOf(workspace, 'ru/b/b.md')
    const actions = codeActions(workspace, diagnostics)
    const fix = actions.find((action) => action.isPreferred)!
    expect(fix.title).toBe('Replace ` ../a ` with `../a`')
    expect(fix.edit?.changes?.[uri('ru/b/b.md')]).toEqual([{range: {start: {line: 2, character: 17}, end: {line: 2, character: 23}}, newText: '../a'}])
    const disable = actions.find((action) => action.title === 'Disable linkto-target-whitespace for this line')!
    expect(disable.edit?.changes?.[uri('ru/b/b.md')]).toEqual([{range: {start: {line: 2, character: 0}, end: {line: 2, character: 0}}, newText: `${disableComment('linkto-target-whitespace')}\n`}])
    expect(disableComment('var-undefined')).toBe('<!-- vkdoc-disable-next-line var-undefined -->')
  })

  it('offer nothing for a diagnostic whose line was edited since it was published', () => {
    const workspace = workspaceWith()
    open(workspace, 'ru/b/b.md', '{linkto( ../a )[text=A]}\n')
    const diagnostics = diagnosticsOf(workspace, 'ru/b/b.md')
    expect(codeActions(workspace, diagnostics)).toHaveLength(2)
    workspace.change(uri('ru/b/b.md'), 'Новое: {linkto( ../a )[text=A]}\n', 2)
    expect(codeActions(workspace, diagnostics)).toEqual([])
  })

  it('indent the disable comment like the line it is for, and offer none inside code', () => {
    const workspace = workspaceWith()
    open(workspace, 'ru/b/b.md', '1. Шаг:\n\n   {linkto(/ru/gone)[text=x]}\n\n   ```\n   {var(nothing)}\n   ```\n')
    const diagnostics = diagnosticsOf(workspace, 'ru/b/b.md')
    expect(diagnostics.map((item) => item.code)).toEqual(['linkto-missing-page', 'var-undefined'])
    const titles = codeActions(workspace, diagnostics).map((action) => action.title)
    expect(titles).toEqual(['Disable linkto-missing-page for this line'])
    const [action] = codeActions(workspace, diagnostics.slice(0, 1))
    expect(action!.edit?.changes?.[uri('ru/b/b.md')]?.[0]?.newText).toBe('   <!-- vkdoc-disable-next-line linkto-missing-page -->\n')
  })
})

describe('disable comments', () => {
  /** Apply the "disable for this line" action of the first diagnostic of `text` (as `ru/b/b.md`). */
  function disabled(text: string): {text: string; htmlBefore: string; htmlAfter: string; codes: string[]} {
    const workspace = workspaceWith()
    open(workspace, 'ru/b/b.md', text)
    const [first] = diagnosticsOf(workspace, 'ru/b/b.md')
    const action = codeActions(workspace, [first!]).find((item) => item.title.startsWith('Disable'))!
    const [edit] = action.edit!.changes![uri('ru/b/b.md')]!
    const lines = new DocumentText(text)
    const result = text.slice(0, lines.offsetAt(edit!.range.start)) + edit!.newText + text.slice(lines.offsetAt(edit!.range.end))
    const html = (source: string) => hastToHtml(mdastToHast(workspace.tree.render('ru/b/b.md', {text: source}).mdast))
    workspace.change(uri('ru/b/b.md'), result, 2)
    return {text: result, htmlBefore: html(text), htmlAfter: html(result), codes: diagnosticsOf(workspace, 'ru/b/b.md').map((item) => String(item.code))}
  }

  it('go on their own line above a line that starts a block', () => {
    const result = disabled('Текст.\n\n- {linkto(/ru/gone)[text=x]}\n')
    expect(result.text).toBe('Текст.\n\n<!-- vkdoc-disable-next-line linkto-missing-page -->\n- {linkto(/ru/gone)[text=x]}\n')
    expect(result.htmlAfter).toBe(result.htmlBefore)
    expect(result.codes).toEqual([])
  })

  it('go at the end of the line above inside a paragraph or a table, so neither is cut in two', () => {
    const paragraph = disabled('Первая строка абзаца \nвторая {linkto(/ru/gone)[text=x]}.\n')
    expect(paragraph.text).toBe('Первая строка абзаца<!-- vkdoc-disable-next-line linkto-missing-page --> \nвторая {linkto(/ru/gone)[text=x]}.\n')
    expect(paragraph.htmlAfter).toBe(paragraph.htmlBefore)
    expect(paragraph.codes).toEqual([])
    const table = disabled('| a | b |\n|---|---|\n| 0 | 1 |\n| 1 | {linkto(/ru/gone)[text=x]} |\n')
    expect(table.text).toBe('| a | b |\n|---|---|\n| 0 | 1<!-- vkdoc-disable-next-line linkto-missing-page --> |\n| 1 | {linkto(/ru/gone)[text=x]} |\n')
    expect(table.htmlAfter).toBe(table.htmlBefore)
    expect(table.codes).toEqual([])
  })

  it('are not offered for the first row below a table head, where no comment can go', () => {
    const workspace = workspaceWith()
    open(workspace, 'ru/b/b.md', '| a | b |\n|---|---|\n| 1 | {linkto(/ru/gone)[text=x]} |\n')
    expect(codeActions(workspace, diagnosticsOf(workspace, 'ru/b/b.md')).map((action) => action.title)).toEqual([])
  })

  it('join a disable comment already above the line', () => {
    const result = disabled('<!-- vkdoc-disable-next-line var-undefined -- draft -->\n{linkto(/ru/gone)[text=x]} {var(nothing)}\n')
    expect(result.text).toBe('<!-- vkdoc-disable-next-line var-undefined linkto-missing-page -- draft -->\n{linkto(/ru/gone)[text=x]} {var(nothing)}\n')
    expect(result.codes).toEqual([])
  })
})

describe('completion', () => {
  const workspace = workspaceWith()

  it('offers directive names after `{` (snippets with their closer) and only text-level ones in code', () => {
    const items = completeAfter(workspace, 'ru/b/b.md', '{li')
    expect(labels(items)).toContain('linkto')
    expect(items.find((item) => item.label === 'linkto')?.textEdit).toMatchObject({newText: 'linkto(${1:target})[text=${2:%text}]}$0'})
    expect(items.find((item) => item.label === 'cut')?.textEdit).toMatchObject({newText: 'cut(${1:title})}\n$0\n{/cut}'})
    expect(labels(completeAfter(workspace, 'ru/b/b.md', '```\n{')).sort()).toEqual(['ifdef', 'ifndef', 'include', 'includetag', 'var'])
    expect(completeAfter(workspace, 'ru/b/b.md', '<!-- {', ' -->\n')).toEqual([])
  })

  it('offers note types after `{note:` and closers after `{/`', () => {
    expect(labels(completeAfter(workspace, 'ru/b/b.md', '{note:'))).toEqual(['info', 'warn', 'err'])
    expect(labels(completeAfter(workspace, 'ru/b/b.md', '{/'))).toContain('/cut')
  })

  it('offers pages below the typed folder, relative to the page folder or absolute', () => {
    expect(labels(completeAfter(workspace, 'ru/a/a.md', '{linkto(../'))).toEqual(['a', 'b', 'help'])
    const absolute = completeAfter(workspace, 'ru/a/a.md', '{linkto(/ru/help/')
    expect(labels(absolute)).toEqual(['faq'])
    expect(absolute[0]!.detail).toBe('Вопросы')
    expect(completeAfter(workspace, 'ru/a/a.md', '{linkto(../../../')).toEqual([])
  })

  it('offers the anchors of the linked page, also those its includes define, and of this page after a bare `#`', () => {
    const anchors = completeAfter(workspace, 'ru/a/a.md', '{linkto(../b#', ')[text=%text]}')
    expect(labels(anchors)).toEqual(['b-title', 'b-section', 'from-fragment'])
    expect(anchors[1]!.detail).toBe('## Раздел B')
    expect(labels(completeAfter(workspace, 'ru/a/a.md', '{linkto(#'))).toEqual(['a-title'])
  })

  it('offers include paths and the regions of the included file', () => {
    expect(labels(completeAfter(workspace, 'ru/a/a.md', '{include(/ru/'))).toEqual(['_includes/', 'a/', 'b/', 'help/'])
    expect(labels(completeAfter(workspace, 'ru/a/a.md', '{include(../_includes/_'))).toEqual(['_part.md', '_section.md'])
    expect(labels(completeAfter(workspace, 'ru/a/a.md', '{include(/ru/_includes/_part.md)[tags=steps,'))).toEqual(['steps', 'extra'])
  })

  it('offers variables in `{var(` and build targets in conditions', () => {
    const variables = completeAfter(workspace, 'ru/a/a.md', '{var(')
    expect(labels(variables)).toEqual(['vendor', 'cloud'])
    expect(variables[0]!.detail).toBe('VK Tech')
    expect(labels(completeAfter(workspace, 'ru/a/a.md', '{ifndef(public, '))).toEqual(['public', 'private'])
  })

  it('offers the attribute keys a directive understands, and the values the construct lists', () => {
    const keys = completeAfter(workspace, 'ru/a/a.md', '{include(/ru/_includes/_part.md)[')
    expect(labels(keys)).toEqual(['tags', 'level'])
    expect(keys[0]!.textEdit).toMatchObject({newText: 'tags='})
    expect(labels(completeAfter(workspace, 'ru/a/a.md', '{caption(Рисунок)[align=center; position='))).toEqual(['above', 'under'])
    expect(labels(completeAfter(workspace, 'ru/a/a.md', '{caption(Рисунок)[al'))).toEqual(['align', 'position', 'id', 'number'])
    expect(completeAfter(workspace, 'ru/a/a.md', '{linkto(../b)[text=')).toEqual([])
  })

  it('offers the counters of the file in `{counter(` and their ids in `{const(`', () => {
    const before = 'Рисунок {counter(pic)[id=first]}, таблица {counter(table)}. См. '
    expect(labels(completeAfter(workspace, 'ru/a/a.md', `${before}{counter(`))).toEqual(['pic', 'table'])
    expect(labels(completeAfter(workspace, 'ru/a/a.md', `${before}{const(`))).toEqual(['first'])
  })
})

describe('definition and hover', () => {
  const workspace = workspaceWith()
  const page = files['ru/a/a.md']!
  const text = () => workspace.text('ru/a/a.md')!
  open(workspace, 'ru/a/a.md')

  it('go from a linkto to the line of its anchor in the target page', () => {
    const [link] = definition(workspace, 'ru/a/a.md', text(), at(page, '{linkto(../b#b-section', 3))
    expect(link).toMatchObject({targetUri: uri('ru/b/b.md'), targetRange: {start: {line: 2, character: 3}}})
  })

  it('go to an anchor a page gets from an include: into the fragment', () => {
    workspace.change(uri('ru/a/a.md'), page + '{linkto(../b#from-fragment)[text=%text]}\n', 2)
    const [link] = definition(workspace, 'ru/a/a.md', text(), text().text.length - 5)
    expect(link).toMatchObject({targetUri: uri('ru/_includes/_section.md'), targetRange: {start: {line: 0, character: 3}}})
    workspace.change(uri('ru/a/a.md'), page, 3)
  })

  it('go from an include to the region its tags select', () => {
    const [region] = definition(workspace, 'ru/a/a.md', text(), at(page, '{include(', 2))
    expect(region).toMatchObject({targetUri: uri('ru/_includes/_part.md'), targetRange: {start: {line: 0, character: 0}, end: {line: 2, character: 13}}, targetSelectionRange: {end: {line: 0, character: 19}}})
  })

  it('go from a variable to its key in the language meta file', () => {
    const [variable] = definition(workspace, 'ru/a/a.md', text(), at(page, '{var(cloud)', 2))
    const line = files['ru/ru.meta.json']!.split('\n').findIndex((row) => row.includes('"cloud"'))
    expect(variable).toMatchObject({targetUri: uri('ru/ru.meta.json'), targetRange: {start: {line, character: 4}}})
  })

  it('hover a linkto: the title `%text` resolves to, and the URL', () => {
    const shown = hover(workspace, 'ru/a/a.md', text(), at(page, '{linkto(../b#b-section', 3))
    expect(shown?.contents).toEqual({kind: 'markdown', value: '**Раздел B**\n\n`/ru/b#b-section`'})
  })

  it('hover a variable: its value for each build target of the page', () => {
    const shown = hover(workspace, 'ru/a/a.md', text(), at(page, '{var(cloud)', 2))
    expect((shown?.contents as {value: string}).value).toBe('`cloud` per build target:\n\n| target | value |\n|---|---|\n| `public` | VK Cloud |\n| `private` | VK Private Cloud |')
  })

  it('hover a linkto whose title differs per build target: each target with its title, author text never markup', () => {
    const other = workspaceWith({
      'ru/c/c.meta.json': meta(['public', 'private']),
      'ru/c/c.md': '# {heading(О <b>{var(cloud)}</b>)[id=c]}\n',
    })
    const text = '{linkto(../c)[text=%text]}\n'
    open(other, 'ru/b/b.md', text)
    const shown = hover(other, 'ru/b/b.md', other.text('ru/b/b.md')!, 2)
    expect((shown?.contents as {value: string}).value).toBe(
      '`public`:\n\n**О \\<b\\>VK Cloud\\</b\\>**\n\n`/ru/c`\n\n---\n\n`private`:\n\n**О \\<b\\>VK Private Cloud\\</b\\>**\n\n`/ru/c`',
    )
  })

  it('say nothing away from directives', () => {
    expect(definition(workspace, 'ru/a/a.md', text(), at(page, 'Облако', 1))).toEqual([])
    expect(hover(workspace, 'ru/a/a.md', text(), at(page, 'Облако', 1))).toBeNull()
  })
})

describe('formatting', () => {
  it('formats the buffer with the dialect formatter, answering with one edit over what changed', () => {
    const workspace = workspaceWith()
    const text = 'См. {linkto( ../a )[text=A]}.\n\n{cut(Первый?)}\nОтвет.\n{/cut}\n{cut(Второй?)}\nОтвет.\n{/cut}\n'
    const document = open(workspace, 'ru/b/b.md', text)
    const edits = formatDocument(workspace, document.file, workspace.documentText(document))
    expect(edits).toEqual([{range: {start: {line: 0, character: 12}, end: {line: 4, character: 6}}, newText: '../a)[text=A]}.\n\n{cut(Первый?)}\nОтвет.\n{/cut}\n'}])
    const lines = new DocumentText(text)
    const formatted = text.slice(0, lines.offsetAt(edits[0]!.range.start)) + edits[0]!.newText + text.slice(lines.offsetAt(edits[0]!.range.end))
    expect(formatted).toBe(format(text))
    open(workspace, 'ru/b/b.md', formatted)
    expect(formatDocument(workspace, 'ru/b/b.md', workspace.text('ru/b/b.md')!)).toEqual([])
  })
})

describe('outline', () => {
  it('nests headings by depth and lists FAQ questions under their heading', () => {
    const workspace = workspaceWith()
    const file = 'ru/help/faq/faq.md'
    const symbols = documentSymbols(workspace.text(file)!, file, workspace.targetsOf(file))
    const shape = (list: typeof symbols): unknown => list.map((symbol) => ({name: symbol.name, children: shape(symbol.children ?? [])}))
    expect(shape(symbols)).toEqual([{name: 'Вопросы и ответы', children: [{name: 'Общие', children: [{name: 'Как начать?', children: []}, {name: 'Сколько стоит?', children: []}]}]}])
    expect(symbols[0]!.detail).toBe('#faq')
  })

  it('keeps headings of every build target and leaves cuts out of other pages', () => {
    const text = new DocumentText('# Заголовок\n\n{ifdef(private)}\n## Только private\n{/ifdef}\n\n{cut(Не вопрос)}\nТекст\n{/cut}\n')
    const symbols = documentSymbols(text, 'ru/x/x.md', ['public', 'private'])
    expect(symbols.map((symbol) => [symbol.name, symbol.children?.map((child) => child.name)])).toEqual([['Заголовок', ['Только private']]])
  })

  it('folds each block directive from its opener to its closer', () => {
    const workspace = workspaceWith()
    const file = 'ru/help/faq/faq.md'
    const ranges = foldingRanges(workspace.tree.tree(file)!, workspace.text(file)!)
    expect(ranges).toEqual([
      {startLine: 4, endLine: 10},
      {startLine: 6, endLine: 8},
      {startLine: 12, endLine: 16},
    ])
    const conditions = foldingRanges(workspace.tree.tree('ru/a/a.md')!, workspace.text('ru/a/a.md')!)
    expect(conditions).toEqual([{startLine: 6, endLine: 8, kind: 'region'}])
  })
})
