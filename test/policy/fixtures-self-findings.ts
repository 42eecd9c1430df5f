/**
 * Fixtures of the self-finding policies (policy/rules/self-findings.ts): for each, a realistic
 * program that breaks it. The compliant scenarios are fixtures.ts's (awsConfig, web, resourcePolicies).
 */
import * as aws from "@pulumi/aws";
import { MOCK_ACCOUNT_ID } from "../../tooling/mock-runtime/mocks";
import type { PolicyFixture } from "./fixtures";

const document = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

export const SELF_FINDING_FIXTURES: Readonly<Record<string, PolicyFixture>> = {
    "config-recorder-service-linked-role": {
        // The recorder tap had before issue 25: a role of its own, which Config.1 fails.
        fail: (c) => new aws.cfg.Recorder(c.name("recorder"), {
            name: c.name("recorder"), roleArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/tap-dev-use1-config-role`,
            recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
        }),
        offender: "recorder",
        pass: "awsConfig",
    },
    "waf-logging-every-web-acl": {
        // The CDN's web ACL before issue 25: no logging configuration.
        fail: (c) => new aws.wafv2.WebAcl(c.name("cdn-web-acl"), {
            scope: "CLOUDFRONT", defaultAction: { allow: {} },
            visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "cdn", sampledRequestsEnabled: true },
        }),
        offender: "cdn-web-acl",
        pass: "web",
    },
    "resource-policies-own-account-only": {
        // The ALB log bucket before issue 25: us-east-1's ELB account writes the logs (Access Analyzer: shared).
        fail: (c) => {
            new aws.kms.Key(c.name("key"), { enableKeyRotation: true });
            new aws.s3.BucketPolicy(c.name("alb-logs-policy"), {
                bucket: "tap-fixture-alb-logs",
                policy: document({ Sid: "AlbAccessLogDelivery", Effect: "Allow", Principal: { AWS: "arn:aws:iam::127311923021:root" }, Action: "s3:PutObject", Resource: "arn:aws:s3:::tap-fixture-alb-logs/AWSLogs/*" }),
            });
        },
        offender: "alb-logs-policy",
        pass: "resourcePolicies",
    },
};
