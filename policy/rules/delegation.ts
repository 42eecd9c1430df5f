/**
 * Delegated role creation (issue 28): an identity that may create or widen IAM roles must do so
 * only with a permissions boundary it cannot remove, the pattern AWS documents (IAM User Guide,
 * "Permissions boundaries for IAM entities" - "Delegating responsibility to others using permissions
 * boundaries": create roles only with the boundary (condition iam:PermissionsBoundary), never delete
 * it); and it passes roles only to named services (IAM User Guide, "Grant a user permissions to pass
 * a role to an AWS service": iam:PassedToService). Without both, "may create a role" is "is an
 * administrator": create a role, put `*:*` on it, pass it to an instance.
 *
 * The lists below are the pack's own (from the Service Authorization Reference), not the program's.
 */
import { actionPattern } from "../action-catalogue";
import { TapPolicy, resourcePolicy, Props } from "../types";
import { allows, at, isUnknown, list, Statement, statements, strings } from "../values";

const ROLE = "aws:iam/role:Role";
const IDENTITY_POLICY_TYPES = [
    ROLE,
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/policy:Policy",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy",
];

/** The role actions that create a role or widen what one may do, all of which take iam:PermissionsBoundary (Service Authorization Reference, IAM). */
export const ROLE_WIDENING_ACTIONS = [
    "iam:CreateRole",
    "iam:PutRolePolicy",
    "iam:AttachRolePolicy",
    "iam:UpdateAssumeRolePolicy",
    "iam:PutRolePermissionsBoundary",
];
const REMOVE_BOUNDARY = "iam:DeleteRolePermissionsBoundary";
const PASS_ROLE = "iam:PassRole";

/** Whether IAM's action pattern (`iam:Put*`, `*`) grants `action` (case-insensitively, as IAM matches). */
const grants = (pattern: string, action: string) => actionPattern(pattern).test(action);

/** The actions of `wanted` a statement covers: by Action, or by NotAction (everything it does not list). */
function covered(s: Statement, wanted: readonly string[]): string[] {
    if (s.NotAction !== undefined) return wanted.filter((a) => !strings(s.NotAction).some((p) => grants(p, a)));
    return wanted.filter((a) => strings(s.Action).some((p) => grants(p, a)));
}

/** The values a statement's condition gives `key` under one of `operators` (operators and keys compared case-insensitively). */
function conditionValues(s: Statement, operators: readonly string[], key: string): string[] {
    const condition = s.Condition;
    if (!condition || typeof condition !== "object") return [];
    return Object.entries(condition)
        .filter(([op]) => operators.some((o) => o.toLowerCase() === op.toLowerCase()))
        .flatMap(([, block]) => (block && typeof block === "object" ? Object.entries(block as Record<string, unknown>) : []))
        .filter(([k]) => k.toLowerCase() === key.toLowerCase())
        .flatMap(([, v]) => strings(v));
}

/** Exact values only: a wildcard boundary ARN is any policy someone names so. */
const exact = (values: readonly string[]) => values.length > 0 && values.every((v) => !/[*?]/.test(v));

const requiresBoundary = (s: Statement) =>
    exact(conditionValues(s, ["StringEquals", "ArnEquals", "StringLike", "ArnLike"], "iam:PermissionsBoundary"));
const deniesOtherBoundaries = (s: Statement) =>
    exact(conditionValues(s, ["StringNotEquals", "ArnNotEquals", "StringNotLike", "ArnNotLike"], "iam:PermissionsBoundary"));
const unconditional = (s: Statement) =>
    s.Condition === undefined || (typeof s.Condition === "object" && Object.keys(s.Condition as object).length === 0);
const everywhere = (s: Statement) => strings(s.Resource).includes("*");

const named = (where: string, s: Statement, i: number) => `${where} Statement[${i}]${typeof s.Sid === "string" ? ` (${s.Sid})` : ""}`;

/** Every identity policy document of an IAM resource, with where it sits. */
function documents(p: Props, type: string): Array<[string, Statement[]]> {
    const found: Array<[string, unknown]> =
        type === ROLE ? list(p.inlinePolicies).map((inline, i) => [`inlinePolicies[${i}]`, at(inline, "policy")]) : [["policy", p.policy]];
    return found.flatMap(([where, document]) => {
        const all = statements(document);
        return all === undefined || isUnknown(all) ? [] : [[where, all] as [string, Statement[]]];
    });
}

/** Why one document lets its holder create or widen roles without a boundary, or remove one. */
export function delegationProblems(where: string, all: readonly Statement[]): string[] {
    const denies = all.filter((s) => !allows(s));
    const problems: string[] = [];
    all.forEach((s, i) => {
        if (!allows(s)) return;
        const widening = covered(s, ROLE_WIDENING_ACTIONS).filter(
            (action) =>
                !requiresBoundary(s) && !denies.some((d) => everywhere(d) && deniesOtherBoundaries(d) && covered(d, [action]).length === 1),
        );
        if (widening.length > 0) {
            problems.push(
                `${named(where, s, i)} allows ${widening.join(", ")} without a permissions boundary: condition it on iam:PermissionsBoundary (StringEquals one boundary ARN), ` +
                    "or deny it where iam:PermissionsBoundary is not that ARN (IAM User Guide, delegating with permissions boundaries)",
            );
        }
        if (
            covered(s, [REMOVE_BOUNDARY]).length === 1 &&
            !denies.some((d) => everywhere(d) && unconditional(d) && covered(d, [REMOVE_BOUNDARY]).length === 1)
        ) {
            problems.push(
                `${named(where, s, i)} allows ${REMOVE_BOUNDARY}: a boundary its holder can remove bounds nothing; deny it on Resource "*"`,
            );
        }
    });
    return problems;
}

/** Why one document passes roles to any service: an explicit iam:PassRole without iam:PassedToService (service-linked roles aside: only their service can use them). */
export function passRoleProblems(where: string, all: readonly Statement[]): string[] {
    return all.flatMap((s, i) => {
        if (!allows(s) || s.NotAction !== undefined) return [];
        // A service-wide wildcard (iam:*, *) is iam-no-wildcard-actions' to refuse; here, statements that name PassRole.
        const explicit = strings(s.Action).some((p) => grants(p, PASS_ROLE) && !/^(\*|iam:\*)$/i.test(p));
        if (!explicit) return [];
        const resources = strings(s.Resource);
        if (resources.length > 0 && resources.every((r) => /:role\/aws-service-role\//.test(r))) return [];
        const problems: string[] = [];
        if (resources.includes("*"))
            problems.push(`${named(where, s, i)} allows iam:PassRole on Resource "*": name the roles (ARNs) that may be passed`);
        if (!exact(conditionValues(s, ["StringEquals", "StringLike"], "iam:PassedToService"))) {
            problems.push(
                `${named(where, s, i)} allows iam:PassRole to any service: condition it on iam:PassedToService (the services that use the roles)`,
            );
        }
        return problems;
    });
}

export const DELEGATION_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "iam-role-creation-requires-boundary",
        controls: "IAM.1 (no path to *:*); seed 002 #9; IAM User Guide: delegating with permissions boundaries",
        description:
            "An IAM identity policy that allows creating or widening roles (CreateRole, PutRolePolicy, AttachRolePolicy, UpdateAssumeRolePolicy, PutRolePermissionsBoundary) requires one exact permissions boundary on them (condition iam:PermissionsBoundary, or a deny where it differs), and never allows removing a boundary unless it also denies it.",
        enforcementLevel: "mandatory",
        resourceTypes: IDENTITY_POLICY_TYPES,
        check: (p, type) => documents(p, type).flatMap(([where, all]) => delegationProblems(where, all)),
    }),
    resourcePolicy({
        name: "iam-passrole-to-named-services",
        controls: "IAM.1 (no path to *:*); seed 002 #9; IAM User Guide: iam:PassedToService",
        description:
            'An IAM identity policy statement that allows iam:PassRole names the roles (not Resource "*") and the services they may be passed to (condition iam:PassedToService); service-linked roles aside.',
        enforcementLevel: "mandatory",
        resourceTypes: IDENTITY_POLICY_TYPES,
        check: (p, type) => documents(p, type).flatMap(([where, all]) => passRoleProblems(where, all)),
    }),
];
