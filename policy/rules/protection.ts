/**
 * Nothing lost to a wrong command (tap:protectStatefulResources, docs/teardown.md). Protection is a
 * whole-stack decision: a stack that protects any resource asks for protection, and then every
 * resource of a stateful type (the pack's own list, policy/stateful-types.ts: not the program's
 * table, which it judges) must be protected and every KMS key must refuse its deletion. A stack
 * that protects nothing is not flagged: that is dev, and the deliberate teardown of prod, whose
 * first step switches protection off.
 */
import { PACK_STATEFUL_TYPE_LIST, PACK_STATEFUL_TYPES } from "../stateful-types";
import { StackPolicy, StackResource, TapPolicy } from "../types";
import { isUnknown, principals, Statement, statements, strings } from "../values";

const KEY = "aws:kms/key:Key";

/** The actions the deletion guard refuses. */
export const GUARDED_KEY_ACTIONS = ["kms:ScheduleKeyDeletion", "kms:DisableKey"] as const;

/** Whether the stack asks for protection: some resource of it is protected. */
const asksForProtection = (resources: readonly StackResource[]) => resources.some((r) => r.protect === true);

const statefulProtected: StackPolicy = {
    name: "stateful-resources-protected",
    controls: "KMS.3, RDS.8 (by Pulumi protect); aws-constraints",
    description:
        "In a stack that protects any resource, every resource of a stateful type (KMS keys, buckets, the database and its groups, the trail, log groups, detectors, backup vaults: policy/stateful-types.ts) is protected, so no destroy or replacement can delete it.",
    enforcementLevel: "mandatory",
    resourceTypes: PACK_STATEFUL_TYPE_LIST,
    validateStack: (resources) => {
        if (!asksForProtection(resources)) return [];
        return resources
            .filter((r) => r.type in PACK_STATEFUL_TYPES && r.protect !== true)
            .map((r) => ({
                urn: r.urn,
                message: `this ${r.type} is not protected while the stack protects its other stateful resources: deleting or replacing it loses ${PACK_STATEFUL_TYPES[r.type]} (set protect, as tap:protectStatefulResources does)`,
            }));
    },
};

/**
 * The condition keys a deletion guard may test to except its break-glass role, with a negated
 * operator (StringNotEquals / ArnNotEquals / ...NotLike aws:PrincipalArn): the deny still applies to
 * every other principal. Any other condition makes the deny partial: a Deny under a condition
 * refuses only the requests that match it (IAM User Guide, "Policy evaluation logic": a statement
 * applies only when its conditions are met).
 */
const BREAK_GLASS_KEYS = ["aws:principalarn"];
const BREAK_GLASS_OPERATOR = /^(StringNotEquals|StringNotLike|ArnNotEquals|ArnNotLike)$/i;

/** Whether a Deny's conditions leave it a deny for all (none, or only the break-glass exception). */
function unconditional(s: Statement): boolean {
    const condition = s.Condition;
    if (condition === undefined) return true;
    if (isUnknown(condition)) return true; // a preview: pulumi up checks again
    if (condition === null || typeof condition !== "object") return false;
    // The exception names roles exactly: a wildcard (arn:aws:iam::*:role/*) excepts everyone.
    return Object.entries(condition as Record<string, unknown>).every(
        ([operator, keys]) =>
            BREAK_GLASS_OPERATOR.test(operator) &&
            keys !== null &&
            typeof keys === "object" &&
            Object.entries(keys as Record<string, unknown>).every(
                ([k, v]) => BREAK_GLASS_KEYS.includes(k.toLowerCase()) && (isUnknown(v) || strings(v).every((arn) => !/[*?]/.test(arn))),
            ),
    );
}

const coversAction = (s: Statement, action: string) => strings(s.Action).some((a) => a === action || a === "kms:*" || a === "*");

/** A Deny of `action` to every principal (but, possibly, one named exception): the guard's statement. */
function deniesToAll(s: Statement, action: string): boolean {
    return (
        s.Effect === "Deny" &&
        principals(s).includes("*") &&
        coversAction(s, action) &&
        strings(s.Resource).includes("*") &&
        unconditional(s)
    );
}

/** The pending window a Deny refuses below (NumericLessThan kms:ScheduleKeyDeletionPendingWindowInDays), if that is its only condition. */
function deniedWindowBelow(s: Statement): number | undefined {
    if (s.Effect !== "Deny" || !principals(s).includes("*") || !coversAction(s, "kms:ScheduleKeyDeletion")) return undefined;
    const condition = s.Condition as Record<string, Record<string, unknown>> | undefined;
    if (!condition || Object.keys(condition).length !== 1) return undefined;
    const [operator, keys] = Object.entries(condition)[0];
    if (!/^NumericLessThan$/i.test(operator) || !keys || typeof keys !== "object") return undefined;
    const entry = Object.entries(keys).find(([k]) => k.toLowerCase() === "kms:schedulekeydeletionpendingwindowindays");
    const value = Number(entry?.[1]);
    return entry && Number.isFinite(value) ? value : undefined;
}

/**
 * The guarded actions a key policy document (JSON string or object) does not deny to every
 * principal, unconditionally; `undefined` while the document is unknown. Shared with the post-deploy check.
 */
export function unguardedKeyActions(policy: unknown): string[] | undefined {
    const all = statements(policy);
    if (isUnknown(all)) return undefined;
    return GUARDED_KEY_ACTIONS.filter((action) => !(all ?? []).some((s) => deniesToAll(s, action)));
}

/**
 * The shortest deletion window the key policy lets anyone schedule: the largest NumericLessThan bound
 * of a Deny on kms:ScheduleKeyDeletion (7, AWS's minimum, when there is none). `undefined` while unknown.
 */
export function shortestAllowedWindow(policy: unknown): number | undefined {
    const all = statements(policy);
    if (isUnknown(all)) return undefined;
    // AWS KMS: "The waiting period ... from a minimum of 7 days up to a maximum of 30 days" (Deleting AWS KMS keys).
    return Math.max(7, ...(all ?? []).map(deniedWindowBelow).filter((n): n is number => n !== undefined));
}

const keyDeletionGuarded: StackPolicy = {
    name: "kms-key-deletion-guarded",
    controls: "KMS.3",
    description:
        "In a stack that protects its resources, every KMS key policy denies kms:ScheduleKeyDeletion and kms:DisableKey to every principal with no condition but a break-glass exception (aws:PrincipalArn, negated), and denies any deletion window shorter than the key's own.",
    enforcementLevel: "mandatory",
    resourceTypes: [KEY],
    validateStack: (resources) => {
        if (!asksForProtection(resources)) return [];
        return resources
            .filter((r) => r.type === KEY)
            .flatMap((r) => {
                const violations: { urn: string; message: string }[] = [];
                const missing = unguardedKeyActions(r.props.policy) ?? [];
                if (missing.length > 0) {
                    violations.push({
                        urn: r.urn,
                        message: `the key policy does not deny ${missing.join(" and ")} to every principal without condition (a break-glass aws:PrincipalArn exception aside): one wrong command can make everything it encrypts unreadable (KMS.3)`,
                    });
                }
                // The break-glass role itself may schedule deletion: never with a window shorter than the key's own.
                const window = r.props.deletionWindowInDays;
                const shortest = shortestAllowedWindow(r.props.policy);
                if (typeof window === "number" && shortest !== undefined && shortest < window) {
                    violations.push({
                        urn: r.urn,
                        message: `the key policy lets a deletion be scheduled ${shortest} days out, shorter than the key's ${window}-day window: deny kms:ScheduleKeyDeletion with NumericLessThan kms:ScheduleKeyDeletionPendingWindowInDays ${window}`,
                    });
                }
                return violations;
            });
    },
};

export const PROTECTION_POLICIES: readonly TapPolicy[] = [statefulProtected, keyDeletionGuarded];
