import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { bucketName } from "../naming";
import { stackKeyPolicy } from "./key-policy";
import { SecureBucket } from "./secure-bucket";
import { SecurityBaselineSettings } from "./settings";

export { PASSWORD_POLICY } from "./global-baseline";

export interface SecurityBaselineArgs {
    /** Prefix of every name, e.g. `tap-dev-use1`. */
    readonly namePrefix: string;
    /** Its settings (tap: keys of the same names), whole: the stack passes its settings group. */
    readonly settings: SecurityBaselineSettings;
    /** The region of `provider`: the key and its service principals are regional. */
    readonly region: string;
    /** Days after which server access logs are deleted (> 90: Standard-IA at 30, Glacier at 90). @default 365 */
    readonly accessLogExpirationDays?: number;
    /** The stack's EC2 Auto Scaling service-linked role (GlobalBaseline), allowed to use the key for EBS. */
    readonly autoScalingServiceRoleArn: pulumi.Input<string>;
    /** Let this account's CloudFront distributions decrypt with the key (a StaticSite's SSE-KMS origin). @default false */
    readonly allowCloudFrontOrigins?: boolean;
    /** Let AWS Budgets publish to topics encrypted with the key (a CostBudget's alerts). @default false */
    readonly allowBudgetAlerts?: boolean;
    /** The provider of the region the baseline is built in. */
    readonly provider: aws.Provider;
}

/**
 * The security baseline of one region: the customer-managed KMS key every encrypted resource of
 * the stack uses, the bucket that receives every bucket's server access logs, the EC2 Auto
 * Scaling service-linked role allowed to use the key, and the region-level hardening.
 */
export class SecurityBaseline extends pulumi.ComponentResource {
    public readonly kmsKey: aws.kms.Key;
    public readonly kmsKeyAlias: aws.kms.Alias;
    /** Receives the server access logs of every other bucket of the stack (pass it as `accessLogsBucket`). */
    public readonly accessLogsBucket: SecureBucket;
    /** Region-wide setting, absent when `enableAccountHardening` is false. */
    public readonly ebsEncryptionByDefault?: aws.ebs.EncryptionByDefault;

    public readonly accountId: pulumi.Output<string>;
    public readonly kmsKeyArn: pulumi.Output<string>;
    public readonly kmsKeyId: pulumi.Output<string>;
    public readonly forceDestroyBuckets: boolean;

    constructor(name: string, args: SecurityBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
        const deletionWindow = args.settings.kmsKeyDeletionWindowDays;
        if (!(Number.isInteger(deletionWindow) && deletionWindow >= 7 && deletionWindow <= 30)) {
            throw new Error(
                `SecurityBaseline ${name}: kmsKeyDeletionWindowDays must be a whole number from 7 to 30, got ${deletionWindow}`,
            );
        }
        super("tap:security:SecurityBaseline", name, {}, { ...opts, providers: { aws: args.provider } });
        const prefix = args.namePrefix;
        const child = { parent: this, provider: args.provider };
        this.forceDestroyBuckets = args.settings.forceDestroyBuckets;

        const identity = aws.getCallerIdentityOutput({}, child);
        const partition = aws.getPartitionOutput({}, child);
        this.accountId = identity.accountId;

        this.kmsKey = new aws.kms.Key(
            `${prefix}-key`,
            {
                description: `${prefix}: encrypts the stack's logs, buckets, volumes and topics in ${args.region}`,
                enableKeyRotation: true, // CIS 3.6 / KMS.4
                rotationPeriodInDays: 365,
                deletionWindowInDays: deletionWindow,
                multiRegion: false, // one key per region (seed 004, failure 4)
                policy: pulumi
                    .all([partition.partition, partition.dnsSuffix, identity.accountId, args.autoScalingServiceRoleArn])
                    .apply(([partitionName, dnsSuffix, accountId, autoScalingRoleArn]) =>
                        JSON.stringify(
                            stackKeyPolicy({
                                partition: partitionName,
                                dnsSuffix,
                                accountId,
                                region: args.region,
                                autoScalingRoleArn,
                                cloudFrontOrigins: args.allowCloudFrontOrigins ?? false,
                                ...(args.settings.protectStatefulResources && {
                                    deletionGuard: {
                                        breakGlassRoleName: args.settings.kmsBreakGlassRoleName,
                                        minimumWindowDays: deletionWindow,
                                    },
                                }),
                                budgetAlerts: args.allowBudgetAlerts ?? false,
                            }),
                        ),
                    ),
                tags: { Name: `${prefix}-key` },
            },
            { ...child, retainOnDelete: args.settings.retainAuditLogs },
        ); // the retained evidence stays readable
        this.kmsKeyAlias = new aws.kms.Alias(
            `${prefix}-key-alias`,
            {
                name: `alias/${prefix}`,
                targetKeyId: this.kmsKey.keyId,
            },
            child,
        );
        this.kmsKeyArn = this.kmsKey.arn;
        this.kmsKeyId = this.kmsKey.keyId;

        this.accessLogsBucket = new SecureBucket(
            `${prefix}-access-logs`,
            {
                bucketName: identity.accountId.apply((accountId) => bucketName(prefix, "access-logs", accountId)),
                encryption: "SSE-S3", // S3 server access logs cannot be delivered to SSE-KMS buckets
                acceptsAccessLogsFrom: {
                    accountId: identity.accountId,
                    bucketArnLike: pulumi.interpolate`arn:${partition.partition}:s3:::${prefix}-*`,
                },
                logLifecycle: { expireAfterDays: args.accessLogExpirationDays ?? 365 },
                forceDestroy: this.forceDestroyBuckets,
                retainOnDelete: args.settings.retainAuditLogs, // audit evidence outlives the stack
                provider: args.provider,
            },
            { parent: this },
        );

        if (args.settings.enableAccountHardening) {
            // Account/region-wide singletons: retained on destroy, so tearing down one stack never turns
            // the account's protection off for the others (both calls are idempotent PUTs on create).
            const accountWide = { ...child, retainOnDelete: true };
            // CIS 2.2.1 / EC2.7: every new EBS volume in the region is encrypted. The default key stays
            // the AWS-managed aws/ebs: making this stack's key the region default would tie every other
            // workload's volumes (and their ASGs' key permissions) to a key this stack may delete.
            this.ebsEncryptionByDefault = new aws.ebs.EncryptionByDefault(
                `${prefix}-ebs-encryption-by-default`,
                { enabled: true },
                accountWide,
            );
        }

        this.registerOutputs({
            kmsKeyArn: this.kmsKeyArn,
            kmsKeyId: this.kmsKeyId,
            accessLogsBucketName: this.accessLogsBucket.bucketName,
        });
    }
}
