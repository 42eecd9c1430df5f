/**
 * The data tier: RDS PostgreSQL (private, encrypted, managed password, logs, backups, alarms)
 * planned alone, on stand-ins for the subnets, Compute's security group, the key and the alert
 * topic; then in the stack: what it is given, the outputs. No password anywhere in the stack:
 * stack/program-shape.spec.ts.
 */
import * as aws from "@pulumi/aws";
import { Database, DatabaseArgs, DB_PARAMETERS } from "../../lib/data/database";
import { PERFORMANCE_INSIGHTS_UNSUPPORTED_CLASSES, supportsPerformanceInsights } from "../../lib/data/performance-insights";
import { inputKeys, securityGroupRules } from "../security-checks";
import { byRef, DATA_AND_CDN, ofType, one, Plan, PlannedResource, planComponent, planTap } from "../support";
import { defaultSettings } from "../../lib/config/declare";
import { DATABASE_SETTINGS, DatabaseSettings } from "../../lib/data/settings";

const DB = "aws:rds/instance:Instance";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const KEY = "aws:kms/key:Key";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

/** Compute's app security group and the alert topic, stood in by their id and ARN. */
const APP_SG_ID = "sg-0standinapp00000";
const TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:tap-dev-euw1-alerts";

describe("Database alone, dev's settings (eu-west-1)", () => {
    let plan: Plan;
    let standIns: { privateSubnetIds: string[]; kmsKeyArn: string };
    beforeAll(async () => {
        plan = await planComponent(
            (s) => {
                standIns = s;
                return new Database(`${s.namePrefix}-data`, {
                    ...s.common,
                    settings: s.settings(DATABASE_SETTINGS),
                    vpcId: s.vpcId,
                    privateSubnetIds: s.privateSubnetIds,
                    appSecurityGroupId: APP_SG_ID,
                    kmsKeyArn: s.kmsKeyArn,
                    alarmTopicArn: TOPIC_ARN,
                });
            },
            { region: "eu-west-1" },
        );
    });
    const db = () => one(plan, DB);
    const key = () => ({ state: { arn: standIns.kmsKeyArn } });

    it("runs PostgreSQL 17 on db.t4g.micro, parented by the Database component", () => {
        expect(db().inputs).toMatchObject({
            engine: "postgres",
            engineVersion: "17",
            instanceClass: "db.t4g.micro",
            identifier: "tap-dev-euw1-db",
            port: 5432,
        });
        expect(db().parent).toBe(ofType(plan, "tap:data:Database")[0].urn);
    });

    it("keeps the master password in Secrets Manager, encrypted with the stack key: no password anywhere (seed 004 #1, seed 001 #14)", () => {
        expect(db().inputs).toMatchObject({ manageMasterUserPassword: true, masterUserSecretKmsKeyId: key().state.arn });
        expect(inputKeys(plan).filter(({ key: k }) => /password/i.test(k) && k !== "manageMasterUserPassword")).toEqual([]);
        expect(plan.resources.filter((r) => /^(random:|aws:secretsmanager)/.test(r.type))).toEqual([]);
    });

    it("encrypts storage with the stack key (RDS.3) and is not publicly accessible (RDS.2)", () => {
        expect(db().inputs).toMatchObject({ storageEncrypted: true, kmsKeyId: key().state.arn, publiclyAccessible: false });
    });

    it("lives in the private subnets through its subnet group, behind its own security group only", () => {
        const group = one(plan, "aws:rds/subnetGroup:SubnetGroup");
        expect(db().inputs.dbSubnetGroupName).toBe(group.state.name);
        expect(group.inputs.subnetIds).toEqual(standIns.privateSubnetIds);
        expect(db().inputs.vpcSecurityGroupIds).toEqual([one(plan, SG, "db-sg").id]);
    });

    it("admits 5432 from the app security group only and lets nothing out", () => {
        const dbSg = one(plan, SG, "db-sg");
        const rules = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
            (r) => r.inputs.securityGroupId === dbSg.id,
        );
        expect(rules.map((r) => r.inputs)).toEqual([
            expect.objectContaining({
                ipProtocol: "tcp",
                fromPort: 5432,
                toPort: 5432,
                referencedSecurityGroupId: APP_SG_ID,
            }),
        ]);
        expect(rules[0].inputs.cidrIpv4).toBeUndefined();
        expect(
            ofType(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter((r) => r.inputs.securityGroupId === dbSg.id),
        ).toEqual([]);
        expect([dbSg.inputs.ingress, dbSg.inputs.egress]).toEqual([undefined, undefined]);
        expect(securityGroupRules(plan).filter((r) => r.from.includes("-db-"))).toHaveLength(1);
    });

    it("lets the app instances open connections to it on 5432, by security-group reference (their egress is scoped)", () => {
        const toDb = ofType(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter(
            (r) => r.inputs.securityGroupId === APP_SG_ID && r.inputs.referencedSecurityGroupId !== undefined,
        );
        expect(toDb.map((r) => r.inputs)).toEqual([
            expect.objectContaining({
                ipProtocol: "tcp",
                fromPort: 5432,
                toPort: 5432,
                referencedSecurityGroupId: one(plan, SG, "db-sg").id,
            }),
        ]);
    });

    it("forces TLS through its parameter group", () => {
        const params = one(plan, "aws:rds/parameterGroup:ParameterGroup");
        expect(db().inputs.parameterGroupName).toBe(params.state.name);
        expect(params.inputs.family).toBe("postgres17");
        expect(params.inputs.parameters).toEqual(
            expect.arrayContaining([{ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" }]),
        );
        expect(DB_PARAMETERS["rds.force_ssl"]).toBe("1");
    });

    it("exports its logs (RDS.9) into log groups it creates first, with retention and the stack key", () => {
        expect(db().inputs.enabledCloudwatchLogsExports).toEqual(["postgresql", "upgrade"]);
        const groups = ["postgresql", "upgrade"].map((type) => one(plan, "aws:cloudwatch/logGroup:LogGroup", `db-${type}-logs`));
        for (const [i, type] of ["postgresql", "upgrade"].entries()) {
            expect(groups[i].inputs).toEqual(
                expect.objectContaining({
                    name: `/aws/rds/instance/tap-dev-euw1-db/${type}`,
                    retentionInDays: 90,
                    kmsKeyId: key().state.arn,
                }),
            );
        }
        // ... and after its enhanced monitoring role can publish (RDS refuses a role it cannot use).
        expect(db().dependsOn).toEqual([
            ...groups.map((g) => g.urn),
            one(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "db-monitoring-policy").urn,
        ]);
    });

    it("backs up 7 days (RDS.11), single-AZ, tears down without a final snapshot (dev: no deletion protection)", () => {
        expect(db().inputs).toMatchObject({
            backupRetentionPeriod: 7,
            multiAz: false,
            deletionProtection: false,
            skipFinalSnapshot: true,
            deleteAutomatedBackups: true,
        });
        expect(db().inputs.finalSnapshotIdentifier).toBeUndefined();
    });

    it("upgrades minor versions (RDS.13), copies tags to snapshots, allows IAM auth, autoscales storage above its allocation", () => {
        expect(db().inputs).toMatchObject({
            autoMinorVersionUpgrade: true,
            copyTagsToSnapshot: true,
            iamDatabaseAuthenticationEnabled: true,
            storageType: "gp3",
        });
        expect(db().inputs.maxAllocatedStorage as number).toBeGreaterThan(db().inputs.allocatedStorage as number);
    });

    it("turns Performance Insights on with the stack key where AWS supports it (PostgreSQL: every class)", () => {
        expect(db().inputs).toMatchObject({
            performanceInsightsEnabled: true,
            performanceInsightsKmsKeyId: key().state.arn,
            performanceInsightsRetentionPeriod: 7,
        });
    });

    it("alarms on CPU, free storage and connections, on the alert topic", () => {
        const alarms = ofType(plan, ALARM).filter((a) => a.inputs.namespace === "AWS/RDS");
        expect(alarms.map((a) => a.inputs.metricName)).toEqual(["CPUUtilization", "FreeStorageSpace", "DatabaseConnections"]);
        for (const a of alarms) {
            expect([a.name, a.inputs.alarmActions, a.inputs.dimensions]).toEqual([
                a.name,
                [TOPIC_ARN],
                { DBInstanceIdentifier: "tap-dev-euw1-db" },
            ]);
        }
        const storage = alarms.find((a) => a.inputs.metricName === "FreeStorageSpace")!;
        expect(storage.inputs).toMatchObject({ comparisonOperator: "LessThanThreshold", threshold: 0.1 * 20 * 1024 ** 3 });
    });
});

describe("Database in the stack (database without the web tier, eu-west-1)", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap(DATA_AND_CDN, "dev");
    });
    const db = () => one(plan, DB);
    const key = () => one(plan, KEY);

    it("is given the private subnets, Compute's group, the stack key and the alert topic", () => {
        const subnets = (one(plan, "aws:rds/subnetGroup:SubnetGroup").inputs.subnetIds as string[]).map((id) => byRef(plan, id));
        expect(subnets.map((s) => (s.inputs.tags as Record<string, string>).Tier)).toEqual(["private", "private"]);
        const fromApp = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
            (r) => r.inputs.securityGroupId === one(plan, SG, "db-sg").id,
        );
        expect(fromApp.map((r) => r.inputs.referencedSecurityGroupId)).toEqual([one(plan, SG, "app-sg").id]);
        expect(db().inputs).toMatchObject({ kmsKeyId: key().state.arn, masterUserSecretKmsKeyId: key().state.arn });
        const alarms = ofType(plan, ALARM).filter((a) => a.inputs.namespace === "AWS/RDS");
        for (const a of alarms) expect([a.name, a.inputs.alarmActions]).toEqual([a.name, [one(plan, "aws:sns/topic:Topic").state.arn]]);
        expect(alarms).toHaveLength(3);
    });

    it("exports the endpoint and the master secret's ARN (not its value)", () => {
        expect(plan.outputs.dbEndpoint).toBe(db().state.endpoint);
        expect(plan.outputs.dbSecretArn).toMatch(/^arn:aws:secretsmanager:eu-west-1:\d{12}:secret:rds!db-/);
        expect(Object.keys(plan.outputs)).not.toEqual(expect.arrayContaining(["albArn"]));
        expect(ofType(plan, "aws:lb/loadBalancer:LoadBalancer")).toEqual([]);
    });

    it("exports the database's outputs: the web tier is off, so its outputs are absent", () => {
        expect(plan.outputs.dbEndpoint).toBe(db().state.endpoint);
        for (const key of ["albDnsName", "albArn", "webAclArn"]) expect(Object.keys(plan.outputs)).not.toContain(key);
    });
});

describe("Database, guarded and redundant (deletion protection, Multi-AZ, 14 days, db.m7g.large)", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planComponent(
            (s) =>
                new Database("unit-data", {
                    namePrefix: "unit",
                    vpcId: s.vpcId,
                    privateSubnetIds: s.privateSubnetIds,
                    appSecurityGroupId: APP_SG_ID,
                    kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k",
                    alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alerts",
                    settings: s.settings(DATABASE_SETTINGS, {
                        dbInstanceClass: "db.m7g.large",
                        dbBackupRetentionDays: 14,
                        dbMultiAz: true,
                        deletionProtection: true,
                        logRetentionDays: 90,
                    }),
                    provider: s.provider,
                }),
            { stack: "unit", profile: "dev" },
        );
    });
    const db = (): PlannedResource => one(plan, DB);

    it("is deletion-protected (RDS.8) and keeps its backups and a final snapshot named with a random suffix kept in state", () => {
        const suffix = one(plan, "random:index/randomId:RandomId", "db-final-snapshot-suffix");
        expect(db().inputs).toMatchObject({
            deletionProtection: true,
            skipFinalSnapshot: false,
            finalSnapshotIdentifier: `unit-db-final-${String(suffix.state.hex)}`,
            deleteAutomatedBackups: false,
        });
        // A new suffix whenever an input that replaces the instance changes: a replaced database's final
        // snapshot never collides with its predecessor's (DBSnapshotAlreadyExists).
        expect(suffix.inputs).toMatchObject({
            byteLength: 4,
            keepers: { identifier: "unit-db", engine: "postgres", kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k" },
        });
        expect(suffix.parent).toBe(ofType(plan, "tap:data:Database")[0].urn);
    });

    it("takes Multi-AZ (RDS.5), the retention and the class from its arguments", () => {
        expect(db().inputs).toMatchObject({
            multiAz: true,
            backupRetentionPeriod: 14,
            instanceClass: "db.m7g.large",
            performanceInsightsEnabled: true,
        });
    });
});

describe("Performance Insights support (seed 004, #5)", () => {
    it.each(["db.t2.micro", "db.t2.small", "db.t3.micro", "db.t3.small", "db.t4g.micro", "db.t4g.small"])(
        "MySQL and MariaDB refuse it on %s",
        (instanceClass) => {
            expect([supportsPerformanceInsights("mysql", instanceClass), supportsPerformanceInsights("mariadb", instanceClass)]).toEqual([
                false,
                false,
            ]);
        },
    );

    it("MySQL supports it from medium up; PostgreSQL lists no class restriction", () => {
        expect(supportsPerformanceInsights("mysql", "db.t4g.medium")).toBe(true);
        expect(supportsPerformanceInsights("mysql", "db.m7g.large")).toBe(true);
        for (const instanceClass of PERFORMANCE_INSIGHTS_UNSUPPORTED_CLASSES.mysql)
            expect(supportsPerformanceInsights("postgres", instanceClass)).toBe(true);
    });
});

describe("Database arguments", () => {
    const args = (extra: Partial<DatabaseArgs>, settings: Partial<DatabaseSettings> = {}): DatabaseArgs => ({
        namePrefix: "tap-dev-use1",
        vpcId: "vpc-1",
        privateSubnetIds: ["subnet-1"],
        appSecurityGroupId: "sg-1",
        kmsKeyArn: "arn",
        alarmTopicArn: "arn",
        settings: { ...defaultSettings(DATABASE_SETTINGS, "dev"), logRetentionDays: 90, ...settings },
        provider: {} as aws.Provider,
        ...extra,
    });

    it.each<[Partial<DatabaseArgs>, Partial<DatabaseSettings>, RegExp]>([
        [{}, { dbInstanceClass: "t4g.micro" }, /dbInstanceClass must be db.<family>.<size>/],
        [{ allocatedStorageGiB: 10 }, {}, /allocatedStorageGiB must be a whole number from 20/],
        [
            { allocatedStorageGiB: 100 },
            { dbMaxAllocatedStorageGiB: 100 },
            /maxAllocatedStorageGiB must be above allocatedStorageGiB \(100\)/,
        ],
        [{}, { dbBackupRetentionDays: 3 }, /dbBackupRetentionDays must be a whole number from 7 \(RDS.11\) to 35/],
    ])("refuses %j %j before creating anything", (extra, settings, message) => {
        expect(() => new Database("data", args(extra, settings))).toThrow(message);
    });
});
