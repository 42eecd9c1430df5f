/**
 * Integration tests (`npm run test:integration`): the checks of tooling/verify against the deployed
 * stack, whose outputs `pulumi stack output --json` saved to TAP_OUTPUTS_FILE (default
 * cfn-outputs/flat-outputs.json). Without that file the global setup stops the run at once,
 * saying how to produce it. `npm test` (jest.config.js) never runs these.
 *
 * Selected by pattern: `*.int.test.ts`. The run is test/tap-stack.int.test.ts (seed 000's entry
 * point), which runs every area's file of test/integration once; an area's file named on the
 * command line (`npx jest --config jest.integration.config.js test/integration/s3.int.test.ts`)
 * runs alone.
 */
const areaNamed = process.argv.some((arg) => /integration\/[a-z0-9-]+\.int\.test\.ts$/.test(arg));

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: areaNamed ? ["**/test/integration/*.int.test.ts"] : ["**/test/*.int.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  globalSetup: "<rootDir>/test/integration/global-setup.ts",
  // Real AWS calls: generous, but a hung call still ends.
  testTimeout: 120000,
};
