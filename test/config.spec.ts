/**
 * Properties of the configuration parser over the whole key table (lib/config/keys.ts): random
 * valid configs parse; a random invalid value of any key is reported under that key, with its
 * value and the rule it broke; all problems are reported together.
 */
import fc from "fast-check";
import { CONFIG_KEYS, configProblems, parseTapConfig } from "../lib/config";
import { KeyDeclaration, qualifiedKey } from "../lib/config/declare";
import { COMPUTE_MODES } from "../lib/compute/vocabulary";
import { LOG_RETENTION_DAYS } from "../lib/monitoring/log-retention";
import { NAT_GATEWAY_STRATEGIES } from "../lib/network/vocabulary";
import { PATCH_SEVERITIES } from "../lib/management/vocabulary";
import { DB_MONITORING_INTERVALS } from "../lib/data/vocabulary";

/** A prod stack needs a subscriber on its alert topics (seed 002): the minimal prod config. */
const PROD = { "tap:alarmEmail": "secops@example.com" };

type KeyName = keyof typeof CONFIG_KEYS;
const DECLARED = Object.entries(CONFIG_KEYS) as [KeyName, KeyDeclaration][];

const bool = fc.constantFrom("true", "false");
const intString = (min: number, max: number) => fc.integer({ min, max }).map(String);
const lower = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-"), minLength: 1, maxLength: 8 });

/**
 * A generator of valid raw values for the keys that can vary on its own; `null` for the keys
 * whose valid values depend on others (those are covered by the cross-key tests). A key not
 * listed (a component's new setting: its own spec tests it) is generated from its declared
 * defaults, written as a stack file writes them.
 */
const LISTED: Partial<Record<KeyName, fc.Arbitrary<string> | null>> = {
    stackRole: fc.constant("workload"),
    region: fc.constantFrom("us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2"),
    profile: fc.constantFrom("dev", "prod"),
    environmentSuffix: lower,
    owner: fc.string({ unit: fc.constantFrom(..."abcXYZ019 _.:/=+-@"), minLength: 1, maxLength: 40 }),
    extraTags: fc
        .dictionary(
            fc.constantFrom("Compliance", "Application", "Purpose", "Backup", "cost-center", "team:name"),
            fc.constantFrom("PCI-DSS", "FinancialApp", "WebServer", "Required", "", "a b_c.d:e/f=g+h-i@j"),
        )
        .map((t) => JSON.stringify(t)),
    awsAccount: fc.oneof(
        fc.stringMatching(/^\d{12}$/),
        fc.tuple(fc.constantFrom("workloads", "dev", "p"), lower).map(([a, b]) => `${a}-${b}`),
    ),
    regions: null, // starts with aws:region
    regionCidrs: null, // regions listed in tap:regions
    enableAccountHardening: bool,
    kmsKeyDeletionWindowDays: intString(7, 30),
    forceDestroyBuckets: bool,
    logRetentionDays: fc.constantFrom(...LOG_RETENTION_DAYS).map(String),
    auditLogExpirationDays: intString(365, 3653), // 91 to 364 only with a shorter tap:auditLogObjectLockDays than prod's 365
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
    cloudTrailCoveredBy: fc.constantFrom("org-trail", "arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail"),
    cloudTrailDataEventBuckets: fc
        .array(fc.constantFrom("*", "tap-data", "logs.example-bucket"), { maxLength: 3 })
        .map((l) => JSON.stringify(l)),
    createGuardDutyDetector: null, // an adopted detector id needs it false
    guardDutyDetectorId: null,
    createConfigRecorder: bool,
    createConfigServiceLinkedRole: bool,
    configRecorderName: fc.string({ unit: fc.constantFrom(..."abcXYZ09_.-"), minLength: 1, maxLength: 64 }),
    alarmEmail: null, // required in prod (seed 002: alarms reach a person); the random configs below always set it
    monthlyBudgetUsd: intString(1, 1_000_000),
    budgetScope: fc.constantFrom("account", "stack-tags"),
    budgetActualAlertPercent: intString(1, 1000),
    budgetForecastAlertPercent: intString(1, 1000),
    enableWebTier: bool,
    allowedIngressCidrs: fc
        .array(fc.constantFrom("0.0.0.0/0", "203.0.113.0/24", "198.51.100.7/32"), { minLength: 1, maxLength: 3 })
        .map((l) => JSON.stringify(l)),
    appPort: intString(1, 65535),
    certificateArn: null, // must be of the stack's region
    wafRateLimit: intString(10, 2_000_000_000),
    deletionProtection: bool,
    enableDatabase: bool,
    dbInstanceClass: fc.constantFrom("db.t4g.micro", "db.r7g.large", "db.m6i.xlarge"),
    dbBackupRetentionDays: intString(7, 35),
    dbMultiAz: bool,
    dbMaxAllocatedStorageGiB: intString(22, 65536),
    dataTierInEveryRegion: bool,
    enableAppDataBucket: bool,
    enableCdn: null, // needs the certificate and the aliases
    cdnCertificateArn: null,
    cdnAliases: fc.array(fc.constantFrom("static.example.com", "*.example.org"), { maxLength: 2 }).map((l) => JSON.stringify(l)),
    protectStatefulResources: bool,
    retainAuditLogs: bool,
    kmsBreakGlassRoleName: fc.string({ unit: fc.constantFrom(..."abcXYZ09+=,.@_-"), minLength: 1, maxLength: 64 }),
    // Continuous detection
    createSecurityHub: bool,
    enableSecurityHubNist: null, // a waiver in nist needs it true
    securityHubControlWaivers: fc
        .dictionary(
            fc.constantFrom("S3.9", "EC2.8", "IAM.18", "CloudTrail.7"),
            fc.record({
                reason: fc.constantFrom("cannot pass by design: see docs/detection.md"),
                standards: fc.subarray(["cis", "fsbp"], { minLength: 1 }),
            }),
            { maxKeys: 3 },
        )
        .map((w) => JSON.stringify(w)),
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
    enableBackup: bool,
    backupDailyRetentionDays: null, // within the vault lock's bounds (prod)
    backupMonthlyRetentionDays: null,
    backupVaultLock: null,
    backupVaultLockMinRetentionDays: null,
    backupVaultLockMaxRetentionDays: null,
    auditLogObjectLock: bool,
    domainName: null, // with hostedZoneId, the web tier, and without certificateArn
    hostedZoneId: null,
    allowPlainHttp: bool,
    redirectHttpToHttps: bool,
    auditLogObjectLockMode: null, // COMPLIANCE only in prod without forceDestroyBuckets
    auditLogObjectLockDays: null, // at most auditLogExpirationDays
    dbMonitoringInterval: fc.constantFrom(...DB_MONITORING_INTERVALS.filter((i) => i > 0)).map(String),
};

/** A parsed value as a stack file writes it: strings as they are, the rest as JSON. */
const written = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** The raw values of a key's declared default (both profiles'); none for a derived default or none. */
function writtenDefaults(d: KeyDeclaration): string[] {
    if (d.default === undefined || d.default.kind === "derived") return [];
    return [...new Set(d.default.kind === "value" ? [written(d.default.value)] : [written(d.default.dev), written(d.default.prod)])];
}

const VALID: Record<KeyName, fc.Arbitrary<string> | null> = Object.fromEntries(
    DECLARED.map(([name, d]) => {
        const listed = LISTED[name];
        const defaults = writtenDefaults(d);
        return [name, listed !== undefined ? listed : defaults.length > 0 ? fc.constantFrom(...defaults) : null];
    }),
) as Record<KeyName, fc.Arbitrary<string> | null>;

const independent = (Object.entries(VALID) as [KeyName, fc.Arbitrary<string> | null][]).filter(
    (e): e is [KeyName, fc.Arbitrary<string>] => e[1] !== null,
);

const problemsOf = (raw: Record<string, string>, stack = "dev") => configProblems(raw, stack);

describe("config key table", () => {
    it("names only declared keys, and most keys vary on their own", () => {
        expect(Object.keys(LISTED).filter((name) => !(name in CONFIG_KEYS))).toEqual([]);
        expect(independent.length).toBeGreaterThan(25);
    });

    it.each(DECLARED.filter(([, d]) => writtenDefaults(d).length > 0).map(([name, d]) => [qualifiedKey(name, d), d] as const))(
        "%s: its declared default, written as a stack file writes it, is valid and parses back to itself",
        (_qualified, d) => {
            for (const raw of writtenDefaults(d)) {
                const parsed = d.schema.safeParse(raw);
                expect(parsed.success).toBe(true);
                expect(written(parsed.data)).toBe(raw);
            }
        },
    );

    it("random valid configs of the independent keys parse, and each set key keeps its value", () => {
        const config = fc.record(Object.fromEntries(independent.map(([name, arb]) => [qualifiedKey(name, CONFIG_KEYS[name]), arb])), {
            requiredKeys: [],
        });
        fc.assert(
            fc.property(config, fc.constantFrom("dev", "prod"), (given, stack) => {
                const raw = { "tap:alarmEmail": "secops@example.com", ...given } as Record<string, string>;
                const parsed = parseTapConfig(raw, stack) as Record<string, unknown>;
                expect(parsed.vpcCidr).toBe(raw["tap:vpcCidr"] ?? "10.0.0.0/16");
                if (raw["tap:azCount"] !== undefined) expect(parsed.azCount).toBe(Number(raw["tap:azCount"]));
                if (raw["tap:natGatewayStrategy"] !== undefined) expect(parsed.natGatewayStrategy).toBe(raw["tap:natGatewayStrategy"]);
            }),
            { numRuns: 150 },
        );
    });

    it.each(DECLARED.map(([name, d]) => [qualifiedKey(name, d), d] as const))(
        "%s: any value its rule refuses is reported under the key, with the value and the rule",
        (qualified, d) => {
            const refused = fc.string({ maxLength: 24 }).filter((value) => !d.schema.safeParse(value).success);
            fc.assert(
                fc.property(refused, (value) => {
                    const rule = d.schema.safeParse(value).error!.issues[0].message;
                    expect(problemsOf({ [qualified]: value })).toContain(`${qualified} = ${JSON.stringify(value)}: ${rule}`);
                }),
                { numRuns: 25 },
            );
        },
    );

    it("reports every bad key of one config together, whatever the mix", () => {
        const bad = fc.subarray(
            ["tap:azCount", "tap:vpcCidr", "tap:appPort", "tap:logRetentionDays", "tap:environmentSuffix", "tap:alarmEmail"],
            { minLength: 1 },
        );
        fc.assert(
            fc.property(bad, (keys) => {
                const problems = problemsOf(Object.fromEntries(keys.map((k) => [k, "@@"])));
                for (const k of keys) expect(problems.some((p) => p.startsWith(`${k} = "@@"`))).toBe(true);
            }),
            { numRuns: 30 },
        );
    });

    it("an upper-case suffix is refused as not lowercase, from the key or from the stack name", () => {
        expect(problemsOf({ "tap:environmentSuffix": "Prod" })).toEqual([
            'tap:environmentSuffix = "Prod": must be lowercase (it is part of S3 bucket names, which are lowercase)',
        ]);
        expect(problemsOf({}, "Staging")).toEqual([
            expect.stringMatching(
                /tap:environmentSuffix is not set and the stack name "Staging" cannot stand in for it \(must be lowercase/,
            ),
        ]);
    });

    it("schema and cross-key problems are reported together", () => {
        const problems = problemsOf({
            "tap:azCount": "9",
            "tap:computeMode": "instance",
            "tap:asgMaxSize": "3",
            "tap:guardDutyDetectorId": "0123456789abcdef0123456789abcdef",
        });
        expect(problems).toEqual([
            expect.stringMatching(/^tap:azCount = "9"/),
            expect.stringMatching(/^tap:guardDutyDetectorId is set but tap:createGuardDutyDetector is true/),
            expect.stringMatching(/^tap:asgMaxSize is set but tap:computeMode is instance/),
        ]);
    });

    it("profile defaults: every key either has one default or one per profile, and prod is never the less guarded", () => {
        const dev = parseTapConfig({}, "dev");
        const prod = parseTapConfig(PROD, "prod");
        expect(prod).toMatchObject({
            forceDestroyBuckets: false,
            deletionProtection: true,
            dbMultiAz: true,
            kmsKeyDeletionWindowDays: 30,
            natGatewayStrategy: "onePerAz",
            protectStatefulResources: true,
            retainAuditLogs: true,
        });
        expect(dev).toMatchObject({
            forceDestroyBuckets: true,
            deletionProtection: false,
            kmsKeyDeletionWindowDays: 7,
            protectStatefulResources: false,
            retainAuditLogs: false,
        });
        expect(COMPUTE_MODES).toContain(dev.computeMode);
    });
});

describe("Access keys (issue 19)", () => {
    it("refuses a CI subject that is not one repository's exact branch or environment", () => {
        expect(problemsOf({ "tap:enableAccess": "true", "tap:githubRepository": "acme" })).toEqual([
            expect.stringMatching(/^tap:githubRepository = "acme": must be a GitHub repository as owner\/name/),
        ]);
        expect(problemsOf({ "tap:enableAccess": "true", "tap:githubRepository": "acme/tap", "tap:githubBranch": "release/*" })).toEqual([
            expect.stringMatching(/^tap:githubBranch = "release\/\*": must be a branch name without wildcards/),
        ]);
        expect(problemsOf({ "tap:enableAccess": "true", "tap:githubRepository": "acme/tap", "tap:githubEnvironment": "prod:x" })).toEqual([
            expect.stringMatching(/^tap:githubEnvironment = "prod:x"/),
        ]);
    });

    it("reports the keys that need others, all together", () => {
        expect(problemsOf({ "tap:githubBranch": "main", "tap:githubEnvironment": "production" })).toEqual([
            "tap:githubBranch, tap:githubEnvironment are set but tap:githubRepository is not: name the repository (owner/name) whose Actions deploy, or unset them",
            'tap:githubBranch = "main" and tap:githubEnvironment = "production" are both set: the deploy role trusts one subject, a branch or an environment; unset one',
        ]);
        expect(problemsOf({ "tap:githubRepository": "acme/tap" }, "dev")).toEqual([
            "tap:githubRepository is set but tap:enableAccess is false: the deploy role is part of Access; set tap:enableAccess to true, or unset tap:githubRepository",
        ]);
        expect(problemsOf({ ...PROD, "tap:githubRepository": "acme/tap" }, "prod")).toEqual([]);
    });
});

describe("data protection keys (issue 14)", () => {
    it("prod backs up daily for 35 days and monthly for a year into locked vaults, samples RDS every 15 s; dev keeps a week, unlocked", () => {
        expect(parseTapConfig(PROD, "prod")).toMatchObject({
            enableBackup: true,
            backupDailyRetentionDays: 35,
            backupMonthlyRetentionDays: 365,
            backupVaultLock: true,
            backupVaultLockMinRetentionDays: 7,
            backupVaultLockMaxRetentionDays: 400,
            dbMonitoringInterval: 15,
        });
        expect(parseTapConfig({}, "dev")).toMatchObject({
            enableBackup: true,
            backupDailyRetentionDays: 7,
            backupMonthlyRetentionDays: 0,
            backupVaultLock: false,
            dbMonitoringInterval: 60,
        });
    });

    it("with the vault lock on, a retention outside its bounds is refused naming the key; inside, the config parses", () => {
        fc.assert(
            fc.property(
                fc.integer({ min: 1, max: 30 }),
                fc.integer({ min: 31, max: 500 }),
                fc.integer({ min: 1, max: 600 }),
                (min, max, daily) => {
                    const raw = {
                        "tap:backupVaultLockMinRetentionDays": String(min),
                        "tap:backupVaultLockMaxRetentionDays": String(max),
                        "tap:backupDailyRetentionDays": String(daily),
                        "tap:backupMonthlyRetentionDays": String(max),
                    };
                    const problems = problemsOf({ ...PROD, ...raw }, "prod");
                    if (daily >= min && daily <= max) expect(problems).toEqual([]);
                    else
                        expect(problems).toEqual([
                            expect.stringMatching(
                                new RegExp(
                                    `^tap:backupVaultLock is true: tap:backupDailyRetentionDays \\(${daily} days\\) is outside .*\\(${min} to ${max} days\\)`,
                                ),
                            ),
                        ]);
                    // Without the lock, AWS Backup takes any retention.
                    expect(problemsOf({ ...PROD, ...raw, "tap:backupVaultLock": "false" }, "prod")).toEqual([]);
                },
            ),
            { numRuns: 60 },
        );
    });

    it("refuses an RDS class whose max_connections the stack cannot size the alarm from, and an interval RDS refuses", () => {
        expect(problemsOf({ "tap:dbInstanceClass": "db.z1d.large", "tap:dbMonitoringInterval": "20" })).toEqual([
            expect.stringMatching(/^tap:dbInstanceClass = "db.z1d.large": must be a class of the t, m, r, x or c families/),
            expect.stringMatching(/^tap:dbMonitoringInterval = "20": must be one of: 1, 5, 10, 15, 30, 60/),
        ]);
    });
});

describe("Object Lock keys (issue 14)", () => {
    it("governance mode in both profiles by default: 7 days in dev, a year in prod", () => {
        expect(parseTapConfig({}, "dev")).toMatchObject({
            auditLogObjectLock: true,
            auditLogObjectLockMode: "GOVERNANCE",
            auditLogObjectLockDays: 7,
        });
        expect(parseTapConfig(PROD, "prod")).toMatchObject({
            auditLogObjectLock: true,
            auditLogObjectLockMode: "GOVERNANCE",
            auditLogObjectLockDays: 365,
        });
    });

    it("compliance mode only in prod and never with forceDestroyBuckets; retention never past expiry", () => {
        expect(problemsOf({ ...PROD, "tap:auditLogObjectLockMode": "COMPLIANCE" }, "prod")).toEqual([]);
        expect(problemsOf({ "tap:auditLogObjectLockMode": "COMPLIANCE" }, "dev")).toEqual([
            expect.stringMatching(/^tap:auditLogObjectLockMode is COMPLIANCE but tap:profile is dev/),
            expect.stringMatching(/^tap:auditLogObjectLockMode is COMPLIANCE but tap:forceDestroyBuckets is true/),
        ]);
        expect(problemsOf({ ...PROD, "tap:auditLogObjectLockDays": "400", "tap:auditLogExpirationDays": "365" }, "prod")).toEqual([
            "tap:auditLogObjectLockDays (400) is above tap:auditLogExpirationDays (365): trail files would be locked past their expiry",
        ]);
        expect(
            problemsOf(
                {
                    "tap:auditLogObjectLock": "false",
                    "tap:auditLogObjectLockMode": "COMPLIANCE",
                    "tap:auditLogObjectLockDays": "400",
                    "tap:auditLogExpirationDays": "365",
                },
                "dev",
            ),
        ).toEqual([]);
    });
});

describe("TLS keys (issue 14)", () => {
    it("a domain needs its zone and the web tier, and replaces certificateArn rather than joining it", () => {
        expect(
            problemsOf({ "tap:enableWebTier": "true", "tap:domainName": "app.example.com", "tap:hostedZoneId": "Z0123456789ABCDEFGHIJ" }),
        ).toEqual([]);
        expect(problemsOf({ "tap:enableWebTier": "true", "tap:domainName": "app.example.com" })).toEqual([
            expect.stringMatching(/^tap:domainName and tap:hostedZoneId go together/),
        ]);
        expect(problemsOf({ "tap:domainName": "app.example.com", "tap:hostedZoneId": "Z0123456789ABCDEFGHIJ" })).toEqual([
            expect.stringMatching(/^tap:domainName is set but tap:enableWebTier is false/),
        ]);
        expect(problemsOf({ "tap:hostedZoneId": "z-lowercase" })).toEqual([
            expect.stringMatching(/^tap:hostedZoneId = "z-lowercase": must be a Route 53 hosted zone id/),
        ]);
    });

    it("plain HTTP is accepted by default in dev only", () => {
        expect(parseTapConfig({}, "dev").allowPlainHttp).toBe(true);
        expect(parseTapConfig(PROD, "prod").allowPlainHttp).toBe(false);
    });
});

/** Parses of one key alone, keyed by declared name. */
const parsedAlone = (name: KeyName, value: string) => (CONFIG_KEYS[name] as KeyDeclaration).schema.safeParse(value);

describe("values as a user types them (issue 28)", () => {
    // The keys that parse to a number, found by asking each schema (a new whole-number key is covered without a line here).
    const SAMPLES = [0, 1, 2, 7, 15, 30, 60, 80, 90, 365, 400, 2000];
    const numeric = DECLARED.flatMap(([name]) => {
        const sample = SAMPLES.find((n) => {
            const r = parsedAlone(name, String(n));
            return r.success && r.data === n;
        });
        return sample === undefined ? [] : [[name, sample] as const];
    });

    it("every whole-number key takes plain decimal digits only: empty, blank, hex, exponent, sign, fraction and non-ASCII digits are refused", () => {
        expect(numeric.length).toBeGreaterThan(20);
        const spellings = (n: number) => [
            "",
            " ",
            "  ",
            `0x${n.toString(16)}`,
            `${n}e0`,
            `+${n}`,
            `${n}.0`,
            ` ${n}`,
            `${n} `,
            String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
            `${n}_`,
            "NaN",
            "Infinity",
        ];
        const accepted = numeric.flatMap(([name, n]) =>
            spellings(n)
                .filter((s) => parsedAlone(name, s).success)
                .map((s) => `${name}=${JSON.stringify(s)}`),
        );
        expect(accepted).toEqual([]);
    });

    it("an empty tap:backupMonthlyRetentionDays in prod is refused, naming the key, not read as 0 (no monthly backups)", () => {
        expect(problemsOf({ ...PROD, "tap:backupMonthlyRetentionDays": "" }, "prod")).toEqual([
            expect.stringMatching(/^tap:backupMonthlyRetentionDays = "": must be a whole number from 0 to \d+, written in decimal digits$/),
        ]);
    });

    it("no error shows a raw regular expression or zod's default wording: each says what is allowed in words", () => {
        const unreadable = /\/\^|\$\/|Invalid (string|input)|pattern|regex/i;
        const samples = ["\u0000", "", "x", "Z123", "0 3 * * 0", "-1"];
        const messages = DECLARED.flatMap(([name, d]) =>
            samples.flatMap((v) => {
                const r = d.schema.safeParse(v);
                return r.success ? [] : r.error.issues.map((i) => `${name}: ${i.message}`);
            }),
        );
        expect(messages.length).toBeGreaterThan(DECLARED.length);
        expect(messages.filter((m) => unreadable.test(m))).toEqual([]);
    });

    // A round of values a user types for the keys the last stage added (issues 12-19), each refused
    // under its key with the value and what is allowed.
    const ROUND: ReadonlyArray<readonly [string, string, RegExp]> = [
        ["tap:backupMonthlyRetentionDays", "", /whole number from 0 to/],
        ["tap:backupDailyRetentionDays", " ", /whole number from 1 to/],
        ["tap:backupVaultLockMaxRetentionDays", "", /whole number from/],
        ["tap:sessionIdleTimeoutMinutes", "0x1e", /whole number from 1 to 60, written in decimal digits/],
        ["tap:sessionMaxDurationMinutes", "1e3", /whole number from 1 to 1440/],
        ["tap:patchApprovalDelayDays", "-1", /whole number from 0 to 100/],
        ["tap:patchApprovalDelayDays", "7.5", /whole number from 0 to 100/],
        ["tap:patchWindowDurationHours", "+4", /whole number from 2 to 24/],
        ["tap:dbMonitoringInterval", "\uff11\uff15", /must be one of: 1, 5, 10, 15, 30, 60/],
        ["tap:patchWindowSchedule", "0 3 * * 0", /crontab line must be wrapped and given a Year field/],
        ["tap:patchWindowSchedule", "cron(0 3 * * SUN *)", /exactly one of Day-of-month \(\*\) and Day-of-week \(SUN\) must be '\?'/],
        ["tap:patchWindowSchedule", "cron(0 25 ? * SUN *)", /Hours "25" is not a value, range or increment of 0-23/],
        ["tap:patchWindowSchedule", "cron(0 3 ? * SUN)", /takes 6 fields .* not 5/],
        ["tap:patchWindowSchedule", "rate(30 minutes)", /whole number of hours or days/],
        ["tap:patchWindowSchedule", "at(2026-12-24T03:00:00)", /must recur/],
        ["tap:patchWindowSchedule", "cron(0 3 ? * SUN/2 *)", /Day-of-week does not take '\/' increments/],
        ["tap:hostedZoneId", "Z123", /Z and 9 to 31 upper-case letters and digits/],
        ["tap:hostedZoneId", "/hostedzone/Z0123456789ABCDEFGHIJ", /without the \/hostedzone\/ prefix/],
        ["tap:domainName", "App.Example.com", /lowercase DNS name/],
        [
            "tap:githubOidcProviderArn",
            "arn:aws:iam::12345678901:oidc-provider/token.actions.githubusercontent.com",
            /ARN of the account's GitHub OIDC provider/,
        ],
        ["tap:certificateArn", `arn:aws:acm:us-east-1:123456789012:certificate/${"-".repeat(36)}`, /lower-case UUID/],
        ["tap:patchMinimumSeverity", "critical", /one of: Critical, Important, Medium, Low/],
        ["tap:auditLogObjectLockMode", "governance", /one of: GOVERNANCE, COMPLIANCE/],
        ["tap:kmsBreakGlassRoleName", "", /IAM role name/],
        ["tap:vpcEndpoints", "yes", /true or false/],
        ["tap:guardDutyDetectorId", "0123456789ABCDEF0123456789ABCDEF", /32 lowercase hex/],
    ];

    it.each(ROUND)("%s = %j is refused, naming the key, the value and what is allowed", (key, value, allowed) => {
        const problems = problemsOf({ [key]: value });
        expect(problems).toHaveLength(1);
        expect(problems[0].startsWith(`${key} = ${JSON.stringify(value)}: `)).toBe(true);
        expect(problems[0]).toMatch(allowed);
    });

    it("the round, one value per key in one config, is reported all together", () => {
        const firstPerKey = new Map<string, string>();
        for (const [key, value] of ROUND) if (!firstPerKey.has(key)) firstPerKey.set(key, value);
        expect(firstPerKey.size).toBeGreaterThanOrEqual(15);
        const problems = problemsOf(Object.fromEntries(firstPerKey), "prod");
        for (const [key, value] of firstPerKey)
            expect(problems.filter((p) => p.startsWith(`${key} = ${JSON.stringify(value)}: `))).toHaveLength(1);
    });
});

describe("maintenance window schedules (Systems Manager's grammar)", () => {
    const schedule = CONFIG_KEYS.patchWindowSchedule.schema;
    const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
    const minute = fc.oneof(fc.integer({ min: 0, max: 59 }).map(String), pick("*", "0/15", "5-10", "0,30"));
    const hour = fc.oneof(fc.integer({ min: 0, max: 23 }).map(String), pick("*", "1-5", "2,4", "0/6"));
    const dom = fc.oneof(fc.integer({ min: 1, max: 31 }).map(String), pick("*", "L", "LW", "15W", "1-15", "1/7"));
    const month = fc.oneof(fc.integer({ min: 1, max: 12 }).map(String), pick("*", "JAN", "jan-mar", "1/3"));
    const dow = fc.oneof(fc.integer({ min: 1, max: 7 }).map(String), pick("*", "SUN", "MON-FRI", "2#1", "6L", "TUE#3", "1,7"));
    const year = fc.oneof(fc.integer({ min: 1970, max: 2199 }).map(String), pick("*", "2026-2030"));
    const valid = fc
        .tuple(minute, hour, fc.boolean(), dom, month, dow, year)
        .map(([mi, h, onDay, d, mo, w, y]) => `cron(${mi} ${h} ${onDay ? d : "?"} ${mo} ${onDay ? "?" : w} ${y})`);

    it("accepts any 6-field cron(...) built from the documented values and wildcards, and rate(n hours|days)", () => {
        fc.assert(
            fc.property(valid, (expr) => schedule.safeParse(expr).success),
            { numRuns: 300 },
        );
        fc.assert(
            fc.property(
                fc.integer({ min: 1, max: 9999 }),
                pick("hour", "hours", "day", "days"),
                (n, unit) => schedule.safeParse(`rate(${n} ${unit})`).success,
            ),
        );
    });

    it("refuses a field out of its range, and any expression without exactly one '?' day field", () => {
        const outOfRange = fc
            .tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 9999 }))
            .filter(([i, v]) => v < [0, 0, 1, 1, 1, 1970][i] || v > [59, 23, 31, 12, 7, 2199][i]);
        fc.assert(
            fc.property(outOfRange, ([i, v]) => {
                const fields = ["0", "3", "?", "*", "SUN", "*"];
                fields[i] = String(v);
                if (i === 4) fields[2] = "?";
                if (i === 2) fields[4] = "?";
                return !schedule.safeParse(`cron(${fields.join(" ")})`).success;
            }),
            { numRuns: 200 },
        );
        for (const [d, w] of [
            ["*", "*"],
            ["?", "?"],
            ["1", "MON"],
        ])
            expect(schedule.safeParse(`cron(0 3 ${d} * ${w} *)`).success).toBe(false);
    });
});
