/**
 * `npm run <name>` for the scripts written in TypeScript: `node tooling/run.cjs <name> [args]` brings dist/ up
 * to date (tooling/build.cjs: only what changed is built again) and then runs dist/scripts/<name>.js in this
 * same node process, with the arguments after the name, as `node dist/scripts/<name>.js [args]` would
 * (process.argv[1] is the script). One node process per run, where a `pre` script cost a shell and a second
 * node, and esbuild's build of every file, each time.
 */
"use strict";
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
