/**
 * How `npm run plan` starts (`node --require ./tooling/plan/ts-loader.cjs scripts/plan.ts`): a
 * plan's time is mostly start-up, and tsx spent it on the ~1,400 JavaScript files of node_modules
 * (it scans each one for ESM syntax), on a second node process for its CLI, and on compiling.
 *
 * - Only `.ts` files go through here; node_modules load with node's own loader.
 * - Each .ts file is transpiled by esbuild as tsx does it (tsx's own esbuild, the project's
 *   tsconfig.json; whitespace kept, so that an uncaught error shows a readable line) and kept in node_modules/.cache/tap-ts, checked against the hash of everything
 *   that decides the output (source, path, tsconfig, esbuild and node versions): a changed source
 *   is transpiled again, a fresh clone fills the cache on its first run. Nothing to build by hand.
 * - V8's code cache for every CommonJS module (tooling/code-cache): compiling JavaScript was a
 *   third of the start-up.
 * - What `require("@pulumi/pulumi")` loads and a plan never uses is loaded on first use.
 * - Stack traces still point into the .ts sources: the source maps are read only when an
 *   error's stack is formatted.
 * One cache entry per file (overwritten when its source changes), so the cache does not grow.
 */
"use strict";
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const { ROOT, sha1, entryOf, readEntry, writeEntry, cacheNodeCompilation } = require("../code-cache/index.cjs");

/** Bump when the transpile options below change. */
const LOADER_VERSION = "2";

// ---- TypeScript ------------------------------------------------------------------------------

let esbuildPath;
let transpileKey;
/** Transpiled file name to its source map's cache entry and key, for stack traces. */
const sourceMaps = new Map();

function resolveEsbuild() {
    // tsx's esbuild: the transpiler the project's scripts have always run under.
    esbuildPath ??= require.resolve("esbuild", { paths: [path.dirname(require.resolve("tsx/package.json"))] });
    return esbuildPath;
}

/** Everything besides the source and its path that decides the transpiled code. */
function transpileOptionsKey() {
    if (transpileKey === undefined) {
        const esbuildVersion = JSON.parse(fs.readFileSync(path.join(path.dirname(resolveEsbuild()), "..", "package.json"), "utf8")).version;
        transpileKey = [LOADER_VERSION, esbuildVersion, process.version, fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8")].join("\0");
    }
    return transpileKey;
}

function transpile(source, filename) {
    return require(resolveEsbuild()).transformSync(source, {
        loader: "ts",
        format: "cjs",
        platform: "node",
        target: `node${process.versions.node}`,
        sourcefile: filename,
        sourcemap: "external",
        sourcesContent: false,
        keepNames: true,
        tsconfigRaw: fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8"),
    });
}

function transpiled(filename) {
    const source = fs.readFileSync(filename, "utf8");
    const key = sha1(transpileOptionsKey(), filename, source);
    const file = entryOf("ts", filename);
    sourceMaps.set(filename, { file: `${file}.map`, key });
    const cached = readEntry(file, key);
    if (cached) return cached.toString("utf8");
    const { code, map } = transpile(source, filename);
    writeEntry(`${file}.map`, key, map);
    writeEntry(file, key, code);
    return code;
}

Module._extensions[".ts"] = function loadTypeScript(module, filename) {
    module._compile(transpiled(filename), filename);
};

// ---- V8 code cache (tooling/code-cache) -----------------------------------------------------

cacheNodeCompilation();

// ---- What a plan never uses ------------------------------------------------------------------

/**
 * `require("@pulumi/pulumi")` loads, and a plan never uses: the closure serializer's imports
 * (TypeScript's compiler and npm's @npmcli/arborist, for `pulumi.runtime.serializeFunction`) and
 * the Automation API (`pulumi.automation`, with execa and js-yaml), about 70% of its load time.
 * Each gets a stand-in that requires the real module on first use: Pulumi reads them only inside
 * functions (or, for `automation`, re-exports it).
 */
const DEFERRED = {
    "index.js": new Set(["./automation"]),
    "runtime/closure/parseFunction.js": new Set(["../../typescript-shim"]),
    "runtime/closure/codePaths.js": new Set(["@npmcli/arborist", "normalize-package-data"]),
};
// A .ts module: loaded through the hook above.
const { standIn } = require("./stand-in.ts");
const pulumiDir = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), path.sep);
const nodeLoad = Module._load;

Module._load = function loadDeferring(request, parent) {
    const from = parent?.filename;
    if (from?.startsWith(pulumiDir) && DEFERRED[from.slice(pulumiDir.length).split(path.sep).join("/")]?.has(request)) {
        return standIn(() => nodeLoad.call(Module, request, parent, false));
    }
    return nodeLoad.apply(this, arguments);
};

// ---- Stack traces ----------------------------------------------------------------------------

const parsedMaps = new Map();

/** A frame in a transpiled file, at its place in the .ts source. */
function mapFrame(frame) {
    const text = String(frame);
    const file = frame.getFileName();
    const entry = file && sourceMaps.get(file);
    const line = frame.getLineNumber();
    const column = frame.getColumnNumber();
    if (!entry || line === null || column === null) return text;
    try {
        if (!parsedMaps.has(entry.file)) {
            const map = readEntry(entry.file, entry.key);
            parsedMaps.set(entry.file, map && new Module.SourceMap(JSON.parse(map.toString("utf8"))));
        }
        const original = parsedMaps.get(entry.file)?.findEntry(line - 1, column - 1);
        if (original?.originalLine === undefined) return text;
        return text.replace(`${file}:${line}:${column}`, `${file}:${original.originalLine + 1}:${original.originalColumn + 1}`);
    } catch {
        return text;
    }
}

Error.prepareStackTrace = (error, frames) => {
    let head;
    try {
        head = Error.prototype.toString.call(error);
    } catch {
        head = "<error>";
    }
    return [head, ...frames.map((frame) => `    at ${mapFrame(frame)}`)].join("\n");
};
