/**
 * Runs rules over resources, outside the Pulumi engine: the evaluation itself, with no rule list of
 * its own, so a rule that weighs the other rules' results (policy/rules/security-hub-expected.ts)
 * can run them without importing the pack that lists it. policy/evaluate.ts runs the pack.
 */
import { EnforcementLevel, isStackPolicy, POLICY_PACK_NAME, Props, StackResource, TapPolicy } from "./types";

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

/** Runs each of `policies` over the subjects (the pack's own list is policy/evaluate.ts's default). */
export function runRules(subjects: readonly PolicySubject[], policies: readonly TapPolicy[]): ComplianceReport {
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
            : subjects.flatMap((s) =>
                  policy.validateResource({ type: s.type, name: s.name, props: s.inputs }).map((m) => violation(s.urn, m)),
              );
        const status: PolicyStatus =
            violations.length > 0 ? (policy.enforcementLevel === "mandatory" ? "fail" : "warn") : examined > 0 ? "pass" : "n/a";
        return { policy: policy.name, controls: policy.controls, enforcementLevel: policy.enforcementLevel, status, examined, violations };
    });
    const count = (level: EnforcementLevel) =>
        results.filter((r) => r.enforcementLevel === level).reduce((n, r) => n + r.violations.length, 0);
    return { pack: POLICY_PACK_NAME, results, mandatoryViolations: count("mandatory"), advisoryViolations: count("advisory") };
}
