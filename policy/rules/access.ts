/**
 * Access (issue 19): the program's principals are roles and groups (no IAM user, no long-lived
 * key); a role people assume asks for MFA; a role an OIDC token assumes names its audience and
 * one exact subject. `trustProblems` is also what `npm run verify` judges the deployed roles by.
 */
import { resourcePolicy, TapPolicy } from "../types";
import { allows, at, isUnknown, principals, Statement, statements, strings } from "../values";

const ROLE = "aws:iam/role:Role";
const GROUP = "aws:iam/group:Group";
/** Every @pulumi/aws v7 type that creates an IAM user, its credentials, or its permissions. */
export const IAM_USER_TYPES = [
    "aws:iam/user:User", "aws:iam/accessKey:AccessKey", "aws:iam/userLoginProfile:UserLoginProfile",
    "aws:iam/userPolicy:UserPolicy", "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "aws:iam/userPoliciesExclusive:UserPoliciesExclusive", "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    "aws:iam/userGroupMembership:UserGroupMembership", "aws:iam/groupMembership:GroupMembership",
    "aws:iam/serviceSpecificCredential:ServiceSpecificCredential", "aws:iam/signingCertificate:SigningCertificate", "aws:iam/sshKey:SshKey",
];

/** An account principal (`arn:...:iam::<account>:root` or the bare id) or an IAM user: people, who must bring MFA. */
const isPeople = (principal: string) => /^\d{12}$/.test(principal) || /^arn:aws[a-z-]*:iam::\d{12}:(root|user\/.+)$/.test(principal);

/** The values a condition block gives `key` under `operator` (keys and operators compared as IAM does: case-insensitively). */
function conditionValues(statement: Statement, operator: string, key: string): unknown[] | undefined {
    const condition = statement.Condition;
    if (!condition || typeof condition !== "object") return undefined;
    const block = Object.entries(condition).find(([op]) => op.toLowerCase() === operator.toLowerCase())?.[1];
    if (!block || typeof block !== "object") return undefined;
    const value = Object.entries(block as Record<string, unknown>).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
    return value === undefined ? undefined : Array.isArray(value) ? value : [value];
}

const requiresMfa = (s: Statement) => {
    const values = conditionValues(s, "Bool", "aws:MultiFactorAuthPresent");
    return values !== undefined && values.length > 0 && values.every((v) => v === true || v === "true");
};

/** Every condition key a statement tests with a wildcard-matching operator (`StringLike`, `ForAnyValue:StringLike`...). */
function likeKeys(s: Statement): string[] {
    const condition = s.Condition;
    if (!condition || typeof condition !== "object") return [];
    return Object.entries(condition).filter(([op]) => /like/i.test(op)).flatMap(([, block]) => (block && typeof block === "object" ? Object.keys(block) : []));
}

type TrustKind = "people" | "oidc";

/** One trust statement's problems, by kind: people let in without MFA (or anyone), OIDC tokens of any audience or subject. */
function statementProblems(s: Statement, i: number): Record<TrustKind, string[]> {
    const found: Record<TrustKind, string[]> = { people: [], oidc: [] };
    if (!allows(s)) return found;
    const where = `Statement[${i}]${typeof s.Sid === "string" ? ` (${s.Sid})` : ""}`;
    if (principals(s).includes("*")) found.people.push(`${where} trusts any principal ("*")`);
    const people = strings(at(s.Principal, "AWS")).filter(isPeople);
    if (people.length > 0 && !requiresMfa(s)) {
        found.people.push(`${where} lets ${people.join(", ")} assume the role without MFA (add Condition Bool aws:MultiFactorAuthPresent "true")`);
    }
    for (const provider of strings(at(s.Principal, "Federated")).filter((p) => p.includes(":oidc-provider/"))) {
        const host = provider.slice(provider.indexOf(":oidc-provider/") + ":oidc-provider/".length);
        const wildcards = likeKeys(s).filter((k) => k.toLowerCase().startsWith(`${host.toLowerCase()}:`));
        if (wildcards.length > 0) found.oidc.push(`${where} matches ${wildcards.join(", ")} with a wildcard operator: name one exact subject`);
        const aud = conditionValues(s, "StringEquals", `${host}:aud`);
        if (!aud?.length) found.oidc.push(`${where} trusts ${host} tokens of any audience (StringEquals ${host}:aud)`);
        const sub = conditionValues(s, "StringEquals", `${host}:sub`);
        if (!sub?.length) found.oidc.push(`${where} trusts ${host} tokens of any subject (StringEquals ${host}:sub): any repository could assume it`);
        for (const value of sub ?? []) {
            if (typeof value !== "string" || /[*?]/.test(value)) found.oidc.push(`${where} has subject ${JSON.stringify(value)}: a wildcard, not one repository`);
            else if (host === "token.actions.githubusercontent.com" && !/^repo:[^/:]+\/[^/:]+:.+$/.test(value)) {
                found.oidc.push(`${where} has subject ${JSON.stringify(value)}: not repo:<owner>/<name>:<branch or environment>`);
            }
        }
    }
    return found;
}

/**
 * Why a trust policy lets in more than it should: people without MFA, anyone at all, an OIDC
 * token of any audience or subject. All kinds unless `kinds` narrows them.
 */
export function trustProblems(all: readonly Statement[], kinds: readonly TrustKind[] = ["people", "oidc"]): string[] {
    return all.flatMap((s, i) => {
        const found = statementProblems(s, i);
        return kinds.flatMap((kind) => found[kind]);
    });
}

/** The problems of a role's trust policy of the given kind; none while the document is unknown (a preview). */
function roleTrust(document: unknown, kind: TrustKind): string[] {
    const all = statements(document);
    if (all === undefined || isUnknown(all)) return [];
    return trustProblems(all, [kind]);
}

export const ACCESS_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "iam-no-users-or-keys",
        controls: "CIS 1.14 / IAM.3; seed 002 #9",
        description: "The program's IAM principals are roles and groups: no IAM user, access key, login profile, or user policy or membership (people are enrolled out of band; pipelines use OIDC roles).",
        enforcementLevel: "mandatory",
        resourceTypes: [...IAM_USER_TYPES, ROLE, GROUP],
        check: (_p, type) => (IAM_USER_TYPES.includes(type)
            ? [`${type.split(":").pop()}: the program creates no IAM users or long-lived credentials; use a role (people: the operators' MFA path, CI: the OIDC deploy role, docs/access.md)`]
            : []),
    }),
    resourcePolicy({
        name: "iam-human-trust-requires-mfa",
        controls: "CIS 1.10 / IAM.19; seed 002 #9",
        description: "A role whose trust policy lets in people (an account principal or an IAM user) requires MFA (Bool aws:MultiFactorAuthPresent true), and no role trusts \"*\".",
        enforcementLevel: "mandatory",
        resourceTypes: [ROLE],
        check: (p) => roleTrust(p.assumeRolePolicy, "people"),
    }),
    resourcePolicy({
        name: "iam-oidc-trust-one-repository",
        controls: "seed 002 #9; GitHub OIDC hardening",
        description: "A role an OIDC token assumes (GitHub Actions) checks the token's audience and one exact subject (StringEquals on <provider>:aud and :sub, no wildcard): one repository's branch or environment.",
        enforcementLevel: "mandatory",
        resourceTypes: [ROLE],
        check: (p) => roleTrust(p.assumeRolePolicy, "oidc"),
    }),
];
