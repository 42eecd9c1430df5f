/** SecureBucket on its own: a tiny program of two or three buckets, so each option is tested in isolation. */
import * as aws from "@pulumi/aws";
import { runOnMocks } from "../../tooling/mock-runtime/harness";
import { TapMocks } from "../../tooling/mock-runtime/mocks";
import { SecureBucket, SecureBucketArgs } from "../../lib/security/secure-bucket";
import { bucketProtections } from "../security-checks";
import { one, ofType, Plan, nonEmpty } from "../support";

const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
const SOURCES = { accountId: "123456789012", bucketArnLike: "arn:aws:s3:::unit-*" };
const BUCKET = "aws:s3/bucket:Bucket";

type Extra = Partial<Omit<SecureBucketArgs, "provider">>;

/** Plans an access-log bucket `unit-access-logs` and a bucket `unit-data` logging into it, with `data` options. */
function planBuckets(data: Extra = {}, accessLogs: Extra = {}, mocks?: TapMocks): Promise<Plan> {
    return runOnMocks(
        () => {
            const provider = new aws.Provider("aws-unit", { region: "us-east-1" });
            const logs = new SecureBucket("unit-access-logs", {
                bucketName: "unit-access-logs-123456789012",
                acceptsAccessLogsFrom: SOURCES,
                provider,
                ...accessLogs,
            });
            new SecureBucket("unit-data", {
                bucketName: "unit-data-123456789012",
                kmsKeyArn: KEY_ARN,
                accessLogsBucket: logs,
                provider,
                ...data,
            });
            return {};
        },
        { stack: "unit", mocks },
    );
}

describe("SecureBucket defaults", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planBuckets();
    });
    const bucket = (suffix: string) => one(plan, BUCKET, suffix);

    it("encrypts with the given customer key (SSE-KMS, bucket key on) by default", () => {
        const sse = one(plan, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "unit-data-sse");
        expect(sse.inputs.bucket).toBe(bucket("unit-data").id);
        expect(sse.inputs.rules).toEqual([
            { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN }, bucketKeyEnabled: true },
        ]);
    });

    it("gives every bucket versioning, all four public-access blocks, BucketOwnerEnforced and a TLS-only policy", () => {
        for (const b of nonEmpty(ofType(plan, BUCKET))) {
            expect([b.name, bucketProtections(plan, b)]).toEqual([
                b.name,
                expect.objectContaining({
                    versioning: "Enabled",
                    publicAccessBlock: {
                        blockPublicAcls: true,
                        blockPublicPolicy: true,
                        ignorePublicAcls: true,
                        restrictPublicBuckets: true,
                    },
                    objectOwnership: "BucketOwnerEnforced",
                    deniesInsecureTransport: true,
                }),
            ]);
        }
    });

    it("also denies TLS older than 1.2", () => {
        const deny = bucketProtections(plan, bucket("unit-data")).statements.find((s) => s.Sid === "DenyOutdatedTls");
        expect(deny).toMatchObject({
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
        });
    });

    it("uses no ACL resource and none of the bucket's deprecated inline settings", () => {
        expect(plan.resources.filter((r) => /^aws:s3\/bucketAcl|V2:/.test(r.type))).toEqual([]);
        for (const b of nonEmpty(ofType(plan, BUCKET))) {
            for (const inline of [
                "acl",
                "grants",
                "versioning",
                "serverSideEncryptionConfiguration",
                "logging",
                "lifecycleRules",
                "policy",
            ]) {
                expect([b.name, inline, b.inputs[inline]]).toEqual([b.name, inline, undefined]);
            }
        }
    });

    it("logs the data bucket's server access into the access-log bucket, under its own prefix", () => {
        const logging = ofType(plan, "aws:s3/bucketLogging:BucketLogging");
        expect(logging).toHaveLength(1);
        expect(logging[0].inputs).toMatchObject({
            bucket: bucket("unit-data").id,
            targetBucket: bucket("unit-access-logs").id,
            targetPrefix: "unit-data/",
        });
        expect(logging[0].dependsOn).toEqual([one(plan, "aws:s3/bucketPolicy:BucketPolicy", "unit-access-logs-policy").urn]);
    });

    it("keeps the access-log bucket on SSE-S3 (log delivery cannot use SSE-KMS) and never logs it into itself", () => {
        const logs = bucketProtections(plan, bucket("unit-access-logs"));
        expect(logs.sseAlgorithm).toBe("AES256");
        expect(logs.kmsMasterKeyId).toBeUndefined();
        expect(logs.logsTo).toBeUndefined();
    });

    it("lets only S3 log delivery for this account's matching buckets write into the access-log bucket", () => {
        const b = bucket("unit-access-logs");
        const allows = bucketProtections(plan, b).statements.filter((s) => s.Effect === "Allow");
        expect(allows).toEqual([
            {
                Sid: "AllowS3ServerAccessLogDelivery",
                Effect: "Allow",
                Principal: { Service: "logging.s3.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `${String(b.state.arn)}/*`,
                Condition: {
                    ArnLike: { "aws:SourceArn": SOURCES.bucketArnLike },
                    StringEquals: { "aws:SourceAccount": SOURCES.accountId },
                },
            },
        ]);
        expect(bucketProtections(plan, bucket("unit-data")).statements.filter((s) => s.Effect === "Allow")).toEqual([]);
    });

    it("writes the bucket policy only after the public access block and ownership controls", () => {
        const policy = one(plan, "aws:s3/bucketPolicy:BucketPolicy", "unit-data-policy");
        expect(policy.dependsOn).toEqual(
            expect.arrayContaining([
                one(plan, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "unit-data-public-access-block").urn,
                one(plan, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "unit-data-ownership").urn,
            ]),
        );
    });

    it("keeps objects on destroy unless told otherwise, and sets no lifecycle unless asked", () => {
        for (const b of nonEmpty(ofType(plan, BUCKET))) expect([b.name, b.inputs.forceDestroy]).toEqual([b.name, false]);
        expect(ofType(plan, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")).toEqual([]);
    });
});

describe("SecureBucket options", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planBuckets({
            encryption: "SSE-S3",
            kmsKeyArn: undefined,
            forceDestroy: true,
            logLifecycle: { expireAfterDays: 400 },
            extraStatements: (arn) => [
                {
                    Sid: "AWSCloudTrailAclCheck",
                    Effect: "Allow",
                    Principal: { Service: "cloudtrail.amazonaws.com" },
                    Action: "s3:GetBucketAcl",
                    Resource: arn,
                },
                {
                    Sid: "AWSCloudTrailWrite",
                    Effect: "Allow",
                    Principal: { Service: "cloudtrail.amazonaws.com" },
                    Action: "s3:PutObject",
                    Resource: arn.apply((a) => `${a}/AWSLogs/123456789012/*`),
                },
            ],
        });
    });
    const data = () => one(plan, BUCKET, "unit-data");

    it("SSE-S3: AES256 and no key", () => {
        expect(bucketProtections(plan, data())).toMatchObject({ sseAlgorithm: "AES256", kmsMasterKeyId: undefined });
    });

    it("merges the caller's statements after the TLS denies, built from this bucket's ARN", () => {
        const arn = String(data().state.arn);
        const statements = bucketProtections(plan, data()).statements;
        expect(statements.map((s) => s.Sid)).toEqual([
            "DenyInsecureTransport",
            "DenyOutdatedTls",
            "AWSCloudTrailAclCheck",
            "AWSCloudTrailWrite",
        ]);
        expect(statements[2].Resource).toBe(arn);
        expect(statements[3].Resource).toBe(`${arn}/AWSLogs/123456789012/*`);
        expect(bucketProtections(plan, data()).deniesInsecureTransport).toBe(true);
    });

    it("log lifecycle: Standard-IA at 30 days, Glacier at 90, expiry (current and noncurrent) as configured", () => {
        const rules = bucketProtections(plan, data()).lifecycleRules!;
        expect(rules).toHaveLength(1);
        expect(rules[0]).toMatchObject({
            status: "Enabled",
            filter: {},
            transitions: [
                { days: 30, storageClass: "STANDARD_IA" },
                { days: 90, storageClass: "GLACIER" },
            ],
            expiration: { days: 400 },
            noncurrentVersionExpiration: { noncurrentDays: 400 },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        });
    });

    it("forceDestroy when the environment allows teardown", () => {
        expect(data().inputs.forceDestroy).toBe(true);
    });
});

describe("SecureBucket refuses impossible combinations before creating anything", () => {
    it.each<[string, Extra, Extra, RegExp]>([
        ["SSE-KMS without a key", { kmsKeyArn: undefined }, {}, /unit-data: encryption SSE-KMS needs kmsKeyArn/],
        ["a key with SSE-S3", { encryption: "SSE-S3" }, {}, /unit-data: kmsKeyArn is set but encryption is SSE-S3/],
        [
            "an SSE-KMS access-log bucket",
            {},
            { encryption: "SSE-KMS", kmsKeyArn: KEY_ARN },
            /unit-access-logs: an access-log bucket \(acceptsAccessLogsFrom\) must use SSE-S3/,
        ],
        ["a bucket without access logging", { accessLogsBucket: undefined }, {}, /unit-data: accessLogsBucket is required \(S3.9/],
        [
            "a log expiry before the Glacier transition",
            { logLifecycle: { expireAfterDays: 90 } },
            {},
            /logLifecycle.expireAfterDays must be a whole number above 90/,
        ],
    ])("%s", async (_label, data, accessLogs, message) => {
        const mocks = new TapMocks("us-east-1");
        await expect(planBuckets(data, accessLogs, mocks)).rejects.toThrow(message);
        const failing = message.source.includes("unit-access-logs") ? "unit-access-logs" : "unit-data";
        expect(mocks.registrations.filter((r) => r.name.startsWith(failing))).toEqual([]);
    });

    it("an access-log bucket that would itself log elsewhere", async () => {
        await expect(
            runOnMocks(
                () => {
                    const provider = new aws.Provider("aws-unit", { region: "us-east-1" });
                    const first = new SecureBucket("unit-first", { bucketName: "unit-first", acceptsAccessLogsFrom: SOURCES, provider });
                    new SecureBucket("unit-second", {
                        bucketName: "unit-second",
                        acceptsAccessLogsFrom: SOURCES,
                        accessLogsBucket: first,
                        provider,
                    });
                    return {};
                },
                { stack: "unit" },
            ),
        ).rejects.toThrow(/unit-second: the access-log bucket must not log into another bucket/);
    });
});
