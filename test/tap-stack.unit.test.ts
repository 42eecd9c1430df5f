/**
 * Seed 000's unit entry point: its CI runs `npm run build`, `npm run test:unit` and
 * `npm run test:integration`, and names this file and test/tap-stack.int.test.ts. Thin aliases of
 * what exists, no second suite: `npm run test:unit` is `npm test` (jest.config.js: every unit test
 * under test/, the TapStack's on Pulumi's mocks among them: test/stack/*.spec.ts), `npm run build` is
 * `tsc` (the type-check, emitting JavaScript into the gitignored dist/), and `npm run test:integration`
 * selects the `*.int.test.ts` files by pattern (jest.integration.config.js). This file checks the
 * aliases hold, so a seed's CI keeps calling what tap runs.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");
const scripts = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

describe("seed 000's scripts and test entry points", () => {
    it("npm run test:unit is npm test; npm run build is tsc into dist/, which git ignores", () => {
        expect(scripts["test:unit"]).toBe(scripts.test);
        expect(scripts.build).toBe("tsc");
        expect(JSON.parse(readFileSync(path.join(root, "tsconfig.json"), "utf8")).compilerOptions.outDir).toBe("dist");
        expect(readFileSync(path.join(root, ".gitignore"), "utf8").split("\n")).toContain("dist/");
    });

    it("npm run test:integration runs test/tap-stack.int.test.ts, which requires every area's integration file", () => {
        expect(scripts["test:integration"]).toBe("jest --config jest.integration.config.js");
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const config = require(path.join(root, "jest.integration.config.js")) as { testMatch: string[] };
        expect(config.testMatch).toEqual(["**/test/*.int.test.ts"]);
        const areas = readdirSync(path.join(__dirname, "integration")).filter((f) => f.endsWith(".int.test.ts"));
        expect(areas.length).toBeGreaterThan(10);
        expect(readFileSync(path.join(__dirname, "tap-stack.int.test.ts"), "utf8")).toMatch(
            /readdirSync\(dir\)\.filter\(\(f\) => f\.endsWith\("\.int\.test\.ts"\)\)/,
        );
    });
});
