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
import {
    CPU_CREDIT_FIGURE,
    describeRecord,
    EC2_PRICES,
    figure,
    FigureRecord,
    HOURS_PER_MONTH,
    Price,
    PRICE_LIST_DATE,
    PriceName,
    PRICES,
    RDS_ENGINES,
    RDS_PRICES,
    rdsKey,
    regional,
} from "./prices";

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
    /** Where the figure was read (its snapshot record, in one line). */
    readonly sourceRecord: string;
    /** Set when no public source confirmed the figure: the plan prints it as unconfirmed. */
    readonly unconfirmed?: true;
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
    readonly sourceRecord: string;
    readonly unconfirmed?: true;
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
    /** The plan's resources of a type (an action-enabled budget is one a BudgetAction names). */
    ofType(type: string): readonly PricedResource[];
}

interface Charged {
    readonly lines?: CostLine[];
    readonly unpriced?: Unpriced[];
}

/** The charges by use of a resource: the same for every resource of the type, or read from the resource (CPU credits by instance family). */
export type Usage = readonly UsageSpec[] | ((r: PricedResource, ctx: Context) => readonly UsageSpec[]);

/** How a resource type is priced: free (with why), by use only, or with fixed monthly lines (and maybe use too). */
export type Pricing =
    | { readonly free: string }
    | { readonly usage: Usage; readonly fixed?: undefined }
    | { readonly fixed: (r: PricedResource, ctx: Context) => Charged; readonly usage?: Usage };

export interface UsageSpec {
    readonly kind: string;
    /** The figure's key in the price table (a PriceName, or `rds/postgres/backup` ...). */
    readonly price: PriceName | string;
    readonly assumption: string;
}

/** The provenance fields of a line or usage item priced from `record`. */
const provenance = (record: FigureRecord) => ({
    sourceRecord: describeRecord(record),
    ...(record.status === "unconfirmed" && { unconfirmed: true as const }),
});

/** `quantity` of `price` in `region`, as one line. */
function line(r: PricedResource, ctx: Context, kind: string, price: Price, quantity: number, unit = price.unit, note?: string): CostLine {
    const figure = regional(price, ctx.region)!;
    const notes = [figure.fallback, note].filter(Boolean).join("; ");
    return {
        kind,
        region: ctx.region,
        resource: r.name,
        quantity,
        unit,
        unitUsd: figure.usd,
        monthlyUsd: quantity * figure.usd,
        source: price.source,
        ...provenance(figure.record),
        ...(notes && { note: notes }),
    };
}

/** Hours of one thing running all month, from a per-type table of hourly figures (instances, DB classes). */
function hourlyFromTable(
    r: PricedResource,
    ctx: Context,
    kind: string,
    table: Readonly<Record<string, Price>>,
    key: string,
    count: number,
    what: string,
): Charged {
    const price = table[key];
    if (!price)
        return {
            unpriced: [{ resource: r.name, type: r.type, reason: `${what} ${key} is not in the price table (tooling/plan/prices.ts)` }],
        };
    return { lines: [line(r, ctx, kind, price, count * HOURS_PER_MONTH, "hour")] };
}

/** The instance type and root volume of a launch template. */
function fromLaunchTemplate(template: PricedResource | undefined): {
    instanceType?: string;
    volumes: Array<{ size: number; type: string }>;
} {
    if (!template) return { volumes: [] };
    const mappings = (template.inputs.blockDeviceMappings ?? []) as Array<{ ebs?: { volumeSize?: number; volumeType?: string } }>;
    return {
        instanceType: template.inputs.instanceType as string | undefined,
        volumes: mappings.filter((m) => m.ebs).map((m) => ({ size: Number(m.ebs!.volumeSize ?? 8), type: m.ebs!.volumeType ?? "gp3" })),
    };
}

/** Instances and their EBS volumes: `count` of them, running all month. */
function instances(
    r: PricedResource,
    ctx: Context,
    count: number,
    instanceType: string | undefined,
    volumes: Array<{ size: number; type: string }>,
    note?: string,
): Charged {
    if (instanceType === undefined)
        return { unpriced: [{ resource: r.name, type: r.type, reason: "no instance type in its inputs or launch template" }] };
    const compute = hourlyFromTable(r, ctx, `EC2 ${instanceType}`, EC2_PRICES, instanceType, count, "instance type");
    const storage = volumes.map((v) => {
        const price = v.type === "gp2" ? PRICES.gp2GbMonth : PRICES.gp3GbMonth;
        return line(r, ctx, `EBS ${v.type}`, price, count * v.size, "GB-month", note);
    });
    const withNote = (compute.lines ?? []).map((l) => (note ? { ...l, note: [l.note, note].filter(Boolean).join("; ") } : l));
    return { lines: [...withNote, ...storage], unpriced: compute.unpriced };
}

/**
 * Surplus CPU credits of a burstable instance, at its family's rate (T3 and T4g differ: "T2/T3/T4g
 * Unlimited Mode Pricing", https://aws.amazon.com/ec2/pricing/on-demand/). T3 and T4g launch as
 * unlimited by default ("T4g, T3a and T3 instances launch as unlimited by default", EC2 user guide,
 * "Unlimited mode for burstable performance instances"). No line for other families.
 */
function cpuCredits(instanceType: string | undefined): readonly UsageSpec[] {
    const family = instanceType?.split(".")[0] ?? "";
    const price = CPU_CREDIT_FIGURE[family];
    if (price)
        return [
            {
                kind: `EC2 CPU credits (${family}, unlimited mode)`,
                price,
                assumption: `0: a ${family} instance averaging above its baseline CPU over 24 hours pays this per vCPU-hour`,
            },
        ];
    if (/^t\d/.test(family))
        return [
            {
                kind: `EC2 CPU credits (${family}, unlimited mode)`,
                price: "cpuCreditsT3",
                assumption: `no ${family} figure in the table: T3's rate shown, not estimated`,
            },
        ];
    return [];
}
const templateOf = (r: PricedResource, ctx: Context) =>
    fromLaunchTemplate(ctx.byRef((r.inputs.launchTemplate as { id?: string } | undefined)?.id));
const LOGS: readonly UsageSpec[] = [
    {
        kind: "CloudWatch Logs ingestion",
        price: "logsIngestGb",
        assumption: "not estimated: depends on log volume (a quiet dev stack ingests well under 1 GB)",
    },
    { kind: "CloudWatch Logs storage", price: "logsStoreGbMonth", assumption: "grows with ingestion and the retention in days" },
];
const BUCKET: readonly UsageSpec[] = [
    {
        kind: "S3 Standard storage",
        price: "s3GbMonth",
        assumption:
            "logs, which lifecycle rules expire, and the app data bucket's objects (tap:enableAppDataBucket): grows with the traffic and the app's data",
    },
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
    "aws:ec2/eip:Eip": {
        fixed: (r, ctx) => ({ lines: [line(r, ctx, "Public IPv4 address", PRICES.publicIpv4Hour, HOURS_PER_MONTH, "hour")] }),
    },
    "aws:ec2/natGateway:NatGateway": {
        fixed: (r, ctx) => ({ lines: [line(r, ctx, "NAT gateway", PRICES.natGatewayHour, HOURS_PER_MONTH, "hour")] }),
        usage: [
            {
                kind: "NAT gateway data processed",
                price: "natGatewayGb",
                assumption: "0 GB in the total: every GB the private subnets send out (package updates, SSM, AWS APIs) adds this",
            },
        ],
    },
    "aws:ec2/vpcEndpoint:VpcEndpoint": {
        fixed: (r, ctx) => {
            if (r.inputs.vpcEndpointType !== "Interface") return {};
            const azs = ((r.inputs.subnetIds ?? []) as unknown[]).length || 1;
            return { lines: [line(r, ctx, "Interface endpoint", PRICES.interfaceEndpointAzHour, azs * HOURS_PER_MONTH, "AZ-hour")] };
        },
        // PrivateLink bills the GB an interface endpoint processes at its own rate, not the NAT gateway's
        // ("Data processing charges apply for each Gigabyte processed through the VPC endpoint",
        // https://aws.amazon.com/privatelink/pricing/). Gateway endpoints (S3, DynamoDB) are free.
        usage: (r) =>
            r.inputs.vpcEndpointType === "Interface"
                ? [
                      {
                          kind: "Interface endpoint data processed (PrivateLink)",
                          price: "privateLinkGb",
                          assumption: "not estimated: every GB to an AWS API through the endpoints (SSM, logs, KMS ...)",
                      },
                  ]
                : [],
    },
    "aws:ec2/flowLog:FlowLog": {
        usage: [
            {
                kind: "VPC flow logs to CloudWatch Logs",
                price: "vendedLogsGb",
                assumption: "not estimated: one record per flow per 10 minutes, ALL traffic",
            },
        ],
    },
    // Compute
    "aws:ec2/launchTemplate:LaunchTemplate": { free: "no charge: its instances are priced with the group or instance that launches them" },
    "aws:autoscaling/group:Group": {
        fixed: (r, ctx) => {
            const { instanceType, volumes } = templateOf(r, ctx);
            const desired = Number(r.inputs.desiredCapacity ?? r.inputs.minSize ?? 0);
            return instances(
                r,
                ctx,
                desired,
                instanceType,
                volumes,
                `desired capacity ${desired} (up to ${String(r.inputs.maxSize)} when scaled out)`,
            );
        },
        usage: (r, ctx) => cpuCredits(templateOf(r, ctx).instanceType),
    },
    "aws:ec2/instance:Instance": {
        fixed: (r, ctx) => {
            const template = templateOf(r, ctx);
            const ownRoot = r.inputs.rootBlockDevice as { volumeSize?: number; volumeType?: string } | undefined;
            const volumes = ownRoot ? [{ size: Number(ownRoot.volumeSize ?? 8), type: ownRoot.volumeType ?? "gp3" }] : template.volumes;
            return instances(r, ctx, 1, (r.inputs.instanceType as string | undefined) ?? template.instanceType, volumes);
        },
        usage: (r, ctx) => cpuCredits((r.inputs.instanceType as string | undefined) ?? templateOf(r, ctx).instanceType),
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
                lines.push(
                    line(
                        r,
                        ctx,
                        "Public IPv4 address",
                        PRICES.publicIpv4Hour,
                        azs * HOURS_PER_MONTH,
                        "hour",
                        `one per AZ of the internet-facing load balancer (${azs})`,
                    ),
                );
            }
            return { lines };
        },
        usage: [
            {
                kind: "Load balancer capacity units",
                price: "albLcuHour",
                assumption:
                    "0 in the total: an idle ALB still bills about 1 LCU-hour per hour at any traffic (new connections, active connections, GB, rule evaluations)",
            },
        ],
    },
    "aws:lb/targetGroup:TargetGroup": { free: "no charge" },
    "aws:lb/listener:Listener": { free: "no charge" },
    "aws:wafv2/webAcl:WebAcl": {
        fixed: (r, ctx) => {
            const rules = ((r.inputs.rules ?? []) as unknown[]).length;
            return {
                lines: [
                    line(r, ctx, "WAF web ACL", PRICES.wafAclMonth, 1, "month"),
                    // An AWS managed rule group (not a paid one such as Bot Control) is billed as one rule.
                    line(r, ctx, "WAF rules", PRICES.wafRuleMonth, rules, "rule-month", "managed rule groups count as one rule each"),
                ],
            };
        },
        usage: [{ kind: "WAF requests inspected", price: "wafRequests", assumption: "not estimated: every request to the load balancer" }],
    },
    "aws:wafv2/webAclAssociation:WebAclAssociation": { free: "no charge" },
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": {
        usage: [{ kind: "WAF logs to CloudWatch Logs", price: "vendedLogsGb", assumption: "not estimated: one record per request" }],
    },
    // Pay-as-you-go, as a distribution is billed unless the account subscribes it to a flat-rate plan
    // (Free $0, Pro $15, Business $200, Premium $1,000 a month, launched 2025-11-18), which the program
    // does not do: docs/prices.md, "Models".
    "aws:cloudfront/distribution:Distribution": {
        usage: [
            {
                kind: "CloudFront data transfer out",
                price: "cloudFrontGb",
                assumption:
                    "not estimated: the static site's traffic (pay-as-you-go; the first 1 TB a month is free, and a flat-rate plan would replace this line)",
            },
            {
                kind: "CloudFront HTTPS requests",
                price: "cloudFrontRequests",
                assumption: "not estimated (pay-as-you-go; the first 10M a month are free)",
            },
        ],
    },
    "aws:cloudfront/originAccessControl:OriginAccessControl": { free: "no charge" },
    "aws:cloudwatch/logDeliverySource:LogDeliverySource": { free: "no charge: the delivery is priced" },
    "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": { free: "no charge: the delivery is priced" },
    "aws:cloudwatch/logDelivery:LogDelivery": {
        usage: [
            { kind: "CloudFront standard logs (v2) to S3", price: "vendedLogsToS3Gb", assumption: "not estimated: one record per request" },
        ],
    },
    // Data
    "aws:rds/instance:Instance": {
        fixed: (r, ctx) => {
            // Every RDS figure is the engine's (issue 30: MySQL's figure once stood in for PostgreSQL's).
            const engine = String(r.inputs.engine);
            const prices = RDS_PRICES[engine];
            if (!prices)
                return {
                    unpriced: [
                        {
                            resource: r.name,
                            type: r.type,
                            reason: `engine ${engine} is not in the price table (tooling/plan/prices.ts RDS_ENGINES)`,
                        },
                    ],
                };
            const label = RDS_ENGINES[engine as keyof typeof RDS_ENGINES].label;
            // Multi-AZ at the Price List's Multi-AZ products (primary and standby in one rate).
            const multiAz = r.inputs.multiAz === true;
            const deployment = multiAz ? prices.multiAz : prices;
            const cls = String(r.inputs.instanceClass);
            const compute = hourlyFromTable(
                r,
                ctx,
                `RDS ${label} ${cls}${multiAz ? " Multi-AZ" : ""}`,
                deployment.classes,
                cls,
                1,
                `${label} ${multiAz ? "Multi-AZ " : ""}DB instance class`,
            );
            const storageType = String(r.inputs.storageType ?? "gp2");
            const storagePrice = storageType === "gp3" ? deployment.gp3 : storageType === "gp2" ? deployment.gp2 : undefined;
            const size = Number(r.inputs.allocatedStorage ?? 20);
            const lines = (compute.lines ?? []).map((l) =>
                multiAz
                    ? { ...l, note: [l.note, "Multi-AZ: the primary and its standby, at the Multi-AZ rate"].filter(Boolean).join("; ") }
                    : l,
            );
            const unpriced = [...(compute.unpriced ?? [])];
            if (storagePrice)
                lines.push(
                    line(
                        r,
                        ctx,
                        `RDS ${label} storage ${storageType}${multiAz ? " Multi-AZ" : ""}`,
                        storagePrice,
                        size,
                        "GB-month",
                        `${size} GiB allocated${multiAz ? " (both copies, at the Multi-AZ rate)" : ""}; autoscaling up to ${String(r.inputs.maxAllocatedStorage ?? size)} GiB`,
                    ),
                );
            else
                unpriced.push({ resource: r.name, type: r.type, reason: `${label} storage type ${storageType} is not in the price table` });
            // RDS keeps the master password in a Secrets Manager secret it creates (manageMasterUserPassword).
            if (r.inputs.manageMasterUserPassword === true)
                lines.push(
                    line(r, ctx, "Secrets Manager secret", PRICES.secretMonth, 1, "secret-month", "the master password secret RDS manages"),
                );
            return { lines, unpriced };
        },
        usage: (r) => {
            const engine = String(r.inputs.engine);
            if (!RDS_PRICES[engine]?.backup) return [];
            const { label } = RDS_ENGINES[engine as keyof typeof RDS_ENGINES];
            const family = String(r.inputs.instanceClass).split(".").slice(0, 2).join(".");
            // Burstable DB classes bill surplus CPU credits per engine (Price List AmazonRDS CPUCredits:db.t4g,
            // PostgreSQL: the snapshot's record); RDS runs T3/T4g classes in unlimited mode ("Unlimited Mode
            // (default for T3 and T4)": a third-party guide; AWS's own sentence not re-read, see docs/prices.md).
            const credits = RDS_PRICES[engine].cpuCredits[family]
                ? [
                      {
                          kind: `RDS ${label} CPU credits (${family}, unlimited mode)`,
                          price: rdsKey(engine, `cpuCredits:${family}`),
                          assumption: `0: a ${family} instance averaging above its baseline CPU over 24 hours pays this per vCPU-hour (each Multi-AZ copy its own)`,
                      },
                  ]
                : [];
            return [
                {
                    kind: `RDS ${label} backup storage`,
                    price: rdsKey(engine, "backup"),
                    assumption: "0: backups up to the database's size are free; beyond it, this per GB-month",
                },
                ...credits,
            ];
        },
    },
    "aws:rds/subnetGroup:SubnetGroup": { free: "no charge" },
    "aws:rds/parameterGroup:ParameterGroup": { free: "no charge" },
    "aws:secretsmanager/secret:Secret": {
        fixed: (r, ctx) => ({ lines: [line(r, ctx, "Secrets Manager secret", PRICES.secretMonth, 1, "secret-month")] }),
    },
    // Security
    "aws:kms/key:Key": {
        fixed: (r, ctx) => ({
            lines: [
                line(
                    r,
                    ctx,
                    "KMS key",
                    PRICES.kmsKeyMonth,
                    1,
                    "key-month",
                    r.inputs.enableKeyRotation === true ? "each of the first two automatic rotations adds $1/month" : undefined,
                ),
            ],
        }),
        usage: [
            {
                kind: "KMS requests",
                price: "kmsRequests",
                assumption: "not estimated: S3 bucket keys keep SSE-KMS requests low; 20k free per month",
            },
        ],
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
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": {
        free: "bucket setting (KMS requests are priced with the key)",
    },
    "aws:s3/bucketPolicy:BucketPolicy": { free: "bucket setting" },
    "aws:s3/bucketLogging:BucketLogging": { free: "bucket setting (the log objects are storage of the target bucket)" },
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": {
        free: "bucket setting (transition requests are negligible for logs)",
    },
    // Monitoring
    "aws:cloudwatch/logGroup:LogGroup": { usage: LOGS },
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": {
        usage: [
            {
                kind: "CloudWatch custom metrics (metric filters)",
                price: "customMetricMonth",
                assumption: "~0: prorated by the hours a filter publishes, and the CIS filters publish only on a match",
            },
        ],
    },
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
        fixed: (r, ctx) => ({ lines: [line(r, ctx, "CloudWatch alarm", PRICES.alarmMonth, 1, "alarm-month")] }),
    },
    "aws:cloudwatch/eventRule:EventRule": { free: "AWS service events on the default bus are free" },
    "aws:cloudwatch/eventTarget:EventTarget": { free: "no charge" },
    "aws:sns/topic:Topic": {
        usage: [
            {
                kind: "SNS email notifications",
                price: "snsEmails",
                assumption: "0: the first 1,000 emails a month are free; alerts are rare",
            },
        ],
    },
    // The alert state machine runs once per Security Hub alert (a new or newly failing HIGH/CRITICAL control finding).
    "aws:sfn/stateMachine:StateMachine": {
        usage: [
            {
                kind: "Step Functions Express requests",
                price: "sfnExpressRequests",
                assumption: "~$0: one request per Security Hub alert, a handful a month after the first days",
            },
            {
                kind: "Step Functions Express duration",
                price: "sfnExpressGbSecond",
                assumption: "~$0: about a second per alert at the 64 MB minimum (0.0625 GB-second)",
            },
        ],
    },
    "aws:sns/topicPolicy:TopicPolicy": { free: "no charge" },
    "aws:sns/topicSubscription:TopicSubscription": { free: "no charge (deliveries are priced with the topic)" },
    "aws:cloudtrail/trail:Trail": {
        usage: [
            {
                kind: "CloudTrail data events",
                price: "trailDataEvents",
                assumption:
                    "every read and write of the app data bucket's objects (CIS 3.8/3.9) and of tap:cloudTrailDataEventBuckets; the first copy of management events is free (a second trail's copy is not)",
            },
        ],
    },
    "aws:guardduty/detector:Detector": {
        usage: [
            {
                kind: "GuardDuty CloudTrail event analysis",
                price: "guardDutyEvents",
                assumption: "not estimated: every management event of the region (30-day free trial)",
            },
            {
                kind: "GuardDuty flow and DNS log analysis",
                price: "guardDutyFlowGb",
                assumption: "not estimated: grows with the VPC's traffic",
            },
        ],
    },
    "aws:guardduty/detectorFeature:DetectorFeature": {
        usage: [
            {
                kind: "GuardDuty protection plans (S3 shown; EBS malware, RDS, Lambda bill their own units)",
                price: "guardDutyS3Events",
                assumption: "not estimated: each enabled plan bills its own events or GB scanned, see the source",
            },
        ],
    },
    "aws:cfg/recorder:Recorder": {
        usage: [
            {
                kind: "AWS Config configuration items",
                price: "configItem",
                assumption: "not estimated: one per change of a recorded resource (continuous recording)",
            },
        ],
    },
    "aws:cfg/recorderStatus:RecorderStatus": { free: "no charge" },
    "aws:cfg/deliveryChannel:DeliveryChannel": { free: "no charge (the bucket's storage is priced with the bucket)" },
    "aws:cfg/rule:Rule": {
        usage: [
            {
                kind: "AWS Config rule evaluations",
                price: "configEvaluation",
                assumption: "not estimated: one per rule per change of a resource in its scope",
            },
        ],
    },
    // Private management plane (docs/private-management.md): Systems Manager's standard tier costs nothing for EC2
    "aws:ssm/document:Document": { free: "no charge (Session Manager itself is free for EC2)" },
    "aws:ssm/patchBaseline:PatchBaseline": { free: "no charge (Patch Manager is free for EC2)" },
    "aws:ssm/patchGroup:PatchGroup": { free: "no charge" },
    "aws:ssm/association:Association": { free: "no charge for State Manager on EC2" },
    "aws:ssm/maintenanceWindow:MaintenanceWindow": { free: "no charge" },
    "aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget": { free: "no charge" },
    "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask": { free: "no charge (Run Command on EC2 is free)" },
    // Continuous detection (docs/detection.md)
    // Security Hub CSPM's pricing: aws.securityhub.Account enables Security Hub CSPM ("This resource
    // manages Security Hub CSPM, which is distinct from the unified Security Hub V2 service managed by
    // aws.securityhub.AccountV2", Pulumi registry, securityhub.Account); docs/prices.md, "Models".
    "aws:securityhub/account:Account": {
        usage: [
            {
                kind: "Security Hub CSPM security checks",
                price: "securityHubCheck",
                assumption:
                    "not estimated: one per control per resource per evaluation (CIS + FSBP over this stack: a few thousand a month; 30-day free trial)",
            },
            {
                kind: "Security Hub finding ingestion",
                price: "securityHubFindingEvent",
                assumption: "~0: the first 10,000 events a month are free",
            },
        ],
    },
    "aws:securityhub/standardsSubscription:StandardsSubscription": { free: "priced by the checks it runs (the hub's line)" },
    "aws:securityhub/standardsControlAssociation:StandardsControlAssociation": { free: "a waived (disabled) control runs no checks" },
    "aws:securityhub/findingAggregator:FindingAggregator": { free: "no charge for cross-region aggregation" },
    "aws:accessanalyzer/analyzer:Analyzer": {
        free: "external-access analyzers are free (unused-access analyzers, not used here, are priced per role and user)",
    },
    "aws:inspector2/enabler:Enabler": {
        usage: [
            {
                kind: "Inspector EC2 scanning",
                price: "inspectorEc2InstanceMonth",
                assumption: "one instance-month per running app instance; ECR images are priced per scan, none here",
            },
        ],
    },
    // A budget without actions is free (AWSBudgets BudgetsUsage, SKU T2UVJ9XYT52FBFAF: "$0.00 for
    // Budget-days"); one with actions is billed per day after the account's first 62 action-enabled
    // budget-days a month (ActionEnabledBudgetsUsage, SKU H8ZKA3NDUDG5HWHM: "$0.10 per Action-enabled
    // Budget-day" from 62): the Price List extract AWSBudgets.csv of the public dataset
    // huggingface.co/datasets/labofsahil/aws-pricing-dataset.
    "aws:budgets/budget:Budget": {
        fixed: (r, ctx) => {
            const actions = ctx.ofType("aws:budgets/budgetAction:BudgetAction").filter((a) => a.inputs.budgetName === r.inputs.name);
            if (actions.length === 0) return {};
            return {
                lines: [
                    line(
                        r,
                        ctx,
                        "AWS Budgets action-enabled budget",
                        PRICES.budgetActionDay,
                        HOURS_PER_MONTH / 24,
                        "budget-day",
                        `${actions.length} action(s); free if it is one of the account's first two action-enabled budgets`,
                    ),
                ],
            };
        },
    },
    "aws:budgets/budgetAction:BudgetAction": { free: "priced with its budget (an action-enabled budget)" },
    // Issue 14 (resilience): AWS Backup, Object Lock, TLS from a domain, fleet notifications
    "aws:backup/vault:Vault": {
        usage: [
            {
                kind: "AWS Backup storage (RDS snapshots)",
                price: "backupRdsGbMonth",
                assumption: "not estimated: incremental snapshots, about the database's size plus its daily changes for the retention",
            },
            {
                kind: "AWS Backup storage (S3)",
                price: "backupS3GbMonth",
                assumption:
                    "not estimated: the app data bucket's objects, incremental after the first backup (objects under 128 KB billed as 128 KB)",
            },
            {
                kind: "Cross-region copy transfer",
                price: "interRegionTransferGb",
                assumption: "with two regions: each recovery point's changed data, once",
            },
        ],
    },
    "aws:backup/vaultLockConfiguration:VaultLockConfiguration": { free: "no charge" },
    "aws:backup/plan:Plan": { free: "no charge: storage is priced with the vault" },
    "aws:backup/selection:Selection": { free: "no charge" },
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": {
        free: "no charge: locked objects are stored as long as the lifecycle rule keeps them anyway",
    },
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
    /** Priced at a figure no public source confirmed. */
    readonly unconfirmed?: true;
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
    /** The part of `monthlyUsd` priced at unconfirmed figures. */
    readonly unconfirmedUsd: number;
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
    const byType = new Map<string, PricedResource[]>();
    for (const r of custom) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
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
        const ctx: Context = { region, byRef: (ref) => refs.get(ref), ofType: (type) => byType.get(type) ?? [] };
        if ("fixed" in pricing && pricing.fixed) {
            const charged = pricing.fixed(r, ctx);
            lines.push(...(charged.lines ?? []));
            unpriced.push(...(charged.unpriced ?? []));
        }
        const specs = "usage" in pricing ? pricing.usage : undefined;
        for (const spec of (typeof specs === "function" ? specs(r, ctx) : specs) ?? []) {
            const key = `${spec.kind}|${region}`;
            if (usage.has(key)) continue;
            const price = figure(spec.price);
            const regionalFigure = price && regional(price, region);
            if (!price || !regionalFigure) {
                unpriced.push({
                    resource: r.name,
                    type: r.type,
                    reason: `usage figure ${spec.price} is not in the price table (tooling/plan/prices.ts)`,
                });
                continue;
            }
            usage.set(key, {
                kind: spec.kind,
                region,
                unit: price.unit,
                unitUsd: regionalFigure.usd,
                source: price.source,
                ...provenance(regionalFigure.record),
                assumption: regionalFigure.fallback ? `${spec.assumption} (${regionalFigure.fallback})` : spec.assumption,
            });
        }
    }
    const grouped = new Map<
        string,
        {
            kind: string;
            region: string;
            quantity: number;
            unit: string;
            unitUsd: number;
            monthlyUsd: number;
            notes: Set<string>;
            unconfirmed?: true;
        }
    >();
    for (const l of lines) {
        const key = `${l.kind}|${l.region}|${l.unitUsd}|${l.unconfirmed ?? ""}`;
        const row = grouped.get(key) ?? {
            kind: l.kind,
            region: l.region,
            quantity: 0,
            unit: l.unit,
            unitUsd: l.unitUsd,
            monthlyUsd: 0,
            notes: new Set<string>(),
            ...(l.unconfirmed && { unconfirmed: true as const }),
        };
        row.quantity += l.quantity;
        row.monthlyUsd += l.monthlyUsd;
        if (l.note) row.notes.add(l.note);
        grouped.set(key, row);
    }
    const rows = [...grouped.values()]
        .map((row) => ({ ...row, quantity: round(row.quantity), monthlyUsd: round(row.monthlyUsd), notes: [...row.notes] }))
        .sort((a, b) => b.monthlyUsd - a.monthlyUsd || a.kind.localeCompare(b.kind) || a.region.localeCompare(b.region));
    const monthlyUsd = round(lines.reduce((sum, l) => sum + l.monthlyUsd, 0));
    const unconfirmedUsd = round(lines.filter((l) => l.unconfirmed).reduce((sum, l) => sum + l.monthlyUsd, 0));
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
        unconfirmedUsd,
        ...(budgetUsd !== undefined &&
            Number.isFinite(budgetUsd) && { budget: { monthlyUsd: budgetUsd, exceeded: monthlyUsd > budgetUsd } }),
    };
}

const usd = (n: number) => `$${n.toFixed(2)}`;

/** How the plan marks an amount priced at a figure no public source confirmed. */
export const UNCONFIRMED_MARK = "(unconfirmed)";

/** The cost section of the plan: the fixed table, its total, the budget verdict, then the usage-priced items. */
export function renderCost(estimate: CostEstimate): string {
    const header = ["kind", "region", "quantity", "unit price", "monthly"];
    // An unconfirmed figure is marked next to its amount (issue 30): the reader sees which totals rest on it.
    const mark = (unconfirmed: true | undefined) => (unconfirmed ? ` ${UNCONFIRMED_MARK}` : "");
    const body = estimate.rows.map((r) => [
        r.kind,
        r.region,
        `${r.quantity} ${r.unit}`,
        `$${Number(r.unitUsd.toFixed(4))}`,
        `${usd(r.monthlyUsd)}${mark(r.unconfirmed)}`,
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
    const fmt = (row: string[]) =>
        `  ${row.map((cell, i) => (i >= 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ")}`.trimEnd();
    const out = [
        `Monthly cost estimate (on-demand USD, AWS public prices read ${estimate.priceListDate}, ${estimate.hoursPerMonth} h a month; tooling/plan/prices.ts, docs/prices.md):`,
        fmt(header),
        ...body.map(fmt),
        `  ${"fixed monthly total".padEnd(widths.slice(0, 4).reduce((a, b) => a + b + 2, 0) - 2)}  ${usd(estimate.monthlyUsd).padStart(widths[4])}`,
    ];
    if (estimate.unconfirmedUsd > 0) {
        out.push(
            `  ${UNCONFIRMED_MARK}: ${usd(estimate.unconfirmedUsd)} of the total is priced at figures no public source confirmed (each figure's record: tooling/plan/price-snapshot.json; refresh: npm run prices:refresh)`,
        );
    }
    const notes = estimate.rows.flatMap((r) => r.notes.map((n) => `${r.kind} (${r.region}): ${n}`));
    if (notes.length > 0) out.push("  notes:", ...[...new Set(notes)].map((n) => `    - ${n}`));
    for (const u of estimate.unpriced) out.push(`  UNPRICED ${u.resource} (${u.type}): ${u.reason}; not in the total`);
    for (const t of estimate.unknownTypes)
        out.push(`  UNPRICED type ${t}: not in RESOURCE_PRICING (tooling/plan/cost.ts); not in the total`);
    if (estimate.budget) {
        out.push(
            estimate.budget.exceeded
                ? `  WARNING: the fixed monthly estimate ${usd(estimate.monthlyUsd)} exceeds the stack's budget ${usd(estimate.budget.monthlyUsd)} (tap:monthlyBudgetUsd), before any usage charge`
                : `  Budget: ${usd(estimate.budget.monthlyUsd)} a month (tap:monthlyBudgetUsd); the fixed estimate uses ${Math.round((estimate.monthlyUsd / estimate.budget.monthlyUsd) * 100)}% of it before usage charges`,
        );
    }
    out.push("", "Charged by use (not in the total): unit price and assumption");
    const uw = Math.max(...estimate.usage.map((u) => u.kind.length), 4);
    for (const u of estimate.usage)
        out.push(`  ${u.kind.padEnd(uw)}  ${u.region}  $${u.unitUsd}${mark(u.unconfirmed)} per ${u.unit}: ${u.assumption}`);
    return out.join("\n");
}

// ---- Many accounts (the organization's plan) -------------------------------------------------------

/** The stacks one account will hold, as plans. */
export interface AccountPlans {
    readonly account: string;
    readonly plans: readonly PlanLike[];
}

export interface AccountEstimate {
    readonly account: string;
    readonly estimates: readonly CostEstimate[];
    readonly monthlyUsd: number;
    readonly unconfirmedUsd: number;
}

export interface OrganizationEstimate {
    readonly accounts: readonly AccountEstimate[];
    readonly monthlyUsd: number;
    readonly unconfirmedUsd: number;
}

/**
 * The estimate per account and the total, for the organization's plan (issue 30). That plan does not
 * exist yet: this is the seam it calls, with the plans of the stacks each account will hold. Each
 * account is estimated on its own, because AWS's free allowances (the first two action-enabled
 * budgets, the first 10,000 finding events ...) are per account, and the total is their sum.
 */
export function estimateOrganization(accounts: readonly AccountPlans[]): OrganizationEstimate {
    const perAccount = accounts.map(({ account, plans }) => {
        const estimates = plans.map(estimateCost);
        return {
            account,
            estimates,
            monthlyUsd: round(estimates.reduce((sum, e) => sum + e.monthlyUsd, 0)),
            unconfirmedUsd: round(estimates.reduce((sum, e) => sum + e.unconfirmedUsd, 0)),
        };
    });
    return {
        accounts: perAccount,
        monthlyUsd: round(perAccount.reduce((sum, a) => sum + a.monthlyUsd, 0)),
        unconfirmedUsd: round(perAccount.reduce((sum, a) => sum + a.unconfirmedUsd, 0)),
    };
}

/** The organization's cost summary: one line per account (its stacks), then the total. */
export function renderOrganizationCost(org: OrganizationEstimate): string {
    const w = Math.max(7, ...org.accounts.map((a) => a.account.length));
    const row = (name: string, amount: number, unconfirmed: number, detail: string) =>
        `  ${name.padEnd(w)}  ${usd(amount).padStart(10)}${unconfirmed > 0 ? ` (${usd(unconfirmed)} ${UNCONFIRMED_MARK})` : ""}${detail}`;
    return [
        `Monthly cost estimate per account (fixed charges, on-demand USD, prices read ${PRICE_LIST_DATE}):`,
        ...org.accounts.map((a) => row(a.account, a.monthlyUsd, a.unconfirmedUsd, `  stacks: ${a.estimates.length}`)),
        row("total", org.monthlyUsd, org.unconfirmedUsd, ""),
    ].join("\n");
}
