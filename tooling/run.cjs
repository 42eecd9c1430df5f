/**
 * `npm run <name>` for the scripts written in TypeScript: `node tooling/run.cjs <name> [args]` brings dist/ up
 * to date (tooling/build.cjs: only what changed is built again) and then runs dist/scripts/<name>.js in this
 * same node process, with the arguments after the name, as `node dist/scripts/<name>.js [args]` would
 * (process.argv[1] is the script). One node process per run, where a `pre` script cost a shell and a second
 * node, and esbuild's build of every file, each time.
 *
 * Node's on-disk compile cache is switched on first (`module.enableCompileCache()`, node 22.1+, documented in
 * node's `module` API: "Enable module compile cache in the current Node.js instance"): V8's code for every module
 * required from here on (Pulumi, the AWS package, dist/) is kept under the directory NODE_COMPILE_CACHE names, or
 * os.tmpdir()/node-compile-cache, and reused by the next run. It never changes what runs: a module whose bytes
 * changed is compiled again. NODE_DISABLE_COMPILE_CACHE=1 switches it off. Measured (one run, alternating,
 * `node dist/scripts/plan.js --stack dev` on node 22): 1.15 s wall without, 0.90 s with.
 */
"use strict";
// Before any other require: the modules loaded after this are the ones cached.
require("node:module").enableCompileCache?.();
const path = require("node:path");
const { ensureBuilt, ROOT } = require("./build.cjs");

const name = process.argv[2];
if (!/^[a-z][a-z-]*$/.test(name ?? "")) {
  console.error(`usage: node tooling/run.cjs <script name> [arguments]: a script of scripts/, got ${JSON.stringify(name)}`);
  process.exit(2);
}
ensureBuilt().then(
  () => {
    const script = path.join(ROOT, "dist", "scripts", `${name}.js`);
    process.argv.splice(1, 2, script);
    require(script);
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
