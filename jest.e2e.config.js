/**
 * End-to-end tests (`npm run test:e2e`): the checks of tooling/verify over the wire, against
 * environments the fixture builds with SDK calls in a local moto_server (test/e2e/). One worker:
 * each test file starts its own moto server on 127.0.0.1 and stops it (by PID) when done.
 * `npm test` never runs these (their files end in .e2e.ts).
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/e2e"],
  testMatch: ["**/*.e2e.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  maxWorkers: 1,
  testTimeout: 60000,
  testEnvironmentOptions: { globalsCleanup: "off" },
};
