/**
 * jest's `globalSetup` (jest.config.js), once before a run's test files:
 * - builds dist/ (tooling/build.cjs): some tests start the npm scripts, which run from dist/;
 * - makes the run's plan cache, a fresh directory each run (watch mode's runs too) named by
 *   TAP_PLAN_CACHE, where test/support.ts shares the whole-stack plans between the spec files
 *   (each file runs in its own module registry). test/global-teardown.cjs removes it.
 * The test files see the variable because jest starts its workers after this runs, with this process's environment.
 */
"use strict";
const { mkdtempSync } = require("node:fs");
const { tmpdir } = require("node:os");
const path = require("node:path");
const build = require("../tooling/build.cjs");

module.exports = async function globalSetup() {
  // Builds only what changed (esbuild's async API): awaited, or the first tests could start a script while dist/ is written.
  await build();
  process.env.TAP_PLAN_CACHE = mkdtempSync(path.join(tmpdir(), "tap-plans-"));
};
