import { CONFIG_KEYS, parseTapConfig, TapConfigError } from "../../lib/config";
import { defaultOf, KeyDeclaration } from "../../lib/config/declare";
import { LOG_RETENTION_DAYS } from "../../lib/monitoring/log-retention";
import { TapMocks } from "../../tooling/mock-runtime/mocks";
import { planTap, TEST_CERTIFICATE_ARN } from "../support";

/** A prod stack needs a subscriber on its alert topics (seed 002): the minimal prod config. */
const PROD = { "tap:alarmEmail": "secops@example.com" };

const errorOf = (raw: Record<string, string>, stack = "dev"): TapConfigError => {
    try {
        parseTapConfig(raw, stack);
    } catch (err) {
        if (err instanceof TapConfigError) return err;
        throw err;
    }
    throw new Error(`config ${JSON.stringify(raw)} was accepted`);
};

describe("parseTapConfig defaults", () => {
    it("fills every declared default for a dev stack, and sets nothing a key without a default would hold", () => {
        const dev = parseTapConfig({}, "dev") as Record<string, unknown>;
        const ctx = { stackName: "dev", profile: "dev", region: "us-east-1", environmentSuffix: "dev" } as const;
        const declared = Object.entries(CONFIG_KEYS as Record<string, KeyDeclaration>);
        expect(declared.length).toBeGreaterThan(80);
        for (const [name, d] of declared) {
            if (d.default === undefined) expect(dev[name]).toBeUndefined();
            // regionCidrs is completed with every region's block (the primary's: vpcCidr).
            else if (name !== "regionCidrs") expect([name, dev[name]]).toEqual([name, defaultOf(d.default, ctx)]);
        }
    });

    it("dev's defaults are the documented small, disposable ones", () => {
        expect(parseTapConfig({}, "dev")).toMatchObject({
            stackRole: "workload",
            region: "us-east-1",
            profile: "dev",
            environmentSuffix: "dev",
            kmsKeyDeletionWindowDays: 7,
            vpcCidr: "10.0.0.0/16",
            azCount: 2,
            natGatewayStrategy: "single",
            instanceType: "t3.micro",
            logRetentionDays: 90,
            owner: "platform",
            extraTags: {},
            computeMode: "asg",
            asgMinSize: 1,
            asgMaxSize: 2,
            asgDesiredCapacity: 1,
            rootVolumeSizeGiB: 30,
            enableAccountHardening: true,
            forceDestroyBuckets: true,
            cloudTrailMultiRegion: true,
            cloudTrailDataEventBuckets: [],
            createGuardDutyDetector: true,
            createConfigRecorder: true,
            createConfigServiceLinkedRole: true,
            configRecorderName: "tap-dev-recorder",
            budgetActualAlertPercent: 80,
            budgetScope: "account",
            budgetForecastAlertPercent: 100,
            auditLogExpirationDays: 2557,
            regions: ["us-east-1"],
            regionCidrs: { "us-east-1": "10.0.0.0/16" },
            enableWebTier: false,
            enableDatabase: false,
            enableCdn: false,
            allowedIngressCidrs: ["0.0.0.0/0"],
            appPort: 80,
            deletionProtection: false,
            protectFromScaleIn: false,
            wafRateLimit: 2000,
            dbInstanceClass: "db.t4g.micro",
            dbBackupRetentionDays: 7,
            dbMultiAz: false,
            dbMaxAllocatedStorageGiB: 100,
            dataTierInEveryRegion: false,
            enableAppDataBucket: true,
            vpcEndpoints: false,
            createSessionPreferences: false,
            sessionIdleTimeoutMinutes: 20,
            sessionMaxDurationMinutes: 240,
            enablePatchManager: true,
            patchApprovalDelayDays: 0,
            patchMinimumSeverity: "Low",
            patchWindowSchedule: "cron(0 3 ? * * *)",
            patchWindowDurationHours: 3,
            enableBackup: true,
            backupDailyRetentionDays: 7,
            backupMonthlyRetentionDays: 0,
            backupVaultLock: false,
            backupVaultLockMinRetentionDays: 7,
            backupVaultLockMaxRetentionDays: 400,
            dbMonitoringInterval: 60,
            auditLogObjectLock: true,
            auditLogObjectLockMode: "GOVERNANCE",
            auditLogObjectLockDays: 7,
            allowPlainHttp: true,
            redirectHttpToHttps: true,
            cdnAliases: [],
            protectStatefulResources: false,
            retainAuditLogs: false,
            createSecurityHub: true,
            enableSecurityHubNist: false,
            securityHubControlWaivers: {},
            createAccessAnalyzer: true,
            enableInspector: false,
            guardDutyRuntimeMonitoring: false,
            guardDutyS3Protection: true,
            guardDutyMalwareProtection: true,
            guardDutyRdsProtection: true,
            manageAdoptedGuardDutyFeatures: false,
            enableAccess: false,
        });
    });

    it("prod defaults: two to four instances, buckets kept on destroy, account hardening on", () => {
        expect(parseTapConfig(PROD, "prod")).toMatchObject({
            asgMinSize: 2,
            asgMaxSize: 4,
            asgDesiredCapacity: 2,
            forceDestroyBuckets: false,
            enableAccountHardening: true,
            rootVolumeSizeGiB: 30,
        });
    });

    it('reads booleans from Pulumi\'s "true" / "false" strings ("false" is false)', () => {
        expect(parseTapConfig({ "tap:enableAccountHardening": "false", "tap:forceDestroyBuckets": "false" }, "dev")).toMatchObject({
            enableAccountHardening: false,
            forceDestroyBuckets: false,
        });
        expect(parseTapConfig({ ...PROD, "tap:forceDestroyBuckets": "true" }, "prod").forceDestroyBuckets).toBe(true);
    });

    it("takes Auto Scaling sizes from config, a single key falling back to the profile for the others", () => {
        expect(parseTapConfig({ "tap:asgMinSize": "0", "tap:asgDesiredCapacity": "0", "tap:asgMaxSize": "1" }, "dev")).toMatchObject({
            asgMinSize: 0,
            asgDesiredCapacity: 0,
            asgMaxSize: 1,
        });
        expect(parseTapConfig({ ...PROD, "tap:asgMaxSize": "6" }, "prod")).toMatchObject({
            asgMinSize: 2,
            asgDesiredCapacity: 2,
            asgMaxSize: 6,
        });
        expect(parseTapConfig({ "tap:rootVolumeSizeGiB": "8" }, "dev").rootVolumeSizeGiB).toBe(8);
    });

    it("defaults to one NAT gateway per AZ for a prod stack, and the profile can be set explicitly", () => {
        expect(parseTapConfig(PROD, "prod")).toMatchObject({ profile: "prod", natGatewayStrategy: "onePerAz" });
        expect(parseTapConfig({ ...PROD, "tap:profile": "prod" }, "staging")).toMatchObject({
            profile: "prod",
            natGatewayStrategy: "onePerAz",
            environmentSuffix: "staging",
        });
        expect(parseTapConfig({}, "production-eu")).toMatchObject({ profile: "dev" });
    });

    it("reads numbers from their string form, as Pulumi passes them", () => {
        expect(parseTapConfig({ "tap:azCount": "3", "tap:logRetentionDays": "365" }, "dev")).toMatchObject({
            azCount: 3,
            logRetentionDays: 365,
        });
    });

    it("accepts every retention CloudWatch Logs accepts", () => {
        for (const days of LOG_RETENTION_DAYS) {
            expect(parseTapConfig({ "tap:logRetentionDays": String(days) }, "dev").logRetentionDays).toBe(days);
        }
    });
});

describe("parseTapConfig errors name the key, the value and what is allowed", () => {
    it.each([
        ["aws:region", "us-moon-1", /aws:region = "us-moon-1": must be one of: .*us-east-1/],
        ["tap:environmentSuffix", "Dev1", /tap:environmentSuffix = "Dev1": must be lowercase/],
        ["tap:environmentSuffix", "dev_1", /tap:environmentSuffix = "dev_1": may hold only letters, digits and '-' \(not "_"\)/],
        ["tap:environmentSuffix", "a".repeat(17), /tap:environmentSuffix = "a{17}": must be 1 to 16/],
        ["tap:vpcCidr", "10.0.0.0/8", /tap:vpcCidr = "10.0.0.0\/8": must have a prefix from \/16 to \/24/],
        ["tap:vpcCidr", "10.0.0.0/25", /tap:vpcCidr = "10.0.0.0\/25": must have a prefix from \/16 to \/24/],
        ["tap:vpcCidr", "10.0.300.0/16", /tap:vpcCidr = "10.0.300.0\/16": must be an IPv4 CIDR/],
        ["tap:vpcCidr", "10.0.0.0", /tap:vpcCidr = "10.0.0.0": must be an IPv4 CIDR/],
        ["tap:vpcCidr", "10.0.1.0/16", /tap:vpcCidr = "10.0.1.0\/16": has host bits set: the network address is 10.0.0.0\/16/],
        ["tap:azCount", "1", /tap:azCount = "1": must be a whole number from 2 to 6/],
        ["tap:azCount", "7", /tap:azCount = "7": must be a whole number from 2 to 6/],
        ["tap:azCount", "2.5", /tap:azCount = "2.5": must be a whole number from 2 to 6/],
        ["tap:azCount", "two", /tap:azCount = "two": must be a whole number from 2 to 6/],
        ["tap:natGatewayStrategy", "perAz", /tap:natGatewayStrategy = "perAz": must be one of: single, onePerAz, none/],
        ["tap:instanceType", "t3micro", /tap:instanceType = "t3micro": must be an EC2 instance type name/],
        ["tap:logRetentionDays", "45", /tap:logRetentionDays = "45": must be one of: 1, 3, 5, 7, 14, 30, 60, 90/],
        ["tap:profile", "staging", /tap:profile = "staging": must be one of: dev, prod/],
        ["tap:owner", "", /tap:owner = "": must be 1 to 256 characters/],
        ["tap:asgMinSize", "-1", /tap:asgMinSize = "-1": must be a whole number from 0 to 100/],
        ["tap:asgMaxSize", "0", /tap:asgMaxSize = "0": must be a whole number from 1 to 100/],
        ["tap:asgDesiredCapacity", "1.5", /tap:asgDesiredCapacity = "1.5": must be a whole number from 0 to 100/],
        ["tap:rootVolumeSizeGiB", "7", /tap:rootVolumeSizeGiB = "7": must be a whole number from 8 to 16384/],
        ["tap:enableAccountHardening", "yes", /tap:enableAccountHardening = "yes": must be true or false/],
        ["tap:forceDestroyBuckets", "1", /tap:forceDestroyBuckets = "1": must be true or false/],
        ["tap:computeMode", "single", /tap:computeMode = "single": must be one of: asg, instance/],
    ])("%s = %j", (key, value, message) => {
        expect(errorOf({ [key]: value }).message).toMatch(message);
    });

    it.each([
        [
            { "tap:asgMinSize": "3", "tap:asgMaxSize": "2" },
            "dev",
            /tap:asgMinSize \(3\) <= tap:asgDesiredCapacity \(1\) <= tap:asgMaxSize \(2\) must hold/,
        ],
        [
            { "tap:asgDesiredCapacity": "5" },
            "dev",
            /tap:asgMinSize \(1\) <= tap:asgDesiredCapacity \(5\) <= tap:asgMaxSize \(2\) must hold \(unset keys take the dev defaults 1, 1, 2\)/,
        ],
        [{ "tap:asgMaxSize": "1" }, "prod", /tap:asgMinSize \(2\) <= tap:asgDesiredCapacity \(2\) <= tap:asgMaxSize \(1\) must hold/],
    ])("refuses Auto Scaling sizes out of order: %j (%s)", (raw, stack, message) => {
        expect(errorOf(raw, stack).message).toMatch(message);
    });

    it("tap:computeMode instance refuses the Auto Scaling keys, naming each one set, rather than ignore them", () => {
        expect(errorOf({ "tap:computeMode": "instance", "tap:asgMaxSize": "3" }).message).toMatch(
            /tap:asgMaxSize is set but tap:computeMode is instance: a single instance has no Auto Scaling group .*; unset it, or set tap:computeMode to asg/,
        );
        expect(
            errorOf({
                "tap:computeMode": "instance",
                "tap:asgMinSize": "1",
                "tap:asgDesiredCapacity": "1",
                "tap:protectFromScaleIn": "true",
            }).problems,
        ).toEqual([
            expect.stringMatching(
                /^tap:asgMinSize, tap:asgDesiredCapacity, tap:protectFromScaleIn are set but tap:computeMode is instance/,
            ),
        ]);
        // The prod stack file sizes its group and protects it from scale-in: a single instance there is a deliberate edit.
        expect(
            errorOf(
                {
                    ...PROD,
                    "tap:computeMode": "instance",
                    "tap:asgMinSize": "2",
                    "tap:asgMaxSize": "4",
                    "tap:asgDesiredCapacity": "2",
                    "tap:protectFromScaleIn": "true",
                },
                "prod",
            ).message,
        ).toMatch(/tap:asgMinSize, tap:asgMaxSize, tap:asgDesiredCapacity, tap:protectFromScaleIn are set/);
    });

    it("tap:computeMode instance accepts what asks nothing of a group (no protection from scale-in), and the profile's sizes stay unused", () => {
        expect(parseTapConfig({ ...PROD, "tap:computeMode": "instance", "tap:protectFromScaleIn": "false" }, "prod")).toMatchObject({
            computeMode: "instance",
            protectFromScaleIn: false,
            asgMinSize: 2,
            asgMaxSize: 4,
            asgDesiredCapacity: 2,
        });
        expect(parseTapConfig({ "tap:computeMode": "asg", "tap:asgMaxSize": "3" }, "dev")).toMatchObject({
            computeMode: "asg",
            asgMaxSize: 3,
        });
    });

    it("rejects a misspelt key and lists the known ones", () => {
        expect(errorOf({ "tap:vpcCIDR": "10.0.0.0/16" }).message).toMatch(
            /tap:vpcCIDR: unknown key \(known keys: aws:region, .*tap:vpcCidr/,
        );
    });

    it("reports every bad key at once", () => {
        expect(errorOf({ "tap:azCount": "9", "tap:natGatewayStrategy": "x" }).problems).toHaveLength(2);
    });

    it("refuses a stack name that cannot be the environment suffix unless one is set", () => {
        expect(errorOf({}, "Dev_Stack").message).toMatch(/tap:environmentSuffix is not set and the stack name "Dev_Stack"/);
        expect(parseTapConfig({ "tap:environmentSuffix": "dev" }, "Dev_Stack").environmentSuffix).toBe("dev");
    });

    it("ignores other namespaces' keys (aws:profile and the like)", () => {
        expect(() => parseTapConfig({ "aws:profile": "sandbox", "pulumi:tags": "{}" }, "dev")).not.toThrow();
    });
});

describe("a bad config creates nothing", () => {
    it("throws before a single resource is registered", async () => {
        const mocks = new TapMocks("us-east-1");
        await expect(planTap({ "tap:vpcCidr": "10.0.0.0/8" }, "dev", mocks)).rejects.toThrow(/tap:vpcCidr/);
        expect(mocks.registrations.filter((r) => r.type !== "pulumi:pulumi:Stack")).toEqual([]);
    });

    it("Auto Scaling keys with tap:computeMode instance fail before a single resource is registered", async () => {
        const mocks = new TapMocks("us-east-1");
        await expect(planTap({ "tap:computeMode": "instance", "tap:asgMinSize": "1" }, "dev", mocks)).rejects.toThrow(
            /tap:asgMinSize is set but tap:computeMode is instance/,
        );
        expect(mocks.registrations.filter((r) => r.type !== "pulumi:pulumi:Stack")).toEqual([]);
    });

    it("an Auto Scaling size out of order fails before a single resource is registered", async () => {
        const mocks = new TapMocks("us-east-1");
        await expect(planTap({ "tap:asgMinSize": "3" }, "dev", mocks)).rejects.toThrow(/tap:asgMinSize \(3\)/);
        expect(mocks.registrations.filter((r) => r.type !== "pulumi:pulumi:Stack")).toEqual([]);
    });

    it("a prod config with an empty retention, a hex number, a crontab line and a short zone id fails before a single resource, naming each", async () => {
        const mocks = new TapMocks("us-east-1");
        const raw = {
            "tap:backupMonthlyRetentionDays": "",
            "tap:sessionIdleTimeoutMinutes": "0x1e",
            "tap:patchWindowSchedule": "0 3 * * 0",
            "tap:enableWebTier": "true",
            "tap:domainName": "app.example.com",
            "tap:hostedZoneId": "Z123",
        };
        const failed = planTap(raw, "prod", mocks);
        await expect(failed).rejects.toThrow(
            /tap:backupMonthlyRetentionDays = ""[^]*tap:sessionIdleTimeoutMinutes = "0x1e"[^]*tap:patchWindowSchedule = "0 3 \* \* 0"[^]*tap:hostedZoneId = "Z123"/,
        );
        expect(mocks.registrations.filter((r) => r.type !== "pulumi:pulumi:Stack")).toEqual([]);
    });
});

describe("monitoring keys", () => {
    it("read lists, booleans and emails from their string forms", () => {
        expect(
            parseTapConfig(
                {
                    "tap:cloudTrailDataEventBuckets": '["*"]',
                    "tap:cloudTrailMultiRegion": "false",
                    "tap:alarmEmail": "secops@example.com",
                    "tap:createGuardDutyDetector": "false",
                    "tap:guardDutyDetectorId": "0123456789abcdef0123456789abcdef",
                },
                "dev",
            ),
        ).toMatchObject({
            cloudTrailDataEventBuckets: ["*"],
            cloudTrailMultiRegion: false,
            alarmEmail: "secops@example.com",
            createGuardDutyDetector: false,
            guardDutyDetectorId: "0123456789abcdef0123456789abcdef",
        });
    });

    it.each([
        [
            "tap:cloudTrailDataEventBuckets",
            '["arn:aws:s3:::*/"]',
            /tap:cloudTrailDataEventBuckets = .*: must be a list of S3 bucket names, or "\*"/,
        ],
        ["tap:cloudTrailDataEventBuckets", "my-bucket", /tap:cloudTrailDataEventBuckets = "my-bucket": must be a list of S3 bucket names/],
        ["tap:alarmEmail", "secops-at-example", /tap:alarmEmail = "secops-at-example": must be an email address/],
        ["tap:guardDutyDetectorId", "detector-1", /tap:guardDutyDetectorId = "detector-1": must be a GuardDuty detector id/],
        ["tap:configRecorderName", "my recorder", /tap:configRecorderName = "my recorder": must be 1 to 256 of letters/],
        ["tap:cloudTrailMultiRegion", "yes", /tap:cloudTrailMultiRegion = "yes": must be true or false/],
        ["tap:auditLogExpirationDays", "30", /tap:auditLogExpirationDays = "30": must be a whole number from 91 to 3653/],
    ])("%s = %j is refused", (key, value, message) => {
        expect(errorOf({ [key]: value }).message).toMatch(message);
    });

    it("refuses a detector id to adopt while the stack is asked to create a detector", () => {
        expect(errorOf({ "tap:guardDutyDetectorId": "0123456789abcdef0123456789abcdef" }).message).toMatch(
            /tap:guardDutyDetectorId is set but tap:createGuardDutyDetector is true/,
        );
    });
});

describe("region keys", () => {
    it("default to the primary region alone, with tap:vpcCidr", () => {
        expect(parseTapConfig({ "aws:region": "eu-west-1", "tap:vpcCidr": "10.8.0.0/16" }, "dev")).toMatchObject({
            regions: ["eu-west-1"],
            regionCidrs: { "eu-west-1": "10.8.0.0/16" },
        });
    });

    it("derive a non-overlapping CIDR for each further region, or take the one given", () => {
        const c = parseTapConfig(
            {
                "tap:regions": '["us-east-1", "us-west-2", "eu-west-1"]',
                "tap:regionCidrs": '{"eu-west-1": "172.16.0.0/16"}',
            },
            "dev",
        );
        expect(c.regionCidrs).toEqual({ "us-east-1": "10.0.0.0/16", "us-west-2": "10.1.0.0/16", "eu-west-1": "172.16.0.0/16" });
    });

    it.each([
        [
            { "tap:regions": '["us-west-2", "us-east-1"]' },
            /tap:regions = \["us-west-2","us-east-1"\]: must start with the primary region aws:region \(us-east-1\)/,
        ],
        [{ "tap:regions": '["us-east-1", "us-west-2", "us-west-2"]' }, /tap:regions = .*: lists us-west-2 more than once/],
        [{ "tap:regions": '["us-east-1", "mars-1"]' }, /tap:regions = .*: must be a list of AWS region codes/],
        [{ "tap:regions": "us-east-1" }, /tap:regions = "us-east-1": must be a list of AWS region codes/],
        [
            { "tap:regions": '["us-east-1", "us-west-2"]', "tap:regionCidrs": '{"us-west-2": "10.0.64.0/18"}' },
            /tap:vpcCidr \/ tap:regionCidrs: VPC CIDRs 10\.0\.0\.0\/16 and 10\.0\.64\.0\/18 overlap/,
        ],
        [
            { "tap:regionCidrs": '{"us-east-1": "10.9.0.0/16"}' },
            /tap:regionCidrs has the primary region us-east-1: its CIDR is tap:vpcCidr/,
        ],
        [{ "tap:regionCidrs": '{"eu-west-1": "10.9.0.0/16"}' }, /tap:regionCidrs has eu-west-1, which is not in tap:regions/],
        [
            { "tap:regions": '["us-east-1", "us-west-2"]', "tap:regionCidrs": '{"us-west-2": "10.9.0.0/12"}' },
            /tap:regionCidrs = .*has us-west-2: "10\.9\.0\.0\/12", which must have a prefix from \/16 to \/24/,
        ],
    ])("%j is refused", (raw, message) => {
        expect(errorOf(raw as Record<string, string>).message).toMatch(message);
    });
});

describe("web and data tier keys", () => {
    it("prod profile: both tiers on, guarded, Multi-AZ, 30 days of backups, a larger class; the CDN stays off", () => {
        expect(parseTapConfig(PROD, "prod")).toMatchObject({
            enableWebTier: true,
            enableDatabase: true,
            enableCdn: false,
            deletionProtection: true,
            dbMultiAz: true,
            dbBackupRetentionDays: 30,
            dbInstanceClass: "db.t4g.medium",
            protectFromScaleIn: false,
        });
    });

    it("each switch and override is read independently of the profile", () => {
        expect(
            parseTapConfig({ "tap:enableDatabase": "true", "tap:dbMultiAz": "true", "tap:deletionProtection": "true" }, "dev"),
        ).toMatchObject({ enableWebTier: false, enableDatabase: true, dbMultiAz: true, deletionProtection: true });
        expect(
            parseTapConfig(
                { ...PROD, "tap:enableWebTier": "false", "tap:dbBackupRetentionDays": "35", "tap:dbInstanceClass": "db.r7g.xlarge" },
                "prod",
            ),
        ).toMatchObject({ enableWebTier: false, enableDatabase: true, dbBackupRetentionDays: 35, dbInstanceClass: "db.r7g.xlarge" });
    });

    it("reads the ingress CIDRs, the app port, the rate limit and a certificate of the stack's region", () => {
        expect(
            parseTapConfig(
                {
                    "tap:allowedIngressCidrs": '["203.0.113.0/24","198.51.100.7/32"]',
                    "tap:appPort": "8080",
                    "tap:wafRateLimit": "10",
                    "tap:certificateArn": TEST_CERTIFICATE_ARN,
                    "tap:protectFromScaleIn": "true",
                },
                "dev",
            ),
        ).toMatchObject({
            allowedIngressCidrs: ["203.0.113.0/24", "198.51.100.7/32"],
            appPort: 8080,
            wafRateLimit: 10,
            certificateArn: TEST_CERTIFICATE_ARN,
            protectFromScaleIn: true,
        });
    });

    it.each([
        ["tap:enableWebTier", "on", /tap:enableWebTier = "on": must be true or false/],
        ["tap:allowedIngressCidrs", "0.0.0.0/0", /tap:allowedIngressCidrs = "0.0.0.0\/0": must be a list of IPv4 CIDR blocks/],
        [
            "tap:allowedIngressCidrs",
            '["10.0.0.1/8"]',
            /tap:allowedIngressCidrs = .*: must be a list of IPv4 CIDR blocks written as their network address/,
        ],
        ["tap:allowedIngressCidrs", '["::/0"]', /tap:allowedIngressCidrs = .*: must be a list of IPv4 CIDR blocks/],
        ["tap:allowedIngressCidrs", "[]", /tap:allowedIngressCidrs = "\[\]": must name at least one CIDR block/],
        ["tap:appPort", "0", /tap:appPort = "0": must be a whole number from 1 to 65535/],
        ["tap:appPort", "65536", /tap:appPort = "65536": must be a whole number from 1 to 65535/],
        ["tap:certificateArn", "arn:aws:iam::123456789012:server-certificate/x", /tap:certificateArn = .*: must be an ACM certificate ARN/],
        ["tap:wafRateLimit", "9", /tap:wafRateLimit = "9": must be a whole number from 10 to 2000000000/],
        ["tap:wafRateLimit", "2000000001", /tap:wafRateLimit = "2000000001": must be a whole number from 10 to 2000000000/],
        ["tap:dbInstanceClass", "t4g.micro", /tap:dbInstanceClass = "t4g.micro": must be an RDS instance class \(db.<family>.<size>/],
        ["tap:dbBackupRetentionDays", "6", /tap:dbBackupRetentionDays = "6": must be a whole number from 7 to 35/],
        ["tap:dbBackupRetentionDays", "36", /tap:dbBackupRetentionDays = "36": must be a whole number from 7 to 35/],
        ["tap:dbMultiAz", "yes", /tap:dbMultiAz = "yes": must be true or false/],
        ["tap:deletionProtection", "1", /tap:deletionProtection = "1": must be true or false/],
        ["tap:protectFromScaleIn", "no", /tap:protectFromScaleIn = "no": must be true or false/],
        ["tap:cdnAliases", '["Static Site"]', /tap:cdnAliases = .*: must be a list of DNS names/],
    ])("%s = %j is refused", (key, value, message) => {
        expect(errorOf({ [key]: value }).message).toMatch(message);
    });

    it("refuses a load balancer certificate from another region", () => {
        expect(errorOf({ "aws:region": "eu-west-1", "tap:certificateArn": TEST_CERTIFICATE_ARN }).message).toMatch(
            /tap:certificateArn is in us-east-1 but the stack is in eu-west-1/,
        );
    });

    it("requires the CDN's certificate (from us-east-1) and its domain names, for TLS 1.2+", () => {
        expect(errorOf({ "tap:enableCdn": "true" }).message).toMatch(
            /tap:enableCdn is true but tap:cdnCertificateArn and tap:cdnAliases are not both set/,
        );
        expect(errorOf({ "tap:enableCdn": "true", "tap:cdnCertificateArn": TEST_CERTIFICATE_ARN }).message).toMatch(/tap:cdnAliases/);
        expect(errorOf({ "tap:cdnCertificateArn": TEST_CERTIFICATE_ARN.replace("us-east-1", "eu-west-1") }).message).toMatch(
            /tap:cdnCertificateArn = .*: CloudFront takes ACM certificates from us-east-1 only/,
        );
        expect(
            parseTapConfig(
                {
                    "tap:enableCdn": "true",
                    "tap:cdnCertificateArn": TEST_CERTIFICATE_ARN,
                    "tap:cdnAliases": '["static.example.com","*.example.org"]',
                },
                "dev",
            ),
        ).toMatchObject({ enableCdn: true, cdnAliases: ["static.example.com", "*.example.org"] });
    });

    it("refuses a suffix that would make an ELB name longer than ELB's 32 characters, only with the web tier", () => {
        const raw = { "tap:environmentSuffix": "abcdefghijklmnop", "aws:region": "eusc-de-east-1", "tap:enableWebTier": "true" };
        expect(errorOf(raw).message).toMatch(
            /tap:environmentSuffix "abcdefghijklmnop" makes the ELB name tap-abcdefghijklmnop-euscdee1-alb longer than ELB's 32/,
        );
        expect(errorOf({ ...raw, "aws:region": "us-east-1", "tap:appPort": "8080" }).message).toMatch(
            /the ELB name tap-abcdefghijklmnop-use1-app-8080 longer/,
        );
        expect(parseTapConfig({ ...raw, "aws:region": "us-east-1" }, "dev").appPort).toBe(80);
        expect(parseTapConfig({ ...raw, "tap:enableWebTier": "false" }, "dev").environmentSuffix).toBe("abcdefghijklmnop");
        expect(parseTapConfig({ ...raw, "tap:environmentSuffix": "abcdefghijk" }, "dev").enableWebTier).toBe(true);
    });
});
