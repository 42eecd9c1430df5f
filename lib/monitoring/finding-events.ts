/**
 * The findings the alert topic is told of, as data (no Pulumi): SecurityAlarms makes an EventBridge rule of
 * each; specs and the policy fixtures read them without loading the program.
 */

/**
 * Findings that notify the alert topic in every region, through EventBridge: GuardDuty findings
 * of high severity (7 and above), Config rules turning NON_COMPLIANT, AWS Backup jobs failing.
 */
export interface FindingEvent {
    readonly id: string;
    readonly description: string;
    readonly pattern: object;
    /**
     * Security Hub findings only: the rule's target is the acknowledging state machine
     * (finding-acknowledgement.ts), which publishes to the topic and marks the finding NOTIFIED, so
     * Security Hub's re-imports of it at each check are no news. @default false: the topic itself
     */
    readonly acknowledge?: boolean;
    /** Tags of the rule (a written pack waiver). @default none */
    readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A resource turning NON_COMPLIANT with one of the stack's Config rules: news only. Excluded are
 * Security Hub's service-linked rules (`securityhub-*`, one per control: Security Hub reports them,
 * with their severity, through its own rule) and an evaluation that was NON_COMPLIANT before
 * ("Config Rules Compliance Change" carries `oldEvaluationResult`, absent on a first evaluation;
 * AWS Config developer guide, "Example Compliance Change Notification").
 */
export const CONFIG_NONCOMPLIANT_PATTERN = {
    source: ["aws.config"],
    "detail-type": ["Config Rules Compliance Change"],
    detail: {
        configRuleName: [{ "anything-but": { prefix: "securityhub-" } }],
        newEvaluationResult: { complianceType: ["NON_COMPLIANT"] },
        $or: [
            { oldEvaluationResult: { complianceType: [{ "anything-but": "NON_COMPLIANT" }] } },
            { oldEvaluationResult: { complianceType: [{ exists: false }] } },
        ],
    },
} as const;

export const FINDING_EVENTS: readonly FindingEvent[] = [
    {
        id: "guardduty-high",
        description: "GuardDuty findings of high severity (GuardDuty.1: findings reach people)",
        pattern: { source: ["aws.guardduty"], "detail-type": ["GuardDuty Finding"], detail: { severity: [{ numeric: [">=", 7] }] } },
    },
    {
        id: "config-noncompliant",
        description: "AWS Config rules of the stack turning NON_COMPLIANT (news only; Security Hub's own rules alert through Security Hub)",
        pattern: CONFIG_NONCOMPLIANT_PATTERN,
    },
    // AWS Backup (lib/data/backup.ts, CP-9): a recovery point that was not taken or not copied.
    // EventBridge, not vault notifications: it reports copy jobs too, and publishes with the key's events grant.
    {
        id: "backup-job-failed",
        description: "AWS Backup jobs that failed, were aborted or expired before they ran",
        pattern: {
            source: ["aws.backup"],
            "detail-type": ["Backup Job State Change"],
            detail: { state: ["FAILED", "ABORTED", "EXPIRED"] },
        },
    },
    {
        id: "backup-copy-failed",
        description: "AWS Backup copy jobs (into the next region's vault) that failed",
        pattern: { source: ["aws.backup"], "detail-type": ["Copy Job State Change"], detail: { state: ["FAILED"] } },
    },
];
