/**
 * One CLI run: the command dispatched from the table, `--help`/`--version`,
 * and every error turned into one line and an exit code. A usage mistake is
 * `vkdoc: …` and exit 2, with nothing written; a configuration that cannot be
 * used names its file; anything unexpected is an internal error (a bug),
 * printed with its stack so it can be reported.
 */
import {ConfigError} from '../config/schema.js'
import {flag, parseCommandArgs} from './args.js'
import {buildSite} from './build.js'
import {findCommand, globalOptions} from './commands.js'
import {astCommand, convertCommand} from './convert.js'
import {fmtCommand} from './fmt.js'
import {commandHelp, mainHelp, renderReference} from './help.js'
import {InternalError, IoError, UsageError, type Io} from './io.js'
import {lintCommand} from './lint.js'
import {packageVersion} from './package-files.js'
import {serveCommand} from './serve.js'

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv
  if (first === undefined || first.startsWith('-')) {
    const {values, positionals} = parseCommandArgs(argv, globalOptions, '')
    if (flag(values, 'version')) {
      io.stdout.write(packageVersion() + '\n')
      return 0
    }
    if (positionals.length > 0) throw new UsageError(`unexpected \`${positionals[0]}\` before the command; see \`vkdoc --help\``)
    io[flag(values, 'help') ? 'stdout' : 'stderr'].write(mainHelp())
    return flag(values, 'help') ? 0 : 2
  }
  const command = findCommand(first)
  if (!command) throw new UsageError(`unknown command \`${first}\`; see \`vkdoc --help\``)
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(commandHelp(command))
    return 0
  }
  switch (command.name) {
    case 'help':
      return helpCommand(rest, io)
    case 'ast':
      return astCommand(rest, io)
    case 'html':
    case 'json':
    case 'md':
      return convertCommand(command.name, rest, io)
    case 'lint':
      return lintCommand(rest, io)
    case 'build':
      return buildSite(rest, io)
    case 'serve':
      return serveCommand(rest, io)
    case 'fmt':
      return fmtCommand(rest, io)
    case 'lsp': {
      if (!flag(parseCommandArgs(rest, command.options, 'lsp').values, 'stdio')) throw new UsageError('`vkdoc lsp` talks over standard input and output: `vkdoc lsp --stdio`')
      // Loaded on demand: only the language server needs the protocol packages.
      return (await import('../lsp/server.js')).languageServerCommand()
    }
    default:
      throw new UsageError(`unknown command \`${first}\`; see \`vkdoc --help\``)
  }
}

function helpCommand(args: readonly string[], io: Io): number {
  const {values, positionals} = parseCommandArgs(args, findCommand('help')!.options, 'help')
  if (flag(values, 'markdown')) {
    io.stdout.write(renderReference())
    return 0
  }
  if (positionals.length === 0) {
    io.stdout.write(mainHelp())
    return 0
  }
  const command = findCommand(positionals[0]!)
  if (!command) throw new UsageError(`unknown command \`${positionals[0]}\`; see \`vkdoc --help\``)
  io.stdout.write(commandHelp(command))
  return 0
}

/** Run the CLI with `argv` (without `node` and the script); resolves to the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io)
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof IoError || error instanceof InternalError) {
      io.stderr.write(`vkdoc: ${error.message}\n`)
    } else {
      io.stderr.write(`vkdoc: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    }
    return 2
  }
}
