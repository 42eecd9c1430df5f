/**
 * Integration tests (`npm run test:integration`): the checks of tooling/verify against the deployed
 * stack, whose outputs `pulumi stack output --json` saved to TAP_OUTPUTS_FILE (default
 * cfn-outputs/flat-outputs.json). Without that file the global setup stops the run at once,
 * saying how to produce it. `npm test` (jest.config.js) never runs these.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/integration"],
  testMatch: ["**/*.int.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  globalSetup: "<rootDir>/test/integration/global-setup.ts",
  // Real AWS calls: generous, but a hung call still ends.
  testTimeout: 120000,
};
