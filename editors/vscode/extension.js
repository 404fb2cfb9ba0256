// Starts `vkdoc lsp --stdio` for Markdown files of the workspace; everything else happens in the server.
const vscode = require('vscode')
const {LanguageClient} = require('vscode-languageclient/node')

/** @type {LanguageClient | undefined} */
let client

function activate(context) {
  const settings = vscode.workspace.getConfiguration('vkdoc')
  const [command, ...args] = settings.get('command') ?? ['vkdoc']
  const serverOptions = {command, args: [...args, 'lsp', '--stdio']}
  const clientOptions = {
    documentSelector: [{scheme: 'file', language: 'markdown'}],
    initializationOptions: {root: settings.get('root') || undefined, lang: settings.get('lang') || undefined},
  }
  client = new LanguageClient('vkdoc', 'vkdoc', serverOptions, clientOptions)
  context.subscriptions.push({dispose: () => client?.stop()})
  return client.start()
}

function deactivate() {
  return client?.stop()
}

module.exports = {activate, deactivate}
