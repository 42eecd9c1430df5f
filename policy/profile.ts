/**
 * What the pack holds a production stack to, in its own figures: the pack imports nothing of lib/
 * (a wrong entry in the program's table must not blind the guard that judges it).
 * test/policy/profile.spec.ts pins each figure to the prod profile's default of lib/config/keys.ts, so
 * changing a prod default is changing the guard too, in the same review.
 *
 * A stack is production when its name is `prod` or `prod-*` (the URN's stack segment), or the resource
 * is tagged Profile=prod (tap tags its trail so; docs/configuration.md "tap:profile").
 */
import type { StackResource } from "./types";
import { at } from "./values";

/** `prod`, `prod-eu`, ...: how tap tells a production stack, from the stack segment of a URN. */
export const PROD_STACK = /^urn:pulumi:prod(-[^:]*)?::/;

/** Whether a resource belongs to a production stack. */
export const inProd = (r: Pick<StackResource, "urn" | "props">): boolean =>
    PROD_STACK.test(r.urn) || at(r.props, "tags", "Profile") === "prod";

/** Whether the stack (any of its resources) is production. */
export const stackInProd = (resources: readonly Pick<StackResource, "urn" | "props">[]): boolean => resources.some(inProd);

/** The prod profile's floors (and ceilings), key by key as lib/config names them. */
export const PROD_PROFILE = {
    /** Days the daily recovery points are kept, at least. */
    backupDailyRetentionDays: 35,
    /** Days the monthly recovery points are kept, at least (a rule kept this long must exist). */
    backupMonthlyRetentionDays: 365,
    /** Vaults are locked. */
    backupVaultLock: true,
    /** The vault lock's minimum retention, at least. */
    backupVaultLockMinRetentionDays: 7,
    /** Days each trail file is locked (Object Lock default retention), at least. */
    auditLogObjectLockDays: 365,
    /** A standby in a second AZ. */
    dbMultiAz: true,
    /** Days of RDS automated backups, at least. */
    dbBackupRetentionDays: 30,
    /** GuardDuty protection plans on: Runtime Monitoring (with EC2 agent management), S3, Malware (EBS), RDS. */
    guardDutyRuntimeMonitoring: true,
    guardDutyS3Protection: true,
    guardDutyMalwareProtection: true,
    guardDutyRdsProtection: true,
    /** Inspector scans the account's EC2 instances. */
    enableInspector: true,
    /** Days after release before a patch is approved, at most. */
    patchApprovalDelayDays: 7,
    /** The least severe advisory approved: this one and every more severe one. */
    patchMinimumSeverity: "Medium",
} as const;

/** AL2023 advisory severities, most severe first (AWS Systems Manager: patch baseline SEVERITY values for AMAZON_LINUX_2023). */
export const PATCH_SEVERITY_ORDER = ["Critical", "Important", "Medium", "Low"] as const;

/** GuardDuty features the program turns on in every profile, with no switch (Lambda Protection, GuardDuty.6). */
export const GUARDDUTY_ALWAYS_ON = ["LAMBDA_NETWORK_LOGS"] as const;

/** The GuardDuty detector features (API names) each prod switch turns on. */
export const GUARDDUTY_FEATURE_OF = {
    guardDutyRuntimeMonitoring: "RUNTIME_MONITORING",
    guardDutyS3Protection: "S3_DATA_EVENTS",
    guardDutyMalwareProtection: "EBS_MALWARE_PROTECTION",
    guardDutyRdsProtection: "RDS_LOGIN_EVENTS",
} as const;
