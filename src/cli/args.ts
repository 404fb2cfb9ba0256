/**
 * Command-line arguments checked against the command table: unknown options
 * (with the closest known one suggested), missing or empty values, values
 * outside their choices and values their check refuses all become one-line
 * usage errors before the command does anything.
 */
import {parseArgs, type ParseArgsConfig} from 'node:util'
import {editDistance} from '../syntax/edit-distance.js'
import type {CommandSpec, OptionSpec} from './commands.js'
import {UsageError} from './io.js'

/** Parsed values by option name: a string, a list for `multiple`, `true` for booleans. */
export type Values = Record<string, string | boolean | string[] | undefined>

export interface ParsedArgs {
  values: Values
  positionals: string[]
}

/** `--name` as written in help, with its short form. */
export function flagName(name: string, spec?: OptionSpec): string {
  return spec?.short ? `-${spec.short}, --${name}` : `--${name}`
}

function closest(name: string, options: Readonly<Record<string, OptionSpec>>): string | undefined {
  let best: string | undefined
  let bestDistance = 3
  for (const known of Object.keys(options)) {
    const distance = editDistance(name, known, 2)
    if (distance < bestDistance) {
      best = known
      bestDistance = distance
    }
  }
  return best
}

/** Parse `args` for `command` (or for the global options when `command` is a bare table). */
export function parseCommandArgs(args: readonly string[], options: Readonly<Record<string, OptionSpec>>, commandName: string): ParsedArgs {
  const config: NonNullable<ParseArgsConfig['options']> = {}
  for (const [name, spec] of Object.entries(options)) {
    config[name] = {type: spec.type, ...(spec.multiple ? {multiple: true} : {}), ...(spec.short ? {short: spec.short} : {})}
  }
  const see = commandName === '' ? 'see `vkdoc --help`' : `see \`vkdoc ${commandName} --help\``
  let parsed: {values: Values; positionals: string[]}
  try {
    parsed = parseArgs({args: [...args], options: config, allowPositionals: true, strict: true}) as typeof parsed
  } catch (error) {
    const code = (error as {code?: string}).code
    const message = (error as Error).message
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const written = /'([^']+)'/.exec(message)?.[1] ?? message
      const bare = written.replace(/^-+/, '').split('=')[0]!
      const suggestion = written.startsWith('--') ? closest(bare, options) : undefined
      throw new UsageError(`unknown option \`${written}\`${suggestion ? ` (did you mean \`--${suggestion}\`?)` : ''}; ${see}`, commandName)
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const written = /'(-[^' ]+)/.exec(message)?.[1] ?? ''
      const name = written.replace(/^-+/, '')
      const spec = options[name] ?? Object.entries(options).find(([, option]) => option.short === name)?.[1]
      const text = spec?.type === 'boolean' ? `\`${written}\` takes no value` : `\`${written}\` needs a value${spec?.arg ? ` (${spec.arg})` : ''}`
      throw new UsageError(`${text}; ${see}`, commandName)
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError(`unexpected argument; ${see}`, commandName)
    throw error
  }
  for (const [name, value] of Object.entries(parsed.values)) {
    const spec = options[name]!
    if (spec.type !== 'string') continue
    for (const one of Array.isArray(value) ? value : [value as string]) checkValue(name, spec, one, see, commandName)
  }
  return parsed
}

function checkValue(name: string, spec: OptionSpec, value: string, see: string, commandName: string): void {
  if (value === '') throw new UsageError(`\`--${name}\` needs a non-empty value${spec.arg ? ` (${spec.arg})` : ''}; ${see}`, commandName)
  if (spec.choices && !spec.choices.includes(value)) {
    throw new UsageError(`\`--${name}\` takes ${spec.choices.map((choice) => `\`${choice}\``).join(', ')}, not \`${value}\`; ${see}`, commandName)
  }
  const problem = spec.check?.(value)
  if (problem) throw new UsageError(`\`--${name}\` ${problem}, not \`${value}\`; ${see}`, commandName)
}

/** The parsed values of one command, typed by the caller. */
export function parseFor(command: CommandSpec, args: readonly string[]): ParsedArgs {
  return parseCommandArgs(args, command.options, command.name)
}

export function stringValue(values: Values, name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

export function listValue(values: Values, name: string): string[] {
  const value = values[name]
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : []
}

export function flag(values: Values, name: string): boolean {
  return values[name] === true
}
