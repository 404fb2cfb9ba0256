/** What a page-level rule reports: a problem at offsets of the expanded text, or at a source file's offset. */
import type {Code} from '../../diagnostics/codes.js'

export type PageProblem =
  | {code: Code; reason: string; start: number; end: number}
  | {code: Code; reason: string; file: string; offset: number; length: number}
