/**
 * vkdoc: parse, compile and lint the VK Cloud documentation dialect.
 * The public API only; each stage lives in its own module.
 */
export type * from './ast.js'
export type * from './transform/nodes.js'
export {codes, type Code, type CodeInfo, type Severity} from './diagnostics/codes.js'
export {report, type VkdocMessage} from './diagnostics/report.js'
