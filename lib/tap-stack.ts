import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { namePrefix, stackTags } from "./naming";
import { Access } from "./access/access";
import { settingsFor } from "./config/declare";
import { WorkloadSettings } from "./settings";
import { ACCESS_SETTINGS } from "./access/settings";
import { GLOBAL_BASELINE_SETTINGS } from "./security/settings";
import { RegionalOutputs, RegionalStack } from "./regional-stack";
import { protectStatefulResources } from "./protection";
import { GlobalBaseline } from "./security/global-baseline";
import { createWorkloadBoundary, withWorkloadBoundary } from "./access/workload-boundary";

/** The stack settings TapStack reads: the workload role's, flat (lib/settings.ts); each component gets its group whole. */
export type TapSettings = WorkloadSettings;

export interface TapStackArgs {
    readonly settings: TapSettings;
}

/**
 * The values exported as stack outputs; integration tests read them from `pulumi stack output`.
 * The flat keys are the primary region's; `regions` has every region's, by region code.
 */
export interface TapStackOutputs extends Omit<RegionalOutputs, "vpcCidr"> {
    readonly region: string;
    readonly environmentSuffix: string;
    readonly instanceRoleArn: pulumi.Output<string>;
    readonly cloudTrailArn: pulumi.Output<string>;
    readonly cloudTrailBucketName: pulumi.Output<string>;
    /** Read from the trail itself, not the config: what it records is what is reported. */
    readonly cloudTrailMultiRegion: pulumi.Output<boolean>;
    /** Every bucket of the stack, all regions, for the post-deploy checks. */
    readonly bucketNames: pulumi.Output<string[]>;
    /** Those of bucketNames encrypted with SSE-S3 by design (log buckets); every other one uses the region's key. */
    readonly sseS3BucketNames: pulumi.Output<string[]>;
    readonly regions: Record<string, RegionalOutputs>;
    /**
     * Seed 004's flat per-region outputs, beside `regions`: `<region>_vpcId` for every region,
     * `<region>_rdsInstanceId` and `<region>_appDataBucketName` where the region has them.
     */
    readonly [flat: `${string}_${"vpcId" | "rdsInstanceId" | "appDataBucketName"}`]: pulumi.Output<string>;
    /** Present only with the web tier (tap:enableWebTier). */
    readonly albDnsName?: pulumi.Output<string>;
    readonly albArn?: pulumi.Output<string>;
    readonly webAclArn?: pulumi.Output<string>;
    /** Present only with the data tier (tap:enableDatabase): `host:port`, and the master credentials' secret. */
    readonly dbEndpoint?: pulumi.Output<string>;
    readonly dbSecretArn?: pulumi.Output<string>;
    /** Present only with the CDN (tap:enableCdn): its domain, and its web ACL (us-east-1, scope CLOUDFRONT). */
    readonly cdnDomainName?: pulumi.Output<string>;
    readonly cdnWebAclArn?: pulumi.Output<string>;
    /** tap:protectStatefulResources: the post-deploy checks expect the key policy's deletion guard when true. */
    readonly protectStatefulResources: boolean;
    /**
     * With the web or data tier: true only when the load balancer and the database both have
     * deletion protection on; with the data tier, the database's Multi-AZ. Read from the resources.
     */
    readonly deletionProtection?: pulumi.Output<boolean>;
    readonly dbMultiAz?: pulumi.Output<boolean>;
    /** Present only with tap:monthlyBudgetUsd: the budget's name and amount (USD a month). */
    readonly budgetName?: pulumi.Output<string>;
    readonly monthlyBudgetUsd?: number;
    /** tap:budgetScope: what the budget counts (the post-deploy check holds its filter to it). */
    readonly budgetScope?: string;
    /** Present only with tap:enableAccess; the deploy role and OIDC provider only with tap:githubRepository. */
    readonly operatorsGroupArn?: pulumi.Output<string>;
    readonly supportRoleArn?: pulumi.Output<string>;
    readonly auditorRoleArn?: pulumi.Output<string>;
    readonly deployRoleArn?: pulumi.Output<string>;
    /** With tap:githubRepository: the deploy role's own boundary, and the workload boundary every other role carries. */
    readonly deployBoundaryArn?: pulumi.Output<string>;
    readonly workloadBoundaryArn?: pulumi.Output<string>;
    readonly githubOidcProviderArn?: pulumi.Output<string>;
    /** Whether the stack subscribed tap:alarmEmail to its alert topics: `npm run verify` tells a topic left unread on purpose (dev) from one that lost its subscriber. */
    readonly alertsSubscribed: boolean;
    /** tap:backupVaultLock, with AWS Backup. */
    readonly backupVaultLock?: boolean;
    /** tap:auditLogObjectLockMode and tap:auditLogObjectLockDays, with tap:auditLogObjectLock. */
    readonly cloudTrailObjectLockMode?: string;
    readonly cloudTrailObjectLockDays?: number;
}

/**
 * The whole environment of one stage: a provider per region, the global baseline (IAM, created
 * once, in the primary region) and a RegionalStack per region. Creates nothing else itself.
 */
export class TapStack extends pulumi.ComponentResource {
    /** One provider per region, by region code; the same default tags everywhere. */
    public readonly providers: Record<string, aws.Provider>;
    public readonly global: GlobalBaseline;
    public readonly regions: Record<string, RegionalStack>;
    /** Who gets in, and how (tap:enableAccess). */
    public readonly access?: Access;
    /** With a CI deploy role (tap:githubRepository): the permissions boundary of every other role of the stack. */
    public readonly workloadBoundary?: aws.iam.Policy;
    /** The primary region's stack (`aws:region`). */
    public readonly primary: RegionalStack;
    public readonly outputs: TapStackOutputs;

    constructor(name: string, args: TapStackArgs, opts?: pulumi.ComponentResourceOptions) {
        const settings = args.settings;
        // tap:protectStatefulResources: `protect` on every resource of a stateful type below the stack
        // (lib/protection.ts), whichever component creates it. Transformations change no URN.
        // With a CI deploy role: every role below the stack carries the workload boundary (lib/access/workload-boundary.ts).
        const boundary: { arn?: pulumi.Output<string> } = {};
        const delegated = settings.enableAccess && settings.githubRepository !== undefined;
        const transformations = [
            ...(settings.protectStatefulResources ? [protectStatefulResources] : []),
            ...(delegated ? [withWorkloadBoundary(() => boundary.arn)] : []),
        ];
        super(
            "tap:index:TapStack",
            name,
            {},
            transformations.length > 0 ? { ...opts, transformations: [...(opts?.transformations ?? []), ...transformations] } : opts,
        );
        const primaryPrefix = namePrefix(settings.environmentSuffix, settings.region);
        this.providers = this.createProviders(settings);
        if (delegated) {
            this.workloadBoundary = createWorkloadBoundary(
                {
                    namePrefix: primaryPrefix,
                    regionPrefixes: settings.regions.map((region) => namePrefix(settings.environmentSuffix, region)),
                    regions: settings.regions,
                    provider: this.providers[settings.region],
                },
                { parent: this },
            );
            boundary.arn = this.workloadBoundary.arn;
        }
        this.global = this.createGlobalBaseline(settings, primaryPrefix);
        this.regions = this.createRegions(settings);
        this.primary = this.regions[settings.region];
        this.access = settings.enableAccess ? this.createAccess(settings, primaryPrefix) : undefined;
        this.outputs = this.stackOutputs(settings);
        this.registerOutputs({ ...this.outputs });
    }

    /** Explicit provider per region: a region is another provider with the same tags. */
    private createProviders(settings: TapSettings): Record<string, aws.Provider> {
        // tap:awsAccount as an id: the provider refuses credentials of another account before any call
        // (Pulumi AWS provider configuration, allowedAccountIds), so a prod stack file never lands in dev's account.
        const accountId = settings.awsAccount !== undefined && /^\d{12}$/.test(settings.awsAccount) ? settings.awsAccount : undefined;
        return Object.fromEntries(
            settings.regions.map((region) => [
                region,
                new aws.Provider(
                    `aws-${region}`,
                    {
                        region: region as aws.Region,
                        // tap:extraTags beside tap's own (the config refuses a key of tap's, so neither overrides the other).
                        defaultTags: { tags: { ...settings.extraTags, ...stackTags(settings.environmentSuffix, settings.owner) } },
                        ...(accountId && { allowedAccountIds: [accountId] }),
                    },
                    { parent: this },
                ),
            ]),
        );
    }

    /** What exists once per account (IAM), in the primary region. */
    private createGlobalBaseline(settings: TapSettings, primaryPrefix: string): GlobalBaseline {
        return new GlobalBaseline(
            `${primaryPrefix}-global`,
            {
                namePrefix: primaryPrefix,
                settings: settingsFor(GLOBAL_BASELINE_SETTINGS, settings),
                recordsConfig: settings.createConfigRecorder,
                createPatchRefreshRole: settings.enablePatchManager && settings.computeMode === "asg",
                provider: this.providers[settings.region],
            },
            { parent: this },
        );
    }

    /** A RegionalStack per region, the primary first. */
    private createRegions(settings: TapSettings): Record<string, RegionalStack> {
        return Object.fromEntries(
            settings.regions.map((region) => [
                region,
                new RegionalStack(
                    `${namePrefix(settings.environmentSuffix, region)}-region`,
                    {
                        settings,
                        region,
                        primary: region === settings.region,
                        provider: this.providers[region],
                        global: this.global,
                        // AWS Backup copies each region's recovery points into the next region's vault.
                        backupCopyRegion:
                            settings.regions.length > 1
                                ? settings.regions[(settings.regions.indexOf(region) + 1) % settings.regions.length]
                                : undefined,
                    },
                    { parent: this },
                ),
            ]),
        );
    }

    /** Who gets in, and how (tap:enableAccess): global, over every region's keys. */
    private createAccess(settings: TapSettings, primaryPrefix: string): Access {
        return new Access(
            `${primaryPrefix}-access`,
            {
                namePrefix: primaryPrefix,
                regionPrefixes: settings.regions.map((region) => namePrefix(settings.environmentSuffix, region)),
                environmentSuffix: settings.environmentSuffix,
                regions: settings.regions,
                keyArns: Object.values(this.regions).map((r) => r.security.kmsKeyArn),
                auditTrailBucketName: this.primary.monitoring.auditTrail!.bucket.bucketName,
                settings: settingsFor(ACCESS_SETTINGS, settings),
                hostedZoneIds:
                    settings.enableWebTier && settings.domainName !== undefined && settings.hostedZoneId !== undefined
                        ? [settings.hostedZoneId]
                        : [],
                provider: this.providers[settings.region],
            },
            { parent: this },
        );
    }

    /** The stack outputs: the primary's flat, every region's under `regions`, and what the post-deploy checks read. */
    private stackOutputs(settings: TapSettings): TapStackOutputs {
        const trail = this.primary.monitoring.auditTrail!;
        const { access } = this;
        const { webTier, database, staticSite } = this.primary;
        const { vpcCidr: _primaryCidr, ...primaryOutputs } = this.primary.outputs;
        const buckets = Object.values(this.regions).flatMap((r) => [
            r.security.accessLogsBucket,
            ...(r.monitoring.auditTrail ? [r.monitoring.auditTrail.bucket] : []),
            ...(r.monitoring.configRecording.bucket ? [r.monitoring.configRecording.bucket] : []),
            ...(r.webTier ? [r.webTier.albLogBucket] : []),
            ...(r.staticSite ? [r.staticSite.contentBucket, r.staticSite.logBucket] : []),
            r.sessionPreferences.logsBucket,
            ...(r.appData ? [r.appData.bucket] : []),
        ]);
        return {
            region: settings.region,
            environmentSuffix: settings.environmentSuffix,
            ...primaryOutputs,
            instanceRoleArn: this.global.instanceRole.arn,
            cloudTrailArn: trail.trail.arn,
            cloudTrailBucketName: trail.bucket.bucketName,
            // Read from the resource that carries it, not from the config (the pack cannot see outputs).
            cloudTrailMultiRegion: trail.trail.isMultiRegionTrail.apply((multi) => multi === true),
            protectStatefulResources: settings.protectStatefulResources,
            alertsSubscribed: settings.alarmEmail !== undefined,
            bucketNames: pulumi.output(buckets.map((b) => b.bucketName)),
            // The buckets the stack encrypts with SSE-S3 on purpose (log targets whose writers cannot use a CMK):
            // S3 applies SSE-S3 to every bucket by default, so only these may read AES256 in the post-deploy check.
            sseS3BucketNames: pulumi.output(buckets.filter((b) => b.encryption === "SSE-S3").map((b) => b.bucketName)),
            regions: Object.fromEntries(Object.entries(this.regions).map(([region, r]) => [region, r.outputs])),
            ...flatRegionalOutputs(this.regions),
            // Absent keys, not undefined values: Pulumi warns about undefined stack outputs.
            ...(webTier && {
                albDnsName: webTier.loadBalancer.dnsName,
                albArn: webTier.loadBalancer.arn,
                webAclArn: webTier.webAcl.arn,
            }),
            ...(database && {
                dbEndpoint: database.instance.endpoint,
                dbSecretArn: database.masterUserSecretArn,
            }),
            ...(staticSite && { cdnDomainName: staticSite.distribution.domainName, cdnWebAclArn: staticSite.webAcl.arn }),
            // What the stack chose, so the post-deploy checks tell a chosen "off" from a drift.
            // Read from the resources: true only when the load balancer and the database both have it on.
            ...((webTier || database) && {
                deletionProtection: pulumi
                    .all([webTier?.loadBalancer.enableDeletionProtection ?? true, database?.instance.deletionProtection ?? true])
                    .apply((flags) => flags.every((on) => on === true)),
            }),
            ...(database && { dbMultiAz: database.instance.multiAz.apply((multi) => multi === true) }),
            ...(this.primary.costBudget && {
                budgetName: this.primary.costBudget.budget.name,
                monthlyBudgetUsd: settings.monthlyBudgetUsd,
                budgetScope: settings.budgetScope,
            }),
            ...(access && {
                operatorsGroupArn: access.operators.arn,
                supportRoleArn: access.supportRole.arn,
                auditorRoleArn: access.auditorRole.arn,
            }),
            ...(access?.deployRole && { deployRoleArn: access.deployRole.arn }),
            ...(access?.deployBoundary && { deployBoundaryArn: access.deployBoundary.arn }),
            ...(this.workloadBoundary && { workloadBoundaryArn: this.workloadBoundary.arn }),
            ...(access?.githubOidcProviderArn && { githubOidcProviderArn: access.githubOidcProviderArn }),
            // What the stack chose for AWS Backup, for the post-deploy checks (a chosen "off" is not a drift).
            ...(settings.enableBackup && { backupVaultLock: settings.backupVaultLock }),
            // The trail files' Object Lock retention, for the post-deploy check.
            ...(settings.auditLogObjectLock && {
                cloudTrailObjectLockMode: settings.auditLogObjectLockMode,
                cloudTrailObjectLockDays: settings.auditLogObjectLockDays,
            }),
        };
    }
}

/** The regional outputs seed 004's integration tests read flat, as `<region>_<name>` (FLAT_REGIONAL_OUTPUTS). */
export const FLAT_REGIONAL_OUTPUTS = ["vpcId", "rdsInstanceId", "appDataBucketName"] as const;

function flatRegionalOutputs(regions: Record<string, RegionalStack>): Record<string, pulumi.Output<string>> {
    return Object.fromEntries(
        Object.entries(regions).flatMap(([region, r]) =>
            FLAT_REGIONAL_OUTPUTS.filter((name) => r.outputs[name] !== undefined).map((name) => [`${region}_${name}`, r.outputs[name]!]),
        ),
    );
}
