/**
 * The dialect formatter: each rule's before and after, what it leaves alone,
 * idempotence, and the guarantee that nothing it does changes the rendering.
 */
import {describe, expect, it} from 'vitest'
import {format, formatPage, toHtml} from '../src/index.js'

describe('directive-spelling', () => {
  it('drops spaces around ARGS that are paths, names and lists', () => {
    expect(format('См. {linkto( /ru/start )[text=начало]}.\n')).toBe('См. {linkto(/ru/start)[text=начало]}.\n')
    expect(format('{ifdef( public ,private )}\nx\n{/ifdef}\n')).toBe('{ifdef(public, private)}\nx\n{/ifdef}\n')
    expect(format('{include( /ru/_includes/_a.md )[tags=a,b]}\n')).toBe('{include(/ru/_includes/_a.md)[tags=a, b]}\n')
  })

  it('writes attribute separators as `; ` and keys in their schema order', () => {
    expect(format('{caption(Схема)[position=above;align=left]}\n\n![](a.png)\n\n{/caption}\n')).toBe('{caption(Схема)[align=left; position=above]}\n\n![](a.png)\n\n{/caption}\n')
    expect(format('![](a.png){params[noBorder=true;width=50%]}\n')).toBe('![](a.png){params[width=50%; noBorder=true]}\n')
  })

  it('trims the title of a block opener alone on its line, not text shown inline', () => {
    expect(format('{cut(Как мигрировать? )}\nОтвет.\n{/cut}\n')).toBe('{cut(Как мигрировать?)}\nОтвет.\n{/cut}\n')
    const link = 'См. {linkto(/ru/a)[text= раздел ]} ниже.\n'
    expect(format(link)).toBe(link)
  })

  it('leaves malformed directives, repeated or unknown keys, code and comments as written', () => {
    const untouched = [
      '{caption()[id=position=above;align=right;id=video_x]}\n\n{/caption}\n',
      '{caption(T)[align=left;align=right]}\n\n{/caption}\n',
      '```\n{linkto( /a )[text=x]}\n```\n',
      '<!-- {linkto( /a )[text=x]} -->\n',
      '`{linkto( /a )[text=x]}`\n',
    ]
    for (const source of untouched) expect(format(source), source).toBe(source)
  })
})

describe('block-indent', () => {
  it('indents a block directive line in a list item to the item content', () => {
    const source = '1. Шаг.\n\n   {note:info}\n   Важно.\n    {/note}\n\n2. Ещё.\n'
    expect(formatPage(source)).toEqual({text: '1. Шаг.\n\n   {note:info}\n   Важно.\n   {/note}\n\n2. Ещё.\n', applied: ['block-indent'], refused: []})
  })
})

describe('block-spacing', () => {
  it('separates a closer from the next opener at the top level and keeps one blank line of a run', () => {
    const source = '{cut(Первый?)}\nОтвет.\n{/cut}\n{cut(Второй?)}\nОтвет.\n{/cut}\n\n\n\nТекст.\n'
    expect(format(source)).toBe('{cut(Первый?)}\nОтвет.\n{/cut}\n\n{cut(Второй?)}\nОтвет.\n{/cut}\n\nТекст.\n')
  })

  it('keeps CRLF line ends', () => {
    expect(format('{note:info}\r\ny\r\n{/note}\r\n{note:warn}\r\nx\r\n{/note}\r\n')).toBe('{note:info}\r\ny\r\n{/note}\r\n\r\n{note:warn}\r\nx\r\n{/note}\r\n')
  })
})

describe('the guarantee', () => {
  it('leaves Markdown it has no rule for byte-identical', () => {
    const markdown = '#  Заголовок\n\n*  пункт\n+ другой\n\n\n\nтекст   \nс переносом\n\n| a |  b |\n|---|---|\n| 1 |  2 |\n'
    expect(format(markdown)).toBe(markdown)
  })

  it('is idempotent', () => {
    const source = '- шаг\n\n  {cut(Подробнее )}\n   текст\n {/cut}\n{note:info}\nx\n{/note}\n{tabs}\n{tab( Linux )}\nl\n{/tab}\n{/tabs}\n'
    const once = format(source)
    expect(once).not.toBe(source)
    expect(format(once)).toBe(once)
  })

  it('refuses a rule whose edits would change what renders (a blank line that would end an HTML block)', () => {
    const source = '{note:info}\nТекст.\n<div>\n{/note}\n{note:warn}\nВнутри блока HTML.\n</div>\n{/note}\n'
    const result = formatPage(source)
    expect(result.refused).toEqual(['block-spacing'])
    expect(toHtml(result.text)).toBe(toHtml(source))
  })

  it('checks every build target the page names', () => {
    const source = '{ifdef(private)}\n{cut(Только для своих)}\nx\n{/cut}\n{cut(Ещё)}\ny\n{/cut}\n{/ifdef}\n'
    const checked: string[] = []
    formatPage(source, {render: (text, target) => (checked.push(target), toHtml(text, {target}))})
    expect([...new Set(checked)]).toEqual(['public', 'private'])
  })

  it('throws on unknown options and rules (programmer errors)', () => {
    expect(() => format('x', {rule: ['x']} as never)).toThrow(TypeError)
    expect(() => format('x', {rules: ['reflow' as never]})).toThrow(/unknown format rule/)
  })
})
