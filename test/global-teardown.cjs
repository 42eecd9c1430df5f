/** jest's `globalTeardown` (jest.config.js): stops the run's plan server and removes its plan cache (test/global-setup.cjs). */
"use strict";
const { rmSync } = require("node:fs");

module.exports = async function globalTeardown() {
  const server = globalThis.tapPlanServer;
  delete globalThis.tapPlanServer;
  delete process.env.TAP_PLAN_SERVER;
  if (server && server.exitCode === null && server.signalCode === null) {
    // Waited for, so its CPU time counts in jest's (and its exit leaves no process behind). Referenced again
    // first: global-setup.cjs unref'd it, and an unref'd child does not keep node running while it is awaited
    // (jest's own process would end here, before it sets its exit code: a failed run would exit 0).
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.ref();
    server.kill();
    await exited;
  }
  const dir = process.env.TAP_PLAN_CACHE;
  if (dir) rmSync(dir, { recursive: true, force: true });
  delete process.env.TAP_PLAN_CACHE;
};
