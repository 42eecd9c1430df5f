/**
 * Adapts the plain rules to Pulumi CrossGuard (@pulumi/policy). CrossGuard hands a rule its
 * props through a proxy that throws `UnknownValueError` on any value not known during a
 * preview (and would turn the whole policy into a "can't run during preview" note); the
 * adapter copies the props into plain data with such values as `UNKNOWN`, which the rules
 * never flag. Stack resources come with their dependencies as resource objects: mapped to URNs.
 *
 * Importing this module starts nothing: only `new PolicyPack(...)` (in policy/serve-pack.ts) serves.
 */
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy, UnknownValueError } from "@pulumi/policy";
import { TAP_POLICIES } from "./pack";
import { fullDescription, isStackPolicy, Props, StackResource, TapPolicy } from "./types";
import { UNKNOWN } from "./values";

/** Reads `container[key]`, turning CrossGuard's unknown-value error into `UNKNOWN`. */
function read(container: unknown, key: string | number): unknown {
    try {
        return plain((container as Record<string | number, unknown>)[key]);
    } catch (err) {
        if (err instanceof UnknownValueError) return UNKNOWN;
        throw err;
    }
}

/** A deep plain copy of CrossGuard props, unknown values as `UNKNOWN`. */
export function plain(value: unknown): unknown {
    if (Array.isArray(value)) return Array.from({ length: value.length }, (_, i) => read(value, i));
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.keys(value).map((key) => [key, read(value, key)]));
    }
    return value;
}

/** A CrossGuard stack resource as the stack rules see it. */
export function toStackResource(r: PolicyResource): StackResource {
    const props = plain(r.props) as Props;
    return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        props,
        id: props.id,
        parent: r.parent?.urn,
        dependsOn: r.dependencies.map((d) => d.urn),
        propertyDependencies: Object.fromEntries(
            Object.entries(r.propertyDependencies ?? {}).map(([key, deps]) => [key, deps.map((d) => d.urn)]),
        ),
        protect: r.opts?.protect === true,
    };
}

/** One tap policy as a CrossGuard policy, with its enforcement level and its controls in the description. */
export function toCrossGuard(policy: TapPolicy): ResourceValidationPolicy | StackValidationPolicy {
    const info = { name: policy.name, description: fullDescription(policy), enforcementLevel: policy.enforcementLevel };
    if (isStackPolicy(policy)) {
        return {
            ...info,
            validateStack: (args, reportViolation) => {
                for (const v of policy.validateStack(args.resources.map(toStackResource))) reportViolation(v.message, v.urn);
            },
        };
    }
    return {
        ...info,
        validateResource: (args, reportViolation) => {
            if (!policy.resourceTypes.includes(args.type)) return;
            const props = plain(args.props) as Props;
            for (const message of policy.validateResource({ type: args.type, name: args.name, props })) reportViolation(message);
        },
    };
}

/** The whole pack, for `new PolicyPack(...)`. */
export function crossGuardPolicies(policies: readonly TapPolicy[] = TAP_POLICIES): Array<ResourceValidationPolicy | StackValidationPolicy> {
    return policies.map(toCrossGuard);
}
