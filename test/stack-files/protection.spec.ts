/**
 * Nothing lost to a wrong command (tap:protectStatefulResources, tap:retainAuditLogs), prod's side:
 * Pulumi.prod.yaml protects every resource of a stateful type and keeps the audit evidence on
 * delete, in one region and over two. The dev side is stack/protection.spec.ts.
 */
import { isStateful } from "../../lib/protection";
import { evaluatePolicies } from "../../policy/api";
import { ACCOUNT_WIDE, managed, names, Plan, PlannedResource, referencePlan } from "../support";

/** The audit-log buckets' SecureBucket components, by logical-name suffix. */
const AUDIT_BUCKETS = /-(access-logs|cloudtrail|config)$/;

/** The resources below (and including) the audit-log buckets' SecureBucket components. */
function auditEvidence(plan: Plan): PlannedResource[] {
    const components = new Set(
        plan.resources.filter((r) => r.type === "tap:security:SecureBucket" && AUDIT_BUCKETS.test(r.name)).map((r) => r.urn),
    );
    return managed(plan).filter((r) => r.parent !== undefined && components.has(r.parent));
}

describe("protected stateful resources (Pulumi.prod.yaml)", () => {
    const prod: Array<[string, Plan]> = [];
    beforeAll(async () => {
        for (const file of ["prod.txt", "prod-two-regions.txt"]) prod.push([file, await referencePlan(file)]);
    });

    it("classifies every resource type prod creates as stateful or stateless (what each loses: stack/protection.spec.ts)", () => {
        const types = new Set(prod.flatMap(([, plan]) => managed(plan).map((r) => r.type)));
        expect(types.size).toBeGreaterThan(40);
        expect([...types].filter((t) => isStateful(t) === undefined)).toEqual([]);
    });

    it("prod protects exactly the resources of stateful types: keys, buckets, trail, log groups, detector, database and its groups, hub, analyzer, Inspector", () => {
        for (const [file, plan] of prod) {
            const stateful = managed(plan).filter((r) => isStateful(r.type));
            expect([file, [...new Set(stateful.map((r) => r.type))].sort()]).toEqual([
                file,
                [
                    "aws:accessanalyzer/analyzer:Analyzer",
                    "aws:backup/vault:Vault",
                    "aws:cloudtrail/trail:Trail",
                    "aws:cloudwatch/logGroup:LogGroup",
                    "aws:guardduty/detector:Detector",
                    "aws:inspector2/enabler:Enabler",
                    "aws:kms/key:Key",
                    "aws:rds/instance:Instance",
                    "aws:rds/parameterGroup:ParameterGroup",
                    "aws:rds/subnetGroup:SubnetGroup",
                    "aws:s3/bucket:Bucket",
                    "aws:securityhub/account:Account",
                ],
            ]);
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
                // The stack's own Auto Scaling service-linked role goes with it; AWS Config's is the account's.
                ...managed(plan).filter(
                    (r) =>
                        r.type === "aws:kms/key:Key" ||
                        (ACCOUNT_WIDE.includes(r.type) && r.inputs.awsServiceName !== "autoscaling.amazonaws.com"),
                ),
            ];
            expect([file, names(managed(plan).filter((r) => r.retainOnDelete))]).toEqual([file, names(expected)]);
        }
        // Not every log bucket is evidence: the load balancer's access logs go with the stack.
        expect(managed(prod[0][1]).find((r) => r.name.endsWith("-alb-logs") && r.type === "aws:s3/bucket:Bucket")).toMatchObject({
            protect: true,
            retainOnDelete: false,
        });
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

    it("keeps prod's KMS keys behind the deletion guard, with the key's 30-day window", async () => {
        type Statement = { Sid?: string; Effect: string; Condition?: unknown };
        const denies = (statements: readonly Statement[]) => statements.filter((s) => s.Effect === "Deny");
        const key = managed(await referencePlan("prod.txt")).find((r) => r.type === "aws:kms/key:Key")!;
        expect(key.inputs.deletionWindowInDays).toBe(30);
        const statements = (JSON.parse(String(key.inputs.policy)) as { Statement: Statement[] }).Statement;
        expect(denies(statements).map((s) => s.Sid)).toEqual(["DenyKeyDeletionAndDisablingButBreakGlass", "DenyShortDeletionWindow"]);
        expect(denies(statements)[1].Condition).toEqual({ NumericLessThan: { "kms:ScheduleKeyDeletionPendingWindowInDays": 30 } });
    });
});
