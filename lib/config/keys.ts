/**
 * Every configuration key of the stack, declared once. Add a key here (and give the component
 * the setting under the same name); `TapConfig`, the defaults and docs/configuration.md follow.
 * Components own their vocabulary: the allowed values come from them.
 */
import { z } from "zod";
import { BUDGET_SCOPES, BUDGET_USD_MAX, BudgetScope } from "../cost/vocabulary";
import { COMPUTE_MODES, ComputeMode, ROOT_VOLUME_MIN_GIB } from "../compute/vocabulary";
import { isBucketName } from "../monitoring/data-events";
import { LOG_RETENTION_DAYS } from "../monitoring/log-retention";
import { controlWaivers } from "./waivers";
import { NAT_GATEWAY_STRATEGIES, NatGatewayStrategy } from "../network/vocabulary";
import { PATCH_SEVERITIES, PatchSeverity, SESSION_IDLE_TIMEOUT_MAX, SESSION_MAX_DURATION_MAX } from "../management/vocabulary";
import { MAX_AZS } from "../network/subnet-layout";
import { GITHUB_OIDC_PROVIDER_ARN, GITHUB_REF_NAME, GITHUB_REPOSITORY } from "../access/policies";
import { ACM_CERTIFICATE_ARN } from "../web/certificates";
import { DB_ALLOCATED_STORAGE_GIB, DB_MONITORING_INTERVALS, VAULT_LOCK_MAX_DAYS, VAULT_LOCK_MIN_DAYS } from "../data/vocabulary";
import { dbClassMemoryGiB } from "../data/max-connections";
import { OBJECT_LOCK_MODES, ObjectLockMode } from "../security/vocabulary";
import { HOSTED_ZONE_ID } from "../web/vocabulary";
import { WAF_RATE_LIMIT_MAX, WAF_RATE_LIMIT_MIN } from "../web/web-acl-rules";
import { extraTagProblems } from "../tags";
import { always, byProfile, derived, key, PROFILES } from "./declare";
import {
    anyIpv4Cidr, bool, dnsName, environmentSuffix, intIn, maintenanceWindowSchedule, matching, numberIn, oneOf, regionCidrMap, regionCode, stringList, vpcCidr,
} from "./schemas";

/** `tap:awsAccount`: a 12-digit account id, or a lowercase name standing for the account. */
export const AWS_ACCOUNT = /^(\d{12}|[a-z][a-z0-9-]{0,62})$/;

/** The largest Auto Scaling group the config accepts (a guard against typos, not an AWS limit). */
export const ASG_SIZE_MAX = 100;

/** A JSON object of tags (tap:extraTags): every problem reported at once, each naming its key. */
const extraTags = z.string().transform((value, ctx): Record<string, string> => {
    let parsed: unknown;
    try {
        parsed = JSON.parse(value);
    } catch {
        parsed = undefined;
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        ctx.addIssue({ code: "custom", message: 'must be an object from tag key to value, e.g. {"Compliance": "PCI-DSS", "Application": "FinancialApp"}' });
        return z.NEVER;
    }
    const problems = extraTagProblems(parsed as Record<string, unknown>);
    for (const message of problems) ctx.addIssue({ code: "custom", message });
    return problems.length > 0 ? z.NEVER : parsed as Record<string, string>;
});

const certificateArn = (where: string) =>
    matching(ACM_CERTIFICATE_ARN, `must be an ACM certificate ARN${where} (arn:aws:acm:<region>:<12-digit account>:certificate/<lower-case UUID>)`);

export const CONFIG_KEYS = {
    // The stack
    region: key({
        namespace: "aws", schema: regionCode, default: always("us-east-1"),
        doc: "The primary AWS region: the trail, the global IAM resources and the optional tiers live here.", feeds: "TapStack (primary provider)",
    }),
    profile: key({
        schema: oneOf(PROFILES), default: derived("`prod` for a stack named `prod` or `prod-*`, else `dev`", (c) => (/^prod(-|$)/.test(c.stackName) ? "prod" : "dev")),
        doc: "Picks the defaults that differ between a disposable dev and a guarded prod.", feeds: "parseTapConfig (profile defaults)",
    }),
    environmentSuffix: key({
        schema: environmentSuffix, default: derived("the stack name", (c) => c.stackName),
        accepts: "1 to 16 lowercase letters, digits and '-'",
        doc: "Part of every resource name (`tap-<suffix>-<region code>-...`).", feeds: "naming.namePrefix",
    }),
    owner: key({
        schema: matching(/^[\p{L}\p{N} _.:/=+\-@]{1,256}$/u, "must be 1 to 256 characters valid in an AWS tag value"), default: always("platform"),
        doc: "The `Owner` tag of every resource.", feeds: "naming.stackTags",
    }),
    extraTags: key({
        schema: extraTags, default: always({}),
        accepts: "a JSON object from tag key to value: AWS's tag rules (keys 1 to 128, values up to 256 characters of letters, digits, spaces and _ . : / = + - @; no aws: prefix), none of tap's own keys",
        doc: "Tags added to every resource through each region's provider default tags, and to the launched instances (seeds 002 and 004: Compliance, Application; seed 000: Purpose, Backup).",
        feeds: "TapStack (provider defaultTags), Compute.instanceTags",
    }),
    awsAccount: key({
        schema: matching(AWS_ACCOUNT, "must be a 12-digit AWS account id, or a name standing for the account: 1 to 63 lowercase letters, digits and '-', starting with a letter (e.g. workloads-prod)"),
        doc: "The AWS account the stack deploys to: its 12-digit id (the providers then refuse credentials of any other account, allowedAccountIds) or a name standing for it. Stack files naming the same account share its singletons (GuardDuty detector, Config recorder, Security Hub, account analyzer, Session Manager preferences): `npm run plan` flags one that two of them create in the same region. Unset: assumed to share an account with every other stack file that leaves it unset. See docs/first-deploy.md.",
        feeds: "TapStack (providers' allowedAccountIds, with an id); npm run plan (account singletons across stack files)",
    }),
    regions: key({
        schema: stringList(regionCode, 'AWS region codes, the primary (aws:region) first, e.g. ["us-east-1", "us-west-2"]'),
        default: derived("the primary region alone", (c) => [c.region]),
        doc: "Every region the stack is deployed to, the primary first; each gets its own key, VPC, compute and monitoring.", feeds: "TapStack (a RegionalStack per region)",
    }),
    enableAccountHardening: key({
        schema: bool, default: always(true),
        doc: "Manage the account/region-wide settings: EBS encryption by default (per region), the IAM password policy (once).", feeds: "SecurityBaseline, GlobalBaseline.enableAccountHardening",
    }),
    kmsKeyDeletionWindowDays: key({
        schema: intIn(7, 30), default: byProfile(7, 30),
        doc: "Days KMS waits before deleting a region's key once the stack is destroyed.", feeds: "SecurityBaseline.kmsKeyDeletionWindowDays",
    }),
    forceDestroyBuckets: key({
        schema: bool, default: byProfile(true, false),
        doc: "Let `pulumi destroy` delete buckets that still hold objects.", feeds: "SecureBucket (every bucket)",
    }),
    logRetentionDays: key({
        schema: numberIn(LOG_RETENTION_DAYS), default: always(90),
        doc: "Retention of every CloudWatch log group (flow logs, app, trail, WAF, database).", feeds: "VpcNetwork, Compute, Monitoring, WebTier, Database .logRetentionDays",
    }),
    auditLogExpirationDays: key({
        schema: intIn(91, 3653), default: always(2557),
        doc: "Days after which trail files, Config history and access logs are deleted from their buckets (Standard-IA at 30, Glacier at 90).", feeds: "Monitoring, WebTier, StaticSite .auditLogExpirationDays",
    }),

    // Network
    vpcCidr: key({
        schema: vpcCidr, default: always("10.0.0.0/16"),
        doc: "The primary region's VPC CIDR; 16 subnets of prefix + 4 are cut from it.", feeds: "VpcNetwork.vpcCidr",
    }),
    regionCidrs: key({
        schema: regionCidrMap, default: always({}),
        doc: "VPC CIDRs of the other regions (`{\"us-west-2\": \"10.1.0.0/16\"}`); unset regions take the next free block of the primary's size.", feeds: "VpcNetwork.vpcCidr (per region)",
    }),
    azCount: key({
        schema: intIn(2, MAX_AZS), default: always(2),
        doc: "AZs per region, each with a public and a private subnet.", feeds: "VpcNetwork.azCount",
    }),
    natGatewayStrategy: key({
        schema: oneOf(NAT_GATEWAY_STRATEGIES), default: byProfile<NatGatewayStrategy>("single", "onePerAz"),
        doc: "`single` NAT gateway, `onePerAz`, or `none` (no internet route from the private subnets).", feeds: "VpcNetwork.natGatewayStrategy",
    }),

    // Compute
    computeMode: key({
        schema: oneOf(COMPUTE_MODES), default: always<ComputeMode>("asg"),
        doc: "An Auto Scaling group (`asg`) or one instance (`instance`), launched from the same hardened template.", feeds: "Compute.computeMode",
    }),
    instanceType: key({
        schema: matching(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type name (family.size, e.g. t3.micro)"), default: always("t3.micro"),
        doc: "EC2 instance type of the app instances.", feeds: "Compute.instanceType",
    }),
    asgMinSize: key({
        schema: intIn(0, ASG_SIZE_MAX), default: byProfile(1, 2),
        doc: "Auto Scaling group minimum (min <= desired <= max); refused with computeMode instance.", feeds: "Compute.asgMinSize",
    }),
    asgMaxSize: key({
        schema: intIn(1, ASG_SIZE_MAX), default: byProfile(2, 4),
        doc: "Auto Scaling group maximum.", feeds: "Compute.asgMaxSize",
    }),
    asgDesiredCapacity: key({
        schema: intIn(0, ASG_SIZE_MAX), default: byProfile(1, 2),
        doc: "Auto Scaling group desired capacity.", feeds: "Compute.asgDesiredCapacity",
    }),
    rootVolumeSizeGiB: key({
        schema: intIn(ROOT_VOLUME_MIN_GIB, 16384), default: always(30),
        doc: "Encrypted gp3 root volume of the app instances, GiB (at least the AMI's 8 GiB snapshot).", feeds: "Compute.rootVolumeSizeGiB",
    }),
    protectFromScaleIn: key({
        schema: bool, default: always(false),
        doc: "New app instances start protected from scale-in (seed 001, failure 9); asg only.", feeds: "Compute.protectFromScaleIn",
    }),

    // Monitoring
    cloudTrailMultiRegion: key({
        schema: bool, default: always(true),
        doc: "Record every region in the trail (CIS 3.1); always on with two or more regions. Off only where another multi-region trail covers the account.", feeds: "Monitoring.cloudTrailMultiRegion",
    }),
    cloudTrailCoveredBy: key({
        schema: matching(/^(arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\d{12}:trail\/)?[A-Za-z0-9][A-Za-z0-9_.-]{2,127}$/, "must be the name or ARN of a CloudTrail trail"),
        doc: "The account's multi-region trail (name or ARN) that covers the other regions when this stack's trail records one (cloudTrailMultiRegion false); tagged on the trail as CoveredByTrail, it lets a prod stack's single-region trail pass the pack.",
        feeds: "Monitoring.cloudTrailCoveredBy",
    }),
    cloudTrailDataEventBuckets: key({
        schema: stringList(z.string().refine((v) => v === "*" || isBucketName(v)), 'S3 bucket names, or "*" for every bucket (e.g. ["tap-data-bucket"])'),
        default: always([]),
        doc: "Buckets whose object-level events the trail records (`*`: every bucket).", feeds: "Monitoring.cloudTrailDataEventBuckets",
    }),
    createGuardDutyDetector: key({
        schema: bool, default: always(true),
        doc: "Create each region's GuardDuty detector, or adopt the existing one (one per account and region).", feeds: "Monitoring.createGuardDutyDetector",
    }),
    guardDutyDetectorId: key({
        schema: matching(/^[0-9a-f]{32}$/, "must be a GuardDuty detector id (32 lowercase hex characters)"),
        doc: "The primary region's detector to adopt (with createGuardDutyDetector false); looked up when unset.", feeds: "Monitoring.guardDutyDetectorId",
    }),
    createConfigRecorder: key({
        schema: bool, default: always(true),
        doc: "Create each region's Config recorder and delivery channel, or reuse the existing recorder (one per account and region).", feeds: "Monitoring.createConfigRecorder",
    }),
    createConfigServiceLinkedRole: key({
        schema: bool, default: always(true),
        doc: "Create AWS Config's service-linked role AWSServiceRoleForConfig, which the recorders use (Config.1; retained when the stack is deleted); false adopts the account's, where it already exists (creating it again fails: \"has been taken in this account\").", feeds: "GlobalBaseline.createConfigServiceLinkedRole",
    }),
    configRecorderName: key({
        schema: matching(/^[A-Za-z0-9_.-]{1,256}$/, "must be 1 to 256 of letters, digits, '.', '_', '-'"),
        default: derived("`tap-<environmentSuffix>-recorder`", (c) => `tap-${c.environmentSuffix}-recorder`),
        doc: "The Config recorder's name (the existing one's, when reused).", feeds: "Monitoring.configRecorderName",
    }),
    alarmEmail: key({
        schema: z.email({ error: "must be an email address" }),
        doc: "Subscribes this address to each region's alert topic (the subscription waits for its confirmation; `npm run verify` reports it pending). Required in prod: alarms, findings and budget alerts must reach a person. Optional in dev.",
        feeds: "Monitoring.alarmEmail",
    }),
    monthlyBudgetUsd: key({
        schema: intIn(1, BUDGET_USD_MAX),
        accepts: `whole US dollars, 1 to ${BUDGET_USD_MAX}`,
        doc: "An AWS Budgets cost budget of this many USD a month over the account (or the stack's tags: tap:budgetScope), alerting the primary region's topic; none when unset. The offline plan warns when its cost estimate exceeds it.", feeds: "CostBudget.monthlyBudgetUsd",
    }),
    budgetScope: key({
        schema: oneOf(BUDGET_SCOPES), default: always<BudgetScope>("account"),
        doc: "What tap:monthlyBudgetUsd counts: `account`, the account's whole cost, from the first day (one stack per account, docs/first-deploy.md); `stack-tags`, resources tagged with the stack's Project and Environment, which counts nothing until both are activated as cost allocation tags in the billing account (up to a day after they first appear).",
        feeds: "CostBudget.budgetScope",
    }),
    budgetActualAlertPercent: key({
        schema: intIn(1, 1000), default: always(80),
        doc: "Alert when the month's actual cost passes this percentage of tap:monthlyBudgetUsd.", feeds: "CostBudget.budgetActualAlertPercent",
    }),
    budgetForecastAlertPercent: key({
        schema: intIn(1, 1000), default: always(100),
        doc: "Alert when the month's forecast cost passes this percentage of tap:monthlyBudgetUsd.", feeds: "CostBudget.budgetForecastAlertPercent",
    }),

    // Web tier
    enableWebTier: key({
        schema: bool, default: byProfile(false, true),
        doc: "The load balancer, its WAF web ACL and access logs (primary region).", feeds: "RegionalStack (WebTier)",
    }),
    allowedIngressCidrs: key({
        schema: stringList(anyIpv4Cidr, 'IPv4 CIDR blocks written as their network address (e.g. ["0.0.0.0/0"] or ["203.0.113.0/24"])')
            .refine((cidrs) => cidrs.length > 0, { error: "must name at least one CIDR block (an empty list makes the load balancer unreachable)" }),
        default: always(["0.0.0.0/0"]),
        doc: "Who may reach the load balancer's listeners.", feeds: "WebTier.allowedIngressCidrs",
    }),
    appPort: key({
        schema: intIn(1, 65535), default: always(80),
        doc: "The port the app instances serve on (target group and health check).", feeds: "WebTier.appPort, Compute (health endpoint)",
    }),
    certificateArn: key({
        schema: certificateArn(" in the stack's region"),
        doc: "ACM certificate of the HTTPS listener (the stack's region); HTTP only when unset.", feeds: "WebTier.certificateArn",
    }),
    wafRateLimit: key({
        schema: intIn(WAF_RATE_LIMIT_MIN, WAF_RATE_LIMIT_MAX), default: always(2000),
        doc: "Requests per client IP per 5 minutes above which the web ACLs (load balancer, CDN) block.", feeds: "WebTier, StaticSite .wafRateLimit",
    }),
    deletionProtection: key({
        schema: bool, default: byProfile(false, true),
        doc: "Deletion protection of the load balancer (ELB.6) and the database (RDS.8).", feeds: "WebTier, Database .deletionProtection",
    }),

    // Data tier
    enableDatabase: key({
        schema: bool, default: byProfile(false, true),
        doc: "The PostgreSQL database (primary region).", feeds: "RegionalStack (Database)",
    }),
    dbInstanceClass: key({
        schema: matching(/^db\.[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an RDS instance class (db.<family>.<size>, e.g. db.t4g.micro)")
            // The connections alarm is sized from the class's memory (lib/data/max-connections.ts).
            .refine((c) => dbClassMemoryGiB(c) !== undefined, { error: "must be a class of the t, m, r, x or c families (db.t4g.micro, db.m7g.large, db.r6g.2xlarge ...)" }),
        default: byProfile("db.t4g.micro", "db.t4g.medium"),
        doc: "RDS instance class.", feeds: "Database.dbInstanceClass",
    }),
    dbBackupRetentionDays: key({
        // RDS.11 (and the policy pack) want at least 7 days; AWS's maximum is 35.
        schema: intIn(7, 35), default: byProfile(7, 30),
        doc: "Days of automated backups (RDS.11: at least 7).", feeds: "Database.dbBackupRetentionDays",
    }),
    dbMultiAz: key({
        schema: bool, default: byProfile(false, true),
        doc: "A standby in a second AZ (RDS.5).", feeds: "Database.dbMultiAz",
    }),
    dbMaxAllocatedStorageGiB: key({
        // "You must set the maximum storage threshold to at least 10% more than the current allocated
        // storage" (RDS user guide, Managing capacity automatically with Amazon RDS storage autoscaling):
        // 22 above the 20 GiB allocated; 65536 GiB is gp3's largest RDS volume.
        schema: intIn(DB_ALLOCATED_STORAGE_GIB + Math.ceil(DB_ALLOCATED_STORAGE_GIB / 10), 65536), default: always(100),
        doc: `The ceiling, GiB, up to which RDS storage autoscaling grows the database's ${DB_ALLOCATED_STORAGE_GIB} GiB (seed 002: 1000).`, feeds: "Database.maxAllocatedStorageGiB",
    }),
    dataTierInEveryRegion: key({
        schema: bool, default: always(false),
        doc: "The data tier (the database with tap:enableDatabase, the app data bucket with tap:enableAppDataBucket) in every region of tap:regions, each with its region's key, alarms and backup (seed 004), instead of the primary region only.",
        feeds: "RegionalStack (Database, AppDataBucket)",
    }),
    enableAppDataBucket: key({
        schema: bool, default: always(true),
        doc: "The application's data bucket (seed 002): SSE-KMS with the stack key, uploads under another encryption or key denied, reads and writes by the app role only, in the backup plan, its object-level events in the trail (CIS 3.8/3.9).",
        feeds: "RegionalStack (AppDataBucket)",
    }),

    // CDN tier
    enableCdn: key({
        schema: bool, default: always(false),
        doc: "The static site behind CloudFront (needs cdnCertificateArn and cdnAliases).", feeds: "RegionalStack (StaticSite)",
    }),
    cdnCertificateArn: key({
        schema: certificateArn(" in us-east-1"),
        doc: "ACM certificate (us-east-1) of the CloudFront distribution: TLS 1.2+ to viewers needs one.", feeds: "StaticSite.cdnCertificateArn",
    }),
    cdnAliases: key({
        schema: stringList(dnsName, 'DNS names (e.g. ["static.example.com"])'), default: always([]),
        doc: "The distribution's domain names, covered by cdnCertificateArn.", feeds: "StaticSite.cdnAliases",
    }),

    // Protected stateful resources (docs/teardown.md)
    protectStatefulResources: key({
        schema: bool, default: byProfile(false, true),
        doc: "Pulumi `protect` on every stateful resource (lib/protection.ts); the KMS keys' deletion and disabling denied but to the break-glass role. Off for a deliberate teardown (docs/teardown.md).",
        feeds: "TapStack (transformation), SecurityBaseline.protectStatefulResources",
    }),
    retainAuditLogs: key({
        schema: bool, default: byProfile(false, true),
        doc: "The audit-log buckets (CloudTrail, Config, server access logs) and the KMS key that encrypts them stay in the account when the stack deletes them, a deliberate teardown included.",
        feeds: "SecurityBaseline, Monitoring .retainAuditLogs",
    }),
    kmsBreakGlassRoleName: key({
        // IAM role names: 1 to 64 of letters, digits and +=,.@_- (IAM API reference, CreateRole).
        schema: matching(/^[\w+=,.@-]{1,64}$/, "must be an IAM role name: 1 to 64 of letters, digits and + = , . @ _ -"),
        doc: "The IAM role (of the account, not created by the stack) still allowed to schedule a protected key's deletion or disable it; none when unset.",
        feeds: "SecurityBaseline.kmsBreakGlassRoleName",
    }),

    // Continuous detection (docs/detection.md)
    createSecurityHub: key({
        schema: bool, default: always(true),
        doc: "Enable each region's Security Hub (consolidated control findings, no default standards), or adopt the hub already on (one per account and region).", feeds: "Monitoring.createSecurityHub",
    }),
    enableSecurityHubNist: key({
        schema: bool, default: always(false),
        doc: "Subscribe NIST SP 800-53 r5 besides CIS AWS Foundations v3.0.0 and FSBP v1.0.0 (always).", feeds: "Monitoring.enableSecurityHubNist",
    }),
    securityHubControlWaivers: key({
        schema: controlWaivers, default: always({}),
        accepts: 'a JSON object from control id to {"reason": "...", "standards": ["cis" | "fsbp" | "nist", ...]}',
        doc: "Security Hub controls disabled, each in the standards it names, each with its written reason (shown by `npm run plan` and `npm run verify`).", feeds: "Monitoring.securityHubControlWaivers",
    }),
    createAccessAnalyzer: key({
        schema: bool, default: always(true),
        doc: "Create each region's IAM Access Analyzer account analyzer (CIS 1.20), or adopt the existing one (AWS allows one per account and region).", feeds: "Monitoring.createAccessAnalyzer",
    }),
    enableInspector: key({
        schema: bool, default: byProfile(false, true),
        doc: "Amazon Inspector EC2 and ECR scanning for the account, each region (Inspector.1, Inspector.2).", feeds: "Monitoring.enableInspector",
    }),
    guardDutyRuntimeMonitoring: key({
        schema: bool, default: byProfile(false, true),
        doc: "GuardDuty Runtime Monitoring with EC2 agent management (GuardDuty.11, GuardDuty.13).", feeds: "Monitoring.guardDutyRuntimeMonitoring",
    }),
    guardDutyS3Protection: key({
        schema: bool, default: always(true),
        doc: "GuardDuty S3 Protection (GuardDuty.10).", feeds: "Monitoring.guardDutyS3Protection",
    }),
    guardDutyMalwareProtection: key({
        schema: bool, default: always(true),
        doc: "GuardDuty Malware Protection for EC2 (EBS volumes; GuardDuty.8).", feeds: "Monitoring.guardDutyMalwareProtection",
    }),
    guardDutyRdsProtection: key({
        schema: bool, default: always(true),
        doc: "GuardDuty RDS Protection: login events (GuardDuty.9).", feeds: "Monitoring.guardDutyRdsProtection",
    }),
    manageAdoptedGuardDutyFeatures: key({
        schema: bool, default: always(false),
        doc: "Set the GuardDuty features above on an adopted detector too (createGuardDutyDetector false); by default they are left as they are.", feeds: "Monitoring.manageAdoptedGuardDutyFeatures",
    }),

    // Private management plane (issue 12): VPC endpoints, recorded sessions, Patch Manager
    vpcEndpoints: key({
        schema: bool, default: byProfile(false, true),
        doc: "An S3 gateway endpoint and interface endpoints (ssm, ssmmessages, ec2messages, logs, monitoring, kms) in each VPC: SSM and logs without a NAT gateway. Each interface endpoint is billed per AZ-hour.", feeds: "RegionalStack (VpcEndpoints)",
    }),
    createSessionPreferences: key({
        // Off by default: the document is one per account and region, already exists wherever someone saved
        // Session Manager preferences or ran Quick Setup (DocumentAlreadyExists), and a second stack of the
        // account creating it too would have its destroy delete the other's (docs/first-deploy.md).
        schema: bool, default: always(false),
        doc: "Create each region's Session Manager preferences document (SSM-SessionManagerRunShell) pointing at the stack's log group, bucket and key. Off: the account's existing preferences are left as they are (one document per account and region; set it in one stack of the account only, see docs/first-deploy.md).", feeds: "SessionPreferences.createSessionPreferences",
    }),
    sessionIdleTimeoutMinutes: key({
        schema: intIn(1, SESSION_IDLE_TIMEOUT_MAX), default: byProfile(20, 15),
        doc: "Minutes without input after which Session Manager ends a session.", feeds: "SessionPreferences.sessionIdleTimeoutMinutes",
    }),
    sessionMaxDurationMinutes: key({
        schema: intIn(1, SESSION_MAX_DURATION_MAX), default: byProfile(240, 60),
        doc: "Minutes after which Session Manager ends a session, idle or not.", feeds: "SessionPreferences.sessionMaxDurationMinutes",
    }),
    enablePatchManager: key({
        schema: bool, default: always(true),
        doc: "Patch Manager patches the app instances (baseline, daily scan, install window) instead of dnf-automatic on each instance.", feeds: "RegionalStack (PatchManagement), Compute.updates",
    }),
    patchApprovalDelayDays: key({
        schema: intIn(0, 100), default: byProfile(0, 7),
        doc: "Days after release before the patch baseline approves an update.", feeds: "PatchManagement.patchApprovalDelayDays",
    }),
    patchMinimumSeverity: key({
        schema: oneOf(PATCH_SEVERITIES), default: byProfile<PatchSeverity>("Low", "Medium"),
        doc: "The least severe AL2023 security advisory the baseline approves (more severe ones too).", feeds: "PatchManagement.patchMinimumSeverity",
    }),
    patchWindowSchedule: key({
        schema: maintenanceWindowSchedule,
        default: byProfile("cron(0 3 ? * * *)", "cron(0 3 ? * SUN *)"),
        doc: "When the patch install window opens (UTC).", feeds: "PatchManagement.patchWindowSchedule",
    }),
    patchWindowDurationHours: key({
        schema: intIn(2, 24), default: always(3),
        doc: "Hours the patch install window stays open (no new task in the last hour).", feeds: "PatchManagement.patchWindowDurationHours",
    }),

    // Access (issue 19): operators, support, auditor, keyless CI
    enableAccess: key({
        schema: bool, default: byProfile(false, true),
        doc: "The operators' group (MFA enforced, Session Manager on this stack's instances), the support role (CIS 1.17) and the auditor role `npm run verify` assumes (docs/access.md).",
        feeds: "TapStack (Access)",
    }),
    githubRepository: key({
        schema: matching(GITHUB_REPOSITORY, "must be a GitHub repository as owner/name (letters, digits, '-', and '.', '_' in the name)"),
        doc: "The repository whose GitHub Actions deploy the stack without keys: an OIDC provider and a deploy role trusted for it only, and the workload permissions boundary every other role of the stack then carries (docs/access.md); none when unset.", feeds: "Access.githubRepository, the workload boundary (TapStack)",
    }),
    githubBranch: key({
        schema: matching(GITHUB_REF_NAME, "must be a branch name without wildcards or ':' (letters, digits, '.', '_', '-', '/')"),
        doc: "The branch whose workflow runs may deploy (`main` when neither this nor githubEnvironment is set).", feeds: "Access.githubBranch",
    }),
    githubEnvironment: key({
        schema: matching(GITHUB_REF_NAME, "must be a GitHub environment name without wildcards or ':' (letters, digits, '.', '_', '-', '/')"),
        doc: "The GitHub environment whose jobs may deploy, instead of a branch (its protection rules then gate every deploy).", feeds: "Access.githubEnvironment",
    }),
    githubOidcProviderArn: key({
        schema: matching(GITHUB_OIDC_PROVIDER_ARN, "must be the ARN of the account's GitHub OIDC provider (arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com)"),
        doc: "Reuse the account's GitHub OIDC provider (there is one per account and URL: the second stack of an account must set this).", feeds: "Access.githubOidcProviderArn",
    }),

    // Data protection and resilience (issue 14): AWS Backup, RDS enhanced monitoring
    enableBackup: key({
        schema: bool, default: always(true),
        doc: "AWS Backup: a vault per region (stack key), a plan and the database's selection, a copy into the next region's vault.", feeds: "RegionalStack (Backup)",
    }),
    backupDailyRetentionDays: key({
        schema: intIn(1, VAULT_LOCK_MAX_DAYS), default: byProfile(7, 35),
        doc: "Days AWS Backup keeps the daily recovery points (and their copies).", feeds: "Backup.backupDailyRetentionDays",
    }),
    backupMonthlyRetentionDays: key({
        schema: intIn(0, VAULT_LOCK_MAX_DAYS), default: byProfile(0, 365),
        doc: "Days AWS Backup keeps the monthly recovery points; 0: no monthly rule.", feeds: "Backup.backupMonthlyRetentionDays",
    }),
    backupVaultLock: key({
        schema: bool, default: byProfile(false, true),
        doc: "Lock every vault in governance mode: recovery points cannot be deleted or kept outside the bounds below without the right to remove the lock.", feeds: "Backup.backupVaultLock",
    }),
    backupVaultLockMinRetentionDays: key({
        schema: intIn(VAULT_LOCK_MIN_DAYS, VAULT_LOCK_MAX_DAYS), default: always(7),
        doc: "The vault lock's minimum retention, days (every plan retention must be at least this).", feeds: "Backup.backupVaultLockMinRetentionDays",
    }),
    backupVaultLockMaxRetentionDays: key({
        schema: intIn(VAULT_LOCK_MIN_DAYS, VAULT_LOCK_MAX_DAYS), default: always(400),
        doc: "The vault lock's maximum retention, days (every plan retention must be at most this).", feeds: "Backup.backupVaultLockMaxRetentionDays",
    }),
    dbMonitoringInterval: key({
        // RDS.6: the component takes 0 (off); the stack does not.
        schema: numberIn(DB_MONITORING_INTERVALS.filter((i) => i > 0)), default: byProfile(60, 15),
        doc: "Seconds between RDS enhanced monitoring samples (RDS.6).", feeds: "Database.dbMonitoringInterval",
    }),
    auditLogObjectLock: key({
        schema: bool, default: always(true),
        doc: "S3 Object Lock on the CloudTrail bucket: trail files cannot be deleted or overwritten before their retention ends (irreversible once on).", feeds: "Monitoring.auditLogObjectLock",
    }),
    auditLogObjectLockMode: key({
        schema: oneOf(OBJECT_LOCK_MODES), default: always<ObjectLockMode>("GOVERNANCE"),
        doc: "`GOVERNANCE` (s3:BypassGovernanceRetention can delete early) or `COMPLIANCE` (nobody, root included; prod only, see docs/data-protection.md).", feeds: "Monitoring.auditLogObjectLock.mode",
    }),
    auditLogObjectLockDays: key({
        schema: intIn(1, 3653), default: byProfile(7, 365),
        doc: "Days each trail file is locked (at most tap:auditLogExpirationDays).", feeds: "Monitoring.auditLogObjectLock.days",
    }),
    domainName: key({
        schema: dnsName,
        doc: "The load balancer's domain: an ACM certificate validated by DNS in tap:hostedZoneId, the HTTPS listener, an alias record (instead of tap:certificateArn).", feeds: "DomainCertificate, DomainAlias .domainName",
    }),
    hostedZoneId: key({
        schema: matching(HOSTED_ZONE_ID, "must be a Route 53 hosted zone id: Z and 9 to 31 upper-case letters and digits (e.g. Z0123456789ABCDEFGHIJ), without the /hostedzone/ prefix"),
        doc: "The public Route 53 zone of tap:domainName (validation and alias records).", feeds: "DomainCertificate, DomainAlias .hostedZoneId",
    }),
    allowPlainHttp: key({
        schema: bool, default: byProfile(true, false),
        doc: "Accept a web tier without TLS (no certificateArn, no domainName): tags the load balancer so the policy pack lets it pass. False in prod, where a plan without TLS fails the pack: Pulumi.prod.yaml names a placeholder certificate instead (of the documentation account 000000000000), which `pulumi preview`/`up` refuse until it is replaced. See docs/data-protection.md.",
        feeds: "WebTier.allowPlainHttp",
    }),
    redirectHttpToHttps: key({
        schema: bool, default: byProfile(true, false),
        doc: "With TLS (tap:certificateArn or tap:domainName), keep port 80 open to redirect to HTTPS (ELB.1); false: the load balancer listens on 443 only, from tap:allowedIngressCidrs (seed 002, prod's default).",
        feeds: "WebTier.redirectHttpToHttps",
    }),
};
