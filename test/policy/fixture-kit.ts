/**
 * The building blocks of the policy fixtures (test/policy/fixtures.ts and its area files): the
 * fixture types, literal ARNs, and the resources many fixtures declare (a secure bucket, a VPC, a
 * trail with its bucket, a backup plan ...). Imported by every fixture file, importing none of them.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MOCK_ACCOUNT_ID } from "../../tooling/mock-runtime/mocks";

/** Names a fixture's resources, so that each fixture's resources can be told apart in the one run. */
export interface FixtureContext {
    readonly name: (suffix: string) => string;
}

export type Declare = (c: FixtureContext) => void;

export interface PolicyFixture {
    /** Declares resources, one of which (`offender`) breaks the policy. */
    readonly fail: Declare;
    /** The logical-name suffix of the resource the violation must name. */
    readonly offender: string;
    /** The compliant scenario (a key of fixtures.ts's `SCENARIOS`; test/policy/pack.spec.ts checks it is one) that has resources the policy examines. */
    readonly pass: string;
}

export const ACCOUNT_ROOT = `arn:aws:iam::${MOCK_ACCOUNT_ID}:root`;
/** References to resources outside a fixture, as the provider would receive them. */
export const KEY_ARN = `arn:aws:kms:us-east-1:${MOCK_ACCOUNT_ID}:key/11111111-2222-3333-4444-555555555555`;
export const LOG_GROUP_ARN = `arn:aws:logs:us-east-1:${MOCK_ACCOUNT_ID}:log-group:/tap/fixture/cloudtrail:*`;
export const ROLE_ARN = `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/tap-fixture`;
export const ACCESS_LOG_BUCKET = "tap-fixture-access-logs";
export const GITHUB_PROVIDER_ARN = `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com`;
export const STACK_ROLES = `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/tap-fixture-*`;
export const WORKLOAD_BOUNDARY = `arn:aws:iam::${MOCK_ACCOUNT_ID}:policy/tap-fixture-workload-boundary`;

export const TOPIC_ARN = `arn:aws:sns:us-east-1:${MOCK_ACCOUNT_ID}:tap-fixture-alerts`;
export const budgetAlert = (notificationType: string, threshold: number) => ({
    notificationType,
    threshold,
    comparisonOperator: "GREATER_THAN",
    thresholdType: "PERCENTAGE",
    subscriberSnsTopicArns: [TOPIC_ARN],
});
export const BUDGET = {
    budgetType: "COST",
    timeUnit: "MONTHLY",
    limitAmount: "100.00",
    limitUnit: "USD",
    notifications: [budgetAlert("ACTUAL", 80), budgetAlert("FORECASTED", 100)],
};

export const document = (...statements: object[]) => pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });

// ---------------------------------------------------------------------------------------------
// Compliant building blocks; the failing fixtures break one setting at a time

export function kmsKey(
    c: FixtureContext,
    name = "key",
    args: Partial<aws.kms.KeyArgs> = {},
    opts: pulumi.CustomResourceOptions = {},
): aws.kms.Key {
    return new aws.kms.Key(
        c.name(name),
        {
            description: "fixture key",
            enableKeyRotation: true,
            deletionWindowInDays: 7,
            policy: document({ Sid: "AccountRoot", Effect: "Allow", Principal: { AWS: ACCOUNT_ROOT }, Action: "kms:*", Resource: "*" }),
            ...args,
        },
        opts,
    );
}

export function logGroup(c: FixtureContext, name: string, args: Partial<aws.cloudwatch.LogGroupArgs> = {}): aws.cloudwatch.LogGroup {
    return new aws.cloudwatch.LogGroup(c.name(name), { retentionInDays: 90, kmsKeyId: KEY_ARN, ...args });
}

/** A role only `service` may assume, allowed `actions` on `resources`. */
export function serviceRole(
    c: FixtureContext,
    name: string,
    service: string,
    actions: string[],
    resources: pulumi.Input<string>[],
): aws.iam.Role {
    return new aws.iam.Role(c.name(name), {
        assumeRolePolicy: document({ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }),
        inlinePolicies: [{ name: "scoped", policy: document({ Effect: "Allow", Action: actions, Resource: resources }) }],
    });
}

/** Deny every non-TLS request on the bucket and its objects (S3.5), plus `extra` statements. */
export const tlsOnlyPolicy = (bucket: aws.s3.Bucket, ...extra: object[]) =>
    document(
        {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        ...extra,
    );

export type BucketPart = "publicAccessBlock" | "encryption" | "versioning" | "policy" | "logging";

export interface BucketOptions {
    readonly omit?: readonly BucketPart[];
    /** Where server access logs go. @default the access-log bucket outside the fixture */
    readonly logTo?: pulumi.Input<string>;
    /** SSE-S3 instead of SSE-KMS (ALB log buckets). */
    readonly sseS3?: boolean;
    readonly extraStatements?: (b: aws.s3.Bucket) => object[];
    /** The bucket's tags (the app data bucket's DataStore tag). @default none */
    readonly tags?: Record<string, string>;
    /** Created with Object Lock on (what force-destroy reads). */
    readonly objectLockEnabled?: boolean;
}

/** A bucket with each of its protections as its own v7 resource, but the `omit`ted ones. */
export function secureBucket(
    c: FixtureContext,
    name: string,
    opts: BucketOptions = {},
): { bucket: aws.s3.Bucket; policy?: aws.s3.BucketPolicy } {
    const omit = new Set(opts.omit ?? []);
    const bucket = new aws.s3.Bucket(c.name(name), {
        forceDestroy: true,
        ...(opts.objectLockEnabled && { objectLockEnabled: true }),
        ...(opts.tags && { tags: opts.tags }),
    });
    if (!omit.has("publicAccessBlock")) {
        new aws.s3.BucketPublicAccessBlock(c.name(`${name}-pab`), {
            bucket: bucket.id,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
    }
    if (!omit.has("encryption")) {
        new aws.s3.BucketServerSideEncryptionConfiguration(c.name(`${name}-sse`), {
            bucket: bucket.id,
            rules: [
                {
                    applyServerSideEncryptionByDefault: opts.sseS3
                        ? { sseAlgorithm: "AES256" }
                        : { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN },
                    bucketKeyEnabled: !opts.sseS3,
                },
            ],
        });
    }
    if (!omit.has("versioning")) {
        new aws.s3.BucketVersioning(c.name(`${name}-versioning`), { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
    }
    const policy = omit.has("policy")
        ? undefined
        : new aws.s3.BucketPolicy(c.name(`${name}-policy`), {
              bucket: bucket.id,
              policy: tlsOnlyPolicy(bucket, ...(opts.extraStatements?.(bucket) ?? [])),
          });
    if (!omit.has("logging")) {
        new aws.s3.BucketLogging(c.name(`${name}-logging`), {
            bucket: bucket.id,
            targetBucket: opts.logTo ?? ACCESS_LOG_BUCKET,
            targetPrefix: `${name}/`,
        });
    }
    return { bucket, policy };
}

/** A VPC with its default security group adopted and closed, and flow logs of ALL traffic. */
export const NACL_ALLOW_ALL = { ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" };
/** SSH and RDP from anywhere denied before the allow-all entry: what VpcNetwork adopts. */
export const NACL_INGRESS = [
    { ruleNo: 10, action: "deny", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
    { ruleNo: 20, action: "deny", protocol: "tcp", fromPort: 3389, toPort: 3389, cidrBlock: "0.0.0.0/0" },
    NACL_ALLOW_ALL,
];

export function vpc(c: FixtureContext, opts: { flowLogTraffic?: string; adoptDefaultSg?: boolean } = {}): aws.ec2.Vpc {
    const network = new aws.ec2.Vpc(c.name("vpc"), { cidrBlock: "10.0.0.0/16", enableDnsSupport: true, enableDnsHostnames: true });
    if (opts.adoptDefaultSg !== false)
        new aws.ec2.DefaultSecurityGroup(c.name("default-sg"), { vpcId: network.id, ingress: [], egress: [] });
    new aws.ec2.DefaultNetworkAcl(c.name("default-nacl"), {
        defaultNetworkAclId: network.defaultNetworkAclId,
        ingress: NACL_INGRESS,
        egress: [NACL_ALLOW_ALL],
    });
    const group = logGroup(c, "flow-logs");
    const role = serviceRole(
        c,
        "flow-logs-role",
        "vpc-flow-logs.amazonaws.com",
        ["logs:CreateLogStream", "logs:PutLogEvents"],
        [group.arn],
    );
    new aws.ec2.FlowLog(c.name("flow-log"), {
        vpcId: network.id,
        trafficType: opts.flowLogTraffic ?? "ALL",
        logDestinationType: "cloud-watch-logs",
        logDestination: group.arn,
        iamRoleArn: role.arn,
    });
    return network;
}

/** Public and private subnets; the private one's route table sends 0.0.0.0/0 to the NAT gateway unless `natRoute` is false. */
export function subnets(c: FixtureContext, network: aws.ec2.Vpc, natRoute: boolean): void {
    const subnet = (tier: string, cidrBlock: string) =>
        new aws.ec2.Subnet(c.name(`${tier}-subnet`), {
            vpcId: network.id,
            cidrBlock,
            availabilityZone: "us-east-1a",
            mapPublicIpOnLaunch: false,
            tags: { Name: c.name(tier), Tier: tier },
        });
    const publicSubnet = subnet("public", "10.0.0.0/20");
    const privateSubnet = subnet("private", "10.0.128.0/20");
    const eip = new aws.ec2.Eip(c.name("nat-eip"), { domain: "vpc" });
    const nat = new aws.ec2.NatGateway(c.name("nat"), { subnetId: publicSubnet.id, allocationId: eip.id, connectivityType: "public" });
    const table = new aws.ec2.RouteTable(c.name("private-rt"), { vpcId: network.id });
    new aws.ec2.RouteTableAssociation(c.name("private-rta"), { subnetId: privateSubnet.id, routeTableId: table.id });
    if (natRoute)
        new aws.ec2.Route(c.name("private-default"), { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id });
}

export const TRAIL: aws.cloudtrail.TrailArgs = {
    s3BucketName: "tap-fixture-trail",
    kmsKeyId: KEY_ARN,
    enableLogFileValidation: true,
    cloudWatchLogsGroupArn: LOG_GROUP_ARN,
    cloudWatchLogsRoleArn: ROLE_ARN,
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }],
};

/** A trail writing to its own compliant bucket, whose policy lets CloudTrail write; the trail waits for that policy unless told not to. */
export function trailWithBucket(
    c: FixtureContext,
    opts: { waitForPolicy?: boolean; objectLock?: boolean; tags?: Record<string, string> } = {},
): void {
    const trailName = c.name("trail");
    const trailArn = `arn:aws:cloudtrail:us-east-1:${MOCK_ACCOUNT_ID}:trail/${trailName}`;
    const { bucket, policy } = secureBucket(c, "trail-bucket", {
        objectLockEnabled: opts.objectLock ?? true,
        extraStatements: (b) => [
            {
                Sid: "CloudTrailAclCheck",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:GetBucketAcl",
                Resource: b.arn,
                Condition: { StringEquals: { "aws:SourceArn": trailArn } },
            },
            {
                Sid: "CloudTrailWrite",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: pulumi.interpolate`${b.arn}/AWSLogs/${MOCK_ACCOUNT_ID}/*`,
                Condition: { StringEquals: { "aws:SourceArn": trailArn, "s3:x-amz-acl": "bucket-owner-full-control" } },
            },
        ],
    });
    if (opts.objectLock ?? true) {
        new aws.s3.BucketObjectLockConfiguration(c.name("trail-bucket-object-lock"), {
            bucket: bucket.id,
            objectLockEnabled: "Enabled",
            rule: { defaultRetention: { mode: "GOVERNANCE", days: 365 } },
        });
    }
    const group = logGroup(c, "trail-logs");
    const role = serviceRole(
        c,
        "trail-logs-role",
        "cloudtrail.amazonaws.com",
        ["logs:CreateLogStream", "logs:PutLogEvents"],
        [pulumi.interpolate`${group.arn}:*`],
    );
    new aws.cloudtrail.Trail(
        trailName,
        {
            ...TRAIL,
            name: trailName,
            s3BucketName: bucket.id,
            cloudWatchLogsGroupArn: pulumi.interpolate`${group.arn}:*`,
            cloudWatchLogsRoleArn: role.arn,
            ...(opts.tags && { tags: opts.tags }),
            eventSelectors: [
                {
                    readWriteType: "All",
                    includeManagementEvents: true,
                    dataResources: [
                        {
                            type: "AWS::S3::Object",
                            values: ["arn:aws:s3", pulumi.interpolate`${bucket.arn}/`, "arn:aws:s3:::tap-app-data/uploads/"],
                        },
                    ],
                },
            ],
        },
        { dependsOn: opts.waitForPolicy === false ? [] : [policy!] },
    );
}

/** AWS Config: recorder, then delivery channel (dependsOn recorder), then status (dependsOn channel, unless told otherwise). */
export function configRecording(c: FixtureContext, opts: { statusWaitsForChannel?: boolean } = {}): void {
    // Config.1: AWS Config's service-linked role.
    const recorder = new aws.cfg.Recorder(c.name("recorder"), {
        name: c.name("recorder"),
        roleArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
    });
    const channel = new aws.cfg.DeliveryChannel(
        c.name("channel"),
        {
            s3BucketName: "tap-fixture-config",
            snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" },
        },
        { dependsOn: [recorder] },
    );
    new aws.cfg.RecorderStatus(
        c.name("status"),
        { name: recorder.name, isEnabled: true },
        { dependsOn: opts.statusWaitsForChannel === false ? [recorder] : [channel] },
    );
}

export const IMDSV2 = { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "enabled" };

export const LAUNCH_TEMPLATE: aws.ec2.LaunchTemplateArgs = {
    imageId: "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
    instanceType: "t3.micro",
    metadataOptions: IMDSV2,
    monitoring: { enabled: true },
    networkInterfaces: [{ associatePublicIpAddress: "false", deleteOnTermination: "true" }],
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 30, volumeType: "gp3", encrypted: "true", kmsKeyId: KEY_ARN } }],
};

export const INSTANCE: aws.ec2.InstanceArgs = {
    ami: "ami-0a1b2c3d4e5f67890",
    instanceType: "t3.micro",
    subnetId: "subnet-0123456789abcdef0",
    metadataOptions: IMDSV2,
    associatePublicIpAddress: false,
    monitoring: true,
    rootBlockDevice: { volumeSize: 30, volumeType: "gp3", encrypted: true, kmsKeyId: KEY_ARN },
};

export const HTTPS_OUT = {
    protocol: "tcp",
    fromPort: 443,
    toPort: 443,
    cidrBlocks: ["0.0.0.0/0"],
    description: "HTTPS for updates and SSM",
};
export const securityGroup = (c: FixtureContext, args: Partial<aws.ec2.SecurityGroupArgs>) =>
    new aws.ec2.SecurityGroup(c.name("sg"), { description: "fixture tier", ingress: [], egress: [], ...args });

export const DATABASE: aws.rds.InstanceArgs = {
    engine: "postgres",
    engineVersion: "16.4",
    instanceClass: "db.t3.micro",
    allocatedStorage: 20,
    maxAllocatedStorage: 100,
    username: "tapadmin",
    manageMasterUserPassword: true,
    masterUserSecretKmsKeyId: KEY_ARN,
    storageEncrypted: true,
    kmsKeyId: KEY_ARN,
    publiclyAccessible: false,
    deletionProtection: true,
    backupRetentionPeriod: 7,
    autoMinorVersionUpgrade: true,
    enabledCloudwatchLogsExports: ["postgresql"],
    skipFinalSnapshot: true,
    monitoringInterval: 60,
    monitoringRoleArn: ROLE_ARN,
    iamDatabaseAuthenticationEnabled: true,
};

// Issue 14 (resilience): AWS Backup around a database, an Auto Scaling group reporting its failures.
export interface BackupOptions {
    readonly lock?: boolean;
    readonly vaultKey?: string;
    /** Tags of the vault and the plan (Profile: prod makes them production's). */
    readonly tags?: Record<string, string>;
    /** The plan's rules, given the vault's name. @default a daily rule kept 35 days */
    readonly rules?: (vault: pulumi.Output<string>) => aws.types.input.backup.PlanRule[];
    /** Select by these tags instead of `resources`. */
    readonly selectionTags?: aws.types.input.backup.SelectionSelectionTag[];
}

export function backedUp(c: FixtureContext, resources: pulumi.Input<string>[], opts: BackupOptions = {}): aws.backup.Vault {
    const vault = new aws.backup.Vault(c.name("vault"), { name: c.name("vault"), kmsKeyArn: opts.vaultKey ?? KEY_ARN, tags: opts.tags });
    if (opts.lock ?? true)
        new aws.backup.VaultLockConfiguration(c.name("vault-lock"), {
            backupVaultName: vault.name,
            minRetentionDays: 7,
            maxRetentionDays: 400,
        });
    const plan = new aws.backup.Plan(c.name("backup-plan"), {
        name: c.name("backup-plan"),
        rules: opts.rules?.(vault.name) ?? [
            { ruleName: "daily", targetVaultName: vault.name, schedule: "cron(0 5 ? * * *)", lifecycle: { deleteAfter: 35 } },
        ],
        tags: opts.tags,
    });
    new aws.backup.Selection(c.name("backup-selection"), {
        name: c.name("backup-selection"),
        planId: plan.id,
        iamRoleArn: ROLE_ARN,
        ...(opts.selectionTags ? { selectionTags: opts.selectionTags } : { resources }),
    });
    return vault;
}

export const PROD = { Profile: "prod" };
/** A prod plan's rules: daily kept 35 days, monthly kept a year. */
export const prodRules = (vault: pulumi.Output<string>) => [
    { ruleName: "daily", targetVaultName: vault, schedule: "cron(0 5 ? * * *)", lifecycle: { deleteAfter: 35 } },
    { ruleName: "monthly", targetVaultName: vault, schedule: "cron(0 5 1 * ? *)", lifecycle: { deleteAfter: 365 } },
];

/** An HTTP listener (redirecting to HTTPS with `tls`, else forwarding) and, with `tls`, an HTTPS listener on TLS 1.2+. */
/** The web tier's listeners: HTTPS with HTTP redirecting to it, or (tls false) plain HTTP forwarding, as before issue 14. */
export function webListeners(c: FixtureContext, alb: aws.lb.LoadBalancer, tls: boolean): void {
    if (tls) return httpsListeners(c, alb);
    new aws.lb.Listener(c.name("http"), {
        loadBalancerArn: alb.arn,
        port: 80,
        protocol: "HTTP",
        defaultActions: [
            {
                type: "forward",
                targetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${MOCK_ACCOUNT_ID}:targetgroup/app/0123456789abcdef`,
            },
        ],
    });
}

export const AUTO_SCALING_GROUP: aws.autoscaling.GroupArgs = {
    minSize: 1,
    maxSize: 2,
    vpcZoneIdentifiers: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
    launchTemplate: { id: "lt-0123456789abcdef0", version: "$Latest" },
};

export const LOAD_BALANCER: aws.lb.LoadBalancerArgs = {
    loadBalancerType: "application",
    internal: false,
    subnets: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
    dropInvalidHeaderFields: true,
    accessLogs: { bucket: "tap-fixture-alb-logs", prefix: "alb", enabled: true },
};

/** An HTTPS listener with a TLS 1.2+ policy and an HTTP listener that redirects to it (or forwards, with `httpForwards`). */
export function httpsListeners(
    c: FixtureContext,
    alb: aws.lb.LoadBalancer,
    opts: { httpForwards?: boolean; sslPolicy?: string } = {},
): void {
    const forward = [
        { type: "forward", targetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${MOCK_ACCOUNT_ID}:targetgroup/tap/0123456789abcdef` },
    ];
    new aws.lb.Listener(c.name("https"), {
        loadBalancerArn: alb.arn,
        port: 443,
        protocol: "HTTPS",
        certificateArn: CERTIFICATE_ARN,
        sslPolicy: opts.sslPolicy ?? "ELBSecurityPolicy-TLS13-1-2-2021-06",
        defaultActions: forward,
    });
    new aws.lb.Listener(c.name("http"), {
        loadBalancerArn: alb.arn,
        port: 80,
        protocol: "HTTP",
        defaultActions: opts.httpForwards
            ? forward
            : [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    });
}

export const visibility = (metricName: string, cloudwatchMetricsEnabled = true) => ({
    cloudwatchMetricsEnabled,
    metricName,
    sampledRequestsEnabled: true,
});

export const webAcl = (c: FixtureContext, opts: { rules?: aws.types.input.wafv2.WebAclRule[]; ruleMetrics?: boolean } = {}) => {
    const acl = new aws.wafv2.WebAcl(c.name("web-acl"), {
        scope: "REGIONAL",
        defaultAction: { allow: {} },
        visibilityConfig: visibility("web-acl"),
        rules: opts.rules ?? [
            {
                name: "aws-common",
                priority: 1,
                overrideAction: { none: {} },
                statement: { managedRuleGroupStatement: { name: "AWSManagedRulesCommonRuleSet", vendorName: "AWS" } },
                visibilityConfig: visibility("aws-common", opts.ruleMetrics ?? true),
            },
        ],
    });
    // WAF.11: every web ACL logs.
    new aws.wafv2.WebAclLoggingConfiguration(c.name("web-acl-logging"), {
        resourceArn: acl.arn,
        logDestinationConfigs: [`arn:aws:logs:us-east-1:${MOCK_ACCOUNT_ID}:log-group:aws-waf-logs-fixture`],
    });
    return acl;
};

export const SECURITY_HUB_PATTERN = (labels: string[]) =>
    JSON.stringify({
        source: ["aws.securityhub"],
        "detail-type": ["Security Hub Findings - Imported"],
        detail: {
            findings: {
                ProductName: ["Security Hub"],
                Severity: { Label: labels },
                Compliance: { Status: ["FAILED"] },
                Workflow: { Status: ["NEW"] },
                RecordState: ["ACTIVE"],
            },
        },
    });

export const PASSWORD_POLICY: aws.iam.AccountPasswordPolicyArgs = {
    minimumPasswordLength: 14,
    passwordReusePrevention: 24,
    maxPasswordAge: 90,
    requireLowercaseCharacters: true,
    requireUppercaseCharacters: true,
    requireNumbers: true,
    requireSymbols: true,
    allowUsersToChangePassword: true,
};

/** The deletion guard of a protected stack's key policy (lib/security/key-policy.ts), with or without it. */
export const guardedKeyPolicy = (guard = true) =>
    document(
        { Sid: "AccountRoot", Effect: "Allow", Principal: { AWS: ACCOUNT_ROOT }, Action: "kms:*", Resource: "*" },
        ...(guard
            ? [
                  {
                      Sid: "DenyKeyDeletionAndDisablingButBreakGlass",
                      Effect: "Deny",
                      Principal: { AWS: "*" },
                      Action: ["kms:ScheduleKeyDeletion", "kms:DisableKey"],
                      Resource: "*",
                      Condition: { ArnNotEquals: { "aws:PrincipalArn": `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/break-glass` } },
                  },
              ]
            : []),
    );

/** A protected key and log group; `unprotected` leaves one of them out, `guard: false` the key's deletion guard. */
export function protectedState(c: FixtureContext, opts: { unprotected?: "key" | "logs"; guard?: boolean } = {}): void {
    kmsKey(c, "key", { policy: guardedKeyPolicy(opts.guard ?? true) }, { protect: opts.unprotected !== "key" });
    new aws.cloudwatch.LogGroup(c.name("logs"), { retentionInDays: 90, kmsKeyId: KEY_ARN }, { protect: opts.unprotected !== "logs" });
}

export const STANDARD = (region: string, tail: string) => `arn:aws:securityhub:${region}::standards/${tail}`;
export const CIS = (region = "us-east-1") => STANDARD(region, "cis-aws-foundations-benchmark/v/3.0.0");
export const FSBP = (region = "us-east-1") => STANDARD(region, "aws-foundational-security-best-practices/v/1.0.0");

export interface HubOptions {
    readonly hub?: Partial<aws.securityhub.AccountArgs>;
    /** The standards subscribed, as ARNs. @default CIS v3.0.0 and FSBP */
    readonly standards?: readonly string[];
    /** Subscriptions wait for the hub. @default true */
    readonly afterHub?: boolean;
    readonly waiverReason?: string;
}

/** A hub as the stack enables it, its CIS and FSBP subscriptions, one waived control, and the region's analyzer. */
export function securityHub(c: FixtureContext, opts: HubOptions = {}): void {
    const hub = new aws.securityhub.Account(c.name("hub"), {
        enableDefaultStandards: false,
        controlFindingGenerator: "SECURITY_CONTROL",
        autoEnableControls: true,
        ...opts.hub,
    });
    const subscriptions = (opts.standards ?? [CIS(), FSBP()]).map(
        (arn, i) =>
            new aws.securityhub.StandardsSubscription(
                c.name(i === 0 ? "cis" : `standard-${i}`),
                { standardsArn: arn },
                { dependsOn: opts.afterHub === false ? [] : [hub] },
            ),
    );
    new aws.securityhub.StandardsControlAssociation(
        c.name("waiver"),
        {
            standardsArn: subscriptions[0].standardsArn,
            securityControlId: "IAM.6",
            associationStatus: "DISABLED",
            updatedReason: opts.waiverReason ?? "root hardware MFA is held by the organisation",
        },
        { dependsOn: [subscriptions[0]] },
    );
    new aws.accessanalyzer.Analyzer(c.name("analyzer"), { analyzerName: c.name("analyzer"), type: "ACCOUNT" });
}
export const CERTIFICATE_ARN = `arn:aws:acm:us-east-1:${MOCK_ACCOUNT_ID}:certificate/11111111-2222-3333-4444-555555555555`;

export const DISTRIBUTION: aws.cloudfront.DistributionArgs = {
    enabled: true,
    defaultRootObject: "index.html",
    aliases: ["static.example.com"],
    origins: [{ originId: "site", domainName: "tap-fixture-static.s3.us-east-1.amazonaws.com", originAccessControlId: "E2OACFIXTURE" }],
    defaultCacheBehavior: {
        targetOriginId: "site",
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
        cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
    },
    restrictions: { geoRestriction: { restrictionType: "none" } },
    webAclId: `arn:aws:wafv2:us-east-1:${MOCK_ACCOUNT_ID}:global/webacl/tap-fixture-cdn/0123abcd-0123-4567-89ab-0123456789ab`,
    viewerCertificate: { acmCertificateArn: CERTIFICATE_ARN, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },
};

/** A KMS key whose policy adds `statement` to the account-root one. */
export const keyWith = (c: FixtureContext, statement: object) =>
    kmsKey(c, "key", {
        policy: document(
            { Sid: "AccountRoot", Effect: "Allow", Principal: { AWS: ACCOUNT_ROOT }, Action: "kms:*", Resource: "*" },
            statement,
        ),
    });
