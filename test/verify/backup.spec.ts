/** AWS Backup checks and the issue-14 checks of the rds and compute areas, against mocked SDK answers. */
import { AutoScalingClient, DescribeNotificationConfigurationsCommand } from "@aws-sdk/client-auto-scaling";
import {
    BackupClient,
    DescribeBackupVaultCommand,
    GetBackupPlanCommand,
    GetBackupSelectionCommand,
    ListBackupSelectionsCommand,
} from "@aws-sdk/client-backup";
import { DescribeDBInstancesCommand, RDSClient } from "@aws-sdk/client-rds";
import { GetObjectLockConfigurationCommand, S3Client } from "@aws-sdk/client-s3";
import { planCoversDatabase, vaultEncrypted, vaultLocked } from "../../tooling/verify/backup";
import { asgNotifications, enhancedMonitoring, iamAuthentication } from "../../tooling/verify/fleet";
import { cloudTrailObjectLock } from "../../tooling/verify/object-lock";
import { sdkResponse } from "./fixtures";
import {
    ACCOUNT,
    DB_HOST,
    DB_IDENTIFIER as DB,
    DEV_OUTPUTS,
    findings,
    KMS_KEY_ARN,
    mockedClients,
    outputs,
    REGION,
    tierOutputs,
} from "./support";

const VAULT = "tap-dev-use1-vault";
const PLAN_ID = "8a4c2e1f-1d2b-4c3d-9e8f-0a1b2c3d4e5f";
const DB_ARN = `arn:aws:rds:${REGION}:${ACCOUNT}:db:${DB}`;
const TOPIC = DEV_OUTPUTS.alarmTopicArn;

const newMocks = () =>
    mockedClients({
        backup: new BackupClient({ region: REGION }),
        rds: new RDSClient({ region: REGION }),
        autoScaling: new AutoScalingClient({ region: REGION }),
    });
let mocks: ReturnType<typeof newMocks>;
beforeEach(() => {
    mocks = newMocks();
});
const one = async (check: Parameters<typeof findings>[0], stackOutputs = tierOutputs()) => (await findings(check, mocks, stackOutputs))[0];
const database = (overrides: Record<string, unknown> = {}) =>
    mocks.rds.on(DescribeDBInstancesCommand).resolves({
        DBInstances: [
            {
                DBInstanceIdentifier: DB,
                DBInstanceArn: DB_ARN,
                Endpoint: { Address: DB_HOST, Port: 5432 },
                MonitoringInterval: 60,
                MonitoringRoleArn: `arn:aws:iam::${ACCOUNT}:role/tap-dev-use1-db-monitoring-role`,
                IAMDatabaseAuthenticationEnabled: true,
                ...overrides,
            },
        ],
    });

describe("backup.vault-encrypted (Backup.1)", () => {
    it("passes the stack key, fails another key", async () => {
        mocks.backup.on(DescribeBackupVaultCommand).resolves({ BackupVaultName: VAULT, EncryptionKeyArn: KMS_KEY_ARN });
        expect(await one(vaultEncrypted)).toMatchObject({
            resource: VAULT,
            status: "pass",
            reason: `encrypted with ${KMS_KEY_ARN} (the stack key)`,
        });
        mocks.backup
            .on(DescribeBackupVaultCommand)
            .resolves({ BackupVaultName: VAULT, EncryptionKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/aws-backup` });
        expect(await one(vaultEncrypted)).toMatchObject({ status: "fail", reason: expect.stringMatching(/not the stack key$/) });
        expect(mocks.backup.commandCalls(DescribeBackupVaultCommand)[0].args[0].input).toEqual({ BackupVaultName: VAULT });
    });

    it("is skipped in a stack without AWS Backup", async () => {
        expect(await one(vaultEncrypted, outputs())).toMatchObject({
            status: "skipped",
            reason: "skipped: output backupVaultName not in this stack",
        });
    });
});

describe("backup.vault-lock (CP-9)", () => {
    it("passes a governance-mode lock with bounds, fails a lock without bounds", async () => {
        mocks.backup
            .on(DescribeBackupVaultCommand)
            .resolves({ BackupVaultName: VAULT, Locked: true, MinRetentionDays: 7, MaxRetentionDays: 400 });
        expect(await one(vaultLocked)).toMatchObject({ status: "pass", reason: "locked (governance mode), retention 7 to 400 days" });
        mocks.backup.on(DescribeBackupVaultCommand).resolves({ BackupVaultName: VAULT, Locked: true, MinRetentionDays: 7 });
        expect(await one(vaultLocked)).toMatchObject({ status: "fail", reason: "locked without a maximum retention" });
    });

    it("an unlocked vault passes only where the stack chose no lock, and fails as a drift where it chose one", async () => {
        mocks.backup.on(DescribeBackupVaultCommand).resolves({ BackupVaultName: VAULT, Locked: false });
        expect(await one(vaultLocked, tierOutputs({ backupVaultLock: false }))).toMatchObject({
            status: "pass",
            reason: expect.stringMatching(/^not locked, as the stack chose/),
        });
        expect(await one(vaultLocked, tierOutputs({ backupVaultLock: true }))).toMatchObject({
            status: "fail",
            reason: expect.stringMatching(/changed outside Pulumi/),
        });
        expect(await one(vaultLocked)).toMatchObject({ status: "fail", reason: "not locked (tap:backupVaultLock false)" });
    });
});

describe("backup.plan-covers-database (RDS.26 / CP-9)", () => {
    const plan = (
        selectionResources: string[],
        rules = [{ RuleName: "daily", TargetBackupVaultName: VAULT, Lifecycle: { DeleteAfterDays: 35 } }],
    ) => {
        // GetBackupPlan's AWS CLI example (test/verify/fixtures/backup), as the stack's plan with `rules`.
        mocks.backup.on(GetBackupPlanCommand).callsFake(async () =>
            sdkResponse("backup/GetBackupPlan.cli-example", (b) => {
                const documentedRule = b.BackupPlan.Rules[0];
                Object.assign(b, { BackupPlanId: PLAN_ID });
                Object.assign(b.BackupPlan, {
                    BackupPlanName: "tap-dev-use1-backup-plan",
                    Rules: rules.map((r) => ({ ...documentedRule, ...r })),
                });
            }),
        );
        mocks.backup.on(ListBackupSelectionsCommand).resolves({
            BackupSelectionsList: [{ SelectionId: "sel-1", SelectionName: "tap-dev-use1-backup-selection", BackupPlanId: PLAN_ID }],
        });
        mocks.backup.on(GetBackupSelectionCommand).resolves({
            SelectionId: "sel-1",
            BackupSelection: {
                SelectionName: "tap-dev-use1-backup-selection",
                IamRoleArn: "arn:aws:iam::123456789012:role/r",
                Resources: selectionResources,
            },
        });
    };

    it("passes a plan into the vault whose selection names the database", async () => {
        database();
        plan([DB_ARN]);
        expect(await one(planCoversDatabase)).toMatchObject({
            resource: PLAN_ID,
            status: "pass",
            reason: `daily 35 d; selection tap-dev-use1-backup-selection names ${DB}`,
        });
        expect(mocks.backup.commandCalls(GetBackupSelectionCommand)[0].args[0].input).toEqual({
            BackupPlanId: PLAN_ID,
            SelectionId: "sel-1",
        });
    });

    it("fails a selection of other resources, and rules into another vault or without retention", async () => {
        database();
        plan(
            [`arn:aws:rds:${REGION}:${ACCOUNT}:db:other`],
            [{ RuleName: "daily", TargetBackupVaultName: "Default", Lifecycle: {} as { DeleteAfterDays: number } }],
        );
        const finding = await one(planCoversDatabase);
        expect(finding.status).toBe("fail");
        expect(finding.reason).toContain(`rule daily backs up into Default, not ${VAULT}`);
        expect(finding.reason).toContain("rule daily sets no retention");
        expect(finding.reason).toContain(`no selection of the plan names ${DB_ARN}`);
    });
});

describe("rds.enhanced-monitoring (RDS.6) and rds.iam-authentication (RDS.10)", () => {
    it("passes a sampled, IAM-authenticating database and fails one with either off", async () => {
        database();
        expect(await one(enhancedMonitoring)).toMatchObject({
            status: "pass",
            reason: expect.stringMatching(/^every 60 s, as arn:aws:iam::/),
        });
        expect(await one(iamAuthentication)).toMatchObject({ status: "pass" });
        database({ MonitoringInterval: 0, IAMDatabaseAuthenticationEnabled: false });
        expect(await one(enhancedMonitoring)).toMatchObject({ status: "fail", reason: "MonitoringInterval 0: enhanced monitoring is off" });
        expect(await one(iamAuthentication)).toMatchObject({ status: "fail", reason: "IAMDatabaseAuthenticationEnabled false" });
    });
});

describe("compute.asg-notifications (SI-4)", () => {
    /** describe-notification-configurations' AWS CLI example, as the stack's group notifying the alert topic of `types`. */
    const configured = (...types: string[]) =>
        mocks.autoScaling.on(DescribeNotificationConfigurationsCommand).callsFake(() =>
            sdkResponse("autoScaling/DescribeNotificationConfigurations.cli-example", (b) => {
                const documented = b.NotificationConfigurations[0];
                b.NotificationConfigurations = types.map((NotificationType) => ({
                    ...documented,
                    AutoScalingGroupName: DEV_OUTPUTS.autoScalingGroupName,
                    TopicARN: TOPIC,
                    NotificationType,
                }));
            }),
        );

    it("passes launch and terminate errors to the alert topic; fails when one is missing", async () => {
        configured("autoscaling:EC2_INSTANCE_LAUNCH_ERROR", "autoscaling:EC2_INSTANCE_TERMINATE_ERROR");
        expect(await one(asgNotifications, outputs())).toMatchObject({ resource: DEV_OUTPUTS.autoScalingGroupName, status: "pass" });
        configured("autoscaling:EC2_INSTANCE_LAUNCH_ERROR");
        expect(await one(asgNotifications, outputs())).toMatchObject({
            status: "fail",
            reason: `no autoscaling:EC2_INSTANCE_TERMINATE_ERROR notification to ${TOPIC}`,
        });
    });
});

describe("s3.cloudtrail-object-lock (AU-9)", () => {
    const s3Mocks = () => mockedClients({ s3: new S3Client({ region: REGION }) });
    const BUCKET = DEV_OUTPUTS.cloudTrailBucketName;
    /** get-object-lock-configuration's AWS CLI example (COMPLIANCE, 50 days) with `mode` and `days`. */
    const lockedFor = (mode: string, days: number) =>
        sdkResponse("s3/GetObjectLockConfiguration.cli-example", (b) =>
            Object.assign(b.ObjectLockConfiguration.Rule.DefaultRetention, { Mode: mode, Days: days }),
        );

    it("passes Object Lock with the retention the stack exports; fails another mode or length, and Object Lock off", async () => {
        const m = s3Mocks();
        m.s3.on(GetObjectLockConfigurationCommand).resolves(await lockedFor("GOVERNANCE", 7));
        expect((await findings(cloudTrailObjectLock, m))[0]).toMatchObject({
            resource: BUCKET,
            status: "pass",
            reason: "Object Lock on, GOVERNANCE for 7 days",
        });
        expect(m.s3.commandCalls(GetObjectLockConfigurationCommand)[0].args[0].input).toEqual({ Bucket: BUCKET });
        m.s3.on(GetObjectLockConfigurationCommand).resolves(await lockedFor("GOVERNANCE", 1));
        expect(
            (
                await findings(
                    cloudTrailObjectLock,
                    m,
                    outputs({ cloudTrailObjectLockMode: "COMPLIANCE", cloudTrailObjectLockDays: "365" }),
                )
            )[0],
        ).toMatchObject({
            status: "fail",
            reason: "default retention mode GOVERNANCE, the stack chose COMPLIANCE; default retention 1 days, the stack chose 365",
        });
        m.s3.on(GetObjectLockConfigurationCommand).rejects(
            Object.assign(new Error("Object Lock configuration does not exist for this bucket"), {
                name: "ObjectLockConfigurationNotFoundError",
            }),
        );
        expect((await findings(cloudTrailObjectLock, m))[0]).toMatchObject({
            status: "fail",
            reason: "Object Lock is off: trail files can be deleted early",
        });
    });

    it("is skipped where the stack turned Object Lock off (no retention exported)", async () => {
        expect(
            (await findings(cloudTrailObjectLock, s3Mocks(), outputs({}, ["cloudTrailObjectLockMode", "cloudTrailObjectLockDays"])))[0],
        ).toMatchObject({ status: "skipped" });
    });
});
