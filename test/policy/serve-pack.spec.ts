/**
 * policy/serve-pack.ts starts the pack's gRPC server when loaded: Pulumi's policy runner loads it as
 * the pack's entry (policy/package.json `main`), and nothing else may. eslint refuses importing it,
 * or the policy/ folder that resolves to it, with a message saying why (eslint.config.mjs); the
 * rules, the plan and the tests import policy/api.ts.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "../..");

const REFUSED: readonly [file: string, code: string][] = [
    ["test/x.spec.ts", 'import "../policy/serve-pack";'],
    ["test/x.spec.ts", 'import "../policy";'],
    ["test/policy/x.spec.ts", 'export * from "../../policy/";'],
    ["tooling/plan/x.ts", 'const pack = require("../../policy/serve-pack.ts"); export { pack };'],
    ["scripts/x.ts", 'export const pack = import("../policy");'],
    ["policy/x.ts", 'import "./serve-pack";'],
    ["lib/x.ts", 'import "../policy/serve-pack";'],
];
const ALLOWED: [file: string, code: string] = [
    "test/x.spec.ts",
    'import { TAP_POLICIES } from "../policy/api";\nimport { PolicyPack } from "@pulumi/policy";\nexport { TAP_POLICIES, PolicyPack };\n',
];

/**
 * The messages eslint gives each piece of code written as its file, through ESLint's Node.js API
 * (`lintText`), in a child process: the API loads eslint.config.mjs by a dynamic import, which jest's
 * module sandbox does not run.
 */
function lint(cases: readonly (readonly [string, string])[]): string[][] {
    const script = `
        const { ESLint } = require("eslint");
        const cases = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
        const eslint = new ESLint({ cwd: process.cwd() });
        Promise.all(cases.map(([file, code]) => eslint.lintText(code, { filePath: require("node:path").resolve(file) })))
            .then((results) => process.stdout.write(JSON.stringify(results.map(([r]) => r.messages.map((m) => m.message)))));`;
    return JSON.parse(
        execFileSync(process.execPath, ["-e", script], { cwd: root, input: JSON.stringify(cases), encoding: "utf8" }),
    ) as string[][];
}

describe("the pack's server entry (policy/serve-pack.ts)", () => {
    it("is what Pulumi's policy runner loads: policy/package.json's main", () => {
        const { main } = JSON.parse(readFileSync(path.join(root, "policy/package.json"), "utf8")) as { main: string };
        expect(main).toBe("serve-pack.ts");
        expect(existsSync(path.join(root, "policy", main))).toBe(true);
    });

    const [allowed, ...refused] = lint([ALLOWED, ...REFUSED]);

    it.each(REFUSED.map(([file, code], i) => [file, code, i] as const))(
        "is refused, with the reason, where %s imports it: %s",
        (_file, _code, i) => {
            expect(refused[i]).toContainEqual(expect.stringContaining("starts the pack's gRPC server when loaded"));
        },
    );

    it("leaves the pack's API and @pulumi/policy importable", () => {
        expect(allowed).toEqual([]);
    });
});
