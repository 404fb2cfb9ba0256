/**
 * Lint reporters: turn vkdoc messages into text for a terminal (`stylish`),
 * programs (`json`), code-scanning dashboards (`sarif`) or GitHub Actions
 * annotations (`github`). Every reporter is a pure function of the messages
 * and options; none writes anywhere.
 */
import type {Formatter} from './shared.js'
import {formatGithub} from './github.js'
import {formatJson} from './json.js'
import {formatSarif} from './sarif.js'
import {formatStylish} from './stylish.js'

export {formatGithub, escapeData, escapeProperty} from './github.js'
export {formatJson, toJsonRecords, type JsonRecord} from './json.js'
export {formatSarif, toSarifLog, sarifRules, sarifSchemaUri, type SarifLog, type SarifResult, type SarifRule, type SarifRun} from './sarif.js'
export {formatStylish} from './stylish.js'
export {codeFrame, displayWidth} from './code-frame.js'
export type {Formatter, FormatOptions, MessageRange} from './shared.js'

/** The reporters by the name the CLI's `--format` takes. */
export const formatters = {
  github: formatGithub,
  json: formatJson,
  sarif: formatSarif,
  stylish: formatStylish,
} as const satisfies Record<string, Formatter>

/** A reporter name accepted by `formatters`. */
export type FormatterName = keyof typeof formatters
