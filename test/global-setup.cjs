/**
 * jest's `globalSetup` (jest.config.js), once before a run's test files:
 * - builds dist/ (tooling/build.cjs): some tests start the npm scripts, which run from dist/;
 * - makes the run's plan cache, a fresh directory each run (watch mode's runs too) named by
 *   TAP_PLAN_CACHE, where test/support.ts shares the whole-stack plans between the spec files
 *   (each file runs in its own module registry). test/global-teardown.cjs removes it;
 * - starts the run's plan server (test/plan-server.ts, from dist/), which makes those plans in one warm
 *   node process, its socket named by TAP_PLAN_SERVER. Should it not start, the spec files plan in
 *   their own processes as before (no TAP_PLAN_SERVER). test/global-teardown.cjs stops it.
 * The test files see the variables because jest starts its workers after this runs, with this process's environment.
 */
"use strict";
const { fork } = require("node:child_process");
const { mkdtempSync } = require("node:fs");
const { tmpdir } = require("node:os");
const path = require("node:path");
const build = require("../tooling/build.cjs");

/** How long the plan server may take to listen (node's start; it loads Pulumi on the first plan asked for). */
const SERVER_START_MS = 10000;

module.exports = async function globalSetup() {
  // Builds only what changed (esbuild's async API): awaited, or the first tests could start a script while dist/ is written.
  await build();
  const dir = mkdtempSync(path.join(tmpdir(), "tap-plans-"));
  process.env.TAP_PLAN_CACHE = dir;
  const socket = path.join(dir, "plans.sock");
  const server = fork(path.join(__dirname, "..", "dist", "test", "plan-server.js"), [dir, socket], { stdio: "inherit" });
  const ready = await new Promise((resolve) => {
    const done = (ok) => {
      clearTimeout(timer);
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), SERVER_START_MS);
    server.once("message", (message) => done(message === "ready"));
    server.once("exit", () => done(false));
    server.once("error", () => done(false));
  });
  if (ready) process.env.TAP_PLAN_SERVER = socket;
  else server.kill();
  // Neither the process nor its IPC channel keeps jest's own process alive (node's subprocess.unref, subprocess.channel.unref).
  server.unref();
  server.channel?.unref();
  globalThis.tapPlanServer = server;
};
