import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { bucketName } from "../naming";
import { ObjectLockRetention, SecureBucket } from "../security/secure-bucket";
import { s3DataEventValues } from "./data-events";

export interface AuditTrailArgs {
    readonly namePrefix: string;
    /** The stack's KMS key: trail files (CloudTrail.2 / CIS 3.5) and the trail's log group. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** Record every region's events (CIS 3.1). The seeds' accounts already had one, hence a switch. @default true */
    readonly cloudTrailMultiRegion: boolean;
    /** The account's multi-region trail that records the other regions when this one records one (tagged CoveredByTrail). @default none */
    readonly cloudTrailCoveredBy?: string;
    /** The stack's profile, tagged on the trail (Profile): the pack requires a prod trail to be multi-region or covered. */
    readonly profile: string;
    /** Buckets whose object-level events are recorded (`*`: all). @default none */
    readonly cloudTrailDataEventBuckets: readonly string[];
    /** The app data buckets of every region (AppDataBucket), whose object-level events are recorded too (CIS 3.8/3.9). @default none */
    readonly appDataBucketNames?: readonly pulumi.Input<string>[];
    readonly logRetentionDays: number;
    /** Receives the trail bucket's server access logs (S3.9). */
    readonly accessLogsBucket: SecureBucket;
    /** Days after which trail files are deleted (> 90: Standard-IA at 30, Glacier at 90). */
    readonly auditLogExpirationDays: number;
    readonly forceDestroyBuckets: boolean;
    /** tap:retainAuditLogs: the audit-log bucket (and its side resources) stays in the account when the stack deletes it. @default false */
    readonly retainAuditLogs?: boolean;
    /** Object Lock default retention of the trail files (NIST AU-9); none: versioning only. @default none */
    readonly auditLogObjectLock?: ObjectLockRetention;
    readonly provider: aws.Provider;
}

/**
 * Statements a CloudTrail bucket needs, scoped to one trail by `aws:SourceArn`. The ARN is built
 * from the trail's name: referencing `trail.arn` would make a cycle (trail → policy → trail).
 */
export function cloudTrailBucketStatements(
    bucketArn: pulumi.Input<string>,
    account: pulumi.Input<string>,
    trailArn: pulumi.Input<string>,
): aws.iam.PolicyStatement[] {
    return [
        {
            Sid: "CloudTrailAclCheck",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:GetBucketAcl",
            Resource: bucketArn,
            Condition: { StringEquals: { "aws:SourceArn": trailArn } },
        },
        {
            Sid: "CloudTrailWrite",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: pulumi.interpolate`${bucketArn}/AWSLogs/${account}/*`,
            Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } },
        },
    ];
}

/** The trust policy of the trail's CloudWatch Logs role, as CloudTrail's guide gives it (no condition keys: see AuditTrail). */
export function cloudTrailLogsTrustPolicy(): { Version: "2012-10-17"; Statement: aws.iam.PolicyStatement[] } {
    return {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" }],
    };
}

/** CloudTrail to a locked-down, KMS-encrypted bucket and to an encrypted CloudWatch log group. */
export class AuditTrail extends pulumi.ComponentResource {
    public readonly bucket: SecureBucket;
    public readonly logGroup: aws.cloudwatch.LogGroup;
    public readonly trail: aws.cloudtrail.Trail;
    public readonly trailName: string;

    constructor(name: string, args: AuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:monitoring:AuditTrail", name, {}, { ...opts, providers: { aws: args.provider } });
        const prefix = args.namePrefix;
        const child = { parent: this, provider: args.provider };
        const identity = aws.getCallerIdentityOutput({}, child);
        const region = aws.getRegionOutput({}, child).region;
        this.trailName = `${prefix}-trail`;
        const trailArn = pulumi.interpolate`arn:aws:cloudtrail:${region}:${identity.accountId}:trail/${this.trailName}`;

        this.bucket = new SecureBucket(
            `${prefix}-cloudtrail`,
            {
                bucketName: identity.accountId.apply((id) => bucketName(prefix, "cloudtrail", id)),
                kmsKeyArn: args.kmsKeyArn,
                accessLogsBucket: args.accessLogsBucket,
                forceDestroy: args.forceDestroyBuckets,
                retainOnDelete: args.retainAuditLogs ?? false, // audit evidence outlives the stack
                logLifecycle: { expireAfterDays: args.auditLogExpirationDays },
                objectLock: args.auditLogObjectLock, // trail files cannot be deleted or overwritten early (AU-9)
                extraStatements: (bucketArn) => cloudTrailBucketStatements(bucketArn, identity.accountId, trailArn),
                provider: args.provider,
            },
            { parent: this },
        );

        // CloudTrail.5 / CIS 3.4: delivered to CloudWatch Logs too, for the CIS metric filters.
        this.logGroup = new aws.cloudwatch.LogGroup(
            `${prefix}-cloudtrail-logs`,
            {
                name: `/tap/${prefix}/cloudtrail`,
                retentionInDays: args.logRetentionDays,
                kmsKeyId: args.kmsKeyArn,
            },
            child,
        );
        const role = new aws.iam.Role(
            `${prefix}-cloudtrail-logs-role`,
            {
                description: `Lets trail ${this.trailName} deliver to its CloudWatch log group`,
                // No aws:SourceArn / aws:SourceAccount here: CloudTrail does not send them when it assumes
                // this role, and a trust conditioned on them fails CreateTrail with
                // InvalidCloudWatchLogsRoleArnException ("Access denied. Check the trust relationships for
                // your role"). CloudTrail user guide, "Role policy document for CloudTrail to use CloudWatch
                // Logs for monitoring": "Confused deputy prevention is not applicable to the role policy for
                // CloudWatch Logs monitoring. The role policy doesn't support the use of aws:SourceArn and
                // aws:SourceAccount." The role's permissions stay scoped to this trail's log group.
                assumeRolePolicy: pulumi.jsonStringify(cloudTrailLogsTrustPolicy()),
            },
            child,
        );
        const rolePolicy = new aws.iam.RolePolicy(
            `${prefix}-cloudtrail-logs-policy`,
            {
                role: role.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "WriteOwnTrailLogGroup",
                            Effect: "Allow",
                            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                            Resource: pulumi.interpolate`${this.logGroup.arn}:log-stream:*`,
                        },
                    ],
                }),
            },
            child,
        );

        // CIS 3.8/3.9 / S3.22/S3.23: the configured buckets' and the app data buckets' object-level events, read and write.
        const configured = s3DataEventValues(args.cloudTrailDataEventBuckets);
        const dataValues = pulumi
            .all([...(args.appDataBucketNames ?? [])])
            .apply((names) =>
                configured.includes("arn:aws:s3") ? configured : [...new Set([...configured, ...s3DataEventValues(names)])],
            );
        this.trail = new aws.cloudtrail.Trail(
            `${prefix}-trail`,
            {
                name: this.trailName,
                s3BucketName: this.bucket.bucketName,
                kmsKeyId: args.kmsKeyArn, // CloudTrail.2 / CIS 3.5
                enableLogFileValidation: true, // CloudTrail.4 / CIS 3.2
                enableLogging: true,
                includeGlobalServiceEvents: true, // CIS 3.1 / CloudTrail.1: IAM, STS and CloudFront events
                isMultiRegionTrail: args.cloudTrailMultiRegion, // CIS 3.1 (tap:cloudTrailMultiRegion)
                // What the pack's cloudtrail-multi-region-prod reads: a prod trail records every region, or names the one that does.
                tags: {
                    Profile: args.profile,
                    ...(!args.cloudTrailMultiRegion && args.cloudTrailCoveredBy ? { CoveredByTrail: args.cloudTrailCoveredBy } : {}),
                },
                cloudWatchLogsGroupArn: pulumi.interpolate`${this.logGroup.arn}:*`,
                cloudWatchLogsRoleArn: role.arn,
                eventSelectors: [
                    {
                        readWriteType: "All",
                        includeManagementEvents: true,
                        dataResources: dataValues.apply((values) =>
                            values.length > 0 ? [{ type: "AWS::S3::Object", values }] : undefined,
                        ),
                    },
                ],
            },
            {
                ...child,
                // Creating the trail before its bucket policy fails with InsufficientS3BucketPolicyException.
                dependsOn: [this.bucket.policy, rolePolicy],
            },
        );
        this.registerOutputs({ trailArn: this.trail.arn, bucketName: this.bucket.bucketName });
    }
}
