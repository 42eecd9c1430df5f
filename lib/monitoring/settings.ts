/** The settings of Monitoring (the trail, Config, the alert topic), beside its Args. */
import { z } from "zod";
import { always, byProfile, derived, key, settingsGroup, SettingsOf, uses } from "../config/declare";
import { bool, intIn, matching, oneOf, stringList } from "../config/schemas";
import { SHARED_SETTINGS, STACK_SETTINGS } from "../config/shared";
import { DETECTION_SETTINGS } from "../detection/settings";
import { OBJECT_LOCK_MODES, ObjectLockMode } from "../security/vocabulary";
import { isBucketName } from "./data-events";

export const MONITORING_SETTINGS = settingsGroup("Monitoring", {
    ...uses(STACK_SETTINGS, "profile"),
    ...uses(SHARED_SETTINGS, "logRetentionDays", "auditLogExpirationDays", "forceDestroyBuckets", "retainAuditLogs"),
    // The alert rules for Inspector's findings (the detection services are Detection's).
    ...uses(DETECTION_SETTINGS, "enableInspector"),
    cloudTrailMultiRegion: key({
        schema: bool,
        default: always(true),
        doc: "Record every region in the trail (CIS 3.1); always on with two or more regions. Off only where another multi-region trail covers the account.",
    }),
    cloudTrailCoveredBy: key({
        schema: matching(
            /^(arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\d{12}:trail\/)?[A-Za-z0-9][A-Za-z0-9_.-]{2,127}$/,
            "must be the name or ARN of a CloudTrail trail",
        ),
        doc: "The account's multi-region trail (name or ARN) that covers the other regions when this stack's trail records one (cloudTrailMultiRegion false); tagged on the trail as CoveredByTrail, it lets a prod stack's single-region trail pass the pack.",
    }),
    cloudTrailDataEventBuckets: key({
        schema: stringList(
            z.string().refine((v) => v === "*" || isBucketName(v)),
            'S3 bucket names, or "*" for every bucket (e.g. ["tap-data-bucket"])',
        ),
        default: always([]),
        doc: "Buckets whose object-level events the trail records (`*`: every bucket).",
    }),
    createConfigRecorder: key({
        schema: bool,
        default: always(true),
        doc: "Create each region's Config recorder and delivery channel, or reuse the existing recorder (one per account and region).",
    }),
    configRecorderName: key({
        schema: matching(/^[A-Za-z0-9_.-]{1,256}$/, "must be 1 to 256 of letters, digits, '.', '_', '-'"),
        default: derived("`tap-<environmentSuffix>-recorder`", (c) => `tap-${c.environmentSuffix}-recorder`),
        doc: "The Config recorder's name (the existing one's, when reused).",
    }),
    acknowledgeSecurityHubAlerts: key({
        schema: bool,
        default: always(true),
        doc: "Security Hub's alerts go through a state machine that publishes each finding and marks it NOTIFIED, so Security Hub's re-imports of it at every check stay quiet (docs/detection.md, StepFunctions.1). False: the rule sends findings to the topic, and something outside the stack (a person, a SOAR) must mark them NOTIFIED or each check alerts again; the rule then carries a written waiver of security-hub-alerts-acknowledge.",
    }),
    alarmEmail: key({
        schema: z.email({ error: "must be an email address" }),
        doc: "Subscribes this address to each region's alert topic (the subscription waits for its confirmation; `npm run verify` reports it pending). Required in prod: alarms, findings and budget alerts must reach a person. Optional in dev.",
    }),
    auditLogObjectLock: key({
        schema: bool,
        default: always(true),
        doc: "S3 Object Lock on the CloudTrail bucket: trail files cannot be deleted or overwritten before their retention ends (irreversible once on).",
    }),
    auditLogObjectLockMode: key({
        schema: oneOf(OBJECT_LOCK_MODES),
        default: always<ObjectLockMode>("GOVERNANCE"),
        doc: "`GOVERNANCE` (s3:BypassGovernanceRetention can delete early) or `COMPLIANCE` (nobody, root included; prod only, see docs/data-protection.md).",
    }),
    auditLogObjectLockDays: key({
        schema: intIn(1, 3653),
        default: byProfile(7, 365),
        doc: "Days each trail file is locked (at most tap:auditLogExpirationDays).",
    }),
});
export type MonitoringSettings = SettingsOf<typeof MONITORING_SETTINGS>;
