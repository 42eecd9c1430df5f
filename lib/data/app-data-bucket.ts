import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SecureBucket } from "../security/secure-bucket";
import { APP_DATA_TAG, appDataBucketName, APP_DATA_READ_WRITE_ACTIONS } from "./vocabulary";
import { AppDataBucketSettings } from "./settings";

export interface AppDataBucketArgs {
    /** Prefix of every name, e.g. `tap-prod-use1`. */
    readonly namePrefix: string;
    /** Its settings (tap: keys of the same names), whole: the stack passes its settings group. */
    readonly settings: AppDataBucketSettings;
    /** The region of `provider` (the KMS `kms:ViaService` condition of the app role's grant). */
    readonly region: string;
    /** The account the bucket's name carries (`bucketName`). */
    readonly accountId: pulumi.Input<string>;
    /** The region's stack key: the bucket's default encryption, and the only key uploads may name. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** The app instances' role (GlobalBaseline): the one identity that reads and writes the objects. */
    readonly appRole: aws.iam.Role;
    /** AWS Backup's role of the region (Backup), which reads the objects to back them up and writes them on restore. @default none */
    readonly backupRoleArn?: pulumi.Input<string>;
    /** Receives the bucket's server access logs (S3.9). */
    readonly accessLogsBucket: SecureBucket;
    readonly provider: aws.Provider;
}

/**
 * The bucket policy statements of the app data bucket (seed 002, "App Data Bucket"), besides
 * SecureBucket's TLS-only denies (S3.5):
 *
 * - Uploads that ask for another encryption, or another KMS key, than the stack key are denied.
 *   An upload without encryption headers is encrypted by the bucket's default (SSE-KMS, the stack
 *   key): "Amazon S3 ... applies server-side encryption ... as the base level of encryption for
 *   every bucket" and "you can specify the default encryption behavior ... SSE-KMS" (S3 user guide,
 *   Setting default server-side encryption behavior for Amazon S3 buckets), so no object lands in
 *   the bucket but under the stack key, and clients need not repeat the header (the older pattern,
 *   denying uploads without `s3:x-amz-server-side-encryption`, breaks every SDK relying on the
 *   default). Clients that do name a key name it by ARN.
 * - Reading and writing objects is denied to every principal but the app role (and AWS Backup's
 *   role, which backs the objects up and restores them): `aws:PrincipalArn` is the role's ARN for
 *   any session of it (IAM user guide, AWS global condition context keys, aws:PrincipalArn).
 *   Deleting and listing stay with IAM, so a teardown (forceDestroy) can empty the bucket.
 */
export function appDataBucketStatements(
    bucketArn: pulumi.Input<string>,
    kmsKeyArn: pulumi.Input<string>,
    readers: readonly pulumi.Input<string>[],
): aws.iam.PolicyStatement[] {
    const objects = pulumi.interpolate`${bucketArn}/*`;
    return [
        {
            Sid: "DenyUploadsUnderAnotherEncryption",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: objects,
            Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": "aws:kms" } },
        },
        {
            Sid: "DenyUploadsUnderAnotherKey",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: objects,
            Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption-aws-kms-key-id": kmsKeyArn } },
        },
        {
            // "If you specify x-amz-server-side-encryption:aws:kms ... but do not provide
            // x-amz-server-side-encryption-aws-kms-key-id, Amazon S3 uses the AWS managed key (aws/s3)"
            // (S3 API reference, PutObject): the header alone would bypass the stack key.
            Sid: "DenyUploadsUnderTheAwsManagedKey",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: objects,
            Condition: {
                StringEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
                Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "true" },
            },
        },
        {
            Sid: "DenyObjectAccessButTheAppRole",
            Effect: "Deny",
            Principal: "*",
            Action: [...APP_DATA_READ_WRITE_ACTIONS],
            Resource: objects,
            Condition: { ArnNotEquals: { "aws:PrincipalArn": [...readers] } },
        },
    ];
}

/**
 * The application's data bucket of one region (seed 002): a SecureBucket (versioned, public access
 * blocked, TLS only, access-logged) encrypted with the stack key, whose objects only the app role
 * reads and writes, and the app role's grant to it: its objects and the key, through S3 only.
 * Tagged `DataStore: app`, which the policy pack reads. RegionalStack puts it in the backup plan
 * and the trail records its object-level events (CIS 3.8/3.9).
 */
export class AppDataBucket extends pulumi.ComponentResource {
    public readonly bucket: SecureBucket;
    public readonly grant: aws.iam.RolePolicy;
    public readonly bucketName: pulumi.Output<string>;

    constructor(name: string, args: AppDataBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:data:AppDataBucket", name, {}, { ...opts, providers: { aws: args.provider } });
        const prefix = args.namePrefix;
        const readers = [args.appRole.arn, ...(args.backupRoleArn ? [args.backupRoleArn] : [])];
        this.bucket = new SecureBucket(
            `${prefix}-app-data`,
            {
                bucketName: pulumi.output(args.accountId).apply((id) => appDataBucketName(prefix, id)),
                kmsKeyArn: args.kmsKeyArn, // S3.17: SSE-KMS with the stack key
                accessLogsBucket: args.accessLogsBucket,
                forceDestroy: args.settings.forceDestroyBuckets,
                tags: { [APP_DATA_TAG.key]: APP_DATA_TAG.value },
                extraStatements: (bucketArn) => appDataBucketStatements(bucketArn, args.kmsKeyArn, readers),
                provider: args.provider,
            },
            { parent: this },
        );
        this.bucketName = this.bucket.bucketName;

        // The app role's data access: this bucket's objects, and the key only when S3 uses it for them.
        this.grant = new aws.iam.RolePolicy(
            `${prefix}-app-data-access`,
            {
                role: args.appRole.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        { Sid: "ListAppData", Effect: "Allow", Action: "s3:ListBucket", Resource: this.bucket.arn },
                        {
                            Sid: "ReadWriteAppData",
                            Effect: "Allow",
                            Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                            Resource: pulumi.interpolate`${this.bucket.arn}/*`,
                        },
                        {
                            Sid: "UseStackKeyThroughS3",
                            Effect: "Allow",
                            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                            Resource: args.kmsKeyArn,
                            Condition: { StringEquals: { "kms:ViaService": `s3.${args.region}.amazonaws.com` } },
                        },
                    ],
                }),
            },
            { parent: this, provider: args.provider },
        );
        this.registerOutputs({ bucketName: this.bucketName });
    }
}
