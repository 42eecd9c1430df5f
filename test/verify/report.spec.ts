/** The report (`npm run verify`): table, summary, exit codes, and where it gets the outputs from. */
import { DescribeFlowLogsCommand, DescribeSecurityGroupsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Finding } from "../../tooling/verify/check";
import { runVerify, VerifyDeps } from "../../tooling/verify/cli";
import { deliveryChannelHealthy } from "../../tooling/verify/config";
import { defaultSecurityGroupEmpty, flowLogsActive } from "../../tooling/verify/network";
import { findingsToJUnit, findingsToSarif } from "../../tooling/reports/verify";
import { exitCode, renderReport, summaryLine } from "../../tooling/verify/report";
import { sdkResponse } from "./fixtures";
import { DEV_OUTPUTS, mockedClients, REGION } from "./support";

const finding = (status: Finding["status"], resource = "vpc-1"): Finding => ({
    checkId: "network.flow-logs",
    control: "CIS 3.7 / EC2.6",
    resource,
    status,
    reason: `${status} reason`,
});

describe("exitCode and summary", () => {
    it("is 1 on any failure, 0 when everything that ran passed, 1 when nothing passed", () => {
        expect(exitCode([finding("pass"), finding("fail")])).toBe(1);
        expect(exitCode([finding("pass"), finding("skipped")])).toBe(0);
        expect(exitCode([finding("skipped"), finding("skipped")])).toBe(1);
        expect(summaryLine([finding("pass"), finding("fail"), finding("skipped"), finding("pass")])).toBe(
            "4 findings: 2 passed, 1 failed, 1 skipped",
        );
    });

    it("renders an aligned table of check, control, resource, status, reason, then the summary", () => {
        const lines = renderReport([finding("pass", "fl-0123456789abcdef0"), finding("fail", "fl-1")]).split("\n");
        expect(lines[0]).toMatch(/^check\s+control\s+resource\s+status\s+reason$/);
        expect(lines[2]).toMatch(/^network\.flow-logs\s+CIS 3\.7 \/ EC2\.6\s+fl-0123456789abcdef0\s+PASS\s+pass reason$/);
        expect(lines[3]).toMatch(/\s+fl-1\s+FAIL\s+fail reason$/);
        expect(lines[2].indexOf("PASS")).toBe(lines[0].indexOf("status"));
        expect(lines[3].indexOf("FAIL")).toBe(lines[0].indexOf("status"));
        expect(lines.at(-1)).toBe("2 findings: 1 passed, 1 failed, 0 skipped");
    });
});

/** describe-flow-logs' AWS CLI example as the stack's flow log on its VPC, recording `traffic`. */
const flowLog = (traffic: string) =>
    sdkResponse("ec2/DescribeFlowLogs.cli-example", (b) => {
        b.FlowLogs = [{ ...b.FlowLogs[0], FlowLogId: DEV_OUTPUTS.flowLogId, ResourceId: DEV_OUTPUTS.vpcId, TrafficType: traffic }];
    });

describe("runVerify", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tap-verify-"));
    const file = path.join(dir, "flat-outputs.json");
    writeFileSync(file, JSON.stringify(DEV_OUTPUTS));
    const newMocks = () => mockedClients({ ec2: new EC2Client({ region: REGION }) });
    let mocks: ReturnType<typeof newMocks>;
    let out: string[];
    let err: string[];
    const deps = (env: NodeJS.ProcessEnv, overrides: Partial<VerifyDeps> = {}): VerifyDeps => ({
        env,
        clientsFor: () => mocks.clients,
        stackOutput: () => ({ ok: false, reason: "the Pulumi CLI is not installed here" }),
        print: (t) => out.push(t),
        printError: (t) => err.push(t),
        checks: [flowLogsActive, defaultSecurityGroupEmpty],
        ...overrides,
    });
    beforeEach(() => {
        mocks = newMocks();
        out = [];
        err = [];
        // The AWS CLI examples (test/verify/fixtures/ec2) as the stack's flow log and the VPC's empty default group.
        mocks.ec2.on(DescribeFlowLogsCommand).callsFake(() => flowLog("ALL"));
        mocks.ec2.on(DescribeSecurityGroupsCommand).callsFake(() =>
            sdkResponse("ec2/DescribeSecurityGroups.cli-example", (b) => {
                b.SecurityGroups = [
                    {
                        ...b.SecurityGroups[0],
                        GroupId: "sg-0default000000001",
                        GroupName: "default",
                        VpcId: DEV_OUTPUTS.vpcId,
                        IpPermissions: [],
                        IpPermissionsEgress: [],
                    },
                ];
            }),
        );
    });

    it("exits 0 when every check passes, saying where outputs and region came from", async () => {
        expect(await runVerify(["--stack", "dev"], deps({ TAP_OUTPUTS_FILE: file }))).toBe(0);
        expect(out[0]).toBe(`Verifying stack dev: outputs from ${file}, region us-east-1 (from outputs.region)\n`);
        expect(out[1]).toMatch(/2 findings: 2 passed, 0 failed, 0 skipped$/);
    });

    it("exits 1 on a failed check, whose row names the resource and the reason", async () => {
        mocks.ec2.on(DescribeFlowLogsCommand).callsFake(() => flowLog("ACCEPT"));
        expect(await runVerify([], deps({ TAP_OUTPUTS_FILE: file, AWS_REGION: "us-east-1" }))).toBe(1);
        expect(out[1]).toMatch(/network\.flow-logs\s+CIS 3\.7 \/ EC2\.6\s+fl-0123456789abcdef0\s+FAIL\s+TrafficType ACCEPT, not ALL/);
        expect(out[1]).toMatch(/2 findings: 1 passed, 1 failed, 0 skipped$/);
    });

    it("exits 1 and says so when every check was skipped", async () => {
        const unrelated = path.join(dir, "unrelated.json");
        writeFileSync(unrelated, JSON.stringify({ region: "us-east-1", websiteUrl: "https://example.com" }));
        expect(await runVerify([], deps({ TAP_OUTPUTS_FILE: unrelated }))).toBe(1);
        expect(err.join("\n")).toMatch(/Nothing was verified: every check was skipped/);
    });

    it("exits 2 without an outputs file or the Pulumi CLI, saying how to produce the file for that stack", async () => {
        const cwd = process.cwd();
        process.chdir(dir);
        try {
            expect(await runVerify(["--stack", "dev"], deps({}))).toBe(2);
        } finally {
            process.chdir(cwd);
        }
        expect(err[0]).toMatch(/^No stack outputs file at cfn-outputs\/flat-outputs\.json, and the Pulumi CLI is not installed here\./);
        expect(err[0]).toMatch(/mkdir -p cfn-outputs && pulumi stack output --json --stack dev > cfn-outputs\/flat-outputs\.json/);
        expect(mocks.ec2.calls()).toHaveLength(0);
    });

    it("asks the Pulumi CLI for the stack's outputs when the default file is absent", async () => {
        const stackOutput = jest.fn(() => ({ ok: true as const, json: JSON.stringify(DEV_OUTPUTS) }));
        const cwd = process.cwd();
        process.chdir(dir);
        try {
            expect(await runVerify(["--stack", "prod"], deps({}, { stackOutput }))).toBe(0);
        } finally {
            process.chdir(cwd);
        }
        expect(stackOutput).toHaveBeenCalledWith("prod");
        expect(out[0]).toMatch(/outputs from pulumi stack output --json --stack prod,/);
    });

    it("never substitutes the CLI for a TAP_OUTPUTS_FILE that is missing", async () => {
        const stackOutput = jest.fn(() => ({ ok: true as const, json: "{}" }));
        expect(await runVerify(["--stack", "dev"], deps({ TAP_OUTPUTS_FILE: path.join(dir, "nope.json") }, { stackOutput }))).toBe(2);
        expect(stackOutput).not.toHaveBeenCalled();
        expect(err[0]).toMatch(/No stack outputs file at .*nope\.json/);
    });

    it("exits 2 with the usage on an unknown option", async () => {
        expect(await runVerify(["--stak", "dev"], deps({ TAP_OUTPUTS_FILE: file }))).toBe(2);
        expect(err[0]).toMatch(/usage: npm run verify -- \[--stack <stack>\]/);
    });
});

describe("runVerify: region, regions, settling", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tap-verify-regions-"));
    const SECONDARY = "us-west-2";
    const SECONDARY_OUTPUTS = { vpcId: "vpc-0west0000000000001", flowLogId: "fl-0west000000000001" };
    let out: string[];
    let err: string[];
    beforeEach(() => {
        out = [];
        err = [];
    });
    const write = (name: string, body: object) => {
        const file = path.join(dir, name);
        writeFileSync(file, JSON.stringify(body));
        return file;
    };
    /** A flow-log check answering per region: the flow log of the region it is asked in, ACTIVE or still settling. */
    const perRegion = (settled: (region: string) => boolean) => ({
        id: "network.flow-logs",
        control: "CIS 3.7 / EC2.6",
        proves: "x",
        requires: ["flowLogId"],
        run: async ({ outputs }: { outputs: { string(k: string): string } }) => {
            const region = outputs.string("region");
            return [
                settled(region)
                    ? { resource: outputs.string("flowLogId"), ok: true, reason: `ACTIVE in ${region}` }
                    : { resource: outputs.string("flowLogId"), ok: false, reason: "not delivering yet", settlingMinutes: 10 },
            ];
        },
    });
    const deps = (env: NodeJS.ProcessEnv, overrides: Partial<VerifyDeps> = {}): VerifyDeps => ({
        env,
        clientsFor: jest.fn(() => ({}) as never),
        stackOutput: () => ({ ok: false, reason: "no CLI" }),
        print: (t) => out.push(t),
        printError: (t) => err.push(t),
        checks: [perRegion(() => true)],
        ...overrides,
    });

    it("verifies in the stack's region when AWS_REGION names another, and says it ignored it", async () => {
        const file = write("one.json", DEV_OUTPUTS);
        const d = deps({ TAP_OUTPUTS_FILE: file, AWS_REGION: "eu-central-1" });
        expect(await runVerify([], d)).toBe(0);
        expect(d.clientsFor).toHaveBeenCalledWith(REGION, undefined);
        expect(d.clientsFor).not.toHaveBeenCalledWith("eu-central-1", undefined);
        expect(err[0]).toMatch(/^warning: AWS_REGION=eu-central-1 ignored: checking the stack's region us-east-1/);
    });

    it("verifies where AWS_REGION says only with --region-from-env", async () => {
        const file = write("one.json", DEV_OUTPUTS);
        const d = deps({ TAP_OUTPUTS_FILE: file, AWS_REGION: "eu-central-1" });
        expect(await runVerify(["--region-from-env"], d)).toBe(0);
        expect(d.clientsFor).toHaveBeenCalledWith("eu-central-1", undefined);
        expect(out[0]).toMatch(/region eu-central-1 \(from AWS_REGION\)/);
    });

    it("judges every region of `regions` with its own outputs and its own clients", async () => {
        const file = write("two.json", {
            ...DEV_OUTPUTS,
            regions: { [REGION]: { vpcId: DEV_OUTPUTS.vpcId, flowLogId: DEV_OUTPUTS.flowLogId }, [SECONDARY]: SECONDARY_OUTPUTS },
        });
        const d = deps({ TAP_OUTPUTS_FILE: file });
        expect(await runVerify([], d)).toBe(0);
        expect((d.clientsFor as jest.Mock).mock.calls.map((c) => c[0])).toEqual([REGION, SECONDARY]);
        const table = out.find((t) => t.includes("findings:"))!;
        expect(table).toMatch(
            new RegExp(
                `network\\.flow-logs\\s+CIS 3\\.7 / EC2\\.6\\s+${SECONDARY}\\s+${SECONDARY_OUTPUTS.flowLogId}\\s+PASS\\s+ACTIVE in ${SECONDARY}`,
            ),
        );
        expect(table).toMatch(/2 findings: 2 passed/);
    });

    it("reports what has not settled as PENDING (exit 3), and --wait re-runs only that until it settles", async () => {
        const file = write("two.json", { ...DEV_OUTPUTS, regions: { [REGION]: {}, [SECONDARY]: SECONDARY_OUTPUTS } });
        let rounds = 0;
        const settling = perRegion((region) => region === REGION || rounds >= 2);
        const run = jest.spyOn(settling, "run");
        expect(await runVerify([], deps({ TAP_OUTPUTS_FILE: file }, { checks: [settling] }))).toBe(3);
        expect(out.find((t) => t.includes("findings:"))).toMatch(
            /PENDING\s+not settled yet: not delivering yet \(allow up to 10 min after a deploy; npm run verify -- --wait 10\)/,
        );
        expect(err.at(-1)).toMatch(/^Not settled yet: 1 finding\(s\) still pending; run again with --wait 10\./);

        run.mockClear();
        let clock = 0;
        const sleep = jest.fn(async (ms: number) => {
            clock += ms;
            rounds += 1;
        });
        expect(await runVerify(["--wait", "5"], deps({ TAP_OUTPUTS_FILE: file }, { checks: [settling], now: () => clock, sleep }))).toBe(0);
        expect(sleep).toHaveBeenCalledTimes(2);
        // First round: both regions; then only the pending region's check, twice.
        expect(run).toHaveBeenCalledTimes(4);
        expect(out.filter((t) => t.includes("findings:")).at(-1)).toMatch(/2 findings: 2 passed, 0 failed, 0 skipped$/);
    });

    it("stops waiting when the minutes are up, still PENDING (exit 3)", async () => {
        const file = write("two.json", { ...DEV_OUTPUTS, regions: { [REGION]: {}, [SECONDARY]: SECONDARY_OUTPUTS } });
        let clock = 0;
        const sleep = jest.fn(async (ms: number) => {
            clock += ms;
        });
        expect(
            await runVerify(
                ["--wait", "3"],
                deps({ TAP_OUTPUTS_FILE: file }, { checks: [perRegion((r) => r === REGION)], now: () => clock, sleep }),
            ),
        ).toBe(3);
        expect(sleep).toHaveBeenCalledTimes(3);
        expect(err.at(-1)).toMatch(/still pending after 3 min/);
    });

    it("refuses a --wait that is not a whole number of minutes", async () => {
        const file = write("one.json", DEV_OUTPUTS);
        expect(await runVerify(["--wait", "soon"], deps({ TAP_OUTPUTS_FILE: file }))).toBe(2);
        expect(err[0]).toMatch(/--wait "soon": a whole number of minutes from 1 to 1440/);
    });
});

describe("docs/ci-workflow.example.yml", () => {
    it("verifies straight after `up` with --wait, so what is still settling is waited for, not failed", () => {
        const workflow = readFileSync(path.resolve(__dirname, "../../docs/ci-workflow.example.yml"), "utf8");
        const up = workflow.indexOf("pulumi up");
        const verify = workflow.search(/npm run verify -- .*--wait \d+/);
        expect(up).toBeGreaterThan(0);
        expect(verify).toBeGreaterThan(up);
    });
});

describe("a PENDING finding in the CI reports", () => {
    const pendingFinding: Finding = {
        checkId: "config.delivery-channel",
        control: "CIS 3.3 / Config.1",
        resource: "default",
        status: "pending",
        reason: "not settled yet: no delivery yet",
        waitMinutes: 360,
    };

    it("is a skipped JUnit case saying why (not a pass), and an open SARIF result of level warning", () => {
        const xml = findingsToJUnit([pendingFinding], "dev");
        expect(xml).toMatch(/<skipped message="not settled yet: no delivery yet"/);
        expect(xml).not.toMatch(/<failure/);
        const [result] = findingsToSarif([pendingFinding], [deliveryChannelHealthy], "dev").runs[0].results;
        expect(result).toMatchObject({ kind: "open", level: "warning" });
    });

    it("keeps the run from exiting 0, and the summary counts it", () => {
        expect(exitCode([finding("pass"), pendingFinding])).toBe(3);
        expect(exitCode([finding("fail"), pendingFinding])).toBe(1);
        expect(summaryLine([finding("pass"), pendingFinding])).toBe("2 findings: 1 passed, 0 failed, 0 skipped, 1 pending");
    });
});
