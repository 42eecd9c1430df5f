/**
 * The URNs a deployed stack holds, in the engine's form, and the committed inventory of them.
 *
 * Pulumi's mock monitor writes a URN with only the immediate parent's type; the engine writes
 * the whole chain of parent types (`tap:index:TapStack$tap:index:RegionalStack$aws:ec2/vpc:Vpc`).
 * A resource moved between grandparents keeps its mock URN but changes its engine URN, which in a
 * deployed stack is a delete and a recreate: the inventory is kept in the engine's form.
 */
import { Plan, PlannedResource } from "../mock-runtime/harness";

/** The engine's URN of every resource of the plan (the root stack excluded), sorted. */
export function engineUrns(plan: Plan): string[] {
    return plan.resources.map((r) => engineUrn(plan, r)).sort();
}

/** `urn:pulumi:<stack>::<project>::<parent types joined by $>$<type>::<name>`. */
export function engineUrn(plan: Plan, resource: PlannedResource): string {
    return `urn:pulumi:${plan.stack}::${plan.project}::${qualifiedType(plan, resource)}::${resource.name}`;
}

function qualifiedType(plan: Plan, resource: PlannedResource): string {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const chain = [resource.type];
    for (let parent = resource.parent && byUrn.get(resource.parent); parent; parent = parent.parent && byUrn.get(parent.parent)) {
        chain.unshift(parent.type);
    }
    return chain.join("$");
}

/**
 * The inventory's URNs that the plan no longer has, neither as a URN nor as an alias of one of
 * its resources: each is a resource every deployed stack would delete (and recreate under its
 * new URN).
 */
export function lostUrns(inventory: readonly string[], plan: Plan): string[] {
    const kept = new Set(engineUrns(plan));
    for (const r of plan.resources) for (const alias of r.aliases ?? []) kept.add(alias);
    return inventory.filter((urn) => !kept.has(urn));
}
