/**
 * Bytes of a docs file to text: UTF-8 with its byte-order mark dropped (an
 * editor does not show it, so line 1 column 1 is the first visible character
 * and a `{cut}` at the start of the file stays a block opener), and invalid
 * UTF-8 (a file saved as cp1251) located to its byte so it can be reported
 * instead of silently turning into U+FFFD.
 */

/** Where the first byte that is not UTF-8 lies. */
export interface EncodingProblem {
  /** Offset in the file's bytes. */
  byteOffset: number
  /** The same place as a UTF-16 offset in the decoded text (BOM dropped). */
  offset: number
}

export interface DecodedText {
  text: string
  /** The file began with the UTF-8 byte-order mark (dropped from `text`; write it back when saving). */
  bom: boolean
  problem: EncodingProblem | null
}

const lenient = new TextDecoder('utf-8', {fatal: false, ignoreBOM: true})
const strict = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true})

/** Decode `bytes` as UTF-8; invalid sequences become U+FFFD and the first one is located. */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  const bom = hasBom(bytes)
  const body = bom ? bytes.subarray(3) : bytes
  // Nearly every file is valid: the engine's own check, then the byte walk only to locate a problem.
  try {
    return {text: strict.decode(body), bom, problem: null}
  } catch {
    // Not UTF-8: located below.
  }
  const invalidAt = firstInvalidByte(body)
  const text = lenient.decode(body)
  if (invalidAt === -1) return {text, bom, problem: null}
  // The bytes before the first bad one are valid, so their decoded length is the exact text offset.
  const offset = lenient.decode(body.subarray(0, invalidAt)).length
  return {text, bom, problem: {byteOffset: invalidAt + (bom ? 3 : 0), offset}}
}

/** The text of a file's bytes; its decoding problem (if any) is kept in `problems` under `path`. */
export function decodeRecording(bytes: Uint8Array, path: string, problems: Map<string, EncodingProblem>): string {
  const decoded = decodeUtf8(bytes)
  if (decoded.problem) problems.set(path, decoded.problem)
  else problems.delete(path)
  return decoded.text
}

/** Whether `bytes` begin with the UTF-8 byte-order mark. */
export function hasBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
}

/**
 * Offset of the first byte that starts no well-formed UTF-8 sequence (Unicode
 * table 3-7: no overlong forms, no surrogates, nothing past U+10FFFF), or -1.
 */
function firstInvalidByte(bytes: Uint8Array): number {
  let index = 0
  while (index < bytes.length) {
    const lead = bytes[index]!
    if (lead < 0x80) {
      index++
      continue
    }
    let length: number
    let low = 0x80
    let high = 0xbf
    if (lead >= 0xc2 && lead <= 0xdf) length = 2
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3
      if (lead === 0xe0) low = 0xa0
      else if (lead === 0xed) high = 0x9f
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4
      if (lead === 0xf0) low = 0x90
      else if (lead === 0xf4) high = 0x8f
    } else return index
    if (index + length > bytes.length) return index
    const second = bytes[index + 1]!
    if (second < low || second > high) return index
    for (let next = 2; next < length; next++) {
      const byte = bytes[index + next]!
      if (byte < 0x80 || byte > 0xbf) return index
    }
    index += length
  }
  return -1
}
