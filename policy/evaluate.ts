/**
 * Evaluates the pack outside the Pulumi engine: over the resources of an offline plan (what
 * `npm run plan` prints) or over any list of resources (what the tests build).
 */
import type { Plan } from "../tooling/mock-runtime/harness";
import { POLICY_PACK_NAME, TAP_POLICIES } from "./pack";
import { EnforcementLevel, isStackPolicy, Props, StackResource, TapPolicy } from "./types";

/** A resource to evaluate: resource rules read its inputs, stack rules its outputs. */
export interface PolicySubject {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** As the provider receives them: what resource rules read. */
    readonly inputs: Props;
    /** Inputs plus computed attributes: what stack rules read. @default inputs */
    readonly outputs?: Props;
    readonly id?: unknown;
    readonly parent?: string;
    /** @default [] */
    readonly dependsOn?: readonly string[];
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
    /** Pulumi's `protect` option. @default false */
    readonly protect?: boolean;
}

export interface Violation {
    /** Logical name of the offending resource. */
    readonly resource: string;
    readonly type: string;
    readonly urn: string;
    readonly message: string;
}

/** `pass`: examined, compliant; `fail`: a mandatory violation; `warn`: an advisory one; `n/a`: nothing to examine. */
export type PolicyStatus = "pass" | "fail" | "warn" | "n/a";

export interface PolicyResult {
    readonly policy: string;
    readonly controls: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly status: PolicyStatus;
    /** How many resources of the policy's types the stack has. */
    readonly examined: number;
    readonly violations: readonly Violation[];
}

export interface ComplianceReport {
    readonly pack: string;
    readonly results: readonly PolicyResult[];
    readonly mandatoryViolations: number;
    readonly advisoryViolations: number;
}

/** Runs every policy over the subjects. */
/** A subject as a stack rule sees it: its outputs (inputs plus what the provider computes). */
export function asStackResource(subject: PolicySubject): StackResource {
    return {
        urn: subject.urn,
        type: subject.type,
        name: subject.name,
        props: subject.outputs ?? subject.inputs,
        id: subject.id,
        parent: subject.parent,
        dependsOn: subject.dependsOn ?? [],
        propertyDependencies: subject.propertyDependencies,
        protect: subject.protect ?? false,
    };
}

export function evaluate(subjects: readonly PolicySubject[], policies: readonly TapPolicy[] = TAP_POLICIES): ComplianceReport {
    const byUrn = new Map(subjects.map((s) => [s.urn, s]));
    const stackResources: StackResource[] = subjects.map(asStackResource);
    const violation = (urn: string, message: string): Violation => {
        const subject = byUrn.get(urn);
        return { resource: subject?.name ?? urn, type: subject?.type ?? "", urn, message };
    };
    const results = policies.map((policy): PolicyResult => {
        const examined = subjects.filter((s) => policy.resourceTypes.includes(s.type)).length;
        const violations = isStackPolicy(policy)
            ? policy.validateStack(stackResources).map((v) => violation(v.urn, v.message))
            : subjects.flatMap((s) => policy.validateResource({ type: s.type, name: s.name, props: s.inputs }).map((m) => violation(s.urn, m)));
        const status: PolicyStatus = violations.length > 0
            ? (policy.enforcementLevel === "mandatory" ? "fail" : "warn")
            : (examined > 0 ? "pass" : "n/a");
        return { policy: policy.name, controls: policy.controls, enforcementLevel: policy.enforcementLevel, status, examined, violations };
    });
    const count = (level: EnforcementLevel) => results
        .filter((r) => r.enforcementLevel === level)
        .reduce((n, r) => n + r.violations.length, 0);
    return { pack: POLICY_PACK_NAME, results, mandatoryViolations: count("mandatory"), advisoryViolations: count("advisory") };
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
    lines.push("", `Compliance: ${tally("pass")} pass, ${tally("fail")} fail, ${tally("warn")} warn, ${tally("n/a")} not applicable; ` +
        `${report.mandatoryViolations} mandatory violation(s), ${report.advisoryViolations} advisory`);
    return lines.join("\n");
}
