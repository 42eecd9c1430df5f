/**
 * The AWS SDK v3 clients the checks use, injected so tests can mock them
 * (`aws-sdk-client-mock`). Credentials come from the SDK's default chain.
 */
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { EC2Client } from "@aws-sdk/client-ec2";
import { GuardDutyClient } from "@aws-sdk/client-guardduty";
import { KMSClient } from "@aws-sdk/client-kms";
import { S3Client } from "@aws-sdk/client-s3";

export interface VerifyClients {
    readonly ec2: EC2Client;
    readonly cloudTrail: CloudTrailClient;
    readonly guardDuty: GuardDutyClient;
    readonly config: ConfigServiceClient;
    readonly s3: S3Client;
    readonly kms: KMSClient;
}

/** One client per service, all in the stack's region. */
export function createClients(region: string): VerifyClients {
    return {
        ec2: new EC2Client({ region }),
        cloudTrail: new CloudTrailClient({ region }),
        guardDuty: new GuardDutyClient({ region }),
        config: new ConfigServiceClient({ region }),
        s3: new S3Client({ region, followRegionRedirects: true }),
        kms: new KMSClient({ region }),
    };
}
