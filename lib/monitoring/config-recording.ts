import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { bucketName } from "../naming";
import { SecureBucket } from "../security/secure-bucket";
import { CONFIG_MANAGED_RULES } from "./config-rules";

// The list is its own module (no Pulumi in it): the post-deploy checks (tooling/verify/config.ts) read it too.
export { CONFIG_MANAGED_RULES } from "./config-rules";

export interface ConfigRecordingArgs {
    readonly namePrefix: string;
    /** Create the region's recorder, delivery channel and recorder status; false reuses the region's recorder and only adds rules. @default true */
    readonly createConfigRecorder: boolean;
    /** Name of the recorder (created or reused). */
    readonly configRecorderName: string;
    /** AWS Config's service-linked role, the recorder's role (GlobalBaseline; Config.1); required with `createConfigRecorder`. */
    readonly roleArn?: pulumi.Input<string>;
    /** Record IAM and other global resource types: in the primary region only. @default true */
    readonly includeGlobalResourceTypes: boolean;
    readonly kmsKeyArn: pulumi.Input<string>;
    /** Receives the Config bucket's server access logs (S3.9). */
    readonly accessLogsBucket: SecureBucket;
    /** Days after which Config snapshots and history are deleted (> 90). */
    readonly auditLogExpirationDays: number;
    readonly forceDestroyBuckets: boolean;
    /** tap:retainAuditLogs: the audit-log bucket (and its side resources) stays in the account when the stack deletes it. @default false */
    readonly retainAuditLogs?: boolean;
    readonly provider: aws.Provider;
}

/** Statements AWS Config needs on its delivery bucket (for the service principal, scoped to this account). */
export function configBucketStatements(bucketArn: pulumi.Input<string>, account: pulumi.Input<string>): aws.iam.PolicyStatement[] {
    const principal = { Service: "config.amazonaws.com" };
    const thisAccount = { StringEquals: { "aws:SourceAccount": account } };
    return [
        {
            Sid: "ConfigAclCheck",
            Effect: "Allow",
            Principal: principal,
            Action: "s3:GetBucketAcl",
            Resource: bucketArn,
            Condition: thisAccount,
        },
        {
            Sid: "ConfigBucketExistenceCheck",
            Effect: "Allow",
            Principal: principal,
            Action: "s3:ListBucket",
            Resource: bucketArn,
            Condition: thisAccount,
        },
        {
            Sid: "ConfigDelivery",
            Effect: "Allow",
            Principal: principal,
            Action: "s3:PutObject",
            Resource: pulumi.interpolate`${bucketArn}/AWSLogs/${account}/Config/*`,
            Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": account } },
        },
    ];
}

/** AWS Config (Config.1 / CIS 3.3): recorder → delivery channel → recorder status, and managed rules. */
export class ConfigRecording extends pulumi.ComponentResource {
    public readonly recorderName: pulumi.Output<string>;
    public readonly recorder?: aws.cfg.Recorder;
    public readonly deliveryChannel?: aws.cfg.DeliveryChannel;
    public readonly recorderStatus?: aws.cfg.RecorderStatus;
    public readonly bucket?: SecureBucket;
    public readonly rules: aws.cfg.Rule[];

    constructor(name: string, args: ConfigRecordingArgs, opts?: pulumi.ComponentResourceOptions) {
        if (args.createConfigRecorder && args.roleArn === undefined)
            throw new Error(`ConfigRecording ${name}: createConfigRecorder needs AWS Config's service-linked role (roleArn)`);
        super("tap:monitoring:ConfigRecording", name, {}, { ...opts, providers: { aws: args.provider } });
        const prefix = args.namePrefix;
        const child = { parent: this, provider: args.provider };

        if (args.createConfigRecorder) {
            const account = aws.getCallerIdentityOutput({}, child).accountId;
            this.bucket = new SecureBucket(
                `${prefix}-config`,
                {
                    bucketName: account.apply((id) => bucketName(prefix, "config", id)),
                    kmsKeyArn: args.kmsKeyArn,
                    accessLogsBucket: args.accessLogsBucket,
                    forceDestroy: args.forceDestroyBuckets,
                    retainOnDelete: args.retainAuditLogs ?? false, // audit evidence outlives the stack
                    logLifecycle: { expireAfterDays: args.auditLogExpirationDays },
                    extraStatements: (bucketArn) => configBucketStatements(bucketArn, account),
                    provider: args.provider,
                },
                { parent: this },
            );

            // Config.1: the recorder records with the service-linked role; Config delivers to the bucket
            // and encrypts with the key as config.amazonaws.com, granted by their policies (above, and
            // the key policy's ConfigDeliverEncrypted), not by the role.
            // One recorder per account and region: tap:createConfigRecorder=false reuses the existing one.
            this.recorder = new aws.cfg.Recorder(
                `${prefix}-config-recorder`,
                {
                    name: args.configRecorderName,
                    roleArn: args.roleArn!, // Config.1: AWSServiceRoleForConfig, never a role of our own
                    // Global types (IAM) are recorded in the primary region only, not once per region.
                    recordingGroup: { allSupported: true, includeGlobalResourceTypes: args.includeGlobalResourceTypes },
                },
                child,
            );
            this.deliveryChannel = new aws.cfg.DeliveryChannel(
                `${prefix}-config-delivery`,
                {
                    name: args.configRecorderName,
                    s3BucketName: this.bucket.bucketName,
                    s3KmsKeyArn: args.kmsKeyArn,
                    snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" },
                },
                { ...child, dependsOn: [this.recorder, this.bucket.policy] },
            );
            // Config.1 / CIS 3.3: start recording only once the channel exists (NoAvailableDeliveryChannelException).
            this.recorderStatus = new aws.cfg.RecorderStatus(
                `${prefix}-config-recorder-status`,
                {
                    name: this.recorder.name,
                    isEnabled: true,
                },
                { ...child, dependsOn: [this.deliveryChannel] },
            );
            this.recorderName = this.recorder.name;
        } else {
            this.recorderName = pulumi.output(args.configRecorderName);
        }

        this.rules = CONFIG_MANAGED_RULES.map(
            (rule) =>
                new aws.cfg.Rule(
                    `${prefix}-${rule.id.toLowerCase().replace(/_/g, "-")}`,
                    {
                        name: `${prefix}-${rule.id.toLowerCase().replace(/_/g, "-")}`,
                        description: `${rule.control}: AWS managed rule ${rule.id}`,
                        source: { owner: "AWS", sourceIdentifier: rule.id },
                        inputParameters: rule.parameters ? JSON.stringify(rule.parameters) : undefined,
                    },
                    { ...child, dependsOn: this.recorderStatus ? [this.recorderStatus] : [] },
                ),
        );

        this.registerOutputs({ recorderName: this.recorderName });
    }
}
