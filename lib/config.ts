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

/** The values CloudWatch Logs accepts for `retentionInDays`. */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
] as const;

export const NAT_GATEWAY_STRATEGIES = ["single", "onePerAz", "none"] as const;
export type NatGatewayStrategy = (typeof NAT_GATEWAY_STRATEGIES)[number];

export const PROFILES = ["dev", "prod"] as const;
export type Profile = (typeof PROFILES)[number];

/** Every AWS region code the provider knows (commercial, China, GovCloud, ISO, EUSC). */
export const AWS_REGIONS: readonly string[] = Object.values(Region);

/** The largest Auto Scaling group the config accepts (a guard against typos, not an AWS limit). */
export const ASG_SIZE_MAX = 100;
/** The AL2023 AMI's root snapshot is 8 GiB: a smaller root volume fails to launch (seed 000, failure 7). */
export const ROOT_VOLUME_MIN_GIB = 8;

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

/** A JSON list of strings, as Pulumi passes a YAML list (`pulumi config set --path` or a list in the stack file). */
const stringList = (item: z.ZodType<string>, what: string) =>
    z.string().transform((value, ctx) => {
        let parsed: unknown;
        try {
            parsed = JSON.parse(value);
        } catch {
            parsed = undefined;
        }
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
    let parsed: unknown;
    try {
        parsed = JSON.parse(value);
    } catch {
        parsed = undefined;
    }
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

/**
 * The schema of the raw keys, named without their namespace (`tap:vpcCidr` is `vpcCidr`,
 * `aws:region` is `region`). Defaults that depend on the profile are applied afterwards.
 */
const rawSchema = z.strictObject({
    region: oneOf(AWS_REGIONS as unknown as [string, ...string[]]).default("us-east-1"),
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
    asgMinSize: intIn(0, ASG_SIZE_MAX).optional(),
    asgMaxSize: intIn(1, ASG_SIZE_MAX).optional(),
    asgDesiredCapacity: intIn(0, ASG_SIZE_MAX).optional(),
    rootVolumeSizeGiB: intIn(ROOT_VOLUME_MIN_GIB, 16384).default(30),
    enableAccountHardening: bool.default(true),
    forceDestroyBuckets: bool.optional(),
    cloudTrailMultiRegion: bool.default(true),
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
    /** Auto Scaling group bounds: min <= desired <= max. */
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
}

/** Profile defaults of the Auto Scaling group: one instance in dev, two (one per AZ) in prod. */
const ASG_DEFAULTS: Readonly<Record<Profile, { min: number; max: number; desired: number }>> = {
    dev: { min: 1, max: 2, desired: 1 },
    prod: { min: 2, max: 4, desired: 2 },
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
        asgMinSize: asg.min,
        asgMaxSize: asg.max,
        asgDesiredCapacity: asg.desired,
        rootVolumeSizeGiB: c.rootVolumeSizeGiB,
        enableAccountHardening: c.enableAccountHardening,
        forceDestroyBuckets: c.forceDestroyBuckets ?? !prod,
        cloudTrailMultiRegion: c.cloudTrailMultiRegion,
        cloudTrailDataEventBuckets: c.cloudTrailDataEventBuckets,
        createGuardDutyDetector: c.createGuardDutyDetector,
        guardDutyDetectorId: c.guardDutyDetectorId,
        createConfigRecorder: c.createConfigRecorder,
        configRecorderName: c.configRecorderName ?? `tap-${environmentSuffix}-recorder`,
        alarmEmail: c.alarmEmail,
        auditLogExpirationDays: c.auditLogExpirationDays,
        regions,
        regionCidrs: cidrs,
    };
}
