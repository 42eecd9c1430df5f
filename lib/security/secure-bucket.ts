import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ObjectLockMode } from "./vocabulary";

/** `SSE-KMS` with the stack's customer key; `SSE-S3` (AES256) where the writing service cannot use one. */
export type BucketEncryption = "SSE-KMS" | "SSE-S3";

/** Lets `logging.s3.amazonaws.com` deliver server access logs of these source buckets into this one. */
export interface AccessLogSources {
    /** The account whose buckets may log here (`aws:SourceAccount`). */
    readonly accountId: pulumi.Input<string>;
    /** ARN pattern of the buckets that may log here (`aws:SourceArn`), e.g. `arn:aws:s3:::tap-dev-use1-*`. */
    readonly bucketArnLike: pulumi.Input<string>;
}

/** Log-bucket lifecycle: Standard-IA after 30 days, Glacier after 90, deletion after `expireAfterDays`. */
export interface LogLifecycle {
    /** Days after which log objects (and noncurrent versions) are deleted; more than 90. */
    readonly expireAfterDays: number;
}

/** Default Object Lock retention of every new object version (write once, read many). */
export interface ObjectLockRetention {
    readonly mode: ObjectLockMode;
    /** Days each new object version cannot be deleted or overwritten. */
    readonly days: number;
}

/** Days after which log objects move to Standard-IA (its minimum) and then to Glacier. */
export const LOG_TRANSITION_DAYS = { STANDARD_IA: 30, GLACIER: 90 } as const;

export interface SecureBucketArgs {
    /** The bucket's name, unique worldwide (see `bucketName` in lib/naming.ts). */
    readonly bucketName: pulumi.Input<string>;
    /** Default encryption of new objects. @default "SSE-KMS" ("SSE-S3" for the access-log bucket) */
    readonly encryption?: BucketEncryption;
    /** The customer-managed key of SSE-KMS; required with it. @default none */
    readonly kmsKeyArn?: pulumi.Input<string>;
    /** The bucket that receives this bucket's server access logs (S3.9). Required unless `acceptsAccessLogsFrom` is set. @default none */
    readonly accessLogsBucket?: SecureBucket;
    /** Makes this the access-log bucket: SSE-S3, writable by S3 log delivery for these sources, not logged itself. @default none */
    readonly acceptsAccessLogsFrom?: AccessLogSources;
    /** Tiering and expiry for a bucket of logs. @default no lifecycle rule */
    readonly logLifecycle?: LogLifecycle;
    /** Statements merged into the bucket policy after the TLS-only denies (CloudTrail, Config, ELB log delivery). @default none */
    readonly extraStatements?: (bucketArn: pulumi.Output<string>) => aws.iam.PolicyStatement[];
    /**
     * S3 Object Lock with this default retention: the bucket is created with Object Lock on
     * (`objectLockEnabled`, which force-destroy reads) and the default retention is its own resource
     * (aws.s3.BucketObjectLockConfiguration). Never on the access-log bucket (S3 server access logs
     * cannot be delivered to it). @default none
     */
    readonly objectLock?: ObjectLockRetention;
    /** Let `pulumi destroy` delete the bucket with its objects. @default false */
    readonly forceDestroy?: boolean;
    /** Tags of the bucket besides its Name (e.g. the DataStore tag the policy pack reads). @default none */
    readonly tags?: Readonly<Record<string, string>>;
    /**
     * Leave the bucket in the account when the stack deletes it (audit evidence: CloudTrail, Config,
     * server access logs). Its side resources are retained too, so the orphan keeps its encryption,
     * versioning, public access block, TLS-only policy and lifecycle. @default false
     */
    readonly retainOnDelete?: boolean;
    /** The provider of the bucket's region. */
    readonly provider: aws.Provider;
}

/**
 * An S3 bucket with every protection the audit checks, each a v7 side resource: default
 * encryption (SSE-KMS or SSE-S3), versioning, all four public-access blocks (S3.8), ACLs
 * disabled (S3.12), a policy denying plain HTTP (S3.5) merged with the caller's statements,
 * server access logging into the access-log bucket (S3.9), and lifecycle tiers for logs.
 */
export class SecureBucket extends pulumi.ComponentResource {
    public readonly bucket: aws.s3.Bucket;
    public readonly policy: aws.s3.BucketPolicy;
    public readonly publicAccessBlock: aws.s3.BucketPublicAccessBlock;
    /** Present with `objectLock`. */
    public readonly objectLock?: aws.s3.BucketObjectLockConfiguration;
    public readonly encryption: BucketEncryption;
    /** The bucket's name (its id). */
    public readonly bucketName: pulumi.Output<string>;
    public readonly arn: pulumi.Output<string>;

    constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        const encryption = args.encryption ?? (args.acceptsAccessLogsFrom ? "SSE-S3" : "SSE-KMS");
        validate(name, args, encryption);
        super("tap:security:SecureBucket", name, {}, { ...opts, providers: { aws: args.provider } });
        this.encryption = encryption;
        const phase: Phase = {
            args,
            name,
            child: { parent: this, provider: args.provider, ...(args.retainOnDelete && { retainOnDelete: true }) },
        };
        // The phases: the bucket, then each protection as its own side resource (aws v7), the policy
        // after the public access block and ownership controls, then logging and the log lifecycle.
        this.bucket = this.createBucket(phase);
        this.bucketName = this.bucket.id;
        this.arn = this.bucket.arn;
        const ownership = this.enforceBucketOwnership(phase);
        this.publicAccessBlock = this.blockPublicAccess(phase);
        const versioning = this.enableVersioning(phase);
        this.objectLock = args.objectLock ? this.lockObjects(phase, args.objectLock, versioning) : undefined;
        this.encryptByDefault(phase);
        this.policy = this.createPolicy(phase, ownership);
        if (args.accessLogsBucket) this.logAccess(phase, args.accessLogsBucket);
        if (args.logLifecycle) this.tierAndExpireLogs(phase, args.logLifecycle);

        this.registerOutputs({ bucketName: this.bucketName, arn: this.arn, encryption: this.encryption });
    }

    /** The bucket itself, named by the caller; every protection is a side resource. */
    private createBucket({ args, name, child }: Phase): aws.s3.Bucket {
        return new aws.s3.Bucket(
            name,
            {
                bucket: args.bucketName,
                forceDestroy: args.forceDestroy ?? false,
                // With Object Lock, the bucket's own state must say so: the provider's force-destroy empties a
                // bucket with BypassGovernanceRetention only when the bucket's object_lock_enabled is true
                // (terraform-provider-aws, internal/service/s3/bucket.go, resourceBucketDelete → emptyBucket
                // with d.Get("object_lock_enabled")), whatever a separate BucketObjectLockConfiguration says.
                // Set at creation, as S3 first documented it (S3 user guide, "Configuring S3 Object Lock").
                ...(args.objectLock && { objectLockEnabled: true }),
                tags: { ...args.tags, Name: name },
            },
            child,
        );
    }

    /** S3.12: ACLs disabled; the bucket owner owns every object, grants live in the policy only. */
    private enforceBucketOwnership({ name, child }: Phase): aws.s3.BucketOwnershipControls {
        return new aws.s3.BucketOwnershipControls(
            `${name}-ownership`,
            {
                bucket: this.bucket.id,
                rule: { objectOwnership: "BucketOwnerEnforced" },
            },
            child,
        );
    }

    /** S3.8 / CIS 2.1.4: no public ACL or policy can take effect. */
    private blockPublicAccess({ name, child }: Phase): aws.s3.BucketPublicAccessBlock {
        return new aws.s3.BucketPublicAccessBlock(
            `${name}-public-access-block`,
            {
                bucket: this.bucket.id,
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            },
            child,
        );
    }

    /** Versioning, on from the start (Object Lock needs it too). */
    private enableVersioning({ name, child }: Phase): aws.s3.BucketVersioning {
        return new aws.s3.BucketVersioning(
            `${name}-versioning`,
            {
                bucket: this.bucket.id,
                versioningConfiguration: { status: "Enabled" },
            },
            child,
        );
    }

    /** NIST AU-9: write once, read many, with a default retention of every new object version. */
    private lockObjects(
        { name, child }: Phase,
        retention: ObjectLockRetention,
        versioning: aws.s3.BucketVersioning,
    ): aws.s3.BucketObjectLockConfiguration {
        // The default retention of the bucket created with Object Lock on (createBucket). A bucket
        // deployed before objectLockEnabled was set reads it back as true on `pulumi refresh` (the
        // provider's resourceBucketRead sets object_lock_enabled from GetObjectLockConfiguration), so
        // refresh before the next `up` rather than
        // letting the changed input replace it (docs/first-deploy.md). Irreversible: Object Lock
        // cannot be switched off, nor versioning suspended, afterwards.
        return new aws.s3.BucketObjectLockConfiguration(
            `${name}-object-lock`,
            {
                bucket: this.bucket.id,
                objectLockEnabled: "Enabled",
                rule: { defaultRetention: { mode: retention.mode, days: retention.days } },
            },
            { ...child, dependsOn: [versioning] },
        );
    }

    /** CIS 2.1.1: encrypted at rest by default, SSE-KMS with the stack key or SSE-S3. */
    private encryptByDefault({ args, name, child }: Phase): aws.s3.BucketServerSideEncryptionConfiguration {
        return new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-sse`,
            {
                bucket: this.bucket.id,
                rules: [
                    this.encryption === "SSE-KMS"
                        ? {
                              applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn },
                              bucketKeyEnabled: true,
                          }
                        : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
                ],
            },
            child,
        );
    }

    /** The bucket policy: TLS-only denies (S3.5), log delivery for the access-log bucket, then the caller's statements. */
    private createPolicy({ args, name, child }: Phase, ownership: aws.s3.BucketOwnershipControls): aws.s3.BucketPolicy {
        const arn = this.bucket.arn;
        const denyEveryone = (Sid: string, Condition: aws.iam.PolicyStatement["Condition"]): aws.iam.PolicyStatement => ({
            Sid,
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [arn, pulumi.interpolate`${arn}/*`],
            Condition,
        });
        const statements: aws.iam.PolicyStatement[] = [
            // S3.5 / CIS 2.1.1: plain-HTTP requests are denied, whoever makes them.
            denyEveryone("DenyInsecureTransport", { Bool: { "aws:SecureTransport": "false" } }),
            denyEveryone("DenyOutdatedTls", { NumericLessThan: { "s3:TlsVersion": "1.2" } }),
        ];
        if (args.acceptsAccessLogsFrom) {
            // Log delivery through the policy, never the log-delivery ACL group (ACLs are disabled).
            statements.push({
                Sid: "AllowS3ServerAccessLogDelivery",
                Effect: "Allow",
                Principal: { Service: "logging.s3.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: pulumi.interpolate`${arn}/*`,
                Condition: {
                    ArnLike: { "aws:SourceArn": args.acceptsAccessLogsFrom.bucketArnLike },
                    StringEquals: { "aws:SourceAccount": args.acceptsAccessLogsFrom.accountId },
                },
            });
        }
        statements.push(...(args.extraStatements?.(arn) ?? []));
        // After the public access block and ownership controls: S3 rejects concurrent bucket-config writes.
        return new aws.s3.BucketPolicy(
            `${name}-policy`,
            {
                bucket: this.bucket.id,
                policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements }),
            },
            { ...child, dependsOn: [this.publicAccessBlock, ownership] },
        );
    }

    /** S3.9: server access logs go to the dedicated access-log bucket, partitioned by event time. */
    private logAccess({ name, child }: Phase, accessLogsBucket: SecureBucket): aws.s3.BucketLogging {
        return new aws.s3.BucketLogging(
            `${name}-access-logging`,
            {
                bucket: this.bucket.id,
                targetBucket: accessLogsBucket.bucketName,
                targetPrefix: `${name}/`,
                targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
            },
            { ...child, dependsOn: [accessLogsBucket.policy] },
        );
    }

    /** A bucket of logs: Standard-IA, then Glacier, then deletion (noncurrent versions alike). */
    private tierAndExpireLogs({ name, child }: Phase, lifecycle: LogLifecycle): aws.s3.BucketLifecycleConfiguration {
        const days = lifecycle.expireAfterDays;
        return new aws.s3.BucketLifecycleConfiguration(
            `${name}-lifecycle`,
            {
                bucket: this.bucket.id,
                rules: [
                    {
                        id: "log-tiering-and-expiry",
                        status: "Enabled",
                        filter: {},
                        transitions: [
                            { days: LOG_TRANSITION_DAYS.STANDARD_IA, storageClass: "STANDARD_IA" },
                            { days: LOG_TRANSITION_DAYS.GLACIER, storageClass: "GLACIER" },
                        ],
                        expiration: { days },
                        noncurrentVersionTransitions: [
                            { noncurrentDays: LOG_TRANSITION_DAYS.STANDARD_IA, storageClass: "STANDARD_IA" },
                            { noncurrentDays: LOG_TRANSITION_DAYS.GLACIER, storageClass: "GLACIER" },
                        ],
                        noncurrentVersionExpiration: { noncurrentDays: days },
                        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                    },
                ],
            },
            child,
        );
    }
}

/** What every construction phase of a SecureBucket reads. */
interface Phase {
    readonly args: SecureBucketArgs;
    readonly name: string;
    /** Children of the bucket, retained with it (`retainOnDelete`). */
    readonly child: pulumi.CustomResourceOptions;
}

/** Impossible combinations fail here, naming the argument, before any resource is registered. */
function validate(name: string, args: SecureBucketArgs, encryption: BucketEncryption): void {
    const fail = (message: string) => {
        throw new Error(`SecureBucket ${name}: ${message}`);
    };
    if (encryption === "SSE-KMS" && args.kmsKeyArn === undefined) fail("encryption SSE-KMS needs kmsKeyArn");
    if (encryption === "SSE-S3" && args.kmsKeyArn !== undefined) fail("kmsKeyArn is set but encryption is SSE-S3: pick one");
    if (args.acceptsAccessLogsFrom && encryption !== "SSE-S3") {
        // "Default server-side encryption with AWS KMS keys (SSE-KMS) is not supported" for the
        // destination of S3 server access logs (S3 user guide, enabling server access logging).
        fail("an access-log bucket (acceptsAccessLogsFrom) must use SSE-S3: S3 server access logging cannot deliver to SSE-KMS buckets");
    }
    if (args.objectLock && args.acceptsAccessLogsFrom)
        fail("objectLock is set on the access-log bucket: S3 server access logs cannot be delivered to a bucket with Object Lock");
    if (args.objectLock && !(Number.isInteger(args.objectLock.days) && args.objectLock.days >= 1))
        fail(`objectLock.days must be a whole number of at least 1, got ${args.objectLock.days}`);
    if (args.objectLock && args.logLifecycle && args.objectLock.days > args.logLifecycle.expireAfterDays) {
        fail(
            `objectLock.days (${args.objectLock.days}) is above logLifecycle.expireAfterDays (${args.logLifecycle.expireAfterDays}): objects would outlive their expiry`,
        );
    }
    if (args.acceptsAccessLogsFrom && args.accessLogsBucket)
        fail("the access-log bucket must not log into another bucket: set accessLogsBucket or acceptsAccessLogsFrom, not both");
    if (!args.acceptsAccessLogsFrom && !args.accessLogsBucket)
        fail("accessLogsBucket is required (S3.9: every bucket's server access is logged)");
    const days = args.logLifecycle?.expireAfterDays;
    if (days !== undefined && !(Number.isInteger(days) && days > LOG_TRANSITION_DAYS.GLACIER)) {
        fail(
            `logLifecycle.expireAfterDays must be a whole number above ${LOG_TRANSITION_DAYS.GLACIER} (objects reach Glacier at day ${LOG_TRANSITION_DAYS.GLACIER}), got ${days}`,
        );
    }
}
