/**
 * The AWS SDK v3 clients the checks use, injected so tests can mock them
 * (`aws-sdk-client-mock`). Credentials and endpoint come from the SDK's default chain
 * (`AWS_ENDPOINT_URL` sends them to a local emulator). Every client retries throttling and
 * transient errors with the SDK's adaptive retry strategy and bounds each request's time.
 */
import { AccessAnalyzerClient } from "@aws-sdk/client-accessanalyzer";
import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { BudgetsClient } from "@aws-sdk/client-budgets";
import { BackupClient } from "@aws-sdk/client-backup";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { EC2Client } from "@aws-sdk/client-ec2";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { GuardDutyClient } from "@aws-sdk/client-guardduty";
import { Inspector2Client } from "@aws-sdk/client-inspector2";
import { KMSClient } from "@aws-sdk/client-kms";
import { RDSClient } from "@aws-sdk/client-rds";
import { S3Client } from "@aws-sdk/client-s3";
import { SecurityHubClient } from "@aws-sdk/client-securityhub";
import { SFNClient } from "@aws-sdk/client-sfn";
import { SNSClient } from "@aws-sdk/client-sns";
import { SSMClient } from "@aws-sdk/client-ssm";
import { IAMClient } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { WAFV2Client } from "@aws-sdk/client-wafv2";
import { AdaptiveRetryStrategy, DefaultRateLimiter } from "@smithy/core/retry";

export interface VerifyClients {
    readonly ec2: EC2Client;
    readonly autoScaling: AutoScalingClient;
    readonly cloudTrail: CloudTrailClient;
    readonly guardDuty: GuardDutyClient;
    readonly config: ConfigServiceClient;
    readonly s3: S3Client;
    readonly kms: KMSClient;
    readonly elb: ElasticLoadBalancingV2Client;
    /** Regional scope: the web ACL of a load balancer lives in the load balancer's region. */
    readonly wafv2: WAFV2Client;
    /** CLOUDFRONT scope: a distribution's web ACL is answered in us-east-1 only. */
    readonly wafv2Global?: WAFV2Client;
    readonly rds: RDSClient;
    /** Budgets is global: its endpoint is us-east-1 whatever the stack's region. */
    readonly budgets: BudgetsClient;
    // Continuous detection
    readonly securityHub: SecurityHubClient;
    readonly accessAnalyzer: AccessAnalyzerClient;
    readonly inspector2: Inspector2Client;
    /** Session preferences, managed instances, patch and association compliance. */
    readonly ssm: SSMClient;
    /** IAM is global; the access checks read the stack's roles. */
    readonly iam: IAMClient;
    /** The stack's backup vaults, plans and selections. */
    readonly backup: BackupClient;
    /** The alert topics' subscriptions (confirmed or PendingConfirmation). */
    readonly sns: SNSClient;
    /** The alert state machine (sns.alerts-acknowledged). */
    readonly sfn?: SFNClient;
    /** The rule that starts the alert state machine (sns.alerts-acknowledged). */
    readonly events?: EventBridgeClient;
}

/** Temporary credentials of an assumed role (the SDK's credential identity shape). */
export interface AssumedCredentials {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
    readonly expiration?: Date;
}

export interface ClientOptions {
    /** Where to send every call. @default the SDK's (AWS_ENDPOINT_URL, else AWS) */
    readonly endpoint?: string;
    /** Attempts per call, the first included (SDK adaptive retry: throttling, 5xx, timeouts). @default 5 */
    readonly maxAttempts?: number;
    /** Milliseconds one HTTP request may take before it is abandoned (and retried). @default 15000 */
    readonly requestTimeoutMs?: number;
    /** Milliseconds to open a connection. @default 5000 */
    readonly connectionTimeoutMs?: number;
    /** An assumed role's credentials (`--role-arn`) instead of the SDK's default chain. @default the default chain */
    readonly credentials?: AssumedCredentials;
    /**
     * Tests only: the same adaptive strategy (same retry decisions and attempts), but every retry
     * waits this many milliseconds and the client-side rate limiter refills at once, so retry
     * behaviour is asserted in milliseconds. @default the SDK's waits (exponential backoff with
     * jitter, 1 s base on throttling, then a token bucket of at least 0.5 requests/s)
     */
    readonly retryDelayMs?: number;
}

/** The SDK's adaptive strategy with its waits scaled down to `delayMs` (see `ClientOptions.retryDelayMs`). */
function quickAdaptiveRetry(maxAttempts: number, delayMs: number): AdaptiveRetryStrategy {
    return new AdaptiveRetryStrategy(maxAttempts, {
        maxAttempts,
        backoff: { computeNextBackoffDelay: () => delayMs, setDelayBase: () => undefined },
        // A fill rate of 10^6 tokens/s: a throttled client's next send waits a microsecond, not seconds.
        rateLimiter: new DefaultRateLimiter({ minFillRate: 1e6 }),
    });
}

/** What every client shares: the retry strategy and the request time bounds. */
function clientConfig(region: string, options: ClientOptions) {
    const maxAttempts = options.maxAttempts ?? 5;
    return {
        region,
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.credentials && { credentials: options.credentials }),
        maxAttempts,
        // Adaptive: the standard strategy (exponential backoff with jitter on throttling, 5xx and
        // timeouts) plus client-side rate limiting once AWS starts throttling.
        ...(options.retryDelayMs === undefined
            ? { retryMode: "adaptive" }
            : { retryStrategy: quickAdaptiveRetry(maxAttempts, options.retryDelayMs) }),
        // Without throwOnRequestTimeout the handler only logs a warning and keeps waiting.
        requestHandler: {
            requestTimeout: options.requestTimeoutMs ?? 15_000,
            connectionTimeout: options.connectionTimeoutMs ?? 5_000,
            throwOnRequestTimeout: true,
        },
    } as const;
}

/** One client per service, all in the stack's region. */
export function createClients(region: string, options: ClientOptions = {}): VerifyClients {
    // One config (and so one retry strategy: its own retry capacity and rate limiter) per client, as the SDK makes them.
    const config = () => clientConfig(region, options);
    return {
        ec2: new EC2Client(config()),
        autoScaling: new AutoScalingClient(config()),
        cloudTrail: new CloudTrailClient(config()),
        guardDuty: new GuardDutyClient(config()),
        config: new ConfigServiceClient(config()),
        s3: new S3Client({ ...config(), followRegionRedirects: true }),
        kms: new KMSClient(config()),
        elb: new ElasticLoadBalancingV2Client(config()),
        wafv2: new WAFV2Client(config()),
        wafv2Global: new WAFV2Client({ ...config(), region: "us-east-1" }),
        rds: new RDSClient(config()),
        // Budgets is global: its endpoint is us-east-1 whatever the stack's region.
        budgets: new BudgetsClient({ ...config(), region: "us-east-1" }),
        securityHub: new SecurityHubClient(config()),
        accessAnalyzer: new AccessAnalyzerClient(config()),
        inspector2: new Inspector2Client(config()),
        ssm: new SSMClient(config()),
        iam: new IAMClient(config()),
        backup: new BackupClient(config()),
        sns: new SNSClient(config()),
        sfn: new SFNClient(config()),
        events: new EventBridgeClient(config()),
    };
}

/**
 * `npm run verify -- --role-arn <auditorRoleArn>`: the checks run as the auditor role (read-only),
 * assumed with the caller's credentials (an MFA session for people, the deploy role in CI).
 */
export async function assumeRole(roleArn: string, region: string): Promise<AssumedCredentials> {
    const { Credentials: c } = await new STSClient({ region }).send(
        new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "tap-verify", DurationSeconds: 900 }),
    );
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole ${roleArn} returned no credentials`);
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
}
