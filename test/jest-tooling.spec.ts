/**
 * How jest runs these tests (tooling/jest): the transform-cache key that stands in for ts-jest's
 * must change with everything that changes ts-jest's output, or a test would run stale code.
 */
import * as path from "node:path";

/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS tooling, as jest.config.js loads it */
const { createTransformer } = require("../tooling/jest/transform.cjs") as {
    createTransformer(options?: object): { getCacheKey(source: string, file: string, options: object): string };
};
/* eslint-enable @typescript-eslint/no-require-imports */

const root = path.resolve(__dirname, "..");
const jestOptions = (configString = "{}") => ({ config: { rootDir: root }, configString, instrument: false });
const key = (source: string, file = "lib/naming.ts", options: object = { diagnostics: false }, configString?: string) =>
    createTransformer(options).getCacheKey(source, path.join(root, file), jestOptions(configString));

describe("the transform-cache key of tooling/jest/transform.cjs", () => {
    it("is the same for the same file, source, options and jest config", () => {
        expect(key("export const a = 1;")).toBe(key("export const a = 1;"));
    });

    it("changes with the source (also at the same length), the file, the transformer's options and jest's config", () => {
        const base = key("export const a = 1;");
        const variants = [
            key("export const a = 2;"),
            key("export const a = 1;", "lib/program.ts"),
            key("export const a = 1;", "lib/naming.ts", { diagnostics: true }),
            key("export const a = 1;", "lib/naming.ts", { diagnostics: false }, '{"other":1}'),
        ];
        expect(new Set([base, ...variants]).size).toBe(1 + variants.length);
    });
});
