/**
 * The one registry of diagnostic codes. The parser, the docs-tree resolver,
 * the emitters and the lint rules all report through `report()` with a code
 * from here; `docs/rules/<code>.md` is generated from this table.
 *
 * Codes are the kind names of the independent corpus scan where they fit
 * (`unclosed-block`, `linkto-missing-anchor`, …). One problem, one code.
 */
import {version} from '../version.js'

export type Severity = 'error' | 'warning' | 'info'

export interface CodeInfo {
  /** Default severity: structural defects and broken references are errors, style is a warning. */
  severity: Severity
  /** One line: what the problem is. */
  summary: string
  /** Examples for the rule documentation: a failing input and what fixes it. */
  examples?: {bad: string; good?: string}
  /** Where the check runs: while parsing one file, when resolving in a tree, or as a lint rule. */
  stage: 'parse' | 'render' | 'tree' | 'lint'
}

export const codes = {
  'asciidoc-table-malformed': {
    severity: 'error',
    stage: 'render',
    summary: 'An AsciiDoc table whose `[cols=…]` line is not followed by `|===`, or whose `|===` delimiters do not pair.',
    examples: {bad: '[cols="1,1", options="header"]\n|A |B\n', good: '[cols="1,1", options="header"]\n|===\n|A |B\n|===\n'},
  },
  'asciidoc-table-unsupported': {
    severity: 'warning',
    stage: 'render',
    summary: 'An AsciiDoc table feature vkdoc does not render; the table text is kept.',
    examples: {bad: '[cols="1,1", options="header,footer"]\n|===\n|Имя |Значение\n|Итого |2\n|===\n', good: '[cols="1,1", options="header"]\n|===\n|Имя |Значение\n|Итого |2\n|===\n'},
  },
  'asset-missing': {
    severity: 'error',
    stage: 'tree',
    summary: 'An image, video or swagger file referenced by a page does not exist in the docs tree.',
  },
  'asset-outside-root': {
    severity: 'error',
    stage: 'tree',
    summary: 'An image, video, swagger spec or download that is a symbolic link leading outside the docs root; it is neither read nor copied.',
  },
  'diagnostics-limit': {
    severity: 'warning',
    stage: 'render',
    summary: 'A page repeats one problem more often than `limits.maxDiagnosticsPerCode` (default 1,000), or has more than `limits.maxDiagnostics` (default 5,000) in all; the rest are counted, not listed.',
  },
  'directive-in-raw-block': {
    severity: 'error',
    stage: 'render',
    summary: 'A directive CommonMark made part of raw HTML, code or an autolink (an HTML block runs to the next blank line), so it does not act; reported at the directive and at its partner.',
    examples: {bad: '{note:info}\n<div>Текст</div>\n{/note}\n', good: '{note:info}\n<div>Текст</div>\n\n{/note}\n'},
  },
  'duplicate-heading-id': {
    severity: 'error',
    stage: 'tree',
    summary: 'Two `{heading}` (or `{caption}`) ids are the same in one rendered page.',
    examples: {bad: '## {heading(A)[id=x]}\n\n## {heading(B)[id=x]}\n', good: '## {heading(A)[id=x]}\n\n## {heading(B)[id=y]}\n'},
  },
  'duplicate-heading-id-repeated-include': {
    severity: 'warning',
    stage: 'tree',
    summary: 'The same fragment region is included twice into one page, so its heading ids repeat.',
  },
  'faq-duplicate-question': {
    severity: 'warning',
    stage: 'lint',
    summary: 'Two questions of a FAQ page have the same text.',
    examples: {bad: '{cut(Как стать партнером?)}\nОтвет.\n{/cut}\n\n{cut(Как стать партнером?)}\nДругой ответ.\n{/cut}\n', good: '{cut(Как стать партнером?)}\nОтвет.\nДругой ответ.\n{/cut}\n'},
  },
  'faq-empty-answer': {
    severity: 'error',
    stage: 'lint',
    summary: 'A FAQ question (top-level cut) has no answer.',
    examples: {bad: '{cut(Как стать партнером?)}\n{/cut}\n', good: '{cut(Как стать партнером?)}\nОтвет.\n{/cut}\n'},
  },
  'faq-empty-question': {
    severity: 'error',
    stage: 'lint',
    summary: 'A FAQ question (top-level cut) has an empty title.',
    examples: {bad: '{cut()}\nОтвет.\n{/cut}\n', good: '{cut(Как стать партнером?)}\nОтвет.\n{/cut}\n'},
  },
  'faq-question-mark': {
    severity: 'warning',
    stage: 'lint',
    summary: 'A FAQ question does not end with `?`.',
    examples: {bad: '{cut(Как стать партнером)}\n\nОтвет.\n\n{/cut}\n', good: '{cut(Как стать партнером?)}\n\nОтвет.\n\n{/cut}\n'},
  },
  'faq-question-not-top-level': {
    severity: 'warning',
    stage: 'lint',
    summary: 'A FAQ page should be a flat list of top-level cuts; this cut sits inside another block.',
    examples: {bad: '{note:info}\n{cut(Как стать партнером?)}\nОтвет.\n{/cut}\n{/note}\n', good: '{cut(Как стать партнером?)}\nОтвет.\n{/cut}\n'},
  },
  'faq-text-outside-question': {
    severity: 'warning',
    stage: 'lint',
    summary: 'Text outside any question after the first question of a FAQ page.',
    examples: {bad: '{cut(Как стать партнером?)}\nОтвет.\n{/cut}\n\nАбзац вне вопросов.\n', good: '{cut(Как стать партнером?)}\nОтвет.\n\nАбзац внутри ответа.\n{/cut}\n'},
  },
  'file-unreadable': {
    severity: 'error',
    stage: 'tree',
    summary: 'A file of the docs tree that cannot be read (permissions, not valid UTF-8); every other file is still processed.',
  },
  'include-cross-language': {
    severity: 'warning',
    stage: 'tree',
    summary: 'A page includes a fragment of another language.',
  },
  'include-cycle': {
    severity: 'error',
    stage: 'tree',
    summary: 'An include that (directly or indirectly) includes itself.',
  },
  'include-depth-limit': {
    severity: 'error',
    stage: 'tree',
    summary: 'Includes nested deeper than `limits.maxIncludeDepth` (default 16); the deepest include is not spliced.',
  },
  'include-limit': {
    severity: 'error',
    stage: 'tree',
    summary: 'An include that would make the page splice more than `limits.maxIncludes` (default 2,000) includes or grow past `limits.maxExpandedSize` (default 2 Mi characters); it is not spliced.',
  },
  'include-not-found': {
    severity: 'error',
    stage: 'tree',
    summary: 'The file named by `{include(…)}` does not exist.',
    examples: {bad: '{include(../_includes/_missing.md)}\n'},
  },
  'include-outside-root': {
    severity: 'error',
    stage: 'tree',
    summary: 'An include path that leaves the docs root; it is not read.',
    examples: {bad: '{include(../../../outside.md)}\n'},
  },
  'include-tag-not-found': {
    severity: 'error',
    stage: 'tree',
    summary: '`[tags=…]` names no `{includetag}` region of the included fragment.',
  },
  'include-unresolved': {
    severity: 'warning',
    stage: 'render',
    summary: 'An include rendered without a docs tree: shown as a placeholder.',
    examples: {bad: '{include(/ru/_includes/_note.md)}\n'},
  },
  'invalid-utf8': {
    severity: 'error',
    stage: 'parse',
    summary: 'A file that is not valid UTF-8 (saved in another encoding, such as cp1251); its undecodable bytes read as U+FFFD.',
  },
  'link-missing-page': {
    severity: 'error',
    stage: 'tree',
    summary: 'A plain Markdown link to an internal page that does not exist.',
  },
  'linkto-anchor-plain-heading-only': {
    severity: 'warning',
    stage: 'tree',
    summary: 'The anchor matches only the slug of a plain Markdown heading, which gets no id.',
  },
  'linkto-cross-language': {
    severity: 'warning',
    stage: 'tree',
    summary: 'A page links to a page of another language.',
  },
  'linkto-missing-anchor': {
    severity: 'error',
    stage: 'tree',
    summary: 'The `#anchor` of a `{linkto}` is not a `{heading}` or `{caption}` id of the target page.',
    examples: {bad: '## {heading(Настройка)[id=setup]}\n\nСм. {linkto(#set-up)[text=настройку]}.\n', good: '## {heading(Настройка)[id=setup]}\n\nСм. {linkto(#setup)[text=настройку]}.\n'},
  },
  'linkto-missing-page': {
    severity: 'error',
    stage: 'tree',
    summary: 'The page of a `{linkto}` target does not exist.',
    examples: {bad: 'См. {linkto(../missing-page#setup)[text=настройку]}.\n'},
  },
  'linkto-missing-text': {
    severity: 'error',
    stage: 'parse',
    summary: '`{linkto}` without `[text=…]`.',
    examples: {bad: '{linkto(../page#id)}\n', good: '{linkto(../page#id)[text=Page]}\n'},
  },
  'linkto-target-whitespace': {
    severity: 'warning',
    stage: 'lint',
    summary: 'Whitespace or a line break inside a `{linkto(…)}` target; it is ignored when the link is resolved, so `--fix` removes it.',
    examples: {bad: 'См. {linkto( ../page#id)[text=страницу]}.\n', good: 'См. {linkto(../page#id)[text=страницу]}.\n'},
  },
  'linkto-text-unresolved': {
    severity: 'warning',
    stage: 'render',
    summary: '`%text` or `%number` could not be resolved; the target is shown instead.',
    examples: {bad: 'См. {linkto(../other#network)[text=%text]}.\n', good: '## {heading(Настройка сети)[id=network]}\n\nСм. {linkto(#network)[text=%text]}.\n'},
  },
  'malformed-directive': {
    severity: 'error',
    stage: 'parse',
    summary: 'A directive that does not follow `{name(ARGS)[key=value; …]}`: a missing `}`, `)` or `{`, unbalanced parentheses, a bad attribute.',
    examples: {bad: '{linkto(../page#id)[пополнить баланс]}\n', good: '{linkto(../page#id)[text=пополнить баланс]}\n'},
  },
  'malformed-html-comment': {
    severity: 'error',
    stage: 'parse',
    summary: 'An HTML comment `<!--` that is never closed by `-->` (`--!>` does not close it in Markdown).',
    examples: {bad: '<!--- комментарий ---!>\n\nТекст.\n', good: '<!-- комментарий -->\n\nТекст.\n'},
  },
  'meta-invalid': {
    severity: 'error',
    stage: 'tree',
    summary: 'A `*.meta.json` that is not valid JSON, or whose `build` (`build.for`, `build.points`) has the wrong shape; the page is built for no target.',
  },
  'misnested-block': {
    severity: 'error',
    stage: 'render',
    summary: 'A block closes while a block opened inside it is still open.',
    examples: {bad: '{cut(A)}\n{note:info}\n{/cut}\n{/note}\n', good: '{cut(A)}\n{note:info}\n{/note}\n{/cut}\n'},
  },
  'nesting-limit': {
    severity: 'warning',
    stage: 'render',
    summary: 'Markdown (block quotes, lists, emphasis, raw HTML elements) nested deeper than `limits.maxNesting` (default 100); the deeper part is shown as text.',
    examples: {bad: '>'.repeat(120) + ' Цитата\n', good: '> Цитата\n'},
  },
  'note-unknown-type': {
    severity: 'error',
    stage: 'parse',
    summary: '`{note:TYPE}` with a type other than `info`, `warn` or `err`.',
    examples: {bad: '{note:warning}\nОсторожно.\n{/note}\n', good: '{note:warn}\nОсторожно.\n{/note}\n'},
  },
  'page-outside-root': {
    severity: 'error',
    stage: 'tree',
    summary: 'A file rendered or linted with a docs tree but lying outside its root; it is rendered on its own, without the tree (place it with `--as`).',
  },
  'page-size-limit': {
    severity: 'error',
    stage: 'render',
    summary: 'A page or fragment longer than `limits.maxPageSize` (default 2 Mi characters); only that much of it is read.',
  },
  'parse-cost-limit': {
    severity: 'error',
    stage: 'render',
    summary: 'Text whose shape makes the Markdown parser slow with the square of its length (thousands of emphasis delimiters or brackets in one paragraph, a thousand setext underlines, hundreds of list markers opening one line); it is shown as plain text.',
    examples: {bad: 'Текст.\n\n' + '- '.repeat(201) + 'x\n', good: 'Текст.\n\n- Пункт\n  - Вложенный пункт\n'},
  },
  'stray-close': {
    severity: 'error',
    stage: 'render',
    summary: 'A closing tag without a matching opener.',
    examples: {bad: 'Text.\n{/cut}\n'},
  },
  'tab-outside-tabs': {
    severity: 'error',
    stage: 'render',
    summary: '`{tab}` that is not directly inside `{tabs}`.',
    examples: {bad: '{tab(Linux)}\nКоманда.\n{/tab}\n', good: '{tabs}\n{tab(Linux)}\nКоманда.\n{/tab}\n{/tabs}\n'},
  },
  'tabs-content-outside-tab': {
    severity: 'error',
    stage: 'render',
    summary: 'Content inside `{tabs}` but outside every `{tab}`.',
    examples: {bad: '{tabs}\nВыберите систему.\n{tab(Linux)}\nКоманда.\n{/tab}\n{/tabs}\n', good: 'Выберите систему.\n\n{tabs}\n{tab(Linux)}\nКоманда.\n{/tab}\n{/tabs}\n'},
  },
  'unbalanced-condition-in-include': {
    severity: 'error',
    stage: 'tree',
    summary: 'The text an include selects opens a condition it does not close (or closes one it did not open).',
  },
  'unclosed-block': {
    severity: 'error',
    stage: 'render',
    summary: 'A block directive (`cut`, `note`, `tabs`, `tab`, `caption`, …) that is never closed.',
    examples: {bad: '{cut(A)}\nText.\n', good: '{cut(A)}\nText.\n{/cut}\n'},
  },
  'unclosed-code-fence': {
    severity: 'error',
    stage: 'render',
    summary: 'A code fence that is never closed.',
    examples: {bad: '```bash\necho 1\n', good: '```bash\necho 1\n```\n'},
  },
  'unknown-build-target': {
    severity: 'error',
    stage: 'tree',
    summary: 'A build target in `{ifdef}`/`{ifndef}` or in meta `build.for` that no config or variable defines.',
    examples: {bad: '{ifdef(pulic)}x{/ifdef}\n', good: '{ifdef(public)}x{/ifdef}\n'},
  },
  'unknown-directive': {
    severity: 'warning',
    stage: 'parse',
    summary: 'Text that looks like a misspelt directive (`{linto(`), kept as text.',
    examples: {bad: '{linto(../page#id)[text=страница]}\n', good: '{linkto(../page#id)[text=страница]}\n'},
  },
  'unused-disable-directive': {
    severity: 'warning',
    stage: 'lint',
    summary: 'A `<!-- vkdoc-disable… -->` comment that suppresses nothing (reported on request), or that names a code vkdoc does not have.',
    examples: {bad: '<!-- vkdoc-disable-next-line unknown-drective -->\n{linto(../page#id)[text=страница]}\n', good: '<!-- vkdoc-disable-next-line unknown-directive -->\n{linto(../page#id)[text=страница]}\n'},
  },
  'var-no-value-for-build': {
    severity: 'error',
    stage: 'tree',
    summary: 'A variable with per-build-point values has none for a build point a page using it is built for.',
  },
  'var-undefined': {
    severity: 'error',
    stage: 'tree',
    summary: '`{var(x)}` with `x` not defined in the language meta file.',
    examples: {bad: 'Добро пожаловать в {var(clod)}.\n', good: 'Добро пожаловать в {var(cloud)}.\n'},
  },
} satisfies Record<string, CodeInfo>

export type Code = keyof typeof codes

/**
 * Where the rule documentation is by default: the `docs/rules/<code>.md` files
 * the package ships, served by a registry CDN at exactly this version (so the
 * page matches the code that reported it).
 */
export const ruleDocsBase = `https://unpkg.com/vkdoc@${version}/docs/rules/`

/** The documentation URL of `code`: `<base><code>.md` (`base` for docs hosted elsewhere; it ends with `/`). */
export function codeUrl(code: Code, base: string = ruleDocsBase): string {
  return `${base}${code}.md`
}
