/**
 * The findings of the continuous-detection services that reach the region's alert topic through
 * EventBridge, beside GuardDuty's and Config's (security-alarms.ts). No Pulumi in here: the tests
 * and the post-deploy checks read the same patterns.
 */
import type { FindingEvent } from "./security-alarms";

/** Security Hub findings of severity HIGH or CRITICAL, new (not suppressed, not notified) and active. */
export const SECURITY_HUB_FINDINGS: FindingEvent = {
    id: "securityhub-high",
    description: "Security Hub findings of severity HIGH or CRITICAL, new and active (CIS 4.16: findings reach people)",
    pattern: {
        source: ["aws.securityhub"],
        "detail-type": ["Security Hub Findings - Imported"],
        detail: { findings: { Severity: { Label: ["HIGH", "CRITICAL"] }, Workflow: { Status: ["NEW"] }, RecordState: ["ACTIVE"] } },
    },
};

/** IAM Access Analyzer findings that are active: a resource shared outside the account (CIS 1.20). */
export const ACCESS_ANALYZER_FINDINGS: FindingEvent = {
    id: "access-analyzer-active",
    description: "IAM Access Analyzer active findings: a resource reachable from outside the account (CIS 1.20)",
    pattern: { source: ["aws.access-analyzer"], "detail-type": ["Access Analyzer Finding"], detail: { status: ["ACTIVE"] } },
};

/** Amazon Inspector findings of severity CRITICAL that are active. */
export const INSPECTOR_FINDINGS: FindingEvent = {
    id: "inspector-critical",
    description: "Amazon Inspector active findings of severity CRITICAL (Inspector.1)",
    pattern: { source: ["aws.inspector2"], "detail-type": ["Inspector2 Finding"], detail: { severity: ["CRITICAL"], status: ["ACTIVE"] } },
};

/** The detection findings a region alerts on: Inspector's only where Inspector scans. */
export function detectionFindingEvents(enableInspector: boolean): FindingEvent[] {
    return [SECURITY_HUB_FINDINGS, ACCESS_ANALYZER_FINDINGS, ...(enableInspector ? [INSPECTOR_FINDINGS] : [])];
}
