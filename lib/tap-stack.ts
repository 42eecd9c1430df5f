import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { parseTapConfig, TapConfig } from "./config";
import { namePrefix, stackTags } from "./naming";
import { RegionalOutputs, RegionalStack } from "./regional-stack";
import { GlobalBaseline } from "./security/global-baseline";

export interface TapStackArgs {
    /** The validated stack configuration (see `parseTapConfig`). */
    readonly config: TapConfig;
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
    readonly regions: Record<string, RegionalOutputs>;
    /** Present only with the web tier (tap:enableWebTier). */
    readonly albDnsName?: pulumi.Output<string>;
    readonly albArn?: pulumi.Output<string>;
    readonly webAclArn?: pulumi.Output<string>;
    /** Present only with the data tier (tap:enableDatabase): `host:port`, and the master credentials' secret. */
    readonly dbEndpoint?: pulumi.Output<string>;
    readonly dbSecretArn?: pulumi.Output<string>;
    /** Present only with the CDN (tap:enableCdn). */
    readonly cdnDomainName?: pulumi.Output<string>;
    /**
     * With the web or data tier: true only when the load balancer and the database both have
     * deletion protection on; with the data tier, the database's Multi-AZ. Read from the resources.
     */
    readonly deletionProtection?: pulumi.Output<boolean>;
    readonly dbMultiAz?: pulumi.Output<boolean>;
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
    /** The primary region's stack (`aws:region`). */
    public readonly primary: RegionalStack;
    public readonly outputs: TapStackOutputs;

    constructor(name: string, args: TapStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:index:TapStack", name, {}, opts);
        const c = args.config;

        // Explicit provider per region: a region is another provider with the same tags.
        this.providers = Object.fromEntries(c.regions.map((region) => [region, new aws.Provider(`aws-${region}`, {
            region: region as aws.Region,
            defaultTags: { tags: { ...stackTags(c.environmentSuffix, c.owner) } },
        }, { parent: this })]));

        const primaryPrefix = namePrefix(c.environmentSuffix, c.region);
        this.global = new GlobalBaseline(`${primaryPrefix}-global`, {
            namePrefix: primaryPrefix,
            enableAccountHardening: c.enableAccountHardening,
            createConfigRole: c.createConfigRecorder,
            provider: this.providers[c.region],
        }, { parent: this });

        this.regions = Object.fromEntries(c.regions.map((region) => [region, new RegionalStack(`${namePrefix(c.environmentSuffix, region)}-region`, {
            config: c,
            region,
            primary: region === c.region,
            provider: this.providers[region],
            global: this.global,
        }, { parent: this })]));
        this.primary = this.regions[c.region];

        const trail = this.primary.monitoring.auditTrail!;
        const { webTier, database, staticSite } = this.primary;
        const { vpcCidr: _primaryCidr, ...primaryOutputs } = this.primary.outputs;
        this.outputs = {
            region: c.region,
            environmentSuffix: c.environmentSuffix,
            ...primaryOutputs,
            instanceRoleArn: this.global.instanceRole.arn,
            cloudTrailArn: trail.trail.arn,
            cloudTrailBucketName: trail.bucket.bucketName,
            cloudTrailMultiRegion: trail.trail.isMultiRegionTrail.apply((multi) => multi === true),
            bucketNames: pulumi.output(Object.values(this.regions).flatMap((r) => [
                r.security.accessLogsBucket,
                ...(r.monitoring.auditTrail ? [r.monitoring.auditTrail.bucket] : []),
                ...(r.monitoring.configRecording.bucket ? [r.monitoring.configRecording.bucket] : []),
                ...(r.webTier ? [r.webTier.accessLogBucket] : []),
                ...(r.staticSite ? [r.staticSite.contentBucket, r.staticSite.logBucket] : []),
            ].map((b) => b.bucketName))),
            regions: Object.fromEntries(Object.entries(this.regions).map(([region, r]) => [region, r.outputs])),
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
            ...(staticSite && { cdnDomainName: staticSite.distribution.domainName }),
            // What the stack chose, so the post-deploy checks tell a chosen "off" from a drift.
            ...((webTier || database) && {
                deletionProtection: pulumi.all([webTier?.loadBalancer.enableDeletionProtection ?? true, database?.instance.deletionProtection ?? true])
                    .apply((flags) => flags.every((on) => on === true)),
            }),
            ...(database && { dbMultiAz: database.instance.multiAz.apply((multi) => multi === true) }),
        };
        this.registerOutputs({ ...this.outputs });
    }
}

/**
 * The program: validate raw Pulumi config (before any resource is registered), build the one
 * TapStack, return its outputs. bin/tap.ts runs it under Pulumi; the plan, tests and bench on mocks.
 */
export function tapProgram(raw: Readonly<Record<string, string>>, stackName: string): TapStackOutputs {
    const config = parseTapConfig(raw, stackName);
    return new TapStack(`tap-${config.environmentSuffix}`, { config }).outputs;
}
