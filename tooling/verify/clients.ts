/**
 * The AWS SDK v3 clients the checks use, injected so tests can mock them
 * (`aws-sdk-client-mock`). Credentials come from the SDK's default chain.
 */
import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { EC2Client } from "@aws-sdk/client-ec2";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { GuardDutyClient } from "@aws-sdk/client-guardduty";
import { IAMClient } from "@aws-sdk/client-iam";
import { KMSClient } from "@aws-sdk/client-kms";
import { RDSClient } from "@aws-sdk/client-rds";
import { S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { WAFV2Client } from "@aws-sdk/client-wafv2";

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
    readonly rds: RDSClient;
    /** IAM is global; the access checks read the stack's roles. */
    readonly iam: IAMClient;
}

/** Temporary credentials of an assumed role (the SDK's credential identity shape). */
export interface AssumedCredentials {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
    readonly expiration?: Date;
}

/** One client per service, all in the stack's region; `credentials` (an assumed role's) instead of the SDK's default chain. */
export function createClients(region: string, credentials?: AssumedCredentials): VerifyClients {
    const base = { region, ...(credentials && { credentials }) };
    return {
        ec2: new EC2Client(base),
        autoScaling: new AutoScalingClient(base),
        cloudTrail: new CloudTrailClient(base),
        guardDuty: new GuardDutyClient(base),
        config: new ConfigServiceClient(base),
        s3: new S3Client({ ...base, followRegionRedirects: true }),
        kms: new KMSClient(base),
        elb: new ElasticLoadBalancingV2Client(base),
        wafv2: new WAFV2Client(base),
        rds: new RDSClient(base),
        iam: new IAMClient(base),
    };
}

/**
 * `npm run verify -- --role-arn <auditorRoleArn>`: the checks run as the auditor role (read-only),
 * assumed with the caller's credentials (an MFA session for people, the deploy role in CI).
 */
export async function assumeRole(roleArn: string, region: string): Promise<AssumedCredentials> {
    const { Credentials: c } = await new STSClient({ region }).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "tap-verify", DurationSeconds: 900 }));
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole ${roleArn} returned no credentials`);
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
}
