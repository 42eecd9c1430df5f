import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** What an agent or service needs to write into a log group: its streams and their events. */
export const LOG_WRITE_ACTIONS = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"] as const;

/** An identity-policy statement letting a role write into this one log group and its streams, nothing else. */
export function writeLogGroupStatement(sid: string, logGroup: aws.cloudwatch.LogGroup) {
    return {
        Sid: sid,
        Effect: "Allow",
        Action: [...LOG_WRITE_ACTIONS],
        Resource: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:*`],
    };
}
