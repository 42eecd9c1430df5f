/** Access (issue 19): the operators' group, the support, auditor and deploy roles, in the whole stack and alone. No IAM user anywhere: stack/program-shape.spec.ts. */
import { Access, AccessArgs } from "../../lib/access/access";
import {
    DEPLOY_GLOBAL_SERVICES,
    DEPLOY_REGIONAL_SERVICES,
    DEPLOYABLE_MANAGED_POLICIES,
    SESSION_DOCUMENT_NAME,
} from "../../lib/access/policies";
import { verifyActions } from "../../lib/access/verify-permissions";
import { trustProblems } from "../../policy/rules/access";
import { MOCK_ACCOUNT_ID } from "../../tooling/mock-runtime/mocks";
import { ofType, one, Plan, PlannedResource, planComponent, planTap, policyDocument, TWO_REGIONS } from "../support";
import { AccessSettings } from "../../lib/access/settings";

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";
const OIDC = "aws:iam/openIdConnectProvider:OpenIdConnectProvider";
const ACCESS_OUTPUTS = ["operatorsGroupArn", "supportRoleArn", "auditorRoleArn", "deployRoleArn", "githubOidcProviderArn"];
const ROOT = `arn:aws:iam::${MOCK_ACCOUNT_ID}:root`;

type Statement = Record<string, unknown>;
const statements = (value: unknown): Statement[] => policyDocument(value).Statement;
const sid = (value: unknown, name: string): Statement => {
    const found = statements(value).filter((s) => s.Sid === name);
    if (found.length !== 1) throw new Error(`expected one statement ${name}, found ${found.length}`);
    return found[0];
};
const accessResources = (plan: Plan) => plan.resources.filter((r) => r.parent?.includes("tap:access:Access"));

describe("Access in the whole stack (every tier, two regions, CI from acme/tap's production environment)", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap(TWO_REGIONS, "dev");
    });
    const role = (suffix: string) => one(plan, ROLE, `-${suffix}`);

    it("is one component in the primary region's provider, its roles named exactly for other stacks' policies to point at", () => {
        const created = accessResources(plan).filter((r) => r.custom);
        expect(created.length).toBeGreaterThan(10);
        for (const r of created) expect([r.name, r.provider]).toEqual([r.name, "aws-us-east-1"]);
        expect(["support", "auditor", "deploy"].map((s) => role(s).inputs.name)).toEqual([
            "tap-dev-use1-support",
            "tap-dev-use1-auditor",
            "tap-dev-use1-deploy",
        ]);
    });

    it("sets a maximum session on every role it creates: an hour for people, two for a deploy", () => {
        const roles = accessResources(plan).filter((r) => r.type === ROLE);
        expect(roles.map((r) => [r.name, r.inputs.maxSessionDuration])).toEqual([
            ["tap-dev-use1-deploy", 7200],
            ["tap-dev-use1-support", 3600],
            ["tap-dev-use1-auditor", 3600],
        ]);
        for (const r of roles) expect([r.name, trustProblems(statements(r.inputs.assumeRolePolicy))]).toEqual([r.name, []]);
    });

    it("support (CIS 1.17): people of this account with recent MFA, AWSSupportAccess and nothing more", () => {
        expect(statements(role("support").inputs.assumeRolePolicy)).toEqual([
            {
                Sid: "AccountPeopleWithMFA",
                Effect: "Allow",
                Principal: { AWS: ROOT },
                Action: "sts:AssumeRole",
                Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } },
            },
        ]);
        const grants = plan.resources.filter((r) => r.inputs.role === role("support").id || r.inputs.role === role("support").state.name);
        expect(grants.map((g) => [g.type, g.inputs.policyArn])).toEqual([
            ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "arn:aws:iam::aws:policy/AWSSupportAccess"],
        ]);
    });

    it("auditor: exactly the actions the post-deploy checks call, all read-only; people with MFA and the deploy role assume it", () => {
        const auditor = role("auditor");
        const grants = plan.resources.filter((r) => r.inputs.role === auditor.id);
        expect(grants.map((g) => g.type)).toEqual(["aws:iam/rolePolicy:RolePolicy"]);
        const [anywhere, ownResources] = statements(grants[0].inputs.policy);
        // Together exactly the checks' actions; those that take resource-level permissions only on this account's resources (IAM.21).
        expect([...(anywhere.Action as string[]), ...(ownResources.Action as string[])].sort()).toEqual(verifyActions());
        expect(anywhere).toMatchObject({ Sid: "VerifyChecksReadOnly", Effect: "Allow", Resource: "*" });
        expect(ownResources).toMatchObject({
            Sid: "VerifyChecksReadOnlyThisAccount",
            Effect: "Allow",
            Resource: [`arn:aws:*:*:${MOCK_ACCOUNT_ID}:*`, expect.stringMatching(/^arn:aws:s3:::tap-[a-z0-9-]+-\*$/)],
        });
        expect(verifyActions().length).toBeGreaterThan(30);
        for (const action of verifyActions()) expect(action).toMatch(/^[a-z0-9-]+:(Describe|Get|List|BatchGet|View)[A-Za-z]+$/);
        expect(statements(auditor.inputs.assumeRolePolicy).map((s) => s.Principal)).toEqual([
            { AWS: ROOT },
            { AWS: role("deploy").state.arn },
        ]);
    });

    it("operators: denied everything but enrolling their own MFA until signed in with MFA (AWS's documented policy)", () => {
        const mfa = one(plan, POLICY, "-operators-mfa").inputs.policy;
        const block = sid(mfa, "BlockMostAccessUnlessSignedInWithMFA");
        expect(block).toMatchObject({
            Effect: "Deny",
            Resource: "*",
            Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
        });
        // Without MFA: no session, no role, no reading; only what enrolling a device takes.
        expect(block.NotAction).toEqual(
            expect.arrayContaining(["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "sts:GetSessionToken"]),
        );
        for (const action of block.NotAction as string[])
            expect(action).toMatch(
                /^(iam:(CreateVirtualMFADevice|EnableMFADevice|GetUser|ListMFADevices|ListUsers|ListVirtualMFADevices|ResyncMFADevice)|sts:GetSessionToken)$/,
            );
        for (const s of statements(mfa).filter((x) => x.Effect === "Allow")) {
            // Own user only, but for listing and creating a device (its name is free).
            expect([s.Sid, String(s.Resource)]).toEqual([s.Sid, expect.stringMatching(/:user\/\$\{aws:username\}$|^\*$|:mfa\/\*$/)]);
        }
        const group = one(plan, "aws:iam/group:Group", "-operators");
        const attached = plan.resources.filter(
            (r) => r.type === "aws:iam/groupPolicyAttachment:GroupPolicyAttachment" && r.inputs.group === group.state.name,
        );
        expect(attached.map((a) => a.inputs.policyArn).sort()).toEqual(
            [one(plan, POLICY, "-operators-mfa").state.arn, one(plan, POLICY, "-operators-sessions").state.arn].sort(),
        );
    });

    it("operators: Session Manager on this stack's instances (by tag) in both regions, with the session document and the regions' keys, and nothing else", () => {
        const sessions = one(plan, POLICY, "-operators-sessions").inputs.policy;
        const all = statements(sessions);
        expect(all.flatMap((s) => s.Action as string[]).sort()).toEqual([
            "kms:GenerateDataKey",
            "ssm:ResumeSession",
            "ssm:StartSession",
            "ssm:StartSession",
            "ssm:TerminateSession",
            "ssmmessages:OpenDataChannel",
            "sts:AssumeRole",
        ]);
        expect(sid(sessions, "StartSessionOnStackInstances")).toEqual(
            expect.objectContaining({
                Resource: [`arn:aws:ec2:us-east-1:${MOCK_ACCOUNT_ID}:instance/*`, `arn:aws:ec2:us-west-2:${MOCK_ACCOUNT_ID}:instance/*`],
                Condition: {
                    StringEquals: { "ssm:resourceTag/Environment": "dev" },
                    BoolIfExists: { "ssm:SessionDocumentAccessCheck": "true" },
                },
            }),
        );
        expect(sid(sessions, "StartSessionWithTheSessionDocument").Resource).toEqual(
            ["us-east-1", "us-west-2"].map((r) => `arn:aws:ssm:${r}:${MOCK_ACCOUNT_ID}:document/${SESSION_DOCUMENT_NAME}`),
        );
        expect(sid(sessions, "UseEndOrResumeOwnSessions").Resource).toEqual(
            ["us-east-1", "us-west-2"].flatMap((r) =>
                ["username", "userid"].map((v) => `arn:aws:ssm:${r}:${MOCK_ACCOUNT_ID}:session/\${aws:${v}}-*`),
            ),
        );
        // The tag the condition reads is the one every launch template puts on the instances it launches.
        const templates = ofType(plan, "aws:ec2/launchTemplate:LaunchTemplate");
        expect(templates).toHaveLength(2);
        for (const t of templates) {
            const instanceTags = (t.inputs.tagSpecifications as Array<{ resourceType: string; tags: Record<string, string> }>).find(
                (spec) => spec.resourceType === "instance",
            )?.tags;
            expect(instanceTags?.Environment).toBe("dev");
        }
        const keys = ofType(plan, "aws:kms/key:Key");
        expect(keys).toHaveLength(2);
        expect(sid(sessions, "EncryptSessions").Resource).toEqual(keys.map((k) => k.state.arn));
        expect(sid(sessions, "AssumeSupportAndAuditor").Resource).toEqual([role("support").state.arn, role("auditor").state.arn]);
    });

    it("deploy: only acme/tap's production environment, for STS, through the stack's GitHub OIDC provider (no thumbprint)", () => {
        const provider = one(plan, OIDC);
        expect(provider.inputs).toEqual(
            expect.objectContaining({ url: "https://token.actions.githubusercontent.com", clientIdLists: ["sts.amazonaws.com"] }),
        );
        expect(provider.inputs.thumbprintLists).toBeUndefined();
        expect(statements(role("deploy").inputs.assumeRolePolicy)).toEqual([
            {
                Sid: "GitHubActionsOfOneRepository",
                Effect: "Allow",
                Principal: { Federated: provider.state.arn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: {
                        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                        "token.actions.githubusercontent.com:sub": "repo:acme/tap:environment:production",
                    },
                },
            },
        ]);
    });

    it("deploy: bounded; the boundary keeps it off the audit trail's bucket, other stacks' keys, IAM users and its own permissions", () => {
        const boundary = one(plan, POLICY, "-deploy-boundary");
        expect(role("deploy").inputs.permissionsBoundary).toBe(boundary.state.arn);
        const doc = boundary.inputs.policy;
        const trailBucket = String(plan.outputs.cloudTrailBucketName);
        expect(trailBucket).toMatch(/^tap-dev-use1-cloudtrail-/);
        expect(sid(doc, "DenyAuditTrailBucketWrites")).toMatchObject({
            Effect: "Deny",
            Resource: [`arn:aws:s3:::${trailBucket}`, `arn:aws:s3:::${trailBucket}/*`],
        });
        expect(sid(doc, "DenyAuditTrailBucketWrites").Action).toEqual(expect.arrayContaining(["s3:Put*", "s3:Delete*"]));
        expect(sid(doc, "DenyOtherStacksKeys")).toMatchObject({
            Effect: "Deny",
            Condition: { StringNotEquals: { "aws:ResourceTag/Environment": "dev" } },
        });
        expect(sid(doc, "DenyOtherStacksKeys").Action).toContain("kms:PutKeyPolicy");
        expect(sid(doc, "DenyLongLivedCredentials").Action).toEqual(expect.arrayContaining(["iam:CreateUser", "iam:CreateAccessKey"]));
        expect(sid(doc, "DenyWideningItself").Resource).toEqual([
            role("deploy").state.arn,
            one(plan, POLICY, "-deploy").state.arn,
            boundary.state.arn,
            one(plan, POLICY, "-workload-boundary").state.arn,
        ]);
        // The boundary's allows are the ceiling: the same services, and IAM on the stack's own names only (no iam:* anywhere else).
        const permissions = statements(one(plan, POLICY, "-deploy").inputs.policy);
        expect(permissions.length).toBeGreaterThan(2);
        const ceiling = statements(doc).filter((s) => s.Effect === "Allow");
        expect(ceiling.filter((s) => s.Sid === "StackServicesInStackRegions")).toEqual(
            permissions.filter((s) => s.Sid === "StackServicesInStackRegions"),
        );
        for (const s of ceiling.filter(
            (x) => (x.Action as string[]).some((a) => a.startsWith("iam:")) && (x.Action as string[]).includes("iam:*"),
        )) {
            for (const resource of s.Resource as string[])
                expect(resource).toMatch(
                    /:(role|policy|instance-profile|group)\/tap-dev-(use1|usw2)-\*$|:oidc-provider\/token\.actions\.githubusercontent\.com$|:role\/aws-service-role\/\*$/,
                );
        }
        for (const s of permissions) {
            const actions = s.Action as string[];
            if (actions.some((a) => a.endsWith(":*")) && s.Resource === "*")
                expect([s.Sid, s.Condition]).toEqual([s.Sid, expect.objectContaining({ StringEquals: expect.anything() })]);
        }
    });

    it("deploy: its services cover every resource the program plans, and it may attach only the managed policies the program attaches", () => {
        // A resource of a new service (another issue's) fails here until the deploy policy grants it.
        const prefixesOf: Readonly<Record<string, readonly string[]>> = {
            cloudwatch: ["logs", "cloudwatch", "events"],
            cfg: ["config"],
            lb: ["elasticloadbalancing"],
            ebs: ["ec2"],
            vpc: ["ec2"],
            alb: ["elasticloadbalancing"],
            sfn: ["states"],
            s3control: ["s3"],
            accessanalyzer: ["access-analyzer"],
        };
        const granted = new Set([...DEPLOY_REGIONAL_SERVICES, ...DEPLOY_GLOBAL_SERVICES, "iam"]);
        const modules = [
            ...new Set(plan.resources.filter((r) => r.custom && r.type.startsWith("aws:")).map((r) => r.type.split(/[:/]/)[1])),
        ];
        expect(modules.length).toBeGreaterThan(10);
        expect(modules.filter((m) => !(prefixesOf[m] ?? [m]).some((p) => granted.has(p)))).toEqual([]);

        const managed = plan.resources
            .map((r) => r.inputs.policyArn)
            .filter((arn): arn is string => typeof arn === "string" && arn.startsWith("arn:aws:iam::aws:policy/"))
            .map((arn) => arn.replace("arn:aws:iam::aws:policy/", ""));
        expect(managed.length).toBeGreaterThan(2);
        expect([...new Set(managed)].filter((name) => !DEPLOYABLE_MANAGED_POLICIES.includes(name))).toEqual([]);
    });

    it("exports every role's ARN", () => {
        expect(Object.fromEntries(ACCESS_OUTPUTS.map((k) => [k, plan.outputs[k]]))).toEqual({
            operatorsGroupArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:group/tap-dev-use1-operators`,
            supportRoleArn: role("support").state.arn,
            auditorRoleArn: role("auditor").state.arn,
            deployRoleArn: role("deploy").state.arn,
            githubOidcProviderArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com`,
        });
    });
});

describe("Access switched off (dev default)", () => {
    it("creates nothing and exports no access output", async () => {
        const plan = await planTap({}, "dev");
        expect(accessResources(plan)).toEqual([]);
        expect(ACCESS_OUTPUTS.filter((k) => k in plan.outputs)).toEqual([]);
    });
});

/** Plans the Access component alone (a twentieth of a stack), in us-east-1. */
function planAccess(settings: AccessSettings, args: Partial<AccessArgs> = {}): Promise<Plan> {
    return planComponent(
        (s) => {
            const access = new Access(`${s.namePrefix}-access`, {
                namePrefix: s.namePrefix,
                regionPrefixes: [s.namePrefix],
                environmentSuffix: "prod",
                regions: [s.region],
                keyArns: [s.kmsKeyArn],
                auditTrailBucketName: `${s.namePrefix}-cloudtrail-${MOCK_ACCOUNT_ID}`,
                provider: s.provider,
                settings,
                ...args,
            });
            return { supportRoleArn: access.supportRole.arn };
        },
        { stack: "prod" },
    );
}
const deploySubject = (plan: Plan) =>
    (statements(one(plan, ROLE, "-deploy").inputs.assumeRolePolicy)[0].Condition as Record<string, Record<string, string>>).StringEquals[
        "token.actions.githubusercontent.com:sub"
    ];

describe("Access alone", () => {
    it("without a repository: no OIDC provider, no deploy role, and the auditor trusts people only", async () => {
        const plan = await planAccess({});
        expect(ofType(plan, OIDC)).toEqual([]);
        expect(ofType(plan, ROLE).map((r: PlannedResource) => r.name)).toEqual(["tap-prod-use1-support", "tap-prod-use1-auditor"]);
        expect(statements(one(plan, ROLE, "-auditor").inputs.assumeRolePolicy).map((s) => s.Principal)).toEqual([{ AWS: ROOT }]);
    });

    it("trusts the main branch when neither a branch nor an environment is named, and reuses the account's provider when given", async () => {
        const existing = `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com`;
        const plan = await planAccess({ githubRepository: "acme/tap", githubOidcProviderArn: existing });
        expect(ofType(plan, OIDC)).toEqual([]);
        expect(deploySubject(plan)).toBe("repo:acme/tap:ref:refs/heads/main");
        expect((statements(one(plan, ROLE, "-deploy").inputs.assumeRolePolicy)[0].Principal as Record<string, string>).Federated).toBe(
            existing,
        );
        expect(deploySubject(await planAccess({ githubRepository: "acme/tap", githubBranch: "release/v2" }))).toBe(
            "repo:acme/tap:ref:refs/heads/release/v2",
        );
    });
});
