/** CloudWatch Logs and SNS: log groups that expire and are encrypted, encrypted alert topics. */
import { resourcePolicy, TapPolicy } from "../types";
import { isSet, isUnknown, show } from "../values";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const TOPIC = "aws:sns/topic:Topic";

export const LOGGING_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "cloudwatch-log-group-retention",
        controls: "CloudWatch.16; seed 002 #8",
        description: "Log groups have a retention period (retentionInDays, from tap:logRetentionDays), never \"never expire\".",
        enforcementLevel: "mandatory",
        resourceTypes: [LOG_GROUP],
        check: (p) => {
            const days = p.retentionInDays;
            return isUnknown(days) || (typeof days === "number" && days > 0) ? [] : [`retentionInDays is ${show(days)}: logs would be kept (and billed) forever`];
        },
    }),
    resourcePolicy({
        name: "cloudwatch-log-group-kms",
        controls: "seed 004 #8",
        description: "Log groups are encrypted with the stack's KMS key (kmsKeyId), whose policy allows logs.<region>.amazonaws.com.",
        enforcementLevel: "mandatory",
        resourceTypes: [LOG_GROUP],
        check: (p) => (isSet(p.kmsKeyId) ? [] : ["kmsKeyId is unset: the log group is not encrypted with the stack's KMS key"]),
    }),
    resourcePolicy({
        name: "sns-topic-kms",
        controls: "SNS.1",
        description: "SNS topics are encrypted at rest with a KMS key (kmsMasterKeyId).",
        enforcementLevel: "mandatory",
        resourceTypes: [TOPIC],
        check: (p) => (isSet(p.kmsMasterKeyId) ? [] : ["kmsMasterKeyId is unset: messages are stored unencrypted"]),
    }),
];
