/**
 * The docs tree: file systems, the index of pages/sections/fragments/build
 * points/variables, and the resolution of include paths, link targets and
 * variables. Nothing here parses Markdown.
 */
export {memoryFileSystem, type FileSystem} from './fs.js'
export {
  loadIndex,
  type DocsIndex,
  type LoadIndexOptions,
  type MetaProblem,
  type PageEntry,
  type SectionEntry,
  type VariableDefinition,
} from './load.js'
export type {BuildPointSource} from './build-points.js'
export {isBuildPoint, pagesForTarget, suggestBuildPoint, targetsOf} from './targets.js'
export {
  reportVariableGap,
  variableDefinition,
  variableGaps,
  variableValue,
  type VariableGap,
  type VariableLookup,
} from './variables.js'
export {
  folderExists,
  hrefFor,
  resolveIncludePath,
  resolveLinkTarget,
  type HrefOptions,
  type IncludeResolution,
  type LinkResolution,
} from './resolve.js'
export {langOf, pageFolderOf} from './paths.js'
