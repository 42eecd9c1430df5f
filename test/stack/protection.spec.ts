/**
 * Nothing lost to a wrong command (tap:protectStatefulResources, tap:retainAuditLogs): prod
 * protects every resource of a stateful type and keeps the audit evidence on delete; dev protects
 * nothing and keeps only the account-wide settings. Every type the program creates is classified
 * in lib/protection.ts, so a new stateful type cannot slip in unprotected.
 */
import { RESOURCE_STATE, isStateful, STATEFUL_TYPES } from "../../lib/protection";
import { stackKeyPolicy } from "../../lib/security/key-policy";
import { evaluatePolicies } from "../../policy/api";
import { ALL_TIERS, DATA_AND_CDN, Plan, PlannedResource, planTap, referencePlan, TWO_REGIONS, VARIANT_CONFIG } from "../support";

/** The account/region-wide settings, retained in every profile (tearing one stack down must not switch them off). */
const ACCOUNT_WIDE = ["aws:ebs/encryptionByDefault:EncryptionByDefault", "aws:iam/accountPasswordPolicy:AccountPasswordPolicy"];
/** The audit-log buckets' SecureBucket components, by logical-name suffix. */
const AUDIT_BUCKETS = /-(access-logs|cloudtrail|config)$/;

const managed = (plan: Plan) => plan.resources.filter((r) => r.custom);
const names = (resources: readonly PlannedResource[]) => resources.map((r) => r.name).sort();

/** The resources below (and including) the audit-log buckets' SecureBucket components. */
function auditEvidence(plan: Plan): PlannedResource[] {
    const components = new Set(plan.resources.filter((r) => r.type === "tap:security:SecureBucket" && AUDIT_BUCKETS.test(r.name)).map((r) => r.urn));
    return managed(plan).filter((r) => r.parent !== undefined && components.has(r.parent));
}

describe("protected stateful resources", () => {
    const devConfigs: Record<string, Record<string, string>> = { default: {}, ALL_TIERS, DATA_AND_CDN, TWO_REGIONS, VARIANT_CONFIG };
    const dev: Array<[string, Plan]> = [];
    const prod: Array<[string, Plan]> = [];
    beforeAll(async () => {
        // One after the other: the mock runtime runs one program at a time (the plans are shared with the other specs).
        for (const [label, raw] of Object.entries(devConfigs)) dev.push([label, await planTap(raw, "dev")]);
        for (const file of ["prod.txt", "prod-two-regions.txt"]) prod.push([file, await referencePlan(file)]);
    });

    it("classifies every resource type the program creates as stateful or stateless (a new type must be classified)", () => {
        const types = new Set([...dev, ...prod].flatMap(([, plan]) => managed(plan).map((r) => r.type)));
        expect(types.size).toBeGreaterThan(40);
        expect([...types].filter((t) => isStateful(t) === undefined)).toEqual([]);
        // The table states what a delete loses for each stateful type.
        for (const type of STATEFUL_TYPES) {
            const c = RESOURCE_STATE[type];
            expect([type, c.state === "stateful" && c.loses.length > 10]).toEqual([type, true]);
        }
    });

    it("dev protects nothing and retains only the account-wide settings", () => {
        for (const [label, plan] of dev) {
            expect([label, names(managed(plan).filter((r) => r.protect))]).toEqual([label, []]);
            const retained = managed(plan).filter((r) => r.retainOnDelete);
            expect([label, [...new Set(retained.map((r) => r.type))].every((t) => ACCOUNT_WIDE.includes(t))]).toEqual([label, true]);
        }
        // The default dev plan manages both account-wide settings (VARIANT_CONFIG turns them off).
        expect(managed(dev[0][1]).filter((r) => r.retainOnDelete).map((r) => r.type).sort()).toEqual([...ACCOUNT_WIDE].sort());
    });

    it("prod protects exactly the resources of stateful types: keys, buckets, trail, log groups, detector, database and its groups, hub, analyzer, Inspector", () => {
        for (const [file, plan] of prod) {
            const stateful = managed(plan).filter((r) => isStateful(r.type));
            expect([file, [...new Set(stateful.map((r) => r.type))].sort()]).toEqual([file, [
                "aws:accessanalyzer/analyzer:Analyzer", "aws:backup/vault:Vault", "aws:cloudtrail/trail:Trail", "aws:cloudwatch/logGroup:LogGroup",
                "aws:guardduty/detector:Detector", "aws:inspector2/enabler:Enabler", "aws:kms/key:Key", "aws:rds/instance:Instance",
                "aws:rds/parameterGroup:ParameterGroup", "aws:rds/subnetGroup:SubnetGroup", "aws:s3/bucket:Bucket", "aws:securityhub/account:Account",
            ]]);
            expect([file, names(managed(plan).filter((r) => r.protect))]).toEqual([file, names(stateful)]);
        }
    });

    it("prod retains the audit-log buckets with their side resources and the keys that encrypt them, besides the account-wide settings", () => {
        for (const [file, plan] of prod) {
            const evidence = auditEvidence(plan);
            // Per region: the access-log and Config buckets; in the primary, the trail's; each with its side resources.
            expect([file, evidence.filter((r) => r.type === "aws:s3/bucket:Bucket").length]).toEqual([file, file === "prod.txt" ? 3 : 5]);
            const expected = [
                ...evidence,
                ...managed(plan).filter((r) => r.type === "aws:kms/key:Key" || ACCOUNT_WIDE.includes(r.type)),
            ];
            expect([file, names(managed(plan).filter((r) => r.retainOnDelete))]).toEqual([file, names(expected)]);
        }
        // Not every log bucket is evidence: the load balancer's access logs go with the stack.
        expect(managed(prod[0][1]).find((r) => r.name.endsWith("-alb-logs") && r.type === "aws:s3/bucket:Bucket")).toMatchObject({ protect: true, retainOnDelete: false });
    });

    it("the pack passes prod and flags it once a stateful resource loses its protection", () => {
        const plan = prod[0][1];
        const result = (p: Plan) => evaluatePolicies(p).results.find((r) => r.policy === "stateful-resources-protected")!;
        expect(result(plan)).toMatchObject({ status: "pass", violations: [] });
        const db = managed(plan).find((r) => r.type === "aws:rds/instance:Instance")!;
        const weakened: Plan = { ...plan, resources: plan.resources.map((r) => (r === db ? { ...r, protect: false } : r)) };
        expect(result(weakened).violations.map((v) => v.resource)).toEqual([db.name]);
    });

    it("the plan JSON (npm run plan -- --json) carries protect and retainOnDelete for every resource", () => {
        const json = JSON.parse(JSON.stringify(prod[0][1])) as { resources: Array<Record<string, unknown>> };
        expect(json.resources.length).toBeGreaterThan(100);
        for (const r of json.resources) expect([r.name, typeof r.protect, typeof r.retainOnDelete]).toEqual([r.name, "boolean", "boolean"]);
        expect(json.resources.filter((r) => r.protect === true).length).toBeGreaterThan(10);
    });
});

describe("the KMS key deletion guard (key policy)", () => {
    const context = {
        partition: "aws", dnsSuffix: "amazonaws.com", accountId: "123456789012", region: "us-east-1",
        autoScalingRoleArn: "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_tap",
    };
    type Statement = ReturnType<typeof stackKeyPolicy>["Statement"][number];
    const denies = (statements: readonly Statement[]) => statements.filter((s) => s.Effect === "Deny");

    it("is absent without protection (dev): the stack's own destroy schedules the key's deletion", () => {
        expect(denies(stackKeyPolicy(context).Statement)).toEqual([]);
    });

    it("refuses ScheduleKeyDeletion and DisableKey to all but the break-glass role, and any window shorter than the key's", () => {
        const statements = stackKeyPolicy({ ...context, deletionGuard: { breakGlassRoleName: "kms-break-glass", minimumWindowDays: 30 } }).Statement;
        expect(denies(statements)).toEqual([
            expect.objectContaining({
                Principal: { AWS: "*" }, Action: ["kms:ScheduleKeyDeletion", "kms:DisableKey"], Resource: "*",
                Condition: { ArnNotEquals: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/kms-break-glass" } },
            }),
            expect.objectContaining({
                Principal: { AWS: "*" }, Action: "kms:ScheduleKeyDeletion",
                Condition: { NumericLessThan: { "kms:ScheduleKeyDeletionPendingWindowInDays": 30 } },
            }),
        ]);
    });

    it("keeps the key manageable: the account root keeps kms:*, and no Deny touches the key policy itself", () => {
        const statements = stackKeyPolicy({ ...context, deletionGuard: { minimumWindowDays: 30 } }).Statement;
        expect(statements).toContainEqual(expect.objectContaining({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*" }));
        const denied = denies(statements).flatMap((s) => [s.Action].flat());
        expect(denied.length).toBeGreaterThan(0);
        expect(denied.filter((a) => a === "kms:PutKeyPolicy" || a === "kms:*" || a === "*" || a === "kms:CancelKeyDeletion")).toEqual([]);
        // Without a break-glass role the refusal applies to everyone (a `pulumi up` lifts it: docs/teardown.md).
        expect(denies(statements)[0].Condition).toBeUndefined();
    });

    it("is in prod's key policy, with the key's 30-day window", async () => {
        const key = managed(await referencePlan("prod.txt")).find((r) => r.type === "aws:kms/key:Key")!;
        expect(key.inputs.deletionWindowInDays).toBe(30);
        const statements = (JSON.parse(String(key.inputs.policy)) as { Statement: Statement[] }).Statement;
        expect(denies(statements).map((s) => s.Sid)).toEqual(["DenyKeyDeletionAndDisablingButBreakGlass", "DenyShortDeletionWindow"]);
        expect(denies(statements)[1].Condition).toEqual({ NumericLessThan: { "kms:ScheduleKeyDeletionPendingWindowInDays": 30 } });
    });
});
