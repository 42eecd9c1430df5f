/**
 * Fixtures of the self-finding policies (policy/rules/self-findings.ts): for each, a realistic
 * program that breaks it. The compliant scenarios are fixtures.ts's (awsConfig, web, resourcePolicies).
 */
import * as aws from "@pulumi/aws";
import { MOCK_ACCOUNT_ID } from "../../tooling/mock-runtime/mocks";
import type { FixtureContext, PolicyFixture } from "./fixture-kit";
import { detectionFindingEvents, SECURITY_HUB_FINDINGS } from "../../lib/detection/detection-events";
import { createFindingAcknowledgement } from "../../lib/monitoring/finding-acknowledgement";
import { FINDING_EVENTS } from "../../lib/monitoring/finding-events";

const KEY_ARN = `arn:aws:kms:us-east-1:${MOCK_ACCOUNT_ID}:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789`;

export const SELF_FINDING_SCENARIOS = {
    /** The stack's alert rules, with the patterns the program installs. */
    alerts: (c: FixtureContext) => {
        for (const event of [...FINDING_EVENTS, ...detectionFindingEvents(true)]) {
            new aws.cloudwatch.EventRule(c.name(event.id), { description: event.description, eventPattern: JSON.stringify(event.pattern) });
        }
    },
    /** The Security Hub alert rule and its acknowledging state machine, as SecurityAlarms builds them. */
    acknowledgedAlerts: (c: FixtureContext) => {
        const topic = new aws.sns.Topic(c.name("alerts"), { name: c.name("alerts"), kmsMasterKeyId: KEY_ARN });
        const ack = createFindingAcknowledgement(
            {
                namePrefix: c.name("ack"),
                topicArn: topic.arn,
                kmsKeyArn: KEY_ARN,
                logRetentionDays: 365,
                account: MOCK_ACCOUNT_ID,
                region: "us-east-1",
                partition: "aws",
            },
            {},
        );
        const rule = new aws.cloudwatch.EventRule(c.name(SECURITY_HUB_FINDINGS.id), {
            description: SECURITY_HUB_FINDINGS.description,
            eventPattern: JSON.stringify(SECURITY_HUB_FINDINGS.pattern),
        });
        new aws.cloudwatch.EventTarget(c.name("securityhub-to-alerts"), {
            rule: rule.name,
            arn: ack.stateMachine.arn,
            roleArn: ack.eventsRole(rule.arn).arn,
        });
    },
};

const document = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

export const SELF_FINDING_FIXTURES: Readonly<Record<string, PolicyFixture>> = {
    "config-recorder-service-linked-role": {
        // The recorder tap had before issue 25: a role of its own, which Config.1 fails.
        fail: (c) =>
            new aws.cfg.Recorder(c.name("recorder"), {
                name: c.name("recorder"),
                roleArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/tap-dev-use1-config-role`,
                recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
            }),
        offender: "recorder",
        pass: "awsConfig",
    },
    "waf-logging-every-web-acl": {
        // The CDN's web ACL before issue 25: no logging configuration.
        fail: (c) =>
            new aws.wafv2.WebAcl(c.name("cdn-web-acl"), {
                scope: "CLOUDFRONT",
                defaultAction: { allow: {} },
                visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "cdn", sampledRequestsEnabled: true },
            }),
        offender: "cdn-web-acl",
        pass: "web",
    },
    "securityhub-expected-result": {
        // A prod stack (its trail tagged Profile prod) subscribed to FSBP whose Auto Scaling group keeps EC2 health checks behind a load balancer: AutoScaling.1 expected to fail, unwaived.
        fail: (c) => {
            new aws.cloudtrail.Trail(c.name("trail"), {
                s3BucketName: "tap-fixture-trail",
                isMultiRegionTrail: true,
                enableLogFileValidation: true,
                tags: { Profile: "prod" },
            });
            new aws.securityhub.StandardsSubscription(c.name("standard-fsbp"), {
                standardsArn: "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0",
            });
            new aws.autoscaling.Group(c.name("asg"), {
                minSize: 1,
                maxSize: 2,
                healthCheckType: "EC2",
                vpcZoneIdentifiers: ["subnet-0a", "subnet-0b"],
                targetGroupArns: [`arn:aws:elasticloadbalancing:us-east-1:${MOCK_ACCOUNT_ID}:targetgroup/app/0123456789abcdef`],
                launchTemplate: { id: "lt-0123456789abcdef0", version: "1" },
            });
        },
        offender: "standard-fsbp",
        pass: "detection",
    },
    "alert-rules-news-only": {
        // The Config rule before issue 25: every NON_COMPLIANT evaluation, Security Hub's hundreds of rules included.
        fail: (c) =>
            new aws.cloudwatch.EventRule(c.name("config-noncompliant"), {
                eventPattern: JSON.stringify({
                    source: ["aws.config"],
                    "detail-type": ["Config Rules Compliance Change"],
                    detail: { newEvaluationResult: { complianceType: ["NON_COMPLIANT"] } },
                }),
            }),
        offender: "config-noncompliant",
        pass: "alerts",
    },
    "security-hub-alerts-acknowledge": {
        // The Security Hub rule before the acknowledging state machine: straight to the topic, NEW until someone marks it.
        fail: (c) => {
            const topic = new aws.sns.Topic(c.name("alerts"), { name: c.name("alerts"), kmsMasterKeyId: KEY_ARN });
            const rule = new aws.cloudwatch.EventRule(c.name("securityhub-high"), {
                eventPattern: JSON.stringify(SECURITY_HUB_FINDINGS.pattern),
            });
            new aws.cloudwatch.EventTarget(c.name("securityhub-high-to-alerts"), { rule: rule.name, arn: topic.arn });
        },
        offender: "securityhub-high-to-alerts",
        pass: "acknowledgedAlerts",
    },
    "stepfunctions-logging": {
        // A state machine as Step Functions creates it by default: logging OFF (StepFunctions.1 fails).
        fail: (c) =>
            new aws.sfn.StateMachine(c.name("machine"), {
                name: c.name("machine"),
                type: "EXPRESS",
                roleArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/tap-fixture-sfn`,
                definition: JSON.stringify({ StartAt: "Done", States: { Done: { Type: "Succeed" } } }),
                loggingConfiguration: { level: "OFF" },
            }),
        offender: "machine",
        pass: "acknowledgedAlerts",
    },
    "securityhub-finding-updates-narrowed": {
        // A finding updater narrowed with ForAllValues, which is true for a request that leaves Workflow alone: it may rewrite Severity.
        fail: (c) => {
            const role = new aws.iam.Role(c.name("alert-ack-role"), {
                assumeRolePolicy: document({ Effect: "Allow", Principal: { Service: "states.amazonaws.com" }, Action: "sts:AssumeRole" }),
            });
            new aws.iam.RolePolicy(c.name("mark-findings"), {
                role: role.id,
                policy: document({
                    Sid: "MarkFindingsNotified",
                    Effect: "Allow",
                    Action: "securityhub:BatchUpdateFindings",
                    Resource: `arn:aws:securityhub:us-east-1:${MOCK_ACCOUNT_ID}:hub/default`,
                    Condition: { "ForAllValues:StringEquals": { "securityhub:ASFFSyntaxPath/Workflow.Status": ["NOTIFIED"] } },
                }),
            });
        },
        offender: "mark-findings",
        pass: "acknowledgedAlerts",
    },
    "resource-policies-own-account-only": {
        // The ALB log bucket before issue 25: us-east-1's ELB account writes the logs (Access Analyzer: shared).
        fail: (c) => {
            new aws.kms.Key(c.name("key"), { enableKeyRotation: true });
            new aws.s3.BucketPolicy(c.name("alb-logs-policy"), {
                bucket: "tap-fixture-alb-logs",
                policy: document({
                    Sid: "AlbAccessLogDelivery",
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::127311923021:root" },
                    Action: "s3:PutObject",
                    Resource: "arn:aws:s3:::tap-fixture-alb-logs/AWSLogs/*",
                }),
            });
        },
        offender: "alb-logs-policy",
        pass: "resourcePolicies",
    },
};
