/** The settings of the monitoring components (Monitoring, CostBudget), beside their Args. */
import { z } from "zod";
import { always, byProfile, derived, key, settingsGroup, SettingsOf, uses } from "../config/declare";
import { bool, intIn, matching, oneOf, stringList } from "../config/schemas";
import { SHARED_SETTINGS, STACK_SETTINGS } from "../config/shared";
import { controlWaivers } from "../config/waivers";
import { OBJECT_LOCK_MODES, ObjectLockMode } from "../security/vocabulary";
import { isBucketName } from "./data-events";
import { BUDGET_SCOPES, BUDGET_USD_MAX, BudgetScope } from "./vocabulary";


export const MONITORING_SETTINGS = settingsGroup("Monitoring", {
    ...uses(STACK_SETTINGS, "profile"),
    ...uses(SHARED_SETTINGS, "logRetentionDays", "auditLogExpirationDays", "forceDestroyBuckets", "retainAuditLogs"),
    cloudTrailMultiRegion: key({
        schema: bool, default: always(true),
        doc: "Record every region in the trail (CIS 3.1); always on with two or more regions. Off only where another multi-region trail covers the account.",
    }),
    cloudTrailCoveredBy: key({
        schema: matching(/^(arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\d{12}:trail\/)?[A-Za-z0-9][A-Za-z0-9_.-]{2,127}$/, "must be the name or ARN of a CloudTrail trail"),
        doc: "The account's multi-region trail (name or ARN) that covers the other regions when this stack's trail records one (cloudTrailMultiRegion false); tagged on the trail as CoveredByTrail, it lets a prod stack's single-region trail pass the pack.",
    }),
    cloudTrailDataEventBuckets: key({
        schema: stringList(z.string().refine((v) => v === "*" || isBucketName(v)), 'S3 bucket names, or "*" for every bucket (e.g. ["tap-data-bucket"])'),
        default: always([]),
        doc: "Buckets whose object-level events the trail records (`*`: every bucket).",
    }),
    createConfigRecorder: key({
        schema: bool, default: always(true),
        doc: "Create each region's Config recorder and delivery channel, or reuse the existing recorder (one per account and region).",
    }),
    configRecorderName: key({
        schema: matching(/^[A-Za-z0-9_.-]{1,256}$/, "must be 1 to 256 of letters, digits, '.', '_', '-'"),
        default: derived("`tap-<environmentSuffix>-recorder`", (c) => `tap-${c.environmentSuffix}-recorder`),
        doc: "The Config recorder's name (the existing one's, when reused).",
    }),
    alarmEmail: key({
        schema: z.email({ error: "must be an email address" }),
        doc: "Subscribes this address to each region's alert topic (the subscription waits for its confirmation; `npm run verify` reports it pending). Required in prod: alarms, findings and budget alerts must reach a person. Optional in dev.",
    }),
    auditLogObjectLock: key({
        schema: bool, default: always(true),
        doc: "S3 Object Lock on the CloudTrail bucket: trail files cannot be deleted or overwritten before their retention ends (irreversible once on).",
    }),
    auditLogObjectLockMode: key({
        schema: oneOf(OBJECT_LOCK_MODES), default: always<ObjectLockMode>("GOVERNANCE"),
        doc: "`GOVERNANCE` (s3:BypassGovernanceRetention can delete early) or `COMPLIANCE` (nobody, root included; prod only, see docs/data-protection.md).",
    }),
    auditLogObjectLockDays: key({
        schema: intIn(1, 3653), default: byProfile(7, 365),
        doc: "Days each trail file is locked (at most tap:auditLogExpirationDays).",
    }),
    createGuardDutyDetector: key({
        schema: bool, default: always(true),
        doc: "Create each region's GuardDuty detector, or adopt the existing one (one per account and region).",
    }),
    guardDutyDetectorId: key({
        schema: matching(/^[0-9a-f]{32}$/, "must be a GuardDuty detector id (32 lowercase hex characters)"),
        doc: "The primary region's detector to adopt (with createGuardDutyDetector false); looked up when unset.",
    }),
    createSecurityHub: key({
        schema: bool, default: always(true),
        doc: "Enable each region's Security Hub (consolidated control findings, no default standards), or adopt the hub already on (one per account and region).",
    }),
    enableSecurityHubNist: key({
        schema: bool, default: always(false),
        doc: "Subscribe NIST SP 800-53 r5 besides CIS AWS Foundations v3.0.0 and FSBP v1.0.0 (always).",
    }),
    securityHubControlWaivers: key({
        schema: controlWaivers, default: always({}),
        accepts: 'a JSON object from control id to {"reason": "...", "standards": ["cis" | "fsbp" | "nist", ...]}',
        doc: "Security Hub controls disabled, each in the standards it names, each with its written reason (shown by `npm run plan` and `npm run verify`).",
    }),
    createAccessAnalyzer: key({
        schema: bool, default: always(true),
        doc: "Create each region's IAM Access Analyzer account analyzer (CIS 1.20), or adopt the existing one (AWS allows one per account and region).",
    }),
    enableInspector: key({
        schema: bool, default: byProfile(false, true),
        doc: "Amazon Inspector EC2 and ECR scanning for the account, each region (Inspector.1, Inspector.2).",
    }),
    guardDutyRuntimeMonitoring: key({
        schema: bool, default: byProfile(false, true),
        doc: "GuardDuty Runtime Monitoring with EC2 agent management (GuardDuty.11, GuardDuty.13).",
    }),
    guardDutyS3Protection: key({
        schema: bool, default: always(true),
        doc: "GuardDuty S3 Protection (GuardDuty.10).",
    }),
    guardDutyMalwareProtection: key({
        schema: bool, default: always(true),
        doc: "GuardDuty Malware Protection for EC2 (EBS volumes; GuardDuty.8).",
    }),
    guardDutyRdsProtection: key({
        schema: bool, default: always(true),
        doc: "GuardDuty RDS Protection: login events (GuardDuty.9).",
    }),
    manageAdoptedGuardDutyFeatures: key({
        schema: bool, default: always(false),
        doc: "Set the GuardDuty features above on an adopted detector too (createGuardDutyDetector false); by default they are left as they are.",
    }),
});
export type MonitoringSettings = SettingsOf<typeof MONITORING_SETTINGS>;

export const COST_BUDGET_SETTINGS = settingsGroup("CostBudget", {
    monthlyBudgetUsd: key({
        schema: intIn(1, BUDGET_USD_MAX),
        accepts: `whole US dollars, 1 to ${BUDGET_USD_MAX}`,
        doc: "An AWS Budgets cost budget of this many USD a month over the account (or the stack's tags: tap:budgetScope), alerting the primary region's topic; none when unset. The offline plan warns when its cost estimate exceeds it.",
    }),
    budgetScope: key({
        schema: oneOf(BUDGET_SCOPES), default: always<BudgetScope>("account"),
        doc: "What tap:monthlyBudgetUsd counts: `account`, the account's whole cost, from the first day (one stack per account, docs/first-deploy.md); `stack-tags`, resources tagged with the stack's Project and Environment, which counts nothing until both are activated as cost allocation tags in the billing account (up to a day after they first appear).",
    }),
    budgetActualAlertPercent: key({
        schema: intIn(1, 1000), default: always(80),
        doc: "Alert when the month's actual cost passes this percentage of tap:monthlyBudgetUsd.",
    }),
    budgetForecastAlertPercent: key({
        schema: intIn(1, 1000), default: always(100),
        doc: "Alert when the month's forecast cost passes this percentage of tap:monthlyBudgetUsd.",
    }),
});
export type CostBudgetSettings = SettingsOf<typeof COST_BUDGET_SETTINGS>;
