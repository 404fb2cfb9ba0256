/**
 * The command line's conventions: `--version`, help from the command table,
 * and every mistake in a call as one line and exit code 2, with nothing
 * written and never a stack trace.
 */
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {commands} from '../src/cli/commands.js'
import {describeFailure} from '../src/cli/convert.js'
import {vkdoc} from './support/cli.js'
import {docsTree, project} from './support/project.js'

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string}).version

describe('vkdoc --version and help', () => {
  it('prints the package version', async () => {
    expect(await vkdoc(['--version'], {cwd: '/'})).toEqual({code: 0, stdout: version + '\n', stderr: ''})
    expect((await vkdoc(['-v'], {cwd: '/'})).stdout).toBe(version + '\n')
  })

  it('lists every command of the table', async () => {
    const {code, stdout} = await vkdoc(['--help'], {cwd: '/'})
    expect(code).toBe(0)
    for (const command of commands) expect(stdout).toContain(`  ${command.name} `)
  })

  it('shows one command\'s options with `help CMD` and `CMD --help`, the same text', async () => {
    const viaHelp = await vkdoc(['help', 'lint'], {cwd: '/'})
    const viaFlag = await vkdoc(['lint', '--help'], {cwd: '/'})
    expect(viaHelp.code).toBe(0)
    expect(viaFlag).toEqual(viaHelp)
    for (const option of Object.keys(commands.find((command) => command.name === 'lint')!.options)) expect(viaHelp.stdout).toContain(`--${option}`)
    expect(viaHelp.stdout).toContain('--stdin-filename PATH')
  })

  it('says --no-sanitize is unsafe', async () => {
    expect((await vkdoc(['html', '--help'], {cwd: '/'})).stdout).toMatch(/--no-sanitize\s+UNSAFE/)
  })
})

describe('usage errors', () => {
  const root = project(docsTree({'ru/page/page.md': '# Страница\n'}))
  const out = join(root, 'out')
  const cases: Array<[string, string[], RegExp]> = [
    ['build with no arguments', ['build'], /^vkdoc: `vkdoc build` needs --root DIR .* and --out OUT\n$/],
    ['--workers 0', ['build', '--root', root, '--out', out, '--workers', '0'], /`--workers` takes a whole number from 1/],
    ['--lang ../..', ['build', '--root', root, '--out', out, '--lang', '../..'], /`--lang` takes a language folder name/],
    ['--lang of no folder', ['build', '--root', root, '--out', out, '--lang', 'kz'], /the tree has no language folder `kz`/],
    ["--target ''", ['html', 'x.md', '--target', ''], /`--target` needs a non-empty value/],
    ['a bad --class-prefix', ['html', 'x.md', '--class-prefix', '"><script>'], /`--class-prefix` takes letters/],
    ['a target that is not a build point', ['build', '--root', root, '--out', out, '--target', 'pubic'], /`--target pubic` is not a build point of the tree \(public, private\); did you mean `public`\?/],
    ['--root that does not exist', ['build', '--root', join(root, 'nope'), '--out', out], /no such folder/],
    ['--as without --root', ['lint', 'ru/page/page.md', '--as', 'ru/page/page.md', '--no-config'], /`--as` needs `--root DIR`/],
    ['a PAGE that is not a page', ['build', '--root', root, '--out', out, 'ru/nope'], /`ru\/nope` is not a page of the tree/],
    ['an unknown option', ['lint', '--formt', 'json'], /unknown option `--formt` \(did you mean `--format`\?\)/],
    ['an unknown command', ['lnit'], /unknown command `lnit`/],
    ['a value outside the choices', ['lint', 'x.md', '--format', 'xml'], /`--format` takes `stylish`, `json`, `sarif`, `github`, not `xml`/],
    ['a bad --rule', ['lint', 'x.md', '--rule', 'faq-question=off'], /names `faq-question`, which is not a vkdoc code/],
    ['a path that does not exist', ['lint', 'missing.md', '--no-config'], /`missing.md`: no such file or folder/],
    ['a glob that matches nothing', ['lint', 'nothing/**/*.md', '--no-config'], /no files match `nothing\/\*\*\/\*.md`/],
  ]
  for (const [name, args, message] of cases) {
    it(`${name}: one line, exit 2, nothing written`, async () => {
      const result = await vkdoc(args, {cwd: root})
      expect(result.code).toBe(2)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(message)
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /)
      expect(existsSync(out)).toBe(false)
    })
  }

  it('names the file an internal error happened on', () => {
    expect(describeFailure(new TypeError('boom'), '/docs/ru/b.md', '/docs')).toMatch(/^vkdoc: internal error on ru\/b\.md: TypeError: boom/)
  })
})
