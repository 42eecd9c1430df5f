/**
 * The price table of the offline cost estimate: on-demand, Linux, USD, for the regions priced here.
 *
 * Two halves (docs/prices.md):
 * - FIGURES below says what each figure is: the unit the plan prints, the pricing page a reader checks,
 *   and where the AWS Price List has it (offer code, usage type, attributes, tier). That is what the
 *   maintainer script `npm run prices:refresh` (scripts/prices-refresh.ts) looks up in the Price List
 *   Bulk API to regenerate the snapshot.
 * - price-snapshot.json holds the figures themselves, one record per figure and region, each saying
 *   where the amount was read (a Price List record: service code, region, usage type, SKU when known;
 *   or a page and the sentence on it) and when, or that no public source confirmed it (`unconfirmed`:
 *   the plan prints such a figure as unconfirmed next to its amount). The plan reads only this file:
 *   no network at plan time.
 *
 * A region outside PRICED_REGIONS is priced at FALLBACK_REGION's figures, and the estimate says so on
 * every line it does that for. To price a new resource kind: add its figure here (and its records to
 * the snapshot, by `npm run prices:refresh` or by hand with the source), then its entry in
 * RESOURCE_PRICING (cost.ts); test/plan/prices.spec.ts fails until every region has a record.
 */
import snapshot from "./price-snapshot.json";

/** Hours in the month AWS's pricing pages use (8,760 / 12). */
export const HOURS_PER_MONTH = 730;

/** The regions every figure is given for; others fall back to FALLBACK_REGION. */
export const PRICED_REGIONS = ["us-east-1", "us-west-2", "eu-west-1"] as const;
export const FALLBACK_REGION = "us-east-1";

/**
 * How old the snapshot may get before test/plan/prices.spec.ts fails and asks for `npm run prices:refresh`.
 * 180 days: AWS changed two pricing models in 2025 (CloudFront flat-rate plans, Security Hub's plans);
 * a budget owner should not read prices older than half a year.
 */
export const MAX_SNAPSHOT_AGE_DAYS = 180;

// ---- Where a figure comes from --------------------------------------------------------------------

interface RecordBase {
    /** USD per the figure's unit. */
    readonly usd: number;
    /** The day (YYYY-MM-DD) the source was read. */
    readonly read: string;
}

/** A figure read from the AWS Price List: directly (the refresh script) or from a public extract of it. */
export interface PriceListRecord extends RecordBase {
    readonly status: "price-list";
    readonly serviceCode: string;
    readonly regionCode: string;
    readonly usageType: string;
    /** The product's SKU, when the source carries it. */
    readonly sku?: string;
    readonly rateCode?: string;
    /** The offer file's publicationDate, when read from one. */
    readonly publicationDate?: string;
    /** Where the record was read: `AWS Price List Bulk API`, or the public extract (repository, path, commit). */
    readonly via: string;
}

/** A figure stated on a public page (AWS's pricing page, or a page quoting it), with the sentence. */
export interface PageRecord extends RecordBase {
    readonly status: "page";
    readonly url: string;
    readonly quote: string;
}

/** A figure no public source confirmed: kept (it was on the table), shown as unconfirmed. */
export interface UnconfirmedRecord extends RecordBase {
    readonly status: "unconfirmed";
    /** The page that should state it. */
    readonly url: string;
    readonly note: string;
}

export type FigureRecord = PriceListRecord | PageRecord | UnconfirmedRecord;

/** The committed snapshot (price-snapshot.json). */
export interface PriceSnapshot {
    /** The day the snapshot was assembled: the staleness test's reference. */
    readonly snapshotDate: string;
    readonly generatedBy: string;
    /** Figure key → region → record. */
    readonly figures: Readonly<Record<string, Readonly<Record<string, FigureRecord>>>>;
}

// ---- What each figure is -----------------------------------------------------------------------

/** Where the Price List Bulk API has a figure (docs/prices.md, "Refreshing"). */
export interface PriceListSelector {
    /** The offer code (`AmazonEC2`, `AmazonVPC`, ...). */
    readonly serviceCode: string;
    /** The usage type without its region prefix; each region's is USAGE_TYPE_PREFIX[region] + this, unless `usageTypes` says otherwise. */
    readonly usageType: string;
    /** Usage types that do not follow the prefix rule, by region. */
    readonly usageTypes?: Readonly<Record<string, string>>;
    /** Product attributes that must match as well. */
    readonly attributes?: Readonly<Record<string, string>>;
    /** A global offer (AWS Budgets): one product for every region, read from the offer's whole-offer file. */
    readonly global?: boolean;
    /** The price tier to take: the dimension whose beginRange is this. @default "0" */
    readonly beginRange?: string;
    /** The figure's units per Price List unit: 1,000 for a figure per 1k requests priced per request. @default 1 */
    readonly per?: number;
}

export interface FigureSpec {
    /** What one unit is, as the plan prints it. */
    readonly unit: string;
    /** The public pricing page a reader checks. */
    readonly page: string;
    /** Where the Price List has it; absent: not a Price List figure (a page figure, refreshed by hand). */
    readonly priceList?: PriceListSelector;
}

/** The billing prefix of usage types in each priced region (us-east-1's have none, for most offers). */
export const USAGE_TYPE_PREFIX: Readonly<Record<string, string>> = { "us-east-1": "", "us-west-2": "USW2-", "eu-west-1": "EU-" };

const VPC = "https://aws.amazon.com/vpc/pricing/";
const PRIVATELINK = "https://aws.amazon.com/privatelink/pricing/";
const EC2 = "https://aws.amazon.com/ec2/pricing/on-demand/";
const EBS = "https://aws.amazon.com/ebs/pricing/";
const ELB = "https://aws.amazon.com/elasticloadbalancing/pricing/";
const RDS_POSTGRES = "https://aws.amazon.com/rds/postgresql/pricing/";
const KMS = "https://aws.amazon.com/kms/pricing/";
const CW = "https://aws.amazon.com/cloudwatch/pricing/";
const WAF = "https://aws.amazon.com/waf/pricing/";
const SM = "https://aws.amazon.com/secrets-manager/pricing/";
const CT = "https://aws.amazon.com/cloudtrail/pricing/";
const GD = "https://aws.amazon.com/guardduty/pricing/";
const CFG = "https://aws.amazon.com/config/pricing/";
const S3 = "https://aws.amazon.com/s3/pricing/";
const SNS = "https://aws.amazon.com/sns/pricing/";
const CF = "https://aws.amazon.com/cloudfront/pricing/";
const BUDGETS = "https://aws.amazon.com/aws-cost-management/aws-budgets/pricing/";
const SECURITY_HUB = "https://aws.amazon.com/security-hub/pricing/";
const INSPECTOR = "https://aws.amazon.com/inspector/pricing/";
const BACKUP = "https://aws.amazon.com/backup/pricing/";
const SFN = "https://aws.amazon.com/step-functions/pricing/";

const ec2 = (usageType: string, attributes?: Record<string, string>): PriceListSelector => ({
    serviceCode: "AmazonEC2",
    usageType,
    ...(attributes && { attributes }),
});
const inEveryRegion = (usageType: (region: string) => string): Record<string, string> =>
    Object.fromEntries(PRICED_REGIONS.map((r) => [r, usageType(r)]));

/** The named figures, by the key the estimate uses. */
export const NAMED_FIGURES = {
    natGatewayHour: { unit: "hour", page: VPC, priceList: ec2("NatGateway-Hours") },
    natGatewayGb: { unit: "GB processed", page: VPC, priceList: ec2("NatGateway-Bytes") },
    publicIpv4Hour: { unit: "hour", page: VPC, priceList: { serviceCode: "AmazonVPC", usageType: "PublicIPv4:InUseAddress" } },
    interfaceEndpointAzHour: {
        unit: "hour per AZ",
        page: PRIVATELINK,
        priceList: { serviceCode: "AmazonVPC", usageType: "VpcEndpoint-Hours" },
    },
    // Data processed through interface endpoints is PrivateLink's, not the NAT gateway's (issue 30):
    // "Data Processed per month in an AWS Region ... First 1 PB $0.01" (PRIVATELINK).
    privateLinkGb: {
        unit: "GB processed by interface endpoints (first 1 PB a month in the region)",
        page: PRIVATELINK,
        priceList: { serviceCode: "AmazonVPC", usageType: "VpcEndpoint-Bytes" },
    },
    gp3GbMonth: { unit: "GB-month", page: EBS, priceList: ec2("EBS:VolumeUsage.gp3") },
    gp2GbMonth: { unit: "GB-month", page: EBS, priceList: ec2("EBS:VolumeUsage.gp2") },
    // CPU credits are priced per family (T3/T3a vs T4g), "T2/T3/T4g Unlimited Mode Pricing" on the EC2 page.
    cpuCreditsT3: {
        unit: "vCPU-hour of surplus credits (T3)",
        page: `${EC2}#T2.2FT3.2FT4g_Unlimited_Mode_Pricing`,
        priceList: ec2("CPUCredits:t3", { operatingSystem: "Linux" }),
    },
    cpuCreditsT4g: {
        unit: "vCPU-hour of surplus credits (T4g)",
        page: `${EC2}#T2.2FT3.2FT4g_Unlimited_Mode_Pricing`,
        priceList: ec2("CPUCredits:t4g", { operatingSystem: "Linux" }),
    },
    albHour: {
        unit: "hour",
        page: ELB,
        priceList: { serviceCode: "AWSELB", usageType: "LoadBalancerUsage", attributes: { operation: "LoadBalancing:Application" } },
    },
    albLcuHour: {
        unit: "LCU-hour",
        page: ELB,
        priceList: { serviceCode: "AWSELB", usageType: "LCUUsage", attributes: { operation: "LoadBalancing:Application" } },
    },
    kmsKeyMonth: {
        unit: "key-month",
        page: KMS,
        priceList: { serviceCode: "awskms", usageType: "KMS-Keys", usageTypes: inEveryRegion((r) => `${r}-KMS-Keys`) },
    },
    kmsRequests: {
        unit: "10k requests",
        page: KMS,
        priceList: { serviceCode: "awskms", usageType: "KMS-Requests", usageTypes: inEveryRegion((r) => `${r}-KMS-Requests`), per: 10_000 },
    },
    alarmMonth: {
        unit: "alarm-month (standard resolution)",
        page: CW,
        priceList: { serviceCode: "AmazonCloudWatch", usageType: "CW:AlarmMonitorUsage" },
    },
    customMetricMonth: {
        unit: "metric-month (first 10,000 metrics)",
        page: CW,
        priceList: { serviceCode: "AmazonCloudWatch", usageType: "CW:MetricMonitorUsage" },
    },
    logsIngestGb: {
        unit: "GB ingested (Standard log class)",
        page: CW,
        priceList: { serviceCode: "AmazonCloudWatch", usageType: "DataProcessing-Bytes" },
    },
    logsStoreGbMonth: {
        unit: "GB-month stored",
        page: CW,
        priceList: { serviceCode: "AmazonCloudWatch", usageType: "TimedStorage-ByteHrs" },
    },
    vendedLogsGb: {
        unit: "GB of vended logs to CloudWatch Logs (first 10 TB)",
        page: CW,
        priceList: { serviceCode: "AmazonCloudWatch", usageType: "VendedLog-Bytes" },
    },
    vendedLogsToS3Gb: {
        unit: "GB of vended logs delivered to S3 (first 10 TB)",
        page: CW,
        priceList: { serviceCode: "AmazonCloudWatch", usageType: "S3-Egress-Bytes" },
    },
    wafAclMonth: { unit: "web ACL-month", page: WAF, priceList: { serviceCode: "awswaf", usageType: "WebACLV2" } },
    wafRuleMonth: { unit: "rule-month", page: WAF, priceList: { serviceCode: "awswaf", usageType: "RuleV2" } },
    wafRequests: { unit: "1M requests", page: WAF, priceList: { serviceCode: "awswaf", usageType: "RequestV2-Tier0", per: 1_000_000 } },
    secretMonth: {
        unit: "secret-month",
        page: SM,
        priceList: { serviceCode: "AWSSecretsManager", usageType: "AWSSecretsManager-Secrets" },
    },
    trailDataEvents: {
        unit: "100k data events",
        page: CT,
        priceList: { serviceCode: "AWSCloudTrail", usageType: "DataEventsRecorded", per: 100_000 },
    },
    guardDutyEvents: {
        unit: "1M CloudTrail management events analysed",
        page: GD,
        priceList: { serviceCode: "AmazonGuardDuty", usageType: "PaidEventsAnalyzed", per: 1_000_000 },
    },
    guardDutyFlowGb: {
        unit: "GB of flow and DNS logs analysed (first 500 GB)",
        page: GD,
        priceList: { serviceCode: "AmazonGuardDuty", usageType: "PaidLogsAnalyzed" },
    },
    guardDutyS3Events: {
        unit: "1M S3 data events analysed",
        page: GD,
        priceList: { serviceCode: "AmazonGuardDuty", usageType: "PaidS3DataEventsAnalyzed", per: 1_000_000 },
    },
    // Security Hub CSPM: what aws.securityhub.Account enables (docs/prices.md, "Models").
    securityHubCheck: {
        unit: "Security Hub CSPM security check (first 100,000 a month)",
        page: SECURITY_HUB,
        priceList: { serviceCode: "AWSSecurityHub", usageType: "PaidComplianceCheck" },
    },
    securityHubFindingEvent: {
        unit: "finding ingestion event (after 10,000 free a month)",
        page: SECURITY_HUB,
        priceList: { serviceCode: "AWSSecurityHub", usageType: "PaidFindingsIngestion", beginRange: "10000" },
    },
    inspectorEc2InstanceMonth: {
        unit: "EC2 instance-month scanned",
        page: INSPECTOR,
        priceList: { serviceCode: "AmazonInspectorV2", usageType: "EC2InstanceScanning" },
    },
    configItem: {
        unit: "configuration item recorded (continuous)",
        page: CFG,
        priceList: { serviceCode: "AWSConfig", usageType: "ConfigurationItemRecorded" },
    },
    configEvaluation: {
        unit: "rule evaluation (first 100k)",
        page: CFG,
        priceList: { serviceCode: "AWSConfig", usageType: "ConfigRuleEvaluations" },
    },
    s3GbMonth: {
        unit: "GB-month (Standard, first 50 TB)",
        page: S3,
        priceList: { serviceCode: "AmazonS3", usageType: "TimedStorage-ByteHrs", attributes: { volumeType: "Standard" } },
    },
    s3Puts: { unit: "1k PUT requests", page: S3, priceList: { serviceCode: "AmazonS3", usageType: "Requests-Tier1", per: 1_000 } },
    // Step Functions Express (the alert state machine, lib/monitoring/finding-acknowledgement.ts): per request and per GB-second.
    sfnExpressRequests: {
        unit: "1M Express workflow requests",
        page: SFN,
        priceList: { serviceCode: "AWSStepFunctions", usageType: "StepFunctions-Request", per: 1_000_000 },
    },
    sfnExpressGbSecond: {
        unit: "GB-second of Express workflow duration (64 MB chunks, 100 ms)",
        page: SFN,
        priceList: { serviceCode: "AWSStepFunctions", usageType: "StepFunctions-GB-Second" },
    },
    snsEmails: {
        unit: "100k email notifications (after 1k free)",
        page: SNS,
        priceList: { serviceCode: "AmazonSNS", usageType: "DeliveryAttempts-SMTP", per: 100_000, beginRange: "1000" },
    },
    // CloudFront pay-as-you-go (docs/prices.md, "Models"); its figures do not depend on the stack's region.
    cloudFrontGb: {
        unit: "GB to viewers (United States, first 10 TB)",
        page: CF,
        priceList: {
            serviceCode: "AmazonCloudFront",
            usageType: "US-DataTransfer-Out-Bytes",
            usageTypes: inEveryRegion(() => "US-DataTransfer-Out-Bytes"),
            global: true,
        },
    },
    cloudFrontRequests: {
        unit: "10k HTTPS requests (United States)",
        page: CF,
        priceList: {
            serviceCode: "AmazonCloudFront",
            usageType: "US-Requests-Tier2-HTTPS",
            usageTypes: inEveryRegion(() => "US-Requests-Tier2-HTTPS"),
            per: 10_000,
            global: true,
        },
    },
    // Plain budgets are free; a budget with actions is billed per day after the account's first two
    // (62 budget-days a month): AWSBudgets, ActionEnabledBudgetsUsage.
    budgetActionDay: {
        unit: "action-enabled budget-day (after the account's first 62 a month)",
        page: BUDGETS,
        priceList: {
            serviceCode: "AWSBudgets",
            usageType: "ActionEnabledBudgetsUsage",
            usageTypes: inEveryRegion(() => "ActionEnabledBudgetsUsage"),
            global: true,
            beginRange: "62",
        },
    },
    backupRdsGbMonth: {
        unit: "GB-month (AWS Backup, RDS snapshot, warm)",
        page: BACKUP,
        priceList: { serviceCode: "AWSBackup", usageType: "WarmStorage-ByteHrs-RDS" },
    },
    // Issue 27: AWS Backup of the app data bucket (unconfirmed in the snapshot; not a Price List figure here).
    backupS3GbMonth: { unit: "GB-month (AWS Backup, S3, warm)", page: BACKUP },
    // Not one Price List figure: the usage type names both regions (USE1-USW2-AWS-Out-Bytes, ...).
    interRegionTransferGb: { unit: "GB transferred between regions", page: EC2 },
} as const satisfies Record<string, FigureSpec>;

export type PriceName = keyof typeof NAMED_FIGURES;

/** EC2 instance types priced (on-demand, Linux, shared tenancy). A type missing here is reported as unpriced, never guessed. */
export const EC2_INSTANCE_TYPES = [
    "t3.nano",
    "t3.micro",
    "t3.small",
    "t3.medium",
    "t3.large",
    "t4g.micro",
    "t4g.small",
    "t4g.medium",
    "m6i.large",
    "m7i.large",
    "c6i.large",
] as const;

/** RDS engines priced, by the `engine` input of aws.rds.Instance, with the Price List's name of it. */
export const RDS_ENGINES = { postgres: { label: "PostgreSQL", databaseEngine: "PostgreSQL", page: RDS_POSTGRES } } as const;
export type RdsEngine = keyof typeof RDS_ENGINES;

/** DB instance classes priced per engine, single-AZ and Multi-AZ. */
export const RDS_INSTANCE_CLASSES = [
    "db.t4g.micro",
    "db.t4g.small",
    "db.t4g.medium",
    "db.t4g.large",
    "db.t3.micro",
    "db.t3.small",
    "db.t3.medium",
    "db.m6g.large",
    "db.m7g.large",
    "db.r6g.large",
] as const;

/** The burstable DB instance families whose surplus CPU credits are priced per engine (`rds/<engine>/cpuCredits:db.t4g`). */
export const RDS_CPU_CREDIT_FAMILIES = ["db.t4g", "db.t3"] as const;

/** The CPU credit figure of each burstable family priced. */
export const CPU_CREDIT_FIGURE: Readonly<Record<string, PriceName>> = { t3: "cpuCreditsT3", t4g: "cpuCreditsT4g" };

/** The snapshot key of an instance type's figure, a DB class's, an engine's storage figure. */
export const ec2Key = (instanceType: string) => `ec2/${instanceType}`;
export const rdsKey = (engine: string, what: string) => `rds/${engine}/${what}`;

/** Every figure the table has, by snapshot key: the named ones, the instance types, the DB classes and storage per engine. */
export const FIGURES: Readonly<Record<string, FigureSpec>> = {
    ...NAMED_FIGURES,
    ...Object.fromEntries(
        EC2_INSTANCE_TYPES.map((t) => [
            ec2Key(t),
            {
                unit: "hour",
                page: EC2,
                // Eight attributes pin the one on-demand Linux product: a Capacity Block product shares the usage
                // type at another price (marketoption), Windows ones share it with other licence models.
                priceList: ec2(`BoxUsage:${t}`, {
                    operatingSystem: "Linux",
                    tenancy: "Shared",
                    preInstalledSw: "NA",
                    capacitystatus: "Used",
                    licenseModel: "No License required",
                    marketoption: "OnDemand",
                }),
            },
        ]),
    ),
    ...Object.fromEntries(
        Object.entries(RDS_ENGINES).flatMap(([engine, { databaseEngine, page }]) => [
            ...RDS_INSTANCE_CLASSES.map((c) => [
                rdsKey(engine, c),
                {
                    unit: "hour (single-AZ)",
                    page,
                    priceList: {
                        serviceCode: "AmazonRDS",
                        usageType: `InstanceUsage:${c}`,
                        attributes: { databaseEngine, deploymentOption: "Single-AZ" },
                    },
                },
            ]),
            // Multi-AZ is its own product in the Price List (Multi-AZUsage:, RDS:Multi-AZ-*-Storage), priced
            // for the primary and its standby together: not necessarily twice the single-AZ figure.
            ...RDS_INSTANCE_CLASSES.map((c) => [
                rdsKey(engine, `${c}:multi-az`),
                {
                    unit: "hour (Multi-AZ: primary and standby)",
                    page,
                    priceList: {
                        serviceCode: "AmazonRDS",
                        usageType: `Multi-AZUsage:${c}`,
                        attributes: { databaseEngine, deploymentOption: "Multi-AZ" },
                    },
                },
            ]),
            [
                rdsKey(engine, "gp2"),
                {
                    unit: "GB-month (single-AZ)",
                    page,
                    priceList: {
                        serviceCode: "AmazonRDS",
                        usageType: "RDS:GP2-Storage",
                        attributes: { databaseEngine, deploymentOption: "Single-AZ" },
                    },
                },
            ],
            [
                rdsKey(engine, "gp3"),
                {
                    unit: "GB-month (single-AZ)",
                    page,
                    priceList: {
                        serviceCode: "AmazonRDS",
                        usageType: "RDS:GP3-Storage",
                        attributes: { databaseEngine, deploymentOption: "Single-AZ" },
                    },
                },
            ],
            [
                rdsKey(engine, "gp2:multi-az"),
                {
                    unit: "GB-month (Multi-AZ)",
                    page,
                    priceList: {
                        serviceCode: "AmazonRDS",
                        usageType: "RDS:Multi-AZ-GP2-Storage",
                        attributes: { databaseEngine, deploymentOption: "Multi-AZ" },
                    },
                },
            ],
            [
                rdsKey(engine, "gp3:multi-az"),
                {
                    unit: "GB-month (Multi-AZ)",
                    page,
                    priceList: {
                        serviceCode: "AmazonRDS",
                        usageType: "RDS:Multi-AZ-GP3-Storage",
                        attributes: { databaseEngine, deploymentOption: "Multi-AZ" },
                    },
                },
            ],
            [
                rdsKey(engine, "backup"),
                {
                    unit: "GB-month beyond the database's size",
                    page,
                    priceList: { serviceCode: "AmazonRDS", usageType: "RDS:ChargedBackupUsage" },
                },
            ],
            // RDS T4g and T3 instances run in unlimited mode; surplus credits are billed per engine (CPUCredits:db.t4g).
            ...RDS_CPU_CREDIT_FAMILIES.map((family) => [
                rdsKey(engine, `cpuCredits:${family}`),
                {
                    unit: `vCPU-hour of surplus credits (${family})`,
                    page,
                    priceList: { serviceCode: "AmazonRDS", usageType: `CPUCredits:${family}`, attributes: { databaseEngine } },
                },
            ]),
        ]),
    ),
};

// ---- The figures, from the snapshot -------------------------------------------------------------

export const SNAPSHOT: PriceSnapshot = snapshot as PriceSnapshot;

/** When the figures were read (the snapshot's date). */
export const PRICE_LIST_DATE = SNAPSHOT.snapshotDate;

export interface Price {
    /** What one unit is: `hour`, `GB-month`, `month`, `1M requests`, ... */
    readonly unit: string;
    /** USD per unit, by region code. */
    readonly usd: Readonly<Record<string, number>>;
    /** The public page a reader checks. */
    readonly source: string;
    /** Where each region's figure was read, by region code. */
    readonly records: Readonly<Record<string, FigureRecord>>;
}

/** A figure of the table, by snapshot key (undefined: not in the table). */
export function figure(key: string): Price | undefined {
    const spec = FIGURES[key];
    const records = SNAPSHOT.figures[key];
    if (!spec || !records) return undefined;
    return {
        unit: spec.unit,
        source: spec.page,
        records,
        usd: Object.fromEntries(Object.entries(records).map(([region, r]) => [region, r.usd])),
    };
}

const named = (name: PriceName): Price => {
    const price = figure(name);
    if (!price)
        throw new Error(
            `tooling/plan/price-snapshot.json has no records for ${name}: run npm run prices:refresh, or add them with their source`,
        );
    return price;
};

/** Every named unit price the estimate uses. */
export const PRICES: Readonly<Record<PriceName, Price>> = Object.fromEntries(
    Object.keys(NAMED_FIGURES).map((n) => [n, named(n as PriceName)]),
) as Record<PriceName, Price>;

const table = (keys: readonly string[], keyOf: (k: string) => string): Record<string, Price> =>
    Object.fromEntries(
        keys.flatMap((k) => {
            const p = figure(keyOf(k));
            return p ? [[k, p]] : [];
        }),
    );

/** EC2 on-demand Linux, by instance type. */
export const EC2_PRICES: Readonly<Record<string, Price>> = table(EC2_INSTANCE_TYPES, ec2Key);
/** EC2 on-demand Linux, USD per hour, by instance type and region. */
export const EC2_HOURLY: Readonly<Record<string, Readonly<Record<string, number>>>> = Object.fromEntries(
    Object.entries(EC2_PRICES).map(([t, p]) => [t, p.usd]),
);

/** RDS per engine: instance classes (single-AZ, per hour) and storage. */
export const RDS_PRICES: Readonly<
    Record<
        string,
        {
            readonly classes: Readonly<Record<string, Price>>;
            readonly gp2?: Price;
            readonly gp3?: Price;
            readonly backup?: Price;
            /** The Multi-AZ products: classes (primary and standby together) and storage. */
            readonly multiAz: { readonly classes: Readonly<Record<string, Price>>; readonly gp2?: Price; readonly gp3?: Price };
            /** Surplus CPU credits by burstable family (`db.t4g`). */
            readonly cpuCredits: Readonly<Record<string, Price>>;
        }
    >
> = Object.fromEntries(
    Object.keys(RDS_ENGINES).map((engine) => [
        engine,
        {
            classes: table(RDS_INSTANCE_CLASSES, (c) => rdsKey(engine, c)),
            gp2: figure(rdsKey(engine, "gp2")),
            gp3: figure(rdsKey(engine, "gp3")),
            backup: figure(rdsKey(engine, "backup")),
            multiAz: {
                classes: table(RDS_INSTANCE_CLASSES, (c) => rdsKey(engine, `${c}:multi-az`)),
                gp2: figure(rdsKey(engine, "gp2:multi-az")),
                gp3: figure(rdsKey(engine, "gp3:multi-az")),
            },
            cpuCredits: table(RDS_CPU_CREDIT_FAMILIES, (f) => rdsKey(engine, `cpuCredits:${f}`)),
        },
    ]),
);
/** RDS for PostgreSQL on-demand, single-AZ, USD per hour (Multi-AZ: RDS_PRICES.postgres.multiAz). */
export const RDS_POSTGRES_HOURLY: Readonly<Record<string, Readonly<Record<string, number>>>> = Object.fromEntries(
    Object.entries(RDS_PRICES.postgres.classes).map(([c, p]) => [c, p.usd]),
);

export interface RegionalFigure {
    readonly usd: number;
    readonly record: FigureRecord;
    /** Set when the figure is the fallback region's. */
    readonly fallback?: string;
}

/** A price's figure for `region`, or the fallback region's with a note saying so. */
export function regional(price: Price, region: string): RegionalFigure | undefined {
    const own = price.records[region];
    if (own) return { usd: own.usd, record: own };
    const fallback = price.records[FALLBACK_REGION];
    if (fallback) return { usd: fallback.usd, record: fallback, fallback: `${FALLBACK_REGION} price: no ${region} figure in the table` };
    return undefined;
}

/** Whole days from the snapshot's date to `now` (UTC days). */
export function snapshotAgeDays(snapshotDate: string, now: Date): number {
    const then = Date.parse(`${snapshotDate}T00:00:00Z`);
    if (!Number.isFinite(then)) throw new Error(`snapshot date ${JSON.stringify(snapshotDate)} is not a YYYY-MM-DD date`);
    return Math.floor((now.getTime() - then) / 86_400_000);
}

/** One line naming where a record comes from, for the plan's JSON and the docs table. */
export function describeRecord(r: FigureRecord): string {
    switch (r.status) {
        case "price-list":
            return `AWS Price List ${r.serviceCode} ${r.regionCode} ${r.usageType}${r.sku ? ` SKU ${r.sku}` : ""}${r.publicationDate ? ` (published ${r.publicationDate})` : ""}, via ${r.via}, read ${r.read}`;
        case "page":
            return `${r.url}: "${r.quote}", read ${r.read}`;
        case "unconfirmed":
            return `UNCONFIRMED (${r.url}): ${r.note}`;
    }
}
