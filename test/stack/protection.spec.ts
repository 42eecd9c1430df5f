/**
 * Nothing lost to a wrong command (tap:protectStatefulResources, tap:retainAuditLogs), the dev side:
 * dev protects nothing and keeps only the account-wide settings; every type the program creates is
 * classified in lib/protection.ts, so a new stateful type cannot slip in unprotected. Prod's side
 * (every stateful resource protected, the audit evidence retained) is stack-files/protection.spec.ts.
 */
import { RESOURCE_STATE, isStateful, STATEFUL_TYPES } from "../../lib/protection";
import { stackKeyPolicy } from "../../lib/security/key-policy";
import {
    ACCOUNT_WIDE,
    ALL_TIERS,
    DATA_AND_CDN,
    INSTANCE_CONFIG,
    managed,
    names,
    Plan,
    planTap,
    TWO_REGIONS,
    VARIANT_CONFIG,
} from "../support";

describe("protected stateful resources (dev profile, every tier)", () => {
    const devConfigs: Record<string, Record<string, string>> = {
        default: {},
        ALL_TIERS,
        DATA_AND_CDN,
        TWO_REGIONS,
        VARIANT_CONFIG,
        INSTANCE_CONFIG,
    };
    const dev: Array<[string, Plan]> = [];
    beforeAll(async () => {
        // One after the other: the mock runtime runs one program at a time (the plans are shared with the other specs).
        for (const [label, raw] of Object.entries(devConfigs)) dev.push([label, await planTap(raw, "dev")]);
    });

    it("classifies every resource type the program creates as stateful or stateless (a new type must be classified)", () => {
        const types = new Set(dev.flatMap(([, plan]) => managed(plan).map((r) => r.type)));
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
        expect(
            managed(dev[0][1])
                .filter((r) => r.retainOnDelete)
                .map((r) => r.type)
                .sort(),
        ).toEqual([...ACCOUNT_WIDE].sort());
    });
});

describe("the KMS key deletion guard (key policy)", () => {
    const context = {
        partition: "aws",
        dnsSuffix: "amazonaws.com",
        accountId: "123456789012",
        region: "us-east-1",
        autoScalingRoleArn: "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_tap",
    };
    type Statement = ReturnType<typeof stackKeyPolicy>["Statement"][number];
    const denies = (statements: readonly Statement[]) => statements.filter((s) => s.Effect === "Deny");

    it("is absent without protection (dev): the stack's own destroy schedules the key's deletion", () => {
        expect(denies(stackKeyPolicy(context).Statement)).toEqual([]);
    });

    it("refuses ScheduleKeyDeletion and DisableKey to all but the break-glass role, and any window shorter than the key's", () => {
        const statements = stackKeyPolicy({
            ...context,
            deletionGuard: { breakGlassRoleName: "kms-break-glass", minimumWindowDays: 30 },
        }).Statement;
        expect(denies(statements)).toEqual([
            expect.objectContaining({
                Principal: { AWS: "*" },
                Action: ["kms:ScheduleKeyDeletion", "kms:DisableKey"],
                Resource: "*",
                Condition: { ArnNotEquals: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/kms-break-glass" } },
            }),
            expect.objectContaining({
                Principal: { AWS: "*" },
                Action: "kms:ScheduleKeyDeletion",
                Condition: { NumericLessThan: { "kms:ScheduleKeyDeletionPendingWindowInDays": 30 } },
            }),
        ]);
    });

    it("keeps the key manageable: the account root keeps kms:*, and no Deny touches the key policy itself", () => {
        const statements = stackKeyPolicy({ ...context, deletionGuard: { minimumWindowDays: 30 } }).Statement;
        expect(statements).toContainEqual(
            expect.objectContaining({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*" }),
        );
        const denied = denies(statements).flatMap((s) => [s.Action].flat());
        expect(denied.length).toBeGreaterThan(0);
        expect(denied.filter((a) => a === "kms:PutKeyPolicy" || a === "kms:*" || a === "*" || a === "kms:CancelKeyDeletion")).toEqual([]);
        // Without a break-glass role the refusal applies to everyone (a `pulumi up` lifts it: docs/teardown.md).
        expect(denies(statements)[0].Condition).toBeUndefined();
    });
});
