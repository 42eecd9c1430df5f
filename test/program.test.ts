/**
 * The real program as a newcomer runs it: `npm run plan` (bin/tap.ts with Pulumi.<stack>.yaml
 * on the mocks, then the tap-security verdict), as package.json's script runs it. The CLI runs
 * three times, concurrently, once per case; every test reads those runs (`--json` writes the plan
 * and the verdict). Pulumi.prod.yaml's plan, through the same renderers and verdict in process:
 * stack-files/prod.spec.ts.
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Plan } from "../tooling/mock-runtime/harness";
import { ComplianceReport, TAP_POLICIES } from "../policy/api";
import { mandatoryViolations, NETWORK_POLICIES, statusOf } from "./policy/compliance";
import { nodeArgsOf } from "./npm-scripts";
import { ofType, TIER_OUTPUTS } from "./plan-queries";

const root = path.resolve(__dirname, "..");
const dir = mkdtempSync(path.join(tmpdir(), "tap-plan-"));

interface Run {
    readonly status: number;
    readonly stdout: string;
    readonly stderr: string;
}
type PlanJson = Plan & { compliance: ComplianceReport };

function plan(...args: string[]): Promise<Run> {
    return new Promise((resolve) => {
        execFile(process.execPath, [...nodeArgsOf("plan"), ...args], { cwd: root, encoding: "utf8" }, (err, stdout, stderr) => {
            resolve({ status: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
        });
    });
}

const runs: Record<"dev" | "badConfig" | "noStack" | "sharedAccount", Run> = {} as never;
const json: Record<"dev", PlanJson> = {} as never;

beforeAll(async () => {
    [runs.dev, runs.badConfig, runs.noStack, runs.sharedAccount] = await Promise.all([
        plan("--stack", "dev", "--json", path.join(dir, "dev.json"), "--diagram", path.join(dir, "dev.svg")),
        plan("--stack", "dev", "--set", "tap:natGatewayStrategy=twoPerAz"),
        plan("--stack", "nosuchstack"),
        // dev moved into prod's account: the readiness check plans Pulumi.prod.yaml too (docs/first-deploy.md).
        plan("--stack", "dev", "--set", "tap:awsAccount=workloads-prod"),
    ]);
    json.dev = JSON.parse(readFileSync(path.join(dir, "dev.json"), "utf8")) as PlanJson;
}, 60_000);

describe("npm run plan's deploy readiness", () => {
    it("passes the shipped dev stack file (its own account)", () => {
        expect(runs.dev.stdout).toMatch(/^Readiness: 0 finding\(s\)$/m);
    });

    it("with dev in prod's account, plans Pulumi.prod.yaml as well and exits 1 on the singletons both create", () => {
        expect(runs.sharedAccount.status).toBe(1);
        expect(runs.sharedAccount.stdout).toMatch(
            /FAIL account-singleton: Pulumi\.dev\.yaml: Pulumi\.dev\.yaml and Pulumi\.prod\.yaml both manage the GuardDuty detector of account workloads-prod \(us-east-1\)/,
        );
    });
});

describe("npm run plan -- --stack dev", () => {
    it("runs bin/tap.ts with Pulumi.dev.yaml: one NAT gateway over two AZs in us-east-1, single-region trail", () => {
        expect(runs.dev.stdout).toMatch(/Offline plan of stack "dev"/);
        expect(json.dev.outputs).toMatchObject({ region: "us-east-1", environmentSuffix: "dev", cloudTrailMultiRegion: false });
        expect(ofType(json.dev, "aws:ec2/natGateway:NatGateway")).toHaveLength(1);
        expect(ofType(json.dev, "aws:ec2/subnet:Subnet")).toHaveLength(4);
    });

    it("exports every output the integration tests read", () => {
        for (const key of [
            "vpcId",
            "publicSubnetIds",
            "privateSubnetIds",
            "natGatewayIds",
            "flowLogId",
            "kmsKeyArn",
            "kmsKeyId",
            "accessLogsBucketName",
            "instanceRoleArn",
            "autoScalingGroupName",
            "appSecurityGroupId",
            "cloudTrailArn",
            "cloudTrailBucketName",
            "guardDutyDetectorId",
            "configRecorderName",
            "alarmTopicArn",
            "bucketNames",
            "regions",
        ]) {
            expect([key, json.dev.outputs[key]]).toEqual([key, expect.anything()]);
        }
    });

    it("has none of the optional tiers (Pulumi.dev.yaml turns them off), nor their outputs or key grants", () => {
        // AWS Backup's vault is not a tier: every region has one (a copy destination). The app data bucket is on in
        // every profile (tap:enableAppDataBucket), so dev's backup plan selects it, and it alone.
        const tierTypes =
            /^(tap:web:|tap:data:Database|aws:lb\/|aws:wafv2\/|aws:rds\/|aws:cloudfront\/|aws:cloudwatch\/logDelivery|aws:autoscaling\/attachment)/;
        expect(json.dev.resources.filter((r) => tierTypes.test(r.type)).map((r) => r.type)).toEqual([]);
        expect(ofType(json.dev, "aws:backup/selection:Selection").map((s) => s.inputs.resources)).toEqual([
            [`arn:aws:s3:::${String(json.dev.outputs.appDataBucketName)}`],
        ]);
        expect(
            Object.keys(json.dev.outputs).filter((k) => [...TIER_OUTPUTS, "cdnDomainName", "deletionProtection", "dbMultiAz"].includes(k)),
        ).toEqual([]);
        expect(String(ofType(json.dev, "aws:kms/key:Key")[0].inputs.policy)).not.toContain("cloudfront");
        expect(ofType(json.dev, "aws:autoscaling/group:Group")[0].inputs).toMatchObject({
            healthCheckType: "EC2",
            protectFromScaleIn: false,
            forceDelete: false,
        });
    });

    it("prints each resource under its component, with the settings a reviewer checks", () => {
        const tree = runs.dev.stdout.split("\n");
        const line = (text: string) => tree.find((l) => l.includes(text)) ?? "";
        expect(line("+ ec2.Vpc ").indexOf("+")).toBeGreaterThan(line("■ VpcNetwork ").indexOf("■"));
        expect(line("+ ec2.Vpc ")).toContain("cidrBlock=10.0.0.0/16");
        expect(line("+ ec2.FlowLog ")).toContain("trafficType=ALL");
        for (const component of [
            "■ RegionalStack tap-dev-use1-region",
            "■ GlobalBaseline tap-dev-use1-global",
            "■ SecurityBaseline tap-dev-use1-security",
            "■ SecureBucket tap-dev-use1-access-logs",
            "■ Compute tap-dev-use1-compute",
            "■ Monitoring tap-dev-use1-monitoring",
        ]) {
            expect(tree.some((l) => l.trim() === component)).toBe(true);
        }
        expect(line("+ kms.Key ")).toContain("enableKeyRotation=true");
        expect(line("+ ec2.LaunchTemplate ")).toContain("keyName=-");
        expect(line("+ ec2.LaunchTemplate ")).toContain('"httpTokens":"required"');
        expect(line("+ cloudtrail.Trail ")).toMatch(/dependsOn=\[[^\]]*-cloudtrail-policy/);
        expect(line("+ cfg.RecorderStatus ")).toMatch(/dependsOn=\[[^\]]*-config-delivery\]/);
    });

    it("has no mandatory violation of tap-security, and the network policies examine resources and pass", () => {
        expect(mandatoryViolations(json.dev.compliance)).toEqual([]);
        expect(statusOf(json.dev.compliance, NETWORK_POLICIES)).toEqual(Object.fromEntries(NETWORK_POLICIES.map((name) => [name, "pass"])));
    });

    it("prints the compliance table after the outputs: one row per policy with its control, status and offenders", () => {
        const out = runs.dev.stdout;
        expect(out.indexOf("Policy pack tap-security (")).toBeGreaterThan(out.indexOf("Outputs:"));
        expect(out).toMatch(/^ {2}policy +control +status +offending resources$/m);
        expect(out).toMatch(/^ {2}vpc-flow-logs-all-traffic +CIS 3\.7 \/ EC2\.6 +pass$/m);
        for (const p of TAP_POLICIES) expect(out).toMatch(new RegExp(`^  ${p.name} `, "m"));
    });

    it("writes the same verdict into --json and prints it as the summary line", () => {
        const compliance = json.dev.compliance;
        expect(compliance.results.map((r) => r.policy)).toEqual(TAP_POLICIES.map((p) => p.name));
        const tally = (status: string) => compliance.results.filter((r) => r.status === status).length;
        expect(runs.dev.stdout).toContain(
            `Compliance: ${tally("pass")} pass, ${tally("fail")} fail, ${tally("warn")} warn, ${tally("n/a")} not applicable; ` +
                `${compliance.mandatoryViolations} mandatory violation(s), ${compliance.advisoryViolations} advisory`,
        );
    });

    it("draws the architecture diagram of docs/diagrams/dev.svg with --diagram", () => {
        expect(runs.dev.stdout).toContain(`Wrote the architecture diagram to ${path.join(dir, "dev.svg")}`);
        expect(readFileSync(path.join(dir, "dev.svg"), "utf8")).toBe(readFileSync(path.join(root, "docs", "diagrams", "dev.svg"), "utf8"));
    });

    it("counts protected (🔒) and retained (⚓) resources: dev protects none and keeps the account-wide settings", () => {
        expect(runs.dev.stdout).toContain("🔒 protected: 0, ⚓ retained on delete: 3 (of ");
    });

    it("exits 0 with nothing on stderr", () => {
        expect(runs.dev.stderr).toBe("");
        expect(runs.dev.status).toBe(0);
    });
});

describe("npm run plan on bad input", () => {
    it("prints the validation error and exits 1 on bad config, creating nothing", () => {
        expect(runs.badConfig.status).toBe(1);
        expect(runs.badConfig.stderr).toMatch(/tap:natGatewayStrategy = "twoPerAz": must be one of: single, onePerAz, none/);
        expect(runs.badConfig.stdout).not.toMatch(/resources to create/);
    });

    it("exits 1 naming the missing stack file", () => {
        expect(runs.noStack.status).toBe(1);
        expect(runs.noStack.stderr).toMatch(/no stack file Pulumi\.nosuchstack\.yaml/);
    });
});

describe("npm run plan through a pipe that is read slowly (npm run plan | less)", () => {
    it("exits only once the whole output is out: nothing cut at the pipe's 64 KB", () => {
        // What scripts/plan.ts ends with (compiled, as `npm run plan` runs it), after 200 KB on stdout, into a pipe read 0.3 s late.
        const script = "process.stdout.write('x'.repeat(200000)); require('./dist/tooling/plan/exit.js').exitAfterOutput(0);";
        const piped = spawnSync("bash", ["-c", `"$0" -e "$1" | (sleep 0.3; wc -c)`, process.execPath, script], {
            cwd: root,
            encoding: "utf8",
        });
        expect(piped.stdout.trim()).toBe("200000");
    });
});
