/**
 * The dialect lexer (token shapes, modes, recovery) and the code/comment
 * context pre-scan.
 */
import {Lexer, type IToken} from 'chevrotain'
import {describe, expect, it} from 'vitest'
import {contextAt, lexerOptions, scanContexts, tokenize} from '../src/lexer/index.js'
import {lexerDefinition} from '../src/lexer/modes.js'
import {maxDirectiveDepth, maxOpenGroups} from '../src/lexer/tokens.js'

/** `Name:image` for each token. */
function shapes(tokens: IToken[]): string[] {
  return tokens.map((token) => `${token.tokenType.name.replace(/\d+$/, '')}:${token.image}`)
}

function lex(source: string): string[] {
  const {tokens, errors} = tokenize(source)
  expect(errors).toEqual([])
  return shapes(tokens)
}

/** The context of the first occurrence of `needle`. */
function contextOf(source: string, needle: string): string {
  const offset = source.indexOf(needle)
  expect(offset).toBeGreaterThanOrEqual(0)
  return contextAt(scanContexts(source), offset)
}

describe('the lexer definition', () => {
  it("passes Chevrotain's validations, which the shared lexer skips at start-up", () => {
    const validated = new Lexer(lexerDefinition, {...lexerOptions, skipValidations: false})
    expect(validated.lexerDefinitionErrors).toEqual([])
  })
})

describe('tokenize: text', () => {
  it('keeps Markdown without directives as one text token, braces included', () => {
    const source = 'Run `terraform ${var.x}` with %{COMBINEDAPACHELOG} and {Mercedes}{word} {{{\n'
    expect(lex(source)).toEqual([`Text:${source}`])
  })

  it('treats a known name followed by something other than ( : [ } as text', () => {
    expect(lex('${var.region} {cut x} {note }')).toEqual(['Text:${var.region} {cut x} {note }'])
  })

  it('lexes the four head shapes and a closer', () => {
    expect(lex('{tabs}{tab(A)}{params[width=90%]}{note:info}{/tabs}')).toEqual([
      'DirectiveStart:{tabs',
      'RCurly:}',
      'DirectiveStart:{tab',
      'ArgsOpen:(',
      'ArgText:A',
      'ArgsClose:)',
      'RCurly:}',
      'DirectiveStart:{params',
      'AttrsOpen:[',
      'AttrKey:width',
      'Equals:=',
      'AttrText:90%',
      'AttrsClose:]',
      'RCurly:}',
      'DirectiveStart:{note',
      'Variant::info',
      'RCurly:}',
      'CloseTag:{/tabs}',
    ])
  })

  it('gives each token its offset', () => {
    const {tokens} = tokenize('ab {cut(T)}')
    expect(tokens.map((token) => [token.image, token.startOffset, token.endOffset])).toEqual([
      ['ab ', 0, 2],
      ['{cut', 3, 6],
      ['(', 7, 7],
      ['T', 8, 8],
      [')', 9, 9],
      ['}', 10, 10],
    ])
  })
})

describe('tokenize: ARGS', () => {
  it('balances parentheses inside a title', () => {
    expect(lex('{tab(Windows (PowerShell))}')).toEqual([
      'DirectiveStart:{tab',
      'ArgsOpen:(',
      'ArgText:Windows ',
      'ParenOpen:(',
      'ArgText:PowerShell',
      'ParenClose:)',
      'ArgsClose:)',
      'RCurly:}',
    ])
  })

  it('leaves a `[` inside ARGS as text when the ARGS close', () => {
    expect(lex('{linkto(../a[1]#x)[text=y]}').slice(2, 5)).toEqual(['ArgText:../a', 'ArgBracket:[', 'ArgText:1]#x'])
  })

  it('keeps a backslash literal (there is no escaping)', () => {
    expect(lex('{tab(cURL (Linux bash \\ macOS zsh))}')).toContain('ArgText:Linux bash \\ macOS zsh')
  })

  it('lexes directives nested in ARGS one depth down, with their own parentheses', () => {
    const {tokens} = tokenize('{heading({counter(cli)}. {ifdef(public)}(Опционально) {/ifdef}Установите)[id=x]}')
    expect(tokens.map((token) => token.tokenType.name)).toEqual([
      'DirectiveStart1',
      'ArgsOpen1',
      'DirectiveStart2',
      'ArgsOpen2',
      'ArgText',
      'ArgsClose',
      'RCurly',
      'ArgText',
      'DirectiveStart2',
      'ArgsOpen2',
      'ArgText',
      'ArgsClose',
      'RCurly',
      'ParenOpen1',
      'ArgText',
      'ParenClose',
      'ArgText',
      'CloseTag',
      'ArgText',
      'ArgsClose',
      'AttrsOpen1',
      'AttrKey',
      'Equals',
      'AttrText',
      'AttrsClose',
      'RCurly',
    ])
  })

  it('treats a non-directive brace group in ARGS as balanced, parentheses inside it as text', () => {
    expect(lex('{cut(Use {x)y} here)}')).toEqual([
      'DirectiveStart:{cut',
      'ArgsOpen:(',
      'ArgText:Use ',
      'BraceOpen:{',
      'BraceText:x)y',
      'BraceClose:}',
      'ArgText: here',
      'ArgsClose:)',
      'RCurly:}',
    ])
  })

  it('ends unterminated ARGS at the end of their line instead of scanning on', () => {
    expect(lex('{cut(Title\n{/cut}')).toEqual(['DirectiveStart:{cut', 'ArgsOpen:(', 'ArgText:Title', 'Text:\n', 'CloseTag:{/cut}'])
  })

  it('ends unterminated ARGS at an unbalanced closing brace', () => {
    expect(lex('{cut(a (b}) tail')).toEqual([
      'DirectiveStart:{cut',
      'ArgsOpen:(',
      'ArgText:a ',
      'ParenOpen:(',
      'ArgText:b',
      'RCurly:}',
      'Text:) tail',
    ])
  })

  it('lets the ARGS of linkto, and only linkto, begin on the next line', () => {
    expect(lex('{linkto(\n      ../guide#x)[text=A]}')).toEqual([
      'LinktoStart:{linkto',
      'LinktoArgsOpen:(',
      'ArgBreak:\n      ',
      'ArgText:../guide#x',
      'ArgsClose:)',
      'AttrsOpen:[',
      'AttrKey:text',
      'Equals:=',
      'AttrText:A',
      'AttrsClose:]',
      'RCurly:}',
    ])
    expect(lex('{cut(\nTitle)}')).toEqual(['DirectiveStart:{cut', 'ArgsOpen:(', 'Text:\nTitle)}'])
  })

  it('lets linkto ARGS break only where the next line closes them', () => {
    expect(lex('{linkto(../guide\n#x)[text=A]}').slice(0, 6)).toEqual([
      'LinktoStart:{linkto',
      'LinktoArgsOpen:(',
      'ArgText:../guide',
      'ArgBreak:\n',
      'ArgText:#x',
      'ArgsClose:)',
    ])
    expect(lex('{linkto(../guide\nНовый абзац {var(x)}.')).toEqual([
      'LinktoStart:{linkto',
      'LinktoArgsOpen:(',
      'ArgText:../guide',
      'Text:\nНовый абзац ',
      'DirectiveStart:{var',
      'ArgsOpen:(',
      'ArgText:x',
      'ArgsClose:)',
      'RCurly:}',
      'Text:.',
    ])
    expect(lex('{linkto(\n\n#x)}')).toEqual(['LinktoStart:{linkto', 'LinktoArgsOpen:(', 'Text:\n\n#x)}'])
    expect(lex('{linkto(\n  ../a\n  #b)}')).toEqual(['LinktoStart:{linkto', 'LinktoArgsOpen:(', 'Text:\n  ../a\n  #b)}'])
  })

  it('takes a `[…]}` tail of unterminated ARGS as the attributes (recovery)', () => {
    expect(lex('{linkto(#a[text=b]}) tail')).toEqual([
      'LinktoStart:{linkto',
      'LinktoArgsOpen:(',
      'ArgText:#a',
      'RecoveredAttrsOpen:[',
      'AttrKey:text',
      'Equals:=',
      'AttrText:b',
      'AttrsClose:]',
      'RCurly:}',
      'Text:) tail',
    ])
    expect(lex('{heading(Fluent Bit (logaas)[id=k8s]}')).toEqual([
      'DirectiveStart:{heading',
      'ArgsOpen:(',
      'ArgText:Fluent Bit ',
      'ParenOpen:(',
      'ArgText:logaas',
      'ParenClose:)',
      'RecoveredAttrsOpen:[',
      'AttrKey:id',
      'Equals:=',
      'AttrText:k8s',
      'AttrsClose:]',
      'RCurly:}',
    ])
  })

  it('ends a head at a character that cannot continue it', () => {
    expect(lex('{linkto(../x#y), далее')).toEqual([
      'LinktoStart:{linkto',
      'LinktoArgsOpen:(',
      'ArgText:../x#y',
      'ArgsClose:)',
      'Text:, далее',
    ])
  })

  it(`lexes nesting deeper than ${maxDirectiveDepth} directives as brace groups`, () => {
    const source = '{var('.repeat(maxDirectiveDepth + 2)
    const names = tokenize(source).tokens.map((token) => token.tokenType.name)
    expect(names.filter((name) => name.startsWith('DirectiveStart'))).toEqual(
      Array.from({length: maxDirectiveDepth}, (_, index) => `DirectiveStart${index + 1}`),
    )
    expect(names.filter((name) => name.startsWith('BraceOpen'))).toHaveLength(2)
  })
})

describe('tokenize: group nesting', () => {
  it(`opens at most ${maxOpenGroups} groups and lexes deeper openers as text`, () => {
    const source = `{cut(${'('.repeat(maxOpenGroups + 10)}x`
    const names = tokenize(source).tokens.map((token) => token.tokenType.name)
    expect(names.filter((name) => name.startsWith('ParenOpen'))).toHaveLength(maxOpenGroups)
    expect(lex(source).at(-1)).toBe(`GroupOverflow:${'('.repeat(10)}x`)
  })

  it('counts groups closed by their closer or by the end of the line', () => {
    const source = `{cut(${'(a)'.repeat(maxOpenGroups + 1)}\n{cut(${'('.repeat(maxOpenGroups)}\n{cut(${'('.repeat(maxOpenGroups)}`
    const names = tokenize(source).tokens.map((token) => token.tokenType.name)
    expect(names.filter((name) => name.startsWith('ParenOpen'))).toHaveLength(3 * maxOpenGroups + 1)
    expect(names).not.toContain('GroupOverflow')
  })
})

describe('tokenize: ATTRS', () => {
  it('splits pairs at `;` with an optional space and keeps Cyrillic, backticks, % and + in values', () => {
    expect(lex('{include(a.md)[tags=db_onboarding; level=+1]}{linkto(#x)[text=Смотрите `cli` 100%]}')).toEqual([
      'DirectiveStart:{include',
      'ArgsOpen:(',
      'ArgText:a.md',
      'ArgsClose:)',
      'AttrsOpen:[',
      'AttrKey:tags',
      'Equals:=',
      'AttrText:db_onboarding',
      'Semicolon:; ',
      'AttrKey:level',
      'Equals:=',
      'AttrText:+1',
      'AttrsClose:]',
      'RCurly:}',
      'LinktoStart:{linkto',
      'LinktoArgsOpen:(',
      'ArgText:#x',
      'ArgsClose:)',
      'AttrsOpen:[',
      'AttrKey:text',
      'Equals:=',
      'AttrText:Смотрите `cli` 100%',
      'AttrsClose:]',
      'RCurly:}',
    ])
  })

  it('balances brackets inside a value and nests directives in it', () => {
    expect(lex('{linkto(#x)[text=[a] {var(cloud)}]}')).toEqual([
      'LinktoStart:{linkto',
      'LinktoArgsOpen:(',
      'ArgText:#x',
      'ArgsClose:)',
      'AttrsOpen:[',
      'AttrKey:text',
      'Equals:=',
      'BracketOpen:[',
      'BracketText:a',
      'BracketClose:]',
      'AttrText: ',
      'DirectiveStart:{var',
      'ArgsOpen:(',
      'ArgText:cloud',
      'ArgsClose:)',
      'RCurly:}',
      'AttrsClose:]',
      'RCurly:}',
    ])
  })

  it('lexes a value without a key as attribute text', () => {
    expect(lex('{linkto(#x)[пополнить баланс]}')).toContain('AttrText:пополнить баланс')
  })
})

describe('tokenize: formula', () => {
  it('takes the body of a closed formula verbatim', () => {
    expect(lex('{formula}\nP = 2^{32-M}-{var(x)}\n{/formula}')).toEqual([
      'FormulaOpen:{formula}',
      'FormulaBody:\nP = 2^{32-M}-{var(x)}\n',
      'FormulaClose:{/formula}',
    ])
  })

  it('lexes an unclosed formula as a plain directive so it cannot swallow the file', () => {
    expect(lex('{formula}\nx {var(y)}')).toEqual([
      'DirectiveStart:{formula',
      'RCurly:}',
      'Text:\nx ',
      'DirectiveStart:{var',
      'ArgsOpen:(',
      'ArgText:y',
      'ArgsClose:)',
      'RCurly:}',
    ])
  })
})

describe('tokenize: never fails', () => {
  it('covers random dialect-shaped input with tokens in order and no lexing errors', () => {
    const pieces = ['{', '}', '(', ')', '[', ']', ':', ';', '=', '\n', ' ', 'a', '/', '`', 'cut', 'linkto', 'formula', '{/formula}']
    let seed = 7
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    for (let round = 0; round < 300; round++) {
      let source = ''
      for (let index = 0; index < 40; index++) source += pieces[Math.floor(random() * pieces.length)]
      const {tokens, errors} = tokenize(source)
      expect(errors).toEqual([])
      let cursor = 0
      for (const token of tokens) {
        expect(token.startOffset).toBeGreaterThanOrEqual(cursor)
        expect(source.slice(token.startOffset, token.startOffset + token.image.length)).toBe(token.image)
        cursor = token.startOffset + token.image.length
      }
    }
  })
})

describe('scanContexts: fenced code', () => {
  it('marks a backtick fence and its contents', () => {
    const source = 'a {var(x)}\n```hcl\n{includetag(net)}\n```\nb\n'
    expect(contextOf(source, '{var')).toBe('text')
    expect(contextOf(source, '{includetag')).toBe('fenced-code')
    expect(contextOf(source, 'b\n')).toBe('text')
  })

  it('marks a fence indented inside a list item', () => {
    const source = '1. Step:\n\n   ```bash\n   echo {var(x)}\n   ```\n\n   {var(y)}\n'
    expect(contextOf(source, '{var(x)')).toBe('fenced-code')
    expect(contextOf(source, '{var(y)')).toBe('text')
  })

  it('ends an unclosed fence where a less indented line ends its list item', () => {
    const source = '1. Run:\n\n   ```bash\n   kubectl delete x\n\n1. {var(next)}\n'
    expect(contextOf(source, '{var')).toBe('text')
  })

  it('keeps an opener indented one space past its list item open across lines at the item column', () => {
    const source = '   - Tab:\n\n       ```yaml\n     key: value\n     ```\n\n     {/tab}\n'
    expect(contextOf(source, 'key')).toBe('fenced-code')
    expect(contextOf(source, '{/tab}')).toBe('text')
  })

  it('runs an unclosed top-level fence to the end of the file', () => {
    expect(contextOf('```\ncode\n\n{cut(x)}\n', '{cut')).toBe('fenced-code')
  })

  it('marks tilde fences and needs a closer at least as long as the opener', () => {
    const source = '~~~~\n~~~\n{var(x)}\n~~~~\n{var(y)}'
    expect(contextOf(source, '{var(x)')).toBe('fenced-code')
    expect(contextOf(source, '{var(y)')).toBe('text')
  })
})

describe('scanContexts: inline code', () => {
  it('pairs backtick runs of equal length', () => {
    const source = 'use `{var(cloud)}` and ``a ` {var(x)}`` then {var(y)}'
    expect(contextOf(source, '{var(cloud)')).toBe('inline-code')
    expect(contextOf(source, '{var(x)')).toBe('inline-code')
    expect(contextOf(source, '{var(y)')).toBe('text')
  })

  it('leaves an unmatched backtick literal', () => {
    expect(contextOf('a ` b {var(x)}', '{var')).toBe('text')
  })

  it('does not pair backticks across a blank line', () => {
    expect(contextOf('a `b\n\n{var(x)} c`', '{var')).toBe('text')
  })

  it('pairs backticks across a line break inside a paragraph', () => {
    expect(contextOf('a `b\n{var(x)} c`', '{var')).toBe('inline-code')
  })
})

describe('scanContexts: HTML comments', () => {
  it('marks a comment, including one that starts a line and spans blank lines', () => {
    const source = '<!--## {heading(Old)[id=old]}\n\n{cut(x)}\n-->\n{var(y)}'
    expect(contextOf(source, '{heading')).toBe('comment')
    expect(contextOf(source, '{cut')).toBe('comment')
    expect(contextOf(source, '{var')).toBe('text')
  })

  it('does not close a comment with --!> and reports where it never closes', () => {
    const source = '| a\n|<!--- no ---!>\n\n| {var(x)}\n'
    const scan = scanContexts(source)
    expect(contextAt(scan, source.indexOf('{var'))).toBe('text')
    expect(scan.unclosedComments).toEqual([{start: 5, end: 9, closesTooLate: false, bangCloser: true}])
  })

  it('does not let an inline comment run past its paragraph', () => {
    const source = 'text <!-- a\n\n{var(x)} -->'
    const scan = scanContexts(source)
    expect(contextAt(scan, source.indexOf('{var'))).toBe('text')
    expect(scan.unclosedComments).toEqual([{start: 5, end: 9, closesTooLate: true, bangCloser: false}])
  })

  it('reads <!--> and <!---> as complete empty comments', () => {
    expect(contextOf('<!--> {var(x)} -->', '{var')).toBe('text')
    expect(contextOf('<!---> {var(x)} -->', '{var')).toBe('text')
  })

  it('gives a code span precedence over a comment that starts inside it', () => {
    const source = '`<!--` {var(x)} `-->`'
    expect(contextOf(source, '{var')).toBe('text')
    expect(scanContexts(source).ranges.map((range) => range.context)).toEqual(['inline-code', 'inline-code'])
  })
})
