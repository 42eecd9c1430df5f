/** Resource policies (key, bucket, topic, queue, log, endpoint, secret and trust policies): nobody anonymous gets in. */
import { resourcePolicy, TapPolicy } from "../types";
import { allows, hasWildcardPrincipal, isNarrowed, isUnknown, show, statements } from "../values";

/** Every resource type that carries a resource policy, with the property that holds it. */
export const RESOURCE_POLICY_PROPERTY: Readonly<Record<string, string>> = {
    "aws:kms/key:Key": "policy",
    "aws:kms/keyPolicy:KeyPolicy": "policy",
    "aws:s3/bucketPolicy:BucketPolicy": "policy",
    "aws:sns/topic:Topic": "policy",
    "aws:sns/topicPolicy:TopicPolicy": "policy",
    "aws:sqs/queue:Queue": "policy",
    "aws:sqs/queuePolicy:QueuePolicy": "policy",
    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": "policyDocument",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "policy",
    "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy": "policy",
    "aws:secretsmanager/secretPolicy:SecretPolicy": "policy",
    "aws:iam/role:Role": "assumeRolePolicy",
};

export const RESOURCE_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "no-wildcard-principal",
        controls: "S3.2, S3.3, SNS.4, SQS.3, KMS.5, IAM (trust policies)",
        description:
            'No resource policy (KMS key, bucket, SNS topic, SQS queue, CloudWatch Logs resource policy, VPC endpoint, secret, role trust policy) allows Principal "*" or {AWS: "*"} unless a condition pins the caller\'s account or organisation (aws:PrincipalAccount, aws:PrincipalOrgID, kms:CallerAccount), the source (aws:SourceArn, aws:SourceAccount) or the VPC endpoint (aws:SourceVpce, aws:SourceVpc). Deny statements may name "*".',
        enforcementLevel: "mandatory",
        resourceTypes: Object.keys(RESOURCE_POLICY_PROPERTY),
        check: (p, type) => {
            const property = RESOURCE_POLICY_PROPERTY[type];
            const all = statements(p[property]);
            if (all === undefined || isUnknown(all)) return [];
            return all.flatMap((s, i) =>
                allows(s) && hasWildcardPrincipal(s) && !isNarrowed(s)
                    ? [
                          `${property} Statement[${i}]${typeof s.Sid === "string" ? ` (${s.Sid})` : ""} allows ${show(s.Action)} to Principal ${show(s.Principal)} without a condition on the caller's account, organisation, source ARN or VPC endpoint: anyone could call it`,
                      ]
                    : [],
            );
        },
    }),
];
