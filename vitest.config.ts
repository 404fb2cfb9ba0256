import {availableParallelism} from 'node:os'
import {defineConfig} from 'vitest/config'

/**
 * Two projects: `unit` (small inputs and fixtures) and `corpus` (test/corpus/:
 * each file runs one expensive pass over ../shared/corpus and shares it among
 * its tests, see test/corpus/shared.ts). `vitest run` runs both.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    // The corpus files are a few long, independent passes: at least two workers let them run side by side
    // (vitest's default on two cores is one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/corpus/**']},
      },
      {
        extends: true,
        // A pass over the corpus runs in a `beforeAll`: under a minute of CPU, but many minutes on a busy machine.
        test: {name: 'corpus', include: ['test/corpus/**/*.test.ts'], hookTimeout: 1_800_000, testTimeout: 600_000},
      },
    ],
  },
})
