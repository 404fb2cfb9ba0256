/**
 * A `vkdoc build` worker thread: loads the tree itself (index loading is
 * cheap) and renders the pages it is given, writing HTML (and FAQ JSON),
 * posting a tick per page and then the manifest entries, diagnostics and
 * assets referenced.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {renderPages, type BuildJob} from './build-pages.js'

const job = workerData as BuildJob
const result = renderPages(job, undefined, () => parentPort?.postMessage({type: 'tick'}))
parentPort?.postMessage({type: 'done', result})
