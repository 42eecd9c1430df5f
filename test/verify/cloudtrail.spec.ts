/** CloudTrail checks against DescribeTrails / GetTrailStatus / GetEventSelectors responses AWS documents (test/verify/fixtures/cloudTrail). */
import {
    CloudTrailClient,
    DescribeTrailsCommand,
    GetEventSelectorsCommand,
    DescribeTrailsResponse,
    GetTrailStatusCommand,
    GetTrailStatusResponse,
    Trail,
} from "@aws-sdk/client-cloudtrail";
import {
    trailKmsEncrypted,
    trailLogFileValidation,
    trailLogging,
    trailManagementEvents,
    trailMultiRegionAsConfigured,
    trailToCloudWatchLogs,
} from "../../tooling/verify/cloudtrail";
import { sdkResponse } from "./fixtures";
import { ACCOUNT, DEV_OUTPUTS, findings, KMS_KEY_ARN, KMS_KEY_ID, mockedClients, outputs, REGION, TRAIL_ARN, verdicts } from "./support";

const LOG_GROUP = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/tap/dev/cloudtrail:*`;
let documentedTrail: Trail;
let LOGGING: GetTrailStatusResponse;
beforeAll(async () => {
    documentedTrail = (await sdkResponse<DescribeTrailsResponse>("cloudTrail/DescribeTrails.cli-example")).trailList![0];
    LOGGING = await sdkResponse<GetTrailStatusResponse>("cloudTrail/GetTrailStatus.cli-example");
});
/** The AWS CLI example's Trail1 as the stack's trail: its name, ARN, bucket, key, log group, validation on. */
const trail = (overrides: Partial<Trail> = {}): Trail => {
    const { SnsTopicName: _topic, ...documented } = documentedTrail;
    return {
        ...documented,
        Name: "tap-dev-use1-trail",
        TrailARN: TRAIL_ARN,
        S3BucketName: DEV_OUTPUTS.cloudTrailBucketName,
        LogFileValidationEnabled: true,
        KmsKeyId: KMS_KEY_ARN,
        CloudWatchLogsLogGroupArn: LOG_GROUP,
        CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/tap-dev-use1-trail-logs`,
        ...overrides,
    };
};

const newMocks = () => mockedClients({ cloudTrail: new CloudTrailClient({ region: REGION }) });
let mocks: ReturnType<typeof newMocks>;
beforeEach(() => {
    mocks = newMocks();
    mocks.cloudTrail.on(DescribeTrailsCommand).resolves({ trailList: [trail()] });
    mocks.cloudTrail.on(GetTrailStatusCommand).resolves(LOGGING);
});

describe("cloudtrail.logging (CIS 3.1 / CloudTrail.1)", () => {
    it("passes a logging trail, describing it by the ARN from the outputs", async () => {
        const [finding] = await findings(trailLogging, mocks);
        expect(finding).toMatchObject({
            resource: TRAIL_ARN,
            status: "pass",
            reason: "IsLogging true, last delivery 2016-01-28T23:02:24.869Z",
        });
        expect(mocks.cloudTrail.commandCalls(DescribeTrailsCommand)[0].args[0].input).toEqual({ trailNameList: [TRAIL_ARN] });
        expect(mocks.cloudTrail.commandCalls(GetTrailStatusCommand)[0].args[0].input).toEqual({ Name: TRAIL_ARN });
    });

    it("fails a stopped trail whose last S3 delivery failed", async () => {
        mocks.cloudTrail
            .on(GetTrailStatusCommand)
            .resolves({ ...LOGGING, IsLogging: false, LatestDeliveryError: "InsufficientS3BucketPolicyException" });
        const [finding] = await findings(trailLogging, mocks);
        expect(finding).toMatchObject({
            status: "fail",
            reason: "IsLogging false: the trail is stopped; latest S3 delivery error: InsufficientS3BucketPolicyException",
        });
    });

    it("fails when the trail does not exist", async () => {
        mocks.cloudTrail.on(DescribeTrailsCommand).resolves({ trailList: [] });
        expect(await findings(trailLogging, mocks)).toEqual([
            expect.objectContaining({ resource: TRAIL_ARN, status: "fail", reason: "trail not found" }),
        ]);
    });
});

describe("cloudtrail.log-file-validation (CIS 3.2 / CloudTrail.4)", () => {
    it("passes with validation on and fails with it off", async () => {
        expect(verdicts(await findings(trailLogFileValidation, mocks))).toEqual([[TRAIL_ARN, "pass"]]);
        mocks.cloudTrail.on(DescribeTrailsCommand).resolves({ trailList: [trail({ LogFileValidationEnabled: false })] });
        expect(await findings(trailLogFileValidation, mocks)).toEqual([
            expect.objectContaining({ status: "fail", reason: "LogFileValidationEnabled false" }),
        ]);
    });
});

describe("cloudtrail.kms (CIS 3.5 / CloudTrail.2)", () => {
    it("passes SSE-KMS with the stack key", async () => {
        expect((await findings(trailKmsEncrypted, mocks))[0]).toMatchObject({
            status: "pass",
            reason: `SSE-KMS with ${KMS_KEY_ARN} (the stack key)`,
        });
    });

    it("recognises the stack key from kmsKeyId alone", async () => {
        const [finding] = await findings(trailKmsEncrypted, mocks, outputs({ kmsKeyId: KMS_KEY_ID }, ["kmsKeyArn"]));
        expect(finding.status).toBe("pass");
    });

    it("fails a trail without KMS and one encrypted with another key", async () => {
        mocks.cloudTrail.on(DescribeTrailsCommand).resolves({ trailList: [trail({ KmsKeyId: undefined })] });
        expect((await findings(trailKmsEncrypted, mocks))[0]).toMatchObject({
            status: "fail",
            reason: "no KmsKeyId: logs are only SSE-S3 encrypted",
        });
        const other = `arn:aws:kms:us-east-1:${ACCOUNT}:key/0000aaaa-0000-0000-0000-000000000000`;
        mocks.cloudTrail.on(DescribeTrailsCommand).resolves({ trailList: [trail({ KmsKeyId: other })] });
        expect((await findings(trailKmsEncrypted, mocks))[0]).toMatchObject({
            status: "fail",
            reason: `encrypted with ${other}, not the stack key`,
        });
    });
});

describe("cloudtrail.cloudwatch-logs (CloudTrail.5)", () => {
    it("passes a trail delivering to its log group", async () => {
        expect((await findings(trailToCloudWatchLogs, mocks))[0]).toMatchObject({ status: "pass", reason: `delivers to ${LOG_GROUP}` });
    });

    it("fails without a log group, and with a CloudWatch Logs delivery error", async () => {
        mocks.cloudTrail
            .on(DescribeTrailsCommand)
            .resolves({ trailList: [trail({ CloudWatchLogsLogGroupArn: undefined, CloudWatchLogsRoleArn: undefined })] });
        expect((await findings(trailToCloudWatchLogs, mocks))[0].status).toBe("fail");
        mocks.cloudTrail.on(DescribeTrailsCommand).resolves({ trailList: [trail()] });
        mocks.cloudTrail.on(GetTrailStatusCommand).resolves({ ...LOGGING, LatestCloudWatchLogsDeliveryError: "AccessDeniedException" });
        expect((await findings(trailToCloudWatchLogs, mocks))[0]).toMatchObject({
            status: "fail",
            reason: "CloudWatch Logs delivery error: AccessDeniedException",
        });
    });
});

describe("cloudtrail.management-events (CIS 3.1 / CloudTrail.1)", () => {
    it("passes a basic selector with read and write management events", async () => {
        mocks.cloudTrail.on(GetEventSelectorsCommand).resolves(
            await sdkResponse("cloudTrail/GetEventSelectors.cli-example", (b) => {
                b.TrailARN = TRAIL_ARN;
            }),
        );
        expect(verdicts(await findings(trailManagementEvents, mocks))).toEqual([[TRAIL_ARN, "pass"]]);
    });

    it("fails a selector recording write-only management events", async () => {
        mocks.cloudTrail.on(GetEventSelectorsCommand).resolves(
            await sdkResponse("cloudTrail/GetEventSelectors.cli-example", (b) => {
                b.EventSelectors[0].ReadWriteType = "WriteOnly";
            }),
        );
        expect(verdicts(await findings(trailManagementEvents, mocks))).toEqual([[TRAIL_ARN, "fail"]]);
    });

    it("passes advanced selectors for Management events, fails them when limited to readOnly", async () => {
        const management = { Field: "eventCategory", Equals: ["Management"] };
        mocks.cloudTrail
            .on(GetEventSelectorsCommand)
            .resolves({ TrailARN: TRAIL_ARN, AdvancedEventSelectors: [{ Name: "Management events", FieldSelectors: [management] }] });
        expect(verdicts(await findings(trailManagementEvents, mocks))).toEqual([[TRAIL_ARN, "pass"]]);
        mocks.cloudTrail.on(GetEventSelectorsCommand).resolves({
            TrailARN: TRAIL_ARN,
            AdvancedEventSelectors: [{ Name: "Writes", FieldSelectors: [management, { Field: "readOnly", Equals: ["false"] }] }],
        });
        expect(verdicts(await findings(trailManagementEvents, mocks))).toEqual([[TRAIL_ARN, "fail"]]);
    });
});

describe("cloudtrail.multi-region (CIS 3.1 / CloudTrail.1)", () => {
    it("passes a single-region trail when the stack says single-region, saying what CIS 3.1 then needs", async () => {
        const [finding] = await findings(trailMultiRegionAsConfigured, mocks);
        expect(finding.status).toBe("pass");
        expect(finding.reason).toMatch(/^single-region, as configured/);
    });

    it("fails a single-region trail when the stack says multi-region (also as flat-outputs text)", async () => {
        for (const flag of [true, "true"]) {
            const [finding] = await findings(trailMultiRegionAsConfigured, mocks, outputs({ cloudTrailMultiRegion: flag }));
            expect(finding).toMatchObject({
                status: "fail",
                reason: "IsMultiRegionTrail false, but the stack is configured with cloudTrailMultiRegion true",
            });
        }
    });

    it("passes a multi-region trail when so configured", async () => {
        mocks.cloudTrail.on(DescribeTrailsCommand).resolves({ trailList: [trail({ IsMultiRegionTrail: true })] });
        expect((await findings(trailMultiRegionAsConfigured, mocks, outputs({ cloudTrailMultiRegion: true })))[0]).toMatchObject({
            status: "pass",
            reason: "multi-region (home region us-east-1)",
        });
    });

    it("is skipped when the stack does not export cloudTrailMultiRegion", async () => {
        const [finding] = await findings(trailMultiRegionAsConfigured, mocks, outputs({}, ["cloudTrailMultiRegion"]));
        expect(finding).toMatchObject({ status: "skipped", reason: "skipped: output cloudTrailMultiRegion not in this stack" });
        expect(mocks.cloudTrail.calls()).toHaveLength(0);
    });
});
