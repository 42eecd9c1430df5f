/**
 * Questions the tests ask of a plan (plain data): no Pulumi loads with them, so a test of the CLI's
 * output (program.test.ts) reads its JSON plan without loading the program. test/support.ts
 * re-exports them beside the planning helpers for the stack specs.
 */
import type { Plan, PlannedResource } from "../tooling/mock-runtime/harness";

/** The stack outputs the optional web and data tiers add (absent where the tier is off). */
export const TIER_OUTPUTS = ["albDnsName", "albArn", "webAclArn", "dbEndpoint", "dbSecretArn"];

/** The resources of one type, in registration order. */
export function ofType(plan: Plan, type: string): PlannedResource[] {
    return plan.resources.filter((r) => r.type === type);
}

/** The resources the provider manages (custom), without the components. */
export const managed = (plan: Plan): PlannedResource[] => plan.resources.filter((r) => r.custom);

/** The logical names of `resources`, sorted. */
export const names = (resources: readonly PlannedResource[]): string[] => resources.map((r) => r.name).sort();

/** The list, after asserting it is not empty: a loop over resources must not pass by finding none. */
export function nonEmpty<T>(items: readonly T[]): readonly T[] {
    expect(items.length).toBeGreaterThan(0);
    return items;
}

/** The one resource of `type` whose logical name ends with `suffix`; fails when there is not exactly one. */
export function one(plan: Plan, type: string, suffix = ""): PlannedResource {
    const found = plan.resources.filter((r) => r.type === type && r.name.endsWith(suffix));
    if (found.length !== 1)
        throw new Error(`expected one ${type} named *${suffix}, found ${found.map((r) => r.name).join(", ") || "none"}`);
    return found[0];
}

/** The resource whose physical id or ARN is `ref` (how one resource points at another). */
export function byRef(plan: Plan, ref: unknown): PlannedResource {
    const found = plan.resources.find((r) => r.custom && (r.id === ref || r.state.arn === ref));
    if (!found) throw new Error(`no planned resource has id or ARN ${String(ref)}`);
    return found;
}

/** Parses a JSON policy document input (as `pulumi.jsonStringify` produced it). */
export function policyDocument(value: unknown): { Statement: Array<Record<string, unknown>> } {
    return JSON.parse(String(value)) as { Statement: Array<Record<string, unknown>> };
}

/** Every key of every resource's inputs, nested objects and arrays included, with its value. */
export function inputEntries(plan: Plan): Array<{ resource: string; type: string; key: string; value: unknown }> {
    const found: Array<{ resource: string; type: string; key: string; value: unknown }> = [];
    const walk = (r: PlannedResource, value: unknown) => {
        if (Array.isArray(value)) value.forEach((v) => walk(r, v));
        else if (value && typeof value === "object") {
            for (const [key, v] of Object.entries(value)) {
                found.push({ resource: r.name, type: r.type, key, value: v });
                walk(r, v);
            }
        }
    };
    for (const r of plan.resources) walk(r, r.inputs);
    return found;
}
