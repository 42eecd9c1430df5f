import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TapConfig } from "./config";
import { namePrefix, stackTags } from "./naming";
import { VpcNetwork } from "./network/vpc-network";
import { Compute } from "./compute/compute";
import { Monitoring } from "./monitoring/monitoring";
import { SecurityBaseline } from "./security/security-baseline";
import { Database } from "./data/database";
import { HEALTH_CHECK_PATH, WebTier } from "./web/web-tier";
import { StaticSite } from "./web/static-site";

export interface TapStackArgs {
    /** The validated stack configuration (see `parseTapConfig`). */
    readonly config: TapConfig;
}

/** The values exported as stack outputs; integration tests read them from `pulumi stack output`. */
export interface TapStackOutputs {
    readonly region: string;
    readonly environmentSuffix: string;
    readonly vpcId: pulumi.Output<string>;
    readonly publicSubnetIds: pulumi.Output<string[]>;
    readonly privateSubnetIds: pulumi.Output<string[]>;
    readonly natGatewayIds: pulumi.Output<string[]>;
    readonly flowLogId: pulumi.Output<string>;
    readonly kmsKeyArn: pulumi.Output<string>;
    readonly kmsKeyId: pulumi.Output<string>;
    readonly accessLogsBucketName: pulumi.Output<string>;
    readonly instanceRoleArn: pulumi.Output<string>;
    readonly autoScalingGroupName: pulumi.Output<string>;
    readonly appSecurityGroupId: pulumi.Output<string>;
    readonly cloudTrailArn: pulumi.Output<string>;
    readonly cloudTrailBucketName: pulumi.Output<string>;
    readonly cloudTrailMultiRegion: boolean;
    /** Every bucket of the stack, for the post-deploy checks. */
    readonly bucketNames: pulumi.Output<string[]>;
    readonly guardDutyDetectorId: pulumi.Output<string>;
    readonly configRecorderName: pulumi.Output<string>;
    readonly alarmTopicArn: pulumi.Output<string>;
    /** Present only with the web tier (tap:enableWebTier). */
    readonly albDnsName?: pulumi.Output<string>;
    readonly albArn?: pulumi.Output<string>;
    readonly webAclArn?: pulumi.Output<string>;
    /** Present only with the data tier (tap:enableDatabase): `host:port`, and the master credentials' secret. */
    readonly dbEndpoint?: pulumi.Output<string>;
    readonly dbSecretArn?: pulumi.Output<string>;
    /** Present only with the CDN (tap:enableCdn). */
    readonly cdnDomainName?: pulumi.Output<string>;
}

/** The whole environment of one stage: composes the child components, creates nothing itself but the provider. */
export class TapStack extends pulumi.ComponentResource {
    public readonly provider: aws.Provider;
    public readonly security: SecurityBaseline;
    public readonly network: VpcNetwork;
    public readonly compute: Compute;
    public readonly monitoring: Monitoring;
    /** The optional tiers, each present only when its config switch is on. */
    public readonly webTier?: WebTier;
    public readonly database?: Database;
    public readonly staticSite?: StaticSite;
    public readonly outputs: TapStackOutputs;

    constructor(name: string, args: TapStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:index:TapStack", name, {}, opts);
        const c = args.config;
        const prefix = namePrefix(c.environmentSuffix, c.region);

        // Explicit provider per region: a second region is another provider with the same tags.
        this.provider = new aws.Provider(`aws-${c.region}`, {
            region: c.region as aws.Region,
            defaultTags: { tags: { ...stackTags(c.environmentSuffix, c.owner) } },
        }, { parent: this });

        this.security = new SecurityBaseline(`${prefix}-security`, {
            namePrefix: prefix,
            region: c.region,
            keyDeletionWindowDays: c.profile === "prod" ? 30 : 7,
            forceDestroyBuckets: c.forceDestroyBuckets,
            enableAccountHardening: c.enableAccountHardening,
            allowCloudFrontOrigins: c.enableCdn,
            provider: this.provider,
        }, { parent: this });

        this.network = new VpcNetwork(`${prefix}-network`, {
            namePrefix: prefix,
            cidrBlock: c.vpcCidr,
            azCount: c.azCount,
            natGatewayStrategy: c.natGatewayStrategy,
            flowLogRetentionDays: c.logRetentionDays,
            logsKmsKeyArn: this.security.kmsKeyArn,
            provider: this.provider,
        }, { parent: this });

        this.compute = new Compute(`${prefix}-compute`, {
            namePrefix: prefix,
            vpcId: this.network.vpcId,
            vpcCidr: c.vpcCidr,
            privateSubnetIds: this.network.privateSubnetIds,
            instanceType: c.instanceType,
            minSize: c.asgMinSize,
            maxSize: c.asgMaxSize,
            desiredCapacity: c.asgDesiredCapacity,
            rootVolumeSizeGiB: c.rootVolumeSizeGiB,
            kmsKeyArn: this.security.kmsKeyArn,
            autoScalingServiceRoleArn: this.security.autoScalingServiceRole.arn,
            logRetentionDays: c.logRetentionDays,
            instanceTags: { ...stackTags(c.environmentSuffix, c.owner) },
            protectFromScaleIn: c.protectFromScaleIn,
            // Behind the load balancer, instances serve its health check and are replaced when they fail it.
            healthEndpoint: c.enableWebTier ? { port: c.appPort, path: HEALTH_CHECK_PATH } : undefined,
            provider: this.provider,
        }, { parent: this });

        this.monitoring = new Monitoring(`${prefix}-monitoring`, {
            namePrefix: prefix,
            kmsKeyArn: this.security.kmsKeyArn,
            accessLogsBucket: this.security.accessLogsBucket,
            logRetentionDays: c.logRetentionDays,
            auditLogExpirationDays: c.auditLogExpirationDays,
            forceDestroyBuckets: c.forceDestroyBuckets,
            cloudTrailMultiRegion: c.cloudTrailMultiRegion,
            cloudTrailDataEventBuckets: c.cloudTrailDataEventBuckets,
            createGuardDutyDetector: c.createGuardDutyDetector,
            guardDutyDetectorId: c.guardDutyDetectorId,
            createConfigRecorder: c.createConfigRecorder,
            configRecorderName: c.configRecorderName,
            alarmEmail: c.alarmEmail,
            provider: this.provider,
        }, { parent: this });

        // The optional tiers of this region, each switched by config, built from typed args only.
        const tier = { namePrefix: prefix, provider: this.provider };
        if (c.enableWebTier) {
            this.webTier = new WebTier(`${prefix}-web`, {
                ...tier,
                region: c.region,
                vpcId: this.network.vpcId,
                publicSubnetIds: this.network.publicSubnetIds,
                appSecurityGroupId: this.compute.appSecurityGroup.id,
                autoScalingGroupName: this.compute.autoScalingGroup.name,
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
        if (c.enableDatabase) {
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
        if (c.enableCdn) {
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
            region: c.region,
            environmentSuffix: c.environmentSuffix,
            vpcId: this.network.vpcId,
            publicSubnetIds: this.network.publicSubnetIds,
            privateSubnetIds: this.network.privateSubnetIds,
            natGatewayIds: this.network.natGatewayIds,
            flowLogId: this.network.flowLog.id,
            kmsKeyArn: this.security.kmsKeyArn,
            kmsKeyId: this.security.kmsKeyId,
            accessLogsBucketName: this.security.accessLogsBucket.bucketName,
            instanceRoleArn: this.compute.instanceRole.arn,
            autoScalingGroupName: this.compute.autoScalingGroup.name,
            appSecurityGroupId: this.compute.appSecurityGroup.id,
            cloudTrailArn: this.monitoring.auditTrail.trail.arn,
            cloudTrailBucketName: this.monitoring.auditTrail.bucket.bucketName,
            cloudTrailMultiRegion: c.cloudTrailMultiRegion,
            bucketNames: pulumi.output([
                this.security.accessLogsBucket,
                this.monitoring.auditTrail.bucket,
                ...(this.monitoring.configRecording.bucket ? [this.monitoring.configRecording.bucket] : []),
                ...(this.webTier ? [this.webTier.accessLogBucket] : []),
                ...(this.staticSite ? [this.staticSite.contentBucket, this.staticSite.logBucket] : []),
            ].map((b) => b.bucketName)),
            guardDutyDetectorId: this.monitoring.threatDetection.detectorId,
            configRecorderName: this.monitoring.configRecording.recorderName,
            alarmTopicArn: this.monitoring.alarms.topic.arn,
            // Absent keys, not undefined values: Pulumi warns about undefined stack outputs.
            ...(this.webTier && {
                albDnsName: this.webTier.loadBalancer.dnsName,
                albArn: this.webTier.loadBalancer.arn,
                webAclArn: this.webTier.webAcl.arn,
            }),
            ...(this.database && {
                dbEndpoint: this.database.instance.endpoint,
                dbSecretArn: this.database.masterUserSecretArn,
            }),
            ...(this.staticSite && { cdnDomainName: this.staticSite.distribution.domainName }),
        };
        this.registerOutputs({ ...this.outputs });
    }
}
