/**
 * ts-jest (jest.config.js `transform`), loaded only when jest's cache has no transform of a file.
 *
 * jest asks the transformer for each file's cache key before it reads the cache. ts-jest loads
 * itself and TypeScript to answer, about 0.2 s in every test worker, although the cache nearly
 * always holds the file. tsconfig.json sets isolatedModules, so ts-jest transpiles each file on
 * its own. Its output then depends only on the source, the file's path, tsconfig.json, the options
 * below and the versions of ts-jest and TypeScript. The key is made of exactly those, with
 * @jest/create-cache-key-function (babel-jest's way). ts-jest loads on the first file the cache
 * does not hold, and transforms it as before.
 */
"use strict";
const path = require("node:path");
const createCacheKey = require("@jest/create-cache-key-function").default;

const ROOT = path.resolve(__dirname, "..", "..");
const TSCONFIG = path.join(ROOT, "tsconfig.json");
const version = (pkg) => require(`${pkg}/package.json`).version;

// Without isolatedModules ts-jest compiles a file with its imports' types (a const enum, say): the
// key below would then miss a change in another file.
if (require(TSCONFIG).compilerOptions?.isolatedModules !== true) {
    throw new Error("tooling/jest/transform.cjs keys a file's transform by that file alone, which holds only with isolatedModules: set it in tsconfig.json, or give jest.config.js ts-jest itself");
}

module.exports = {
    createTransformer(options = {}) {
        let tsJest;
        const transformer = () => (tsJest ??= require("ts-jest").default.createTransformer(options));
        return {
            getCacheKey: createCacheKey([TSCONFIG, __filename], [version("ts-jest"), version("typescript"), JSON.stringify(options)]),
            process: (source, filename, transformOptions) => transformer().process(source, filename, transformOptions),
        };
    },
};
