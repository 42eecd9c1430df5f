/** The plan CLI as a newcomer runs it (`npm run plan`): exit codes, the JSON file, config errors. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");
const plan = (...args: string[]) =>
    spawnSync(process.execPath, [require.resolve("tsx/cli"), "scripts/plan.ts", ...args], { cwd: root, encoding: "utf8" });

describe("scripts/plan.ts", () => {
    it("plans prod offline, prints the tree and writes the same plan as JSON", () => {
        const file = path.join(mkdtempSync(path.join(tmpdir(), "tap-plan-")), "plan.json");
        const run = plan("--stack", "prod", "--json", file);
        expect(run.stderr).toBe("");
        expect(run.status).toBe(0);
        expect(run.stdout).toMatch(/Offline plan of stack "prod"/);
        expect(run.stdout).toMatch(/■ VpcNetwork tap-prod-use1-network/);
        expect(run.stdout).toMatch(/■ SecurityBaseline tap-prod-use1-security/);
        expect(run.stdout).toMatch(/■ Compute tap-prod-use1-compute/);
        expect(run.stdout).toMatch(/s3\.Bucket tap-prod-use1-access-logs .*forceDestroy=false/);
        const json = JSON.parse(readFileSync(file, "utf8"));
        expect(json.stack).toBe("prod");
        expect(json.resources.filter((r: { type: string }) => r.type === "aws:ec2/natGateway:NatGateway")).toHaveLength(3);
        expect(json.outputs.vpcId).toMatch(/^vpc-/);
    });

    it("prints the validation error and exits 1 on bad config, creating nothing", () => {
        const run = plan("--stack", "dev", "--set", "tap:natGatewayStrategy=twoPerAz");
        expect(run.status).toBe(1);
        expect(run.stderr).toMatch(/tap:natGatewayStrategy = "twoPerAz": must be one of: single, onePerAz, none/);
        expect(run.stdout).not.toMatch(/resources to create/);
    });

    it("exits 1 naming the missing stack file", () => {
        const run = plan("--stack", "nosuchstack");
        expect(run.status).toBe(1);
        expect(run.stderr).toMatch(/no stack file Pulumi\.nosuchstack\.yaml/);
    });
});
