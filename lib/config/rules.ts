/**
 * The rules that span keys. Each names the keys it reads: it runs only when all of them parsed,
 * so one bad value is reported once, beside every other problem, never as a knock-on error.
 */
import { ELB_NAME_MAX, elbNames, namePrefix } from "../naming";
import { certificateRegion } from "../web/certificates";
import { subscribedStandards } from "../detection/security-hub-standards";
import { vaultLockProblems } from "../data/vocabulary";
import { defaultOf, Profile } from "./declare";
import { CONFIG_KEYS, DeclaredConfig } from "./keys";

/** The profile's default of a key whose default depends only on the profile. */
const profileDefault = (key: "asgMinSize" | "asgDesiredCapacity" | "asgMaxSize", profile: Profile) =>
    defaultOf(CONFIG_KEYS[key].default, { profile, stackName: "", region: "", environmentSuffix: "" });

export interface CrossKeyRule {
    /** The keys it reads, by declared name. */
    readonly keys: readonly (keyof DeclaredConfig)[];
    /** Problems, each naming the keys, their values and what would be allowed; `set` holds the keys given explicitly. */
    readonly check: (c: DeclaredConfig, set: ReadonlySet<string>) => readonly string[];
}

const problem = (condition: boolean, message: string): string[] => (condition ? [message] : []);

export const CROSS_KEY_RULES: readonly CrossKeyRule[] = [
    {
        keys: ["regions", "region"],
        check: (c) =>
            problem(
                c.regions[0] !== c.region,
                `tap:regions = ${JSON.stringify(c.regions)}: must start with the primary region aws:region (${c.region})`,
            ),
    },
    {
        keys: ["regions"],
        check: (c) => {
            const duplicates = [...new Set(c.regions.filter((r, i) => c.regions.indexOf(r) !== i))];
            return problem(
                duplicates.length > 0,
                `tap:regions = ${JSON.stringify(c.regions)}: lists ${duplicates.join(", ")} more than once`,
            );
        },
    },
    {
        keys: ["regionCidrs", "regions", "region"],
        check: (c) =>
            Object.keys(c.regionCidrs).flatMap((region) => [
                ...problem(region === c.region, `tap:regionCidrs has the primary region ${region}: its CIDR is tap:vpcCidr`),
                ...problem(
                    region !== c.region && !c.regions.includes(region),
                    `tap:regionCidrs has ${region}, which is not in tap:regions (${c.regions.join(", ")})`,
                ),
            ]),
    },
    {
        keys: ["guardDutyDetectorId", "createGuardDutyDetector"],
        check: (c) =>
            problem(
                c.guardDutyDetectorId !== undefined && c.createGuardDutyDetector,
                "tap:guardDutyDetectorId is set but tap:createGuardDutyDetector is true: set tap:createGuardDutyDetector to false to adopt that detector, or unset the id",
            ),
    },
    {
        keys: ["certificateArn", "region"],
        check: (c) => {
            const region = c.certificateArn && certificateRegion(c.certificateArn);
            return problem(
                region !== undefined && region !== c.region,
                `tap:certificateArn is in ${region} but the stack is in ${c.region}: a load balancer takes a certificate of its own region`,
            );
        },
    },
    {
        keys: ["cdnCertificateArn"],
        check: (c) =>
            problem(
                c.cdnCertificateArn !== undefined && certificateRegion(c.cdnCertificateArn) !== "us-east-1",
                `tap:cdnCertificateArn = ${JSON.stringify(c.cdnCertificateArn)}: CloudFront takes ACM certificates from us-east-1 only`,
            ),
    },
    {
        keys: ["environmentSuffix", "region", "appPort", "enableWebTier"],
        check: (c) => {
            const tooLong = Object.values(elbNames(namePrefix(c.environmentSuffix, c.region), c.appPort)).filter(
                (n) => n.length > ELB_NAME_MAX,
            );
            return problem(
                c.enableWebTier && tooLong.length > 0,
                `tap:environmentSuffix ${JSON.stringify(c.environmentSuffix)} makes the ELB name ${tooLong[0]} longer than ELB's ${ELB_NAME_MAX} characters: shorten it`,
            );
        },
    },
    {
        keys: ["enableCdn", "cdnCertificateArn", "cdnAliases"],
        // With CloudFront's *.cloudfront.net certificate, AWS fixes the viewer security policy at TLSv1.
        check: (c) =>
            problem(
                c.enableCdn && (c.cdnCertificateArn === undefined || c.cdnAliases.length === 0),
                "tap:enableCdn is true but tap:cdnCertificateArn and tap:cdnAliases are not both set: TLS 1.2+ to viewers needs a certificate of your own (us-east-1) and the domain names it covers",
            ),
    },
    {
        keys: ["computeMode", "protectFromScaleIn"],
        check: (c, set) => {
            if (c.computeMode !== "instance") return [];
            const asgKeys = (["asgMinSize", "asgMaxSize", "asgDesiredCapacity"] as const).filter((k) => set.has(k)).map((k) => `tap:${k}`);
            if (c.protectFromScaleIn) asgKeys.push("tap:protectFromScaleIn");
            const plural = asgKeys.length > 1;
            return problem(
                asgKeys.length > 0,
                `${asgKeys.join(", ")} ${plural ? "are" : "is"} set but tap:computeMode is instance: a single instance has no Auto Scaling group to size or protect from scale-in; unset ${plural ? "them" : "it"}, or set tap:computeMode to asg`,
            );
        },
    },
    {
        keys: ["asgMinSize", "asgDesiredCapacity", "asgMaxSize", "profile"],
        check: (c) =>
            problem(
                !(c.asgMinSize <= c.asgDesiredCapacity && c.asgDesiredCapacity <= c.asgMaxSize),
                `tap:asgMinSize (${c.asgMinSize}) <= tap:asgDesiredCapacity (${c.asgDesiredCapacity}) <= tap:asgMaxSize (${c.asgMaxSize}) must hold (unset keys take the ${c.profile} defaults ${(["asgMinSize", "asgDesiredCapacity", "asgMaxSize"] as const).map((k) => profileDefault(k, c.profile)).join(", ")})`,
            ),
    },
    {
        keys: ["securityHubControlWaivers", "enableSecurityHubNist"],
        check: (c) => {
            const subscribed = subscribedStandards(c.enableSecurityHubNist);
            return Object.entries(c.securityHubControlWaivers).flatMap(([id, w]) =>
                w.standards
                    .filter((s) => !subscribed.includes(s))
                    .map(
                        (s) =>
                            `tap:securityHubControlWaivers waives ${id} in ${s}, which the stack does not subscribe to (${subscribed.join(", ")}): set tap:enableSecurityHubNist true, or drop ${s} from that waiver`,
                    ),
            );
        },
    },
    {
        keys: ["natGatewayStrategy", "vpcEndpoints"],
        // Without a NAT gateway, the endpoints are the instances' only way to SSM, logs and the package repositories.
        check: (c) =>
            problem(
                c.natGatewayStrategy === "none" && !c.vpcEndpoints,
                "tap:natGatewayStrategy is none but tap:vpcEndpoints is false: the instances could reach neither SSM (no Session Manager, no patching) nor CloudWatch Logs nor the package repositories; set tap:vpcEndpoints to true, or choose a NAT gateway (single or onePerAz)",
            ),
    },
    // Access (issue 19)
    {
        keys: ["githubRepository", "githubBranch", "githubEnvironment", "githubOidcProviderArn"],
        check: (c) => {
            const dependent = (["githubBranch", "githubEnvironment", "githubOidcProviderArn"] as const)
                .filter((k) => c[k] !== undefined)
                .map((k) => `tap:${k}`);
            return problem(
                c.githubRepository === undefined && dependent.length > 0,
                `${dependent.join(", ")} ${dependent.length > 1 ? "are" : "is"} set but tap:githubRepository is not: name the repository (owner/name) whose Actions deploy, or unset ${dependent.length > 1 ? "them" : "it"}`,
            );
        },
    },
    {
        keys: ["githubBranch", "githubEnvironment"],
        check: (c) =>
            problem(
                c.githubBranch !== undefined && c.githubEnvironment !== undefined,
                `tap:githubBranch = ${JSON.stringify(c.githubBranch)} and tap:githubEnvironment = ${JSON.stringify(c.githubEnvironment)} are both set: the deploy role trusts one subject, a branch or an environment; unset one`,
            ),
    },
    {
        keys: ["githubRepository", "enableAccess"],
        check: (c) =>
            problem(
                c.githubRepository !== undefined && !c.enableAccess,
                `tap:githubRepository is set but tap:enableAccess is false: the deploy role is part of Access; set tap:enableAccess to true, or unset tap:githubRepository`,
            ),
    },
    {
        // AWS Backup fails every job whose retention falls outside the vault lock's bounds.
        keys: [
            "enableBackup",
            "backupVaultLock",
            "backupVaultLockMinRetentionDays",
            "backupVaultLockMaxRetentionDays",
            "backupDailyRetentionDays",
            "backupMonthlyRetentionDays",
        ],
        check: (c) =>
            c.enableBackup && c.backupVaultLock
                ? vaultLockProblems(
                      { min: c.backupVaultLockMinRetentionDays, max: c.backupVaultLockMaxRetentionDays },
                      {
                          "tap:backupDailyRetentionDays": c.backupDailyRetentionDays,
                          "tap:backupMonthlyRetentionDays": c.backupMonthlyRetentionDays,
                      },
                      "tap:backupVaultLockMinRetentionDays/MaxRetentionDays",
                  ).map((p) => `tap:backupVaultLock is true: ${p}`)
                : [],
    },
    {
        // Compliance-mode objects outlive any destroy: never on a disposable stack.
        keys: ["auditLogObjectLock", "auditLogObjectLockMode", "profile", "forceDestroyBuckets"],
        check: (c) =>
            c.auditLogObjectLock && c.auditLogObjectLockMode === "COMPLIANCE"
                ? [
                      ...problem(
                          c.profile !== "prod",
                          `tap:auditLogObjectLockMode is COMPLIANCE but tap:profile is ${c.profile}: compliance-mode trail files cannot be deleted by anyone, root included, until their retention ends; use GOVERNANCE outside prod`,
                      ),
                      ...problem(
                          c.forceDestroyBuckets,
                          "tap:auditLogObjectLockMode is COMPLIANCE but tap:forceDestroyBuckets is true: a destroy cannot delete compliance-locked objects; set tap:forceDestroyBuckets false",
                      ),
                  ]
                : [],
    },
    {
        keys: ["auditLogObjectLock", "auditLogObjectLockDays", "auditLogExpirationDays"],
        check: (c) =>
            problem(
                c.auditLogObjectLock && c.auditLogObjectLockDays > c.auditLogExpirationDays,
                `tap:auditLogObjectLockDays (${c.auditLogObjectLockDays}) is above tap:auditLogExpirationDays (${c.auditLogExpirationDays}): trail files would be locked past their expiry`,
            ),
    },
    {
        keys: ["domainName", "hostedZoneId", "certificateArn", "enableWebTier"],
        check: (c) => [
            ...problem(
                (c.domainName === undefined) !== (c.hostedZoneId === undefined),
                "tap:domainName and tap:hostedZoneId go together: the certificate is validated, and the alias record created, in that zone",
            ),
            ...problem(
                c.domainName !== undefined && c.certificateArn !== undefined,
                "tap:domainName and tap:certificateArn are both set: the stack requests the certificate for tap:domainName itself; set one of them",
            ),
            ...problem(
                c.domainName !== undefined && !c.enableWebTier,
                "tap:domainName is set but tap:enableWebTier is false: there is no load balancer to name",
            ),
        ],
    },
    {
        // Seed 002: alarms must reach someone. Email, not an HTTPS/chat endpoint: SNS confirms an email
        // subscription by a link a person clicks (so a confirmed one proves a reader), every team has an
        // address or list, and chat tools take SNS through AWS Chatbot, which the account sets up, not a stack.
        keys: ["profile", "alarmEmail"],
        check: (c) =>
            problem(
                c.profile === "prod" && c.alarmEmail === undefined,
                "tap:alarmEmail is not set but tap:profile is prod: every alarm, finding and budget alert of the alert topics would reach nobody; set tap:alarmEmail to a person's or a team list's address (the subscription waits for its confirmation, which `npm run verify` reports)",
            ),
    },
];
