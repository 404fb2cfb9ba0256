/**
 * The SARIF 2.1.0 reporter, for code-scanning dashboards: one run whose
 * driver lists every code of the registry as a rule, and one result per
 * message. Columns are UTF-16 code units (`columnKind`), as in unist, and
 * `endColumn` is exclusive in both, so positions map over unchanged. A
 * message's `fix` becomes a SARIF fix with one replacement (`charOffset` /
 * `charLength` are UTF-16 offsets too); build targets and the include chain
 * go in the result's property bag.
 */
import {codes, codeUrl, type Code, type Severity} from '../../diagnostics/codes.js'
import type {VkdocMessage} from '../../diagnostics/report.js'
import {displayPath, rangeOf, sortedCopy, type FormatOptions} from './shared.js'

/** The schema a SARIF log names (not fetched: it only identifies the format). */
export const sarifSchemaUri = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json'

/** The base id paths are relative to when `cwd` is given. */
const sourceRootId = 'SRCROOT'

type SarifLevel = 'error' | 'warning' | 'note'

const levelOf: Record<Severity, SarifLevel> = {error: 'error', warning: 'warning', info: 'note'}

interface ArtifactLocation {
  uri: string
  uriBaseId?: string
}

/** The parts of the SARIF object model this reporter writes. */
export interface SarifLog {
  $schema: string
  version: '2.1.0'
  runs: SarifRun[]
}

export interface SarifRun {
  tool: {driver: {name: string; rules: SarifRule[]}}
  originalUriBaseIds?: Record<string, {uri: string}>
  columnKind: 'utf16CodeUnits'
  results: SarifResult[]
}

export interface SarifRule {
  id: string
  shortDescription: {text: string}
  helpUri: string
  defaultConfiguration: {level: SarifLevel}
  properties: {stage: string}
}

export interface SarifResult {
  ruleId?: string
  ruleIndex?: number
  level: SarifLevel
  message: {text: string}
  locations?: {
    physicalLocation: {
      artifactLocation: ArtifactLocation
      region?: {startLine: number; startColumn: number; endLine?: number; endColumn?: number}
    }
  }[]
  fixes?: {
    description: {text: string}
    artifactChanges: {
      artifactLocation: ArtifactLocation
      replacements: {deletedRegion: {charOffset: number; charLength: number}; insertedContent: {text: string}}[]
    }[]
  }[]
  properties?: {targets?: string[]; includeChain?: string[]}
}

/** Percent-encode each segment of a slash path, keeping the slashes (a URI reference). */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment, index) => (index === 0 && /^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/')
}

/** A `file:` URI for an absolute path (POSIX or Windows), ending with `/` when `directory`. */
function fileUri(path: string, directory: boolean): string {
  let slashed = path.replace(/\\/g, '/')
  if (!slashed.startsWith('/')) slashed = '/' + slashed
  if (directory && !slashed.endsWith('/')) slashed += '/'
  return 'file://' + encodePath(slashed)
}

function artifactLocation(file: string, cwd: string | undefined): ArtifactLocation {
  const shown = displayPath(file, cwd) ?? file
  if (/^(\/|[A-Za-z]:\/)/.test(shown)) return {uri: fileUri(shown, false)}
  return cwd === undefined ? {uri: encodePath(shown)} : {uri: encodePath(shown), uriBaseId: sourceRootId}
}

/** The rules of the driver: every registry code, in registry order. */
export function sarifRules(): SarifRule[] {
  return (Object.keys(codes) as Code[]).map((code) => ({
    id: code,
    shortDescription: {text: codes[code].summary},
    helpUri: codeUrl(code),
    defaultConfiguration: {level: levelOf[codes[code].severity]},
    properties: {stage: codes[code].stage},
  }))
}

/** The SARIF log as an object (see `formatSarif` for the text). */
export function toSarifLog(messages: VkdocMessage[], options: FormatOptions = {}): SarifLog {
  const rules = sarifRules()
  const ruleIndexes = new Map(rules.map((rule, index) => [rule.id, index]))
  const results = sortedCopy(messages).map((message): SarifResult => {
    // Keys in reading order: what, how bad, the text, where, how to fix.
    const ruleIndex = message.ruleId ? ruleIndexes.get(message.ruleId) : undefined
    const result: SarifResult = {
      ...(message.ruleId ? {ruleId: message.ruleId} : {}),
      ...(ruleIndex === undefined ? {} : {ruleIndex}),
      level: levelOf[message.severity],
      message: {text: message.reason},
    }
    if (message.file) {
      const location = artifactLocation(message.file, options.cwd)
      const range = rangeOf(message)
      const physicalLocation: NonNullable<SarifResult['locations']>[number]['physicalLocation'] = {
        artifactLocation: location,
      }
      if (range) {
        physicalLocation.region = {startLine: range.line, startColumn: range.column}
        if (range.endLine !== undefined) physicalLocation.region.endLine = range.endLine
        if (range.endColumn !== undefined) physicalLocation.region.endColumn = range.endColumn
      }
      result.locations = [{physicalLocation}]
      if (message.fix) {
        const {start, end, text} = message.fix
        result.fixes = [
          {
            description: {text: end > start ? `Replace with ${JSON.stringify(text)}` : `Insert ${JSON.stringify(text)}`},
            artifactChanges: [
              {
                artifactLocation: {...location},
                replacements: [{deletedRegion: {charOffset: start, charLength: end - start}, insertedContent: {text}}],
              },
            ],
          },
        ]
      }
    }
    const properties: NonNullable<SarifResult['properties']> = {}
    if (message.targets && message.targets.length > 0) properties.targets = [...message.targets]
    if (message.includeChain && message.includeChain.length > 0) properties.includeChain = [...message.includeChain]
    if (properties.targets || properties.includeChain) result.properties = properties
    return result
  })

  const run: SarifRun = {
    tool: {driver: {name: 'vkdoc', rules}},
    ...(options.cwd === undefined ? {} : {originalUriBaseIds: {[sourceRootId]: {uri: fileUri(options.cwd, true)}}}),
    columnKind: 'utf16CodeUnits',
    results,
  }
  return {$schema: sarifSchemaUri, version: '2.1.0', runs: [run]}
}

/**
 * Format messages as a SARIF 2.1.0 log (two-space indented JSON, ending with a newline).
 *
 * @param messages Messages in any order.
 * @param options `cwd`: paths become relative to it, with `SRCROOT` naming it; `color` and `sources` are ignored.
 */
export function formatSarif(messages: VkdocMessage[], options: FormatOptions = {}): string {
  return JSON.stringify(toSarifLog(messages, options), null, 2) + '\n'
}
