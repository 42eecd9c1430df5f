/**
 * Access checks (IAM client, issue 19): the roles of lib/access/access.ts exist with the trust
 * the program gave them, judged by the same `trustProblems` as the policy pack, and hold no more
 * than they should.
 */
import {
    GetRoleCommand,
    GetRolePolicyCommand,
    paginateListAttachedRolePolicies,
    paginateListRolePolicies,
    Role,
} from "@aws-sdk/client-iam";
import { verifyActions } from "../../lib/access/verify-permissions";
import { trustProblems } from "../../policy/rules/access";
import { statements, strings } from "../../policy/values";
import { Check, CheckContext, collect, verdict } from "./check";

/** A role's name from its ARN (`arn:aws:iam::<account>:role/<path/>name`). */
export const roleName = (arn: string) => arn.slice(arn.lastIndexOf("/") + 1);

/** IAM returns policy documents URL-encoded. */
export const decoded = (document: string | undefined) => (document === undefined ? undefined : decodeURIComponent(document));

async function getRole({ clients }: CheckContext, arn: string): Promise<Role> {
    const { Role: role } = await clients.iam.send(new GetRoleCommand({ RoleName: roleName(arn) }));
    if (!role) throw new Error(`GetRole returned no role for ${arn}`);
    return role;
}

/** The problems of a role's trust policy; an empty or unreadable one is a problem too. */
function trustOf(role: Role): { problems: string[]; principals: string[] } {
    const all = statements(decoded(role.AssumeRolePolicyDocument));
    if (!Array.isArray(all) || all.length === 0) return { problems: ["no trust policy statement"], principals: [] };
    const principals = all.flatMap((s) =>
        s.Principal && typeof s.Principal === "object" ? Object.values(s.Principal).flatMap(strings) : strings(s.Principal),
    );
    return { problems: trustProblems(all), principals };
}

export async function attachedPolicyNames({ clients }: CheckContext, name: string): Promise<string[]> {
    const AttachedPolicies = await collect(
        paginateListAttachedRolePolicies({ client: clients.iam }, { RoleName: name }),
        (page) => page.AttachedPolicies,
    );
    return AttachedPolicies.map((p) => p.PolicyName ?? p.PolicyArn ?? "?");
}

export async function inlinePolicyNames({ clients }: CheckContext, name: string): Promise<string[]> {
    return collect(paginateListRolePolicies({ client: clients.iam }, { RoleName: name }), (page) => page.PolicyNames);
}

export const supportRole: Check = {
    id: "access.support-role",
    control: "CIS 1.17",
    proves: "The support role exists, only people of the account with MFA may assume it, and it holds AWSSupportAccess and nothing else.",
    requires: ["supportRoleArn"],
    async run(context) {
        const arn = context.outputs.string("supportRoleArn");
        const role = await getRole(context, arn);
        const trust = trustOf(role);
        const [attached, inline] = await Promise.all([
            attachedPolicyNames(context, role.RoleName!),
            inlinePolicyNames(context, role.RoleName!),
        ]);
        const problems = [...trust.problems];
        if (attached.join() !== "AWSSupportAccess")
            problems.push(`attached policies ${JSON.stringify(attached)}, not AWSSupportAccess alone`);
        if (inline.length > 0) problems.push(`inline policies ${JSON.stringify(inline)}`);
        return [verdict(arn, problems, `AWSSupportAccess only; assumable with MFA by ${trust.principals.join(", ")}`)];
    },
};

export const auditorRole: Check = {
    id: "access.auditor-role",
    control: "design: verify runs read-only",
    proves: "The auditor role exists, people assume it with MFA, and it may call exactly the read-only actions the checks call (no managed policy, no other action).",
    requires: ["auditorRoleArn"],
    async run(context) {
        const arn = context.outputs.string("auditorRoleArn");
        const role = await getRole(context, arn);
        const name = role.RoleName!;
        const [attached, inline] = await Promise.all([attachedPolicyNames(context, name), inlinePolicyNames(context, name)]);
        const granted = new Set<string>();
        const byExclusion: string[] = [];
        for (const policyName of inline) {
            const { PolicyDocument } = await context.clients.iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policyName }));
            const all = statements(decoded(PolicyDocument));
            for (const s of Array.isArray(all) ? all : []) {
                if (s.Effect !== "Allow") continue;
                for (const action of strings(s.Action)) granted.add(action);
                // An Allow by exclusion grants every action (or resource) it does not name: "NotAction ... with
                // "Effect": "Allow" ... allows all the actions that are not listed" (IAM User Guide, "IAM JSON
                // policy elements: NotAction"). Reading only Action would miss it.
                for (const element of ["NotAction", "NotResource"] as const) {
                    if ((s as Record<string, unknown>)[element] !== undefined)
                        byExclusion.push(
                            `${policyName}${s.Sid ? ` ${s.Sid}` : ""} allows by ${element} ${JSON.stringify((s as Record<string, unknown>)[element])}`,
                        );
                }
            }
        }
        const expected = verifyActions();
        const problems = [...trustOf(role).problems, ...byExclusion];
        if (attached.length > 0) problems.push(`managed policies attached: ${attached.join(", ")}`);
        const extra = [...granted].filter((a) => !expected.includes(a));
        const missing = expected.filter((a) => !granted.has(a));
        if (extra.length > 0) problems.push(`allows what no check calls: ${extra.join(", ")}`);
        if (missing.length > 0) problems.push(`lacks what checks call: ${missing.join(", ")}`);
        return [verdict(arn, problems, `${granted.size} read-only actions, exactly the checks'; assumable with MFA`)];
    },
};

export const deployRole: Check = {
    id: "access.deploy-role",
    control: "design: keyless CI (OIDC)",
    proves: "The deploy role trusts one repository's GitHub OIDC tokens for STS only (exact sub and aud), and has a permissions boundary.",
    requires: ["deployRoleArn"],
    async run(context) {
        const arn = context.outputs.string("deployRoleArn");
        const role = await getRole(context, arn);
        const trust = trustOf(role);
        const problems = [...trust.problems];
        if (!trust.principals.some((p) => p.includes(":oidc-provider/")))
            problems.push(`trusts ${trust.principals.join(", ") || "nobody"}, no OIDC provider`);
        if (!role.PermissionsBoundary?.PermissionsBoundaryArn) problems.push("no permissions boundary");
        return [
            verdict(
                arn,
                problems,
                `OIDC (${trust.principals.join(", ")}), one subject; boundary ${role.PermissionsBoundary?.PermissionsBoundaryArn}; sessions up to ${role.MaxSessionDuration ?? 3600} s`,
            ),
        ];
    },
};

export const ACCESS_CHECKS: readonly Check[] = [supportRole, auditorRole, deployRole];
