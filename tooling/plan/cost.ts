/**
 * The monthly cost estimate of an offline plan: what the planned resources cost by the hour or the
 * month whatever they do (NAT gateways, instances, volumes, the load balancer, the database, keys,
 * alarms, the web ACL, secrets, ...), per resource kind and region, from the dated price table in
 * prices.ts; and what is charged by use (GB processed, requests, events, findings) listed with its
 * unit price and the assumption the fixed total makes about it. A pure function of the plan, so a
 * plan JSON from `--json` estimates the same.
 *
 * RESOURCE_PRICING has one entry per resource type the program can create: a type missing there
 * fails the tests (test/plan/cost.spec.ts), so a new resource is never silently left out.
 */
import { EC2_HOURLY, EC2_SOURCE, HOURS_PER_MONTH, Price, PRICE_LIST_DATE, PriceName, PRICES, RDS_POSTGRES_HOURLY, RDS_SOURCE, regional } from "./prices";

/** The slice of a planned resource the estimate reads (a Plan's or a plan JSON's). */
export interface PricedResource {
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    readonly provider?: string;
    readonly inputs: Record<string, unknown>;
    readonly id: string;
    readonly state?: Record<string, unknown>;
}

export interface PlanLike {
    readonly stack: string;
    readonly resources: readonly PricedResource[];
}

/** One fixed monthly charge of one resource. */
export interface CostLine {
    /** What is charged, as the table groups it: `NAT gateway`, `EC2 t3.small`, `EBS gp3`. */
    readonly kind: string;
    readonly region: string;
    /** Logical name of the resource that incurs it. */
    readonly resource: string;
    readonly quantity: number;
    /** Unit of `quantity`: `hour`, `GB-month`, `month`. */
    readonly unit: string;
    readonly unitUsd: number;
    readonly monthlyUsd: number;
    readonly source: string;
    /** A caveat: a fallback region's price, a free-tier condition. */
    readonly note?: string;
}

/** A charge by use, listed (not added to the total) with its unit price and an assumption. */
export interface UsageItem {
    readonly kind: string;
    readonly region: string;
    readonly unit: string;
    readonly unitUsd: number;
    readonly assumption: string;
    readonly source: string;
}

/** A resource whose price the table does not have (an instance type not in EC2_HOURLY, say): named, never guessed. */
export interface Unpriced {
    readonly resource: string;
    readonly type: string;
    readonly reason: string;
}

interface Context {
    readonly region: string;
    /** The planned resource whose physical id or ARN is `ref`. */
    byRef(ref: unknown): PricedResource | undefined;
}

interface Charged {
    readonly lines?: CostLine[];
    readonly unpriced?: Unpriced[];
}

/** How a resource type is priced: free (with why), by use only, or with fixed monthly lines (and maybe use too). */
export type Pricing =
    | { readonly free: string }
    | { readonly usage: readonly UsageSpec[]; readonly fixed?: undefined }
    | { readonly fixed: (r: PricedResource, ctx: Context) => Charged; readonly usage?: readonly UsageSpec[] };

export interface UsageSpec {
    readonly kind: string;
    readonly price: PriceName;
    readonly assumption: string;
}

/** `quantity` of `price` in `region`, as one line. */
function line(r: PricedResource, ctx: Context, kind: string, price: Price, quantity: number, unit = price.unit, note?: string): CostLine {
    const figure = regional(price.usd, ctx.region)!;
    const notes = [figure.fallback, note].filter(Boolean).join("; ");
    return {
        kind, region: ctx.region, resource: r.name, quantity, unit, unitUsd: figure.usd,
        monthlyUsd: quantity * figure.usd, source: price.source, ...(notes && { note: notes }),
    };
}

/** Hours of one thing running all month, from a per-type hourly table (instances, DB classes). */
function hourlyFromTable(
    r: PricedResource, ctx: Context, kind: string, table: Readonly<Record<string, Readonly<Record<string, number>>>>,
    key: string, count: number, source: string, what: string,
): Charged {
    const prices = table[key];
    if (!prices) return { unpriced: [{ resource: r.name, type: r.type, reason: `${what} ${key} is not in the price table (tooling/plan/prices.ts)` }] };
    return { lines: [line(r, ctx, kind, { unit: "hour", usd: prices, source }, count * HOURS_PER_MONTH)] };
}

/** The instance type and root volume of a launch template. */
function fromLaunchTemplate(template: PricedResource | undefined): { instanceType?: string; volumes: Array<{ size: number; type: string }> } {
    if (!template) return { volumes: [] };
    const mappings = (template.inputs.blockDeviceMappings ?? []) as Array<{ ebs?: { volumeSize?: number; volumeType?: string } }>;
    return {
        instanceType: template.inputs.instanceType as string | undefined,
        volumes: mappings.filter((m) => m.ebs).map((m) => ({ size: Number(m.ebs!.volumeSize ?? 8), type: m.ebs!.volumeType ?? "gp3" })),
    };
}

/** Instances and their EBS volumes: `count` of them, running all month. */
function instances(r: PricedResource, ctx: Context, count: number, instanceType: string | undefined, volumes: Array<{ size: number; type: string }>, note?: string): Charged {
    if (instanceType === undefined) return { unpriced: [{ resource: r.name, type: r.type, reason: "no instance type in its inputs or launch template" }] };
    const compute = hourlyFromTable(r, ctx, `EC2 ${instanceType}`, EC2_HOURLY, instanceType, count, EC2_SOURCE, "instance type");
    const storage = volumes.map((v) => {
        const price = v.type === "gp2" ? PRICES.gp2GbMonth : PRICES.gp3GbMonth;
        return line(r, ctx, `EBS ${v.type}`, price, count * v.size, "GB-month", note);
    });
    const withNote = (compute.lines ?? []).map((l) => (note ? { ...l, note: [l.note, note].filter(Boolean).join("; ") } : l));
    return { lines: [...withNote, ...storage], unpriced: compute.unpriced };
}

const CPU_CREDITS: UsageSpec = { kind: "EC2 CPU credits (unlimited mode)", price: "cpuCreditVcpuHour", assumption: "0: T-family instances bursting above baseline on average pay this per vCPU-hour" };
const LOGS: readonly UsageSpec[] = [
    { kind: "CloudWatch Logs ingestion", price: "logsIngestGb", assumption: "not estimated: depends on log volume (a quiet dev stack ingests well under 1 GB)" },
    { kind: "CloudWatch Logs storage", price: "logsStoreGbMonth", assumption: "grows with ingestion and the retention in days" },
];
const BUCKET: readonly UsageSpec[] = [
    { kind: "S3 Standard storage", price: "s3GbMonth", assumption: "logs, which lifecycle rules expire, and the app data bucket's objects (tap:enableAppDataBucket): grows with the traffic and the app's data" },
    { kind: "S3 PUT requests", price: "s3Puts", assumption: "log deliveries: a few thousand a month" },
];

/**
 * Every resource type the program can create, and how it is priced. Add a type here when you add
 * it to the program (a test enumerates the planned types and the `new aws.*` in lib/).
 */
export const RESOURCE_PRICING: Readonly<Record<string, Pricing>> = {
    // Network
    "aws:ec2/vpc:Vpc": { free: "no charge for the VPC itself" },
    "aws:ec2/subnet:Subnet": { free: "no charge" },
    "aws:ec2/internetGateway:InternetGateway": { free: "no charge (data transfer out is billed to what sends it)" },
    "aws:ec2/routeTable:RouteTable": { free: "no charge" },
    "aws:ec2/route:Route": { free: "no charge" },
    "aws:ec2/routeTableAssociation:RouteTableAssociation": { free: "no charge" },
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": { free: "no charge" },
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": { free: "no charge" },
    "aws:ec2/securityGroup:SecurityGroup": { free: "no charge" },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": { free: "no charge" },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": { free: "no charge" },
    "aws:ec2/eip:Eip": { fixed: (r, ctx) => ({ lines: [line(r, ctx, "Public IPv4 address", PRICES.publicIpv4Hour, HOURS_PER_MONTH, "hour")] }) },
    "aws:ec2/natGateway:NatGateway": {
        fixed: (r, ctx) => ({ lines: [line(r, ctx, "NAT gateway", PRICES.natGatewayHour, HOURS_PER_MONTH, "hour")] }),
        usage: [{ kind: "NAT gateway data processed", price: "natGatewayGb", assumption: "0 GB in the total: every GB the private subnets send out (package updates, SSM, AWS APIs) adds this" }],
    },
    "aws:ec2/vpcEndpoint:VpcEndpoint": {
        fixed: (r, ctx) => {
            if (r.inputs.vpcEndpointType !== "Interface") return {};
            const azs = ((r.inputs.subnetIds ?? []) as unknown[]).length || 1;
            return { lines: [line(r, ctx, "Interface endpoint", PRICES.interfaceEndpointAzHour, azs * HOURS_PER_MONTH, "AZ-hour")] };
        },
        usage: [{ kind: "Interface endpoint data processed", price: "natGatewayGb", assumption: "not estimated (gateway endpoints are free)" }],
    },
    "aws:ec2/flowLog:FlowLog": { usage: [{ kind: "VPC flow logs to CloudWatch Logs", price: "vendedLogsGb", assumption: "not estimated: one record per flow per 10 minutes, ALL traffic" }] },
    // Compute
    "aws:ec2/launchTemplate:LaunchTemplate": { free: "no charge: its instances are priced with the group or instance that launches them" },
    "aws:autoscaling/group:Group": {
        fixed: (r, ctx) => {
            const { instanceType, volumes } = fromLaunchTemplate(ctx.byRef((r.inputs.launchTemplate as { id?: string } | undefined)?.id));
            const desired = Number(r.inputs.desiredCapacity ?? r.inputs.minSize ?? 0);
            return instances(r, ctx, desired, instanceType, volumes, `desired capacity ${desired} (up to ${String(r.inputs.maxSize)} when scaled out)`);
        },
        usage: [CPU_CREDITS],
    },
    "aws:ec2/instance:Instance": {
        fixed: (r, ctx) => {
            const template = fromLaunchTemplate(ctx.byRef((r.inputs.launchTemplate as { id?: string } | undefined)?.id));
            const ownRoot = r.inputs.rootBlockDevice as { volumeSize?: number; volumeType?: string } | undefined;
            const volumes = ownRoot ? [{ size: Number(ownRoot.volumeSize ?? 8), type: ownRoot.volumeType ?? "gp3" }] : template.volumes;
            return instances(r, ctx, 1, (r.inputs.instanceType as string | undefined) ?? template.instanceType, volumes);
        },
        usage: [CPU_CREDITS],
    },
    "aws:autoscaling/attachment:Attachment": { free: "no charge" },
    "aws:lb/targetGroupAttachment:TargetGroupAttachment": { free: "no charge" },
    "aws:ebs/encryptionByDefault:EncryptionByDefault": { free: "no charge (an account setting)" },
    // Web
    "aws:lb/loadBalancer:LoadBalancer": {
        fixed: (r, ctx) => {
            const lines = [line(r, ctx, "Application Load Balancer", PRICES.albHour, HOURS_PER_MONTH, "hour")];
            // An internet-facing ALB holds one public IPv4 address per subnet (AZ).
            if (r.inputs.internal !== true) {
                const azs = ((r.inputs.subnets ?? []) as unknown[]).length;
                lines.push(line(r, ctx, "Public IPv4 address", PRICES.publicIpv4Hour, azs * HOURS_PER_MONTH, "hour", `one per AZ of the internet-facing load balancer (${azs})`));
            }
            return { lines };
        },
        usage: [{ kind: "Load balancer capacity units", price: "albLcuHour", assumption: "0 in the total: an idle ALB still bills about 1 LCU-hour per hour at any traffic (new connections, active connections, GB, rule evaluations)" }],
    },
    "aws:lb/targetGroup:TargetGroup": { free: "no charge" },
    "aws:lb/listener:Listener": { free: "no charge" },
    "aws:wafv2/webAcl:WebAcl": {
        fixed: (r, ctx) => {
            const rules = ((r.inputs.rules ?? []) as unknown[]).length;
            return { lines: [
                line(r, ctx, "WAF web ACL", PRICES.wafAclMonth, 1, "month"),
                // An AWS managed rule group (not a paid one such as Bot Control) is billed as one rule.
                line(r, ctx, "WAF rules", PRICES.wafRuleMonth, rules, "rule-month", "managed rule groups count as one rule each"),
            ] };
        },
        usage: [{ kind: "WAF requests inspected", price: "wafRequests", assumption: "not estimated: every request to the load balancer" }],
    },
    "aws:wafv2/webAclAssociation:WebAclAssociation": { free: "no charge" },
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": { usage: [{ kind: "WAF logs to CloudWatch Logs", price: "vendedLogsGb", assumption: "not estimated: one record per request" }] },
    "aws:cloudfront/distribution:Distribution": { usage: [
        { kind: "CloudFront data transfer out", price: "cloudFrontGb", assumption: "not estimated: the static site's traffic" },
        { kind: "CloudFront HTTPS requests", price: "cloudFrontRequests", assumption: "not estimated" },
    ] },
    "aws:cloudfront/originAccessControl:OriginAccessControl": { free: "no charge" },
    "aws:cloudwatch/logDeliverySource:LogDeliverySource": { free: "no charge: the delivery is priced" },
    "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": { free: "no charge: the delivery is priced" },
    "aws:cloudwatch/logDelivery:LogDelivery": { usage: [{ kind: "CloudFront standard logs (v2) to S3", price: "vendedLogsToS3Gb", assumption: "not estimated: one record per request" }] },
    // Data
    "aws:rds/instance:Instance": {
        fixed: (r, ctx) => {
            const multiAz = r.inputs.multiAz === true;
            const copies = multiAz ? 2 : 1;
            const cls = String(r.inputs.instanceClass);
            const compute = hourlyFromTable(r, ctx, `RDS PostgreSQL ${cls}${multiAz ? " Multi-AZ" : ""}`, RDS_POSTGRES_HOURLY, cls, copies, RDS_SOURCE, "DB instance class");
            const storageType = String(r.inputs.storageType ?? "gp2");
            const storagePrice = storageType === "gp3" ? PRICES.rdsGp3GbMonth : PRICES.rdsGp2GbMonth;
            const size = Number(r.inputs.allocatedStorage ?? 20);
            const lines = [...(compute.lines ?? []).map((l) => (multiAz ? { ...l, note: [l.note, "Multi-AZ: a standby instance billed like the primary"].filter(Boolean).join("; ") } : l)),
                line(r, ctx, `RDS storage ${storageType}${multiAz ? " Multi-AZ" : ""}`, storagePrice, copies * size, "GB-month", `${size} GiB allocated${multiAz ? ", two copies" : ""}; autoscaling up to ${String(r.inputs.maxAllocatedStorage ?? size)} GiB`)];
            // RDS keeps the master password in a Secrets Manager secret it creates (manageMasterUserPassword).
            if (r.inputs.manageMasterUserPassword === true) lines.push(line(r, ctx, "Secrets Manager secret", PRICES.secretMonth, 1, "secret-month", "the master password secret RDS manages"));
            return { lines, unpriced: compute.unpriced };
        },
        usage: [{ kind: "RDS backup storage", price: "rdsBackupGbMonth", assumption: "0: backups up to the database's size are free; beyond it, this per GB-month" }],
    },
    "aws:rds/subnetGroup:SubnetGroup": { free: "no charge" },
    "aws:rds/parameterGroup:ParameterGroup": { free: "no charge" },
    "aws:secretsmanager/secret:Secret": { fixed: (r, ctx) => ({ lines: [line(r, ctx, "Secrets Manager secret", PRICES.secretMonth, 1, "secret-month")] }) },
    // Security
    "aws:kms/key:Key": {
        fixed: (r, ctx) => ({ lines: [line(r, ctx, "KMS key", PRICES.kmsKeyMonth, 1, "key-month", r.inputs.enableKeyRotation === true ? "each of the first two automatic rotations adds $1/month" : undefined)] }),
        usage: [{ kind: "KMS requests", price: "kmsRequests", assumption: "not estimated: S3 bucket keys keep SSE-KMS requests low; 20k free per month" }],
    },
    "aws:kms/alias:Alias": { free: "no charge" },
    "aws:iam/role:Role": { free: "IAM is free" },
    "aws:iam/group:Group": { free: "IAM is free" },
    "aws:iam/policy:Policy": { free: "IAM is free" },
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": { free: "IAM is free" },
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": { free: "IAM is free" },
    "aws:iam/rolePolicy:RolePolicy": { free: "IAM is free" },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { free: "IAM is free" },
    "aws:iam/instanceProfile:InstanceProfile": { free: "IAM is free" },
    "aws:iam/serviceLinkedRole:ServiceLinkedRole": { free: "IAM is free" },
    "aws:iam/accountPasswordPolicy:AccountPasswordPolicy": { free: "IAM is free" },
    "aws:s3/bucket:Bucket": { usage: BUCKET },
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": { free: "bucket setting" },
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": { free: "bucket setting" },
    "aws:s3/bucketVersioning:BucketVersioning": { free: "bucket setting (noncurrent versions are storage, priced with the bucket)" },
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": { free: "bucket setting (KMS requests are priced with the key)" },
    "aws:s3/bucketPolicy:BucketPolicy": { free: "bucket setting" },
    "aws:s3/bucketLogging:BucketLogging": { free: "bucket setting (the log objects are storage of the target bucket)" },
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": { free: "bucket setting (transition requests are negligible for logs)" },
    // Monitoring
    "aws:cloudwatch/logGroup:LogGroup": { usage: LOGS },
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": { usage: [{ kind: "CloudWatch custom metrics (metric filters)", price: "customMetricMonth", assumption: "~0: prorated by the hours a filter publishes, and the CIS filters publish only on a match" }] },
    "aws:cloudwatch/metricAlarm:MetricAlarm": { fixed: (r, ctx) => ({ lines: [line(r, ctx, "CloudWatch alarm", PRICES.alarmMonth, 1, "alarm-month")] }) },
    "aws:cloudwatch/eventRule:EventRule": { free: "AWS service events on the default bus are free" },
    "aws:cloudwatch/eventTarget:EventTarget": { free: "no charge" },
    "aws:sns/topic:Topic": { usage: [{ kind: "SNS email notifications", price: "snsEmails", assumption: "0: the first 1,000 emails a month are free; alerts are rare" }] },
    "aws:sns/topicPolicy:TopicPolicy": { free: "no charge" },
    "aws:sns/topicSubscription:TopicSubscription": { free: "no charge (deliveries are priced with the topic)" },
    "aws:cloudtrail/trail:Trail": { usage: [{ kind: "CloudTrail data events", price: "trailDataEvents", assumption: "every read and write of the app data bucket's objects (CIS 3.8/3.9) and of tap:cloudTrailDataEventBuckets; the first copy of management events is free (a second trail's copy is not)" }] },
    "aws:guardduty/detector:Detector": { usage: [
        { kind: "GuardDuty CloudTrail event analysis", price: "guardDutyEvents", assumption: "not estimated: every management event of the region (30-day free trial)" },
        { kind: "GuardDuty flow and DNS log analysis", price: "guardDutyFlowGb", assumption: "not estimated: grows with the VPC's traffic" },
    ] },
    "aws:guardduty/detectorFeature:DetectorFeature": { usage: [{ kind: "GuardDuty protection plans (S3 shown; EBS malware, RDS, Lambda bill their own units)", price: "guardDutyS3Events", assumption: "not estimated: each enabled plan bills its own events or GB scanned, see the source" }] },
    "aws:cfg/recorder:Recorder": { usage: [{ kind: "AWS Config configuration items", price: "configItem", assumption: "not estimated: one per change of a recorded resource (continuous recording)" }] },
    "aws:cfg/recorderStatus:RecorderStatus": { free: "no charge" },
    "aws:cfg/deliveryChannel:DeliveryChannel": { free: "no charge (the bucket's storage is priced with the bucket)" },
    "aws:cfg/rule:Rule": { usage: [{ kind: "AWS Config rule evaluations", price: "configEvaluation", assumption: "not estimated: one per rule per change of a resource in its scope" }] },
    // Private management plane (docs/private-management.md): Systems Manager's standard tier costs nothing for EC2
    "aws:ssm/document:Document": { free: "no charge (Session Manager itself is free for EC2)" },
    "aws:ssm/patchBaseline:PatchBaseline": { free: "no charge (Patch Manager is free for EC2)" },
    "aws:ssm/patchGroup:PatchGroup": { free: "no charge" },
    "aws:ssm/association:Association": { free: "no charge for State Manager on EC2" },
    "aws:ssm/maintenanceWindow:MaintenanceWindow": { free: "no charge" },
    "aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget": { free: "no charge" },
    "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask": { free: "no charge (Run Command on EC2 is free)" },
    // Continuous detection (docs/detection.md)
    "aws:securityhub/account:Account": { usage: [
        { kind: "Security Hub security checks", price: "securityHubCheck", assumption: "not estimated: one per control per resource per evaluation (CIS + FSBP over this stack: a few thousand a month)" },
        { kind: "Security Hub finding ingestion", price: "securityHubFindingEvent", assumption: "~0: the first 10,000 events a month are free" },
    ] },
    "aws:securityhub/standardsSubscription:StandardsSubscription": { free: "priced by the checks it runs (the hub's line)" },
    "aws:securityhub/standardsControlAssociation:StandardsControlAssociation": { free: "a waived (disabled) control runs no checks" },
    "aws:securityhub/findingAggregator:FindingAggregator": { free: "no charge for cross-region aggregation" },
    "aws:accessanalyzer/analyzer:Analyzer": { free: "external-access analyzers are free (unused-access analyzers, not used here, are priced per role and user)" },
    "aws:inspector2/enabler:Enabler": { usage: [{ kind: "Inspector EC2 scanning", price: "inspectorEc2InstanceMonth", assumption: "one instance-month per running app instance; ECR images are priced per scan, none here" }] },
    "aws:budgets/budget:Budget": { fixed: (r, ctx) => ({ lines: [line(r, ctx, "AWS Budgets budget", PRICES.budgetDay, 30.4, "budget-day", "free if it is one of the account's first two budgets")] }) },
    // Issue 14 (resilience): AWS Backup, Object Lock, TLS from a domain, fleet notifications
    "aws:backup/vault:Vault": { usage: [
        { kind: "AWS Backup storage (RDS snapshots)", price: "backupRdsGbMonth", assumption: "not estimated: incremental snapshots, about the database's size plus its daily changes for the retention" },
        { kind: "AWS Backup storage (S3)", price: "backupS3GbMonth", assumption: "not estimated: the app data bucket's objects, incremental after the first backup (objects under 128 KB billed as 128 KB)" },
        { kind: "Cross-region copy transfer", price: "interRegionTransferGb", assumption: "with two regions: each recovery point's changed data, once" },
    ] },
    "aws:backup/vaultLockConfiguration:VaultLockConfiguration": { free: "no charge" },
    "aws:backup/plan:Plan": { free: "no charge: storage is priced with the vault" },
    "aws:backup/selection:Selection": { free: "no charge" },
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": { free: "no charge: locked objects are stored as long as the lifecycle rule keeps them anyway" },
    "aws:autoscaling/notification:Notification": { free: "no charge (SNS notifications within the free tier)" },
    "aws:acm/certificate:Certificate": { free: "public ACM certificates are free" },
    "aws:acm/certificateValidation:CertificateValidation": { free: "not an AWS resource: waits for validation" },
    "aws:route53/record:Record": { free: "no charge for records; alias queries to a load balancer are free (the zone is the account's)" },
    "random:index/randomId:RandomId": { free: "not an AWS resource" },
    "pulumi:providers:aws": { free: "not an AWS resource" },
};

export interface CostRow {
    readonly kind: string;
    readonly region: string;
    readonly quantity: number;
    readonly unit: string;
    readonly unitUsd: number;
    readonly monthlyUsd: number;
    readonly notes: readonly string[];
}

export interface CostEstimate {
    /** When the figures were read from AWS's price list. */
    readonly priceListDate: string;
    readonly currency: "USD";
    readonly hoursPerMonth: number;
    /** Fixed monthly charges, one row per kind and region (summed over resources), largest first. */
    readonly rows: readonly CostRow[];
    /** Every fixed line, per resource, for the JSON and the tests. */
    readonly lines: readonly CostLine[];
    /** Charges by use: unit price and assumption, one per kind and region. */
    readonly usage: readonly UsageItem[];
    readonly unpriced: readonly Unpriced[];
    /** Types in the plan that RESOURCE_PRICING does not know: priced at 0, and named. */
    readonly unknownTypes: readonly string[];
    /** Sum of `rows`, rounded to cents. */
    readonly monthlyUsd: number;
    /** The budget the plan creates (aws.budgets.Budget `limitAmount`), and whether the estimate exceeds it. */
    readonly budget?: { readonly monthlyUsd: number; readonly exceeded: boolean };
}

const round = (usd: number) => Math.round(usd * 100) / 100;

/** The fixed monthly cost of the plan's resources and the usage-priced items, per kind and region. */
export function estimateCost(plan: PlanLike): CostEstimate {
    const custom = plan.resources.filter((r) => r.custom);
    const regions = new Map(custom.filter((r) => r.type === "pulumi:providers:aws").map((p) => [p.name, String(p.inputs.region)]));
    const defaultRegion = [...regions.values()][0] ?? "us-east-1";
    const refs = new Map<unknown, PricedResource>();
    for (const r of custom) {
        refs.set(r.id, r);
        if (r.state?.arn !== undefined && !refs.has(r.state.arn)) refs.set(r.state.arn, r);
    }
    const lines: CostLine[] = [];
    const unpriced: Unpriced[] = [];
    const usage = new Map<string, UsageItem>();
    const unknownTypes = new Set<string>();
    for (const r of custom) {
        const pricing = RESOURCE_PRICING[r.type];
        if (!pricing) {
            unknownTypes.add(r.type);
            continue;
        }
        const region = (r.provider && regions.get(r.provider)) || defaultRegion;
        const ctx: Context = { region, byRef: (ref) => refs.get(ref) };
        if ("fixed" in pricing && pricing.fixed) {
            const charged = pricing.fixed(r, ctx);
            lines.push(...(charged.lines ?? []));
            unpriced.push(...(charged.unpriced ?? []));
        }
        for (const spec of ("usage" in pricing ? pricing.usage : undefined) ?? []) {
            const key = `${spec.kind}|${region}`;
            if (usage.has(key)) continue;
            const price = PRICES[spec.price];
            const figure = regional(price.usd, region)!;
            usage.set(key, {
                kind: spec.kind, region, unit: price.unit, unitUsd: figure.usd, source: price.source,
                assumption: figure.fallback ? `${spec.assumption} (${figure.fallback})` : spec.assumption,
            });
        }
    }
    const grouped = new Map<string, { kind: string; region: string; quantity: number; unit: string; unitUsd: number; monthlyUsd: number; notes: Set<string> }>();
    for (const l of lines) {
        const key = `${l.kind}|${l.region}|${l.unitUsd}`;
        const row = grouped.get(key) ?? { kind: l.kind, region: l.region, quantity: 0, unit: l.unit, unitUsd: l.unitUsd, monthlyUsd: 0, notes: new Set<string>() };
        row.quantity += l.quantity;
        row.monthlyUsd += l.monthlyUsd;
        if (l.note) row.notes.add(l.note);
        grouped.set(key, row);
    }
    const rows = [...grouped.values()]
        .map((row) => ({ ...row, quantity: round(row.quantity), monthlyUsd: round(row.monthlyUsd), notes: [...row.notes] }))
        .sort((a, b) => b.monthlyUsd - a.monthlyUsd || a.kind.localeCompare(b.kind) || a.region.localeCompare(b.region));
    const monthlyUsd = round(lines.reduce((sum, l) => sum + l.monthlyUsd, 0));
    const budgetResource = custom.find((r) => r.type === "aws:budgets/budget:Budget");
    const budgetUsd = budgetResource ? Number(budgetResource.inputs.limitAmount) : undefined;
    return {
        priceListDate: PRICE_LIST_DATE,
        currency: "USD",
        hoursPerMonth: HOURS_PER_MONTH,
        rows,
        lines,
        usage: [...usage.values()],
        unpriced,
        unknownTypes: [...unknownTypes].sort(),
        monthlyUsd,
        ...(budgetUsd !== undefined && Number.isFinite(budgetUsd) && { budget: { monthlyUsd: budgetUsd, exceeded: monthlyUsd > budgetUsd } }),
    };
}

const usd = (n: number) => `$${n.toFixed(2)}`;

/** The cost section of the plan: the fixed table, its total, the budget verdict, then the usage-priced items. */
export function renderCost(estimate: CostEstimate): string {
    const header = ["kind", "region", "quantity", "unit price", "monthly"];
    const body = estimate.rows.map((r) => [r.kind, r.region, `${r.quantity} ${r.unit}`, `$${Number(r.unitUsd.toFixed(4))}`, usd(r.monthlyUsd)]);
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
    const fmt = (row: string[]) => `  ${row.map((cell, i) => (i >= 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ")}`.trimEnd();
    const out = [
        `Monthly cost estimate (on-demand USD, AWS public prices of ${estimate.priceListDate}, ${estimate.hoursPerMonth} h a month; tooling/plan/prices.ts):`,
        fmt(header),
        ...body.map(fmt),
        `  ${"fixed monthly total".padEnd(widths.slice(0, 4).reduce((a, b) => a + b + 2, 0) - 2)}  ${usd(estimate.monthlyUsd).padStart(widths[4])}`,
    ];
    const notes = estimate.rows.flatMap((r) => r.notes.map((n) => `${r.kind} (${r.region}): ${n}`));
    if (notes.length > 0) out.push("  notes:", ...[...new Set(notes)].map((n) => `    - ${n}`));
    for (const u of estimate.unpriced) out.push(`  UNPRICED ${u.resource} (${u.type}): ${u.reason}; not in the total`);
    for (const t of estimate.unknownTypes) out.push(`  UNPRICED type ${t}: not in RESOURCE_PRICING (tooling/plan/cost.ts); not in the total`);
    if (estimate.budget) {
        out.push(estimate.budget.exceeded
            ? `  WARNING: the fixed monthly estimate ${usd(estimate.monthlyUsd)} exceeds the stack's budget ${usd(estimate.budget.monthlyUsd)} (tap:monthlyBudgetUsd), before any usage charge`
            : `  Budget: ${usd(estimate.budget.monthlyUsd)} a month (tap:monthlyBudgetUsd); the fixed estimate uses ${Math.round((estimate.monthlyUsd / estimate.budget.monthlyUsd) * 100)}% of it before usage charges`);
    }
    out.push("", "Charged by use (not in the total): unit price and assumption");
    const uw = Math.max(...estimate.usage.map((u) => u.kind.length), 4);
    for (const u of estimate.usage) out.push(`  ${u.kind.padEnd(uw)}  ${u.region}  $${u.unitUsd} per ${u.unit}: ${u.assumption}`);
    return out.join("\n");
}
