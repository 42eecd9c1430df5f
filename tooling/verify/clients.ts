/**
 * The AWS SDK v3 clients the checks use, injected so tests can mock them
 * (`aws-sdk-client-mock`). Credentials come from the SDK's default chain.
 */
import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { BudgetsClient } from "@aws-sdk/client-budgets";
import { BackupClient } from "@aws-sdk/client-backup";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { EC2Client } from "@aws-sdk/client-ec2";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { GuardDutyClient } from "@aws-sdk/client-guardduty";
import { KMSClient } from "@aws-sdk/client-kms";
import { RDSClient } from "@aws-sdk/client-rds";
import { S3Client } from "@aws-sdk/client-s3";
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
    /** Budgets is global: its endpoint is us-east-1 whatever the stack's region. */
    readonly budgets: BudgetsClient;
    readonly backup: BackupClient;
}

/** One client per service, all in the stack's region. */
export function createClients(region: string): VerifyClients {
    return {
        ec2: new EC2Client({ region }),
        autoScaling: new AutoScalingClient({ region }),
        cloudTrail: new CloudTrailClient({ region }),
        guardDuty: new GuardDutyClient({ region }),
        config: new ConfigServiceClient({ region }),
        s3: new S3Client({ region, followRegionRedirects: true }),
        kms: new KMSClient({ region }),
        elb: new ElasticLoadBalancingV2Client({ region }),
        wafv2: new WAFV2Client({ region }),
        rds: new RDSClient({ region }),
        budgets: new BudgetsClient({ region: "us-east-1" }),
        backup: new BackupClient({ region }),
    };
}
