/**
 * A `vkdoc build` worker thread: loads the tree itself (index loading is
 * cheap) and renders the pages it is given, writing HTML (and FAQ JSON) and
 * answering with manifest entries and diagnostics.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {renderPages, type BuildJob} from './build-pages.js'

const job = workerData as BuildJob
const result = renderPages(job)
parentPort?.postMessage(result)
