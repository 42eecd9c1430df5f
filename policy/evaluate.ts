/**
 * Evaluates the pack outside the Pulumi engine: over the resources of an offline plan (what
 * `npm run plan` prints) or over any list of resources (what the tests build).
 */
import type { Plan } from "../tooling/mock-runtime/harness";
import { TAP_POLICIES } from "./pack";
import { ComplianceReport, PolicyStatus, PolicySubject, runRules } from "./run-rules";
import { TapPolicy } from "./types";

export { asStackResource, runRules } from "./run-rules";
export type { ComplianceReport, PolicyResult, PolicyStatus, PolicySubject, Violation } from "./run-rules";

/** Runs the pack (or the given policies) over the subjects. */
export function evaluate(subjects: readonly PolicySubject[], policies: readonly TapPolicy[] = TAP_POLICIES): ComplianceReport {
    return runRules(subjects, policies);
}

/** The planned resources as policy subjects: inputs for resource rules, the mock state (inputs + computed) for stack rules. */
export function subjectsOf(plan: Plan): PolicySubject[] {
    return plan.resources.map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        inputs: r.inputs,
        outputs: r.state,
        id: r.custom ? r.id : undefined,
        parent: r.parent,
        dependsOn: r.dependsOn,
        protect: r.protect,
    }));
}

/** The pack's verdict on an offline plan. */
export function evaluatePolicies(plan: Plan, policies: readonly TapPolicy[] = TAP_POLICIES): ComplianceReport {
    return evaluate(subjectsOf(plan), policies);
}

const STATUS_LABEL: Readonly<Record<PolicyStatus, string>> = { pass: "pass", fail: "FAIL", warn: "warn", "n/a": "n/a" };
const CONTROL_WIDTH = 40;

/** The compliance table (policy, control, status, offending resources), the violations, and a summary line. */
export function renderCompliance(report: ComplianceReport): string {
    const clip = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
    const rows = report.results.map((r) => [
        r.policy,
        clip(r.controls, CONTROL_WIDTH),
        STATUS_LABEL[r.status],
        [...new Set(r.violations.map((v) => v.resource))].join(", "),
    ]);
    const header = ["policy", "control", "status", "offending resources"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const line = (cells: string[]) => `  ${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ")}`.trimEnd();
    const lines = [`Policy pack ${report.pack} (${report.results.length} policies):`, line(header), ...rows.map(line)];

    const found = report.results.flatMap((r) => r.violations.map((v) => ({ r, v })));
    if (found.length > 0) {
        lines.push("", "Violations:");
        for (const { r, v } of found) {
            lines.push(`  ${r.enforcementLevel === "mandatory" ? "FAIL" : "warn"} ${r.policy}: ${v.resource}: ${v.message}`);
        }
    }
    const tally = (status: PolicyStatus) => report.results.filter((r) => r.status === status).length;
    lines.push(
        "",
        `Compliance: ${tally("pass")} pass, ${tally("fail")} fail, ${tally("warn")} warn, ${tally("n/a")} not applicable; ` +
            `${report.mandatoryViolations} mandatory violation(s), ${report.advisoryViolations} advisory`,
    );
    return lines.join("\n");
}
