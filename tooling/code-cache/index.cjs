/**
 * V8's code cache on disk, as node 22's `module.enableCompileCache()` keeps it (node 20 has none):
 * compiling JavaScript is a large part of starting a plan and of each jest worker. Used by
 * tooling/plan/ts-loader.cjs (how the npm scripts start) and tooling/jest/runtime.cjs (the test
 * workers).
 *
 * Entries live in node_modules/.cache/tap-ts, one file per source path, each headed by the hash of
 * what decides its content (the absolute path among it): a changed source is compiled again and
 * its entry overwritten, so the cache does not grow. A script's cache is written when the process
 * exits, so that it holds the functions the run called, not only the top level.
 */
"use strict";
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

const ROOT = path.resolve(__dirname, "..", "..");
const CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "tap-ts");

const sha1 = (...parts) => {
    const hash = createHash("sha1");
    for (const part of parts) hash.update(part).update("\0");
    return hash.digest();
};
/**
 * The cache file of a source file: one per path and kind. A path inside the project counts from
 * its root, so that a copy of the project sharing its node_modules (`npm run mutants -- --tests`)
 * takes turns with it on the same entries rather than adding its own.
 */
const entryOf = (kind, filename) => {
    const relative = path.relative(ROOT, filename);
    const name = relative.startsWith("..") || path.isAbsolute(relative) ? filename : relative;
    return path.join(CACHE_DIR, kind, sha1(name).toString("hex"));
};

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

/** Writes a cache entry whole or not at all (several processes may write at once). */
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

// V8 rejects a cache made under other flags: one cache per set of node options (the test
// workers' NODE_OPTIONS, say), rather than each rewriting the other's.
const CODE_CACHE = `v8-${sha1(process.version, process.arch, ...process.execArgv, process.env.NODE_OPTIONS ?? "").toString("hex").slice(0, 12)}`;
const pendingCodeCaches = [];

/** `new vm.Script(code, { filename, columnOffset })`, from V8's code cache when an earlier run left one for this code. */
function cachedScript(loader, code, filename, columnOffset) {
    const key = sha1(filename, code);
    const file = entryOf(`${CODE_CACHE}-${loader}`, filename);
    const cachedData = readEntry(file, key);
    const script = new vm.Script(code, { filename, columnOffset, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) pendingCodeCaches.push({ script, file, key });
    return script;
}

/**
 * A module's code inside its wrapper function (`prefix` ... `suffix`), compiled through the code
 * cache, with positions as in the module itself (the prefix takes no column of line 1). `loader`
 * names who compiles (node's module loader, jest's runtime): each wraps a module its own way, and
 * keeps its own entries rather than overwrite the other's. Undefined where the loader's own
 * compilation must do it: code that uses `import()` (on node 20 a vm.Script has no loader for it),
 * and code V8 refuses as a function body (a syntax error, an ES module), which the loader then
 * reports or handles its way.
 */
function wrappedScript(loader, prefix, code, suffix, filename) {
    if (code.includes("import(")) return undefined;
    try {
        return cachedScript(loader, `${prefix}${code}${suffix}`, filename, -prefix.length);
    } catch {
        return undefined;
    }
}

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

/** Makes node's module loader compile each CommonJS module through the code cache (once a process). */
function cacheNodeCompilation() {
    const nodeCompile = Module.prototype._compile;
    if (nodeCompile.name === "compileWithCodeCache") return;
    Module.prototype._compile = function compileWithCodeCache(content, filename, format) {
        // Node's own way for what is not plain CommonJS (an ES module, require(esm)), and where
        // wrappedScript declines.
        const script = format === undefined || format === "commonjs" ? wrappedScript("node", Module.wrapper[0], content, Module.wrapper[1], filename) : undefined;
        if (script === undefined) return nodeCompile.apply(this, arguments);
        const compiled = script.runInThisContext({ displayErrors: true });
        return Reflect.apply(compiled, this.exports, [this.exports, requireFor(this), this, filename, path.dirname(filename)]);
    };
}

process.once("exit", () => {
    for (const { script, file, key } of pendingCodeCaches) writeEntry(file, key, script.createCachedData());
});

module.exports = { ROOT, sha1, entryOf, readEntry, writeEntry, wrappedScript, cacheNodeCompilation };
