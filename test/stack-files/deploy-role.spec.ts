/**
 * The CI deploy role of Pulumi.prod.yaml with tap:githubRepository set (issue 28): its identity policy
 * and its permissions boundary together, simulated with an IAM policy evaluation library
 * (@cloud-copilot/iam-simulate, strict mode: actions, resource types and context keys validated
 * against the Service Authorization Reference). Every known path from "may deploy" to "is an
 * administrator" is Denied; what a deploy needs of IAM is Allowed (so the denials are not the
 * simulation refusing everything).
 */
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { BOUNDED_ROLE_ACTIONS, PASSED_ROLE_SERVICES } from "../../lib/access/policies";
import { serviceActions } from "../../policy/action-catalogue";
import { MOCK_ACCOUNT_ID } from "../../tooling/mock-runtime/account";
import { ofType, one, Plan, planStackFile, PlannedResource, policyDocument } from "../support";

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";
const ACCOUNT = MOCK_ACCOUNT_ID;
const P = "tap-prod-use1";
const iam = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const WORKLOAD_BOUNDARY = iam("policy", `${P}-workload-boundary`);
const DEPLOY_BOUNDARY = iam("policy", `${P}-deploy-boundary`);
const DEPLOY_POLICY = iam("policy", `${P}-deploy`);
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const NEW_ROLE = iam("role", `${P}-escalate`);
const STACK_ROLE = iam("role", `${P}-app-role`);

interface Attempt {
    readonly what: string;
    readonly action: string;
    readonly resource: string;
    readonly context?: Record<string, string | string[]>;
}

type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied" | string;

/** The deploy role's session asks for `attempt`, in us-east-1, under its identity policy and its boundary. */
async function decide(deploy: { identity: unknown[]; boundary: unknown }, attempt: Attempt): Promise<Decision> {
    const simulation: Simulation = {
        request: {
            principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${P}-deploy/github-actions`,
            action: attempt.action,
            resource: { resource: attempt.resource, accountId: attempt.resource.startsWith("arn:aws:iam::aws:") ? "aws" : ACCOUNT },
            contextVariables: { "aws:RequestedRegion": "us-east-1", ...attempt.context },
        },
        identityPolicies: deploy.identity.map((policy, i) => ({ name: `deploy-${i}`, policy })),
        permissionBoundaryPolicies: [{ name: "deploy-boundary", policy: deploy.boundary }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
    };
    const result = await runSimulation(simulation, { simulationMode: "Strict" });
    if (result.resultType === "error")
        throw new Error(`${attempt.what}: the simulation refused the request: ${JSON.stringify(result.errors)}`);
    return result.overallResult;
}

/** The documents IAM evaluates for the deploy role: its attached and inline policies, and its boundary, as planned. */
function deployDocuments(plan: Plan): { identity: unknown[]; boundary: unknown } {
    const role = one(plan, ROLE, "-deploy");
    const policies = ofType(plan, POLICY);
    const byArn = (arn: unknown): PlannedResource => {
        const found = policies.find((p) => p.state.arn === arn);
        if (!found) throw new Error(`no planned policy ${String(arn)}`);
        return found;
    };
    const attached = plan.resources.filter(
        (r) => r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment" && r.inputs.role === role.state.name,
    );
    const inline = plan.resources.filter(
        (r) => r.type === "aws:iam/rolePolicy:RolePolicy" && (r.inputs.role === role.state.name || r.inputs.role === role.id),
    );
    return {
        identity: [
            ...attached.map((a) => policyDocument(byArn(a.inputs.policyArn).inputs.policy)),
            ...inline.map((r) => policyDocument(r.inputs.policy)),
        ],
        boundary: policyDocument(byArn(role.inputs.permissionsBoundary).inputs.policy),
    };
}

/** The known ways from "may deploy" to "is an administrator" (issue 28), each one request. */
const ESCALATIONS: readonly Attempt[] = [
    // create / put / attach / update-trust
    { what: "create a role with no boundary", action: "iam:CreateRole", resource: NEW_ROLE },
    {
        what: "create a role bounded by the deploy boundary (which allows IAM)",
        action: "iam:CreateRole",
        resource: NEW_ROLE,
        context: { "iam:PermissionsBoundary": DEPLOY_BOUNDARY },
    },
    {
        what: "create a role bounded by AdministratorAccess",
        action: "iam:CreateRole",
        resource: NEW_ROLE,
        context: { "iam:PermissionsBoundary": ADMIN },
    },
    {
        what: "create a role outside the stack's names, with the workload boundary",
        action: "iam:CreateRole",
        resource: iam("role", "admin"),
        context: { "iam:PermissionsBoundary": WORKLOAD_BOUNDARY },
    },
    { what: "put an inline policy on a role without a boundary", action: "iam:PutRolePolicy", resource: NEW_ROLE },
    {
        what: "put an inline policy on the deploy role itself",
        action: "iam:PutRolePolicy",
        resource: iam("role", `${P}-deploy`),
        context: { "iam:PermissionsBoundary": DEPLOY_BOUNDARY },
    },
    {
        what: "attach AdministratorAccess to a stack role",
        action: "iam:AttachRolePolicy",
        resource: STACK_ROLE,
        context: { "iam:PermissionsBoundary": WORKLOAD_BOUNDARY, "iam:PolicyARN": ADMIN },
    },
    {
        what: "attach a stack policy to the deploy role",
        action: "iam:AttachRolePolicy",
        resource: iam("role", `${P}-deploy`),
        context: { "iam:PermissionsBoundary": DEPLOY_BOUNDARY, "iam:PolicyARN": iam("policy", `${P}-anything`) },
    },
    {
        what: "attach AdministratorAccess to the operators group",
        action: "iam:AttachGroupPolicy",
        resource: iam("group", `${P}-operators`),
        context: { "iam:PolicyARN": ADMIN },
    },
    { what: "put an inline policy on the operators group", action: "iam:PutGroupPolicy", resource: iam("group", `${P}-operators`) },
    {
        what: "make the deploy role trust something else",
        action: "iam:UpdateAssumeRolePolicy",
        resource: iam("role", `${P}-deploy`),
        context: { "iam:PermissionsBoundary": DEPLOY_BOUNDARY },
    },
    { what: "change the trust of a role without a boundary", action: "iam:UpdateAssumeRolePolicy", resource: iam("role", `${P}-legacy`) },
    // remove or swap the boundary
    {
        what: "remove the workload boundary from a stack role",
        action: "iam:DeleteRolePermissionsBoundary",
        resource: STACK_ROLE,
        context: { "iam:PermissionsBoundary": WORKLOAD_BOUNDARY },
    },
    {
        what: "remove the deploy role's own boundary",
        action: "iam:DeleteRolePermissionsBoundary",
        resource: iam("role", `${P}-deploy`),
        context: { "iam:PermissionsBoundary": DEPLOY_BOUNDARY },
    },
    {
        what: "swap a stack role's boundary for AdministratorAccess",
        action: "iam:PutRolePermissionsBoundary",
        resource: STACK_ROLE,
        context: { "iam:PermissionsBoundary": ADMIN },
    },
    {
        what: "swap a stack role's boundary for the deploy boundary",
        action: "iam:PutRolePermissionsBoundary",
        resource: STACK_ROLE,
        context: { "iam:PermissionsBoundary": DEPLOY_BOUNDARY },
    },
    // widen a boundary or its own policy
    ...[WORKLOAD_BOUNDARY, DEPLOY_BOUNDARY, DEPLOY_POLICY].flatMap((arn): Attempt[] => [
        { what: `write a new default version of ${arn}`, action: "iam:CreatePolicyVersion", resource: arn },
        { what: `switch ${arn} to another version`, action: "iam:SetDefaultPolicyVersion", resource: arn },
        { what: `delete ${arn} (to create it again)`, action: "iam:DeletePolicy", resource: arn },
        { what: `delete a version of ${arn}`, action: "iam:DeletePolicyVersion", resource: arn },
        { what: `create ${arn} anew`, action: "iam:CreatePolicy", resource: arn },
    ]),
    // pass a role to a service that runs code with it
    {
        what: "pass the deploy role to EC2 (run an instance with it)",
        action: "iam:PassRole",
        resource: iam("role", `${P}-deploy`),
        context: { "iam:PassedToService": "ec2.amazonaws.com" },
    },
    {
        what: "pass the auditor role to EC2",
        action: "iam:PassRole",
        resource: iam("role", `${P}-auditor`),
        context: { "iam:PassedToService": "ec2.amazonaws.com" },
    },
    {
        what: "pass the support role to EC2",
        action: "iam:PassRole",
        resource: iam("role", `${P}-support`),
        context: { "iam:PassedToService": "ec2.amazonaws.com" },
    },
    {
        what: "pass a role outside the stack (an account admin's) to EC2",
        action: "iam:PassRole",
        resource: iam("role", "OrganizationAccountAccessRole"),
        context: { "iam:PassedToService": "ec2.amazonaws.com" },
    },
    {
        what: "pass a stack role to Lambda",
        action: "iam:PassRole",
        resource: STACK_ROLE,
        context: { "iam:PassedToService": "lambda.amazonaws.com" },
    },
    {
        what: "pass a stack role to Systems Manager (Automation, maintenance window tasks)",
        action: "iam:PassRole",
        resource: STACK_ROLE,
        context: { "iam:PassedToService": "ssm.amazonaws.com" },
    },
    {
        what: "pass a stack role to CloudFormation",
        action: "iam:PassRole",
        resource: STACK_ROLE,
        context: { "iam:PassedToService": "cloudformation.amazonaws.com" },
    },
    {
        what: "create a Lambda function (to run code with a passed role)",
        action: "lambda:CreateFunction",
        resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${P}-escalate`,
    },
    // run code where a role's credentials are
    {
        what: "send a command to the stack's instances",
        action: "ssm:SendCommand",
        resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0123456789abcdef0`,
    },
    {
        what: "open a session on an instance",
        action: "ssm:StartSession",
        resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0123456789abcdef0`,
    },
    {
        what: "start an Automation with a role",
        action: "ssm:StartAutomationExecution",
        resource: `arn:aws:ssm:us-east-1:${ACCOUNT}:automation-definition/AWS-RunShellScript:$DEFAULT`,
    },
    { what: "assume the support role", action: "sts:AssumeRole", resource: iam("role", `${P}-support`) },
    // long-lived credentials
    { what: "create an IAM user", action: "iam:CreateUser", resource: iam("user", "ci-backdoor") },
    { what: "add a user to the operators group", action: "iam:AddUserToGroup", resource: iam("group", `${P}-operators`) },
    { what: "create an access key", action: "iam:CreateAccessKey", resource: iam("user", "someone") },
    {
        what: "attach a policy to a user",
        action: "iam:AttachUserPolicy",
        resource: iam("user", "someone"),
        context: { "iam:PolicyARN": ADMIN },
    },
    { what: "create a login profile", action: "iam:CreateLoginProfile", resource: iam("user", "someone") },
];

/** What a deploy of the stack needs of IAM: if these were Denied too, the simulation would prove nothing. */
const NEEDED: readonly Attempt[] = [
    {
        what: "create a stack role with the workload boundary",
        action: "iam:CreateRole",
        resource: NEW_ROLE,
        context: { "iam:PermissionsBoundary": WORKLOAD_BOUNDARY },
    },
    {
        what: "put an inline policy on a bounded stack role",
        action: "iam:PutRolePolicy",
        resource: STACK_ROLE,
        context: { "iam:PermissionsBoundary": WORKLOAD_BOUNDARY },
    },
    {
        what: "attach AmazonSSMManagedInstanceCore to a bounded stack role",
        action: "iam:AttachRolePolicy",
        resource: STACK_ROLE,
        context: { "iam:PermissionsBoundary": WORKLOAD_BOUNDARY, "iam:PolicyARN": "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" },
    },
    {
        what: "set the workload boundary on a stack role deployed before it",
        action: "iam:PutRolePermissionsBoundary",
        resource: STACK_ROLE,
        context: { "iam:PermissionsBoundary": WORKLOAD_BOUNDARY },
    },
    {
        what: "update a bounded stack role's trust",
        action: "iam:UpdateAssumeRolePolicy",
        resource: STACK_ROLE,
        context: { "iam:PermissionsBoundary": WORKLOAD_BOUNDARY },
    },
    {
        what: "create the stack's instance profile",
        action: "iam:CreateInstanceProfile",
        resource: iam("instance-profile", `${P}-app-profile`),
    },
    {
        what: "pass the instance role to EC2",
        action: "iam:PassRole",
        resource: STACK_ROLE,
        context: { "iam:PassedToService": "ec2.amazonaws.com" },
    },
    {
        what: "pass the Auto Scaling service-linked role of the stack",
        action: "iam:PassRole",
        resource: iam("role", `aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_${P}`),
        context: { "iam:PassedToService": "autoscaling.amazonaws.com" },
    },
    { what: "assume the auditor role to verify", action: "sts:AssumeRole", resource: iam("role", `${P}-auditor`) },
];

describe("the deploy role of Pulumi.prod.yaml with tap:githubRepository (identity policy and boundary, simulated)", () => {
    let plan: Plan;
    let deploy: { identity: unknown[]; boundary: unknown };
    beforeAll(async () => {
        plan = await planStackFile("prod", { "tap:enableAccess": "true", "tap:githubRepository": "acme/tap" });
        deploy = deployDocuments(plan);
    });

    it("reads the planned documents: an attached permissions policy and a boundary", () => {
        expect(deploy.identity.length).toBeGreaterThan(0);
        expect(JSON.stringify(deploy.boundary)).toContain("DenyRolesWithoutWorkloadBoundary");
    });

    it("is Denied every known escalation path (0 Allowed)", async () => {
        expect(ESCALATIONS.length).toBeGreaterThan(40);
        const allowed: string[] = [];
        for (const attempt of ESCALATIONS) {
            if ((await decide(deploy, attempt)) === "Allowed") allowed.push(`${attempt.what} (${attempt.action} on ${attempt.resource})`);
        }
        expect(allowed).toEqual([]);
    });

    it("is Allowed what a deploy needs of IAM: bounded roles, their policies, passing them to their services", async () => {
        const denied: string[] = [];
        for (const attempt of NEEDED) {
            const decision = await decide(deploy, attempt);
            if (decision !== "Allowed") denied.push(`${attempt.what}: ${decision}`);
        }
        expect(denied).toEqual([]);
    });

    it("lets the deploy role create or change a role only with the workload boundary, for every action that takes iam:PermissionsBoundary", async () => {
        // The list the policies are written from is the catalogue's (Service Authorization Reference).
        const catalogue = (serviceActions("iam") ?? []) as ReadonlyArray<{ name: string; accessLevel: string; conditionKeys?: string[] }>;
        const takesBoundary = catalogue
            .filter((a) => a.conditionKeys?.includes("iam:PermissionsBoundary") && /Role/.test(a.name) && a.accessLevel !== "Read")
            .map((a) => `iam:${a.name}`)
            .filter((a) => a !== "iam:DeleteRolePermissionsBoundary")
            .sort();
        expect([...BOUNDED_ROLE_ACTIONS].sort()).toEqual(takesBoundary);
        const wrong: string[] = [];
        // Attaching and detaching also name the policy (iam:PolicyARN): one of the stack's own.
        const policyOf = (action: string): Record<string, string> =>
            /Attach|Detach/.test(action) ? { "iam:PolicyARN": iam("policy", `${P}-app-logs`) } : {};
        for (const action of BOUNDED_ROLE_ACTIONS) {
            for (const boundary of [undefined, DEPLOY_BOUNDARY, ADMIN]) {
                const decision = await decide(deploy, {
                    what: action,
                    action,
                    resource: NEW_ROLE,
                    context: { ...policyOf(action), ...(boundary ? { "iam:PermissionsBoundary": boundary } : {}) },
                });
                if (decision === "Allowed") wrong.push(`${action} with boundary ${boundary ?? "(none)"}`);
            }
            if (
                (await decide(deploy, {
                    what: action,
                    action,
                    resource: NEW_ROLE,
                    context: { ...policyOf(action), "iam:PermissionsBoundary": WORKLOAD_BOUNDARY },
                })) !== "Allowed"
            )
                wrong.push(`${action} Denied with the workload boundary`);
        }
        expect(wrong).toEqual([]);
    });

    it("puts the workload boundary on every role of the stack but the deploy role (its own boundary), and keeps each managed policy within IAM's 6,144 characters", () => {
        const roles = ofType(plan, ROLE);
        expect(roles.length).toBeGreaterThan(6);
        expect(
            roles.filter((r) => r.inputs.permissionsBoundary !== WORKLOAD_BOUNDARY).map((r) => [r.name, r.inputs.permissionsBoundary]),
        ).toEqual([[`${P}-deploy`, DEPLOY_BOUNDARY]]);
        // IAM quotas: "Managed policy size: 6,144 characters" (IAM User Guide, IAM and AWS STS quotas), whitespace not counted.
        const policies = ofType(plan, POLICY);
        expect(policies.length).toBeGreaterThan(2);
        for (const p of policies) expect([p.name, JSON.stringify(policyDocument(p.inputs.policy)).length <= 6144]).toEqual([p.name, true]);
    });

    it("passes each role the plan hands to a service only to a service its trust policy names, and the deploy role may pass to those", () => {
        const roles = ofType(plan, ROLE);
        const instanceRoles = ofType(plan, "aws:iam/instanceProfile:InstanceProfile").map((p) => p.inputs.role);
        const passed = roles.filter(
            (r) =>
                instanceRoles.includes(r.state.name) ||
                plan.resources.some(
                    (x) =>
                        x !== r &&
                        x.type !== "aws:iam/rolePolicy:RolePolicy" &&
                        x.type !== "aws:iam/rolePolicyAttachment:RolePolicyAttachment" &&
                        x.type !== "aws:iam/instanceProfile:InstanceProfile" &&
                        Object.values(x.inputs).includes(r.state.arn),
                ),
        );
        expect(passed.length).toBeGreaterThanOrEqual(5);
        const services = passed.flatMap((r) =>
            (policyDocument(r.inputs.assumeRolePolicy).Statement as Array<{ Principal?: { Service?: string } }>)
                .map((s) => s.Principal?.Service)
                .filter((s): s is string => s !== undefined),
        );
        expect(services.filter((s) => !PASSED_ROLE_SERVICES.includes(s))).toEqual([]);
    });
});

describe("the workload boundary grants no IAM write", () => {
    let boundary: unknown;
    beforeAll(async () => {
        const plan = await planStackFile("prod", { "tap:enableAccess": "true", "tap:githubRepository": "acme/tap" });
        boundary = policyDocument(one(plan, POLICY, "-workload-boundary").inputs.policy);
    });

    it("denies every IAM action the Service Authorization Reference does not list as Read or List, even to a role with *:*", async () => {
        const writes = ((serviceActions("iam") ?? []) as ReadonlyArray<{ name: string; accessLevel: string }>)
            .filter((a) => a.accessLevel !== "Read" && a.accessLevel !== "List")
            .map((a) => `iam:${a.name}`);
        expect(writes.length).toBeGreaterThan(100);
        expect(writes).toEqual(expect.arrayContaining(["iam:PassRole", "iam:CreateRole", "iam:PutRolePolicy", "iam:CreatePolicyVersion"]));
        const allowed: string[] = [];
        for (const action of writes) {
            const result = await runSimulation(
                {
                    request: {
                        principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${P}-app-role/i-0123`,
                        action,
                        resource: { resource: "*", accountId: ACCOUNT },
                        contextVariables: { "aws:RequestedRegion": "us-east-1" },
                    },
                    identityPolicies: [
                        {
                            name: "everything",
                            policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
                        },
                    ],
                    permissionBoundaryPolicies: [{ name: "workload-boundary", policy: boundary }],
                    serviceControlPolicies: [],
                    resourceControlPolicies: [],
                },
                { simulationMode: "Strict" },
            );
            if (result.resultType === "error") throw new Error(`${action}: ${JSON.stringify(result.errors)}`);
            if (result.overallResult === "Allowed") allowed.push(action);
        }
        expect(allowed).toEqual([]);
    });
});
