/** The commands as a user runs them: the integration run without outputs, the split from `npm test`, a spec run alone, the verify script. */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { nodeArgsOf } from "../npm-scripts";
import { nonEmpty } from "../plan-queries";

const root = path.resolve(__dirname, "../..");
const jestBin = path.join(root, "node_modules/jest/bin/jest.js");
const missing = path.join(root, "no-such-dir/flat-outputs.json");

interface Run {
    readonly status: number;
    readonly stdout: string;
    readonly stderr: string;
}
const run = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> =>
    new Promise((resolve) => {
        execFile(
            process.execPath,
            args,
            { cwd: root, encoding: "utf8", env: { ...process.env, AWS_REGION: "", ...env } },
            (error, stdout, stderr) => resolve({ status: error ? Number(error.code) : 0, stdout, stderr }),
        );
    });
const listed = (result: Run) =>
    result.stdout
        .split("\n")
        .filter((l) => l.endsWith(".ts"))
        .map((l) => path.relative(root, l))
        .sort();

// Five processes, started together: the run takes as long as the slowest, not their sum.
let integration: Run, integrationList: Run, unitList: Run, specList: Run, verify: Run;
beforeAll(async () => {
    [integration, integrationList, unitList, specList, verify] = await Promise.all([
        run([jestBin, "--config", "jest.integration.config.js"], { TAP_OUTPUTS_FILE: missing }),
        run([jestBin, "--config", "jest.integration.config.js", "--listTests"]),
        run([jestBin, "--config", "jest.config.js", "--listTests"]),
        run([jestBin, "--config", "jest.config.js", "--listTests", "test/verify/network.spec.ts"]),
        run([...nodeArgsOf("verify"), "--stack", "dev"], { TAP_OUTPUTS_FILE: missing }),
    ]);
});

describe("npm run test:integration", () => {
    it("stops at once, failing, with how to produce the outputs file, when there is none", () => {
        expect(integration.status).toBe(1);
        expect(integration.stderr).toContain(`No stack outputs file at ${missing}.`);
        expect(integration.stderr).toContain(`pulumi stack output --json > ${missing}`);
        expect(integration.stderr).not.toMatch(/Tests:/);
    });

    it("runs every area's integration file through test/tap-stack.int.test.ts (seed 000's entry point), which `npm test` never runs", () => {
        expect(listed(integrationList)).toEqual(["test/tap-stack.int.test.ts"]);
        expect(listed(unitList).filter((f) => f.includes(".int.test."))).toEqual([]);
        expect(listed(unitList).filter((f) => f.endsWith(".e2e.ts"))).toEqual([]); // npm run test:e2e only
        expect(listed(unitList)).toContain("test/verify/entrypoints.test.ts");
    });
});

describe("npm test and the verify specs", () => {
    it("runs every file under test/ that declares tests, each as its own test file, found by jest (no file gathers others)", () => {
        // What declares tests: a describe/it/test call at the start of a line (the helpers and fixtures declare none).
        const declaresTests = (file: string) => /^(describe|it|test)(\.each\(.*?\))?\(/m.test(readFileSync(path.join(root, file), "utf8"));
        const files = readdirSync(path.join(root, "test"), { recursive: true, encoding: "utf8" })
            .map((f) => path.join("test", f))
            .filter((f) => f.endsWith(".ts"))
            .sort();
        const testFiles = files.filter(declaresTests);
        const elsewhere = testFiles.filter((f) => f.includes(".int.test.") || f.endsWith(".e2e.ts")); // npm run test:integration, test:e2e
        expect(testFiles.length).toBeGreaterThan(80);
        expect(listed(unitList)).toEqual(testFiles.filter((f) => !elsewhere.includes(f)));
        // No spec is loaded by another file (one jest file a spec: watch mode, coverage and IDEs see each).
        for (const file of nonEmpty(files))
            expect([file, readFileSync(path.join(root, file), "utf8").match(/require\([^)]*\.spec["'`]|from "[^"]*\.spec"/g)]).toEqual([
                file,
                null,
            ]);
    });

    it("runs a spec named on the command line alone (`npx jest test/verify/network.spec.ts`)", () => {
        expect(specList.status).toBe(0);
        expect(listed(specList)).toEqual(["test/verify/network.spec.ts"]);
    });
});

describe("npm run verify", () => {
    it("exits 2 without an outputs file, saying how to produce it", () => {
        expect(verify.status).toBe(2);
        expect(verify.stderr).toContain(`No stack outputs file at ${missing}.`);
        expect(verify.stderr).toContain(`pulumi stack output --json --stack dev > ${missing}`);
    });
});
