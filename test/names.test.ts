/**
 * Misspelt directive names: a swap of two neighbouring letters is one slip
 * (`{noet:`, `{linkot(`, `{lnikto(`), a space before `(` makes a directive
 * text (`{cut (Q?)}`), and the closer of a misspelt block is explained by the
 * opener's message instead of being called stray or misnested.
 */
import {describe, expect, it} from 'vitest'
import {parse, validate} from '../src/index.js'
import {editDistance} from '../src/syntax/edit-distance.js'

const codesAt = (text: string) => validate(text).map((message) => `${message.line}:${message.column} ${message.ruleId}`)

describe('directive names', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('noet', 'note')).toBe(1)
    expect(editDistance('lnikto', 'linkto')).toBe(1)
    expect(editDistance('linkot', 'linkto')).toBe(1)
    expect(editDistance('abc', 'cab')).toBe(2)
  })

  it('reports names with two neighbouring letters swapped', () => {
    const {messages} = parse('{noet:info}\nx\n\n{linkot(../a)[text=b]} и {lnikto(../a)[text=b]}\n')
    expect(messages.map((message) => `${message.line}:${message.column} ${message.ruleId}: ${message.reason}`)).toEqual([
      '1:1 unknown-directive: Unexpected `{noet`, expected a directive name such as `{note`; kept as text',
      '4:1 unknown-directive: Unexpected `{linkot`, expected a directive name such as `{linkto`; kept as text',
      '4:26 unknown-directive: Unexpected `{lnikto`, expected a directive name such as `{linkto`; kept as text',
    ])
  })

  it('reports a space between a directive name and its `(`', () => {
    const {messages} = parse('{cut (Вопрос?)}\nОтвет.\n{/cut}\n\nСм. {linkto (../a)[text=b]}, `{cut (код)}`.\n')
    expect(messages.map((message) => `${message.line}:${message.column}-${message.place && 'end' in message.place ? message.place.end.column : ''} ${message.ruleId}: ${message.reason}`)).toEqual([
      '1:1-7 malformed-directive: Unexpected space between `{cut` and `(`, expected `{cut(`; kept as text',
      '5:5-14 malformed-directive: Unexpected space between `{linkto` and `(`, expected `{linkto(`; kept as text',
    ])
  })

  it('explains the closer of a misspelt block at its opener, not as a stray or misnested closer', () => {
    expect(codesAt('{noet:info}\nТекст.\n{/note}\n')).toEqual(['1:1 unknown-directive'])
    const [message] = validate('{noet:info}\nТекст.\n{/note}\n')
    expect(message!.severity).toBe('error')
    expect(message!.reason).toContain('the `{/note}` on line 3 closes it')
    expect(codesAt('{cut(Вопрос?)}\n{noet:warn}\nОтвет.\n{/note}\n{/cut}\n')).toEqual(['2:1 unknown-directive'])
    expect(codesAt('{cut (Вопрос?)}\nОтвет.\n{/cut}\n')).toEqual(['1:1 malformed-directive'])
  })

  it('still reports a closer with no opener at all', () => {
    expect(codesAt('{noet:info}\nТекст.\n{/cut}\n')).toEqual(['1:1 unknown-directive', '3:1 stray-close'])
  })

  it('calls a closer of a block that was never opened stray, and leaves the open block open', () => {
    // Not "crossed blocks": no `{note}` is open at all, so `{/cut}` still closes the cut.
    expect(codesAt('{cut(Вопрос?)}\nОтвет.\n{/note}\n{/cut}\n')).toEqual(['3:1 stray-close'])
  })
})
