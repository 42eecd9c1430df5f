/** jest's `globalTeardown` (jest.config.js): removes the run's plan cache (test/global-setup.cjs). */
"use strict";
const { rmSync } = require("node:fs");

module.exports = function globalTeardown() {
  const dir = process.env.TAP_PLAN_CACHE;
  if (dir) rmSync(dir, { recursive: true, force: true });
  delete process.env.TAP_PLAN_CACHE;
};
