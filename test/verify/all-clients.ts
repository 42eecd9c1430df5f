/** Every client mocked, for tests of the whole catalogue (runner, report). */
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
import { IAMClient } from "@aws-sdk/client-iam";
import { KMSClient } from "@aws-sdk/client-kms";
import { RDSClient } from "@aws-sdk/client-rds";
import { S3Client } from "@aws-sdk/client-s3";
import { SecurityHubClient } from "@aws-sdk/client-securityhub";
import { SFNClient } from "@aws-sdk/client-sfn";
import { SNSClient } from "@aws-sdk/client-sns";
import { SSMClient } from "@aws-sdk/client-ssm";
import { WAFV2Client } from "@aws-sdk/client-wafv2";
import { mockedClients, REGION } from "./support";

export const allMockedClients = () =>
    mockedClients({
        ec2: new EC2Client({ region: REGION }),
        autoScaling: new AutoScalingClient({ region: REGION }),
        cloudTrail: new CloudTrailClient({ region: REGION }),
        guardDuty: new GuardDutyClient({ region: REGION }),
        config: new ConfigServiceClient({ region: REGION }),
        s3: new S3Client({ region: REGION }),
        kms: new KMSClient({ region: REGION }),
        elb: new ElasticLoadBalancingV2Client({ region: REGION }),
        wafv2: new WAFV2Client({ region: REGION }),
        rds: new RDSClient({ region: REGION }),
        budgets: new BudgetsClient({ region: REGION }),
        securityHub: new SecurityHubClient({ region: REGION }),
        accessAnalyzer: new AccessAnalyzerClient({ region: REGION }),
        inspector2: new Inspector2Client({ region: REGION }),
        ssm: new SSMClient({ region: REGION }),
        iam: new IAMClient({ region: REGION }),
        backup: new BackupClient({ region: REGION }),
        sns: new SNSClient({ region: REGION }),
        sfn: new SFNClient({ region: REGION }),
        events: new EventBridgeClient({ region: REGION }),
    });
