/**
 * The mdast node types vkdoc adds for the dialect (each declared, with its
 * `mdast` module augmentation, in its construct's module), in one place for
 * the public API.
 *
 * Block directives become parents (`cut`, `note`, `tabs`, `tab`, `caption`);
 * a title is the first child, a `directiveLabel` holding phrasing content,
 * so tree walkers see what is in titles too. Inline directives become
 * phrasing nodes (`linkto`, `counter`, `constant`, `includePlaceholder`).
 * `{heading}` lowers to a plain mdast `heading` with `data.id`;
 * `{params}` lowers into the preceding image's `data.params`.
 */
export type {AsciidocCell, AsciidocRow, AsciidocTable} from './asciidoc-table/index.js'
export type {Caption} from './caption.js'
export type {Constant, Counter} from './counter.js'
export type {Cut} from './cut.js'
export type {Formula} from './formula.js'
export type {IncludePlaceholder} from './include.js'
export type {Linkto} from './linkto.js'
export type {Note, NoteType} from './note.js'
export type {Swagger} from './swagger.js'
export type {Tab, Tabs} from './tabs.js'
export type {DirectiveLabel, FlowContent} from './types.js'
export type {Video} from './video.js'
