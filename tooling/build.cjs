/**
 * How the npm scripts run TypeScript: the project's sources as JavaScript under dist/ (same tree: dist/scripts/plan.js
 * is scripts/plan.ts), which node runs without a TypeScript loader. Every npm script that runs TypeScript
 * (`npm run plan`, `verify`, `docs`, `urns`, `policy:docs`, `bench`, `prices:refresh`, `mutants`) starts
 * tooling/run.cjs, which calls `ensureBuilt()` here and then loads the script's JavaScript in the same node
 * process; jest does the same before the tests that start those scripts (jest.config.js `globalSetup`).
 * `node tooling/build.cjs` builds from the command line (`--clean`: every file, whatever the record says).
 * (`npm run build` is seed 000's `tsc`, the type-check, which writes the same tree.)
 *
 * esbuild's documented build API (https://esbuild.github.io/api/#build): each file transpiled on its own
 * (no bundling), types dropped, nothing checked (`npm run typecheck` does that; tsconfig.json's
 * `isolatedModules` keeps each file transpilable alone). Source maps are written beside each file:
 * `NODE_OPTIONS=--enable-source-maps npm run plan` shows an error's frames at their .ts lines (off by
 * default: node then maps every stack that Pulumi captures, about a third more time for a plan).
 *
 * Only what changed is built again. Without bundling, a file's JavaScript is a function of that file's
 * bytes, the build options, esbuild's version and the tsconfig.json files esbuild reads (it reads the
 * nearest one to each file; policy/tsconfig.json extends the root's): dist/.build-record.json keeps, per
 * source, the SHA-256 of the bytes it was built from, and the size and modification time of what it wrote,
 * under a key of everything else (options, esbuild's version, tsconfig files, package.json). A source is
 * built again when its bytes, or its output on disk (`tsc`, a hand edit, a deletion), differ from the
 * record; everything when the key differs. esbuild is handed exactly the bytes that were hashed (an
 * `onLoad` plugin, https://esbuild.github.io/plugins/#on-load), so a file saved during a build is never
 * recorded as built. Outputs of deleted sources are removed. One build at a time (a lock file, released
 * by a process that dies holding it being noticed by its pid). The whole check reads each source once:
 * about 20 ms for the project, against about 0.3 s of CPU for esbuild to build everything.
 */
"use strict";
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
/** The folders whose TypeScript the scripts load. test/ only for its helpers: jest runs the tests from the sources. */
const SOURCES = ["bin", "lib", "policy", "scripts", "test", "tooling"];
const TEST_FILE = /\.(spec|test|int\.test|e2e)\.ts$/;
/** What esbuild reads besides each file: the tsconfig files (the nearest to each file, and what it extends), package.json. */
const BUILD_INPUTS = ["package.json", "tsconfig.json", "policy/tsconfig.json"];

/** The options of every build (esbuild's working directory and the entry points are added per call). */
const OPTIONS = {
  outdir: "dist",
  outbase: ".",
  platform: "node",
  format: "cjs",
  target: `node${process.versions.node}`,
  sourcemap: true,
  logLevel: "warning",
};

/** The TypeScript to transpile, and the JSON files it imports (copied as they are, test/'s fixtures aside), relative to the root. */
function sourceFiles(root) {
  return SOURCES.flatMap((dir) =>
    fs
      .readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
      .filter(
        (file) => (file.endsWith(".ts") && !file.endsWith(".d.ts") && !TEST_FILE.test(file)) || (file.endsWith(".json") && dir !== "test"),
      )
      .map((file) => path.join(dir, file)),
  ).sort();
}

/** The files a source becomes under dist/. */
function outputsOf(source) {
  if (source.endsWith(".json")) return [source];
  const js = source.replace(/\.ts$/, ".js");
  return [js, `${js}.map`];
}

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/** Size and modification time of each output, or null when one is missing. */
function outputStamps(dist, source) {
  const stamps = [];
  for (const output of outputsOf(source)) {
    let stat;
    try {
      stat = fs.statSync(path.join(dist, output));
    } catch {
      return null;
    }
    stamps.push([stat.size, stat.mtimeMs]);
  }
  return stamps;
}

function readRecord(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** Waits for the lock, taking over one whose holder is gone. Returns what releases it. */
function lock(dist) {
  fs.mkdirSync(dist, { recursive: true });
  const LOCK = path.join(dist, ".build.lock");
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; ; waited += 50) {
    try {
      fs.writeFileSync(LOCK, String(process.pid), { flag: "wx" });
      return () => fs.rmSync(LOCK, { force: true });
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
    }
    let holder;
    try {
      holder = Number(fs.readFileSync(LOCK, "utf8"));
    } catch (err) {
      if (err.code === "ENOENT") continue; // released meanwhile
      throw err;
    }
    let alive = Number.isInteger(holder) && holder > 0;
    if (alive) {
      try {
        process.kill(holder, 0);
      } catch (err) {
        alive = err.code === "EPERM";
      }
    }
    if (!alive || waited > 120000) fs.rmSync(LOCK, { force: true });
    else Atomics.wait(sleeper, 0, 0, 50);
  }
}

/**
 * Brings dist/ up to date with the sources: builds what changed (everything with `clean`), removes the
 * outputs of deleted sources. Resolves to the number of files built.
 */
async function ensureBuilt({ clean = false, root = ROOT } = {}) {
  const dist = path.join(root, "dist");
  const record = path.join(dist, ".build-record.json");
  const release = lock(dist);
  try {
    const sources = sourceFiles(root);
    const key = sha256(
      JSON.stringify([
        OPTIONS,
        require("esbuild/package.json").version,
        BUILD_INPUTS.map((file) => (fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), "utf8") : null)),
      ]),
    );
    const previous = readRecord(record);
    const known = !clean && previous?.key === key ? previous.files : {};
    const contents = new Map();
    const files = {};
    const stale = [];
    for (const source of sources) {
      const bytes = fs.readFileSync(path.join(root, source));
      const hash = sha256(bytes);
      const was = known[source];
      if (was && was.hash === hash && JSON.stringify(outputStamps(dist, source)) === JSON.stringify(was.outputs)) {
        files[source] = was;
      } else {
        contents.set(source, bytes);
        files[source] = { hash };
        stale.push(source);
      }
    }
    for (const gone of Object.keys(previous?.files ?? {}).filter((source) => !(source in files))) {
      for (const output of outputsOf(gone)) fs.rmSync(path.join(dist, output), { force: true });
    }
    if (stale.length > 0) await transpile(root, stale, contents);
    for (const source of stale) files[source].outputs = outputStamps(dist, source);
    const written = `${record}.${process.pid}`;
    fs.writeFileSync(written, JSON.stringify({ key, files }));
    fs.renameSync(written, record);
    return stale.length;
  } finally {
    release();
  }
}

/** Transpiles the TypeScript of `sources` from the bytes read (`contents`), copies the JSON. */
async function transpile(root, sources, contents) {
  for (const json of sources.filter((source) => source.endsWith(".json"))) {
    fs.mkdirSync(path.dirname(path.join(root, "dist", json)), { recursive: true });
    fs.writeFileSync(path.join(root, "dist", json), contents.get(json));
  }
  const entryPoints = sources.filter((source) => source.endsWith(".ts"));
  if (entryPoints.length === 0) return;
  const esbuild = require("esbuild");
  const hashed = {
    name: "hashed-bytes",
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const bytes = contents.get(path.relative(root, args.path));
        if (bytes === undefined) throw new Error(`tooling/build.cjs: ${args.path} was not read before the build`);
        return { contents: bytes, loader: "ts" };
      });
    },
  };
  try {
    await esbuild.build({ ...OPTIONS, absWorkingDir: root, entryPoints, plugins: [hashed] });
  } finally {
    await esbuild.stop();
  }
}

/** jest's `globalSetup` (jest.config.js): dist/ up to date before the tests that start the npm scripts' commands. */
module.exports = () => ensureBuilt();
module.exports.ensureBuilt = ensureBuilt;
module.exports.ROOT = ROOT;
if (require.main === module) {
  ensureBuilt({ clean: process.argv.includes("--clean") }).catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
