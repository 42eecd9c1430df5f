/** The runner: skipped is never passed, a throwing check fails, findings carry id and control; the catalogue and its generated table (docs/checks.md). */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { Check, fail, isRegionalCheck, pass } from "../../tooling/verify/check";
import { ALL_CHECKS, CHECK_AREAS } from "../../tooling/verify/checks";
import { runCheck, runChecks } from "../../tooling/verify/runner";
import { allMockedClients } from "./all-clients";
import { outputs, tierOutputs } from "./support";

const context = () => ({ clients: allMockedClients().clients, outputs: outputs() });
const check = (overrides: Partial<Check>): Check => ({
    id: "test.check",
    control: "CIS 0.0",
    proves: "a property",
    requires: ["vpcId"],
    run: async () => [pass("vpc-1", "fine")],
    ...overrides,
});

describe("runCheck", () => {
    it("skips, without running it, a check whose output is absent, naming the output", async () => {
        const run = jest.fn();
        const result = await runCheck(check({ requires: ["vpcId", "webAclArn"], run }), context());
        expect(result).toEqual([
            {
                checkId: "test.check",
                control: "CIS 0.0",
                resource: "-",
                status: "skipped",
                reason: "skipped: output webAclArn not in this stack",
            },
        ]);
        expect(run).not.toHaveBeenCalled();
    });

    it("turns outcomes into findings with the check's id and control", async () => {
        const result = await runCheck(check({ run: async () => [pass("a", "ok"), fail("b", "bad")] }), context());
        expect(result).toEqual([
            { checkId: "test.check", control: "CIS 0.0", resource: "a", status: "pass", reason: "ok" },
            { checkId: "test.check", control: "CIS 0.0", resource: "b", status: "fail", reason: "bad" },
        ]);
    });

    it("fails a check that throws (access denied, bad output), naming its subject", async () => {
        const denied = Object.assign(
            new Error("User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ec2:DescribeFlowLogs"),
            { name: "UnauthorizedOperation" },
        );
        const result = await runCheck(
            check({
                requires: ["flowLogId"],
                run: async () => {
                    throw denied;
                },
            }),
            context(),
        );
        expect(result).toEqual([
            expect.objectContaining({
                resource: "fl-0123456789abcdef0",
                status: "fail",
                reason: "could not verify: AccessDenied on ec2:DescribeFlowLogs (UnauthorizedOperation: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ec2:DescribeFlowLogs)",
            }),
        ]);
    });

    it("fails, naming the key and value, a check whose output is malformed, even while deciding whether to skip it", async () => {
        const nat = ALL_CHECKS.find((c) => c.id === "network.nat-gateways")!;
        const result = await runCheck(nat, { clients: allMockedClients().clients, outputs: outputs({ natGatewayIds: 42 }) });
        expect(result).toEqual([
            expect.objectContaining({
                status: "fail",
                reason: "could not verify: OutputValueError: output natGatewayIds must be a list of strings, got 42",
            }),
        ]);
    });

    it("fails a check that found nothing to judge rather than passing it", async () => {
        expect(await runCheck(check({ run: async () => [] }), context())).toEqual([
            expect.objectContaining({ status: "fail", reason: "the check found nothing to judge" }),
        ]);
    });
});

describe("the check catalogue", () => {
    it("has one id per check, each <area>.<property> under its own area", () => {
        const ids = ALL_CHECKS.map((c) => c.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const [area, checks] of Object.entries(CHECK_AREAS)) for (const c of checks) expect(c.id.startsWith(`${area}.`)).toBe(true);
    });

    it("runs all checks, in order, every one reporting at least one finding", async () => {
        const result = await runChecks(ALL_CHECKS, { clients: allMockedClients().clients, outputs: outputs({}, ["cloudTrailArn"]) });
        expect([...new Set(result.map((f) => f.checkId))]).toEqual(ALL_CHECKS.map((c) => c.id));
        // Unprogrammed mocks answer undefined: every check must then fail or be skipped, never pass.
        expect(result.filter((f) => f.status === "pass")).toEqual([]);
        expect(result.filter((f) => f.checkId.startsWith("cloudtrail.")).every((f) => f.status === "skipped")).toBe(true);
    });

    it("passes nothing when AWS answers every call with an empty response, but for the unlogged access-log bucket", async () => {
        const mocks = allMockedClients();
        mocks.ec2.onAnyCommand().resolves({});
        mocks.autoScaling.onAnyCommand().resolves({});
        mocks.cloudTrail.onAnyCommand().resolves({});
        mocks.guardDuty.onAnyCommand().resolves({});
        mocks.config.onAnyCommand().resolves({});
        mocks.s3.onAnyCommand().resolves({});
        mocks.kms.onAnyCommand().resolves({});
        mocks.elb.onAnyCommand().resolves({});
        mocks.wafv2.onAnyCommand().resolves({});
        mocks.rds.onAnyCommand().resolves({});
        mocks.budgets.onAnyCommand().resolves({});
        mocks.securityHub.onAnyCommand().resolves({});
        mocks.accessAnalyzer.onAnyCommand().resolves({});
        mocks.inspector2.onAnyCommand().resolves({});
        mocks.ssm.onAnyCommand().resolves({});
        mocks.iam.onAnyCommand().resolves({});
        mocks.backup.onAnyCommand().resolves({});
        mocks.sns.onAnyCommand().resolves({});
        // With the web and data tiers on, every check runs: none is skipped.
        const result = await runChecks(ALL_CHECKS, { clients: mocks.clients, outputs: tierOutputs() });
        expect(result.filter((f) => f.status === "skipped")).toEqual([]);
        expect(result.filter((f) => f.status === "pass").map((f) => [f.checkId, f.resource])).toEqual([
            ["s3.access-logging", outputs().string("accessLogsBucketName")],
        ]);
    });

    it("has an integration test file per area, running that area", () => {
        for (const area of Object.keys(CHECK_AREAS)) {
            const file = path.resolve(__dirname, `../integration/${area}.int.test.ts`);
            expect(readFileSync(file, "utf8")).toContain(`verifyDeployedArea("${area}");`);
        }
    });

    it("docs/checks.md lists the catalogue, row for row: id, control, what a pass proves, where, what may be PENDING", () => {
        const rows = readFileSync(path.resolve(__dirname, "../../docs/checks.md"), "utf8")
            .split("\n")
            .filter((l) => l.startsWith("| `"));
        expect(rows.length).toBeGreaterThan(0);
        expect(rows).toEqual(
            ALL_CHECKS.map(
                (c) =>
                    `| \`${c.id}\` | ${c.control} | ${c.proves} | ${isRegionalCheck(c) ? "each region" : "once"} | ${c.settles ? `${c.settles.what}: up to ${c.settles.minutes} min` : "-"} |`,
            ),
        );
    });

    it("the checks that can report PENDING say what settles and for how long (docs/checks.md)", () => {
        const settling = ALL_CHECKS.filter((c) => c.settles);
        expect(settling.map((c) => c.id).sort()).toEqual([
            "config.delivery-channel",
            "config.recorder",
            "config.rules",
            "detection.access-analyzer",
            "detection.inspector",
            "detection.securityhub-standards",
            "ssm.association-compliance",
            "ssm.instances-managed",
            "ssm.patch-compliance",
        ]);
        for (const c of settling) expect(c.settles!.minutes).toBeGreaterThan(0);
    });
});
