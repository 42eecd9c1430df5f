/**
 * The Security Hub result a plan should get (issue 25): for every CIS v3.0.0 and FSBP control of
 * policy/securityhub/controls.json, whether the stack is expected to pass it (the pack rules that
 * cite it pass, or its predictor in predictors.ts finds nothing), fail it (one of them fails or
 * warns, or the predictor finds something), has waived it (a planned
 * StandardsControlAssociation disables it with a reason), leaves it to the account (LEFT_TO_ACCOUNT,
 * with the reason it cannot be predicted offline), or evaluates nothing the stack plans.
 */
import controlData from "./controls.json";
import { PREDICTORS, STRICTER_PREDICTORS } from "./predictors";
import { EVALUATES } from "./scope";
import type { PolicyResult } from "../run-rules";
import type { StackResource } from "../types";

export type ControlStandard = "cis" | "fsbp";
export const CONTROL_STANDARDS: readonly ControlStandard[] = ["cis", "fsbp"];
export const STANDARD_NAMES: Readonly<Record<ControlStandard, string>> = controlData.standards;
/** The ARN tail of each standard's subscription. */
const STANDARD_TAILS: Readonly<Record<ControlStandard, string>> = {
    cis: "standards/cis-aws-foundations-benchmark/v/3.0.0",
    fsbp: "standards/aws-foundational-security-best-practices/v/1.0.0",
};

export interface ControlDefinition {
    readonly id: string;
    readonly title: string;
    readonly severity: string;
    readonly standards: readonly ControlStandard[];
}

export const CONTROLS: readonly ControlDefinition[] = controlData.controls as ControlDefinition[];
export const CONTROL_SOURCE = `${controlData.source}, retrieved ${controlData.retrieved}`;

/**
 * Controls in a stack's scope that no rule can predict offline: they evaluate the account's state
 * outside the stack (root user, IAM users, settings tap does not manage) or what only exists after
 * the deployment has run (snapshots, usage, rotations). `npm run verify` and Security Hub report them.
 */
export const LEFT_TO_ACCOUNT: Readonly<Record<string, string>> = {
    "Account.1": "the account's alternate security contact is set in Account Management, outside any stack",
    "EC2.1": "EBS snapshots the stack never takes: public sharing of any snapshot of the account",
    "EC2.4": "how long an instance stays stopped is only known at run time",
    "EC2.182": "EBS snapshots the stack never takes: the account's block public access for snapshots",
    "IAM.2": "IAM users are managed outside the stack (tap creates roles and groups only)",
    "IAM.3": "access keys of IAM users outside the stack",
    "IAM.4": "the root user's access keys",
    "IAM.5": "console passwords and MFA of IAM users outside the stack",
    "IAM.6": "the root user's hardware MFA",
    "IAM.8": "IAM user credentials outside the stack, unused over time",
    "IAM.9": "the root user's MFA",
    "IAM.18": "a role with AWSSupportAccess exists only with tap:enableAccess (the support role), else it is the account's",
    "IAM.22": "IAM user credentials outside the stack, unused for 45 days",
    "IAM.26": "server certificates in IAM, which the stack never uploads",
    "IAM.27": "every identity of the account, most of them outside the stack",
    "Macie.1": "Amazon Macie is not managed by tap: enabled or not by the account (docs/detection.md)",
    "Macie.2": "Amazon Macie automated sensitive data discovery is not managed by tap",
    "RDS.1": "DB snapshots are taken at run time; public sharing is an account action",
    "RDS.4": "DB snapshots are taken at run time (encrypted with the instance's key, RDS.3)",
    "RDS.19": "RDS event subscriptions are the account's (tap plans none); the control passes when none exists",
    "RDS.20": "RDS event subscriptions are the account's (tap plans none); the control passes when none exists",
    "RDS.21": "an account-wide RDS event subscription for parameter group events: the account's, not a stack's",
    "RDS.22": "an account-wide RDS event subscription for security group events: the account's, not a stack's",
    "S3.1": "account-level S3 Block Public Access is an account setting (each bucket of the stack blocks public access itself: S3.8)",
    "SecretsManager.2": "whether a rotation succeeded is only known at run time",
    "SecretsManager.3": "whether the secret is read within 90 days depends on its users",
    "SSM.2": "patch compliance of the running instances after each patch window: run time (npm run verify, patch check)",
    "SSM.3": "association compliance of the running instances: run time (npm run verify)",
    "SSM.6": "SSM Automation's CloudWatch logging is an account setting tap does not manage",
    "SSM.7": "SSM documents' block public sharing is an account setting tap does not manage",
    "S3.20": "MFA delete can only be turned on by the root user with an MFA device (S3 user guide, 'Configuring MFA delete'): no stack can",
};

export type ExpectedStatus = "pass" | "fail" | "waived" | "left" | "n/a" | "unaccounted";

export interface ExpectedControl {
    readonly id: string;
    readonly title: string;
    readonly severity: string;
    readonly standard: ControlStandard;
    readonly status: ExpectedStatus;
    /** Why: the pack rules and their findings, the waiver's reason, the reason it is left to the account. */
    readonly why: string;
}

const ID = /\b([A-Za-z][A-Za-z0-9]*\.\d{1,3})\b/g;
const KNOWN = new Set(CONTROLS.map((c) => c.id));

/** The control ids a policy's `controls` text cites, among those of the data. */
export function citedControls(controls: string): string[] {
    return [...controls.matchAll(ID)].map((m) => m[1]).filter((id) => KNOWN.has(id));
}

/** The expected result of every control of both standards, for a plan's resources and the pack's results on them. */
export function expectedResult(resources: readonly StackResource[], results: readonly PolicyResult[]): ExpectedControl[] {
    const planned = new Set(resources.map((r) => r.type));
    const subscriptions = resources.filter((r) => r.type === "aws:securityhub/standardsSubscription:StandardsSubscription");
    const subscribed = (s: ControlStandard) => subscriptions.some((r) => String(r.props.standardsArn).endsWith(STANDARD_TAILS[s]));
    const waivers = resources.filter(
        (r) =>
            r.type === "aws:securityhub/standardsControlAssociation:StandardsControlAssociation" &&
            r.props.associationStatus === "DISABLED",
    );
    const citing = new Map<string, PolicyResult[]>();
    // The rule that reports this expectation (securityhub-expected-result) cites the predictors' controls: not a prediction of its own.
    for (const r of results.filter((x) => x.policy !== "securityhub-expected-result"))
        for (const id of citedControls(r.controls)) citing.set(id, [...(citing.get(id) ?? []), r]);

    return CONTROLS.flatMap((c) =>
        c.standards
            .filter((s) => CONTROL_STANDARDS.includes(s))
            .map((standard): ExpectedControl => {
                const base = { id: c.id, title: c.title, severity: c.severity, standard };
                const evaluates = EVALUATES[c.id];
                const inScope =
                    subscribed(standard) && evaluates !== undefined && (evaluates === "account" || evaluates.some((t) => planned.has(t)));
                if (!inScope)
                    return {
                        ...base,
                        status: "n/a",
                        why: subscribed(standard)
                            ? "evaluates no resource type the stack plans"
                            : `the stack does not subscribe ${STANDARD_NAMES[standard]}`,
                    };
                const waiver = waivers.find(
                    (w) => w.props.securityControlId === c.id && String(w.props.standardsArn).endsWith(STANDARD_TAILS[standard]),
                );
                if (waiver) return { ...base, status: "waived", why: String(waiver.props.updatedReason) };
                const examined = (citing.get(c.id) ?? []).filter((r) => r.examined > 0 || r.violations.length > 0);
                if (examined.length > 0) {
                    const failing = examined.filter((r) => r.status === "fail" || r.status === "warn");
                    if (failing.length > 0)
                        return {
                            ...base,
                            status: "fail",
                            why: failing
                                .map(
                                    (r) =>
                                        `${r.policy}: ${[...new Set(r.violations.map((v) => `${v.resource}: ${v.message}`))].join("; ")}`,
                                )
                                .join(" | "),
                        };
                    // Where the pack accepts by decision what Security Hub fails (STRICTER_PREDICTORS), Security Hub's view decides.
                    const stricter = STRICTER_PREDICTORS.find((p) => p.control === c.id)?.validate(resources) ?? [];
                    const name = (urn: string) => resources.find((r) => r.urn === urn)?.name ?? urn;
                    return stricter.length > 0
                        ? {
                              ...base,
                              status: "fail",
                              why: `${examined.map((r) => r.policy).join(", ")} accept it, Security Hub does not: ${[...new Set(stricter.map((v) => `${name(v.urn)}: ${v.message}`))].join("; ")}`,
                          }
                        : { ...base, status: "pass", why: examined.map((r) => r.policy).join(", ") };
                }
                const predictor = PREDICTORS.find((p) => p.control === c.id);
                if (predictor && resources.some((r) => predictor.types.includes(r.type))) {
                    const found = predictor.validate(resources);
                    const name = (urn: string) => resources.find((r) => r.urn === urn)?.name ?? urn;
                    return found.length > 0
                        ? { ...base, status: "fail", why: [...new Set(found.map((v) => `${name(v.urn)}: ${v.message}`))].join("; ") }
                        : { ...base, status: "pass", why: predictor.description };
                }
                const left = LEFT_TO_ACCOUNT[c.id];
                if (left) return { ...base, status: "left", why: left };
                if (evaluates === "account")
                    return {
                        ...base,
                        status: "left",
                        why: "an account control whose subject the stack does not plan (adopted, or managed outside the stack)",
                    };
                return {
                    ...base,
                    status: "unaccounted",
                    why: "no pack rule predicts it, no waiver, and it is not listed as left to the account",
                };
            }),
    );
}

const WAIVER = "aws:securityhub/standardsControlAssociation:StandardsControlAssociation";

/**
 * Waivers no longer needed: controls the stack waives that it is expected to pass (or that evaluate
 * nothing it plans) once the waiver is taken away. A stale waiver hides a control that would pass,
 * and would hide its regression.
 */
export function staleWaivers(resources: readonly StackResource[], results: readonly PolicyResult[]): ExpectedControl[] {
    const waived = expectedResult(resources, results).filter((e) => e.status === "waived");
    const without = expectedResult(
        resources.filter((r) => r.type !== WAIVER),
        results,
    );
    return waived
        .map((w) => without.find((e) => e.id === w.id && e.standard === w.standard)!)
        .filter((e) => e.status === "pass" || e.status === "n/a");
}

/** Counts per standard and status. */
export function tally(expected: readonly ExpectedControl[]): Record<ControlStandard, Record<ExpectedStatus, number>> {
    const zero = (): Record<ExpectedStatus, number> => ({ pass: 0, fail: 0, waived: 0, left: 0, "n/a": 0, unaccounted: 0 });
    const out = { cis: zero(), fsbp: zero() };
    for (const e of expected) out[e.standard][e.status]++;
    return out;
}

/** The plan's section: per standard, how many controls are expected to pass, fail, are waived or left to the account; then each failure. */
export function renderExpected(expected: readonly ExpectedControl[]): string {
    const t = tally(expected);
    const lines = ["Expected Security Hub result (policy/securityhub; controls from the AWS control reference):"];
    for (const standard of CONTROL_STANDARDS) {
        const counts = t[standard];
        lines.push(
            `  ${STANDARD_NAMES[standard]}: ${counts.pass} pass, ${counts.fail} fail, ${counts.waived} waived, ${counts.left} left to the account, ${counts["n/a"]} not applicable${counts.unaccounted ? `, ${counts.unaccounted} UNACCOUNTED` : ""}`,
        );
    }
    for (const e of expected.filter((x) => x.status === "fail" || x.status === "unaccounted")) {
        lines.push(`  ${e.status === "fail" ? "FAIL" : "UNACCOUNTED"} ${e.id} (${e.standard}, ${e.severity}) ${e.title}: ${e.why}`);
    }
    return lines.join("\n");
}
