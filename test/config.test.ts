/**
 * Properties of the configuration parser over the whole key table (lib/config/keys.ts): random
 * valid configs parse; a random invalid value of any key is reported under that key, with its
 * value and the rule it broke; all problems are reported together.
 */
import fc from "fast-check";
import { CONFIG_KEYS, parseTapConfig, TapConfigError } from "../lib/config";
import { KeyDeclaration, qualifiedKey } from "../lib/config/declare";
import { COMPUTE_MODES } from "../lib/compute/compute";
import { LOG_RETENTION_DAYS } from "../lib/monitoring/log-retention";
import { NAT_GATEWAY_STRATEGIES } from "../lib/network/vpc-network";
import { PATCH_SEVERITIES } from "../lib/management/patch-management";

type KeyName = keyof typeof CONFIG_KEYS;
const DECLARED = Object.entries(CONFIG_KEYS) as [KeyName, KeyDeclaration][];

const bool = fc.constantFrom("true", "false");
const intString = (min: number, max: number) => fc.integer({ min, max }).map(String);
const lower = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-"), minLength: 1, maxLength: 8 });

/**
 * A generator of valid raw values for each key that can vary on its own; `null` for the keys
 * whose valid values depend on others (those are covered by the cross-key tests). Every declared
 * key must be listed: a new key is either given a generator or named as dependent.
 */
const VALID: Record<KeyName, fc.Arbitrary<string> | null> = {
    region: fc.constantFrom("us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2"),
    profile: fc.constantFrom("dev", "prod"),
    environmentSuffix: lower,
    owner: fc.string({ unit: fc.constantFrom(..."abcXYZ019 _.:/=+-@"), minLength: 1, maxLength: 40 }),
    regions: null, // starts with aws:region
    regionCidrs: null, // regions listed in tap:regions
    enableAccountHardening: bool,
    kmsKeyDeletionWindowDays: intString(7, 30),
    forceDestroyBuckets: bool,
    logRetentionDays: fc.constantFrom(...LOG_RETENTION_DAYS).map(String),
    auditLogExpirationDays: intString(91, 3653),
    vpcCidr: fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 16, max: 24 })).map(([a, bits]) => `10.${a}.0.0/${bits}`),
    azCount: intString(2, 6),
    natGatewayStrategy: fc.constantFrom(...NAT_GATEWAY_STRATEGIES.filter((s) => s !== "none")), // none needs tap:vpcEndpoints (cross-key test)
    computeMode: null, // instance refuses the Auto Scaling keys
    instanceType: fc.constantFrom("t3.micro", "m7g.large", "c6in.2xlarge"),
    asgMinSize: null, // min <= desired <= max
    asgMaxSize: null,
    asgDesiredCapacity: null,
    rootVolumeSizeGiB: intString(8, 16384),
    protectFromScaleIn: null, // refused with computeMode instance
    cloudTrailMultiRegion: bool,
    cloudTrailDataEventBuckets: fc.array(fc.constantFrom("*", "tap-data", "logs.example-bucket"), { maxLength: 3 }).map((l) => JSON.stringify(l)),
    createGuardDutyDetector: null, // an adopted detector id needs it false
    guardDutyDetectorId: null,
    createConfigRecorder: bool,
    configRecorderName: fc.string({ unit: fc.constantFrom(..."abcXYZ09_.-"), minLength: 1, maxLength: 64 }),
    alarmEmail: fc.constantFrom("secops@example.com", "a.b+alerts@example.org"),
    monthlyBudgetUsd: intString(1, 1_000_000),
    budgetActualAlertPercent: intString(1, 1000),
    budgetForecastAlertPercent: intString(1, 1000),
    enableWebTier: bool,
    allowedIngressCidrs: fc.array(fc.constantFrom("0.0.0.0/0", "203.0.113.0/24", "198.51.100.7/32"), { minLength: 1, maxLength: 3 }).map((l) => JSON.stringify(l)),
    appPort: intString(1, 65535),
    certificateArn: null, // must be of the stack's region
    wafRateLimit: intString(10, 2_000_000_000),
    deletionProtection: bool,
    enableDatabase: bool,
    dbInstanceClass: fc.constantFrom("db.t4g.micro", "db.r7g.large", "db.m6i.xlarge"),
    dbBackupRetentionDays: intString(7, 35),
    dbMultiAz: bool,
    enableCdn: null, // needs the certificate and the aliases
    cdnCertificateArn: null,
    cdnAliases: fc.array(fc.constantFrom("static.example.com", "*.example.org"), { maxLength: 2 }).map((l) => JSON.stringify(l)),
    protectStatefulResources: bool,
    retainAuditLogs: bool,
    kmsBreakGlassRoleName: fc.string({ unit: fc.constantFrom(..."abcXYZ09+=,.@_-"), minLength: 1, maxLength: 64 }),
    // Continuous detection
    createSecurityHub: bool,
    enableSecurityHubNist: null, // a waiver in nist needs it true
    securityHubControlWaivers: fc.dictionary(fc.constantFrom("S3.9", "EC2.8", "IAM.18", "CloudTrail.7"),
        fc.record({ reason: fc.constantFrom("cannot pass by design: see docs/detection.md"), standards: fc.subarray(["cis", "fsbp"], { minLength: 1 }) }),
        { maxKeys: 3 }).map((w) => JSON.stringify(w)),
    createAccessAnalyzer: bool,
    enableInspector: bool,
    guardDutyRuntimeMonitoring: bool,
    guardDutyS3Protection: bool,
    guardDutyMalwareProtection: bool,
    guardDutyRdsProtection: bool,
    manageAdoptedGuardDutyFeatures: bool,
    // Private management plane (issue 12)
    vpcEndpoints: bool,
    createSessionPreferences: bool,
    sessionIdleTimeoutMinutes: intString(1, 60),
    sessionMaxDurationMinutes: intString(1, 1440),
    enablePatchManager: bool,
    patchApprovalDelayDays: intString(0, 100),
    patchMinimumSeverity: fc.constantFrom(...PATCH_SEVERITIES),
    patchWindowSchedule: fc.constantFrom("cron(0 3 ? * SUN *)", "cron(30 1 ? * MON-FRI *)", "rate(7 days)"),
    patchWindowDurationHours: intString(2, 24),
    // Access (issue 19)
    enableAccess: bool,
    githubRepository: null, // needs tap:enableAccess
    githubBranch: null, // needs tap:githubRepository
    githubEnvironment: null,
    githubOidcProviderArn: null,
};

const independent = (Object.entries(VALID) as [KeyName, fc.Arbitrary<string> | null][]).filter((e): e is [KeyName, fc.Arbitrary<string>] => e[1] !== null);

function problemsOf(raw: Record<string, string>, stack = "dev"): readonly string[] {
    try {
        parseTapConfig(raw, stack);
        return [];
    } catch (err) {
        if (err instanceof TapConfigError) return err.problems;
        throw err;
    }
}

describe("config key table", () => {
    it("every declared key has a valid-value generator here, or is named as depending on others", () => {
        expect(Object.keys(VALID).sort()).toEqual(Object.keys(CONFIG_KEYS).sort());
        expect(independent.length).toBeGreaterThan(25);
    });

    it("random valid configs of the independent keys parse, and each set key keeps its value", () => {
        const config = fc.record(Object.fromEntries(independent.map(([name, arb]) => [qualifiedKey(name, CONFIG_KEYS[name]), arb])), { requiredKeys: [] });
        fc.assert(fc.property(config, fc.constantFrom("dev", "prod"), (given, stack) => {
            const raw = given as Record<string, string>;
            const parsed = parseTapConfig(raw, stack) as Record<string, unknown>;
            expect(parsed.vpcCidr).toBe(raw["tap:vpcCidr"] ?? "10.0.0.0/16");
            if (raw["tap:azCount"] !== undefined) expect(parsed.azCount).toBe(Number(raw["tap:azCount"]));
            if (raw["tap:natGatewayStrategy"] !== undefined) expect(parsed.natGatewayStrategy).toBe(raw["tap:natGatewayStrategy"]);
        }), { numRuns: 150 });
    });

    it.each(DECLARED.map(([name, d]) => [qualifiedKey(name, d), d] as const))("%s: any value its rule refuses is reported under the key, with the value and the rule", (qualified, d) => {
        const refused = fc.string({ maxLength: 24 }).filter((value) => !d.schema.safeParse(value).success);
        fc.assert(fc.property(refused, (value) => {
            const rule = d.schema.safeParse(value).error!.issues[0].message;
            expect(problemsOf({ [qualified]: value })).toContain(`${qualified} = ${JSON.stringify(value)}: ${rule}`);
        }), { numRuns: 25 });
    });

    it("reports every bad key of one config together, whatever the mix", () => {
        const bad = fc.subarray(["tap:azCount", "tap:vpcCidr", "tap:appPort", "tap:logRetentionDays", "tap:environmentSuffix", "tap:alarmEmail"], { minLength: 1 });
        fc.assert(fc.property(bad, (keys) => {
            const problems = problemsOf(Object.fromEntries(keys.map((k) => [k, "@@"])));
            for (const k of keys) expect(problems.some((p) => p.startsWith(`${k} = "@@"`))).toBe(true);
        }), { numRuns: 30 });
    });

    it("an upper-case suffix is refused as not lowercase, from the key or from the stack name", () => {
        expect(problemsOf({ "tap:environmentSuffix": "Prod" })).toEqual(['tap:environmentSuffix = "Prod": must be lowercase (it is part of S3 bucket names, which are lowercase)']);
        expect(problemsOf({}, "Staging")).toEqual([expect.stringMatching(/tap:environmentSuffix is not set and the stack name "Staging" cannot stand in for it \(must be lowercase/)]);
    });

    it("schema and cross-key problems are reported together", () => {
        const problems = problemsOf({ "tap:azCount": "9", "tap:computeMode": "instance", "tap:asgMaxSize": "3", "tap:guardDutyDetectorId": "0123456789abcdef0123456789abcdef" });
        expect(problems).toEqual([
            expect.stringMatching(/^tap:azCount = "9"/),
            expect.stringMatching(/^tap:guardDutyDetectorId is set but tap:createGuardDutyDetector is true/),
            expect.stringMatching(/^tap:asgMaxSize is set but tap:computeMode is instance/),
        ]);
    });

    it("profile defaults: every key either has one default or one per profile, and prod is never the less guarded", () => {
        const dev = parseTapConfig({}, "dev");
        const prod = parseTapConfig({}, "prod");
        expect(prod).toMatchObject({ forceDestroyBuckets: false, deletionProtection: true, dbMultiAz: true, kmsKeyDeletionWindowDays: 30, natGatewayStrategy: "onePerAz", protectStatefulResources: true, retainAuditLogs: true });
        expect(dev).toMatchObject({ forceDestroyBuckets: true, deletionProtection: false, kmsKeyDeletionWindowDays: 7, protectStatefulResources: false, retainAuditLogs: false });
        expect(COMPUTE_MODES).toContain(dev.computeMode);
    });
});

describe("Access keys (issue 19)", () => {
    it("refuses a CI subject that is not one repository's exact branch or environment", () => {
        expect(problemsOf({ "tap:enableAccess": "true", "tap:githubRepository": "acme" })).toEqual([expect.stringMatching(/^tap:githubRepository = "acme": must be a GitHub repository as owner\/name/)]);
        expect(problemsOf({ "tap:enableAccess": "true", "tap:githubRepository": "acme/tap", "tap:githubBranch": "release/*" })).toEqual([expect.stringMatching(/^tap:githubBranch = "release\/\*": must be a branch name without wildcards/)]);
        expect(problemsOf({ "tap:enableAccess": "true", "tap:githubRepository": "acme/tap", "tap:githubEnvironment": "prod:x" })).toEqual([expect.stringMatching(/^tap:githubEnvironment = "prod:x"/)]);
    });

    it("reports the keys that need others, all together", () => {
        expect(problemsOf({ "tap:githubBranch": "main", "tap:githubEnvironment": "production" })).toEqual([
            "tap:githubBranch, tap:githubEnvironment are set but tap:githubRepository is not: name the repository (owner/name) whose Actions deploy, or unset them",
            'tap:githubBranch = "main" and tap:githubEnvironment = "production" are both set: the deploy role trusts one subject, a branch or an environment; unset one',
        ]);
        expect(problemsOf({ "tap:githubRepository": "acme/tap" }, "dev")).toEqual([
            "tap:githubRepository is set but tap:enableAccess is false: the deploy role is part of Access; set tap:enableAccess to true, or unset tap:githubRepository",
        ]);
        expect(problemsOf({ "tap:githubRepository": "acme/tap" }, "prod")).toEqual([]);
    });
});
