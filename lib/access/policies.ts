/**
 * The policy documents of the Access component, as pure functions of plain values (ARNs, names,
 * regions), so tests read them without a Pulumi runtime and the component only wires inputs in.
 */
import { RESOURCE_LEVEL_VERIFY_ACTIONS } from "./verify-permissions";

/** An IAM policy statement as tap writes them (JSON-ready). */
export interface PolicyStatement {
    readonly Sid: string;
    readonly Effect: "Allow" | "Deny";
    readonly Action?: string | readonly string[];
    readonly NotAction?: readonly string[];
    readonly Resource: string | readonly string[];
    readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | boolean | readonly string[]>>>>;
}

export interface PolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: readonly PolicyStatement[];
}

export const document = (...statements: readonly PolicyStatement[]): PolicyDocument => ({ Version: "2012-10-17", Statement: statements });

/** GitHub Actions' OIDC issuer (host, as IAM names the provider and its condition keys). */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
/** The audience `aws-actions/configure-aws-credentials` asks GitHub for. */
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";
/** The Session Manager preferences document (issue 12 owns its content): the only document operators may open sessions with. */
export const SESSION_DOCUMENT_NAME = "SSM-SessionManagerRunShell";

/** Session lengths, in seconds: an hour for people; two for a deploy (a Multi-AZ database takes most of one). */
export const HUMAN_SESSION_SECONDS = 3600;
export const DEPLOY_SESSION_SECONDS = 7200;

/** AWS managed policies a deploy may attach: the ones the program attaches (a test holds the list to the plan). */
export const DEPLOYABLE_MANAGED_POLICIES: readonly string[] = [
    "AmazonSSMManagedInstanceCore",
    "service-role/AWS_ConfigRole",
    "AWSSupportAccess",
    "service-role/AmazonRDSEnhancedMonitoringRole",
    "service-role/AWSBackupServiceRolePolicyForBackup",
    "service-role/AWSBackupServiceRolePolicyForRestores",
    // AWS Backup of the app data bucket (lib/data/backup.ts BACKUP_S3_POLICY_ARNS).
    "AWSBackupServiceRolePolicyForS3Backup",
    "AWSBackupServiceRolePolicyForS3Restore",
];

/**
 * The `sub` claim the deploy role trusts: one repository and either one GitHub environment or one
 * branch (`main` by default), never a wildcard. GitHub's format:
 * `repo:<owner>/<name>:environment:<env>` or `repo:<owner>/<name>:ref:refs/heads/<branch>`.
 */
export function githubSubject(repository: string, ref: { readonly githubEnvironment?: string; readonly githubBranch?: string }): string {
    return ref.githubEnvironment !== undefined
        ? `repo:${repository}:environment:${ref.githubEnvironment}`
        : `repo:${repository}:ref:refs/heads/${ref.githubBranch ?? "main"}`;
}

/**
 * The operators' MFA enforcement, written from AWS's documented example ("IAM: Allows IAM users
 * to self-manage an MFA device"): without MFA a user may only list and enrol their own device
 * and get an MFA session (CLI); everything else is denied. `BoolIfExists`: long-term keys carry
 * no `aws:MultiFactorAuthPresent`, and must be denied too. CIS 1.10 / IAM.19.
 */
export function mfaEnforcementPolicy(partition: string): PolicyDocument {
    const ownUser = `arn:${partition}:iam::*:user/\${aws:username}`;
    const selfService = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices", "iam:ListUsers", "iam:ListVirtualMFADevices", "iam:ResyncMFADevice", "sts:GetSessionToken"];
    return document(
        // The console's MFA page lists users and devices; device names are the user's choice (mfa/*).
        { Sid: "AllowListUsersAndMFADevices", Effect: "Allow", Action: ["iam:ListUsers", "iam:ListVirtualMFADevices"], Resource: "*" },
        { Sid: "AllowCreateVirtualMFADevice", Effect: "Allow", Action: ["iam:CreateVirtualMFADevice"], Resource: `arn:${partition}:iam::*:mfa/*` },
        { Sid: "AllowManageOwnMFA", Effect: "Allow", Action: ["iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices", "iam:ResyncMFADevice"], Resource: ownUser },
        {
            Sid: "AllowDeactivateOwnMFAOnlyWithMFA", Effect: "Allow", Action: ["iam:DeactivateMFADevice"], Resource: ownUser,
            Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
        },
        {
            Sid: "BlockMostAccessUnlessSignedInWithMFA", Effect: "Deny", NotAction: selfService, Resource: "*",
            Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
        },
    );
}

export interface SessionAccess {
    readonly partition: string;
    readonly account: string;
    readonly environmentSuffix: string;
    /** Every region of the stack, the primary first. */
    readonly regions: readonly string[];
    /** The stack's KMS key of each region (Session Manager encrypts sessions with it, issue 12). */
    readonly keyArns: readonly string[];
    /** Roles the operators may assume (support, auditor); each requires MFA in its own trust. */
    readonly assumableRoleArns: readonly string[];
}

/**
 * What an operator may do once signed in with MFA, and nothing else: open Session Manager
 * sessions on this stack's instances (tag `Environment`, from the provider's default tags) with
 * the session document only, end or resume their own sessions, use the stack keys the sessions
 * are encrypted with, and assume the support and auditor roles.
 */
export function operatorSessionPolicy(a: SessionAccess): PolicyDocument {
    const inRegions = (resource: (region: string) => string) => a.regions.map(resource);
    return document(
        {
            Sid: "StartSessionOnStackInstances", Effect: "Allow", Action: ["ssm:StartSession"],
            Resource: inRegions((r) => `arn:${a.partition}:ec2:${r}:${a.account}:instance/*`),
            Condition: {
                StringEquals: { "ssm:resourceTag/Environment": a.environmentSuffix },
                // The session must name a document the caller is allowed (the next statement's).
                BoolIfExists: { "ssm:SessionDocumentAccessCheck": "true" },
            },
        },
        {
            Sid: "StartSessionWithTheSessionDocument", Effect: "Allow", Action: ["ssm:StartSession"],
            Resource: inRegions((r) => `arn:${a.partition}:ssm:${r}:${a.account}:document/${SESSION_DOCUMENT_NAME}`),
        },
        {
            // Own sessions only. Session ids start with the IAM user's name (AWS's IAM-user examples) or,
            // in the current quickstart, the caller's user id; ssmmessages:OpenDataChannel is what newer
            // Session Manager clients open the shell with.
            Sid: "UseEndOrResumeOwnSessions", Effect: "Allow", Action: ["ssm:TerminateSession", "ssm:ResumeSession", "ssmmessages:OpenDataChannel"],
            Resource: a.regions.flatMap((r) => ["username", "userid"].map((v) => `arn:${a.partition}:ssm:${r}:${a.account}:session/\${aws:${v}}-*`)),
        },
        { Sid: "EncryptSessions", Effect: "Allow", Action: ["kms:GenerateDataKey"], Resource: [...a.keyArns] },
        ...(a.assumableRoleArns.length > 0
            ? [{ Sid: "AssumeSupportAndAuditor", Effect: "Allow" as const, Action: ["sts:AssumeRole"], Resource: [...a.assumableRoleArns] }]
            : []),
    );
}

/** Where the auditor may read: this account's resources, and the stack's buckets (S3 ARNs carry no account). */
export interface AuditorScope {
    readonly partition: string;
    readonly account: string;
    /** The stack's bucket names start with it: `tap-<environmentSuffix>-`. */
    readonly bucketPrefix: string;
}

/**
 * The auditor's whole policy: exactly the read-only actions the post-deploy checks call
 * (lib/access/verify-permissions.ts). Actions that take resource-level permissions are held to this
 * account's resources and the stack's buckets (IAM.21, least privilege); the others AWS only
 * grants on Resource "*".
 */
export function auditorPolicy(actions: readonly string[], scope: AuditorScope): PolicyDocument {
    const scoped = actions.filter((a) => RESOURCE_LEVEL_VERIFY_ACTIONS.includes(a));
    const unscoped = actions.filter((a) => !RESOURCE_LEVEL_VERIFY_ACTIONS.includes(a));
    return document(
        { Sid: "VerifyChecksReadOnly", Effect: "Allow", Action: unscoped, Resource: "*" },
        {
            Sid: "VerifyChecksReadOnlyThisAccount", Effect: "Allow", Action: scoped,
            Resource: [`arn:${scope.partition}:*:*:${scope.account}:*`, `arn:${scope.partition}:s3:::${scope.bucketPrefix}*`],
        },
    );
}

export interface DeployScope {
    readonly partition: string;
    readonly account: string;
    readonly environmentSuffix: string;
    readonly regions: readonly string[];
    /** The name prefix of every region (`tap-dev-use1`): the IAM names the stack owns start with one. */
    readonly namePrefixes: readonly string[];
    /** The deploy role's own name, and its policies' (denied to itself: CI cannot widen CI). */
    readonly deployRoleName: string;
    readonly deployPolicyNames: readonly string[];
    /** The audit trail's bucket: no deploy can write, delete or re-police it. */
    readonly auditTrailBucketName: string;
}

/**
 * The services a `pulumi up` of this stack drives, in its regions only (`aws:RequestedRegion`).
 * CloudFront, its certificate and its WAF scope answer in us-east-1, which is therefore always listed.
 */
export const DEPLOY_REGIONAL_SERVICES: readonly string[] = [
    "access-analyzer", "acm", "autoscaling", "backup", "cloudtrail", "cloudwatch", "config", "ec2", "elasticloadbalancing", "events", "guardduty",
    "inspector2", "kms", "logs", "rds", "s3", "secretsmanager", "securityhub", "sns", "ssm", "wafv2",
];
/** Services whose API lives in us-east-1 whatever the stack's region (Budgets, CloudFront). */
export const DEPLOY_GLOBAL_SERVICES: readonly string[] = ["budgets", "cloudfront"];

const iamArn = (s: DeployScope, kind: string, name: string) => `arn:${s.partition}:iam::${s.account}:${kind}/${name}`;

/** What the deploy role may do (and, as its permissions boundary, the most it can ever do). */
export function deployAllowStatements(s: DeployScope): PolicyStatement[] {
    const owned = (kind: string) => s.namePrefixes.map((p) => iamArn(s, kind, `${p}-*`));
    return [
        {
            Sid: "StackServicesInStackRegions", Effect: "Allow", Action: DEPLOY_REGIONAL_SERVICES.map((service) => `${service}:*`), Resource: "*",
            Condition: { StringEquals: { "aws:RequestedRegion": [...new Set([...s.regions, "us-east-1"])] } },
        },
        {
            Sid: "GlobalServicesInUsEast1", Effect: "Allow", Action: DEPLOY_GLOBAL_SERVICES.map((service) => `${service}:*`), Resource: "*",
            Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
        },
        {
            Sid: "StackOwnedIam", Effect: "Allow", Action: ["iam:*"],
            Resource: [...owned("role"), ...owned("policy"), ...owned("instance-profile"), ...owned("group"), iamArn(s, "oidc-provider", GITHUB_OIDC_HOST)],
        },
        {
            Sid: "StackServiceLinkedRoles", Effect: "Allow",
            Action: ["iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:GetServiceLinkedRoleDeletionStatus", "iam:GetRole"],
            Resource: iamArn(s, "role", "aws-service-role/*"),
        },
        {
            Sid: "AccountPasswordPolicyAndReads", Effect: "Allow",
            Action: ["iam:GetAccountPasswordPolicy", "iam:UpdateAccountPasswordPolicy", "iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions"],
            Resource: "*",
        },
    ];
}

/** What no deploy may do, whatever else it is granted (the boundary's Deny statements). */
export function deployDenyStatements(s: DeployScope): PolicyStatement[] {
    const trailBucket = `arn:${s.partition}:s3:::${s.auditTrailBucketName}`;
    return [
        {
            // CIS 3.3-era intent: the evidence is out of reach of the pipeline it records.
            Sid: "DenyAuditTrailBucketWrites", Effect: "Deny",
            Action: ["s3:Put*", "s3:Delete*", "s3:GetObject*", "s3:Replicate*", "s3:RestoreObject", "s3:BypassGovernanceRetention"],
            Resource: [trailBucket, `${trailBucket}/*`],
        },
        { Sid: "DenyStoppingTheTrail", Effect: "Deny", Action: ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"], Resource: "*" },
        {
            // Another stack's keys (or anyone's untagged key): their policy, state and tags are not ours to change.
            Sid: "DenyOtherStacksKeys", Effect: "Deny",
            Action: ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:CreateGrant", "kms:TagResource", "kms:UntagResource", "kms:ReplicateKey"],
            Resource: "*",
            Condition: { StringNotEquals: { "aws:ResourceTag/Environment": s.environmentSuffix } },
        },
        {
            Sid: "DenyLongLivedCredentials", Effect: "Deny",
            Action: ["iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile", "iam:AddUserToGroup", "iam:AttachUserPolicy", "iam:PutUserPolicy"],
            Resource: "*",
        },
        {
            Sid: "DenyWideningItself", Effect: "Deny",
            Action: [
                "iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary", "iam:AttachRolePolicy", "iam:DetachRolePolicy",
                "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:CreatePolicyVersion",
                "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:DeletePolicy",
            ],
            Resource: [iamArn(s, "role", s.deployRoleName), ...s.deployPolicyNames.map((name) => iamArn(s, "policy", name))],
        },
        {
            Sid: "DenyAttachingOtherManagedPolicies", Effect: "Deny", Action: ["iam:AttachRolePolicy", "iam:AttachGroupPolicy"], Resource: "*",
            Condition: {
                ArnNotLike: {
                    "iam:PolicyARN": [
                        ...DEPLOYABLE_MANAGED_POLICIES.map((name) => `arn:${s.partition}:iam::aws:policy/${name}`),
                        ...s.namePrefixes.map((p) => iamArn(s, "policy", `${p}-*`)),
                    ],
                },
            },
        },
    ];
}

/** The deploy role's permissions. */
export const deployPolicy = (s: DeployScope): PolicyDocument => document(...deployAllowStatements(s));
/** Its permissions boundary: the same ceiling, and the denies no later grant can lift. */
export const deployBoundary = (s: DeployScope): PolicyDocument => document(...deployAllowStatements(s), ...deployDenyStatements(s));

/** A trust statement as tap writes them (JSON-ready); the principal is one kind. */
export interface TrustStatement {
    readonly Sid: string;
    readonly Effect: "Allow";
    readonly Principal: { readonly AWS: string } | { readonly Federated: string };
    readonly Action: string;
    readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export const trustDocument = (...statements: readonly TrustStatement[]) => ({ Version: "2012-10-17", Statement: statements });

/**
 * People of this account, signed in with MFA in the last hour: the account principal delegates to
 * IAM, so only identities whose own policy allows `sts:AssumeRole` on the role (the operators'
 * group) get in. CIS 1.10 / IAM.19; the age bound makes a stale MFA session re-authenticate.
 */
export function humanTrust(partition: string, account: string): TrustStatement {
    return {
        Sid: "AccountPeopleWithMFA", Effect: "Allow", Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: "sts:AssumeRole",
        Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThan: { "aws:MultiFactorAuthAge": String(HUMAN_SESSION_SECONDS) } },
    };
}

/** One role (a pipeline's), named exactly: a machine principal, no MFA to ask for. */
export function roleTrust(sid: string, roleArn: string): TrustStatement {
    return { Sid: sid, Effect: "Allow", Principal: { AWS: roleArn }, Action: "sts:AssumeRole" };
}

/** GitHub Actions' OIDC token for one repository's branch or environment, for STS only. */
export function githubTrust(providerArn: string, subject: string): TrustStatement {
    return {
        Sid: "GitHubActionsOfOneRepository", Effect: "Allow", Principal: { Federated: providerArn }, Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE, [`${GITHUB_OIDC_HOST}:sub`]: subject } },
    };
}

/** `owner/name`, as GitHub spells repositories (owners: letters, digits, '-'; names also '.', '_'). */
export const GITHUB_REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
/** A branch or environment name as it appears in the `sub` claim: no wildcard, no ':' (the claim's separator). */
export const GITHUB_REF_NAME = /^[A-Za-z0-9._\/-]{1,255}$/;
export const GITHUB_OIDC_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/;
