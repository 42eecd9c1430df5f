/** The seeds' data and alerting checks (tooling/verify/seed-data.ts) against S3, CloudTrail, Backup and SNS responses. */
import { BackupClient, GetBackupSelectionCommand, ListBackupSelectionsCommand } from "@aws-sdk/client-backup";
import { CloudTrailClient, GetEventSelectorsCommand } from "@aws-sdk/client-cloudtrail";
import { GetBucketEncryptionCommand, GetBucketPolicyCommand, S3Client } from "@aws-sdk/client-s3";
import { ListSubscriptionsByTopicCommand, SNSClient } from "@aws-sdk/client-sns";
import { alertSubscriptions, appDataBucket, appDataEvents, planCoversAppData } from "../../tooling/verify/seed-data";
import { sdkResponse } from "./fixtures";
import { ACCOUNT, DEV_OUTPUTS, findings, KMS_KEY_ARN, mockedClients, outputs, REGION, TRAIL_ARN } from "./support";

const BUCKET = `tap-dev-use1-app-data-${ACCOUNT}`;
const APP_ROLE = `arn:aws:iam::${ACCOUNT}:role/tap-dev-use1-app-role-1234567`;
const withAppData = (overrides: Record<string, unknown> = {}) =>
    outputs({ appDataBucketName: BUCKET, backupPlanId: "plan-1", alertsSubscribed: true, ...overrides });
/** The policy the program writes (lib/data/app-data-bucket.ts), trimmed to what the check reads. */
const POLICY = {
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "DenyUploadsUnderAnotherEncryption",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: `arn:aws:s3:::${BUCKET}/*`,
            Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": "aws:kms" } },
        },
        {
            Sid: "DenyObjectAccessButTheAppRole",
            Effect: "Deny",
            Principal: "*",
            Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"],
            Resource: `arn:aws:s3:::${BUCKET}/*`,
            Condition: { ArnNotEquals: { "aws:PrincipalArn": [APP_ROLE] } },
        },
    ],
};

const newMocks = () =>
    mockedClients({
        s3: new S3Client({ region: REGION }),
        cloudTrail: new CloudTrailClient({ region: REGION }),
        backup: new BackupClient({ region: REGION }),
        sns: new SNSClient({ region: REGION }),
    });
let mocks: ReturnType<typeof newMocks>;
/** get-bucket-encryption's documented SSE-KMS answer (test/verify/fixtures/s3), under `key`. */
const encryptedWith = (key: string, algorithm = "aws:kms") =>
    sdkResponse("s3/GetBucketEncryption.sse-kms-us-west-2", (b) => {
        Object.assign(b.ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault, {
            SSEAlgorithm: algorithm,
            KMSMasterKeyID: algorithm === "aws:kms" ? key : undefined,
        });
    });
/** get-event-selectors' AWS CLI example (test/verify/fixtures/cloudTrail) with `readWriteType` and data resources of `values`. */
const selectors = (readWriteType: string, values: string[]) =>
    sdkResponse("cloudTrail/GetEventSelectors.cli-example", (b) => {
        Object.assign(b.EventSelectors[0], { ReadWriteType: readWriteType, DataResources: [{ Type: "AWS::S3::Object", Values: values }] });
    });
/** list-subscriptions-by-topic's AWS CLI example (test/verify/fixtures/sns) on the alert topic, its one subscription as `arn` with `endpoint`. */
const subscriptions = (arn: string | undefined, endpoint = "secops@example.com") =>
    sdkResponse("sns/ListSubscriptionsByTopic.cli-example", (b) => {
        if (arn === undefined) b.Subscriptions = [];
        else Object.assign(b.Subscriptions[0], { TopicArn: DEV_OUTPUTS.alarmTopicArn, SubscriptionArn: arn, Endpoint: endpoint });
    });

beforeEach(async () => {
    mocks = newMocks();
    mocks.s3.on(GetBucketEncryptionCommand).resolves(await encryptedWith(KMS_KEY_ARN));
    mocks.s3.on(GetBucketPolicyCommand).resolves({ Policy: JSON.stringify(POLICY) });
    mocks.cloudTrail.on(GetEventSelectorsCommand).resolves(await selectors("All", [`arn:aws:s3:::${BUCKET}/`]));
    mocks.backup
        .on(ListBackupSelectionsCommand)
        .resolves({ BackupSelectionsList: [{ SelectionId: "sel-1", SelectionName: "tap-dev-use1-backup-selection" }] });
    mocks.backup.on(GetBackupSelectionCommand).resolves({
        BackupSelection: {
            SelectionName: "tap-dev-use1-backup-selection",
            IamRoleArn: "arn:aws:iam::123456789012:role/b",
            Resources: [`arn:aws:s3:::${BUCKET}`],
        },
    });
    mocks.sns
        .on(ListSubscriptionsByTopicCommand)
        .resolves(await subscriptions(`${DEV_OUTPUTS.alarmTopicArn}:8a21d249-4329-4871-acc6-7be709c6ea7f`));
});

describe("s3.app-data-bucket (S3.17; seed 002 #9, #10)", () => {
    it("passes SSE-KMS under the stack key with the two denies the program writes", async () => {
        const [finding] = await findings(appDataBucket, mocks, withAppData());
        expect(finding).toEqual(expect.objectContaining({ resource: BUCKET, status: "pass" }));
        expect(finding.reason).toContain(APP_ROLE);
    });

    it("fails another key, SSE-S3, or a policy without either deny, naming each", async () => {
        mocks.s3.on(GetBucketEncryptionCommand).resolves(await encryptedWith(`arn:aws:kms:${REGION}:${ACCOUNT}:key/other`));
        mocks.s3.on(GetBucketPolicyCommand).resolves({ Policy: JSON.stringify({ ...POLICY, Statement: [] }) });
        const [finding] = await findings(appDataBucket, mocks, withAppData());
        expect(finding.status).toBe("fail");
        expect(finding.reason).toMatch(/not the stack key/);
        expect(finding.reason).toMatch(/does not deny uploads under another encryption/);
        expect(finding.reason).toMatch(/does not deny object reads and writes/);
        mocks.s3.on(GetBucketEncryptionCommand).resolves(await encryptedWith("", "AES256"));
        expect((await findings(appDataBucket, mocks, withAppData()))[0].reason).toMatch(/default encryption is AES256, not aws:kms/);
    });

    it("is skipped on a stack without the bucket (tap:enableAppDataBucket false)", async () => {
        const [finding] = await findings(appDataBucket, mocks, outputs());
        expect(finding.status).toBe("skipped");
    });
});

describe("cloudtrail.app-data-events (CIS 3.8, 3.9)", () => {
    it("passes a selector recording the bucket's objects, reads and writes; fails write-only or another bucket", async () => {
        expect((await findings(appDataEvents, mocks, withAppData()))[0]).toEqual(
            expect.objectContaining({ resource: TRAIL_ARN, status: "pass" }),
        );
        mocks.cloudTrail.on(GetEventSelectorsCommand).resolves(await selectors("WriteOnly", [`arn:aws:s3:::${BUCKET}/`]));
        expect((await findings(appDataEvents, mocks, withAppData()))[0].status).toBe("fail");
        mocks.cloudTrail.on(GetEventSelectorsCommand).resolves(await selectors("All", ["arn:aws:s3:::another/"]));
        expect((await findings(appDataEvents, mocks, withAppData()))[0].reason).toMatch(
            /no event selector records the object-level events/,
        );
    });
});

describe("backup.plan-covers-app-data (CP-9)", () => {
    it("passes a selection naming the bucket's ARN; fails a plan selecting only the database", async () => {
        expect((await findings(planCoversAppData, mocks, withAppData()))[0].status).toBe("pass");
        mocks.backup.on(GetBackupSelectionCommand).resolves({
            BackupSelection: {
                SelectionName: "s",
                IamRoleArn: "arn:aws:iam::123456789012:role/b",
                Resources: [`arn:aws:rds:${REGION}:${ACCOUNT}:db:tap-dev-use1-db`],
            },
        });
        expect((await findings(planCoversAppData, mocks, withAppData()))[0].reason).toMatch(
            /no selection names arn:aws:s3:::tap-dev-use1-app-data-/,
        );
    });
});

describe("sns.alert-subscriptions (seed 002 #8)", () => {
    it("passes a confirmed subscriber, and reports each PendingConfirmation one as a failure naming its endpoint", async () => {
        expect(await findings(alertSubscriptions, mocks, withAppData())).toEqual([
            expect.objectContaining({ status: "pass", reason: "confirmed: email:secops@example.com" }),
        ]);
        // "PendingConfirmation" in place of the ARN until the address confirms (SNS API reference, Subscription).
        mocks.sns.on(ListSubscriptionsByTopicCommand).resolves(await subscriptions("PendingConfirmation", "oncall@example.com"));
        const [pending] = await findings(alertSubscriptions, mocks, withAppData());
        expect(pending).toEqual(
            expect.objectContaining({ status: "fail", resource: `${DEV_OUTPUTS.alarmTopicArn} email:oncall@example.com` }),
        );
        expect(pending.reason).toMatch(/^PendingConfirmation: oncall@example.com has not confirmed/);
    });

    it("a topic without subscriber fails where the stack subscribed one, and passes as chosen where it did not (dev without tap:alarmEmail)", async () => {
        mocks.sns.on(ListSubscriptionsByTopicCommand).resolves(await subscriptions(undefined));
        expect((await findings(alertSubscriptions, mocks, withAppData()))[0].status).toBe("fail");
        const [chosen] = await findings(alertSubscriptions, mocks, withAppData({ alertsSubscribed: false }));
        expect(chosen.status).toBe("pass");
        expect(chosen.reason).toMatch(/as the stack chose .*tap:alarmEmail/);
    });
});
