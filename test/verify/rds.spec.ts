/** Database checks against DescribeDBInstances answers built on the AWS CLI example (test/verify/fixtures/rds), completed per the API reference. */
import { DBInstance, DBInstanceNotFoundFault, DescribeDBInstancesCommand, RDSClient } from "@aws-sdk/client-rds";
import {
    backupsRetained,
    dbAddress,
    deletionProtected,
    logsExported,
    managedMasterPassword,
    minorUpgradesAutomatic,
    multiAz,
    notPublic,
    storageEncrypted,
} from "../../tooling/verify/rds";
import { sdkResponse } from "./fixtures";
import {
    ACCOUNT,
    DB_HOST,
    DB_IDENTIFIER as DB,
    DB_SECRET_ARN,
    DEV_OUTPUTS,
    findings,
    KMS_KEY_ARN,
    mockedClients,
    outputs,
    REGION,
    tierOutputs,
    verdicts,
} from "./support";

const OTHER_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0000aaaa-0000-0000-0000-000000000000`;

let documented: DBInstance;
beforeAll(async () => {
    documented = (await sdkResponse<{ DBInstances: DBInstance[] }>("rds/DescribeDBInstances.cli-example")).DBInstances[0];
});
/** The documented instance (MySQL) as the data tier's (dev: single-AZ, no deletion protection), with the members the example leaves out. */
const instance = (overrides: Partial<DBInstance> = {}): DBInstance => ({
    ...documented,
    DBInstanceIdentifier: DB,
    DBInstanceClass: "db.t4g.micro",
    Engine: "postgres",
    EngineVersion: "17.4",
    DBInstanceStatus: "available",
    MasterUsername: "tap_admin",
    DBName: "tap",
    Endpoint: { Address: DB_HOST, Port: 5432, HostedZoneId: "Z2R2ITUGPM61AM" },
    AllocatedStorage: 20,
    MaxAllocatedStorage: 100,
    StorageType: "gp3",
    Iops: 3000,
    StorageThroughput: 125,
    InstanceCreateTime: new Date("2025-01-10T09:30:00Z"),
    PreferredBackupWindow: "03:00-03:30",
    BackupRetentionPeriod: 7,
    VpcSecurityGroups: [{ VpcSecurityGroupId: "sg-0db00000000000001", Status: "active" }],
    DBParameterGroups: [{ DBParameterGroupName: "tap-dev-use1-db-postgres17", ParameterApplyStatus: "in-sync" }],
    AvailabilityZone: "us-east-1a",
    MultiAZ: false,
    DBSubnetGroup: {
        DBSubnetGroupName: "tap-dev-use1-db",
        DBSubnetGroupDescription: "tap-dev-use1 database: the private subnets",
        VpcId: DEV_OUTPUTS.vpcId,
        SubnetGroupStatus: "Complete",
        Subnets: DEV_OUTPUTS.privateSubnetIds.map((id, i) => ({
            SubnetIdentifier: id,
            SubnetAvailabilityZone: { Name: `us-east-1${"ab"[i]}` },
            SubnetStatus: "Active",
        })),
    },
    AutoMinorVersionUpgrade: true,
    PubliclyAccessible: false,
    StorageEncrypted: true,
    KmsKeyId: KMS_KEY_ARN,
    DbiResourceId: "db-ABCDEFGHIJKLMNOPQRSTUVWXY1",
    DBInstanceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:${DB}`,
    IAMDatabaseAuthenticationEnabled: true,
    PerformanceInsightsEnabled: true,
    PerformanceInsightsKMSKeyId: KMS_KEY_ARN,
    PerformanceInsightsRetentionPeriod: 7,
    EnabledCloudwatchLogsExports: ["postgresql", "upgrade"],
    DeletionProtection: false,
    CopyTagsToSnapshot: true,
    MasterUserSecret: { SecretArn: DB_SECRET_ARN, SecretStatus: "active", KmsKeyId: KMS_KEY_ARN },
    CACertificateIdentifier: "rds-ca-rsa2048-g1",
    NetworkType: "IPV4",
    BackupTarget: "region",
    ...overrides,
});

const newMocks = () => mockedClients({ rds: new RDSClient({ region: REGION }) });
let mocks: ReturnType<typeof newMocks>;
beforeEach(() => {
    mocks = newMocks();
});
const deployed = (overrides: Partial<DBInstance> = {}) =>
    mocks.rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [instance(overrides)] });
const one = async (check: Parameters<typeof findings>[0], stackOutputs = tierOutputs()) => (await findings(check, mocks, stackOutputs))[0];

describe("finding the instance from dbEndpoint", () => {
    it("reads host and identifier from host:port", () => {
        expect(dbAddress(`${DB_HOST}:5432`)).toEqual({ host: DB_HOST, identifier: DB });
        expect(dbAddress(DB_HOST)).toEqual({ host: DB_HOST, identifier: DB });
    });

    it("describes the instance by the identifier in the endpoint", async () => {
        deployed();
        expect(verdicts(await findings(notPublic, mocks, tierOutputs()))).toEqual([[DB, "pass"]]);
        expect(mocks.rds.commandCalls(DescribeDBInstancesCommand)[0].args[0].input).toEqual({ DBInstanceIdentifier: DB });
    });

    it("fails when RDS has no such instance, and when the instance answers at another address", async () => {
        mocks.rds
            .on(DescribeDBInstancesCommand)
            .rejects(new DBInstanceNotFoundFault({ $metadata: { httpStatusCode: 404 }, message: `DBInstance ${DB} not found.` }));
        expect(await one(notPublic)).toMatchObject({
            resource: DB,
            status: "fail",
            reason: `no DB instance ${DB} (from dbEndpoint ${DB_HOST})`,
        });
        deployed({ Endpoint: { Address: `${DB}.zzzzzzzzzzzz.${REGION}.rds.amazonaws.com`, Port: 5432 } });
        expect(await one(notPublic)).toMatchObject({
            status: "fail",
            reason: `the instance answers at ${DB}.zzzzzzzzzzzz.${REGION}.rds.amazonaws.com, not at dbEndpoint ${DB_HOST}`,
        });
    });

    it("is skipped in a stack without the data tier", async () => {
        expect(await one(notPublic, outputs())).toMatchObject({
            status: "skipped",
            reason: "skipped: output dbEndpoint not in this stack",
        });
    });
});

describe("rds.not-public (CIS 2.3.3 / RDS.2)", () => {
    it("passes a private instance and fails a publicly accessible one", async () => {
        deployed();
        expect(await one(notPublic)).toMatchObject({
            resource: DB,
            status: "pass",
            reason: "PubliclyAccessible false (subnet group tap-dev-use1-db)",
        });
        deployed({ PubliclyAccessible: true });
        expect(await one(notPublic)).toMatchObject({
            resource: DB,
            status: "fail",
            reason: "PubliclyAccessible true: the endpoint resolves to a public address",
        });
    });
});

describe("rds.encrypted (CIS 2.3.1 / RDS.3)", () => {
    it("passes storage encrypted with the stack key", async () => {
        deployed();
        expect(await one(storageEncrypted)).toMatchObject({
            resource: DB,
            status: "pass",
            reason: `encrypted with ${KMS_KEY_ARN} (the stack key)`,
        });
    });

    it("fails unencrypted storage, and storage encrypted with another key (aws/rds)", async () => {
        deployed({ StorageEncrypted: false, KmsKeyId: undefined });
        expect(await one(storageEncrypted)).toMatchObject({
            status: "fail",
            reason: "StorageEncrypted false: data, backups and snapshots are not encrypted at rest",
        });
        deployed({ KmsKeyId: OTHER_KEY });
        expect(await one(storageEncrypted)).toMatchObject({ status: "fail", reason: `encrypted with ${OTHER_KEY}, not the stack key` });
    });
});

describe("rds.deletion-protection (RDS.8)", () => {
    it("passes it on; fails it off naming the setting when the stack does not export its choice", async () => {
        deployed({ DeletionProtection: true });
        expect(await one(deletionProtected)).toMatchObject({ resource: DB, status: "pass", reason: "DeletionProtection true" });
        deployed();
        expect(await one(deletionProtected)).toMatchObject({ resource: DB, status: "fail", reason: "off (tap:deletionProtection false)" });
    });

    it("passes it off where the outputs say the stack chose off", async () => {
        deployed();
        expect(await one(deletionProtected, tierOutputs({ deletionProtection: false }))).toMatchObject({
            status: "pass",
            reason: expect.stringContaining("RDS.8 is not met in this environment"),
        });
    });
});

describe("rds.backups (RDS.11)", () => {
    it("passes 7 days; fails 3 days and backups off", async () => {
        deployed();
        expect(await one(backupsRetained)).toMatchObject({ resource: DB, status: "pass", reason: "7 days of automated backups" });
        deployed({ BackupRetentionPeriod: 3 });
        expect(await one(backupsRetained)).toMatchObject({
            status: "fail",
            reason: "BackupRetentionPeriod 3 days, RDS.11 needs at least 7",
        });
        deployed({ BackupRetentionPeriod: 0 });
        expect(await one(backupsRetained)).toMatchObject({ status: "fail", reason: "BackupRetentionPeriod 0: automated backups are off" });
    });
});

describe("rds.managed-password", () => {
    it("passes the RDS-managed secret the stack exports, encrypted with the stack key", async () => {
        deployed();
        expect(await one(managedMasterPassword)).toMatchObject({ resource: DB, status: "pass", reason: `${DB_SECRET_ARN} (active)` });
    });

    it("fails a master password set by hand (no MasterUserSecret)", async () => {
        deployed({ MasterUserSecret: undefined });
        expect(await one(managedMasterPassword)).toMatchObject({
            status: "fail",
            reason: "no MasterUserSecret: the master password was set by hand, not managed by RDS",
        });
    });

    it("fails an impaired secret under another key that is not the exported one", async () => {
        const other = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:rds!db-00000000-0000-0000-0000-000000000000-XyZ123`;
        deployed({ MasterUserSecret: { SecretArn: other, SecretStatus: "impaired", KmsKeyId: OTHER_KEY } });
        expect((await one(managedMasterPassword)).reason).toBe(
            [
                "secret status impaired: RDS cannot use or rotate it (its KMS key or permissions changed)",
                `secret ${other} is not the exported dbSecretArn ${DB_SECRET_ARN}`,
                `secret encrypted with ${OTHER_KEY}, not the stack key`,
            ].join("; "),
        );
    });
});

describe("rds.log-exports (RDS.9)", () => {
    it("passes postgresql and upgrade exported", async () => {
        deployed();
        expect(await one(logsExported)).toMatchObject({ resource: DB, status: "pass", reason: "exports postgresql, upgrade" });
    });

    it("fails a PostgreSQL instance exporting only postgresql, and one exporting nothing", async () => {
        deployed({ EnabledCloudwatchLogsExports: ["postgresql"] });
        expect(await one(logsExported)).toMatchObject({
            status: "fail",
            reason: "postgres logs upgrade not exported (exported: postgresql)",
        });
        deployed({ EnabledCloudwatchLogsExports: undefined });
        expect(await one(logsExported)).toMatchObject({ status: "fail", reason: "no log exported to CloudWatch Logs" });
    });
});

describe("rds.minor-upgrades (CIS 2.3.2 / RDS.13)", () => {
    it("passes automatic minor upgrades and fails them off", async () => {
        deployed();
        expect(await one(minorUpgradesAutomatic)).toMatchObject({
            resource: DB,
            status: "pass",
            reason: "AutoMinorVersionUpgrade true (postgres 17.4)",
        });
        deployed({ AutoMinorVersionUpgrade: false });
        expect(await one(minorUpgradesAutomatic)).toMatchObject({
            status: "fail",
            reason: "AutoMinorVersionUpgrade false: postgres 17.4 gets no minor (security) releases by itself",
        });
    });
});

describe("rds.multi-az (RDS.5)", () => {
    it("passes a Multi-AZ instance, naming both AZs", async () => {
        deployed({ MultiAZ: true, SecondaryAvailabilityZone: "us-east-1b" });
        expect(await one(multiAz)).toMatchObject({
            resource: DB,
            status: "pass",
            reason: "Multi-AZ: primary in us-east-1a, standby in us-east-1b",
        });
    });

    it("fails a single-AZ instance naming the setting, unless the outputs say the stack chose it", async () => {
        deployed();
        expect(await one(multiAz)).toMatchObject({ status: "fail", reason: "single-AZ (tap:dbMultiAz false)" });
        expect(await one(multiAz, tierOutputs({ dbMultiAz: false }))).toMatchObject({
            status: "pass",
            reason: expect.stringMatching(/^single-AZ, as the stack chose .*RDS\.5 is not met/),
        });
    });
});
