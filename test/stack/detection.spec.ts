/**
 * Continuous detection: Security Hub (hub, standards, waivers, aggregator), IAM Access Analyzer,
 * Inspector, GuardDuty's protection plans, and the findings that reach the alert topic. The whole
 * stack's shared plans where the wiring matters (the findings that reach the topic, outputs, regions); Detection or one
 * of its services planned alone for the rest.
 */
import * as aws from "@pulumi/aws";
import { parseTapConfig } from "../../lib/config";
import { Detection } from "../../lib/detection/detection";
import { ACCESS_ANALYZER_FINDINGS, INSPECTOR_FINDINGS, SECURITY_HUB_FINDINGS } from "../../lib/detection/detection-events";
import { SecurityHub, SecurityHubArgs } from "../../lib/detection/security-hub";
import { DETECTION_SETTINGS } from "../../lib/detection/settings";
import { standardsArn } from "../../lib/detection/security-hub-standards";
import { ThreatDetection, ThreatDetectionArgs } from "../../lib/detection/threat-detection";
import { VulnerabilityScanning } from "../../lib/detection/vulnerability-scanning";
import { renderDetection } from "../../tooling/plan/detection";
import { ofType, one, Plan, planComponent, planTap, policyDocument, TWO_REGIONS } from "../support";

/** A prod stack needs a subscriber on its alert topics (seed 002): the minimal prod config. */
const PROD = { "tap:alarmEmail": "secops@example.com" };

const HUB = "aws:securityhub/account:Account";
const SUBSCRIPTION = "aws:securityhub/standardsSubscription:StandardsSubscription";
const WAIVER = "aws:securityhub/standardsControlAssociation:StandardsControlAssociation";
const FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";

/** Plans one component alone, with its region's provider (tooling/mock-runtime/component.ts): a small fraction of a whole stack. */
const planAlone = (build: (provider: aws.Provider) => unknown): Promise<Plan> => planComponent((s) => build(s.provider));

const hubArgs = (overrides: Partial<SecurityHubArgs>) => (provider: aws.Provider) =>
    new SecurityHub("hub", {
        namePrefix: "tap-t-use1",
        region: "us-east-1",
        createSecurityHub: true,
        enableSecurityHubNist: false,
        securityHubControlWaivers: {},
        provider,
        ...overrides,
    });

const SWITCHES_OFF = {
    guardDutyRuntimeMonitoring: false,
    guardDutyS3Protection: false,
    guardDutyMalwareProtection: false,
    guardDutyRdsProtection: false,
};
const detection = (overrides: Partial<ThreatDetectionArgs>) => (provider: aws.Provider) =>
    new ThreatDetection("td", {
        namePrefix: "tap-t-use1",
        createGuardDutyDetector: true,
        manageAdoptedGuardDutyFeatures: false,
        ...SWITCHES_OFF,
        provider,
        ...overrides,
    });

describe("Detection alone (dev's settings, primary region)", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planComponent(
            (s) =>
                new Detection(`${s.namePrefix}-detection`, {
                    ...s.common,
                    settings: s.settings(DETECTION_SETTINGS),
                    region: s.region,
                    primary: true,
                }),
        );
    });

    it("enables the hub with consolidated control findings and no default standards, then subscribes CIS v3.0.0 and FSBP (CIS 4.16)", () => {
        const hub = one(plan, HUB);
        expect(hub.inputs).toMatchObject({ enableDefaultStandards: false, controlFindingGenerator: "SECURITY_CONTROL" });
        const subscriptions = ofType(plan, SUBSCRIPTION);
        expect(subscriptions.map((s) => s.inputs.standardsArn).sort()).toEqual([
            "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0",
            "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
        ]);
        for (const s of subscriptions) expect(s.dependsOn).toContain(hub.urn);
        expect(ofType(plan, WAIVER)).toEqual([]);
    });

    it("creates an account analyzer (CIS 1.20) and, in dev, no Inspector", () => {
        expect(one(plan, "aws:accessanalyzer/analyzer:Analyzer").inputs).toMatchObject({
            type: "ACCOUNT",
            analyzerName: "tap-dev-use1-access-analyzer",
        });
        expect(ofType(plan, "aws:inspector2/enabler:Enabler")).toEqual([]);
    });
});

describe("Continuous detection in the dev stack: the findings that reach the alert topic, the outputs", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap({}, "dev");
    });

    it("outputs the subscribed standards, no waivers, the analyzer and Inspector off", () => {
        const subscriptions = ofType(plan, SUBSCRIPTION);
        expect(subscriptions).toHaveLength(2);
        expect(plan.outputs.securityHubStandards).toEqual(subscriptions.map((s) => s.inputs.standardsArn));
        expect(plan.outputs.securityHubControlWaivers).toEqual({});
        expect(plan.outputs).toMatchObject({ accessAnalyzerName: "tap-dev-use1-access-analyzer", inspectorEnabled: false });
    });

    it("sends new, active HIGH/CRITICAL Security Hub findings and active Access Analyzer findings to the alert topic, which admits exactly its rules", () => {
        const rules = ofType(plan, "aws:cloudwatch/eventRule:EventRule");
        const pattern = (id: string) => JSON.parse(String(rules.find((r) => r.name.endsWith(`-${id}`))!.inputs.eventPattern));
        expect(pattern(SECURITY_HUB_FINDINGS.id).detail.findings).toEqual({
            ProductName: ["Security Hub"],
            Severity: { Label: ["HIGH", "CRITICAL"] },
            Compliance: { Status: ["FAILED"] },
            Workflow: { Status: ["NEW"] },
            RecordState: ["ACTIVE"],
        });
        expect(pattern(ACCESS_ANALYZER_FINDINGS.id)).toMatchObject({ source: ["aws.access-analyzer"], detail: { status: ["ACTIVE"] } });
        expect(rules.some((r) => r.name.endsWith(`-${INSPECTOR_FINDINGS.id}`))).toBe(false);
        const topic = one(plan, "aws:sns/topic:Topic");
        const targets = ofType(plan, "aws:cloudwatch/eventTarget:EventTarget");
        expect(targets.map((t) => t.inputs.rule).sort()).toEqual(rules.map((r) => r.state.name).sort());
        // Security Hub's through the state machine that acknowledges them (test/stack/monitoring.spec.ts), the others to the topic.
        const acknowledged = (name: unknown) => String(name).endsWith(`-${SECURITY_HUB_FINDINGS.id}`);
        for (const t of targets)
            expect(t.inputs.arn).toBe(
                acknowledged(t.inputs.rule) ? one(plan, "aws:sfn/stateMachine:StateMachine").state.arn : topic.state.arn,
            );
        const admitted = policyDocument(one(plan, "aws:sns/topicPolicy:TopicPolicy").inputs.policy).Statement.find(
            (s) => s.Sid === "FindingRulesOfThisStack",
        )!;
        expect((admitted.Condition as { ArnEquals: Record<string, string[]> }).ArnEquals["aws:SourceArn"].sort()).toEqual(
            rules
                .filter((r) => !acknowledged(r.state.name))
                .map((r) => String(r.state.arn))
                .sort(),
        );
    });

    it("outputs the GuardDuty features as set: Runtime Monitoring off in dev, the others on", () => {
        expect(plan.outputs.guardDutyFeatures).toEqual({
            S3_DATA_EVENTS: "ENABLED",
            EBS_MALWARE_PROTECTION: "ENABLED",
            RDS_LOGIN_EVENTS: "ENABLED",
            LAMBDA_NETWORK_LOGS: "ENABLED",
            RUNTIME_MONITORING: "DISABLED",
        });
    });
});

describe("Continuous detection over two regions", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap(TWO_REGIONS, "dev");
    });

    it("gives each region its hub, subscriptions and analyzer, and aggregates the other region's findings in the primary", () => {
        expect(ofType(plan, HUB).map((h) => h.provider)).toEqual(["aws-us-east-1", "aws-us-west-2"]);
        expect(ofType(plan, "aws:accessanalyzer/analyzer:Analyzer").map((a) => a.provider)).toEqual(["aws-us-east-1", "aws-us-west-2"]);
        for (const s of ofType(plan, SUBSCRIPTION))
            expect(String(s.inputs.standardsArn)).toContain(`:${s.provider!.slice("aws-".length)}::`);
        const aggregator = one(plan, "aws:securityhub/findingAggregator:FindingAggregator");
        expect(aggregator).toMatchObject({
            provider: "aws-us-east-1",
            inputs: { linkingMode: "SPECIFIED_REGIONS", specifiedRegions: ["us-west-2"] },
        });
        expect(aggregator.dependsOn).toContain(ofType(plan, HUB)[0].urn);
    });
});

describe("Security Hub, planned alone", () => {
    it("disables each waived control in each standard it names, with its reason, after that standard's subscription", async () => {
        const waived = {
            "S3.17": { reason: "S3 delivers server access logs to SSE-S3 buckets only", standards: ["nist"] },
            "IAM.6": { reason: "root hardware MFA is held by the organisation, not this stack", standards: ["cis", "fsbp"] },
        } as const;
        const plan = await planAlone(hubArgs({ enableSecurityHubNist: true, securityHubControlWaivers: waived }));
        const waivers = ofType(plan, WAIVER);
        expect(waivers.map((w) => [w.inputs.securityControlId, w.inputs.standardsArn]).sort()).toEqual([
            ["IAM.6", standardsArn("us-east-1", "fsbp")],
            ["IAM.6", standardsArn("us-east-1", "cis")],
            ["S3.17", standardsArn("us-east-1", "nist")],
        ]);
        const subscriptions = ofType(plan, SUBSCRIPTION);
        expect(subscriptions).toHaveLength(3);
        for (const w of waivers) {
            expect(w.inputs).toMatchObject({
                associationStatus: "DISABLED",
                updatedReason: waived[w.inputs.securityControlId as keyof typeof waived].reason,
            });
            expect(w.dependsOn).toEqual([subscriptions.find((s) => s.inputs.standardsArn === w.inputs.standardsArn)!.urn]);
        }
    });

    it("adopts the region's hub: no hub resource, and subscriptions that wait for none", async () => {
        const plan = await planAlone(hubArgs({ createSecurityHub: false }));
        expect(ofType(plan, HUB)).toEqual([]);
        const subscriptions = ofType(plan, SUBSCRIPTION);
        expect(subscriptions).toHaveLength(2);
        for (const s of subscriptions) expect(s.dependsOn).toEqual([]);
    });

    it("refuses a waiver in a standard it does not subscribe to", async () => {
        await expect(
            planAlone(hubArgs({ securityHubControlWaivers: { "S3.17": { reason: "only SSE-S3 for log delivery", standards: ["nist"] } } })),
        ).rejects.toThrow(/S3.17 is waived in nist, which the stack does not subscribe to/);
    });
});

describe("GuardDuty protection plans, planned alone", () => {
    it("sets each feature by its switch; Runtime Monitoring carries EC2 agent management (GuardDuty.11, GuardDuty.13)", async () => {
        const plan = await planAlone(detection({ guardDutyRuntimeMonitoring: true, guardDutyRdsProtection: true }));
        const status = Object.fromEntries(ofType(plan, FEATURE).map((f) => [f.inputs.name, f.inputs.status]));
        expect(status).toEqual({
            S3_DATA_EVENTS: "DISABLED",
            EBS_MALWARE_PROTECTION: "DISABLED",
            RDS_LOGIN_EVENTS: "ENABLED",
            LAMBDA_NETWORK_LOGS: "ENABLED",
            RUNTIME_MONITORING: "ENABLED",
        });
        // Every additional configuration AWS returns, declared (else a perpetual diff): EC2's agent managed, EKS and ECS off.
        expect(one(plan, FEATURE, "runtime-monitoring").inputs.additionalConfigurations).toEqual([
            { name: "EKS_ADDON_MANAGEMENT", status: "DISABLED" },
            { name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "DISABLED" },
            { name: "EC2_AGENT_MANAGEMENT", status: "ENABLED" },
        ]);
    });

    it("leaves an adopted detector's features alone unless told, then sets them on the adopted id", async () => {
        const adopted = { createGuardDutyDetector: false, guardDutyDetectorId: "0123456789abcdef0123456789abcdef" };
        expect(ofType(await planAlone(detection(adopted)), FEATURE)).toEqual([]);
        const managed = ofType(await planAlone(detection({ ...adopted, manageAdoptedGuardDutyFeatures: true })), FEATURE);
        expect(managed.length).toBeGreaterThan(0);
        for (const f of managed) expect(f.inputs.detectorId).toBe(adopted.guardDutyDetectorId);
    });
});

describe("Inspector, planned alone, and the prod defaults", () => {
    it("enables EC2 and ECR scanning for the account (Inspector.1, Inspector.2)", async () => {
        const plan = await planAlone((provider) => new VulnerabilityScanning("vs", { namePrefix: "tap-t-use1", provider }));
        expect(one(plan, "aws:inspector2/enabler:Enabler").inputs).toEqual({ accountIds: ["123456789012"], resourceTypes: ["EC2", "ECR"] });
    });

    it("refuses, before any resource, a waiver without a reason and one in a standard not subscribed, naming each", () => {
        const raw = (waivers: object, nist = "false") => ({
            "tap:securityHubControlWaivers": JSON.stringify(waivers),
            "tap:enableSecurityHubNist": nist,
        });
        expect(() => parseTapConfig(raw({ "IAM.6": { standards: ["cis"] } }), "dev")).toThrow(/IAM\.6 has no reason/);
        const nistWaiver = { "S3.17": { reason: "SSE-S3 only for log delivery", standards: ["nist"] } };
        expect(() => parseTapConfig(raw(nistWaiver), "dev")).toThrow(
            /waives S3\.17 in nist, which the stack does not subscribe to \(cis, fsbp\): set tap:enableSecurityHubNist true/,
        );
        expect(parseTapConfig(raw(nistWaiver, "true"), "dev").securityHubControlWaivers).toEqual(nistWaiver);
    });

    it("turns Inspector and Runtime Monitoring on in prod, off in dev", () => {
        expect(parseTapConfig(PROD, "prod")).toMatchObject({ enableInspector: true, guardDutyRuntimeMonitoring: true });
        expect(parseTapConfig({}, "dev")).toMatchObject({ enableInspector: false, guardDutyRuntimeMonitoring: false });
    });
});

describe("the plan's detection section", () => {
    it("lists the subscribed standards and every waiver with its standards and reason, sorted by control id", () => {
        expect(
            renderDetection({
                enableSecurityHubNist: true,
                securityHubControlWaivers: {
                    "S3.17": { reason: "SSE-S3 only for log delivery", standards: ["nist"] },
                    "IAM.6": { reason: "root MFA held by the organisation", standards: ["cis", "fsbp"] },
                },
            }).split("\n"),
        ).toEqual([
            "Security Hub standards: cis-aws-foundations-benchmark/v/3.0.0, aws-foundational-security-best-practices/v/1.0.0, nist-800-53/v/5.0.0",
            "Waived controls (tap:securityHubControlWaivers):",
            "  IAM.6 in cis, fsbp: root MFA held by the organisation",
            "  S3.17 in nist: SSE-S3 only for log delivery",
        ]);
        expect(renderDetection({ enableSecurityHubNist: false, securityHubControlWaivers: {} })).toMatch(
            /Waived controls \(tap:securityHubControlWaivers\): none$/,
        );
    });
});
