/**
 * Unit tests on Pulumi's mock runtime. TypeScript is transpiled only (ts-jest honours `isolatedModules` in tsconfig.json):
 * type-checking is `npm run typecheck`, once, not per test file.
 */
// `npm test` runs the specs (`*.spec.ts`) through the files that gather them (test/units.test.ts,
// test/policy.test.ts, test/stack.test.ts, test/stack-files.test.ts, test/verify.test.ts: one Pulumi
// or SDK load for many, test/specs.ts);
// a spec named on the command line (`npx jest test/stack/compute.spec.ts`) runs on its own.
const specNamed = process.argv.some((arg) => /\.spec\.ts$/.test(arg));

// Planning allocates hundreds of short-lived promises per resource: with V8's default young
// generation (16 MB) a third of a stack spec's time was the garbage collector. The test workers
// (forked after this file is read) get a larger one.
if (!/--max-semi-space-size/.test(process.env.NODE_OPTIONS ?? "")) {
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --max-semi-space-size=128`.trim();
}

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: specNamed ? ["**/*.spec.ts"] : ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "\\.int\\.test\\.ts$"],
  transform: {
    // ts-jest, loaded when a file is not in jest's cache (tooling/jest/transform.cjs).
    "^.+\\.ts$": ["<rootDir>/tooling/jest/transform.cjs", { diagnostics: false }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  // What loading Pulumi brings and no test uses (its closure serializer, the Automation API), on first use.
  setupFiles: ["<rootDir>/test/jest.setup.ts"],
  // Each module compiled once per worker rather than once per test file.
  runtime: "<rootDir>/tooling/jest/runtime.cjs",
  testTimeout: 30000,
  // Two workers on two cores: the stack specs on one, the CLI, policy and verify files on the other.
  maxWorkers: 2,
  // @pulumi/pulumi keeps its runtime state on globals that outlive a test file.
  testEnvironmentOptions: { globalsCleanup: "off" },
};
