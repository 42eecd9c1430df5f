/**
 * Fixtures of the deploy-readiness policies (policy/rules/readiness.ts): a compliant scenario (service
 * roles trusted as their guides say, RUNTIME_MONITORING declared whole, an Install that reboots, a
 * budget over the account) and for each policy the first-deploy defect it catches. Spread into fixtures.ts.
 */
import * as aws from "@pulumi/aws";
import { MOCK_ACCOUNT_ID } from "../../tooling/mock-runtime/mocks";
import type { FixtureContext, PolicyFixture } from "./fixture-kit";

const DETECTOR_ID = "0123456789abcdef0123456789abcdef";
const TOPIC_ARN = `arn:aws:sns:us-east-1:${MOCK_ACCOUNT_ID}:tap-fixture-alerts`;
const trust = (service: string, condition?: object) =>
    JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", ...(condition && { Condition: condition }) },
        ],
    });
const runtimeMonitoring = (c: FixtureContext, names: string[]) =>
    new aws.guardduty.DetectorFeature(c.name("runtime-monitoring"), {
        detectorId: DETECTOR_ID,
        name: "RUNTIME_MONITORING",
        status: "ENABLED",
        additionalConfigurations: names.map((name) => ({ name, status: name === "EC2_AGENT_MANAGEMENT" ? "ENABLED" : "DISABLED" })),
    });
const install = (c: FixtureContext, rebootOption: string) =>
    new aws.ssm.MaintenanceWindowTask(c.name("patch-install"), {
        windowId: "mw-0123456789abcdef0",
        taskType: "RUN_COMMAND",
        taskArn: "AWS-RunPatchBaseline",
        maxConcurrency: "1",
        maxErrors: "1",
        targets: [{ key: "WindowTargetIds", values: ["e32eecb2-646c-4f4b-8ed1-205fbexample"] }],
        taskInvocationParameters: {
            runCommandParameters: {
                parameters: [
                    { name: "Operation", values: ["Install"] },
                    { name: "RebootOption", values: [rebootOption] },
                ],
                outputS3Bucket: "tap-fixture-mgmt-logs",
            },
        },
    });
const budget = (c: FixtureContext, args: Partial<aws.budgets.BudgetArgs> = {}) =>
    new aws.budgets.Budget(c.name("budget"), {
        budgetType: "COST",
        timeUnit: "MONTHLY",
        limitAmount: "100.00",
        limitUnit: "USD",
        notifications: ["ACTUAL", "FORECASTED"].map((notificationType) => ({
            notificationType,
            threshold: 100,
            comparisonOperator: "GREATER_THAN",
            thresholdType: "PERCENTAGE",
            subscriberSnsTopicArns: [TOPIC_ARN],
        })),
        ...args,
    });

/** A state machine that logs to `logDestination` (StepFunctions.1 passes at ALL). */
const stateMachine = (c: FixtureContext, logDestination: string) =>
    new aws.sfn.StateMachine(c.name("machine"), {
        name: c.name("machine"),
        type: "EXPRESS",
        roleArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/tap-fixture-sfn`,
        definition: JSON.stringify({ StartAt: "Done", States: { Done: { Type: "Succeed" } } }),
        loggingConfiguration: { level: "ALL", includeExecutionData: false, logDestination },
    });
const logGroupArn = (name: string) => `arn:aws:logs:us-east-1:${MOCK_ACCOUNT_ID}:log-group:${name}`;

export const READINESS_SCENARIOS = {
    /** What a first real `up` and destroy get through: trusts as documented, echoed inputs whole, reboots, a budget that counts. */
    readiness: (c: FixtureContext) => {
        new aws.iam.Role(c.name("trail-logs-role"), { assumeRolePolicy: trust("cloudtrail.amazonaws.com") });
        new aws.iam.Role(c.name("config-role"), {
            assumeRolePolicy: trust("config.amazonaws.com", { StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID } }),
        });
        runtimeMonitoring(c, ["EKS_ADDON_MANAGEMENT", "ECS_FARGATE_AGENT_MANAGEMENT", "EC2_AGENT_MANAGEMENT"]);
        install(c, "RebootIfNeeded");
        budget(c);
        stateMachine(c, `${logGroupArn("/aws/vendedlogs/states/tap-fixture")}:*`);
    },
};

export const READINESS_FIXTURES: Readonly<Record<string, PolicyFixture>> = {
    "iam-service-trust-keys-sent": {
        // The confused-deputy condition CloudTrail's CloudWatch Logs role cannot have (CreateTrail: InvalidCloudWatchLogsRoleArnException).
        fail: (c) =>
            new aws.iam.Role(c.name("trail-logs-role"), {
                assumeRolePolicy: trust("cloudtrail.amazonaws.com", {
                    StringEquals: { "aws:SourceArn": `arn:aws:cloudtrail:us-east-1:${MOCK_ACCOUNT_ID}:trail/tap` },
                }),
            }),
        offender: "trail-logs-role",
        pass: "readiness",
    },
    "provider-echoed-inputs-declared-whole": {
        fail: (c) => runtimeMonitoring(c, ["EC2_AGENT_MANAGEMENT"]),
        offender: "runtime-monitoring",
        pass: "readiness",
    },
    "ssm-patch-install-reboots": {
        fail: (c) => install(c, "NoReboot"),
        offender: "patch-install",
        pass: "readiness",
    },
    "s3-object-lock-destroyable": {
        // Force-destroy over Object Lock the bucket's own state does not show: a dev destroy fails on the locked trail files.
        fail: (c) => {
            const bucket = new aws.s3.Bucket(c.name("trail-bucket"), { forceDestroy: true });
            new aws.s3.BucketObjectLockConfiguration(c.name("trail-bucket-object-lock"), {
                bucket: bucket.id,
                objectLockEnabled: "Enabled",
                rule: { defaultRetention: { mode: "GOVERNANCE", days: 7 } },
            });
        },
        offender: "trail-bucket",
        pass: "trail",
    },
    "sfn-log-destination-accepted": {
        // The log group's ARN as the provider exports it (no ':*') and a group of tap's own naming: CreateStateMachine refuses both.
        fail: (c) => stateMachine(c, logGroupArn("/tap/fixture/alert-ack")),
        offender: "machine",
        pass: "readiness",
    },
    "eventbridge-sfn-target-role": {
        // A rule that starts the alert state machine the way it sends to a topic: no role, which PutTargets refuses.
        fail: (c) =>
            new aws.cloudwatch.EventTarget(c.name("securityhub-to-machine"), {
                rule: c.name("securityhub-high"),
                arn: `arn:aws:states:us-east-1:${MOCK_ACCOUNT_ID}:stateMachine:tap-fixture-alert-ack`,
            }),
        offender: "securityhub-to-machine",
        pass: "acknowledgedAlerts",
    },
    "sfn-express-request-response": {
        // An EXPRESS machine that waits for a human's callback: CreateStateMachine refuses .waitForTaskToken in Express.
        fail: (c) =>
            new aws.sfn.StateMachine(c.name("machine"), {
                name: c.name("machine"),
                type: "EXPRESS",
                roleArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/tap-fixture-sfn`,
                definition: JSON.stringify({
                    StartAt: "AskOnCall",
                    States: {
                        AskOnCall: {
                            Type: "Task",
                            Resource: "arn:aws:states:::sns:publish.waitForTaskToken",
                            Parameters: { TopicArn: TOPIC_ARN, "Message.$": "$$.Task.Token" },
                            End: true,
                        },
                    },
                }),
                loggingConfiguration: {
                    level: "ALL",
                    includeExecutionData: false,
                    logDestination: `${logGroupArn("/aws/vendedlogs/states/tap-fixture-callback")}:*`,
                },
            }),
        offender: "machine",
        pass: "acknowledgedAlerts",
    },
    "budget-counts-from-first-day": {
        fail: (c) => budget(c, { filterExpression: { tags: { key: "Project", values: ["tap"], matchOptions: ["EQUALS"] } } }),
        offender: "budget",
        pass: "readiness",
    },
};
