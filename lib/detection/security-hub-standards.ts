/**
 * Security Hub vocabulary without Pulumi in it: the standards the stack subscribes to, and the
 * control waivers (a control id disabled in named standards, always with a written reason).
 * The config (lib/config), the offline plan and the post-deploy checks read it too.
 */

/** The standards the stack can subscribe to, by the short name waivers use. */
export const SECURITY_HUB_STANDARDS = {
    /** CIS AWS Foundations Benchmark v3.0.0: always. */
    cis: "cis-aws-foundations-benchmark/v/3.0.0",
    /** AWS Foundational Security Best Practices v1.0.0: always. */
    fsbp: "aws-foundational-security-best-practices/v/1.0.0",
    /** NIST SP 800-53 Rev. 5: with tap:enableSecurityHubNist. */
    nist: "nist-800-53/v/5.0.0",
} as const;

export type SecurityHubStandard = keyof typeof SECURITY_HUB_STANDARDS;
export const SECURITY_HUB_STANDARD_NAMES = Object.keys(SECURITY_HUB_STANDARDS) as [SecurityHubStandard, ...SecurityHubStandard[]];

/** The standards subscribed in every region: CIS v3.0.0 and FSBP always (CIS 4.16), NIST 800-53 r5 by switch. */
export function subscribedStandards(enableSecurityHubNist: boolean): SecurityHubStandard[] {
    return enableSecurityHubNist ? ["cis", "fsbp", "nist"] : ["cis", "fsbp"];
}

/** The ARN of a standard in a region (commercial partition), as StandardsSubscription takes it. */
export function standardsArn(region: string, standard: SecurityHubStandard): string {
    return `arn:aws:securityhub:${region}::standards/${SECURITY_HUB_STANDARDS[standard]}`;
}

/** The standard an ARN names, whatever its region; undefined for a standard the stack does not know. */
export function standardOfArn(arn: string): SecurityHubStandard | undefined {
    return SECURITY_HUB_STANDARD_NAMES.find((s) => arn.endsWith(`::standards/${SECURITY_HUB_STANDARDS[s]}`));
}

/** A Security Hub (consolidated) control id: `S3.17`, `EC2.6`, `CloudTrail.7`. */
export const CONTROL_ID = /^[A-Za-z][A-Za-z0-9]*\.\d{1,3}$/;
/** The shortest reason accepted: a sentence, not "n/a". */
export const WAIVER_REASON_MIN = 10;
/** Security Hub's limit on a control association's UpdatedReason. */
export const WAIVER_REASON_MAX = 512;

/** One waived control: disabled in `standards`, for `reason`. */
export interface ControlWaiver {
    readonly reason: string;
    readonly standards: readonly SecurityHubStandard[];
}

/** Waivers by control id. */
export type ControlWaivers = Readonly<Record<string, ControlWaiver>>;

/**
 * Reads waivers from their JSON form (`{"S3.17": {"reason": "...", "standards": ["nist"]}}`) into
 * problems, each naming the control id and what is wrong, or the waivers. Which standards hold a
 * control differs per control (S3.17 is NIST only; IAM.18 CIS only), so each waiver names them.
 */
export function parseControlWaivers(json: unknown): { waivers: ControlWaivers; problems: string[] } {
    const problems: string[] = [];
    if (json === null || typeof json !== "object" || Array.isArray(json)) {
        return {
            waivers: {},
            problems: [
                'must be an object from control id to {"reason": "...", "standards": [...]}, e.g. {"S3.17": {"reason": "S3 delivers server access logs to SSE-S3 buckets only", "standards": ["nist"]}}',
            ],
        };
    }
    const waivers: Record<string, ControlWaiver> = {};
    for (const [id, value] of Object.entries(json)) {
        if (!CONTROL_ID.test(id)) problems.push(`${JSON.stringify(id)} is not a Security Hub control id (e.g. S3.17, EC2.6)`);
        const entry = value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
        const reason = typeof entry.reason === "string" ? entry.reason.trim() : "";
        if (reason.length < WAIVER_REASON_MIN) {
            problems.push(
                `${id} has no reason: a waiver says why the control cannot pass (at least ${WAIVER_REASON_MIN} characters in "reason")`,
            );
        } else if (reason.length > WAIVER_REASON_MAX) {
            problems.push(`${id}: the reason is ${reason.length} characters, Security Hub keeps at most ${WAIVER_REASON_MAX}`);
        }
        const standards = Array.isArray(entry.standards) ? entry.standards : [];
        const unknown = standards.filter((s) => !SECURITY_HUB_STANDARD_NAMES.includes(s as SecurityHubStandard));
        if (standards.length === 0 || unknown.length > 0) {
            problems.push(
                `${id}: "standards" must list the standards to disable it in, from ${SECURITY_HUB_STANDARD_NAMES.join(", ")}${unknown.length ? ` (not ${unknown.map((s) => JSON.stringify(s)).join(", ")})` : ""}`,
            );
        }
        waivers[id] = { reason, standards: [...new Set(standards as SecurityHubStandard[])] };
    }
    return { waivers, problems };
}

/** The waivers as lines (`S3.17 in nist: reason`), sorted by control id: what the plan and verify print. */
export function waiverLines(waivers: ControlWaivers): string[] {
    return Object.keys(waivers)
        .sort()
        .map((id) => `${id} in ${waivers[id].standards.join(", ")}: ${waivers[id].reason}`);
}
