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
}

export interface KeyPolicyStatement {
    readonly Sid: string;
    readonly Effect: "Allow";
    readonly Principal: { readonly AWS: string } | { readonly Service: string | readonly string[] };
    readonly Action: string | readonly string[];
    readonly Resource: "*";
    readonly Condition?: Record<string, Record<string, string | boolean>>;
}

export function stackKeyPolicy(c: KeyPolicyContext): { Version: "2012-10-17"; Statement: KeyPolicyStatement[] } {
    const arn = (service: string, resource: string, region = c.region) => `arn:${c.partition}:${service}:${region}:${c.accountId}:${resource}`;
    const sourceAccount = { StringEquals: { "aws:SourceAccount": c.accountId } };
    return {
        Version: "2012-10-17",
        Statement: [
            {
                // Without it the key becomes unmanageable (seed 001, failure 12); IAM policies of the account apply.
                Sid: "AccountRootAdministersKey",
                Effect: "Allow",
                Principal: { AWS: `arn:${c.partition}:iam::${c.accountId}:root` },
                Action: "kms:*",
                Resource: "*",
            },
            {
                // KMS-encrypted log groups of this account and region only (seed 004, failure 8).
                Sid: "CloudWatchLogsEncryptLogGroups",
                Effect: "Allow",
                Principal: { Service: `logs.${c.region}.${c.dnsSuffix}` },
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
                Principal: { AWS: c.autoScalingRoleArn },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                Resource: "*",
            },
            {
                Sid: "AutoScalingAttachEncryptedVolumes",
                Effect: "Allow",
                Principal: { AWS: c.autoScalingRoleArn },
                Action: "kms:CreateGrant",
                Resource: "*",
                Condition: { Bool: { "kms:GrantIsForAWSResource": true } },
            },
            ...(c.cloudFrontOrigins ? [{
                // Origin access control reads SSE-KMS objects only if CloudFront may decrypt them
                // (CloudFront developer guide, "Restrict access to an Amazon S3 origin", SSE-KMS).
                Sid: "CloudFrontDecryptOriginObjects",
                Effect: "Allow" as const,
                Principal: { Service: "cloudfront.amazonaws.com" },
                Action: "kms:Decrypt",
                Resource: "*" as const,
                Condition: { ArnLike: { "aws:SourceArn": `arn:${c.partition}:cloudfront::${c.accountId}:distribution/*` } },
            }] : []),
            ...(c.budgetAlerts ? [{
                // AWS Budgets publishes alerts to the encrypted alert topic (Budgets user guide, "Creating an
                // Amazon SNS topic for budget notifications"): it needs the data key; this account's budgets only.
                Sid: "BudgetsPublishToEncryptedTopics",
                Effect: "Allow" as const,
                Principal: { Service: "budgets.amazonaws.com" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*" as const,
                Condition: { StringEquals: { "aws:SourceAccount": c.accountId } },
            }] : []),
        ],
    };
}
