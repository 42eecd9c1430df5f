/**
 * Unit tests on Pulumi's mock runtime: stock jest (its own runtime, no setup files) with ts-jest.
 * TypeScript is transpiled only (ts-jest honours `isolatedModules` in tsconfig.json): type-checking
 * is `npm run typecheck`, once, not per test file.
 *
 * jest finds every test file under test/ itself: `*.spec.ts` and `*.test.ts` (a new file in a new
 * folder runs with no line to add anywhere; `npx jest path/to/any.spec.ts` and `--watch` work). Not
 * `*.int.test.ts` (after a deployment: jest.integration.config.js) nor `*.e2e.ts` (jest.e2e.config.js).
 * test/toolchain.spec.ts holds that every file under test/ that declares tests is one jest finds.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.spec.ts", "**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "\\.int\\.test\\.ts$"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  // dist/ built (some tests start the npm scripts, which run from it), and the run's plan cache (test/support.ts).
  globalSetup: "<rootDir>/test/global-setup.cjs",
  globalTeardown: "<rootDir>/test/global-teardown.cjs",
  testTimeout: 30000,
  maxWorkers: 2,
  // @pulumi/pulumi keeps its runtime state on globals that outlive a test file.
  testEnvironmentOptions: { globalsCleanup: "off" },
};
