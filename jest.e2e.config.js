/**
 * End-to-end tests (`npm run test:e2e`), over the wire on 127.0.0.1 (test/e2e/): the checks of
 * tooling/verify against environments the fixture builds with SDK calls in a local moto_server
 * (each such file starts its own server and stops it, by PID, when done), and the policy pack
 * served by Pulumi's own policy runner, over gRPC (policy-pack.e2e.ts, no moto needed). One worker.
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
  // test/e2e/environments.e2e.ts starts `npm run verify`'s command, which runs from dist/: built first.
  globalSetup: "<rootDir>/tooling/build.cjs",
  maxWorkers: 1,
  testTimeout: 60000,
  testEnvironmentOptions: { globalsCleanup: "off" },
};
