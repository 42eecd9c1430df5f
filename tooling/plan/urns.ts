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
 * The inventory of a plan: its engine URNs and the former URNs its aliases keep, which a stack
 * deployed before the move still holds until its next `pulumi up`. Keeping them in the inventory
 * keeps them checked: dropping the alias loses them, and the inventory test says so.
 */
export function inventoryUrns(plan: Plan): string[] {
    return [...new Set([...engineUrns(plan), ...[...engineAliases(plan).values()].flat()])].sort();
}

/**
 * The engine URNs each resource of the plan answers to besides its own, by the resource's URN: its
 * `aliases` and those it inherits from its parent's, as Pulumi computes them. @pulumi/pulumi's
 * `allAliases` ("the full set of aliases for a child resource ... includes the child resource's own
 * aliases, as well as aliases inherited from the parent": N own, M of the parent, N + M(1 + N) in all)
 * and, for an engine that takes alias specs, the engine itself (pulumi/pulumi#12848, "Fix aliasing
 * children"). So a component moved under a new parent with `aliases: [{ parent: formerParent }]`
 * keeps every resource below it: each child's inherited alias is the former chain plus its own type.
 */
export function engineAliases(plan: Plan): Map<string, string[]> {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const head = `urn:pulumi:${plan.stack}::${plan.project}::`;
    const urnOf = (chain: string, name: string) => `${head}${chain}::${name}`;
    const chainOf = (urn: string) => urn.slice(head.length, urn.lastIndexOf("::"));
    const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);
    const lastType = (chain: string) => chain.slice(chain.lastIndexOf("$") + 1);
    // @pulumi/pulumi's inheritedChildAlias: a child named after its parent (`<parent>-x`) follows the parent's former name.
    const inherited = (childName: string, childType: string, parentName: string, parentAlias: string) =>
        urnOf(
            `${chainOf(parentAlias)}$${childType}`,
            childName.startsWith(parentName) ? nameOf(parentAlias) + childName.slice(parentName.length) : childName,
        );
    const memo = new Map<string, string[]>();
    const aliasesOf = (r: PlannedResource): string[] => {
        const known = memo.get(r.urn);
        if (known) return known;
        const parent = r.parent === undefined ? undefined : byUrn.get(r.parent);
        const own = [
            ...(r.aliases ?? []),
            ...(r.aliasSpecs ?? []).map((spec) => {
                const formerParent = spec.parent === undefined ? parent : spec.parent === null ? undefined : byUrn.get(spec.parent);
                if (spec.parent && !formerParent)
                    throw new Error(`${r.urn}: the former parent of an alias, ${spec.parent}, is not in the plan`);
                const type = spec.type ?? r.type;
                return urnOf(formerParent ? `${qualifiedType(plan, formerParent)}$${type}` : type, spec.name ?? r.name);
            }),
        ];
        const fromParent = parent
            ? aliasesOf(parent).flatMap((parentAlias) => [
                  inherited(r.name, r.type, parent.name, parentAlias),
                  ...own.map((alias) => inherited(nameOf(alias), lastType(chainOf(alias)), parent.name, parentAlias)),
              ])
            : [];
        const all = [...new Set([...own, ...fromParent])];
        memo.set(r.urn, all);
        return all;
    };
    return new Map(plan.resources.map((r) => [r.urn, aliasesOf(r)]));
}

/**
 * The inventory's URNs that the plan no longer has, neither as a URN nor as an alias of one of
 * its resources (its own or inherited from a parent's): each is a resource every deployed stack
 * would delete (and recreate under its new URN).
 */
export function lostUrns(inventory: readonly string[], plan: Plan): string[] {
    const kept = new Set(engineUrns(plan));
    for (const aliases of engineAliases(plan).values()) for (const alias of aliases) kept.add(alias);
    return inventory.filter((urn) => !kept.has(urn));
}
