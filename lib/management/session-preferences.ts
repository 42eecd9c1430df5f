import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { bucketName } from "../naming";
import { writeLogGroupStatement } from "../monitoring/log-group-grant";
import { SecureBucket } from "../security/secure-bucket";
import { SESSION_IDLE_TIMEOUT_MAX, SESSION_MAX_DURATION_MAX, SESSION_PREFERENCES_DOCUMENT } from "./vocabulary";
import { SessionPreferencesSettings } from "./settings";

/** Where session transcripts go in the management-logs bucket. */
export const SESSION_LOGS_PREFIX = "session-logs/";
/** The preferences, as Session Manager reads them from the document's `inputs`. */
export interface SessionPreferenceInputs {
    readonly s3BucketName: string;
    readonly s3KeyPrefix: string;
    readonly s3EncryptionEnabled: boolean;
    readonly cloudWatchLogGroupName: string;
    readonly cloudWatchEncryptionEnabled: boolean;
    readonly cloudWatchStreamingEnabled: boolean;
    readonly kmsKeyId: string;
    readonly runAsEnabled: boolean;
    readonly runAsDefaultUser: string;
    readonly idleSessionTimeout: string;
    readonly maxSessionDuration: string;
    readonly shellProfile: { readonly linux: string; readonly windows: string };
}

/** The document's content (Session Manager user guide, "Create a Session Manager preferences document"). */
export function sessionPreferencesContent(p: {
    bucketName: string;
    logGroupName: string;
    kmsKeyArn: string;
    idleMinutes: number;
    maxMinutes: number;
}): { schemaVersion: "1.0"; description: string; sessionType: "Standard_Stream"; inputs: SessionPreferenceInputs } {
    return {
        schemaVersion: "1.0",
        description: "tap: sessions recorded to S3 and CloudWatch Logs, encrypted with the stack key, bounded in time",
        sessionType: "Standard_Stream",
        inputs: {
            s3BucketName: p.bucketName,
            s3KeyPrefix: SESSION_LOGS_PREFIX,
            s3EncryptionEnabled: true, // refuse to log to a bucket without default encryption
            cloudWatchLogGroupName: p.logGroupName,
            cloudWatchEncryptionEnabled: true, // refuse to log to an unencrypted log group
            cloudWatchStreamingEnabled: true,
            kmsKeyId: p.kmsKeyArn, // session data encrypted end to end with the stack key
            runAsEnabled: false, // sessions run as ssm-user, never as an OS account chosen by tag
            runAsDefaultUser: "",
            idleSessionTimeout: String(p.idleMinutes),
            maxSessionDuration: String(p.maxMinutes),
            shellProfile: { linux: "", windows: "" },
        },
    };
}

export interface SessionPreferencesArgs {
    /** Prefix of every name, e.g. `tap-dev-use1`. */
    readonly namePrefix: string;
    /** Its settings (tap: keys of the same names), whole: the stack passes its settings group. */
    readonly settings: SessionPreferencesSettings;
    /** The region of `provider`. */
    readonly region: string;
    /** The stack key: the session log group, the management-logs bucket and the session data. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** The bucket receiving the management-logs bucket's server access logs (S3.9). */
    readonly accessLogsBucket: SecureBucket;
    /** The instances' role (global): this region grants it its own log group, prefix and key. */
    readonly instanceRole: aws.iam.Role;
    readonly provider: aws.Provider;
}

/**
 * Recorded, bounded Session Manager sessions in one region: a KMS-encrypted log group and a
 * management-logs bucket (also Patch Manager's output), the preferences document pointing at
 * them, and the instance role's grant to write there and decrypt session data with the key.
 */
export class SessionPreferences extends pulumi.ComponentResource {
    public readonly logGroup: aws.cloudwatch.LogGroup;
    /** Session transcripts (`session-logs/`) and patch command output. */
    public readonly logsBucket: SecureBucket;
    /** Absent when the stack adopts the account's existing document (createSessionPreferences false). */
    public readonly document?: aws.ssm.Document;
    public readonly documentName = SESSION_PREFERENCES_DOCUMENT;

    constructor(name: string, args: SessionPreferencesArgs, opts?: pulumi.ComponentResourceOptions) {
        for (const [key, value, max] of [
            ["sessionIdleTimeoutMinutes", args.settings.sessionIdleTimeoutMinutes, SESSION_IDLE_TIMEOUT_MAX],
            ["sessionMaxDurationMinutes", args.settings.sessionMaxDurationMinutes, SESSION_MAX_DURATION_MAX],
        ] as const) {
            if (!(Number.isInteger(value) && value >= 1 && value <= max))
                throw new Error(`SessionPreferences ${name}: ${key} must be a whole number from 1 to ${max}, got ${value}`);
        }
        super("tap:management:SessionPreferences", name, {}, { ...opts, providers: { aws: args.provider } });
        const child = { parent: this, provider: args.provider };
        const phase: Phase = { args, child, prefix: args.namePrefix, account: aws.getCallerIdentityOutput({}, child).accountId };
        // The phases: where sessions are recorded, the preferences pointing there, then the instance role's grant.
        this.logGroup = this.createLogGroup(phase);
        this.logsBucket = this.createLogsBucket(phase);
        this.document = args.settings.createSessionPreferences ? this.createDocument(phase) : undefined;
        this.grantSessionLogging(phase);

        this.registerOutputs({
            logGroupName: this.logGroup.name,
            logsBucketName: this.logsBucket.bucketName,
            documentName: this.documentName,
        });
    }

    /** The session log group, encrypted with the stack key (cloudWatchEncryptionEnabled refuses any other). */
    private createLogGroup({ args, prefix, child }: Phase): aws.cloudwatch.LogGroup {
        return new aws.cloudwatch.LogGroup(
            `${prefix}-session-logs`,
            {
                name: `/tap/${prefix}/session-logs`,
                retentionInDays: args.settings.logRetentionDays,
                kmsKeyId: args.kmsKeyArn,
            },
            child,
        );
    }

    /** The management-logs bucket: session transcripts and patch command output, expired like other logs. */
    private createLogsBucket({ args, prefix, account }: Phase): SecureBucket {
        return new SecureBucket(
            `${prefix}-management-logs`,
            {
                bucketName: account.apply((accountId) => bucketName(prefix, "mgmt-logs", accountId)),
                kmsKeyArn: args.kmsKeyArn,
                accessLogsBucket: args.accessLogsBucket,
                logLifecycle: { expireAfterDays: args.settings.auditLogExpirationDays },
                forceDestroy: args.settings.forceDestroyBuckets,
                provider: args.provider,
            },
            { parent: this },
        );
    }

    /** The account and region's `SSM-SessionManagerRunShell` document, pointing at the group, the bucket and the key. */
    private createDocument({ args, prefix, child }: Phase): aws.ssm.Document {
        return new aws.ssm.Document(
            `${prefix}-session-preferences`,
            {
                name: SESSION_PREFERENCES_DOCUMENT,
                documentType: "Session",
                documentFormat: "JSON",
                content: pulumi
                    .all([this.logsBucket.bucketName, this.logGroup.name, args.kmsKeyArn])
                    .apply(([bucket, logGroupName, kmsKeyArn]) =>
                        JSON.stringify(
                            sessionPreferencesContent({
                                bucketName: bucket,
                                logGroupName,
                                kmsKeyArn,
                                idleMinutes: args.settings.sessionIdleTimeoutMinutes,
                                maxMinutes: args.settings.sessionMaxDurationMinutes,
                            }),
                        ),
                    ),
            },
            child,
        );
    }

    /** Exactly what recorded, encrypted sessions need, each scoped to this region's log group, prefix and key. */
    private grantSessionLogging({ args, prefix, child, account }: Phase): aws.iam.RolePolicy {
        // Session Manager user guide, "Create a custom IAM instance profile for Session Manager".
        return new aws.iam.RolePolicy(
            `${prefix}-session-logging`,
            {
                role: args.instanceRole.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        writeLogGroupStatement("WriteSessionLogGroup", this.logGroup),
                        {
                            // The agent checks the group's encryption before streaming (cloudWatchEncryptionEnabled).
                            Sid: "CheckSessionLogGroupEncryption",
                            Effect: "Allow",
                            Action: "logs:DescribeLogGroups",
                            Resource: pulumi.interpolate`arn:${aws.getPartitionOutput({}, child).partition}:logs:${args.region}:${account}:log-group:*`,
                        },
                        {
                            Sid: "WriteSessionTranscripts",
                            Effect: "Allow",
                            Action: "s3:PutObject",
                            Resource: pulumi.interpolate`${this.logsBucket.arn}/${SESSION_LOGS_PREFIX}*`,
                        },
                        {
                            // The agent checks the bucket's default encryption before uploading (s3EncryptionEnabled).
                            Sid: "CheckTranscriptBucketEncryption",
                            Effect: "Allow",
                            Action: "s3:GetEncryptionConfiguration",
                            Resource: this.logsBucket.arn,
                        },
                        {
                            // Decrypt: session data (kmsKeyId); GenerateDataKey: SSE-KMS transcripts in the bucket.
                            Sid: "UseStackKeyForSessions",
                            Effect: "Allow",
                            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                            Resource: args.kmsKeyArn,
                        },
                    ],
                }),
            },
            child,
        );
    }
}

/** What every construction phase of a SessionPreferences reads. */
interface Phase {
    readonly args: SessionPreferencesArgs;
    readonly prefix: string;
    readonly child: pulumi.CustomResourceOptions;
    readonly account: pulumi.Output<string>;
}
