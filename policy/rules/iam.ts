/** IAM: no administrator statements, a strong account password policy. */
import { resourcePolicy, TapPolicy } from "../types";
import { allows, at, below, differs, isUnknown, list, show, Statement, statements, strings } from "../values";

const ROLE = "aws:iam/role:Role";
const IDENTITY_POLICY_TYPES = [ROLE, "aws:iam/rolePolicy:RolePolicy", "aws:iam/policy:Policy", "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy"];
const ATTACHMENT_TYPES = [
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "aws:iam/policyAttachment:PolicyAttachment",
];
/** AWS's managed policy that is nothing but `*` on `*`. */
const ADMINISTRATOR_ACCESS = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;
const PASSWORD_POLICY = "aws:iam/accountPasswordPolicy:AccountPasswordPolicy";

const isAdmin = (s: Statement) =>
    allows(s) && strings(s.Action).some((a) => a === "*" || a === "*:*") && strings(s.Resource).includes("*");

/** Which statements of a document grant `*` on `*`, named for the message. */
function adminStatements(document: unknown, where: string): string[] {
    const all = statements(document);
    if (all === undefined || isUnknown(all)) return [];
    return all.flatMap((s, i) => (isAdmin(s) ? [`${where} Statement[${i}]${typeof s.Sid === "string" ? ` (${s.Sid})` : ""} allows Action "*" on Resource "*"`] : []));
}

export const IAM_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "iam-no-admin-statements",
        controls: "CIS 1.16 / IAM.1; seed 004 #2",
        description: "No IAM identity policy (role inline policies, RolePolicy, Policy, UserPolicy, GroupPolicy) has a statement allowing Action \"*\" on Resource \"*\", and nothing attaches AdministratorAccess.",
        enforcementLevel: "mandatory",
        resourceTypes: [...IDENTITY_POLICY_TYPES, ...ATTACHMENT_TYPES],
        check: (p, type) => {
            const attached = strings(type === ROLE ? p.managedPolicyArns : p.policyArn).filter((arn) => ADMINISTRATOR_ACCESS.test(arn));
            const problems = attached.map((arn) => `attaches ${arn}: Action "*" on Resource "*"`);
            if (type === ROLE) return [...problems, ...list(p.inlinePolicies).flatMap((inline, i) => adminStatements(at(inline, "policy"), `inlinePolicies[${i}]`))];
            return ATTACHMENT_TYPES.includes(type) ? problems : adminStatements(p.policy, "policy");
        },
    }),
    resourcePolicy({
        name: "iam-password-policy-strength",
        controls: "CIS 1.8, 1.9 / IAM.7, IAM.15, IAM.16",
        description: "The account password policy asks for 14+ characters, all four character classes, no reuse of the last 24 passwords, and expiry within 90 days.",
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
            if (!isUnknown(age) && !(typeof age === "number" && age >= 1 && age <= 90)) problems.push(`maxPasswordAge is ${show(age)}: 1 to 90 days`);
            return problems;
        },
    }),
];
