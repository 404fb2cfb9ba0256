/**
 * Extension directives registered at run time. A leaf module (it imports no
 * construct), so the lexer can ask which extension names exist without
 * pulling in the pipeline.
 *
 * An extension name holds a `-` (`{x-badge(…)}`), as custom elements do in
 * HTML, so it can never collide with a name the dialect has or will have.
 * The lexer, the parser, the lowering, the emitters and the formatter then
 * handle it like a built-in (see `index.ts`).
 */
import type {Construct} from './types.js'

const extensions = new Map<string, Construct>()
let version = 0

/** Extension names: lower-case words joined by `-`, at least one `-`. */
export const extensionNamePattern = /^[a-z][a-z\d]*(?:-[a-z\d]+)+$/

/**
 * Register an extension directive. Returns a function that removes it again.
 *
 * @throws {TypeError} when the name is not an extension name, is taken, or the construct has no syntax (programmer errors).
 */
export function registerConstruct(construct: Construct): () => void {
  if (!construct || typeof construct.name !== 'string' || !extensionNamePattern.test(construct.name)) {
    throw new TypeError(`vkdoc: an extension construct needs a name of lower-case words joined by '-' (such as 'x-badge'), got ${JSON.stringify(construct?.name)}`)
  }
  if (!construct.syntax) throw new TypeError(`vkdoc: extension construct '${construct.name}' needs a syntax`)
  if (extensions.has(construct.name)) throw new TypeError(`vkdoc: construct '${construct.name}' is already registered`)
  extensions.set(construct.name, construct)
  version++
  return () => {
    if (extensions.get(construct.name) === construct) {
      extensions.delete(construct.name)
      version++
    }
  }
}

/** The registered extension of this name. */
export function extensionOf(name: string): Construct | undefined {
  return extensions.get(name)
}

/** Every registered extension, in registration order. */
export function allExtensions(): Construct[] {
  return [...extensions.values()]
}

/** Whether `name` is a registered extension directive (the lexer's question). */
export function isExtensionName(name: string): boolean {
  return extensions.has(name)
}

/** Whether any extension is registered (lets the lexer skip the check on the common path). */
export function hasExtensions(): boolean {
  return extensions.size > 0
}

/** Changes whenever an extension is added or removed (caches derived from the registry compare it). */
export function extensionsVersion(): number {
  return version
}
