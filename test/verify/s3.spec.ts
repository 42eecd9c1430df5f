/**
 * S3 checks, per exported bucket, against the S3 API's answers (including its "not configured"
 * errors), built on the ones AWS documents (test/verify/fixtures/s3: the AWS CLI and API reference
 * examples). An empty answer (`{}`) is what S3 returns for versioning never set and logging off.
 */
import {
    GetBucketEncryptionCommand,
    GetBucketLoggingCommand,
    GetBucketOwnershipControlsCommand,
    GetBucketPolicyCommand,
    GetBucketVersioningCommand,
    GetPublicAccessBlockCommand,
    HeadBucketCommand,
    S3Client,
    S3ServiceException,
} from "@aws-sdk/client-s3";
import {
    bucketsAccessLogged,
    bucketsBlockPublicAccess,
    bucketsEncrypted,
    bucketsOwnerEnforced,
    bucketsTlsOnly,
    bucketsVersioned,
} from "../../tooling/verify/s3";
import { sdkResponse } from "./fixtures";
import { ACCOUNT, DEV_OUTPUTS, findings, KMS_KEY_ARN, mockedClients, outputs, REGION, TRAIL_ARN, verdicts } from "./support";

const LOGS = DEV_OUTPUTS.accessLogsBucketName;
const TRAIL = DEV_OUTPUTS.cloudTrailBucketName;

/** The error S3 answers for a setting never made, as the SDK throws it. */
const s3Error = (name: string, message: string, httpStatusCode = 404) =>
    new S3ServiceException({ name, $fault: "client", $metadata: { httpStatusCode }, message });

/** The policy a SecureBucket gets: TLS-only, plus (for the trail bucket) CloudTrail's statements. */
const securePolicy = (bucket: string, principal: unknown = "*", insecure: unknown = "false") =>
    JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: principal,
                Action: "s3:*",
                Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
                Condition: { Bool: { "aws:SecureTransport": insecure } },
            },
            {
                Sid: "AWSCloudTrailWrite",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `arn:aws:s3:::${bucket}/AWSLogs/${ACCOUNT}/*`,
                Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": TRAIL_ARN } },
            },
        ],
    });

const newMocks = () => mockedClients({ s3: new S3Client({ region: REGION }) });
let mocks: ReturnType<typeof newMocks>;
beforeEach(() => {
    mocks = newMocks();
});

describe("which buckets", () => {
    it("checks every output ending in BucketName and every name in bucketNames, once each", async () => {
        mocks.s3.on(GetBucketVersioningCommand).resolves(await sdkResponse("s3/GetBucketVersioning.cli-example"));
        const result = await findings(bucketsVersioned, mocks, outputs({ bucketNames: [TRAIL, "tap-dev-use1-static-a1b2c3"] }));
        expect(result.map((f) => f.resource)).toEqual([LOGS, TRAIL, "tap-dev-use1-static-a1b2c3"]);
        expect(
            mocks.s3
                .commandCalls(GetBucketVersioningCommand)
                .map((c) => c.args[0].input.Bucket)
                .sort(),
        ).toEqual([LOGS, TRAIL, "tap-dev-use1-static-a1b2c3"].sort());
    });

    it("skips the S3 checks of a stack that exports no bucket", async () => {
        const [finding] = await findings(bucketsVersioned, mocks, outputs({}, ["accessLogsBucketName", "cloudTrailBucketName"]));
        expect(finding).toMatchObject({
            status: "skipped",
            reason: "skipped: no bucket outputs in this stack (no output key ending in BucketName, no bucketNames)",
        });
    });

    it("fails only the bucket S3 refuses to describe, with the error", async () => {
        mocks.s3.on(GetBucketVersioningCommand, { Bucket: LOGS }).resolves(await sdkResponse("s3/GetBucketVersioning.cli-example"));
        mocks.s3.on(GetBucketVersioningCommand, { Bucket: TRAIL }).rejects(s3Error("AccessDenied", "Access Denied", 403));
        const result = await findings(bucketsVersioned, mocks);
        expect(verdicts(result)).toEqual([
            [LOGS, "pass"],
            [TRAIL, "fail"],
        ]);
        expect(result[1].reason).toBe("could not verify: AccessDenied on s3:GetBucketVersioning (AccessDenied: Access Denied)");
    });
});

describe("s3.encryption (SSE at rest, S3.17 with KMS)", () => {
    /** The documented SSE-KMS configuration with `key` as its KMSMasterKeyID (none: the AWS managed key aws/s3). */
    const withKey = (key: string | undefined) =>
        sdkResponse("s3/GetBucketEncryption.sse-kms-us-west-2", (b) => {
            b.ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.KMSMasterKeyID = key;
        });

    it("passes SSE-KMS with the stack key and SSE-S3 on the access-log bucket", async () => {
        mocks.s3.on(GetBucketEncryptionCommand, { Bucket: TRAIL }).resolves(await withKey(KMS_KEY_ARN));
        mocks.s3.on(GetBucketEncryptionCommand, { Bucket: LOGS }).resolves(await sdkResponse("s3/GetBucketEncryption.sse-s3"));
        const result = await findings(bucketsEncrypted, mocks);
        expect(result.map((f) => [f.resource, f.status, f.reason])).toEqual([
            [LOGS, "pass", "SSE-S3 (AES256): not S3.17, expected only for ALB and server access log buckets"],
            [TRAIL, "pass", `aws:kms with ${KMS_KEY_ARN} (the stack key)`],
        ]);
    });

    it("fails SSE-KMS with the AWS managed key or another key where the stack has its own", async () => {
        mocks.s3.on(GetBucketEncryptionCommand, { Bucket: LOGS }).resolves(await withKey(undefined));
        mocks.s3
            .on(GetBucketEncryptionCommand, { Bucket: TRAIL })
            .resolves(await withKey("arn:aws:kms:us-east-1:123456789012:key/0000aaaa-0000-0000-0000-000000000000"));
        const result = await findings(bucketsEncrypted, mocks);
        expect(result.map((f) => [f.status, f.reason])).toEqual([
            ["fail", "aws:kms with the AWS managed key aws/s3, not the stack key"],
            ["fail", "aws:kms with arn:aws:kms:us-east-1:123456789012:key/0000aaaa-0000-0000-0000-000000000000, not the stack key"],
        ]);
    });

    it("fails a bucket without a default encryption configuration", async () => {
        mocks.s3
            .on(GetBucketEncryptionCommand)
            .rejects(s3Error("ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not found"));
        expect((await findings(bucketsEncrypted, mocks)).map((f) => f.reason)).toEqual([
            "no default encryption configuration",
            "no default encryption configuration",
        ]);
    });
});

describe("s3.public-access-block (CIS 2.1.4 / S3.8)", () => {
    /** The documented block (all four flags on), with `edit` applied to its configuration. */
    const block = (edit: (c: Record<string, boolean | undefined>) => void = () => undefined) =>
        sdkResponse("s3/GetPublicAccessBlock.cli-example", (b) => edit(b.PublicAccessBlockConfiguration));

    it("passes all four flags on, fails the flags that are off, naming them", async () => {
        mocks.s3.on(GetPublicAccessBlockCommand, { Bucket: LOGS }).resolves(await block());
        mocks.s3
            .on(GetPublicAccessBlockCommand, { Bucket: TRAIL })
            .resolves(await block((c) => Object.assign(c, { BlockPublicPolicy: false, RestrictPublicBuckets: false })));
        const result = await findings(bucketsBlockPublicAccess, mocks);
        expect(verdicts(result)).toEqual([
            [LOGS, "pass"],
            [TRAIL, "fail"],
        ]);
        expect(result[1].reason).toBe("BlockPublicPolicy, RestrictPublicBuckets not set");
    });

    it("counts a flag the answer leaves out as off", async () => {
        mocks.s3.on(GetPublicAccessBlockCommand).resolves(
            await block((c) => {
                delete c.BlockPublicPolicy;
                delete c.RestrictPublicBuckets;
            }),
        );
        expect((await findings(bucketsBlockPublicAccess, mocks))[0]).toMatchObject({
            status: "fail",
            reason: "BlockPublicPolicy, RestrictPublicBuckets not set",
        });
    });

    it("fails a bucket with no public access block at all", async () => {
        mocks.s3
            .on(GetPublicAccessBlockCommand)
            .rejects(s3Error("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found"));
        expect((await findings(bucketsBlockPublicAccess, mocks))[0]).toMatchObject({
            status: "fail",
            reason: "no public access block on the bucket",
        });
    });
});

describe("s3.versioning (S3.14)", () => {
    it("fails suspended versioning and versioning never enabled", async () => {
        mocks.s3
            .on(GetBucketVersioningCommand, { Bucket: LOGS })
            .resolves(
                await sdkResponse("s3/GetBucketVersioning.cli-example", (b) =>
                    Object.assign(b, { Status: "Suspended", MFADelete: "Disabled" }),
                ),
            );
        mocks.s3.on(GetBucketVersioningCommand, { Bucket: TRAIL }).resolves({});
        expect((await findings(bucketsVersioned, mocks)).map((f) => [f.status, f.reason])).toEqual([
            ["fail", "versioning Suspended"],
            ["fail", "versioning never enabled"],
        ]);
    });
});

describe("s3.tls-only (CIS 2.1.1 / S3.5)", () => {
    it("passes the DenyInsecureTransport statement, however S3 renders principal and condition", async () => {
        mocks.s3.on(GetBucketPolicyCommand, { Bucket: LOGS }).resolves({ Policy: securePolicy(LOGS, { AWS: "*" }, ["false"]) });
        mocks.s3.on(GetBucketPolicyCommand, { Bucket: TRAIL }).resolves({ Policy: securePolicy(TRAIL) });
        const result = await findings(bucketsTlsOnly, mocks);
        expect(verdicts(result)).toEqual([
            [LOGS, "pass"],
            [TRAIL, "pass"],
        ]);
        expect(result[1].reason).toBe("statement DenyInsecureTransport denies requests with aws:SecureTransport false");
    });

    it("fails a policy whose deny covers only the objects, or only another bucket, or that merely allows", async () => {
        const objectsOnly = JSON.parse(securePolicy(LOGS));
        objectsOnly.Statement[0].Resource = `arn:aws:s3:::${LOGS}/*`;
        mocks.s3.on(GetBucketPolicyCommand, { Bucket: LOGS }).resolves({ Policy: JSON.stringify(objectsOnly) });
        mocks.s3.on(GetBucketPolicyCommand, { Bucket: TRAIL }).resolves({ Policy: securePolicy("some-other-bucket") });
        expect(verdicts(await findings(bucketsTlsOnly, mocks))).toEqual([
            [LOGS, "fail"],
            [TRAIL, "fail"],
        ]);

        const allowTls = JSON.parse(securePolicy(LOGS));
        allowTls.Statement[0].Effect = "Allow";
        allowTls.Statement[0].Condition.Bool["aws:SecureTransport"] = "true";
        mocks.s3.on(GetBucketPolicyCommand, { Bucket: LOGS }).resolves({ Policy: JSON.stringify(allowTls) });
        expect((await findings(bucketsTlsOnly, mocks))[0].status).toBe("fail");
    });

    it("fails a bucket without a policy", async () => {
        mocks.s3.on(GetBucketPolicyCommand).rejects(s3Error("NoSuchBucketPolicy", "The bucket policy does not exist"));
        expect((await findings(bucketsTlsOnly, mocks))[0]).toMatchObject({
            resource: LOGS,
            status: "fail",
            reason: "no bucket policy: plain-HTTP requests are not denied",
        });
    });
});

describe("s3.ownership (S3.12)", () => {
    it("passes BucketOwnerEnforced, fails BucketOwnerPreferred and missing controls", async () => {
        mocks.s3
            .on(GetBucketOwnershipControlsCommand, { Bucket: LOGS })
            .resolves(await sdkResponse("s3/GetBucketOwnershipControls.cli-example"));
        mocks.s3.on(GetBucketOwnershipControlsCommand, { Bucket: TRAIL }).resolves(
            await sdkResponse("s3/GetBucketOwnershipControls.cli-example", (b) => {
                b.OwnershipControls.Rules[0].ObjectOwnership = "BucketOwnerPreferred";
            }),
        );
        const result = await findings(bucketsOwnerEnforced, mocks);
        expect(result.map((f) => [f.status, f.reason])).toEqual([
            ["pass", "BucketOwnerEnforced: ACLs disabled"],
            ["fail", "ObjectOwnership BucketOwnerPreferred: ACLs still apply"],
        ]);

        mocks.s3
            .on(GetBucketOwnershipControlsCommand, { Bucket: TRAIL })
            .rejects(s3Error("OwnershipControlsNotFoundError", "The bucket ownership controls were not found"));
        expect((await findings(bucketsOwnerEnforced, mocks))[1]).toMatchObject({
            status: "fail",
            reason: "no ownership controls: ACLs are enabled",
        });
    });
});

describe("s3.access-logging (S3.9)", () => {
    /** The documented logging status with `target` and `prefix`. */
    const logsTo = (target: string, prefix: string) =>
        sdkResponse("s3/GetBucketLogging.cli-example", (b) =>
            Object.assign(b.LoggingEnabled, { TargetBucket: target, TargetPrefix: prefix }),
        );

    it("passes a bucket logging to the access-log bucket, and the access-log bucket not logging itself", async () => {
        mocks.s3.on(GetBucketLoggingCommand, { Bucket: LOGS }).resolves({});
        mocks.s3.on(GetBucketLoggingCommand, { Bucket: TRAIL }).resolves(await logsTo(LOGS, `${TRAIL}/`));
        expect((await findings(bucketsAccessLogged, mocks)).map((f) => [f.resource, f.status, f.reason])).toEqual([
            [LOGS, "pass", "the access-log bucket itself (not logged, by design)"],
            [TRAIL, "pass", `logs to ${LOGS}/${TRAIL}/`],
        ]);
    });

    it("fails a bucket logging into itself, one not logging, one logging elsewhere", async () => {
        mocks.s3.on(GetBucketLoggingCommand, { Bucket: LOGS }).resolves(await logsTo(LOGS, ""));
        mocks.s3.on(GetBucketLoggingCommand, { Bucket: TRAIL }).resolves({});
        mocks.s3.on(GetBucketLoggingCommand, { Bucket: "tap-dev-use1-static-a1b2c3" }).resolves(await logsTo("somebody-elses-logs", "x/"));
        const result = await findings(bucketsAccessLogged, mocks, outputs({ bucketNames: ["tap-dev-use1-static-a1b2c3"] }));
        expect(result.map((f) => [f.resource, f.status, f.reason])).toEqual([
            [LOGS, "fail", "logs into itself: every log write would be logged again"],
            [TRAIL, "fail", "server access logging is off"],
            ["tap-dev-use1-static-a1b2c3", "fail", `logs to somebody-elses-logs, not the access-log bucket ${LOGS}`],
        ]);
    });
});

describe("buckets judged on their own region's terms, and AWS's defaults (documented responses: test/verify/fixtures/s3)", () => {
    const BUCKET = "amzn-s3-demo-bucket";
    const WEST_KEY = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    /** A two-region stack whose only bucket is us-west-2's: its own key and access-log bucket under regions.us-west-2. */
    const twoRegions = () =>
        outputs(
            {
                accessLogsBucketName: undefined,
                cloudTrailBucketName: undefined,
                bucketNames: [BUCKET],
                regions: {
                    [REGION]: { kmsKeyArn: KMS_KEY_ARN, accessLogsBucketName: LOGS },
                    "us-west-2": { kmsKeyArn: WEST_KEY, accessLogsBucketName: "amzn-s3-demo-bucket-logs" },
                },
            },
            ["accessLogsBucketName", "cloudTrailBucketName", "managementLogsBucketName"],
        );
    beforeEach(async () => {
        mocks.s3.on(HeadBucketCommand).resolves(await sdkResponse("s3/HeadBucket.us-west-2"));
    });

    it("passes a us-west-2 bucket encrypted with us-west-2's key, not the primary's", async () => {
        mocks.s3.on(GetBucketEncryptionCommand).resolves(await sdkResponse("s3/GetBucketEncryption.sse-kms-us-west-2"));
        const [finding] = await findings(bucketsEncrypted, mocks, twoRegions());
        expect(finding).toMatchObject({
            resource: BUCKET,
            status: "pass",
            reason: `aws:kms with ${WEST_KEY} (the stack key (in us-west-2))`,
        });
        expect(mocks.s3.commandCalls(HeadBucketCommand)[0].args[0].input).toEqual({ Bucket: BUCKET });
    });

    it("passes a us-west-2 bucket logging to us-west-2's access-log bucket, not the primary's", async () => {
        mocks.s3.on(GetBucketLoggingCommand).resolves(await sdkResponse("s3/GetBucketLogging.cli-example"));
        expect(await findings(bucketsAccessLogged, mocks, twoRegions())).toEqual([
            expect.objectContaining({ status: "pass", reason: "logs to amzn-s3-demo-bucket-logs/ (in us-west-2)" }),
        ]);
    });

    it("fails a bucket in a region the stack does not deploy to", async () => {
        mocks.s3.on(GetBucketLoggingCommand).resolves(await sdkResponse("s3/GetBucketLogging.cli-example"));
        const elsewhere = outputs({ bucketNames: [BUCKET], regions: { [REGION]: {}, "eu-west-1": {} } }, [
            "accessLogsBucketName",
            "cloudTrailBucketName",
            "managementLogsBucketName",
        ]);
        expect((await findings(bucketsAccessLogged, mocks, elsewhere))[0]).toMatchObject({
            status: "fail",
            reason: expect.stringMatching(/is in us-west-2, not one of the stack's regions \(us-east-1, eu-west-1\)/),
        });
    });

    it("fails SSE-S3 (S3's default for every bucket since 2023) on a bucket the stack encrypts with its key; passes it on a log bucket the stack chose it for", async () => {
        mocks.s3.on(GetBucketEncryptionCommand).resolves(await sdkResponse("s3/GetBucketEncryption.sse-s3"));
        const chosen = (list: string[]) =>
            outputs({ bucketNames: [BUCKET], sseS3BucketNames: list }, [
                "accessLogsBucketName",
                "cloudTrailBucketName",
                "managementLogsBucketName",
            ]);
        expect((await findings(bucketsEncrypted, mocks, chosen([])))[0]).toMatchObject({
            status: "fail",
            reason: expect.stringMatching(/^SSE-S3 \(AES256, S3's default for every bucket\), not SSE-KMS with the stack key/),
        });
        expect((await findings(bucketsEncrypted, mocks, chosen([BUCKET])))[0]).toMatchObject({
            status: "pass",
            reason: "SSE-S3 (AES256), as the stack chose for this log bucket: not S3.17",
        });
    });

    it("passes the user guide's TLS-only policy, and fails it once another condition key narrows the Deny", async () => {
        const one = outputs({ bucketNames: [BUCKET] }, ["accessLogsBucketName", "cloudTrailBucketName", "managementLogsBucketName"]);
        mocks.s3.on(GetBucketPolicyCommand).resolves(await sdkResponse("s3/GetBucketPolicy.tls-only"));
        expect(verdicts(await findings(bucketsTlsOnly, mocks, one))).toEqual([[BUCKET, "pass"]]);
        mocks.s3.on(GetBucketPolicyCommand).resolves(await sdkResponse("s3/GetBucketPolicy.tls-only-narrowed"));
        expect(verdicts(await findings(bucketsTlsOnly, mocks, one))).toEqual([[BUCKET, "fail"]]);
    });
});
