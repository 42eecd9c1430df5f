/**
 * Unit tests on Pulumi's mock runtime: stock jest (its own runtime, no setup files) with ts-jest.
 * TypeScript is transpiled only (ts-jest honours `isolatedModules` in tsconfig.json): type-checking
 * is `npm run typecheck`, once, not per test file.
 */
// `npm test` runs the specs (`*.spec.ts`) through the files that gather them (test/units.test.ts,
// test/policy.test.ts, test/stack.test.ts, test/stack-files.test.ts, test/verify.test.ts: one Pulumi
// or SDK load for many, test/specs.ts);
// a spec named on the command line (`npx jest test/stack/compute.spec.ts`) runs on its own.
const specNamed = process.argv.some((arg) => /\.spec\.ts$/.test(arg));

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: specNamed ? ["**/*.spec.ts"] : ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "\\.int\\.test\\.ts$"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  // The npm scripts some tests start (test/program.test.ts runs `npm run plan`'s command) run from dist/: built first.
  globalSetup: "<rootDir>/tooling/build.cjs",
  testTimeout: 30000,
  // Two workers on two cores: the stack specs on one, the CLI, policy and verify files on the other.
  maxWorkers: 2,
  // @pulumi/pulumi keeps its runtime state on globals that outlive a test file.
  testEnvironmentOptions: { globalsCleanup: "off" },
};
