/**
 * Readiness rule "deploy-role-coverage" (issue 24 item 7): with a CI deploy role in the plan
 * (tap:githubRepository), every planned create is mapped to the IAM requests it makes
 * (deploy-actions.ts, checked against the Service Authorization Reference), and each request is
 * evaluated against the deploy role's planned identity policies and permissions boundary together
 * with an IAM policy evaluation library (@cloud-copilot/iam-simulate). A request that is not Allowed
 * is a `pulumi up` that stops halfway in a real account: a finding, with what to grant.
 *
 * What the deploy role cannot create by design is left out: itself, its own policies and the
 * workload boundary (an administrator's first `up` creates them, docs/access.md).
 */
import { actionPattern, matchingActions } from "../../../policy/action-catalogue";
import type { Plan, PlannedResource } from "../../mock-runtime/harness";
import { CREATE_ACTIONS, PASSED_TO_SERVICE, SERVICE_AUTHORIZATION_REFERENCE } from "./deploy-actions";
import type { ReadinessFinding, ReadinessInput, ReadinessRule } from "./types";

export const DEPLOY_ROLE_COVERAGE = "deploy-role-coverage";

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";
const SLR = "aws:iam/serviceLinkedRole:ServiceLinkedRole";
const PROFILE = "aws:iam/instanceProfile:InstanceProfile";
const ROLE_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const GITHUB_OIDC = "token.actions.githubusercontent.com";

/** One IAM request a create makes. */
export interface DeployRequest {
    readonly action: string;
    readonly resource: string;
    readonly context: Readonly<Record<string, string | string[]>>;
    /** Where AWS (or the provider) documents that the create makes it. */
    readonly source: string;
    /** The resource's own policy IAM also reads (a KMS key's policy: identity policies count only where it delegates to the account). */
    readonly resourcePolicy?: unknown;
}

/** What IAM evaluates for the deploy role: its identity policies and its permissions boundary, as planned. */
export interface DeployDocuments {
    readonly role: PlannedResource;
    readonly account: string;
    readonly identity: readonly unknown[];
    readonly boundary?: unknown;
    /** The resources of the role itself (role, attachments, policies, boundaries): an administrator's first `up` creates them. */
    readonly bootstrap: ReadonlySet<string>;
}

/** A planned input that holds JSON (a policy, default tags): as the provider sends it, a string, or already an object. */
export const parseInput = (value: unknown): unknown => (typeof value === "string" ? JSON.parse(value) : value);
const arnOf = (r: PlannedResource): string | undefined =>
    typeof r.state.arn === "string" && r.state.arn.startsWith("arn:") ? r.state.arn : undefined;

/** The plan's CI deploy role (trusted by GitHub's OIDC provider), or undefined. */
function findDeployRole(plan: Plan): PlannedResource | undefined {
    return plan.resources.find(
        (r) => r.type === ROLE && JSON.stringify(parseInput(r.inputs.assumeRolePolicy) ?? "").includes(`:oidc-provider/${GITHUB_OIDC}`),
    );
}

const policyIn = (plan: Plan) => (arn: unknown) => plan.resources.find((p) => p.type === POLICY && p.state.arn === arn);

/** A planned role's policy resources: its attachments, the policies they attach, its inline policies, its boundary. */
function rolePieces(plan: Plan, role: PlannedResource) {
    const named = (r: PlannedResource) => r.inputs.role === role.state.name || r.inputs.role === role.id;
    const policyByArn = policyIn(plan);
    const attachments = plan.resources.filter((r) => r.type === ROLE_ATTACHMENT && named(r));
    const attached = attachments.map((a) => policyByArn(a.inputs.policyArn)).filter((p): p is PlannedResource => p !== undefined);
    const inline = plan.resources.filter((r) => r.type === ROLE_POLICY && named(r));
    return { attachments, attached, inline, boundary: policyByArn(role.inputs.permissionsBoundary) };
}

/**
 * What IAM evaluates for any planned role: its attached and inline policies and its permissions boundary,
 * as planned (the readiness rule sfn-permissions simulates a state machine's roles with it).
 */
export function roleDocuments(plan: Plan, role: PlannedResource): DeployDocuments {
    const { attached, inline, boundary } = rolePieces(plan, role);
    return {
        role,
        account: /^arn:[^:]+:iam::(\d{12}):/.exec(String(role.state.arn))?.[1] ?? "",
        identity: [...attached.map((p) => parseInput(p.inputs.policy)), ...inline.map((r) => parseInput(r.inputs.policy))],
        boundary: boundary ? parseInput(boundary.inputs.policy) : undefined,
        bootstrap: new Set(),
    };
}

/** The deploy role's documents, read from the plan (attachments and inline policies), or undefined without one. */
export function deployRoleDocuments(plan: Plan): DeployDocuments | undefined {
    const role = findDeployRole(plan);
    if (!role) return undefined;
    const { attachments, attached, inline, boundary } = rolePieces(plan, role);
    const policyByArn = policyIn(plan);
    // The boundary the deploy role must give every other role: created with it, not by it.
    const workloadBoundaries = plan.resources
        .filter((r) => r.type === ROLE && r !== role && r.inputs.permissionsBoundary !== undefined)
        .map((r) => policyByArn(r.inputs.permissionsBoundary))
        .filter((p): p is PlannedResource => p !== undefined);
    return {
        ...roleDocuments(plan, role),
        bootstrap: new Set(
            [role, ...attachments, ...attached, ...inline, ...(boundary ? [boundary] : []), ...workloadBoundaries].map((r) => r.urn),
        ),
    };
}

/**
 * The IAM evaluation libraries, loaded on the first request: a plan without a deploy role (every stack file
 * without tap:githubRepository, so `npm run plan` of dev) never needs their 102 modules (about 22 ms of CPU).
 */
let iam: { policy: typeof import("@cloud-copilot/iam-policy"); simulate: typeof import("@cloud-copilot/iam-simulate") } | undefined;
function iamLibraries(): NonNullable<typeof iam> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    iam ??= { policy: require("@cloud-copilot/iam-policy"), simulate: require("@cloud-copilot/iam-simulate") };
    return iam;
}

/** The deploy role's session asks for `request`: Allowed, ImplicitlyDenied or ExplicitlyDenied. */
export function decide(docs: DeployDocuments, request: Pick<DeployRequest, "action" | "resource" | "context" | "resourcePolicy">): string {
    const {
        policy: { createValidatedPolicy, validateResourcePolicy },
        simulate: { runUnsafeSimulation },
    } = iamLibraries();
    return runUnsafeSimulation(
        {
            request: {
                principal: `arn:aws:sts::${docs.account}:assumed-role/${String(docs.role.state.name)}/pulumi-up`,
                action: request.action,
                resource: { resource: request.resource, accountId: docs.account },
                contextVariables: { ...request.context },
            },
            identityPolicies: docs.identity.map((policy, i) => ({ name: `identity-${i}`, policy })),
            // Named (its metadata): the synchronous engine reports the deciding policy by name.
            resourcePolicy:
                request.resourcePolicy === undefined
                    ? undefined
                    : createValidatedPolicy(request.resourcePolicy, validateResourcePolicy, { name: "resource-policy" }),
            permissionBoundaryPolicies: docs.boundary === undefined ? undefined : [{ name: "boundary", policy: docs.boundary }],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
        },
        {},
    );
}

/** Services whose API answers in us-east-1 whatever the stack's region (`aws:RequestedRegion`). */
const GLOBAL_SERVICES = new Set(["iam", "route53", "budgets", "cloudfront", "sts"]);

interface Where {
    readonly region: string;
    readonly tags: Readonly<Record<string, string>>;
}

/** The region and tags (provider default tags, then the resource's own) a resource is created with. */
function whereOf(plan: Plan, r: PlannedResource): Where {
    const provider = plan.resources.find((p) => p.type === "pulumi:providers:aws" && p.name === r.provider);
    const defaults = (parseInput(provider?.inputs.defaultTags) as { tags?: Record<string, string> } | undefined)?.tags ?? {};
    const own =
        r.inputs.tags && typeof r.inputs.tags === "object" && !Array.isArray(r.inputs.tags)
            ? (r.inputs.tags as Record<string, string>)
            : {};
    return { region: String(provider?.inputs.region ?? "us-east-1"), tags: { ...defaults, ...own } };
}

const tagContext = (
    prefix: "aws:RequestTag" | "aws:ResourceTag",
    tags: Readonly<Record<string, string>>,
): Record<string, string | string[]> => ({
    ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`${prefix}/${k}`, String(v)])),
    ...(prefix === "aws:RequestTag" && Object.keys(tags).length > 0 ? { "aws:TagKeys": Object.keys(tags) } : {}),
});

function request(
    where: Where,
    action: string,
    resource: string,
    source: string,
    context: Record<string, string | string[]> = {},
    tags: "request" | "resource" | "both" | "none" = "both",
): DeployRequest {
    const service = action.slice(0, action.indexOf(":"));
    return {
        action,
        resource,
        source,
        context: {
            "aws:RequestedRegion": GLOBAL_SERVICES.has(service) ? "us-east-1" : where.region,
            ...(tags === "request" || tags === "both" ? tagContext("aws:RequestTag", where.tags) : {}),
            ...(tags === "resource" || tags === "both" ? tagContext("aws:ResourceTag", where.tags) : {}),
            ...context,
        },
    };
}

const IAM_SOURCE =
    'IAM User Guide, "Permissions boundaries for IAM entities" (iam:PermissionsBoundary) and IAM API Reference, CreateRole: "To create a role with tags, iam:TagRole"';
const KMS_SOURCE = 'AWS KMS API Reference, CreateKey: "To use the Tags parameter, kms:TagResource (IAM policy)"';
const BACKUP_SOURCE =
    'AWS Backup Developer Guide, "Access control": CreateBackupVault requires backup-storage:MountCapsule and kms:CreateGrant, kms:GenerateDataKey, kms:Decrypt, kms:DescribeKey on the vault\'s key';
const ROUTE53_SOURCE =
    'Route 53 Developer Guide, "Amazon Route 53 API permissions reference": ChangeResourceRecordSets on the hosted zone, GetChange on change/*';
const PASSROLE_SOURCE =
    'IAM User Guide, "Grant a user permissions to pass a role to an AWS service" (iam:PassedToService); EC2 Auto Scaling User Guide, "Amazon EC2 Auto Scaling API permissions"';

/** The IAM-side requests of one planned resource, or undefined when its type is in no table. */
export function requestsFor(plan: Plan, r: PlannedResource): DeployRequest[] | undefined {
    const where = whereOf(plan, r);
    const arn = arnOf(r) ?? "*";
    const roleOf = (name: unknown) => plan.resources.find((x) => x.type === ROLE && (x.state.name === name || x.id === name));
    const bounded = (role: PlannedResource | undefined): Record<string, string> =>
        role?.inputs.permissionsBoundary !== undefined ? { "iam:PermissionsBoundary": String(role.inputs.permissionsBoundary) } : {};
    switch (r.type) {
        case ROLE:
            return [
                request(where, "iam:CreateRole", arn, IAM_SOURCE, bounded(r), "request"),
                request(where, "iam:TagRole", arn, IAM_SOURCE, {}, "request"),
                ...["iam:GetRole", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"].map((a) =>
                    request(where, a, arn, IAM_SOURCE, {}, "resource"),
                ),
            ];
        case ROLE_POLICY: {
            const role = roleOf(r.inputs.role);
            const roleArn = role ? (arnOf(role) ?? "*") : "*";
            return [
                request(where, "iam:PutRolePolicy", roleArn, IAM_SOURCE, bounded(role), "none"),
                request(where, "iam:GetRolePolicy", roleArn, IAM_SOURCE, {}, "none"),
            ];
        }
        case ROLE_ATTACHMENT: {
            const role = roleOf(r.inputs.role);
            const roleArn = role ? (arnOf(role) ?? "*") : "*";
            return [
                request(
                    where,
                    "iam:AttachRolePolicy",
                    roleArn,
                    IAM_SOURCE,
                    { ...bounded(role), "iam:PolicyARN": String(r.inputs.policyArn) },
                    "none",
                ),
                request(where, "iam:ListAttachedRolePolicies", roleArn, IAM_SOURCE, {}, "none"),
            ];
        }
        case PROFILE:
            return ["iam:CreateInstanceProfile", "iam:TagInstanceProfile", "iam:AddRoleToInstanceProfile", "iam:GetInstanceProfile"].map(
                (a) => request(where, a, arn, IAM_SOURCE, {}, "request"),
            );
        case POLICY:
            return ["iam:CreatePolicy", "iam:TagPolicy", "iam:GetPolicy", "iam:GetPolicyVersion"].map((a) =>
                request(where, a, arn, IAM_SOURCE, {}, "request"),
            );
        case "aws:iam/group:Group":
            return ["iam:CreateGroup", "iam:GetGroup"].map((a) => request(where, a, arn, IAM_SOURCE, {}, "none"));
        case "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": {
            const group = plan.resources.find(
                (g) => g.type === "aws:iam/group:Group" && (g.state.name === r.inputs.group || g.id === r.inputs.group),
            );
            return [
                request(
                    where,
                    "iam:AttachGroupPolicy",
                    group ? (arnOf(group) ?? "*") : "*",
                    IAM_SOURCE,
                    { "iam:PolicyARN": String(r.inputs.policyArn) },
                    "none",
                ),
            ];
        }
        case "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
            return ["iam:CreateOpenIDConnectProvider", "iam:TagOpenIDConnectProvider", "iam:GetOpenIDConnectProvider"].map((a) =>
                request(where, a, arn, IAM_SOURCE, {}, "request"),
            );
        case SLR:
            return [
                request(
                    where,
                    "iam:CreateServiceLinkedRole",
                    arn,
                    IAM_SOURCE,
                    { "iam:AWSServiceName": String(r.inputs.awsServiceName) },
                    "none",
                ),
                request(where, "iam:GetRole", arn, IAM_SOURCE, {}, "none"),
            ];
        case "aws:iam/accountPasswordPolicy:AccountPasswordPolicy":
            return ["iam:UpdateAccountPasswordPolicy", "iam:GetAccountPasswordPolicy"].map((a) =>
                request(where, a, "*", IAM_SOURCE, {}, "none"),
            );
        case "aws:kms/key:Key": {
            // Created with its tags: CreateKey names no resource, and the new key has no tag yet when TagResource is checked.
            // On the key, its own policy decides too (AWS KMS Developer Guide, "Key policies": IAM policies count where it delegates to the account).
            const keyPolicy = { resourcePolicy: parseInput(r.inputs.policy) };
            return [
                request(where, "kms:CreateKey", "*", KMS_SOURCE, {}, "request"),
                { ...request(where, "kms:TagResource", arn, KMS_SOURCE, {}, "request"), ...keyPolicy },
                ...["kms:EnableKeyRotation", "kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"].map(
                    (a) => ({ ...request(where, a, arn, KMS_SOURCE, {}, "resource"), ...keyPolicy }),
                ),
            ];
        }
        case "aws:backup/vault:Vault": {
            const key = plan.resources.find((k) => k.type === "aws:kms/key:Key" && k.state.arn === r.inputs.kmsKeyArn);
            const keyWhere = key ? whereOf(plan, key) : where;
            const keyArn = typeof r.inputs.kmsKeyArn === "string" ? r.inputs.kmsKeyArn : "*";
            return [
                ...["backup:CreateBackupVault", "backup:TagResource", "backup:DescribeBackupVault"].map((a) =>
                    request(where, a, arn, BACKUP_SOURCE),
                ),
                request(where, "backup-storage:MountCapsule", "*", BACKUP_SOURCE, {}, "none"),
                ...["kms:CreateGrant", "kms:GenerateDataKey", "kms:Decrypt", "kms:DescribeKey"].map((a) => ({
                    ...request(keyWhere, a, keyArn, BACKUP_SOURCE, {}, "resource"),
                    resourcePolicy: key ? parseInput(key.inputs.policy) : undefined,
                })),
            ];
        }
        case "aws:route53/record:Record": {
            const zone = `arn:aws:route53:::hostedzone/${String(r.inputs.zoneId)}`;
            return [
                request(where, "route53:ChangeResourceRecordSets", zone, ROUTE53_SOURCE, {}, "none"),
                request(where, "route53:ListResourceRecordSets", zone, ROUTE53_SOURCE, {}, "none"),
                request(where, "route53:GetChange", "arn:aws:route53:::change/*", ROUTE53_SOURCE, {}, "none"),
            ];
        }
        case "aws:ec2/vpcEndpoint:VpcEndpoint": {
            // Unconfirmed: an interface endpoint with private DNS associates an AWS-managed private hosted zone with the VPC
            // (CreateVpcEndpoint, PrivateDnsEnabled: "associate a private hosted zone with the specified VPC"); whether the
            // caller needs route53:AssociateVPCWithHostedZone for it is not documented, so the rule asks for it.
            const base = (CREATE_ACTIONS[r.type] ?? []).map((a) => request(where, a, arn, `${SERVICE_AUTHORIZATION_REFERENCE} (ec2)`));
            return r.inputs.privateDnsEnabled === true
                ? [
                      ...base,
                      request(
                          where,
                          "route53:AssociateVPCWithHostedZone",
                          "arn:aws:route53:::hostedzone/*",
                          "EC2 API Reference, CreateVpcEndpoint, PrivateDnsEnabled (unconfirmed)",
                          {},
                          "none",
                      ),
                  ]
                : base;
        }
        default: {
            const actions = CREATE_ACTIONS[r.type];
            if (!actions) return undefined;
            const resource = typeof r.inputs.bucket === "string" && r.type.startsWith("aws:s3/") ? `arn:aws:s3:::${r.inputs.bucket}` : arn;
            return actions.map((a) =>
                request(
                    where,
                    a,
                    resource,
                    `${SERVICE_AUTHORIZATION_REFERENCE} (${a.slice(0, a.indexOf(":"))}); the provider's create and read of ${r.type}`,
                ),
            );
        }
    }
}

/** Every string anywhere in a resource's inputs (not inside JSON documents: a policy naming a role passes nothing). */
function inputStrings(value: unknown, out: string[] = []): string[] {
    if (typeof value === "string") out.push(value);
    else if (Array.isArray(value)) for (const v of value) inputStrings(v, out);
    else if (value && typeof value === "object") for (const v of Object.values(value)) inputStrings(v, out);
    return out;
}

/** The roles a resource hands to a service (a role's ARN, or an instance profile's, among its inputs): iam:PassRole each. */
function passRoleRequests(plan: Plan, r: PlannedResource): Array<DeployRequest | { readonly unknownService: string }> {
    if (r.type.startsWith("aws:iam/")) return [];
    const values = new Set(inputStrings(r.inputs));
    const roles = plan.resources.filter((x) => (x.type === ROLE || x.type === SLR) && values.has(String(x.state.arn)));
    const viaProfiles = plan.resources
        .filter((p) => p.type === PROFILE && values.has(String(p.state.arn)))
        .map((p) => plan.resources.find((x) => x.type === ROLE && (x.state.name === p.inputs.role || x.id === p.inputs.role)))
        .filter((x): x is PlannedResource => x !== undefined);
    const passed = [...new Set([...roles, ...viaProfiles])];
    if (passed.length === 0) return [];
    const service = PASSED_TO_SERVICE[r.type];
    if (service === undefined) return [{ unknownService: passed.map((x) => String(x.state.arn)).join(", ") }];
    const where = whereOf(plan, r);
    return passed.map((role) =>
        request(where, "iam:PassRole", String(role.state.arn), PASSROLE_SOURCE, { "iam:PassedToService": service }, "none"),
    );
}

const patterns = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === "string" ? [value] : []);
const matches = (pattern: string, action: string) => actionPattern(pattern).test(action);

/**
 * Whether the boundary keeps the deploy role off this very resource on purpose: an unconditional Deny
 * that names it (not "*"), such as the audit trail's bucket. An administrator's `up` creates and
 * changes those (docs/access.md); they are not a coverage gap.
 */
function reservedByDesign(docs: DeployDocuments, req: DeployRequest): boolean {
    const statements = (docs.boundary as { Statement?: Array<Record<string, unknown>> } | undefined)?.Statement ?? [];
    return statements.some(
        (s) =>
            s.Effect === "Deny" &&
            s.Condition === undefined &&
            patterns(s.Resource).some((res) => res !== "*" && res === req.resource) &&
            patterns(s.Action).some((a) => matches(a, req.action)),
    );
}

/** Whether the Service Authorization Reference (iam-data) has the action. */
export const knownAction = (action: string): boolean =>
    (matchingActions(action) ?? []).some((a) => `${action.slice(0, action.indexOf(":"))}:${a.name}`.toLowerCase() === action.toLowerCase());

/** The findings of one plan: every request of every planned create the deploy role would be refused. */
export function deployRoleFindings(plan: Plan): ReadinessFinding[] {
    const docs = deployRoleDocuments(plan);
    if (!docs) return [];
    const name = String(docs.role.state.name);
    const findings: ReadinessFinding[] = [];
    const creates = plan.resources.filter((r) => r.custom && r.type.startsWith("aws:") && !docs.bootstrap.has(r.urn));
    for (const r of creates) {
        const requests = requestsFor(plan, r);
        if (requests === undefined) {
            findings.push({
                rule: DEPLOY_ROLE_COVERAGE,
                resource: r.urn,
                source: SERVICE_AUTHORIZATION_REFERENCE,
                message: `${r.type} is in no table of tooling/plan/readiness/deploy-actions.ts: say which IAM actions creating it needs, then grant them to ${name}`,
            });
            continue;
        }
        for (const req of [...requests, ...passRoleRequests(plan, r)]) {
            if ("unknownService" in req) {
                findings.push({
                    rule: DEPLOY_ROLE_COVERAGE,
                    resource: r.urn,
                    source: PASSROLE_SOURCE,
                    message: `${r.type} hands ${req.unknownService} to a service PASSED_TO_SERVICE does not name: add the service principal, and let ${name} pass the role to it`,
                });
                continue;
            }
            if (!knownAction(req.action)) {
                findings.push({
                    rule: DEPLOY_ROLE_COVERAGE,
                    resource: r.urn,
                    source: SERVICE_AUTHORIZATION_REFERENCE,
                    message: `${req.action} is not an IAM action AWS lists: fix the mapping of ${r.type}`,
                });
                continue;
            }
            const decision = decide(docs, req);
            if (decision === "ExplicitlyDenied" && reservedByDesign(docs, req)) continue;
            if (decision !== "Allowed") {
                const context = Object.entries(req.context)
                    .filter(([k]) => !k.startsWith("aws:RequestTag/") && !k.startsWith("aws:ResourceTag/") && k !== "aws:TagKeys")
                    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join("|") : v}`)
                    .join(", ");
                findings.push({
                    rule: DEPLOY_ROLE_COVERAGE,
                    resource: r.urn,
                    source: req.source,
                    message:
                        `${name} is ${decision === "ExplicitlyDenied" ? "explicitly denied" : "not allowed"} ${req.action} on ${req.resource}${context ? ` (${context})` : ""}: ` +
                        `creating ${r.name} stops there; grant it in lib/access/policies.ts (the permissions and, if the boundary refuses it, the boundary)`,
                });
            }
        }
    }
    return findings;
}

/** The rule over one stack's plan (cross-stack inputs unused). */
export const deployRoleCoverage: ReadinessRule = (input: ReadinessInput) => deployRoleFindings(input.stack.plan);
