/**
 * The findings of the continuous-detection services that reach the region's alert topic through
 * EventBridge, beside GuardDuty's and Config's (security-alarms.ts). No Pulumi in here: the tests
 * and the post-deploy checks read the same patterns.
 */
import type { FindingEvent } from "../monitoring/finding-events";

/**
 * Security Hub's control findings of severity HIGH or CRITICAL that are news: failing, active and
 * not yet acknowledged. Security Hub sends every new finding and every update of one ("Security
 * Hub CSPM automatically sends all new findings and all updates to existing findings to
 * EventBridge", Security Hub user guide, "Using EventBridge for automated response and
 * remediation"), re-evaluations included. Workflow.Status is NEW when a finding is created, and
 * Security Hub sets it back to NEW from NOTIFIED or RESOLVED when "the compliance status changes
 * from PASSED to either WARNING, FAILED, or NOT_AVAILABLE" or "the record state changes from
 * ARCHIVED to ACTIVE" (Security Hub API reference, Workflow): NEW is news until someone marks the
 * finding NOTIFIED (or RESOLVED, SUPPRESSED).
 * Only Security Hub's own findings (ProductName "Security Hub"): GuardDuty's, Inspector's and
 * Access Analyzer's reach the topic through their own rules, and would come twice.
 * `acknowledge`: the rule's target marks each finding it alerts on NOTIFIED (lib/monitoring/finding-acknowledgement.ts),
 * so no one has to for its re-evaluations to stay quiet.
 */
export const SECURITY_HUB_FINDINGS: FindingEvent = {
    id: "securityhub-high",
    description:
        "Security Hub control findings of severity HIGH or CRITICAL: newly failing, active, not yet acknowledged (CIS 4.16: findings reach people)",
    pattern: {
        source: ["aws.securityhub"],
        "detail-type": ["Security Hub Findings - Imported"],
        detail: {
            findings: {
                ProductName: ["Security Hub"],
                Severity: { Label: ["HIGH", "CRITICAL"] },
                Compliance: { Status: ["FAILED"] },
                Workflow: { Status: ["NEW"] },
                RecordState: ["ACTIVE"],
            },
        },
    },
    acknowledge: true,
};

/**
 * IAM Access Analyzer findings that are active: a resource reachable from outside the account
 * (CIS 1.20). Access Analyzer sends an event when it generates a finding and when a finding's
 * status changes; an archived or resolved one, or a deleted one (`isDeleted`), is no news.
 */
export const ACCESS_ANALYZER_FINDINGS: FindingEvent = {
    id: "access-analyzer-active",
    description: "IAM Access Analyzer active findings: a resource reachable from outside the account (CIS 1.20)",
    pattern: {
        source: ["aws.access-analyzer"],
        "detail-type": ["Access Analyzer Finding"],
        detail: { status: ["ACTIVE"], $or: [{ isDeleted: [false] }, { isDeleted: [{ exists: false }] }] },
    },
};

/** Amazon Inspector findings of severity CRITICAL that are active. */
export const INSPECTOR_FINDINGS: FindingEvent = {
    id: "inspector-critical",
    description: "Amazon Inspector active findings of severity CRITICAL (Inspector.1)",
    pattern: { source: ["aws.inspector2"], "detail-type": ["Inspector2 Finding"], detail: { severity: ["CRITICAL"], status: ["ACTIVE"] } },
};

/** Why a Security Hub rule that does not acknowledge is accepted (tap:acknowledgeSecurityHubAlerts false): the pack's waiver tag. */
export const UNACKNOWLEDGED_WAIVER = {
    "tap:waive:security-hub-alerts-acknowledge":
        "tap:acknowledgeSecurityHubAlerts is false: findings are marked NOTIFIED outside the stack (docs/detection.md)",
};

/**
 * The detection findings a region alerts on: Inspector's only where Inspector scans, and Security
 * Hub's only where the region's findings are not aggregated into another region's hub. The
 * finding aggregator copies a linked region's findings into the aggregation region, where they
 * are imported (and sent to EventBridge) again: alerting in both would send each twice.
 * `acknowledge` false (tap:acknowledgeSecurityHubAlerts): Security Hub's rule targets the topic, with its waiver.
 */
export function detectionFindingEvents(
    enableInspector: boolean,
    securityHubAggregatedElsewhere = false,
    acknowledge = true,
): FindingEvent[] {
    const securityHub: FindingEvent = acknowledge
        ? SECURITY_HUB_FINDINGS
        : { ...SECURITY_HUB_FINDINGS, acknowledge: false, tags: UNACKNOWLEDGED_WAIVER };
    return [
        ...(securityHubAggregatedElsewhere ? [] : [securityHub]),
        ACCESS_ANALYZER_FINDINGS,
        ...(enableInspector ? [INSPECTOR_FINDINGS] : []),
    ];
}
