/**
 * Nothing lost to a wrong command (tap:protectStatefulResources, docs/teardown.md). Protection is a
 * whole-stack decision: a stack that protects any resource asks for protection, and then every
 * resource of a stateful type (the one table, lib/protection.ts) must be protected and every KMS
 * key must refuse its deletion. A stack that protects nothing is not flagged: that is dev, and the
 * deliberate teardown of prod, whose first step switches protection off.
 */
import { RESOURCE_STATE, STATEFUL_TYPES } from "../../lib/protection";
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
    description: "In a stack that protects any resource, every resource of a stateful type (KMS keys, buckets, the database and its groups, the trail, log groups, detectors, backup vaults: lib/protection.ts) is protected, so no destroy or replacement can delete it.",
    enforcementLevel: "mandatory",
    resourceTypes: STATEFUL_TYPES,
    validateStack: (resources) => {
        if (!asksForProtection(resources)) return [];
        return resources
            .filter((r) => STATEFUL_TYPES.includes(r.type) && r.protect !== true)
            .map((r) => {
                const c = RESOURCE_STATE[r.type];
                return {
                    urn: r.urn,
                    message: `this ${r.type} is not protected while the stack protects its other stateful resources: deleting or replacing it loses ${c.state === "stateful" ? c.loses : "its data"} (set protect, as tap:protectStatefulResources does)`,
                };
            });
    },
};

/** A Deny of `action` to every principal (but, possibly, one named exception): the guard's statement. */
function deniesToAll(s: Statement, action: string): boolean {
    return s.Effect === "Deny"
        && principals(s).includes("*")
        && strings(s.Action).some((a) => a === action || a === "kms:*" || a === "*")
        && strings(s.Resource).includes("*");
}

/**
 * The guarded actions a key policy document (JSON string or object) does not deny to every
 * principal; `undefined` while the document is unknown. Shared with the post-deploy check.
 */
export function unguardedKeyActions(policy: unknown): string[] | undefined {
    const all = statements(policy);
    if (isUnknown(all)) return undefined;
    return GUARDED_KEY_ACTIONS.filter((action) => !(all ?? []).some((s) => deniesToAll(s, action)));
}

const keyDeletionGuarded: StackPolicy = {
    name: "kms-key-deletion-guarded",
    controls: "KMS.3",
    description: "In a stack that protects its resources, every KMS key policy denies kms:ScheduleKeyDeletion and kms:DisableKey to every principal (a break-glass role may be excepted by aws:PrincipalArn).",
    enforcementLevel: "mandatory",
    resourceTypes: [KEY],
    validateStack: (resources) => {
        if (!asksForProtection(resources)) return [];
        return resources.filter((r) => r.type === KEY).flatMap((r) => {
            const missing = unguardedKeyActions(r.props.policy) ?? [];
            return missing.length === 0 ? [] : [{
                urn: r.urn,
                message: `the key policy does not deny ${missing.join(" and ")} to every principal: one wrong command can make everything it encrypts unreadable (KMS.3)`,
            }];
        });
    },
};

export const PROTECTION_POLICIES: readonly TapPolicy[] = [statefulProtected, keyDeletionGuarded];
