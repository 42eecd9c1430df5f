/**
 * The key policy of the stack's customer-managed KMS key, as a pure function of plain values:
 * who may use the key, and under which conditions. Each service statement is the one AWS
 * documents for that service; leaving one out fails the deployment that needs it.
 */

export interface KeyPolicyContext {
    /** `aws`, `aws-cn`, `aws-us-gov`. */
    readonly partition: string;
    /** DNS suffix of the partition, for regional service principals (`amazonaws.com`). */
    readonly dnsSuffix: string;
    readonly accountId: string;
    readonly region: string;
    /** The EC2 Auto Scaling service-linked role that launches the app instances (encrypted EBS). */
    readonly autoScalingRoleArn: string;
    /** CloudFront distributions of the account read SSE-KMS origin buckets (StaticSite). @default false */
    readonly cloudFrontOrigins?: boolean;
    /** AWS Budgets publishes the stack's budget alerts to a topic encrypted with this key. @default false */
    readonly budgetAlerts?: boolean;
    /** Refuse the key's deletion and disabling (tap:protectStatefulResources): see `deletionGuard`. @default none */
    readonly deletionGuard?: KeyDeletionGuard;
}

/** Who may still schedule the key's deletion or disable it, and the shortest waiting period anyone may ask for. */
export interface KeyDeletionGuard {
    /** The break-glass IAM role (a name in this account, not created by the stack). @default nobody */
    readonly breakGlassRoleName?: string;
    /** The shortest `PendingWindowInDays` any `ScheduleKeyDeletion` may ask for (the key's own window). */
    readonly minimumWindowDays: number;
}

export interface KeyPolicyStatement {
    readonly Sid: string;
    readonly Effect: "Allow" | "Deny";
    readonly Principal: { readonly AWS: string } | { readonly Service: string | readonly string[] };
    readonly Action: string | readonly string[];
    readonly Resource: "*";
    readonly Condition?: Record<string, Record<string, string | number | boolean>>;
}

export function stackKeyPolicy(context: KeyPolicyContext): { Version: "2012-10-17"; Statement: KeyPolicyStatement[] } {
    const arn = (service: string, resource: string, region = context.region) =>
        `arn:${context.partition}:${service}:${region}:${context.accountId}:${resource}`;
    const sourceAccount = { StringEquals: { "aws:SourceAccount": context.accountId } };
    return {
        Version: "2012-10-17",
        Statement: [
            {
                // Without it the key becomes unmanageable (seed 001, failure 12); IAM policies of the account apply.
                Sid: "AccountRootAdministersKey",
                Effect: "Allow",
                Principal: { AWS: `arn:${context.partition}:iam::${context.accountId}:root` },
                Action: "kms:*",
                Resource: "*",
            },
            {
                // KMS-encrypted log groups of this account and region only (seed 004, failure 8).
                Sid: "CloudWatchLogsEncryptLogGroups",
                Effect: "Allow",
                Principal: { Service: `logs.${context.region}.${context.dnsSuffix}` },
                Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                Resource: "*",
                Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": arn("logs", "log-group:*") } },
            },
            {
                // CIS 3.5 / CloudTrail.2: trails of this account encrypt their log files with this key.
                Sid: "CloudTrailEncryptLogs",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "kms:GenerateDataKey*",
                Resource: "*",
                Condition: {
                    StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": arn("cloudtrail", "trail/*", "*") },
                    ...sourceAccount,
                },
            },
            {
                Sid: "CloudTrailDescribeKey",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "kms:DescribeKey",
                Resource: "*",
                Condition: sourceAccount,
            },
            {
                // AWS Config delivers snapshots and history to an SSE-KMS bucket.
                Sid: "ConfigDeliverEncrypted",
                Effect: "Allow",
                Principal: { Service: "config.amazonaws.com" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                Resource: "*",
                Condition: sourceAccount,
            },
            {
                // SNS.1: alarms and EventBridge rules publish to topics encrypted with this key. AWS
                // documents this grant without conditions; the topic policy limits publishers to the account.
                Sid: "AlarmsAndEventsPublishToEncryptedTopics",
                Effect: "Allow",
                Principal: { Service: ["cloudwatch.amazonaws.com", "events.amazonaws.com"] },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
            },
            {
                // EC2 Auto Scaling launches instances whose EBS volumes use this key: without these two
                // statements every launch fails with Client.InternalError (AWS: "Required AWS KMS key
                // policy for use with encrypted volumes"). The root statement does not cover service-linked roles.
                Sid: "AutoScalingUseKeyForEbs",
                Effect: "Allow",
                Principal: { AWS: context.autoScalingRoleArn },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                Resource: "*",
            },
            {
                Sid: "AutoScalingAttachEncryptedVolumes",
                Effect: "Allow",
                Principal: { AWS: context.autoScalingRoleArn },
                Action: "kms:CreateGrant",
                Resource: "*",
                Condition: { Bool: { "kms:GrantIsForAWSResource": true } },
            },
            ...(context.cloudFrontOrigins
                ? [
                      {
                          // Origin access control reads SSE-KMS objects only if CloudFront may decrypt them
                          // (CloudFront developer guide, "Restrict access to an Amazon S3 origin", SSE-KMS).
                          Sid: "CloudFrontDecryptOriginObjects",
                          Effect: "Allow" as const,
                          Principal: { Service: "cloudfront.amazonaws.com" },
                          Action: "kms:Decrypt",
                          Resource: "*" as const,
                          Condition: {
                              ArnLike: { "aws:SourceArn": `arn:${context.partition}:cloudfront::${context.accountId}:distribution/*` },
                          },
                      },
                  ]
                : []),
            ...(context.deletionGuard ? keyDeletionGuard(context, context.deletionGuard) : []),
            ...(context.budgetAlerts
                ? [
                      {
                          // AWS Budgets publishes alerts to the encrypted alert topic (Budgets user guide, "Creating an
                          // Amazon SNS topic for budget notifications"): it needs the data key; this account's budgets only.
                          Sid: "BudgetsPublishToEncryptedTopics",
                          Effect: "Allow" as const,
                          Principal: { Service: "budgets.amazonaws.com" },
                          Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                          Resource: "*" as const,
                          Condition: { StringEquals: { "aws:SourceAccount": context.accountId } },
                      },
                  ]
                : []),
        ],
    };
}

/**
 * With tap:protectStatefulResources, Deny statements (which no Allow, root's included, overrides)
 * so that no wrong command loses the key: `kms:ScheduleKeyDeletion` and `kms:DisableKey` are refused
 * to every principal but the break-glass role, and nobody, that role included, may ask for a waiting
 * period shorter than the key's own (`kms:ScheduleKeyDeletionPendingWindowInDays`). AWS's own
 * pattern (KMS developer guide, "Control access to key deletion"; the SCP example "Deny KMS key
 * deletion") excepts a privileged role through `aws:PrincipalArn`.
 * `kms:PutKeyPolicy` is deliberately not denied: the account root keeps `kms:*` (seed 001 #12) so the
 * key stays manageable even if the break-glass role is gone, and `pulumi up` must keep managing the
 * policy, which is how docs/teardown.md lifts the guard. The guard stops mistakes, not an administrator.
 */
function keyDeletionGuard(context: KeyPolicyContext, g: KeyDeletionGuard): KeyPolicyStatement[] {
    const breakGlass =
        g.breakGlassRoleName === undefined ? undefined : `arn:${context.partition}:iam::${context.accountId}:role/${g.breakGlassRoleName}`;
    return [
        {
            Sid: "DenyKeyDeletionAndDisablingButBreakGlass",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: ["kms:ScheduleKeyDeletion", "kms:DisableKey"],
            Resource: "*",
            // Without a break-glass role: refused to everyone, until a `pulumi up` lifts the guard.
            ...(breakGlass !== undefined && { Condition: { ArnNotEquals: { "aws:PrincipalArn": breakGlass } } }),
        },
        {
            Sid: "DenyShortDeletionWindow",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: "kms:ScheduleKeyDeletion",
            Resource: "*",
            Condition: { NumericLessThan: { "kms:ScheduleKeyDeletionPendingWindowInDays": g.minimumWindowDays } },
        },
    ];
}
