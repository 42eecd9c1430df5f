import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Compute } from "./compute/compute";
import { TapConfig } from "./config";
import { Monitoring } from "./monitoring/monitoring";
import { namePrefix, stackTags } from "./naming";
import { VpcNetwork } from "./network/vpc-network";
import { GlobalBaseline } from "./security/global-baseline";
import { SecurityBaseline } from "./security/security-baseline";
import { Database } from "./data/database";
import { HEALTH_CHECK_PATH, WebTier } from "./web/web-tier";
import { StaticSite } from "./web/static-site";

export interface RegionalStackArgs {
    readonly config: TapConfig;
    /** The region this component builds in. */
    readonly region: string;
    /** The primary region holds the account's trail, records global resource types in Config, and hosts the optional tiers. */
    readonly primary: boolean;
    /** The region's provider (same default tags in every region). */
    readonly provider: aws.Provider;
    /** The roles every region uses, created once (IAM is global). */
    readonly global: GlobalBaseline;
}

/** The outputs of one region: under `regions.<code>` in the stack outputs. */
export interface RegionalOutputs {
    readonly vpcId: pulumi.Output<string>;
    readonly vpcCidr: string;
    readonly publicSubnetIds: pulumi.Output<string[]>;
    readonly privateSubnetIds: pulumi.Output<string[]>;
    readonly natGatewayIds: pulumi.Output<string[]>;
    readonly flowLogId: pulumi.Output<string>;
    readonly kmsKeyArn: pulumi.Output<string>;
    readonly kmsKeyId: pulumi.Output<string>;
    readonly accessLogsBucketName: pulumi.Output<string>;
    /** The app instances: an Auto Scaling group, or a single instance (tap:computeMode); only one of the two is present. */
    readonly autoScalingGroupName?: pulumi.Output<string>;
    readonly instanceId?: pulumi.Output<string>;
    readonly appSecurityGroupId: pulumi.Output<string>;
    readonly guardDutyDetectorId: pulumi.Output<string>;
    readonly configRecorderName: pulumi.Output<string>;
    readonly alarmTopicArn: pulumi.Output<string>;
}

/**
 * Everything regional, in one region: its own KMS key (a key never crosses regions, seed 004),
 * VPC, compute and monitoring (GuardDuty, Config, alert topic; in the primary also CloudTrail and
 * the CIS alarms), all through that region's provider. The optional web, data and CDN tiers are
 * built in the primary region only: one database, one entry point.
 */
export class RegionalStack extends pulumi.ComponentResource {
    public readonly security: SecurityBaseline;
    public readonly network: VpcNetwork;
    public readonly compute: Compute;
    public readonly monitoring: Monitoring;
    /** The optional tiers, in the primary region only, each present only when its config switch is on. */
    public readonly webTier?: WebTier;
    public readonly database?: Database;
    public readonly staticSite?: StaticSite;
    public readonly outputs: RegionalOutputs;

    constructor(name: string, args: RegionalStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:index:RegionalStack", name, {}, { ...opts, providers: { aws: args.provider } });
        const c = args.config;
        const prefix = namePrefix(c.environmentSuffix, args.region);
        const provider = args.provider;
        const vpcCidr = c.regionCidrs[args.region];
        const tiers = {
            web: args.primary && c.enableWebTier,
            database: args.primary && c.enableDatabase,
            cdn: args.primary && c.enableCdn,
        };

        this.security = new SecurityBaseline(`${prefix}-security`, {
            namePrefix: prefix,
            region: args.region,
            keyDeletionWindowDays: c.profile === "prod" ? 30 : 7,
            forceDestroyBuckets: c.forceDestroyBuckets,
            enableAccountHardening: c.enableAccountHardening,
            autoScalingServiceRoleArn: args.global.autoScalingServiceRole.arn,
            allowCloudFrontOrigins: tiers.cdn,
            provider,
        }, { parent: this });

        this.network = new VpcNetwork(`${prefix}-network`, {
            namePrefix: prefix,
            cidrBlock: vpcCidr,
            azCount: c.azCount,
            natGatewayStrategy: c.natGatewayStrategy,
            flowLogRetentionDays: c.logRetentionDays,
            logsKmsKeyArn: this.security.kmsKeyArn,
            flowLogRole: args.global.flowLogRole,
            provider,
        }, { parent: this });

        this.compute = new Compute(`${prefix}-compute`, {
            namePrefix: prefix,
            vpcId: this.network.vpcId,
            vpcCidr,
            privateSubnetIds: this.network.privateSubnetIds,
            mode: c.computeMode,
            instanceType: c.instanceType,
            minSize: c.asgMinSize,
            maxSize: c.asgMaxSize,
            desiredCapacity: c.asgDesiredCapacity,
            rootVolumeSizeGiB: c.rootVolumeSizeGiB,
            kmsKeyArn: this.security.kmsKeyArn,
            autoScalingServiceRoleArn: args.global.autoScalingServiceRole.arn,
            instanceRole: args.global.instanceRole,
            instanceProfile: args.global.instanceProfile,
            logRetentionDays: c.logRetentionDays,
            instanceTags: { ...stackTags(c.environmentSuffix, c.owner) },
            protectFromScaleIn: c.protectFromScaleIn,
            // Behind the load balancer, instances serve its health check (a group replaces those failing it).
            healthEndpoint: tiers.web ? { port: c.appPort, path: HEALTH_CHECK_PATH } : undefined,
            provider,
        }, { parent: this });

        this.monitoring = new Monitoring(`${prefix}-monitoring`, {
            namePrefix: prefix,
            kmsKeyArn: this.security.kmsKeyArn,
            accessLogsBucket: this.security.accessLogsBucket,
            logRetentionDays: c.logRetentionDays,
            auditLogExpirationDays: c.auditLogExpirationDays,
            forceDestroyBuckets: c.forceDestroyBuckets,
            // One trail for the account, in the primary; multi-region whenever the stack spans regions.
            trail: args.primary
                ? {
                    multiRegion: c.cloudTrailMultiRegion || c.regions.length > 1,
                    coveredBy: c.cloudTrailCoveredBy,
                    profile: c.profile,
                    dataEventBuckets: c.cloudTrailDataEventBuckets,
                }
                : undefined,
            primary: args.primary,
            createGuardDutyDetector: c.createGuardDutyDetector,
            // An adopted detector id belongs to the primary region; other regions look theirs up.
            guardDutyDetectorId: args.primary ? c.guardDutyDetectorId : undefined,
            createConfigRecorder: c.createConfigRecorder,
            configRecorderName: c.configRecorderName,
            configRole: args.global.configRole,
            alarmEmail: c.alarmEmail,
            provider,
        }, { parent: this });

        // What the load balancer sends traffic to, and what the outputs name: absent keys, not undefined values.
        const { autoScalingGroup, instance } = this.compute;
        const appInstances = {
            ...(autoScalingGroup && { autoScalingGroupName: autoScalingGroup.name }),
            ...(instance && { instanceId: instance.id }),
        };

        // The optional tiers, each switched by config, built from typed args only.
        const tier = { namePrefix: prefix, provider };
        if (tiers.web) {
            this.webTier = new WebTier(`${prefix}-web`, {
                ...tier,
                region: args.region,
                vpcId: this.network.vpcId,
                publicSubnetIds: this.network.publicSubnetIds,
                appSecurityGroupId: this.compute.appSecurityGroup.id,
                ...appInstances,
                appPort: c.appPort,
                allowedIngressCidrs: c.allowedIngressCidrs,
                certificateArn: c.certificateArn,
                deletionProtection: c.deletionProtection,
                wafRateLimit: c.wafRateLimit,
                accessLogsBucket: this.security.accessLogsBucket,
                kmsKeyArn: this.security.kmsKeyArn,
                logRetentionDays: c.logRetentionDays,
                logExpirationDays: c.auditLogExpirationDays,
                forceDestroyBuckets: c.forceDestroyBuckets,
            }, { parent: this });
        }
        if (tiers.database) {
            this.database = new Database(`${prefix}-data`, {
                ...tier,
                vpcId: this.network.vpcId,
                privateSubnetIds: this.network.privateSubnetIds,
                appSecurityGroupId: this.compute.appSecurityGroup.id,
                kmsKeyArn: this.security.kmsKeyArn,
                alarmTopicArn: this.monitoring.alarms.topic.arn,
                instanceClass: c.dbInstanceClass,
                backupRetentionDays: c.dbBackupRetentionDays,
                multiAz: c.dbMultiAz,
                deletionProtection: c.deletionProtection,
                logRetentionDays: c.logRetentionDays,
            }, { parent: this });
        }
        if (tiers.cdn) {
            this.staticSite = new StaticSite(`${prefix}-static-site`, {
                ...tier,
                kmsKeyArn: this.security.kmsKeyArn,
                accessLogsBucket: this.security.accessLogsBucket,
                certificateArn: c.cdnCertificateArn!, // parseTapConfig requires it with enableCdn
                aliases: c.cdnAliases,
                logExpirationDays: c.auditLogExpirationDays,
                forceDestroyBuckets: c.forceDestroyBuckets,
            }, { parent: this });
        }

        this.outputs = {
            vpcId: this.network.vpcId,
            vpcCidr,
            publicSubnetIds: this.network.publicSubnetIds,
            privateSubnetIds: this.network.privateSubnetIds,
            natGatewayIds: this.network.natGatewayIds,
            flowLogId: this.network.flowLog.id,
            kmsKeyArn: this.security.kmsKeyArn,
            kmsKeyId: this.security.kmsKeyId,
            accessLogsBucketName: this.security.accessLogsBucket.bucketName,
            ...appInstances,
            appSecurityGroupId: this.compute.appSecurityGroup.id,
            guardDutyDetectorId: this.monitoring.threatDetection.detectorId,
            configRecorderName: this.monitoring.configRecording.recorderName,
            alarmTopicArn: this.monitoring.alarms.topic.arn,
        };
        this.registerOutputs({ ...this.outputs });
    }
}
