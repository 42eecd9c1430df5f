import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Compute } from "./compute/compute";
import { CostBudget } from "./cost/budget";
import { Detection } from "./detection/detection";
import { Monitoring } from "./monitoring/monitoring";
import { namePrefix, stackTags } from "./naming";
import { VpcNetwork } from "./network/vpc-network";
import { GlobalBaseline } from "./security/global-baseline";
import { SecurityBaseline } from "./security/security-baseline";
import { Database } from "./data/database";
import { HEALTH_CHECK_PATH, WebTier } from "./web/web-tier";
import { StaticSite } from "./web/static-site";
import { settingsFor } from "./config/declare";
import { COST_BUDGET_SETTINGS } from "./cost/settings";
import { MONITORING_SETTINGS } from "./monitoring/settings";
import { DETECTION_SETTINGS, DetectionSettings } from "./detection/settings";
import { WorkloadSettings } from "./settings";
import { VPC_NETWORK_SETTINGS } from "./network/settings";
import { COMPUTE_SETTINGS } from "./compute/settings";
import { SECURITY_BASELINE_SETTINGS } from "./security/settings";
import { PATCH_MANAGEMENT_SETTINGS, SESSION_PREFERENCES_SETTINGS } from "./management/settings";
import { DOMAIN_ALIAS_SETTINGS, DOMAIN_SETTINGS, STATIC_SITE_SETTINGS, WEB_TIER_SETTINGS } from "./web/settings";
import { APP_DATA_BUCKET_SETTINGS, BACKUP_SETTINGS, DATABASE_SETTINGS } from "./data/settings";
import { VpcEndpoints } from "./network/vpc-endpoints";
import { SessionPreferences } from "./management/session-preferences";
import { PATCH_GROUP_TAG, PatchManagement } from "./management/patch-management";
import { Backup, backupVaultArn, backupVaultName } from "./data/backup";
import { FleetAlarms } from "./monitoring/fleet-alarms";
import { DomainAlias, DomainCertificate } from "./web/domain";
import { AppDataBucket } from "./data/app-data-bucket";
import { appDataBucketName } from "./data/vocabulary";

/**
 * The stack settings a region is built from: the workload role's, flat (lib/settings.ts composes
 * the components' settings groups). Each component gets its own group whole (`settingsFor`).
 * `regionCidrs` holds every region's VPC CIDR (completed by the config module).
 */
export type RegionalSettings = WorkloadSettings;

export interface RegionalStackArgs {
    readonly settings: RegionalSettings;
    /** The region this component builds in. */
    readonly region: string;
    /** The primary region holds the account's trail, records global resource types in Config, and hosts the optional tiers. */
    readonly primary: boolean;
    /** The region's provider (same default tags in every region). */
    readonly provider: aws.Provider;
    /** The roles every region uses, created once (IAM is global). */
    readonly global: GlobalBaseline;
    /** The region whose vault receives a copy of this region's recovery points (the next region). @default no copy */
    readonly backupCopyRegion?: string;
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
    /** Whether the stack created the region's recorder (false: adopted, tap:createConfigRecorder false): the post-deploy check judges an adopted one by its owner's rules. */
    readonly configRecorderManaged: boolean;
    /** Whether this region's recorder records global types (IAM): the primary's only, so they are recorded once. */
    readonly configRecordsGlobalTypes: boolean;
    /** The names of the stack's own Config rules: the post-deploy check finds them by name, not Security Hub's service-linked copies of the same managed rules. */
    readonly configRuleNames: pulumi.Output<string[]>;
    readonly alarmTopicArn: pulumi.Output<string>;
    /** The state machine Security Hub's alerts go through (it marks what it sends NOTIFIED); where this region alerts on Security Hub. */
    readonly alertStateMachineArn?: pulumi.Output<string>;
    /** Continuous detection, for the post-deploy checks: the subscribed standards' ARNs and the waivers (tap:securityHubControlWaivers). */
    readonly securityHubStandards: string[];
    readonly securityHubControlWaivers: DetectionSettings["securityHubControlWaivers"];
    /** Absent when the region's analyzer is adopted (tap:createAccessAnalyzer false). */
    readonly accessAnalyzerName?: pulumi.Output<string>;
    readonly inspectorEnabled: boolean;
    /** The GuardDuty features the stack set; absent when it leaves an adopted detector's as they are. */
    readonly guardDutyFeatures?: Record<string, string>;
    /** The private management plane: present when its part is on. */
    readonly vpcEndpointIds?: pulumi.Output<string[]>;
    readonly sessionLogGroupName: pulumi.Output<string>;
    readonly managementLogsBucketName: pulumi.Output<string>;
    /** Whether the stack manages SSM-SessionManagerRunShell (false: adopted, not changed). */
    readonly sessionPreferencesManaged: boolean;
    readonly sessionIdleTimeoutMinutes: number;
    readonly sessionMaxDurationMinutes: number;
    readonly patchGroup?: string;
    readonly patchBaselineId?: pulumi.Output<string>;
    readonly patchScanAssociationId?: pulumi.Output<string>;
    readonly patchWindowId?: pulumi.Output<string>;
    /** The region's data tier (the primary's, or every region's with tap:dataTierInEveryRegion): the database's identifier, the app data bucket. */
    readonly rdsInstanceId?: pulumi.Output<string>;
    readonly appDataBucketName?: pulumi.Output<string>;
    /** AWS Backup (tap:enableBackup): the region's vault; its plan where the region has data to protect. */
    readonly backupVaultName?: pulumi.Output<string>;
    readonly backupPlanId?: pulumi.Output<string>;
}

/** The optional tiers of the primary region, each present only when its switch is on. */
interface OptionalTiers {
    readonly domainCertificate?: DomainCertificate;
    readonly webTier?: WebTier;
    readonly domainAlias?: DomainAlias;
    readonly database?: Database;
    readonly staticSite?: StaticSite;
}

/** What every construction phase of a RegionalStack reads. */
interface Phase {
    readonly args: RegionalStackArgs;
    readonly settings: RegionalSettings;
    readonly prefix: string;
    readonly common: { readonly namePrefix: string; readonly provider: aws.Provider };
    readonly vpcCidr: string;
    readonly tiers: {
        readonly web: boolean;
        readonly database: boolean;
        readonly appData: boolean;
        readonly cdn: boolean;
        readonly budget: boolean;
    };
}

/**
 * Everything regional, in one region: its own KMS key (a key never crosses regions, seed 004),
 * VPC, compute, monitoring (Config, alert topic; in the primary also CloudTrail and the CIS alarms)
 * and detection (GuardDuty, Security Hub, Access Analyzer, Inspector), all through that region's provider. The optional web, data and CDN tiers are
 * built in the primary region only: one database, one entry point.
 */
export class RegionalStack extends pulumi.ComponentResource {
    public readonly security: SecurityBaseline;
    public readonly network: VpcNetwork;
    public readonly compute: Compute;
    public readonly monitoring: Monitoring;
    /** GuardDuty, Security Hub, IAM Access Analyzer and Inspector (docs/detection.md). */
    public readonly detection: Detection;
    /** The optional tiers, in the primary region only, each present only when its config switch is on. */
    public readonly webTier?: WebTier;
    public readonly database?: Database;
    public readonly staticSite?: StaticSite;
    /** The stack's cost budget (tap:monthlyBudgetUsd), in the primary region only. */
    public readonly costBudget?: CostBudget;
    /** The private management plane: endpoints (tap:vpcEndpoints), session preferences, Patch Manager (tap:enablePatchManager). */
    public readonly vpcEndpoints?: VpcEndpoints;
    public readonly sessionPreferences: SessionPreferences;
    public readonly patchManagement?: PatchManagement;
    /** AWS Backup (tap:enableBackup) and the fleet's alarms. */
    public readonly backup?: Backup;
    /** The application's data bucket (tap:enableAppDataBucket), where the region has the data tier. */
    public readonly appData?: AppDataBucket;
    public readonly fleetAlarms: FleetAlarms;
    /** With tap:domainName: the load balancer's validated certificate and its alias record. */
    public readonly domainCertificate?: DomainCertificate;
    public readonly domainAlias?: DomainAlias;
    public readonly outputs: RegionalOutputs;

    constructor(name: string, args: RegionalStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:index:RegionalStack", name, {}, { ...opts, providers: { aws: args.provider } });
        const settings = args.settings;
        const prefix = namePrefix(settings.environmentSuffix, args.region);
        const phase: Phase = {
            args,
            settings,
            prefix,
            common: { namePrefix: prefix, provider: args.provider },
            vpcCidr: settings.regionCidrs[args.region],
            // The optional tiers live in the primary region only: one database, one entry point.
            // The data tier too, unless tap:dataTierInEveryRegion puts it in every region (seed 004).
            tiers: {
                web: args.primary && settings.enableWebTier,
                database: hasDataTier(settings, args.primary) && settings.enableDatabase,
                appData: hasDataTier(settings, args.primary) && settings.enableAppDataBucket,
                cdn: args.primary && settings.enableCdn,
                budget: args.primary && settings.monthlyBudgetUsd !== undefined,
            },
        };
        // The phases, in the order AWS needs them: key and buckets, network, instances, monitoring,
        // the private management plane, the optional tiers, then what protects and watches them.
        this.security = this.createSecurityBaseline(phase);
        this.network = this.createNetwork(phase);
        this.compute = this.createCompute(phase);
        this.monitoring = this.createMonitoring(phase);
        this.detection = this.createDetection(phase);
        this.costBudget = this.createCostBudget(phase);
        this.vpcEndpoints = this.createVpcEndpoints(phase);
        this.sessionPreferences = this.createSessionPreferences(phase);
        this.patchManagement = this.createPatchManagement(phase);
        ({
            domainCertificate: this.domainCertificate,
            webTier: this.webTier,
            domainAlias: this.domainAlias,
            database: this.database,
            staticSite: this.staticSite,
        } = this.createTiers(phase));
        this.backup = this.createBackup(phase);
        this.appData = this.createAppData(phase);
        this.fleetAlarms = this.createFleetAlarms(phase);
        this.outputs = this.regionalOutputs(phase);
        this.registerOutputs({ ...this.outputs });
    }

    /** What the load balancer sends traffic to, and what the outputs name: absent keys, not undefined values. */
    private appInstances(): { autoScalingGroupName?: pulumi.Output<string>; instanceId?: pulumi.Output<string> } {
        const { autoScalingGroup, instance } = this.compute;
        return {
            ...(autoScalingGroup && { autoScalingGroupName: autoScalingGroup.name }),
            ...(instance && { instanceId: instance.id }),
        };
    }

    private createSecurityBaseline(phase: Phase): SecurityBaseline {
        const { args, settings, prefix, common, tiers } = phase;
        return new SecurityBaseline(
            `${prefix}-security`,
            {
                ...common,
                settings: settingsFor(SECURITY_BASELINE_SETTINGS, settings),
                region: args.region,
                autoScalingServiceRoleArn: args.global.autoScalingServiceRole.arn,
                allowCloudFrontOrigins: tiers.cdn,
                allowBudgetAlerts: tiers.budget,
            },
            { parent: this },
        );
    }

    private createNetwork(phase: Phase): VpcNetwork {
        const { args, settings, prefix, common, vpcCidr } = phase;
        return new VpcNetwork(
            `${prefix}-network`,
            {
                ...common,
                settings: settingsFor(VPC_NETWORK_SETTINGS, settings),
                vpcCidr,
                logsKmsKeyArn: this.security.kmsKeyArn,
                flowLogRole: args.global.flowLogRole,
            },
            { parent: this },
        );
    }

    private createCompute(phase: Phase): Compute {
        const { args, settings, prefix, common, vpcCidr, tiers } = phase;
        return new Compute(
            `${prefix}-compute`,
            {
                ...common,
                settings: settingsFor(COMPUTE_SETTINGS, settings),
                vpcId: this.network.vpcId,
                vpcCidr,
                privateSubnetIds: this.network.privateSubnetIds,
                kmsKeyArn: this.security.kmsKeyArn,
                autoScalingServiceRoleArn: args.global.autoScalingServiceRole.arn,
                instanceRole: args.global.instanceRole,
                instanceProfile: args.global.instanceProfile,
                // Patch Manager finds the instances by their patch group tag.
                instanceTags: {
                    ...settings.extraTags,
                    ...stackTags(settings.environmentSuffix, settings.owner),
                    ...(settings.enablePatchManager && { [PATCH_GROUP_TAG]: `${prefix}-app` }),
                },
                updates: settings.enablePatchManager ? "patch-manager" : "dnf-automatic",
                // Behind the load balancer, instances serve its health check (a group replaces those failing it).
                healthEndpoint: tiers.web ? { port: settings.appPort, path: HEALTH_CHECK_PATH } : undefined,
            },
            { parent: this },
        );
    }

    private createMonitoring(phase: Phase): Monitoring {
        const { args, settings, prefix, common, tiers } = phase;
        return new Monitoring(
            `${prefix}-monitoring`,
            {
                ...common,
                settings: settingsFor(MONITORING_SETTINGS, settings),
                // The other regions send no Security Hub alert of their own: the primary's hub aggregates their findings (createDetection).
                securityHubAggregatedElsewhere: !args.primary && settings.regions.length > 1,
                // The trail (primary) records the object-level events of every region's app data bucket.
                ...(args.primary && {
                    appDataBucketNames: appDataRegions(settings).map((region) =>
                        this.security.accountId.apply((id) => appDataBucketName(namePrefix(settings.environmentSuffix, region), id)),
                    ),
                }),
                kmsKeyArn: this.security.kmsKeyArn,
                accessLogsBucket: this.security.accessLogsBucket,
                primary: args.primary,
                configRoleArn: args.global.configRoleArn,
                budgetAlerts: tiers.budget,
            },
            { parent: this },
        );
    }

    private createDetection(phase: Phase): Detection {
        const { args, settings, prefix, common } = phase;
        return new Detection(
            `${prefix}-detection`,
            {
                ...common,
                settings: settingsFor(DETECTION_SETTINGS, settings),
                region: args.region,
                primary: args.primary,
                // The primary's hub aggregates the other regions' findings, and alerts on them (createMonitoring).
                ...(args.primary && settings.regions.length > 1 && { aggregateRegions: settings.regions.filter((r) => r !== args.region) }),
                // Stacks deployed before Detection existed hold these services under Monitoring (aliases, lib/detection/detection.ts).
                formerParent: this.monitoring,
            },
            { parent: this },
        );
    }

    private createCostBudget(phase: Phase): CostBudget | undefined {
        const { settings, prefix, common, tiers } = phase;
        if (!tiers.budget) return undefined;
        const tags = stackTags(settings.environmentSuffix, settings.owner);
        return new CostBudget(
            `${prefix}-cost-budget`,
            {
                ...common,
                settings: settingsFor(COST_BUDGET_SETTINGS, settings),
                tags: { Project: tags.Project, Environment: tags.Environment },
                alertTopicArn: this.monitoring.alarms.topic.arn,
            },
            { parent: this },
        );
    }

    private createVpcEndpoints(phase: Phase): VpcEndpoints | undefined {
        // Private management plane (issue 12): SSM without NAT, recorded sessions, Patch Manager.
        const { args, settings, prefix, common, vpcCidr } = phase;
        if (!settings.vpcEndpoints) return undefined;
        return new VpcEndpoints(
            `${prefix}-endpoints`,
            {
                ...common,
                region: args.region,
                vpcId: this.network.vpcId,
                vpcCidr,
                privateSubnetIds: this.network.privateSubnetIds,
                privateRouteTableIds: this.network.privateRouteTables.map((t) => t.id),
            },
            { parent: this },
        );
    }

    private createSessionPreferences(phase: Phase): SessionPreferences {
        const { args, settings, prefix, common } = phase;
        return new SessionPreferences(
            `${prefix}-sessions`,
            {
                ...common,
                settings: settingsFor(SESSION_PREFERENCES_SETTINGS, settings),
                region: args.region,
                kmsKeyArn: this.security.kmsKeyArn,
                accessLogsBucket: this.security.accessLogsBucket,
                instanceRole: args.global.instanceRole,
            },
            { parent: this },
        );
    }

    private createPatchManagement(phase: Phase): PatchManagement | undefined {
        const { args, settings, prefix, common } = phase;
        if (!settings.enablePatchManager) return undefined;
        return new PatchManagement(
            `${prefix}-patching`,
            {
                ...common,
                settings: settingsFor(PATCH_MANAGEMENT_SETTINGS, settings),
                computeMode: settings.computeMode,
                outputBucket: this.sessionPreferences.logsBucket,
                kmsKeyArn: this.security.kmsKeyArn,
                instanceRole: args.global.instanceRole,
                autoScalingGroup: this.compute.autoScalingGroup &&
                    args.global.patchRefreshRole && {
                        name: this.compute.autoScalingGroup.name,
                        arn: this.compute.autoScalingGroup.arn,
                        launchTemplateArn: this.compute.launchTemplate.arn,
                        refreshRole: args.global.patchRefreshRole,
                    },
            },
            { parent: this },
        );
    }

    private createTiers(phase: Phase): OptionalTiers {
        // The optional tiers: each present only when its config switch is on (primary region only).
        const { args, settings, prefix, common, tiers } = phase;
        let domainCertificate: DomainCertificate | undefined;
        let webTier: WebTier | undefined;
        let domainAlias: DomainAlias | undefined;
        let database: Database | undefined;
        let staticSite: StaticSite | undefined;
        const appInstances = this.appInstances();

        // TLS from the stack's own domain (tap:domainName, with its zone: the config requires both together).
        const domain = tiers.web && settings.domainName !== undefined && settings.hostedZoneId !== undefined;
        if (domain)
            domainCertificate = new DomainCertificate(
                `${prefix}-domain-certificate`,
                { ...common, settings: settingsFor(DOMAIN_SETTINGS, settings) },
                { parent: this },
            );
        if (tiers.web) {
            webTier = new WebTier(
                `${prefix}-web`,
                {
                    ...common,
                    settings: settingsFor(WEB_TIER_SETTINGS, settings),
                    // TLS from the stack's own domain: the listener waits for ACM's validation.
                    ...(domainCertificate && { validatedCertificateArn: domainCertificate.validatedCertificateArn }),
                    ...appInstances,
                    region: args.region,
                    vpcId: this.network.vpcId,
                    publicSubnetIds: this.network.publicSubnetIds,
                    appSecurityGroupId: this.compute.appSecurityGroup.id,
                    accessLogsBucket: this.security.accessLogsBucket,
                    kmsKeyArn: this.security.kmsKeyArn,
                },
                { parent: this },
            );
        }
        if (domain && webTier) {
            domainAlias = new DomainAlias(
                `${prefix}-domain-alias`,
                {
                    ...common,
                    settings: settingsFor(DOMAIN_ALIAS_SETTINGS, settings),
                    loadBalancer: { dnsName: webTier.loadBalancer.dnsName, zoneId: webTier.loadBalancer.zoneId },
                },
                { parent: this },
            );
        }
        if (tiers.database) {
            database = new Database(
                `${prefix}-data`,
                {
                    ...common,
                    settings: settingsFor(DATABASE_SETTINGS, settings),
                    vpcId: this.network.vpcId,
                    privateSubnetIds: this.network.privateSubnetIds,
                    appSecurityGroupId: this.compute.appSecurityGroup.id,
                    kmsKeyArn: this.security.kmsKeyArn,
                    alarmTopicArn: this.monitoring.alarms.topic.arn,
                },
                { parent: this },
            );
        }
        if (tiers.cdn) {
            staticSite = new StaticSite(
                `${prefix}-static-site`,
                {
                    ...common,
                    settings: settingsFor(STATIC_SITE_SETTINGS, settings),
                    region: args.region,
                    kmsKeyArn: this.security.kmsKeyArn,
                    accessLogsBucket: this.security.accessLogsBucket,
                },
                { parent: this },
            );
        }

        return { domainCertificate, webTier, domainAlias, database, staticSite };
    }

    private createBackup(phase: Phase): Backup | undefined {
        const { args, settings, prefix, common, tiers } = phase;
        if (!settings.enableBackup) return undefined;
        // The next region's vault, addressed by its fixed name: it belongs to another RegionalStack.
        const partition = aws.getPartitionOutput({}, { parent: this, provider: args.provider }).partition;
        const copyRegion = args.backupCopyRegion;
        return new Backup(
            `${prefix}-backup`,
            {
                ...common,
                settings: settingsFor(BACKUP_SETTINGS, settings),
                kmsKeyArn: this.security.kmsKeyArn,
                // The database and the app data bucket (by its fixed name: the bucket's policy names the backup role).
                resourceArns: [
                    ...(this.database ? [this.database.instance.arn] : []),
                    ...(tiers.appData
                        ? [
                              pulumi
                                  .all([partition, this.security.accountId])
                                  .apply(([part, account]) => `arn:${part}:s3:::${appDataBucketName(prefix, account)}`),
                          ]
                        : []),
                ],
                backsUpS3Buckets: tiers.appData,
                copyToVaultArn:
                    copyRegion === undefined
                        ? undefined
                        : pulumi
                              .all([partition, this.security.accountId])
                              .apply(([part, account]) =>
                                  backupVaultArn(
                                      part,
                                      copyRegion,
                                      account,
                                      backupVaultName(namePrefix(settings.environmentSuffix, copyRegion)),
                                  ),
                              ),
            },
            { parent: this },
        );
    }

    private createAppData(phase: Phase): AppDataBucket | undefined {
        const { args, settings, prefix, common, tiers } = phase;
        if (!tiers.appData) return undefined;
        return new AppDataBucket(
            `${prefix}-app-data`,
            {
                ...common,
                region: args.region,
                accountId: this.security.accountId,
                kmsKeyArn: this.security.kmsKeyArn,
                appRole: args.global.instanceRole,
                backupRoleArn: this.backup?.role?.arn,
                accessLogsBucket: this.security.accessLogsBucket,
                settings: settingsFor(APP_DATA_BUCKET_SETTINGS, settings),
            },
            { parent: this },
        );
    }

    private createFleetAlarms(phase: Phase): FleetAlarms {
        const { prefix, common } = phase;
        const { autoScalingGroup } = this.compute;
        return new FleetAlarms(
            `${prefix}-fleet-alarms`,
            {
                ...common,
                alarmTopicArn: this.monitoring.alarms.topic.arn,
                autoScalingGroupName: autoScalingGroup?.name,
                loadBalancer: this.webTier && {
                    arnSuffix: this.webTier.loadBalancer.arnSuffix,
                    targetGroupArnSuffix: this.webTier.targetGroup.arnSuffix,
                },
            },
            { parent: this },
        );
    }

    private regionalOutputs(phase: Phase): RegionalOutputs {
        const { settings, vpcCidr } = phase;
        const appInstances = this.appInstances();
        return {
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
            guardDutyDetectorId: this.detection.threatDetection.detectorId,
            configRecorderName: this.monitoring.configRecording.recorderName,
            configRecorderManaged: settings.createConfigRecorder,
            configRecordsGlobalTypes: phase.args.primary,
            configRuleNames: pulumi.all(this.monitoring.configRecording.rules.map((rule) => rule.name)),
            alarmTopicArn: this.monitoring.alarms.topic.arn,
            ...(this.monitoring.alarms.acknowledgement && {
                alertStateMachineArn: this.monitoring.alarms.acknowledgement.stateMachine.arn,
            }),
            securityHubStandards: this.detection.securityHub.standardsArns,
            securityHubControlWaivers: settings.securityHubControlWaivers,
            ...(this.detection.accessAnalysis.analyzer && { accessAnalyzerName: this.detection.accessAnalysis.analyzer.analyzerName }),
            inspectorEnabled: settings.enableInspector,
            ...(this.detection.threatDetection.featureStatuses && { guardDutyFeatures: this.detection.threatDetection.featureStatuses }),
            ...(this.vpcEndpoints && { vpcEndpointIds: this.vpcEndpoints.endpointIds }),
            sessionLogGroupName: this.sessionPreferences.logGroup.name,
            managementLogsBucketName: this.sessionPreferences.logsBucket.bucketName,
            sessionPreferencesManaged: settings.createSessionPreferences,
            sessionIdleTimeoutMinutes: settings.sessionIdleTimeoutMinutes,
            sessionMaxDurationMinutes: settings.sessionMaxDurationMinutes,
            ...(this.patchManagement && {
                patchGroup: this.patchManagement.patchGroup,
                patchBaselineId: this.patchManagement.baseline.id,
                patchScanAssociationId: this.patchManagement.scanAssociation.associationId,
                patchWindowId: this.patchManagement.window.id,
            }),
            ...(this.database && { rdsInstanceId: this.database.instance.identifier }),
            ...(this.appData && { appDataBucketName: this.appData.bucketName }),
            ...(this.backup && { backupVaultName: this.backup.vault.name }),
            ...(this.backup?.plan && { backupPlanId: this.backup.plan.id }),
        };
    }
}

/** Whether a region has the data tier: the primary always, the others with tap:dataTierInEveryRegion. */
function hasDataTier(settings: Pick<RegionalSettings, "dataTierInEveryRegion">, primary: boolean): boolean {
    return primary || settings.dataTierInEveryRegion;
}

/** The regions with an app data bucket, the primary first. */
export function appDataRegions(settings: Pick<RegionalSettings, "regions" | "dataTierInEveryRegion" | "enableAppDataBucket">): string[] {
    return settings.enableAppDataBucket ? settings.regions.filter((_region, i) => hasDataTier(settings, i === 0)) : [];
}
