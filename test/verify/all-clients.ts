/** All six clients mocked, for tests of the whole catalogue (runner, report). */
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { EC2Client } from "@aws-sdk/client-ec2";
import { GuardDutyClient } from "@aws-sdk/client-guardduty";
import { KMSClient } from "@aws-sdk/client-kms";
import { S3Client } from "@aws-sdk/client-s3";
import { mockedClients, REGION } from "./support";

export const allMockedClients = () => mockedClients({
    ec2: new EC2Client({ region: REGION }),
    cloudTrail: new CloudTrailClient({ region: REGION }),
    guardDuty: new GuardDutyClient({ region: REGION }),
    config: new ConfigServiceClient({ region: REGION }),
    s3: new S3Client({ region: REGION }),
    kms: new KMSClient({ region: REGION }),
});
