/**
 * The shapes the tap-security rules are written against. A rule is a plain function: the
 * CrossGuard pack (`policy/serve-pack.ts`), the offline plan and the tests all call the same one.
 */

/** A resource's properties, keyed by their @pulumi/aws v7 names. A value not known yet (during a preview) is `UNKNOWN`. */
export type Props = Readonly<Record<string, unknown>>;

/** One resource as a resource rule sees it: its inputs as the provider receives them (CrossGuard `args.props`, the plan's `inputs`). */
export interface ResourceArgs {
    readonly type: string;
    readonly name: string;
    readonly props: Props;
}

/** One resource as a stack rule sees it. */
export interface StackResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** Outputs: inputs plus what the provider computes (CrossGuard's stack `props`; the plan's `state`). */
    readonly props: Props;
    /** The physical id, when known (the plan: always; CrossGuard: once created, else `UNKNOWN` or absent). */
    readonly id?: unknown;
    /** URN of the parent resource. */
    readonly parent?: string;
    /** URNs of the resources this one waits for (the plan: `dependsOn`; CrossGuard: every dependency). */
    readonly dependsOn: readonly string[];
    /** Per property, the URNs of the resources its value came from (CrossGuard only; absent in the plan). */
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
    /** Pulumi's `protect` (CrossGuard: `opts.protect`; the plan: the harness's record). @default false */
    readonly protect?: boolean;
}

/** A stack rule's finding: the offending resource and what is wrong with it. */
export interface StackViolation {
    readonly urn: string;
    readonly message: string;
}

export type EnforcementLevel = "mandatory" | "advisory";

/** Mandatory unless there is a stated reason to only warn. */
type Enforcement =
    | { readonly enforcementLevel: "mandatory" }
    | { readonly enforcementLevel: "advisory"; /** Why this control only warns. */ readonly advisoryReason: string };

interface PolicyInfo {
    /** Unique, kebab-case: the name CrossGuard reports and `--policy-pack-config` keys on. */
    readonly name: string;
    /** The controls implemented: CIS AWS Foundations Benchmark v3.0 sections, Security Hub FSBP ids, or the seed failure prevented. */
    readonly controls: string;
    /** What is checked, in one sentence. */
    readonly description: string;
    /** The resource types the policy examines: it is "not applicable" to a stack without any. */
    readonly resourceTypes: readonly string[];
}

export type ResourcePolicy = PolicyInfo &
    Enforcement & {
        /** Violation messages for one resource (none: compliant, or not a type this policy examines). */
        readonly validateResource: (resource: ResourceArgs) => string[];
    };

export type StackPolicy = PolicyInfo &
    Enforcement & {
        /** Violations found in the relations between the stack's resources. */
        readonly validateStack: (resources: readonly StackResource[]) => StackViolation[];
    };

export type TapPolicy = ResourcePolicy | StackPolicy;

export function isStackPolicy(policy: TapPolicy): policy is StackPolicy {
    return "validateStack" in policy;
}

/**
 * Builds a resource policy whose rule only ever sees the listed types: `check` gets the
 * resource's props and type and returns violation messages.
 */
export function resourcePolicy(
    spec: PolicyInfo & Enforcement & { readonly check: (props: Props, type: string) => string[] },
): ResourcePolicy {
    const { check, ...info } = spec;
    return {
        ...info,
        validateResource: (r) =>
            spec.resourceTypes.includes(r.type) && waiverOf(r.props, spec.name) === undefined ? check(r.props, r.type) : [],
    };
}

/** The tag that waives one resource policy for one resource: `tap:waive:<policy name>`. */
export const WAIVER_TAG_PREFIX = "tap:waive:";
/** The shortest reason a waiver may give: a sentence, not a token. */
export const WAIVER_REASON_MIN = 30;

/**
 * The written reason a resource is exempt from one resource policy (as cdk-nag's suppressions:
 * the reason sits in the code, is reviewed like any change, and shows in the plan's inputs), or
 * undefined. A tag without a reason of WAIVER_REASON_MIN characters waives nothing.
 */
export function waiverOf(props: Props, policy: string): string | undefined {
    const tags = props.tags;
    const reason =
        tags !== null && typeof tags === "object" ? (tags as Record<string, unknown>)[`${WAIVER_TAG_PREFIX}${policy}`] : undefined;
    return typeof reason === "string" && reason.trim().length >= WAIVER_REASON_MIN ? reason : undefined;
}

/** The description CrossGuard shows: what is checked, the controls, and why it only warns when it does. */
export function fullDescription(policy: TapPolicy): string {
    const reason = policy.enforcementLevel === "advisory" ? ` Advisory: ${policy.advisoryReason}` : "";
    return `${policy.description} [${policy.controls}]${reason}`;
}

/** The pack's name, as Pulumi's policy runner and the reports show it. */
export const POLICY_PACK_NAME = "tap-security";
