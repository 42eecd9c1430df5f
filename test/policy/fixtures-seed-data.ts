/**
 * Fixtures of the seeds' data and alerting policies (policy/rules/seed-data.ts): a compliant app
 * data bucket (tagged, SSE-KMS, the program's denies, backed up, its objects' events recorded) and a
 * prod stack whose alert topic has a subscriber, and for each policy a realistic program that breaks
 * it. Spread into fixtures.ts.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { APP_DATA_TAG } from "../../lib/data/vocabulary";
import { MOCK_ACCOUNT_ID } from "../../tooling/mock-runtime/mocks";
import type { FixtureContext, PolicyFixture } from "./fixture-kit";
import { backedUp, secureBucket, TRAIL, trailWithBucket } from "./fixture-kit";

const KEY_ARN = `arn:aws:kms:us-east-1:${MOCK_ACCOUNT_ID}:key/11111111-2222-3333-4444-555555555555`;
const APP_ROLE_ARN = `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/tap-fixture-app-role`;
const TAGS = { [APP_DATA_TAG.key]: APP_DATA_TAG.value };

/** The app data bucket's statements (lib/data/app-data-bucket.ts), but the ones `without` names. */
const appDataStatements =
    (without: readonly string[] = []) =>
    (b: aws.s3.Bucket) =>
        [
            {
                Sid: "DenyUploadsUnderAnotherEncryption",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:PutObject",
                Resource: pulumi.interpolate`${b.arn}/*`,
                Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": "aws:kms" } },
            },
            {
                Sid: "DenyUploadsUnderAnotherKey",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:PutObject",
                Resource: pulumi.interpolate`${b.arn}/*`,
                Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption-aws-kms-key-id": KEY_ARN } },
            },
            {
                Sid: "DenyObjectAccessButTheAppRole",
                Effect: "Deny",
                Principal: "*",
                Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"],
                Resource: pulumi.interpolate`${b.arn}/*`,
                Condition: { ArnNotEquals: { "aws:PrincipalArn": [APP_ROLE_ARN] } },
            },
        ].filter((s) => !without.includes(s.Sid));

const appData = (c: FixtureContext, opts: { without?: readonly string[]; sseS3?: boolean } = {}) =>
    secureBucket(c, "app-data", { tags: TAGS, sseS3: opts.sseS3, extraStatements: appDataStatements(opts.without) }).bucket;

export const SEED_DATA_SCENARIOS = {
    /** The app data bucket as the program builds it, backed up, a trail recording its objects' events. */
    // Lowercase names: the trail bucket of trailWithBucket is named after the scenario, and S3 names are lowercase.
    appdata: (c: FixtureContext) => {
        const bucket = appData(c);
        backedUp(c, [bucket.arn]);
        trailWithBucket(c);
    },
    /** A prod stack (its trail tagged Profile: prod) whose alert topic has an email subscriber. */
    prodalerts: (c: FixtureContext) => {
        trailWithBucket(c, { tags: { Profile: "prod" } });
        const topic = new aws.sns.Topic(c.name("alerts"), { kmsMasterKeyId: KEY_ARN });
        new aws.sns.TopicSubscription(c.name("alerts-email"), { topic: topic.arn, protocol: "email", endpoint: "secops@example.com" });
    },
};

export const SEED_DATA_FIXTURES: Readonly<Record<string, PolicyFixture>> = {
    "app-data-bucket-kms": {
        // Seed 002: SSE-S3 where the seed asks for the stack's KMS key.
        fail: (c) => {
            appData(c, { sseS3: true });
        },
        offender: "app-data",
        pass: "appdata",
    },
    "app-data-bucket-denies-other-encryption": {
        fail: (c) => {
            appData(c, { without: ["DenyUploadsUnderAnotherEncryption"] });
        },
        offender: "app-data",
        pass: "appdata",
    },
    "app-data-bucket-app-role-only": {
        // Anyone with s3:GetObject in IAM could read the app's data.
        fail: (c) => {
            appData(c, { without: ["DenyObjectAccessButTheAppRole"] });
        },
        offender: "app-data",
        pass: "appdata",
    },
    "app-data-bucket-object-events": {
        // The trail records management events only.
        fail: (c) => {
            appData(c);
            new aws.cloudtrail.Trail(c.name("trail"), { ...TRAIL, name: c.name("trail") });
        },
        offender: "app-data",
        pass: "appdata",
    },
    "app-data-bucket-backed-up": {
        // The plan selects another resource only.
        fail: (c) => {
            appData(c);
            backedUp(c, [`arn:aws:rds:us-east-1:${MOCK_ACCOUNT_ID}:db:tap-db`]);
        },
        offender: "app-data",
        pass: "appdata",
    },
    "alert-topics-subscribed-in-prod": {
        // Seed 002 #8: a prod topic nobody reads.
        fail: (c) => {
            new aws.cloudtrail.Trail(c.name("trail"), { ...TRAIL, name: c.name("trail"), tags: { Profile: "prod" } });
            new aws.sns.Topic(c.name("alerts"), { kmsMasterKeyId: KEY_ARN });
        },
        offender: "alerts",
        pass: "prodalerts",
    },
};
