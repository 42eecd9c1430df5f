/** AWS Backup (FSBP Backup.1, NIST CP-9), RDS enhanced monitoring and the fleet's alarms, in the shared plans and alone. */
import * as aws from "@pulumi/aws";
import fc from "fast-check";
import { Backup, BACKUP_S3_POLICY_ARNS, BACKUP_SERVICE_POLICY_ARNS, backupRules } from "../../lib/data/backup";
import { vaultLockProblems } from "../../lib/data/vocabulary";
import { postgresMaxConnections, connectionsAlarmThreshold, dbClassMemoryGiB } from "../../lib/data/max-connections";
import { ASG_NOTIFICATION_TYPES } from "../../lib/monitoring/fleet-alarms";
import { ALL_TIERS, DATA_AND_CDN, ofType, one, Plan, planComponent, planTap, policyDocument, TWO_REGIONS } from "../support";
import { defaultSettings } from "../../lib/config/declare";
import { BACKUP_SETTINGS } from "../../lib/data/settings";

const VAULT = "aws:backup/vault:Vault";
const PLAN = "aws:backup/plan:Plan";
const SELECTION = "aws:backup/selection:Selection";
const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const DB = "aws:rds/instance:Instance";
const KEY = "aws:kms/key:Key";

interface PlannedRule {
    ruleName: string;
    targetVaultName: string;
    schedule: string;
    lifecycle: { deleteAfter: number };
    copyActions?: Array<{ destinationVaultArn: string; lifecycle: { deleteAfter: number } }>;
}
const rulesOf = (plan: Plan) => one(plan, PLAN).inputs.rules as PlannedRule[];

describe("AWS Backup in the stack (every tier, dev defaults)", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap(ALL_TIERS, "dev");
    });

    it("keeps recovery points in a vault encrypted with the region's stack key (Backup.1)", () => {
        const vault = one(plan, VAULT);
        expect(vault.inputs).toMatchObject({ name: "tap-dev-use1-vault", kmsKeyArn: one(plan, KEY).state.arn });
    });

    it("selects the database and the app data bucket by their ARNs into a plan whose rules target that vault (CP-9 / RDS.26; seed 002)", () => {
        const selection = one(plan, SELECTION);
        const bucket = ofType(plan, "aws:s3/bucket:Bucket").find((b) => b.name.endsWith("-app-data"))!;
        expect(selection.inputs.resources).toEqual([one(plan, DB).state.arn, bucket.state.arn]);
        expect(selection.inputs.planId).toBe(one(plan, PLAN).id);
        const rules = rulesOf(plan);
        expect(rules.length).toBeGreaterThan(0);
        for (const r of rules) expect(r.targetVaultName).toBe("tap-dev-use1-vault");
    });

    it("dev: one daily rule kept 7 days, no copy (one region), no vault lock", () => {
        expect(rulesOf(plan).map((r) => [r.ruleName, r.lifecycle.deleteAfter, r.copyActions])).toEqual([["daily", 7, undefined]]);
        expect(ofType(plan, LOCK)).toEqual([]);
        expect(plan.outputs).toMatchObject({
            backupVaultName: "tap-dev-use1-vault",
            backupPlanId: one(plan, PLAN).id,
            backupVaultLock: false,
        });
    });

    it("the service role trusts AWS Backup only and carries AWS's managed backup and restore policies (S3's too, for the app data bucket), nothing else", () => {
        const role = ofType(plan, "aws:iam/role:Role").find((r) => r.name.endsWith("-backup-role"))!;
        expect(one(plan, SELECTION).inputs.iamRoleArn).toBe(role.state.arn);
        expect(policyDocument(role.inputs.assumeRolePolicy).Statement).toEqual([
            { Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" },
        ]);
        const attached = ofType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.inputs.role === role.state.name);
        expect(attached.map((a) => a.inputs.policyArn).sort()).toEqual(
            [...BACKUP_SERVICE_POLICY_ARNS, ...Object.values(BACKUP_S3_POLICY_ARNS)].sort(),
        );
        expect(
            ofType(plan, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.inputs.role === role.id || p.inputs.role === role.state.name),
        ).toEqual([]);
        expect(role.inputs.inlinePolicies ?? []).toEqual([]);
    });

    it("backup and copy job failures notify the alert topic through EventBridge", () => {
        const rules = ofType(plan, "aws:cloudwatch/eventRule:EventRule").filter((r) =>
            String(r.inputs.eventPattern).includes("aws.backup"),
        );
        expect(rules.map((r) => JSON.parse(String(r.inputs.eventPattern))["detail-type"][0])).toEqual([
            "Backup Job State Change",
            "Copy Job State Change",
        ]);
        const topic = one(plan, "aws:sns/topic:Topic");
        for (const rule of rules) {
            const target = ofType(plan, "aws:cloudwatch/eventTarget:EventTarget").find((t) => t.inputs.rule === rule.state.name)!;
            expect(target.inputs.arn).toBe(topic.state.arn);
        }
        const policy = policyDocument(one(plan, "aws:sns/topicPolicy:TopicPolicy").inputs.policy);
        const fromRules = policy.Statement.find((s) => s.Sid === "FindingRulesOfThisStack")!;
        expect((fromRules.Condition as { ArnEquals: Record<string, string[]> }).ArnEquals["aws:SourceArn"]).toEqual(
            expect.arrayContaining(rules.map((r) => r.state.arn)),
        );
    });
});

describe("AWS Backup over two regions", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap(TWO_REGIONS, "dev");
    });

    it("every region has its own vault with its own key; the primary copies every recovery point into the next region's vault", () => {
        const vaults = ofType(plan, VAULT);
        expect(vaults.map((v) => [v.provider, v.inputs.name])).toEqual([
            ["aws-us-east-1", "tap-dev-use1-vault"],
            ["aws-us-west-2", "tap-dev-usw2-vault"],
        ]);
        const keys = ofType(plan, KEY);
        for (const v of vaults) expect(v.inputs.kmsKeyArn).toBe(keys.find((k) => k.provider === v.provider)!.state.arn);
        const west = vaults[1];
        const rules = rulesOf(plan);
        expect(rules.length).toBeGreaterThan(0);
        for (const r of rules)
            expect(r.copyActions).toEqual([{ destinationVaultArn: west.state.arn, lifecycle: { deleteAfter: r.lifecycle.deleteAfter } }]);
        // The second region has nothing to back up: a vault (the copy destination), no plan.
        expect(ofType(plan, PLAN).map((p) => p.provider)).toEqual(["aws-us-east-1"]);
    });
});

describe("Backup alone, prod settings", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planComponent(
            (s) =>
                new Backup("unit-backup", {
                    namePrefix: "unit",
                    kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k",
                    provider: s.provider,
                    settings: s.settings(BACKUP_SETTINGS, {
                        backupDailyRetentionDays: 35,
                        backupMonthlyRetentionDays: 365,
                        backupVaultLock: true,
                        backupVaultLockMinRetentionDays: 7,
                        backupVaultLockMaxRetentionDays: 400,
                    }),
                    resourceArns: ["arn:aws:rds:us-east-1:123456789012:db:unit-db"],
                }),
            { stack: "unit", profile: "prod" },
        );
    });

    it("daily kept 35 days and monthly kept a year", () => {
        expect(rulesOf(plan).map((r) => [r.ruleName, r.schedule, r.lifecycle.deleteAfter])).toEqual([
            ["daily", "cron(0 5 ? * * *)", 35],
            ["monthly", "cron(0 5 1 * ? *)", 365],
        ]);
    });

    it("locks the vault in governance mode (no changeableForDays) with the configured bounds, before the plan uses it", () => {
        const lock = one(plan, LOCK);
        expect(lock.inputs).toEqual(expect.objectContaining({ backupVaultName: "unit-vault", minRetentionDays: 7, maxRetentionDays: 400 }));
        expect(lock.inputs.changeableForDays).toBeUndefined();
        expect(one(plan, PLAN).dependsOn).toContain(lock.urn);
    });

    it("refuses a retention outside the lock's bounds, naming the argument, before any resource", () => {
        expect(
            () =>
                new Backup("bad", {
                    namePrefix: "bad",
                    kmsKeyArn: "k",
                    provider: undefined as unknown as aws.Provider,
                    settings: {
                        ...defaultSettings(BACKUP_SETTINGS, "dev"),
                        backupDailyRetentionDays: 3,
                        backupVaultLock: true,
                        backupVaultLockMinRetentionDays: 7,
                    },
                }),
        ).toThrow(/Backup bad: backupDailyRetentionDays \(3 days\) is outside the vault lock \(7 to 400 days\)/);
    });
});

describe("backup rules and lock bounds (pure)", () => {
    it("a monthly rule exists exactly when its retention is positive; the daily always", () => {
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 3650 }), fc.integer({ min: 0, max: 3650 }), (daily, monthly) => {
                const rules = backupRules(daily, monthly);
                expect(rules[0]).toMatchObject({ ruleName: "daily", deleteAfterDays: daily });
                expect(rules.length).toBe(monthly > 0 ? 2 : 1);
            }),
        );
    });

    it("a retention is accepted by the lock exactly when it lies within its bounds", () => {
        fc.assert(
            fc.property(
                fc.integer({ min: 1, max: 100 }),
                fc.integer({ min: 100, max: 1000 }),
                fc.integer({ min: 1, max: 2000 }),
                (min, max, days) => {
                    expect(vaultLockProblems({ min, max }, { daily: days }).length === 0).toBe(days >= min && days <= max);
                },
            ),
        );
    });
});

describe("the database connections alarm follows the class's max_connections", () => {
    it("matches RDS's PostgreSQL default, LEAST(memory/9531392, 5000), on the classes tap documents", () => {
        expect(
            Object.fromEntries(
                ["db.t4g.micro", "db.t4g.medium", "db.m7g.large", "db.r6g.xlarge", "db.r7g.16xlarge"].map((c) => [
                    c,
                    postgresMaxConnections(c),
                ]),
            ),
        ).toEqual({ "db.t4g.micro": 112, "db.t4g.medium": 450, "db.m7g.large": 901, "db.r6g.xlarge": 3604, "db.r7g.16xlarge": 5000 });
        expect(dbClassMemoryGiB("db.z1d.large")).toBeUndefined();
    });

    it("the threshold is 80% of max_connections, positive, and never falls as the class grows within a family", () => {
        const sizes = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"];
        fc.assert(
            fc.property(
                fc.constantFrom("m6g", "m7g", "r6g", "r7g", "x2g", "c6gd"),
                fc.integer({ min: 0, max: sizes.length - 2 }),
                (family, i) => {
                    const small = connectionsAlarmThreshold(`db.${family}.${sizes[i]}`)!;
                    const large = connectionsAlarmThreshold(`db.${family}.${sizes[i + 1]}`)!;
                    expect(small).toBeGreaterThan(0);
                    expect(small).toBe(Math.floor(0.8 * postgresMaxConnections(`db.${family}.${sizes[i]}`)!));
                    expect(large).toBeGreaterThanOrEqual(small);
                },
            ),
        );
    });

    it("in the stack: db.t4g.micro alarms above 89 connections, and enhanced monitoring samples every 60 s with its own role", async () => {
        const plan = await planTap(ALL_TIERS, "dev");
        const alarm = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm").find((a) => a.inputs.metricName === "DatabaseConnections")!;
        expect(alarm.inputs.threshold).toBe(89);
        const role = ofType(plan, "aws:iam/role:Role").find((r) => r.name.endsWith("-db-monitoring-role"))!;
        expect(one(plan, DB).inputs).toMatchObject({
            monitoringInterval: 60,
            monitoringRoleArn: role.state.arn,
            iamDatabaseAuthenticationEnabled: true,
        });
        expect(policyDocument(role.inputs.assumeRolePolicy).Statement).toEqual([
            { Effect: "Allow", Principal: { Service: "monitoring.rds.amazonaws.com" }, Action: "sts:AssumeRole" },
        ]);
    });
});

describe("fleet and edge alarms (every tier)", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap(ALL_TIERS, "dev");
    });

    it("the Auto Scaling group reports launch and terminate errors to the alert topic", () => {
        const notification = one(plan, "aws:autoscaling/notification:Notification");
        expect(notification.inputs).toEqual({
            groupNames: [one(plan, "aws:autoscaling/group:Group").state.name],
            notifications: [...ASG_NOTIFICATION_TYPES],
            topicArn: one(plan, "aws:sns/topic:Topic").state.arn,
        });
    });

    it("the load balancer alarms on target 5xx and on unhealthy hosts, to the alert topic", () => {
        const alarms = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.inputs.namespace === "AWS/ApplicationELB");
        expect(alarms.map((a) => a.inputs.metricName)).toEqual(["HTTPCode_Target_5XX_Count", "UnHealthyHostCount"]);
        const lb = one(plan, "aws:lb/loadBalancer:LoadBalancer");
        const tg = one(plan, "aws:lb/targetGroup:TargetGroup");
        const topic = one(plan, "aws:sns/topic:Topic");
        expect(alarms[0].inputs.dimensions).toEqual({ LoadBalancer: lb.state.arnSuffix });
        expect(alarms[1].inputs.dimensions).toEqual({ LoadBalancer: lb.state.arnSuffix, TargetGroup: tg.state.arnSuffix });
        for (const a of alarms) expect(a.inputs.alarmActions).toEqual([topic.state.arn]);
    });
});

describe("Object Lock on the trail bucket (every tier, dev defaults)", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap(ALL_TIERS, "dev");
    });
    const LOCK_CONFIG = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";

    it("locks the CloudTrail bucket's new objects in governance mode for 7 days, after versioning, on a bucket created with Object Lock on", () => {
        const trailBucket = one(plan, "aws:s3/bucket:Bucket", "-cloudtrail");
        const lock = one(plan, LOCK_CONFIG);
        expect(lock.inputs).toEqual(
            expect.objectContaining({
                bucket: trailBucket.id,
                objectLockEnabled: "Enabled",
                rule: { defaultRetention: { mode: "GOVERNANCE", days: 7 } },
            }),
        );
        expect(lock.dependsOn).toEqual([one(plan, "aws:s3/bucketVersioning:BucketVersioning", "-cloudtrail-versioning").urn]);
        // The bucket's own objectLockEnabled is what force-destroy reads (a dev destroy empties it); only the locked bucket has it.
        expect(
            ofType(plan, "aws:s3/bucket:Bucket")
                .filter((b) => b.inputs.objectLockEnabled !== undefined)
                .map((b) => [b.name, b.inputs.objectLockEnabled]),
        ).toEqual([[trailBucket.name, true]]);
        expect(plan.outputs).toMatchObject({ cloudTrailObjectLockMode: "GOVERNANCE", cloudTrailObjectLockDays: 7 });
    });

    it("no other bucket gets it: not the access-log bucket (S3 cannot deliver access logs there), not Config's (unsupported)", () => {
        const locked = ofType(plan, LOCK_CONFIG).map((l) => l.inputs.bucket);
        expect(locked).toHaveLength(1);
        const lockedBuckets = ofType(plan, "aws:s3/bucket:Bucket")
            .filter((b) => locked.includes(b.id))
            .map((b) => b.name);
        expect(lockedBuckets).toEqual([expect.stringMatching(/-cloudtrail$/)]);
    });
});

describe("WAF on the CDN (CloudFront.6; the database-and-CDN plan, eu-west-1)", () => {
    it("attaches a CLOUDFRONT-scope web ACL, created in us-east-1, with the load balancer's rules", async () => {
        const plan = await planTap(DATA_AND_CDN, "dev");
        const acl = ofType(plan, "aws:wafv2/webAcl:WebAcl").find((a) => a.inputs.scope === "CLOUDFRONT")!;
        expect(acl.inputs).toMatchObject({
            region: "us-east-1",
            name: "tap-dev-euw1-cdn-web-acl",
            defaultAction: { allow: {} },
            visibilityConfig: { cloudwatchMetricsEnabled: true },
        });
        expect((acl.inputs.rules as Array<{ name: string }>).map((r) => r.name)).toEqual([
            "rate-limit-per-ip",
            "AWSManagedRulesCommonRuleSet",
            "AWSManagedRulesKnownBadInputsRuleSet",
            "AWSManagedRulesSQLiRuleSet",
        ]);
        expect(one(plan, "aws:cloudfront/distribution:Distribution").inputs.webAclId).toBe(acl.state.arn);
    });
});
