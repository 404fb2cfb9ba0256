/**
 * `invalid-utf8`: a file whose bytes are not UTF-8 (a page saved as cp1251)
 * still renders, with U+FFFD where the bytes did not decode, and the author is
 * told where the first bad byte is, in bytes and as a line and column.
 */
import {report, type VkdocMessage} from '../diagnostics/report.js'
import {LineIndex} from '../syntax/position.js'
import type {EncodingProblem} from '../tree/decode.js'

export function invalidUtf8Message(file: string, source: string, problem: EncodingProblem): VkdocMessage {
  const lines = new LineIndex(source)
  return report(
    'invalid-utf8',
    `Unexpected byte that is not UTF-8 at byte offset ${problem.byteOffset}, expected UTF-8 text (is the file saved in another encoding, such as cp1251?); it reads as U+FFFD`,
    lines.position(problem.offset, Math.min(source.length, problem.offset + 1)),
    {file},
  )
}
