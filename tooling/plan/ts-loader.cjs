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
 * - V8's code cache for every CommonJS module, as node 22's `module.enableCompileCache()` keeps
 *   it (node 20 has none): compiling JavaScript was a third of the start-up.
 * - What `require("@pulumi/pulumi")` loads and a plan never uses is loaded on first use.
 * - Stack traces still point into the .ts sources: the source maps are read only when an
 *   error's stack is formatted.
 * One cache entry per file (overwritten when its source changes), so the cache does not grow.
 */
"use strict";
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

const ROOT = path.resolve(__dirname, "..", "..");
const CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "tap-ts");
/** Bump when the transpile options below change. */
const LOADER_VERSION = "2";

const sha1 = (...parts) => {
    const hash = createHash("sha1");
    for (const part of parts) hash.update(part).update("\0");
    return hash.digest();
};
/** The cache file of a source file: one per path. */
const entryOf = (kind, filename) => path.join(CACHE_DIR, kind, sha1(filename).toString("hex"));

/** Reads a cache entry written for `key`; undefined when there is none, or one for another key. */
function readEntry(file, key) {
    let data;
    try {
        data = fs.readFileSync(file);
    } catch {
        return undefined;
    }
    return data.length > key.length && key.equals(data.subarray(0, key.length)) ? data.subarray(key.length) : undefined;
}

/** Writes a cache entry whole or not at all (several plans may run at once). */
function writeEntry(file, key, data) {
    const temp = `${file}.${process.pid}.tmp`;
    try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(temp, Buffer.concat([key, Buffer.from(data)]));
        fs.renameSync(temp, file);
    } catch {
        // A read-only node_modules: the work is done again next time.
        fs.rmSync(temp, { force: true });
    }
}

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

// ---- V8 code cache ---------------------------------------------------------------------------
// Each module's cache is written after the run, so that it holds the functions the plan called,
// not only the top level.

const WRAPPER_PREFIX = Module.wrapper[0];
// V8 rejects a cache made under other flags: one cache per set of node options (the test
// workers' NODE_OPTIONS, say), rather than each rewriting the other's.
const CODE_CACHE = `v8-${sha1(process.version, process.arch, ...process.execArgv, process.env.NODE_OPTIONS ?? "").toString("hex").slice(0, 12)}`;
const pendingCodeCaches = [];
const nodeCompile = Module.prototype._compile;

Module.prototype._compile = function compileWithCodeCache(content, filename, format) {
    // Node's own way for what is not plain CommonJS (an ES module, require(esm)), and for `import()`,
    // which needs node's own compilation on node 20 (a vm.Script has no loader for it).
    if ((format !== undefined && format !== "commonjs") || content.includes("import(")) return nodeCompile.apply(this, arguments);
    const key = sha1(filename, content);
    const file = entryOf(CODE_CACHE, filename);
    const cachedData = readEntry(file, key);
    let script;
    try {
        script = new vm.Script(Module.wrap(content), {
            filename,
            columnOffset: -WRAPPER_PREFIX.length, // positions as node reports them, without the wrapper
            cachedData,
        });
    } catch {
        // What V8 refuses as a CommonJS function body (an ES module node would detect, say): node's own way.
        return nodeCompile.apply(this, arguments);
    }
    if (cachedData === undefined || script.cachedDataRejected) pendingCodeCaches.push({ script, file, key });
    const compiled = script.runInThisContext({ displayErrors: true });
    return Reflect.apply(compiled, this.exports, [this.exports, requireFor(this), this, filename, path.dirname(filename)]);
};

/** The `require` node gives a module (lib/internal/modules/helpers.js, makeRequireFunction). */
function requireFor(module) {
    const require = (id) => module.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
    require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
    require.main = process.mainModule;
    require.extensions = Module._extensions;
    require.cache = Module._cache;
    return require;
}

process.once("exit", () => {
    for (const { script, file, key } of pendingCodeCaches) writeEntry(file, key, script.createCachedData());
});

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
