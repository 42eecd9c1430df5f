/**
 * How the npm scripts run TypeScript: the project's sources as JavaScript under dist/ (same tree: dist/scripts/plan.js
 * is scripts/plan.ts), which node runs without a TypeScript loader. Every npm script that runs
 * TypeScript (`npm run plan`, `verify`, `docs`, `urns`, `policy:docs`, `bench`, `prices:refresh`) runs this first
 * (its `pre` script), and so does jest before the tests that start those scripts
 * (jest.config.js `globalSetup`): dist/ is never older than the sources. (`npm run build` is seed
 * 000's `tsc`, the type-check, which writes the same tree.)
 *
 * esbuild's documented build API (https://esbuild.github.io/api/#build), one call for all files:
 * each file transpiled on its own, types dropped, nothing checked (`npm run typecheck` does that,
 * tsconfig.json's `isolatedModules` keeps each file transpilable alone). About 0.1 s.
 * Source maps are written beside each file: `NODE_OPTIONS=--enable-source-maps npm run plan`
 * shows an error's frames at their .ts lines (off by default: node then maps every stack that
 * Pulumi captures, about a third more time for a plan).
 */
"use strict";
const { readdirSync } = require("node:fs");
const path = require("node:path");
const esbuild = require("esbuild");

const ROOT = path.resolve(__dirname, "..");
/** The folders whose TypeScript the scripts load. test/ only for its helpers: jest runs the tests from the sources. */
const SOURCES = ["bin", "lib", "policy", "scripts", "test", "tooling"];
const TEST_FILE = /\.(spec|test|int\.test|e2e)\.ts$/;

/** The TypeScript to transpile, and the JSON files it imports (copied as they are, test/'s fixtures aside). */
function entryPoints() {
    return SOURCES.flatMap((dir) => readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
        .filter((file) => (file.endsWith(".ts") && !file.endsWith(".d.ts") && !TEST_FILE.test(file)) || (file.endsWith(".json") && dir !== "test"))
        .map((file) => path.join(dir, file)));
}

function build() {
    esbuild.buildSync({
        absWorkingDir: ROOT,
        entryPoints: entryPoints(),
        outdir: "dist",
        outbase: ".",
        platform: "node",
        format: "cjs",
        target: `node${process.versions.node}`,
        sourcemap: true,
        loader: { ".json": "copy" },
        logLevel: "warning",
    });
}

module.exports = build;
if (require.main === module) build();
