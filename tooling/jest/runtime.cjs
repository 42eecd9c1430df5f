/**
 * jest's own runtime (jest.config.js `runtime`), with one change: a module is compiled once per
 * test worker, not once per test file.
 *
 * jest gives each test file a fresh module registry and compiles every module it loads again, with
 * `vm.compileFunction`, which V8's compilation cache does not serve (nodejs/node#35375). Pulumi, the
 * AWS SDK and the program are the same code in every file of a worker: compiling them again was
 * about a tenth of `npm test`'s CPU. A `vm.Script` is not bound to a context, so the script
 * compiled for the first file runs in each later file's context: every file still gets its own
 * module instances, only the compilation is shared. The first compilation in a worker comes from
 * V8's code cache on disk (tooling/code-cache) when an earlier run left one. A module whose
 * transformed code changed (another transform) is compiled again; one that uses `import()` keeps
 * jest's way, which carries jest's dynamic-import hook.
 */
"use strict";
const Runtime = require("jest-runtime").default;
const { wrappedScript } = require("../code-cache/index.cjs");

/** filename -> the code and parameters it was compiled with, and the script. */
const scripts = new Map();

class CompileOnceRuntime extends Runtime {
    constructor(...args) {
        super(...args);
        const executor = this.executor;
        if (typeof executor?.compile !== "function" || !Array.isArray(executor.injectedModuleParameters)) {
            throw new Error("tooling/jest/runtime.cjs: jest-runtime no longer compiles through `executor.compile`; update this file for the installed jest");
        }
        const jestCompile = executor.compile.bind(executor);
        executor.compile = (source, filename) => {
            const context = executor.environment.getVmContext();
            if (context == null) return jestCompile(source, filename);
            const parameters = executor.injectedModuleParameters.join(", ");
            let entry = scripts.get(filename);
            if (entry?.source !== source || entry.parameters !== parameters) {
                const script = wrappedScript("jest", `(function (${parameters}) {`, source, "\n})", filename);
                // jest's own way where the cache declines: `import()` (jest's dynamic-import hook), a syntax error (jest's report).
                if (script === undefined) return jestCompile(source, filename);
                entry = { source, parameters, script };
                scripts.set(filename, entry);
            }
            return entry.script.runInContext(context);
        };
    }
}

module.exports = CompileOnceRuntime;
