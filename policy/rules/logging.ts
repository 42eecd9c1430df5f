/** CloudWatch Logs, SNS and Step Functions: log groups that expire and are encrypted, encrypted alert topics, state machines that log. */
import { resourcePolicy, TapPolicy } from "../types";
import { at, isSet, isUnknown, show } from "../values";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const TOPIC = "aws:sns/topic:Topic";
const STATE_MACHINE = "aws:sfn/stateMachine:StateMachine";

/**
 * The levels that log failed executions: Step Functions logs nothing at OFF (its default) and only
 * aborted or timed-out executions at FATAL (Step Functions developer guide, "Log levels").
 * StepFunctions.1 fails with no logging configuration at all (Security Hub controls for Step Functions).
 */
export const STATE_MACHINE_LOG_LEVELS = ["ALL", "ERROR"] as const;

export const LOGGING_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "cloudwatch-log-group-retention",
        controls: "CloudWatch.16; seed 002 #8",
        description: 'Log groups have a retention period (retentionInDays, from tap:logRetentionDays), never "never expire".',
        enforcementLevel: "mandatory",
        resourceTypes: [LOG_GROUP],
        check: (p) => {
            const days = p.retentionInDays;
            return isUnknown(days) || (typeof days === "number" && days > 0)
                ? []
                : [`retentionInDays is ${show(days)}: logs would be kept (and billed) forever`];
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
    resourcePolicy({
        name: "stepfunctions-logging",
        controls: "StepFunctions.1",
        description:
            "Step Functions state machines log their executions to a CloudWatch log group at level ALL or ERROR (loggingConfiguration).",
        enforcementLevel: "mandatory",
        resourceTypes: [STATE_MACHINE],
        check: (p) => {
            const logging = p.loggingConfiguration;
            if (isUnknown(logging)) return [];
            const level = at(logging, "level");
            const destination = at(logging, "logDestination");
            const problems: string[] = [];
            if (!isUnknown(level) && !(STATE_MACHINE_LOG_LEVELS as readonly unknown[]).includes(level))
                problems.push(
                    `loggingConfiguration.level is ${show(level)}: ${STATE_MACHINE_LOG_LEVELS.join(" or ")} (StepFunctions.1 fails without logging, and FATAL leaves failed executions out)`,
                );
            if (!isSet(destination))
                problems.push("loggingConfiguration.logDestination is unset: no log group receives the executions (StepFunctions.1)");
            return problems;
        },
    }),
];
