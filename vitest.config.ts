import {availableParallelism} from 'node:os'
import {BaseSequencer, type TestSpecification} from 'vitest/node'
import {defineConfig} from 'vitest/config'

/**
 * The corpus files whose pass takes most of a run, heaviest first. Started
 * first, they share the workers evenly; without this, a fresh checkout (no
 * timing cache) orders files by size and may start the heaviest one last.
 */
const heaviestFirst = ['format', 'render', 'lint'].map((name) => `/test/corpus/${name}.test.ts`)

class HeaviestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification): number => {
      const index = heaviestFirst.findIndex((file) => spec.moduleId.endsWith(file))
      return index === -1 ? heaviestFirst.length : index
    }
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b))
  }
}

/** Unit test files that replace a module with `vi.mock` (which must not leak into the files sharing a worker). */
const mockingFiles = ['test/to-html-safety.test.ts']
const corpusMockingFiles = ['test/corpus/render.test.ts']

/**
 * Two projects (the unit one in two parts): `unit` (small inputs and fixtures) and `corpus` (test/corpus/:
 * each file runs one expensive pass over ../shared/corpus and shares it among
 * its tests, see test/corpus/shared.ts). `vitest run` runs both.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    // The corpus files are a few long, independent passes: at least two workers let them run side by side
    // (vitest's default on two cores is one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: {sequencer: HeaviestFirst},
    testTimeout: 120_000,
    projects: [
      {
        extends: true,
        // The unit files share one module graph per worker (importing src/ once, not once per file: half the
        // project's time). A file that mocks a module goes to `unit-mocks` instead, where each file has its own.
        test: {name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/corpus/**', ...mockingFiles], isolate: false},
      },
      {
        extends: true,
        test: {name: 'unit-mocks', include: mockingFiles},
      },
      {
        extends: true,
        // A pass over the corpus runs in a `beforeAll`: under a minute of CPU, but many minutes on a busy machine.
        // Its files share modules too (and so the loaded tree); the one that mocks a module runs on its own.
        test: {name: 'corpus', include: ['test/corpus/**/*.test.ts'], exclude: corpusMockingFiles, isolate: false, hookTimeout: 1_800_000, testTimeout: 600_000},
      },
      {
        extends: true,
        test: {name: 'corpus-mocks', include: corpusMockingFiles, hookTimeout: 1_800_000, testTimeout: 600_000},
      },
    ],
  },
})
