/**
 * Shared by the unit tests of tooling/verify: SDK clients mocked with aws-sdk-client-mock, the
 * outputs of a deployed dev stack (as `pulumi stack output --json` prints them), and a helper
 * that runs one check the way the report and the integration tests do.
 */
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { Check, Finding } from "../../tooling/verify/check";
import type { VerifyClients } from "../../tooling/verify/clients";
import { StackOutputs } from "../../tooling/verify/outputs";
import { runCheck } from "../../tooling/verify/runner";

// The SDK warns once per process that Node 20 support ends in 2027; known, and noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const KMS_KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
export const KMS_KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KMS_KEY_ID}`;
export const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/tap-dev-use1-trail`;

/** The outputs of a fully deployed dev stack (single NAT gateway, two AZs). */
export const DEV_OUTPUTS = {
    region: REGION,
    environmentSuffix: "dev",
    vpcId: "vpc-0a1b2c3d4e5f60718",
    publicSubnetIds: ["subnet-0pub1aaaaaaaaaaaa", "subnet-0pub2bbbbbbbbbbbb"],
    privateSubnetIds: ["subnet-0prv1aaaaaaaaaaaa", "subnet-0prv2bbbbbbbbbbbb"],
    natGatewayIds: ["nat-0f1e2d3c4b5a69788"],
    flowLogId: "fl-0123456789abcdef0",
    kmsKeyArn: KMS_KEY_ARN,
    kmsKeyId: KMS_KEY_ID,
    instanceRoleArn: `arn:aws:iam::${ACCOUNT}:role/tap-dev-use1-instance`,
    autoScalingGroupName: "tap-dev-use1-app",
    appSecurityGroupId: "sg-0app0000000000001",
    accessLogsBucketName: "tap-dev-use1-access-logs-a1b2c3",
    cloudTrailArn: TRAIL_ARN,
    cloudTrailBucketName: "tap-dev-use1-cloudtrail-a1b2c3",
    cloudTrailMultiRegion: false,
    cloudTrailObjectLockMode: "GOVERNANCE",
    cloudTrailObjectLockDays: 7,
    guardDutyDetectorId: "12abc34d567e8fa901bc2d34e56789f0",
    configRecorderName: "tap-dev-use1-recorder",
    alarmTopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:tap-dev-use1-alarms`,
    alertStateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:tap-dev-use1-alert-ack`,
    // Continuous detection
    securityHubStandards: [
        `arn:aws:securityhub:${REGION}::standards/cis-aws-foundations-benchmark/v/3.0.0`,
        `arn:aws:securityhub:${REGION}::standards/aws-foundational-security-best-practices/v/1.0.0`,
    ],
    securityHubControlWaivers: {},
    accessAnalyzerName: "tap-dev-use1-access-analyzer",
    inspectorEnabled: false,
    guardDutyFeatures: {
        S3_DATA_EVENTS: "ENABLED",
        EBS_MALWARE_PROTECTION: "ENABLED",
        RDS_LOGIN_EVENTS: "ENABLED",
        LAMBDA_NETWORK_LOGS: "ENABLED",
        RUNTIME_MONITORING: "DISABLED",
    },
    // Private management plane (Patch Manager on, session preferences managed: the dev defaults)
    sessionLogGroupName: "/tap/tap-dev-use1/session-logs",
    sessionPreferencesManaged: true,
    sessionIdleTimeoutMinutes: 20,
    sessionMaxDurationMinutes: 240,
    patchGroup: "tap-dev-use1-app",
    patchBaselineId: "pb-0c10e65780a1b2c3d",
    patchScanAssociationId: "8dfe3659-4309-493a-8755-0123456789ab",
    patchWindowId: "mw-0c50858d01a1b2c3d",
};

export const ALB_ARN = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/tap-dev-use1-alb/50dc6c495c0c9188`;
export const WEB_ACL_ARN = `arn:aws:wafv2:${REGION}:${ACCOUNT}:regional/webacl/tap-dev-use1-web-acl/a1b2c3d4-5678-90ab-cdef-0123456789ab`;
export const ALB_LOGS_BUCKET = "tap-dev-use1-alb-logs-123456789012";
export const DB_IDENTIFIER = "tap-dev-use1-db";
export const DB_HOST = `${DB_IDENTIFIER}.c9akciq32xyz.${REGION}.rds.amazonaws.com`;
export const DB_SECRET_ARN = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:rds!db-3f1e2d4c-5b6a-4789-8abc-def012345678-AbCdEf`;

/** What the web and data tiers and Access add to the outputs (tap:enableWebTier, tap:enableDatabase, tap:enableAccess), as `pulumi stack output --json` prints them. */
export const TIER_OUTPUTS = {
    albDnsName: `tap-dev-use1-alb-1234567890.${REGION}.elb.amazonaws.com`,
    albArn: ALB_ARN,
    webAclArn: WEB_ACL_ARN,
    dbEndpoint: `${DB_HOST}:5432`,
    dbSecretArn: DB_SECRET_ARN,
    /** tap:vpcEndpoints (on in prod): the S3 gateway first, then the interface endpoints. */
    vpcEndpointIds: ["vpce-0s3gateway000001", "vpce-0ssm00000000001"],
    /** The session/patch log bucket (every stack has one; here, so the S3 tests of DEV_OUTPUTS keep their bucket list). */
    managementLogsBucketName: "tap-dev-use1-mgmt-logs-123456789012",
    backupVaultName: "tap-dev-use1-vault",
    backupPlanId: "8a4c2e1f-1d2b-4c3d-9e8f-0a1b2c3d4e5f",
    /** tap:enableAppDataBucket: the application's data bucket (issue 27). */
    appDataBucketName: "tap-dev-use1-app-data-123456789012",
    bucketNames: [DEV_OUTPUTS.accessLogsBucketName, DEV_OUTPUTS.cloudTrailBucketName, ALB_LOGS_BUCKET],
    // tap:monthlyBudgetUsd: the budget's name and amount.
    budgetName: "tap-dev-use1-monthly",
    monthlyBudgetUsd: 75,
    // Access (tap:enableAccess, tap:githubRepository)
    supportRoleArn: `arn:aws:iam::${ACCOUNT}:role/tap-dev-use1-support`,
    auditorRoleArn: `arn:aws:iam::${ACCOUNT}:role/tap-dev-use1-auditor`,
    deployRoleArn: `arn:aws:iam::${ACCOUNT}:role/tap-dev-use1-deploy`,
    deployBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/tap-dev-use1-deploy-boundary`,
    workloadBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/tap-dev-use1-workload-boundary`,
};

/** The dev stack's outputs with the web and data tiers and Access on. */
export const tierOutputs = (overrides: Record<string, unknown> = {}, without: readonly string[] = []) =>
    outputs({ ...TIER_OUTPUTS, ...overrides }, without);

export function outputs(overrides: Record<string, unknown> = {}, without: readonly string[] = []): StackOutputs {
    const raw: Record<string, unknown> = { ...DEV_OUTPUTS, ...overrides };
    for (const key of without) delete raw[key];
    return new StackOutputs(raw);
}

/** The given clients with `send` stubbed, plus the stubs; `mocks.s3.on(...)` programs the responses. */
export type Mocked<P extends Partial<VerifyClients>> = { readonly clients: VerifyClients } & {
    readonly [K in keyof P]: AwsClientStub<P[K]>;
};

/**
 * Stubs the clients a test file passes (it imports only the SDK packages it uses: loading all
 * ten costs ~0.5 s a file); any other client a check reaches for throws, naming itself.
 */
export function mockedClients<P extends Partial<VerifyClients>>(given: P): Mocked<P> {
    const clients = new Proxy(given, {
        get(target, key: string) {
            if (key in target) return target[key as keyof P];
            throw new Error(`the ${key} client is not mocked in this test`);
        },
    }) as unknown as VerifyClients;
    const stubs = Object.fromEntries(Object.entries(given).map(([key, client]) => [key, mockClient(client as never)]));
    return { clients, ...stubs } as Mocked<P>;
}

/** The findings of `check` on these clients and outputs (the dev stack's by default). */
export function findings(
    check: Check,
    mocks: { readonly clients: VerifyClients },
    stackOutputs: StackOutputs = outputs(),
    now?: Date,
): Promise<Finding[]> {
    return runCheck(check, { clients: mocks.clients, outputs: stackOutputs, ...(now && { now }) });
}

/** A fixed "now" for checks that measure time since a launch. */
export const NOW = new Date("2026-12-07T12:00:00Z");
/** `minutes` before NOW. */
export const minutesBeforeNow = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

/** `[resource, status]` pairs: what most assertions are about. */
export const verdicts = (list: readonly Finding[]) => list.map((f) => [f.resource, f.status]);
