/**
 * A `vkdoc build` worker thread: loads the tree itself and renders the pages
 * it is given, writing HTML (and FAQ JSON), posting a tick per page and then
 * the manifest entries, diagnostics and assets referenced (with `forCache`,
 * each page's output and the hashes of the files it was made from).
 */
import {parentPort, workerData} from 'node:worker_threads'
import {buildTree, renderPages, type BuildJob} from './build-pages.js'
import {dependencyHashes, treeHasher} from './cache.js'

const job = workerData as BuildJob
const tree = buildTree(job)
const hashOf = treeHasher(tree)
const result = renderPages(job, tree, {
  onPage: () => parentPort?.postMessage({type: 'tick'}),
  ...(job.forCache ? {forCache: (file: string) => dependencyHashes(tree, file, hashOf)} : {}),
})
parentPort?.postMessage({type: 'done', result})
