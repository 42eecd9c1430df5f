/**
 * Stack configuration: every `tap:*` key (and `aws:region`) is read and validated here, once,
 * before any resource is registered. Components never read `pulumi.Config` themselves; they
 * take the typed `TapConfig` (or the slice of it they need).
 */
import { z } from "zod";
import { Region } from "@pulumi/aws/types/enums";
import { Address4 } from "ip-address";
import { isBucketName } from "./monitoring/data-events";
import { regionCidrs } from "./network/region-cidrs";
import { ELB_NAME_MAX, elbNames, namePrefix } from "./naming";

/** The values CloudWatch Logs accepts for `retentionInDays`. */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
] as const;

export const NAT_GATEWAY_STRATEGIES = ["single", "onePerAz", "none"] as const;
export type NatGatewayStrategy = (typeof NAT_GATEWAY_STRATEGIES)[number];

/** How the app instances run: an Auto Scaling group, or one instance from the same launch template. */
export const COMPUTE_MODES = ["asg", "instance"] as const;
export type ComputeMode = (typeof COMPUTE_MODES)[number];

/** The keys that only mean something to an Auto Scaling group: refused with `tap:computeMode: instance`. */
const ASG_ONLY_KEYS = ["asgMinSize", "asgMaxSize", "asgDesiredCapacity"] as const;

export const PROFILES = ["dev", "prod"] as const;
export type Profile = (typeof PROFILES)[number];

/** Every AWS region code the provider knows (commercial, China, GovCloud, ISO, EUSC). */
export const AWS_REGIONS: readonly string[] = Object.values(Region);

/** The largest Auto Scaling group the config accepts (a guard against typos, not an AWS limit). */
export const ASG_SIZE_MAX = 100;
/** The AL2023 AMI's root snapshot is 8 GiB: a smaller root volume fails to launch (seed 000, failure 7). */
export const ROOT_VOLUME_MIN_GIB = 8;

/** What AWS WAF accepts as a rate-based rule's limit (requests per IP per 5 minutes; WAF API RateBasedStatement.Limit). */
export const WAF_RATE_LIMIT_MIN = 10;
export const WAF_RATE_LIMIT_MAX = 2_000_000_000;

/** The VPC prefix lengths accepted; the subnet layout carves 16 blocks of prefix + 4 out of it. */
export const VPC_PREFIX_MIN = 16;
export const VPC_PREFIX_MAX = 24;

/** Raised for any invalid stack configuration; the message names every offending key. */
export class TapConfigError extends Error {
    constructor(readonly problems: readonly string[]) {
        super(`Invalid stack configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "TapConfigError";
    }
}

const intIn = (min: number, max: number) => {
    const error = `must be a whole number from ${min} to ${max}`;
    return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
    z.enum(values, { error: `must be one of: ${values.join(", ")}` });

/** Pulumi passes booleans as the strings `true` / `false` (z.coerce.boolean would read "false" as true). */
const bool = z
    .enum(["true", "false"], { error: "must be true or false" })
    .transform((value) => value === "true");

/** Pulumi hands lists and objects to the program as JSON strings; `undefined` when it is not JSON. */
function parseJson(value: string): unknown {
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}

/** A JSON list of strings, as Pulumi passes a YAML list (`pulumi config set --path` or a list in the stack file). */
const stringList = (item: z.ZodType<string>, what: string) =>
    z.string().transform((value, ctx) => {
        const parsed = parseJson(value);
        const items = Array.isArray(parsed) ? parsed : undefined;
        if (!items || !items.every((v) => item.safeParse(v).success)) {
            ctx.addIssue({ code: "custom", message: `must be a list of ${what}` });
            return z.NEVER;
        }
        return items as string[];
    });

const ipv4Cidr = z.string().superRefine((value, ctx) => {
    const [address, prefix] = value.split("/");
    if (prefix === undefined || !/^\d+$/.test(prefix) || !Address4.isValid(value)) {
        ctx.addIssue({ code: "custom", message: "must be an IPv4 CIDR block such as 10.0.0.0/16" });
        return;
    }
    const bits = Number(prefix);
    if (bits < VPC_PREFIX_MIN || bits > VPC_PREFIX_MAX) {
        ctx.addIssue({
            code: "custom",
            message: `must have a prefix from /${VPC_PREFIX_MIN} to /${VPC_PREFIX_MAX} (the layout cuts it into 16 subnets of prefix + 4, and AWS's smallest subnet is /28)`,
        });
        return;
    }
    const network = new Address4(value).startAddress().correctForm();
    if (network !== address) {
        ctx.addIssue({ code: "custom", message: `has host bits set: the network address is ${network}/${bits}` });
    }
});

const regionCode = oneOf(AWS_REGIONS as unknown as [string, ...string[]]);

/** `tap:regionCidrs`: a JSON object from region code to that region's VPC CIDR. */
const regionCidrMap = z.string().transform((value, ctx) => {
    const parsed = parseJson(value);
    const entries = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? Object.entries(parsed) : undefined;
    if (!entries) {
        ctx.addIssue({ code: "custom", message: 'must be an object from region code to VPC CIDR, e.g. {"us-west-2": "10.1.0.0/16"}' });
        return z.NEVER;
    }
    for (const [region, cidr] of entries) {
        if (!regionCode.safeParse(region).success) ctx.addIssue({ code: "custom", message: `has ${JSON.stringify(region)}, which is not an AWS region code` });
        const checked = ipv4Cidr.safeParse(cidr);
        if (!checked.success) ctx.addIssue({ code: "custom", message: `has ${region}: ${JSON.stringify(cidr)}, which ${checked.error.issues[0].message}` });
    }
    return Object.fromEntries(entries) as Record<string, string>;
});

/** Any IPv4 CIDR block (prefix /0 to /32) written as its network address: who may reach the load balancer. */
const ingressCidr = z.string().refine((value) => {
    const [address, prefix] = value.split("/");
    return prefix !== undefined && /^\d+$/.test(prefix) && Address4.isValid(value)
        && new Address4(value).startAddress().correctForm() === address;
});

/** An ACM certificate ARN; `region` pins the region it must live in (an ALB's own, us-east-1 for CloudFront). */
export const ACM_CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f-]{36}$/;

/** A DNS name CloudFront accepts as an alternate domain name (a leading `*.` wildcard allowed). */
const dnsName = z.string().regex(/^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/);

/**
 * The schema of the raw keys, named without their namespace (`tap:vpcCidr` is `vpcCidr`,
 * `aws:region` is `region`). Defaults that depend on the profile are applied afterwards.
 */
const rawSchema = z.strictObject({
    region: regionCode.default("us-east-1"),
    profile: oneOf(PROFILES).optional(),
    environmentSuffix: z
        .string()
        .regex(/^[a-z0-9-]{1,16}$/, {
            error: "must be 1 to 16 characters of lowercase letters, digits and '-' (it is part of every name, and S3 names are lowercase)",
        })
        .optional(),
    vpcCidr: ipv4Cidr.default("10.0.0.0/16"),
    azCount: intIn(2, 6).default(2),
    natGatewayStrategy: oneOf(NAT_GATEWAY_STRATEGIES).optional(),
    instanceType: z
        .string()
        .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { error: "must be an EC2 instance type name (family.size, e.g. t3.micro)" })
        .default("t3.micro"),
    logRetentionDays: z.coerce
        .number({ error: `must be one of: ${LOG_RETENTION_DAYS.join(", ")}` })
        .refine((n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n), {
            error: `must be one of: ${LOG_RETENTION_DAYS.join(", ")}`,
        })
        .default(90),
    owner: z
        .string()
        .regex(/^[\p{L}\p{N} _.:/=+\-@]{1,256}$/u, { error: "must be 1 to 256 characters valid in an AWS tag value" })
        .default("platform"),
    computeMode: oneOf(COMPUTE_MODES).default("asg"),
    asgMinSize: intIn(0, ASG_SIZE_MAX).optional(),
    asgMaxSize: intIn(1, ASG_SIZE_MAX).optional(),
    asgDesiredCapacity: intIn(0, ASG_SIZE_MAX).optional(),
    rootVolumeSizeGiB: intIn(ROOT_VOLUME_MIN_GIB, 16384).default(30),
    enableAccountHardening: bool.default(true),
    forceDestroyBuckets: bool.optional(),
    cloudTrailMultiRegion: bool.default(true),
    cloudTrailCoveredBy: z
        .string()
        .regex(/^(arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\d{12}:trail\/)?[A-Za-z0-9][A-Za-z0-9_.-]{2,127}$/, { error: "must be the name or ARN of a CloudTrail trail" })
        .optional(),
    cloudTrailDataEventBuckets: stringList(
        z.string().refine((v) => v === "*" || isBucketName(v)),
        'S3 bucket names, or "*" for every bucket (e.g. ["tap-data-bucket"])',
    ).default([]),
    createGuardDutyDetector: bool.default(true),
    guardDutyDetectorId: z.string().regex(/^[0-9a-f]{32}$/, { error: "must be a GuardDuty detector id (32 lowercase hex characters)" }).optional(),
    createConfigRecorder: bool.default(true),
    configRecorderName: z
        .string()
        .regex(/^[A-Za-z0-9_.-]{1,256}$/, { error: "must be 1 to 256 of letters, digits, '.', '_', '-'" })
        .optional(),
    alarmEmail: z.email({ error: "must be an email address" }).optional(),
    auditLogExpirationDays: intIn(91, 3653).default(2557),
    regions: stringList(regionCode, "AWS region codes, the primary (aws:region) first, e.g. [\"us-east-1\", \"us-west-2\"]").optional(),
    regionCidrs: regionCidrMap.default({}),
    enableWebTier: bool.optional(),
    enableDatabase: bool.optional(),
    enableCdn: bool.default(false),
    allowedIngressCidrs: stringList(ingressCidr, 'IPv4 CIDR blocks written as their network address (e.g. ["0.0.0.0/0"] or ["203.0.113.0/24"])')
        .refine((cidrs) => cidrs.length > 0, { error: "must name at least one CIDR block (an empty list makes the load balancer unreachable)" })
        .default(["0.0.0.0/0"]),
    appPort: intIn(1, 65535).default(80),
    certificateArn: z.string().regex(ACM_CERTIFICATE_ARN, { error: "must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)" }).optional(),
    deletionProtection: bool.optional(),
    protectFromScaleIn: bool.default(false),
    wafRateLimit: intIn(WAF_RATE_LIMIT_MIN, WAF_RATE_LIMIT_MAX).default(2000),
    dbInstanceClass: z
        .string()
        .regex(/^db\.[a-z][a-z0-9-]*\.[a-z0-9]+$/, { error: "must be an RDS instance class (db.<family>.<size>, e.g. db.t4g.micro)" })
        .optional(),
    // RDS.11 (and the policy pack) want at least 7 days; AWS's maximum is 35.
    dbBackupRetentionDays: intIn(7, 35).optional(),
    dbMultiAz: bool.optional(),
    cdnCertificateArn: z.string().regex(ACM_CERTIFICATE_ARN, { error: "must be an ACM certificate ARN in us-east-1 (arn:aws:acm:us-east-1:<account>:certificate/<id>)" }).optional(),
    cdnAliases: stringList(dnsName, 'DNS names (e.g. ["static.example.com"])').optional(),
});

/** The validated configuration every component is built from. */
export interface TapConfig {
    /** The primary AWS region. */
    readonly region: string;
    /** `dev` or `prod`: picks the defaults below that differ between the two. */
    readonly profile: Profile;
    /** Part of every resource name; the stack name by default. */
    readonly environmentSuffix: string;
    readonly vpcCidr: string;
    readonly azCount: number;
    readonly natGatewayStrategy: NatGatewayStrategy;
    readonly instanceType: string;
    readonly logRetentionDays: number;
    readonly owner: string;
    /** An Auto Scaling group (`asg`) or a single instance (`instance`), launched from the same template. */
    readonly computeMode: ComputeMode;
    /** Auto Scaling group bounds: min <= desired <= max (the profile's defaults, unused, with computeMode instance). */
    readonly asgMinSize: number;
    readonly asgMaxSize: number;
    readonly asgDesiredCapacity: number;
    /** Root volume of the app instances, GiB (>= the AMI's 8 GiB snapshot). */
    readonly rootVolumeSizeGiB: number;
    /** Manage the account/region-wide settings (EBS encryption by default, IAM password policy). */
    readonly enableAccountHardening: boolean;
    /** Let `pulumi destroy` delete buckets that still hold objects (dev), or refuse (prod). */
    readonly forceDestroyBuckets: boolean;
    /** Record every region in the trail (CIS 3.1); false where the account already has a multi-region trail. */
    readonly cloudTrailMultiRegion: boolean;
    /**
     * The account's multi-region trail (name or ARN) that covers the other regions when this
     * stack's trail records one region (tap:cloudTrailMultiRegion false); tagged on the trail as
     * CoveredByTrail, it is what lets a production stack's single-region trail pass the pack. @default none
     */
    readonly cloudTrailCoveredBy?: string;
    /** Buckets whose object-level events the trail records (`*`: every bucket). */
    readonly cloudTrailDataEventBuckets: readonly string[];
    /** Create the region's GuardDuty detector, or adopt the existing one. */
    readonly createGuardDutyDetector: boolean;
    /** The existing detector to adopt (with createGuardDutyDetector false); looked up when unset. */
    readonly guardDutyDetectorId?: string;
    /** Create the region's Config recorder and delivery channel, or reuse the existing recorder. */
    readonly createConfigRecorder: boolean;
    readonly configRecorderName: string;
    /** Alarm notifications by email; none when unset. */
    readonly alarmEmail?: string;
    /** Days after which trail files and Config history are deleted from their buckets. */
    readonly auditLogExpirationDays: number;
    /** Every region the stack is deployed to, the primary (`region`) first. */
    readonly regions: readonly string[];
    /** The VPC CIDR of every region (the primary's is `vpcCidr`); pairwise disjoint. */
    readonly regionCidrs: Readonly<Record<string, string>>;
    /** The load balancer, its WAF web ACL and access logs (WebTier); profile default: off in dev, on in prod. */
    readonly enableWebTier: boolean;
    /** The PostgreSQL database (Database); profile default: off in dev, on in prod. */
    readonly enableDatabase: boolean;
    /** The static site behind CloudFront (StaticSite). */
    readonly enableCdn: boolean;
    /** Who may reach the load balancer on its listener ports. */
    readonly allowedIngressCidrs: readonly string[];
    /** The port the app instances serve on (the target group's and the health check's). */
    readonly appPort: number;
    /** ACM certificate of the load balancer's HTTPS listener (in the stack's region); HTTP only when unset. */
    readonly certificateArn?: string;
    /** Deletion protection of the load balancer (ELB.6) and the database (RDS.8); off in dev so the stack tears down. */
    readonly deletionProtection: boolean;
    /** Scale-in protection of new app instances (seed 001, failure 9). */
    readonly protectFromScaleIn: boolean;
    /** Requests per client IP per 5 minutes above which the web ACL blocks. */
    readonly wafRateLimit: number;
    readonly dbInstanceClass: string;
    readonly dbBackupRetentionDays: number;
    readonly dbMultiAz: boolean;
    /** ACM certificate (us-east-1) and alternate domain names of the CloudFront distribution: required with enableCdn. */
    readonly cdnCertificateArn?: string;
    readonly cdnAliases: readonly string[];
}

/** Profile defaults of the Auto Scaling group: one instance in dev, two (one per AZ) in prod. */
const ASG_DEFAULTS: Readonly<Record<Profile, { min: number; max: number; desired: number }>> = {
    dev: { min: 1, max: 2, desired: 1 },
    prod: { min: 2, max: 4, desired: 2 },
};

/** Profile defaults of the web and data tiers: a small, disposable dev; a guarded, redundant prod. */
const TIER_DEFAULTS: Readonly<Record<Profile, {
    enabled: boolean; deletionProtection: boolean; dbInstanceClass: string; dbBackupRetentionDays: number; dbMultiAz: boolean;
}>> = {
    dev: { enabled: false, deletionProtection: false, dbInstanceClass: "db.t4g.micro", dbBackupRetentionDays: 7, dbMultiAz: false },
    prod: { enabled: true, deletionProtection: true, dbInstanceClass: "db.t4g.medium", dbBackupRetentionDays: 30, dbMultiAz: true },
};

/** Maps a raw Pulumi config key (`tap:vpcCidr`) to its schema name (`vpcCidr`) and back. */
const keyName = (field: string) => (field === "region" ? "aws:region" : `tap:${field}`);

/**
 * Validates raw Pulumi configuration (as `pulumi.runtime.allConfig()` returns it: every value a
 * string) into a `TapConfig`. Throws a `TapConfigError` naming each bad key, its value and what
 * is allowed. Keys outside the `tap` namespace, but for `aws:region`, are left to their owners.
 */
export function parseTapConfig(raw: Readonly<Record<string, string>>, stackName: string): TapConfig {
    const input: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw)) {
        if (key === "aws:region") input.region = value;
        else if (key.startsWith("tap:")) input[key.slice(4)] = value;
    }
    const parsed = rawSchema.safeParse(input);
    if (!parsed.success) {
        const known = Object.keys(rawSchema.shape).map(keyName).join(", ");
        throw new TapConfigError(
            parsed.error.issues.map((issue) => {
                if (issue.code === "unrecognized_keys") {
                    return `${issue.keys.map(keyName).join(", ")}: unknown key (known keys: ${known})`;
                }
                const field = String(issue.path[0]);
                return `${keyName(field)} = ${JSON.stringify(input[field])}: ${issue.message}`;
            }),
        );
    }
    const c = parsed.data;
    const environmentSuffix = c.environmentSuffix ?? stackName;
    if (!/^[a-z0-9-]{1,16}$/.test(environmentSuffix)) {
        throw new TapConfigError([
            `tap:environmentSuffix is not set and the stack name ${JSON.stringify(stackName)} cannot stand in for it: set tap:environmentSuffix to 1 to 16 characters of lowercase letters, digits and '-'`,
        ]);
    }
    const profile: Profile = c.profile ?? (/^prod(-|$)/.test(stackName) ? "prod" : "dev");
    const prod = profile === "prod";
    const tiers = TIER_DEFAULTS[profile];
    const asg = {
        min: c.asgMinSize ?? ASG_DEFAULTS[profile].min,
        max: c.asgMaxSize ?? ASG_DEFAULTS[profile].max,
        desired: c.asgDesiredCapacity ?? ASG_DEFAULTS[profile].desired,
    };
    const regions = c.regions ?? [c.region];
    const regionProblems: string[] = [];
    if (regions[0] !== c.region) {
        regionProblems.push(`tap:regions = ${JSON.stringify(regions)}: must start with the primary region aws:region (${c.region})`);
    }
    const duplicates = regions.filter((r, i) => regions.indexOf(r) !== i);
    if (duplicates.length > 0) regionProblems.push(`tap:regions = ${JSON.stringify(regions)}: lists ${[...new Set(duplicates)].join(", ")} more than once`);
    for (const region of Object.keys(c.regionCidrs)) {
        if (region === c.region) regionProblems.push(`tap:regionCidrs has the primary region ${region}: its CIDR is tap:vpcCidr`);
        else if (!regions.includes(region)) regionProblems.push(`tap:regionCidrs has ${region}, which is not in tap:regions (${regions.join(", ")})`);
    }
    let cidrs: Record<string, string> = {};
    if (regionProblems.length === 0) {
        try {
            cidrs = regionCidrs(c.vpcCidr, regions, c.regionCidrs);
        } catch (err) {
            regionProblems.push(`tap:vpcCidr / tap:regionCidrs: ${(err as Error).message}: every region needs its own block`);
        }
    }
    if (regionProblems.length > 0) throw new TapConfigError(regionProblems);
    if (c.guardDutyDetectorId !== undefined && c.createGuardDutyDetector) {
        throw new TapConfigError([
            "tap:guardDutyDetectorId is set but tap:createGuardDutyDetector is true: set tap:createGuardDutyDetector to false to adopt that detector, or unset the id",
        ]);
    }
    const certificateRegion = c.certificateArn?.match(ACM_CERTIFICATE_ARN)?.[1];
    if (certificateRegion !== undefined && certificateRegion !== c.region) {
        throw new TapConfigError([
            `tap:certificateArn is in ${certificateRegion} but the stack is in ${c.region}: a load balancer takes a certificate of its own region`,
        ]);
    }
    if (c.cdnCertificateArn !== undefined && c.cdnCertificateArn.match(ACM_CERTIFICATE_ARN)?.[1] !== "us-east-1") {
        throw new TapConfigError([`tap:cdnCertificateArn = ${JSON.stringify(c.cdnCertificateArn)}: CloudFront takes ACM certificates from us-east-1 only`]);
    }
    const tooLong = Object.values(elbNames(namePrefix(environmentSuffix, c.region), c.appPort)).filter((n) => n.length > ELB_NAME_MAX);
    if ((c.enableWebTier ?? tiers.enabled) && tooLong.length > 0) {
        throw new TapConfigError([
            `tap:environmentSuffix ${JSON.stringify(environmentSuffix)} makes the ELB name ${tooLong[0]} longer than ELB's ${ELB_NAME_MAX} characters: shorten it`,
        ]);
    }
    if (c.enableCdn && (c.cdnCertificateArn === undefined || (c.cdnAliases ?? []).length === 0)) {
        // With CloudFront's *.cloudfront.net certificate, AWS fixes the viewer security policy at TLSv1.
        throw new TapConfigError([
            "tap:enableCdn is true but tap:cdnCertificateArn and tap:cdnAliases are not both set: TLS 1.2+ to viewers needs a certificate of your own (us-east-1) and the domain names it covers",
        ]);
    }
    if (c.computeMode === "instance") {
        const asgKeys = ASG_ONLY_KEYS.filter((key) => c[key] !== undefined).map(keyName);
        if (c.protectFromScaleIn) asgKeys.push("tap:protectFromScaleIn");
        if (asgKeys.length > 0) {
            throw new TapConfigError([
                `${asgKeys.join(", ")} ${asgKeys.length > 1 ? "are" : "is"} set but tap:computeMode is instance: a single instance has no Auto Scaling group to size or protect from scale-in; unset ${asgKeys.length > 1 ? "them" : "it"}, or set tap:computeMode to asg`,
            ]);
        }
    }
    if (!(asg.min <= asg.desired && asg.desired <= asg.max)) {
        throw new TapConfigError([
            `tap:asgMinSize (${asg.min}) <= tap:asgDesiredCapacity (${asg.desired}) <= tap:asgMaxSize (${asg.max}) must hold (unset keys take the ${profile} defaults ${ASG_DEFAULTS[profile].min}, ${ASG_DEFAULTS[profile].desired}, ${ASG_DEFAULTS[profile].max})`,
        ]);
    }
    return {
        region: c.region,
        profile,
        environmentSuffix,
        vpcCidr: c.vpcCidr,
        azCount: c.azCount,
        natGatewayStrategy: c.natGatewayStrategy ?? (prod ? "onePerAz" : "single"),
        instanceType: c.instanceType,
        logRetentionDays: c.logRetentionDays,
        owner: c.owner,
        computeMode: c.computeMode,
        asgMinSize: asg.min,
        asgMaxSize: asg.max,
        asgDesiredCapacity: asg.desired,
        rootVolumeSizeGiB: c.rootVolumeSizeGiB,
        enableAccountHardening: c.enableAccountHardening,
        forceDestroyBuckets: c.forceDestroyBuckets ?? !prod,
        cloudTrailMultiRegion: c.cloudTrailMultiRegion,
        cloudTrailCoveredBy: c.cloudTrailCoveredBy,
        cloudTrailDataEventBuckets: c.cloudTrailDataEventBuckets,
        createGuardDutyDetector: c.createGuardDutyDetector,
        guardDutyDetectorId: c.guardDutyDetectorId,
        createConfigRecorder: c.createConfigRecorder,
        configRecorderName: c.configRecorderName ?? `tap-${environmentSuffix}-recorder`,
        alarmEmail: c.alarmEmail,
        auditLogExpirationDays: c.auditLogExpirationDays,
        regions,
        regionCidrs: cidrs,
        enableWebTier: c.enableWebTier ?? tiers.enabled,
        enableDatabase: c.enableDatabase ?? tiers.enabled,
        enableCdn: c.enableCdn,
        allowedIngressCidrs: c.allowedIngressCidrs,
        appPort: c.appPort,
        certificateArn: c.certificateArn,
        deletionProtection: c.deletionProtection ?? tiers.deletionProtection,
        protectFromScaleIn: c.protectFromScaleIn,
        wafRateLimit: c.wafRateLimit,
        dbInstanceClass: c.dbInstanceClass ?? tiers.dbInstanceClass,
        dbBackupRetentionDays: c.dbBackupRetentionDays ?? tiers.dbBackupRetentionDays,
        dbMultiAz: c.dbMultiAz ?? tiers.dbMultiAz,
        cdnCertificateArn: c.cdnCertificateArn,
        cdnAliases: c.cdnAliases ?? [],
    };
}
