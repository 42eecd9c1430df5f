/**
 * `npm run plan` (dev) ends with the pack's verdict on the planned stack: bin/tap.ts with
 * Pulumi.dev.yaml against tap-security, what a real `pulumi preview --policy-pack policy`
 * would enforce. One plan of the real program per test file (Node caches the program module).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { ComplianceReport, TAP_POLICIES } from "../../lib/policy";
import { mandatoryViolations, NETWORK_POLICIES, statusOf } from "./compliance";

const root = path.resolve(__dirname, "../..");

describe("npm run plan -- --stack dev, against tap-security", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "tap-plan-")), "plan.json");
    const run = spawnSync(process.execPath, [require.resolve("tsx/cli"), "scripts/plan.ts", "--stack", "dev", "--json", file], { cwd: root, encoding: "utf8" });
    const compliance = (JSON.parse(readFileSync(file, "utf8")) as { compliance: ComplianceReport }).compliance;

    it("has no mandatory violation", () => {
        expect(mandatoryViolations(compliance)).toEqual([]);
    });

    it("is examined, not waved through: every network policy finds resources and passes", () => {
        expect(statusOf(compliance, NETWORK_POLICIES)).toEqual(Object.fromEntries(NETWORK_POLICIES.map((name) => [name, "pass"])));
    });

    it("prints the compliance table after the outputs: one row per policy with its control, status and offenders", () => {
        const out = run.stdout;
        expect(out.indexOf("Policy pack tap-security (")).toBeGreaterThan(out.indexOf("Outputs:"));
        expect(out).toMatch(/^ {2}policy +control +status +offending resources$/m);
        expect(out).toMatch(/^ {2}vpc-flow-logs-all-traffic +CIS 3\.7 \/ EC2\.6 +pass$/m);
        for (const p of TAP_POLICIES) expect(out).toMatch(new RegExp(`^  ${p.name} `, "m"));
    });

    it("writes the same verdict into --json and prints it as the summary line", () => {
        expect(compliance.results.map((r) => r.policy)).toEqual(TAP_POLICIES.map((p) => p.name));
        const tally = (status: string) => compliance.results.filter((r) => r.status === status).length;
        expect(run.stdout).toContain(`Compliance: ${tally("pass")} pass, ${tally("fail")} fail, ${tally("warn")} warn, ${tally("n/a")} not applicable; ` +
            `${compliance.mandatoryViolations} mandatory violation(s), ${compliance.advisoryViolations} advisory`);
    });

    it("exits 1 exactly when there is a mandatory violation, after naming each one", () => {
        expect(run.stderr).toBe("");
        expect(run.status).toBe(compliance.mandatoryViolations > 0 ? 1 : 0);
        expect(run.stdout.split("\n").filter((line) => line.startsWith("  FAIL "))).toHaveLength(compliance.mandatoryViolations);
    });
});
