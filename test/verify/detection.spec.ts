/**
 * Continuous detection checks against Security Hub, Access Analyzer, Inspector and GuardDuty
 * answers; Security Hub's, Access Analyzer's and GuardDuty's start from the ones AWS documents
 * (test/verify/fixtures: the AWS CLI examples). Inspector's BatchGetAccountStatus has no documented
 * example response: its answers follow the API reference's response syntax.
 */
import { AccessAnalyzerClient, AnalyzerSummary, ListAnalyzersCommand } from "@aws-sdk/client-accessanalyzer";
import { GetDetectorCommand, GuardDutyClient } from "@aws-sdk/client-guardduty";
import { BatchGetAccountStatusCommand, Inspector2Client } from "@aws-sdk/client-inspector2";
import {
    BatchGetStandardsControlAssociationsCommand,
    DescribeHubCommand,
    GetEnabledStandardsCommand,
    ListSecurityControlDefinitionsCommand,
    SecurityHubClient,
    StandardsSubscription,
} from "@aws-sdk/client-securityhub";
import fc from "fast-check";
import { parseControlWaivers, standardsArn } from "../../lib/detection/security-hub-standards";
import {
    accessAnalyzerActive,
    BATCH,
    controlsAsWaived,
    guardDutyFeaturesAsConfigured,
    inspectorScanning,
    securityHubStandards,
} from "../../tooling/verify/detection";
import { sdkResponse } from "./fixtures";
import { ACCOUNT, DEV_OUTPUTS, findings, mockedClients, outputs, REGION } from "./support";

const CIS = standardsArn(REGION, "cis");
const FSBP = standardsArn(REGION, "fsbp");
const WAIVERS = { "IAM.6": { reason: "root hardware MFA is held by the organisation", standards: ["cis", "fsbp"] } };
const DETECTION_OUTPUTS = {
    securityHubStandards: [CIS, FSBP],
    securityHubControlWaivers: WAIVERS,
    accessAnalyzerName: "tap-dev-use1-access-analyzer",
    inspectorEnabled: true,
    guardDutyFeatures: { S3_DATA_EVENTS: "ENABLED", RUNTIME_MONITORING: "ENABLED" },
};
const detectionOutputs = (overrides: Record<string, unknown> = {}, without: string[] = []) =>
    outputs({ ...DETECTION_OUTPUTS, ...overrides }, without);

/** The documented answers (AWS CLI examples), read once. */
const documented = {} as {
    hub: Record<string, unknown>;
    subscription: StandardsSubscription;
    analyzer: AnalyzerSummary;
    detector: Record<string, unknown>;
};
beforeAll(async () => {
    documented.hub = await sdkResponse("securityHub/DescribeHub.cli-example");
    documented.subscription = (
        await sdkResponse<{ StandardsSubscriptions: StandardsSubscription[] }>("securityHub/GetEnabledStandards.cli-example")
    ).StandardsSubscriptions[0];
    documented.analyzer = (await sdkResponse<{ analyzers: AnalyzerSummary[] }>("accessAnalyzer/ListAnalyzers.cli-example")).analyzers[1];
    documented.detector = await sdkResponse("guardDuty/GetDetector.cli-example");
});
/** The documented subscription (PCI DSS, READY) as a subscription to `arn`. */
const subscription = (arn: string, StandardsStatus: StandardsSubscription["StandardsStatus"]): StandardsSubscription => ({
    ...documented.subscription,
    StandardsArn: arn,
    StandardsSubscriptionArn: `${arn}/subscription`,
    StandardsStatus,
});

const newMocks = () =>
    mockedClients({
        securityHub: new SecurityHubClient({ region: REGION }),
        accessAnalyzer: new AccessAnalyzerClient({ region: REGION }),
        inspector2: new Inspector2Client({ region: REGION }),
        guardDuty: new GuardDutyClient({ region: REGION }),
    });
let mocks: ReturnType<typeof newMocks>;
beforeEach(() => {
    mocks = newMocks();
});

/** A standard with `ids` controls, `disabled` of them DISABLED. */
function standardHolds(arn: string, ids: string[], disabled: string[]) {
    mocks.securityHub.on(ListSecurityControlDefinitionsCommand, { StandardsArn: arn }).resolves({
        SecurityControlDefinitions: ids.map((SecurityControlId) => ({
            SecurityControlId,
            Title: SecurityControlId,
            Description: "",
            RemediationUrl: "",
            SeverityRating: "HIGH",
            CurrentRegionAvailability: "AVAILABLE",
        })),
    });
    return ids.map((id) => ({ id, arn, status: disabled.includes(id) ? ("DISABLED" as const) : ("ENABLED" as const) }));
}
function answerAssociations(all: { id: string; arn: string; status: "DISABLED" | "ENABLED" }[]) {
    mocks.securityHub
        .on(BatchGetStandardsControlAssociationsCommand)
        .callsFake((input: { StandardsControlAssociationIds: { SecurityControlId: string; StandardsArn: string }[] }) => ({
            StandardsControlAssociationDetails: input.StandardsControlAssociationIds.map(({ SecurityControlId, StandardsArn }) => {
                const a = all.find((x) => x.id === SecurityControlId && x.arn === StandardsArn)!;
                return {
                    SecurityControlId,
                    StandardsArn,
                    SecurityControlArn: `arn:aws:securityhub:${REGION}:${ACCOUNT}:security-control/${SecurityControlId}`,
                    AssociationStatus: a.status,
                    UpdatedReason: a.status === "DISABLED" ? "clicked in the console" : undefined,
                };
            }),
        }));
}

describe("detection.securityhub-standards (CIS 4.16)", () => {
    it("passes a consolidated hub whose standards are READY, reports one still PENDING as not settled, and fails one missing", async () => {
        mocks.securityHub
            .on(DescribeHubCommand)
            .resolves({ ...documented.hub, HubArn: `arn:aws:securityhub:${REGION}:${ACCOUNT}:hub/default` });
        mocks.securityHub.on(GetEnabledStandardsCommand).resolves({ StandardsSubscriptions: [subscription(CIS, "READY")] });
        const got = await findings(securityHubStandards, mocks, detectionOutputs());
        expect(got.map((f) => [f.resource, f.status])).toEqual([
            [`arn:aws:securityhub:${REGION}:${ACCOUNT}:hub/default`, "pass"],
            [CIS, "pass"],
            [FSBP, "fail"],
        ]);
        mocks.securityHub
            .on(GetEnabledStandardsCommand)
            .resolves({ StandardsSubscriptions: [subscription(CIS, "PENDING"), subscription(FSBP, "READY")] });
        expect((await findings(securityHubStandards, mocks, detectionOutputs())).find((f) => f.resource === CIS)).toMatchObject({
            status: "pending",
            waitMinutes: 30,
            reason: expect.stringMatching(/^not settled yet: standard status PENDING/),
        });
    });

    it("fails a hub generating findings per standard (waivers by control id would not apply)", async () => {
        mocks.securityHub
            .on(DescribeHubCommand)
            .resolves({ ...documented.hub, HubArn: "hub", ControlFindingGenerator: "STANDARD_CONTROL" });
        mocks.securityHub.on(GetEnabledStandardsCommand).resolves({ StandardsSubscriptions: [] });
        expect((await findings(securityHubStandards, mocks, detectionOutputs()))[0]).toMatchObject({ resource: "hub", status: "fail" });
    });
});

describe("detection.securityhub-waivers", () => {
    it("passes each waived control DISABLED with its reason, and fails a control disabled outside the list, by id", async () => {
        answerAssociations([
            ...standardHolds(CIS, ["IAM.6", "CloudTrail.7", "S3.5"], ["IAM.6", "CloudTrail.7"]),
            ...standardHolds(FSBP, ["IAM.6", "S3.5"], ["IAM.6"]),
        ]);
        const got = await findings(controlsAsWaived, mocks, detectionOutputs());
        expect(got.map((f) => [f.resource, f.status])).toEqual([
            ["IAM.6 in cis", "pass"],
            ["CloudTrail.7 in cis", "fail"],
            ["IAM.6 in fsbp", "pass"],
        ]);
        expect(got[0].reason).toBe("DISABLED as waived: root hardware MFA is held by the organisation");
        expect(got[1].reason).toMatch(/^DISABLED but not waived \(reason given in Security Hub: clicked in the console\)/);
    });

    it("fails a waived control that is still ENABLED, and reads every control of a standard across batches", async () => {
        const many = Array.from({ length: BATCH * 2 + 3 }, (_, i) => `EC2.${i + 1}`);
        answerAssociations([...standardHolds(CIS, ["IAM.6"], []), ...standardHolds(FSBP, ["IAM.6", ...many], [many[BATCH * 2 + 1]])]);
        const got = await findings(controlsAsWaived, mocks, detectionOutputs());
        expect(
            got
                .filter((f) => f.status === "fail")
                .map((f) => f.resource)
                .sort(),
        ).toEqual([`${many[BATCH * 2 + 1]} in fsbp`, "IAM.6 in cis", "IAM.6 in fsbp"]);
        expect(mocks.securityHub.commandCalls(BatchGetStandardsControlAssociationsCommand)).toHaveLength(1 + 3);
    });

    it("is skipped for a stack without detection outputs", async () => {
        expect(await findings(controlsAsWaived, mocks, outputs({}, ["securityHubStandards", "securityHubControlWaivers"]))).toEqual([
            expect.objectContaining({ status: "skipped" }),
        ]);
    });
});

describe("detection.access-analyzer (CIS 1.20)", () => {
    /** The documented analyzer (ConsoleAnalyzer-organization, ACTIVE) as an ACCOUNT analyzer named `name`. */
    const analyzer = (name: string, status: "ACTIVE" | "FAILED" | "CREATING"): AnalyzerSummary => ({
        ...documented.analyzer,
        arn: `arn:aws:access-analyzer:${REGION}:${ACCOUNT}:analyzer/${name}`,
        name,
        type: "ACCOUNT",
        status,
    });
    it("passes the stack's ACTIVE analyzer and fails when it is absent or FAILED", async () => {
        mocks.accessAnalyzer
            .on(ListAnalyzersCommand, { type: "ACCOUNT" })
            .resolves({ analyzers: [analyzer("tap-dev-use1-access-analyzer", "ACTIVE")] });
        mocks.accessAnalyzer.on(ListAnalyzersCommand, { type: "ORGANIZATION" }).resolves({ analyzers: [] });
        expect(await findings(accessAnalyzerActive, mocks, detectionOutputs())).toEqual([
            expect.objectContaining({ status: "pass", resource: "tap-dev-use1-access-analyzer" }),
        ]);
        mocks.accessAnalyzer.on(ListAnalyzersCommand, { type: "ACCOUNT" }).resolves({ analyzers: [analyzer("someone-elses", "ACTIVE")] });
        expect((await findings(accessAnalyzerActive, mocks, detectionOutputs()))[0].status).toBe("fail");
        // Adopted (no accessAnalyzerName output): any ACTIVE account analyzer of the region.
        expect((await findings(accessAnalyzerActive, mocks, detectionOutputs({}, ["accessAnalyzerName"])))[0]).toMatchObject({
            status: "pass",
            reason: "ACCOUNT analyzer ACTIVE (adopted)",
        });
        mocks.accessAnalyzer
            .on(ListAnalyzersCommand, { type: "ACCOUNT" })
            .resolves({ analyzers: [analyzer("tap-dev-use1-access-analyzer", "FAILED")] });
        expect((await findings(accessAnalyzerActive, mocks, detectionOutputs()))[0].status).toBe("fail");
    });
});

describe("detection.access-analyzer right after a deploy", () => {
    it("reports the stack's analyzer still CREATING as PENDING, not failed", async () => {
        const creating: AnalyzerSummary = {
            ...documented.analyzer,
            arn: `arn:aws:access-analyzer:${REGION}:${ACCOUNT}:analyzer/tap-dev-use1-access-analyzer`,
            name: "tap-dev-use1-access-analyzer",
            type: "ACCOUNT",
            status: "CREATING",
        };
        mocks.accessAnalyzer.on(ListAnalyzersCommand, { type: "ACCOUNT" }).resolves({ analyzers: [creating] });
        mocks.accessAnalyzer.on(ListAnalyzersCommand, { type: "ORGANIZATION" }).resolves({ analyzers: [] });
        expect(await findings(accessAnalyzerActive, mocks, detectionOutputs())).toEqual([
            expect.objectContaining({ status: "pending", reason: expect.stringMatching(/^not settled yet: ACCOUNT analyzer CREATING/) }),
        ]);
    });
});

describe("detection.inspector (Inspector.1)", () => {
    const status = (ec2: "ENABLED" | "DISABLED") => ({
        accounts: [
            {
                accountId: ACCOUNT,
                state: { status: ec2, errorCode: undefined, errorMessage: undefined },
                resourceState: {
                    ec2: { status: ec2, errorCode: undefined, errorMessage: undefined },
                    ecr: { status: "ENABLED" as const, errorCode: undefined, errorMessage: undefined },
                },
            },
        ],
        failedAccounts: [],
    });
    it("passes EC2 scanning ENABLED; fails it DISABLED when the stack turns Inspector on, passes it as chosen when off", async () => {
        mocks.inspector2.on(BatchGetAccountStatusCommand).resolves(status("ENABLED") as never);
        expect((await findings(inspectorScanning, mocks, detectionOutputs()))[0]).toMatchObject({
            status: "pass",
            reason: "EC2 scanning ENABLED, ECR ENABLED",
        });
        mocks.inspector2.on(BatchGetAccountStatusCommand).resolves(status("DISABLED") as never);
        expect((await findings(inspectorScanning, mocks, detectionOutputs()))[0].status).toBe("fail");
        expect((await findings(inspectorScanning, mocks, detectionOutputs({ inspectorEnabled: false })))[0].status).toBe("pass");
    });
});

describe("detection.guardduty-features", () => {
    /** The documented detector with the features GetDetector lists (DetectorFeatureConfigurationResult, GuardDuty API Reference). */
    const detector = (runtime: "ENABLED" | "DISABLED", agent: "ENABLED" | "DISABLED") => ({
        ...documented.detector,
        Features: [
            { Name: "S3_DATA_EVENTS" as const, Status: "ENABLED" as const },
            {
                Name: "RUNTIME_MONITORING" as const,
                Status: runtime,
                AdditionalConfiguration: [{ Name: "EC2_AGENT_MANAGEMENT" as const, Status: agent }],
            },
        ],
    });
    it("passes features as set, fails a feature off that the stack set on, and Runtime Monitoring without the EC2 agent", async () => {
        mocks.guardDuty.on(GetDetectorCommand).resolves(detector("ENABLED", "ENABLED"));
        expect((await findings(guardDutyFeaturesAsConfigured, mocks, detectionOutputs())).map((f) => f.status)).toEqual(["pass", "pass"]);
        mocks.guardDuty.on(GetDetectorCommand).resolves(detector("ENABLED", "DISABLED"));
        expect((await findings(guardDutyFeaturesAsConfigured, mocks, detectionOutputs()))[1]).toMatchObject({
            resource: `${DEV_OUTPUTS.guardDutyDetectorId} RUNTIME_MONITORING`,
            status: "fail",
        });
        mocks.guardDuty.on(GetDetectorCommand).resolves(detector("DISABLED", "DISABLED"));
        expect((await findings(guardDutyFeaturesAsConfigured, mocks, detectionOutputs()))[1].reason).toMatch(
            /^DISABLED, the stack set ENABLED/,
        );
    });

    it("is skipped for an adopted detector whose features the stack leaves alone (no guardDutyFeatures output)", async () => {
        expect(await findings(guardDutyFeaturesAsConfigured, mocks, detectionOutputs({}, ["guardDutyFeatures"]))).toEqual([
            expect.objectContaining({ status: "skipped" }),
        ]);
    });
});

describe("waivers in their JSON form", () => {
    it("a waiver without a reason (or with too short a one) is a problem naming its control id", () => {
        const id = fc.constantFrom("S3.17", "EC2.6", "CloudTrail.7");
        fc.assert(
            fc.property(id, fc.constantFrom(undefined, "", "   ", "n/a", 42), (control, reason) => {
                const { problems } = parseControlWaivers({ [control]: { reason, standards: ["fsbp"] } });
                expect(problems).toEqual([expect.stringMatching(new RegExp(`^${control.replace(".", "\\.")} has no reason`))]);
            }),
        );
    });

    it("any well-formed waiver list reads back as given", () => {
        const waiver = fc.record({
            reason: fc.string({ minLength: 10, maxLength: 80 }).filter((r) => r.trim() === r && r.length >= 10),
            standards: fc.uniqueArray(fc.constantFrom("cis", "fsbp", "nist"), { minLength: 1 }),
        });
        fc.assert(
            fc.property(fc.dictionary(fc.constantFrom("S3.17", "IAM.6", "EC2.8", "KMS.4"), waiver), (given) => {
                expect(parseControlWaivers(JSON.parse(JSON.stringify(given)))).toEqual({ waivers: given, problems: [] });
            }),
        );
    });

    it("refuses an unknown control id or standard, naming them", () => {
        expect(parseControlWaivers({ "s3-17": { reason: "a long enough reason", standards: ["pci"] } }).problems).toEqual([
            '"s3-17" is not a Security Hub control id (e.g. S3.17, EC2.6)',
            's3-17: "standards" must list the standards to disable it in, from cis, fsbp, nist (not "pci")',
        ]);
    });
});

describe("detection.securityhub-waivers: a partial batch answer (documented response: test/verify/fixtures/securityHub)", () => {
    it("fails as unverified when Security Hub leaves a control association unprocessed, instead of reading it as absent", async () => {
        const FSBP_US_EAST_1 = "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0";
        standardHolds(FSBP_US_EAST_1, ["Config.1", "IAM.6"], []);
        mocks.securityHub
            .on(BatchGetStandardsControlAssociationsCommand)
            .resolves(await sdkResponse("securityHub/BatchGetStandardsControlAssociations.unprocessed"));
        const got = await findings(
            controlsAsWaived,
            mocks,
            detectionOutputs({ securityHubStandards: [FSBP_US_EAST_1], securityHubControlWaivers: {} }),
        );
        expect(got).toEqual([
            expect.objectContaining({
                status: "fail",
                reason: expect.stringMatching(
                    /^could not verify: Error: Security Hub could not read 1 control association\(s\) of .*aws-foundational-security-best-practices.* \(first: IAM\.6 LIMIT_EXCEEDED: Rate exceeded\)$/,
                ),
            }),
        ]);
    });
});
