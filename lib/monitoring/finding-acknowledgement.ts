/**
 * Security Hub alerts that acknowledge themselves (issue 25: "none for re-evaluations" without a
 * human step). Security Hub re-imports a failing control finding at every check ("Security Hub
 * CSPM generates a single finding or finding update for each security check of a control", user
 * guide, "Generating and updating control findings") and sends every import to EventBridge
 * ("Security Hub sends new findings and updated findings to EventBridge as events"); the finding
 * stays Workflow NEW until someone changes it. So the alert rule's target is not the topic but an
 * EXPRESS state machine, no Lambda: it publishes the event to the alert topic (the SNS optimized
 * integration) and then marks the finding NOTIFIED (the AWS SDK integration, BatchUpdateFindings).
 *
 * What that buys, in AWS's words:
 * - the next checks leave it NOTIFIED: "If you update the workflow status of a periodic control
 *   finding, and then in the next check the compliance status of the finding stays the same, the
 *   workflow status remains in its modified state" (user guide, "Schedule for running security checks");
 * - a finding that passes is RESOLVED by Security Hub ("PASSED - ... automatically sets the Security
 *   Hub CSPM Workflow.Status to RESOLVED"), and one that fails again is news again: "If the compliance
 *   status for a finding changes from PASSED to FAILED, WARNING, or NOT_AVAILABLE, and Workflow.Status
 *   was either NOTIFIED or RESOLVED, Security Hub CSPM automatically changes Workflow.Status to NEW"
 *   (user guide, "Evaluating compliance status and control status");
 * - the update is itself imported as an event ("When Security Hub CSPM receives a BatchUpdateFindings
 *   request to update a finding, it automatically generates a Security Hub Findings - Imported event",
 *   user guide, "BatchUpdateFindings for customers"), with Workflow NOTIFIED: the rule (NEW only) lets
 *   it pass by, so there is no loop;
 * - with cross-Region aggregation, the update made in the aggregation region reaches the finding's
 *   own region: "Updates that occur in the aggregation Region are replicated to the linked Region"
 *   (user guide, "Creating and updating findings").
 * Order: publish first, acknowledge second. A publish that fails leaves the finding NEW, so the next
 * check alerts again (nothing is lost); an acknowledgement that fails sends it twice at worst. EXPRESS
 * executions are at-least-once (Step Functions developer guide, "Choosing workflow type"): a rare
 * duplicate, never a miss.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The workflow status the state machine sets, and the note it leaves on the finding. */
export const ACKNOWLEDGED_STATUS = "NOTIFIED";
export const ACKNOWLEDGEMENT_NOTE =
    "Sent to the alert topic by tap's alert state machine; Security Hub sets it NEW again if it fails after passing.";

/**
 * StepFunctions.1 (Medium): the state machine logs to CloudWatch Logs. ALL, without execution data
 * (the finding's content stays out of the log; the event is on the topic). The control passes with
 * any level but OFF when its `logLevel` parameter is unset (Security Hub controls for Step Functions).
 */
export const ACKNOWLEDGER_LOG_LEVEL = "ALL";

/**
 * The log group's name: Step Functions writes through CloudWatch Logs' vended delivery, which grows
 * a resource policy on the log groups; "We suggest prefixing your CloudWatch log group name with
 * /aws/vendedlogs/states/" is Step Functions' answer when that policy is full (InvalidLoggingConfiguration,
 * aws/aws-cdk#28900; Step Functions developer guide, "Best practices: Logging to CloudWatch Logs").
 */
export const acknowledgerLogGroupName = (namePrefix: string) => `/aws/vendedlogs/states/${namePrefix}-alert-ack`;

/** A Retry that outlasts a throttle or a brief outage of the called service (Amazon States Language, "Retry"). */
const RETRY = [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }];

/**
 * The state machine's definition (Amazon States Language), a pure function of the topic: publish the
 * event, then set the finding NOTIFIED; fail (a logged, counted error) when Security Hub reports it
 * unprocessed. One finding per event: "Each event sends a single finding" (user guide, "EventBridge
 * event formats for Security Hub CSPM").
 */
export function acknowledgingDefinition(partition: string, topicArn: string): object {
    return {
        Comment:
            "tap (issue 25): send a newly failing Security Hub finding to the alert topic, then mark it NOTIFIED so its re-evaluations are no news",
        StartAt: "PublishToAlertTopic",
        States: {
            PublishToAlertTopic: {
                Type: "Task",
                // Step Functions developer guide, "Call Amazon SNS with Step Functions" (optimized integration).
                Resource: `arn:${partition}:states:::sns:publish`,
                Parameters: { TopicArn: topicArn, "Message.$": "States.JsonToString($)" },
                ResultPath: null,
                Retry: RETRY,
                Next: "MarkNotified",
            },
            MarkNotified: {
                Type: "Task",
                // Step Functions developer guide, "Integrating services with the AWS SDK" (arn:aws:states:::aws-sdk:<service>:<action>).
                Resource: `arn:${partition}:states:::aws-sdk:securityhub:batchUpdateFindings`,
                Parameters: {
                    FindingIdentifiers: [{ "Id.$": "$.detail.findings[0].Id", "ProductArn.$": "$.detail.findings[0].ProductArn" }],
                    Workflow: { Status: ACKNOWLEDGED_STATUS },
                    Note: { Text: ACKNOWLEDGEMENT_NOTE, UpdatedBy: "tap-alert-ack" },
                },
                Retry: RETRY,
                Next: "Acknowledged",
            },
            // BatchUpdateFindings answers 200 with the findings it could not update in UnprocessedFindings (API reference).
            Acknowledged: {
                Type: "Choice",
                Choices: [{ Variable: "$.UnprocessedFindings[0]", IsPresent: true, Next: "NotAcknowledged" }],
                Default: "Done",
            },
            NotAcknowledged: {
                Type: "Fail",
                Error: "FindingNotAcknowledged",
                Cause: "Security Hub left the finding unprocessed: its next check alerts again",
            },
            Done: { Type: "Succeed" },
        },
    };
}

export interface FindingAcknowledgementArgs {
    readonly namePrefix: string;
    /** The region's alert topic, which the state machine publishes to. */
    readonly topicArn: pulumi.Input<string>;
    /** The stack key: it encrypts the topic (SNS.1) and the state machine's log group. */
    readonly kmsKeyArn: pulumi.Input<string>;
    readonly logRetentionDays: number;
    readonly account: pulumi.Input<string>;
    readonly region: pulumi.Input<string>;
    readonly partition: pulumi.Input<string>;
}

/** What the alert rule's target needs: the state machine, and the role EventBridge starts it with. */
export interface FindingAcknowledgement {
    readonly stateMachine: aws.sfn.StateMachine;
    readonly logGroup: aws.cloudwatch.LogGroup;
    /** The role EventBridge assumes to start an execution (EventBridge user guide, "Using IAM roles to send events to targets"). */
    readonly eventsRole: (ruleArn: pulumi.Input<string>) => aws.iam.Role;
}

/** The log group, the state machine's role and the EXPRESS state machine (children of `child.parent`). */
export function createFindingAcknowledgement(
    args: FindingAcknowledgementArgs,
    child: pulumi.CustomResourceOptions,
): FindingAcknowledgement {
    const prefix = args.namePrefix;
    const name = `${prefix}-alert-ack`;
    const stateMachineArn = pulumi.interpolate`arn:${args.partition}:states:${args.region}:${args.account}:stateMachine:${name}`;
    const logGroup = new aws.cloudwatch.LogGroup(
        `${prefix}-alert-ack-logs`,
        {
            name: acknowledgerLogGroupName(prefix),
            retentionInDays: args.logRetentionDays,
            kmsKeyId: args.kmsKeyArn,
        },
        child,
    );
    const role = new aws.iam.Role(
        `${prefix}-alert-ack-role`,
        {
            description: `Lets state machine ${name} publish to the alert topic and mark the finding NOTIFIED`,
            // Step Functions developer guide, "Cross-service confused deputy prevention": the trust names the
            // state machine (aws:SourceArn) and the account (aws:SourceAccount).
            assumeRolePolicy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "ThisStateMachineOnly",
                        Effect: "Allow",
                        Principal: { Service: "states.amazonaws.com" },
                        Action: "sts:AssumeRole",
                        Condition: { StringEquals: { "aws:SourceAccount": args.account }, ArnEquals: { "aws:SourceArn": stateMachineArn } },
                    },
                ],
            }),
        },
        child,
    );
    const rolePolicy = new aws.iam.RolePolicy(
        `${prefix}-alert-ack-policy`,
        {
            role: role.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    { Sid: "PublishToTheAlertTopic", Effect: "Allow", Action: "sns:Publish", Resource: args.topicArn },
                    {
                        // SNS developer guide, "Encryption at rest": a publisher to an encrypted topic needs
                        // kms:GenerateDataKey* and kms:Decrypt on its key; only through SNS here.
                        Sid: "EncryptForTheTopic",
                        Effect: "Allow",
                        Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
                        Resource: args.kmsKeyArn,
                        Condition: { StringEquals: { "kms:ViaService": pulumi.interpolate`sns.${args.region}.amazonaws.com` } },
                    },
                    {
                        // Service Authorization Reference, Security Hub: BatchUpdateFindings takes the `hub` resource
                        // (arn:${Partition}:securityhub:${Region}:${Account}:hub/default) and the condition key
                        // securityhub:ASFFSyntaxPath/${ASFFSyntaxPath} ("Filters access by the specified fields and
                        // values in the request"): this region's hub, setting Workflow.Status to NOTIFIED only.
                        // AWS's guide shows the key in Denies ("BatchUpdateFindings for customers", configuring access); IAM
                        // evaluates a request's condition keys alike in an Allow, and schubergphilis/terraform-aws-mcaf-securityhub-findings-manager
                        // allows with it. UNCONFIRMED against a live account. StringEquals, not ForAllValues (true without the key):
                        // pack rule securityhub-finding-updates-narrowed; sfn-permissions simulates the task's request against it.
                        Sid: "MarkFindingsNotifiedOnly",
                        Effect: "Allow",
                        Action: "securityhub:BatchUpdateFindings",
                        Resource: pulumi.interpolate`arn:${args.partition}:securityhub:${args.region}:${args.account}:hub/default`,
                        Condition: { StringEquals: { "securityhub:ASFFSyntaxPath/Workflow.Status": ACKNOWLEDGED_STATUS } },
                    },
                    {
                        // StepFunctions.1 logging: Step Functions developer guide, "Using CloudWatch Logs to log execution
                        // history", IAM policy example: "you need to specify * in the Resource field. CloudWatch API
                        // actions, such as CreateLogDelivery and DescribeLogGroups, do not support Resource types".
                        // Held to this region (aws:RequestedRegion, the key the workload boundary already conditions every call on).
                        // CreateStateMachine checks these on this role ("The state machine IAM Role is not authorized to access the
                        // Log Destination", aws/aws-cdk#26432; readiness rule sfn-permissions). UNCONFIRMED: the request context of
                        // that check; if a real create fails with that message, drop the aws:RequestedRegion condition first.
                        Sid: "VendedLogDelivery",
                        Effect: "Allow",
                        Action: [
                            "logs:CreateLogDelivery",
                            "logs:GetLogDelivery",
                            "logs:UpdateLogDelivery",
                            "logs:DeleteLogDelivery",
                            "logs:ListLogDeliveries",
                            "logs:PutResourcePolicy",
                            "logs:DescribeResourcePolicies",
                            "logs:DescribeLogGroups",
                        ],
                        Resource: "*",
                        Condition: { StringEquals: { "aws:RequestedRegion": args.region } },
                    },
                ],
            }),
        },
        child,
    );
    const stateMachine = new aws.sfn.StateMachine(
        name,
        {
            name,
            type: "EXPRESS",
            roleArn: role.arn,
            definition: pulumi
                .all([args.partition, args.topicArn])
                .apply(([partition, topic]) => JSON.stringify(acknowledgingDefinition(partition, topic))),
            loggingConfiguration: {
                level: ACKNOWLEDGER_LOG_LEVEL, // StepFunctions.1
                includeExecutionData: false,
                // "Log Group ARN must be provided with '*' qualifier" (InvalidLoggingConfiguration, terraform-provider-aws#17682).
                logDestination: pulumi.interpolate`${logGroup.arn}:*`,
            },
        },
        { ...child, dependsOn: [rolePolicy] },
    ); // its first execution finds the role's permissions in place
    const eventsRole = (ruleArn: pulumi.Input<string>) => {
        const events = new aws.iam.Role(
            `${prefix}-alert-ack-events-role`,
            {
                description: `Lets the Security Hub alert rule start state machine ${name}`,
                // EventBridge user guide, "Preventing the confused deputy problem": aws:SourceArn (the rule) and aws:SourceAccount.
                assumeRolePolicy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "TheAlertRuleOnly",
                            Effect: "Allow",
                            Principal: { Service: "events.amazonaws.com" },
                            Action: "sts:AssumeRole",
                            Condition: { StringEquals: { "aws:SourceAccount": args.account }, ArnEquals: { "aws:SourceArn": ruleArn } },
                        },
                    ],
                }),
            },
            child,
        );
        new aws.iam.RolePolicy(
            `${prefix}-alert-ack-events-policy`,
            {
                role: events.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        { Sid: "StartTheAlertStateMachine", Effect: "Allow", Action: "states:StartExecution", Resource: stateMachine.arn },
                    ],
                }),
            },
            child,
        );
        return events;
    };
    return { stateMachine, logGroup, eventsRole };
}
