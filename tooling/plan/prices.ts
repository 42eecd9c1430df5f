/**
 * The price table of the offline cost estimate: on-demand, Linux, USD, from AWS's public price
 * list (the pricing page named in each entry's `source`, and the Price List API offer files
 * behind it) as read on PRICE_LIST_DATE. One entry per figure, with a price per region for the
 * regions priced here; any other region falls back to us-east-1's figure, and the estimate says so
 * on every line it does that for. Update the date when you re-read the figures.
 */

/** When the figures below were read from AWS's public price list. */
export const PRICE_LIST_DATE = "2025-11-01";

/** Hours in the month AWS's pricing pages use (8,760 / 12). */
export const HOURS_PER_MONTH = 730;

/** The regions every figure is given for; others fall back to FALLBACK_REGION. */
export const PRICED_REGIONS = ["us-east-1", "us-west-2", "eu-west-1"] as const;
export const FALLBACK_REGION = "us-east-1";

export interface Price {
    /** What one unit is: `hour`, `GB-month`, `month`, `1M requests`, ... */
    readonly unit: string;
    /** USD per unit, by region code. */
    readonly usd: Readonly<Record<string, number>>;
    /** The public page the figures come from. */
    readonly source: string;
}

const same = (usd: number): Record<string, number> => Object.fromEntries(PRICED_REGIONS.map((r) => [r, usd]));

const VPC = "https://aws.amazon.com/vpc/pricing/";
const EC2 = "https://aws.amazon.com/ec2/pricing/on-demand/";
const EBS = "https://aws.amazon.com/ebs/pricing/";
const ELB = "https://aws.amazon.com/elasticloadbalancing/pricing/";
const RDS = "https://aws.amazon.com/rds/postgresql/pricing/";
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

/** Every unit price the estimate uses, by name. */
export const PRICES = {
    natGatewayHour: { unit: "hour", usd: { "us-east-1": 0.045, "us-west-2": 0.045, "eu-west-1": 0.048 }, source: VPC },
    natGatewayGb: { unit: "GB processed", usd: { "us-east-1": 0.045, "us-west-2": 0.045, "eu-west-1": 0.048 }, source: VPC },
    publicIpv4Hour: { unit: "hour", usd: same(0.005), source: VPC },
    interfaceEndpointAzHour: { unit: "hour per AZ", usd: { "us-east-1": 0.01, "us-west-2": 0.01, "eu-west-1": 0.011 }, source: "https://aws.amazon.com/privatelink/pricing/" },
    gp3GbMonth: { unit: "GB-month", usd: { "us-east-1": 0.08, "us-west-2": 0.08, "eu-west-1": 0.088 }, source: EBS },
    gp2GbMonth: { unit: "GB-month", usd: { "us-east-1": 0.1, "us-west-2": 0.1, "eu-west-1": 0.11 }, source: EBS },
    cpuCreditVcpuHour: { unit: "vCPU-hour", usd: same(0.05), source: "https://aws.amazon.com/ec2/pricing/on-demand/#T2.2FT3.2FT4g_Unlimited_Mode_Pricing" },
    albHour: { unit: "hour", usd: { "us-east-1": 0.0225, "us-west-2": 0.0225, "eu-west-1": 0.0252 }, source: ELB },
    albLcuHour: { unit: "LCU-hour", usd: { "us-east-1": 0.008, "us-west-2": 0.008, "eu-west-1": 0.008 }, source: ELB },
    rdsGp3GbMonth: { unit: "GB-month (per copy)", usd: { "us-east-1": 0.115, "us-west-2": 0.115, "eu-west-1": 0.127 }, source: RDS },
    rdsGp2GbMonth: { unit: "GB-month (per copy)", usd: { "us-east-1": 0.115, "us-west-2": 0.115, "eu-west-1": 0.127 }, source: RDS },
    rdsBackupGbMonth: { unit: "GB-month beyond the database's size", usd: { "us-east-1": 0.095, "us-west-2": 0.095, "eu-west-1": 0.095 }, source: RDS },
    kmsKeyMonth: { unit: "key-month", usd: same(1), source: KMS },
    kmsRequests: { unit: "10k requests", usd: same(0.03), source: KMS },
    alarmMonth: { unit: "alarm-month (standard resolution)", usd: same(0.1), source: CW },
    customMetricMonth: { unit: "metric-month", usd: same(0.3), source: CW },
    logsIngestGb: { unit: "GB ingested", usd: same(0.5), source: CW },
    logsStoreGbMonth: { unit: "GB-month stored", usd: { "us-east-1": 0.03, "us-west-2": 0.03, "eu-west-1": 0.03 }, source: CW },
    vendedLogsGb: { unit: "GB delivered (vended logs, first tier)", usd: same(0.5), source: CW },
    vendedLogsToS3Gb: { unit: "GB delivered to S3 (vended logs, first tier)", usd: same(0.25), source: CW },
    wafAclMonth: { unit: "web ACL-month", usd: same(5), source: WAF },
    wafRuleMonth: { unit: "rule-month", usd: same(1), source: WAF },
    wafRequests: { unit: "1M requests", usd: same(0.6), source: WAF },
    secretMonth: { unit: "secret-month", usd: same(0.4), source: SM },
    trailDataEvents: { unit: "100k data events", usd: same(0.1), source: CT },
    guardDutyEvents: { unit: "1M CloudTrail management events analysed", usd: { "us-east-1": 4, "us-west-2": 4, "eu-west-1": 4.4 }, source: GD },
    guardDutyFlowGb: { unit: "GB of flow and DNS logs analysed (first tier)", usd: { "us-east-1": 1, "us-west-2": 1, "eu-west-1": 1.1 }, source: GD },
    securityHubCheck: { unit: "security check (first 100,000 a month)", usd: same(0.001), source: SECURITY_HUB },
    securityHubFindingEvent: { unit: "finding ingestion event (after 10,000 free a month)", usd: same(0.00003), source: SECURITY_HUB },
    inspectorEc2InstanceMonth: { unit: "EC2 instance-month scanned", usd: same(1.258), source: INSPECTOR },
    guardDutyS3Events: { unit: "1M S3 data events analysed", usd: { "us-east-1": 0.8, "us-west-2": 0.8, "eu-west-1": 0.88 }, source: GD },
    configItem: { unit: "configuration item recorded", usd: same(0.003), source: CFG },
    configEvaluation: { unit: "rule evaluation (first 100k)", usd: same(0.001), source: CFG },
    s3GbMonth: { unit: "GB-month (Standard)", usd: { "us-east-1": 0.023, "us-west-2": 0.023, "eu-west-1": 0.023 }, source: S3 },
    s3Puts: { unit: "1k PUT requests", usd: same(0.005), source: S3 },
    snsEmails: { unit: "100k email notifications (first 1k free)", usd: same(2), source: SNS },
    cloudFrontGb: { unit: "GB to viewers (North America/Europe, first tier)", usd: same(0.085), source: CF },
    cloudFrontRequests: { unit: "10k HTTPS requests", usd: same(0.01), source: CF },
    budgetDay: { unit: "budget-day (the account's first two budgets are free)", usd: same(0.02), source: BUDGETS },
    // Issue 14 (resilience): AWS Backup of RDS snapshots, and the cross-region copy's transfer.
    backupRdsGbMonth: { unit: "GB-month (AWS Backup, RDS snapshot, warm)", usd: same(0.095), source: "https://aws.amazon.com/backup/pricing/" },
    interRegionTransferGb: { unit: "GB transferred between regions", usd: same(0.02), source: "https://aws.amazon.com/ec2/pricing/on-demand/" },
    // Issue 27: AWS Backup of the app data bucket. UNCONFIRMED: the pricing page's S3 row did not load in the copy read;
    // $0.05 is the warm rate third-party summaries of it cite (cloudburn.io, "AWS Backup Pricing", Feb 2026). Usage-only (not in the total).
    backupS3GbMonth: { unit: "GB-month (AWS Backup, S3, warm; unconfirmed)", usd: same(0.05), source: "https://aws.amazon.com/backup/pricing/ (unconfirmed, see prices.ts)" },
} as const satisfies Record<string, Price>;

export type PriceName = keyof typeof PRICES;

/** EC2 on-demand Linux, USD per hour. An instance type missing here is reported as unpriced, never guessed. */
export const EC2_HOURLY: Readonly<Record<string, Readonly<Record<string, number>>>> = {
    "t3.nano": { "us-east-1": 0.0052, "us-west-2": 0.0052, "eu-west-1": 0.0057 },
    "t3.micro": { "us-east-1": 0.0104, "us-west-2": 0.0104, "eu-west-1": 0.0114 },
    "t3.small": { "us-east-1": 0.0208, "us-west-2": 0.0208, "eu-west-1": 0.0228 },
    "t3.medium": { "us-east-1": 0.0416, "us-west-2": 0.0416, "eu-west-1": 0.0456 },
    "t3.large": { "us-east-1": 0.0832, "us-west-2": 0.0832, "eu-west-1": 0.0912 },
    "t4g.micro": { "us-east-1": 0.0084, "us-west-2": 0.0084, "eu-west-1": 0.0092 },
    "t4g.small": { "us-east-1": 0.0168, "us-west-2": 0.0168, "eu-west-1": 0.0184 },
    "t4g.medium": { "us-east-1": 0.0336, "us-west-2": 0.0336, "eu-west-1": 0.0368 },
    "m6i.large": { "us-east-1": 0.096, "us-west-2": 0.096, "eu-west-1": 0.107 },
    "m7i.large": { "us-east-1": 0.1008, "us-west-2": 0.1008, "eu-west-1": 0.1124 },
    "c6i.large": { "us-east-1": 0.085, "us-west-2": 0.085, "eu-west-1": 0.0964 },
};
export const EC2_SOURCE = EC2;

/** RDS for PostgreSQL on-demand, single-AZ, USD per hour (a Multi-AZ instance costs twice this). */
export const RDS_POSTGRES_HOURLY: Readonly<Record<string, Readonly<Record<string, number>>>> = {
    "db.t4g.micro": { "us-east-1": 0.016, "us-west-2": 0.016, "eu-west-1": 0.018 },
    "db.t4g.small": { "us-east-1": 0.032, "us-west-2": 0.032, "eu-west-1": 0.034 },
    "db.t4g.medium": { "us-east-1": 0.065, "us-west-2": 0.065, "eu-west-1": 0.068 },
    "db.t4g.large": { "us-east-1": 0.129, "us-west-2": 0.129, "eu-west-1": 0.136 },
    "db.t3.micro": { "us-east-1": 0.018, "us-west-2": 0.018, "eu-west-1": 0.019 },
    "db.t3.small": { "us-east-1": 0.036, "us-west-2": 0.036, "eu-west-1": 0.038 },
    "db.t3.medium": { "us-east-1": 0.072, "us-west-2": 0.072, "eu-west-1": 0.076 },
    "db.m6g.large": { "us-east-1": 0.152, "us-west-2": 0.152, "eu-west-1": 0.169 },
    "db.m7g.large": { "us-east-1": 0.168, "us-west-2": 0.168, "eu-west-1": 0.185 },
    "db.r6g.large": { "us-east-1": 0.225, "us-west-2": 0.225, "eu-west-1": 0.25 },
};
export const RDS_SOURCE = RDS;

/** A figure for `region`, or the fallback region's with a note saying so. */
export function regional(table: Readonly<Record<string, number>>, region: string): { usd: number; fallback?: string } | undefined {
    if (table[region] !== undefined) return { usd: table[region] };
    if (table[FALLBACK_REGION] !== undefined) return { usd: table[FALLBACK_REGION], fallback: `${FALLBACK_REGION} price: no ${region} figure in the table` };
    return undefined;
}
