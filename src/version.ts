/** The package version (kept equal to package.json's by test/package.test.ts). */
export const version = '0.1.0'
