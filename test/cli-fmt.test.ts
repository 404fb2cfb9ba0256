/**
 * `vkdoc fmt`: prints one file, lists with `--check` (exit 1 when something
 * would change), rewrites with `--write`; inside a tree a page is checked by
 * rendering it there; a file that is not UTF-8 is never rewritten.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {vkdoc} from './support/cli.js'
import {docsTree, project} from './support/project.js'

const messy = '{cut(Вопрос? )}\nОтвет.\n{/cut}\n{cut(Ещё?)}\nДа.\n{/cut}\n'
const tidy = '{cut(Вопрос?)}\nОтвет.\n{/cut}\n\n{cut(Ещё?)}\nДа.\n{/cut}\n'

describe('vkdoc fmt', () => {
  it('prints the formatted text of one file, and of stdin', async () => {
    const root = project({'a.md': messy})
    expect(await vkdoc(['fmt', 'a.md'], {cwd: root})).toMatchObject({code: 0, stdout: tidy})
    expect(await vkdoc(['fmt', '-'], {cwd: root, stdin: '{linkto( /ru/a )[text=x]}\n'})).toMatchObject({code: 0, stdout: '{linkto(/ru/a)[text=x]}\n'})
  })

  it('--check lists the files that would change with their rules and exits 1; nothing is written', async () => {
    const root = project({'docs/a.md': messy, 'docs/b.md': 'Готово.\n'})
    const result = await vkdoc(['fmt', '--check', 'docs'], {cwd: root})
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('docs/a.md (directive-spelling, block-spacing)\n')
    expect(result.stderr).toBe('1 of 2 file(s) would change (block-spacing 1, directive-spelling 1)\n')
    expect(readFileSync(join(root, 'docs/a.md'), 'utf8')).toBe(messy)
  })

  it('--write rewrites what changes (keeping a byte-order mark), after which --check is clean', async () => {
    const root = project({'a.md': '\uFEFF' + messy, 'b.md': 'Готово.\n'})
    const written = await vkdoc(['fmt', '--write', '.'], {cwd: root})
    expect(written).toMatchObject({code: 0, stderr: 'formatted 1 of 2 file(s) (block-spacing 1, directive-spelling 1)\n'})
    expect(readFileSync(join(root, 'a.md'), 'utf8')).toBe('\uFEFF' + tidy)
    expect(await vkdoc(['fmt', '--check', '.'], {cwd: root})).toMatchObject({code: 0, stdout: ''})
  })

  it('never rewrites a file that is not valid UTF-8', async () => {
    const cp1251 = new Uint8Array([0x7b, 0x63, 0x75, 0x74, 0x28, 0xcf, 0xf0, 0xe8, 0x20, 0x29, 0x7d, 0x0a])
    const root = project({'a.md': cp1251})
    const result = await vkdoc(['fmt', '--write', 'a.md'], {cwd: root})
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/a\.md: not valid UTF-8 at byte 5; left as it is/)
    expect([...readFileSync(join(root, 'a.md'))]).toEqual([...cp1251])
  })

  it('checks a page of a tree through the tree, for each target it is built for', async () => {
    const page = '{include(/ru/_includes/_part.md)}\n{/note}\n{note:warn}\nВторое.\n{/note}\n'
    const root = project(docsTree({'ru/a/a.md': page, 'ru/_includes/_part.md': '{note:info}\nВ фрагменте.\n<div>\n'}, 'docs/'))
    // Alone the page has no open HTML block; in the tree the fragment's `<div>` swallows the closer: a blank line there would end it.
    const result = await vkdoc(['fmt', '--check', 'docs/ru/a/a.md', '--root', 'docs'], {cwd: root})
    expect(result).toMatchObject({code: 0, stdout: ''})
    const alone = await vkdoc(['fmt', '--check', 'docs/ru/a/a.md'], {cwd: root})
    expect(alone).toMatchObject({code: 1, stdout: 'docs/ru/a/a.md (block-spacing)\n'})
  })

  it('refuses several files without --check or --write, and both together', async () => {
    const root = project({'a.md': messy, 'b.md': messy})
    expect((await vkdoc(['fmt', 'a.md', 'b.md'], {cwd: root})).code).toBe(2)
    expect((await vkdoc(['fmt', '--check', '--write', 'a.md'], {cwd: root})).code).toBe(2)
  })
})
