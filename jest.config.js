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

// Node's on-disk compile cache (`module.enableCompileCache()`, node 22.1+; a no-op where node lacks it), here
// and in jest's workers and the npm scripts some tests start: node's docs say the method "only affects the
// current Node.js instance. To enable it in child worker threads, [...] set the process.env.NODE_COMPILE_CACHE
// value to compile cache directory so the behavior can be inherited into the child workers". jest forks its
// workers after reading this file. It caches V8's code for modules node's own loader compiles (jest, ts-jest,
// TypeScript, the scripts' dist/ and Pulumi in child processes), not the test files' modules, which jest
// compiles itself. Measured in one run, alternating (`npx jest --silent`, node 22): 67.1-69.5 s CPU without,
// 62.4-65.1 s with. tooling/run.cjs does the same for the npm scripts.
const compileCache = require("node:module").enableCompileCache?.();
if (compileCache?.directory) process.env.NODE_COMPILE_CACHE = compileCache.directory;

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
  // How long a worker may take to exit once the run is over before jest kills it and reports "A worker
  // process has failed to exit gracefully" (jest's default: 500 ms). Measured (strace, node's 'exit'
  // event): no handle is left open, the workers reach 'exit' within 3 ms of jest's end message, then
  // node's teardown of a 300-800 MB heap and the kernel's freeing of its memory take 350-430 ms on an
  // idle machine and over 500 ms under load (the warning in 9 full runs of 12; 0 of 7 with this). A worker that really hangs
  // is still killed, and reported, after this.
  workerGracefulExitTimeout: 5000,
  // @pulumi/pulumi keeps its runtime state on globals that outlive a test file.
  testEnvironmentOptions: { globalsCleanup: "off" },
};
