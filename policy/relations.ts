/**
 * How stack rules tell that one resource points at or waits for another. A property refers to a
 * resource by value (the plan resolves every id; CrossGuard does once the resource exists) or,
 * in CrossGuard, through the property's dependencies, which are known even during a preview.
 * What cannot be told is given the benefit of the doubt: `pulumi up` checks again.
 */
import { StackResource } from "./types";
import { isUnknown } from "./values";

export type Match = "yes" | "no" | "unknown";

/** The values by which other resources refer to `r`: its id, ARN and, for a bucket, its name. */
function identities(r: StackResource): string[] {
    const values = [r.id, r.props.arn, r.type === "aws:s3/bucket:Bucket" ? r.props.bucket : undefined];
    return values.filter((v): v is string => typeof v === "string" && v !== "");
}

/** Whether `from`'s property `prop` refers to `to`. */
export function pointsAt(from: StackResource, prop: string, to: StackResource): Match {
    const deps = from.propertyDependencies?.[prop] ?? [];
    if (deps.includes(to.urn)) return "yes";
    const value = from.props[prop];
    if (isUnknown(value)) return deps.length > 0 ? "no" : "unknown";
    if (typeof value !== "string") return "no";
    const known = identities(to);
    if (known.includes(value)) return "yes";
    return known.length === 0 ? "unknown" : "no";
}

/** The resources of `type` whose `prop` refers (or may refer) to `to`. */
export function referrers(resources: readonly StackResource[], type: string, prop: string, to: StackResource): StackResource[] {
    return resources.filter((r) => r.type === type && pointsAt(r, prop, to) !== "no");
}

export function ofType(resources: readonly StackResource[], ...types: string[]): StackResource[] {
    return resources.filter((r) => types.includes(r.type));
}

/**
 * Whether `from` waits for `target`: it depends on the target or on one of its ancestors
 * (depending on a component waits for all of its children).
 */
export function waitsFor(from: StackResource, target: StackResource, resources: readonly StackResource[]): boolean {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const wanted = new Set<string>();
    for (let r: StackResource | undefined = target; r && !wanted.has(r.urn); r = r.parent ? byUrn.get(r.parent) : undefined) {
        wanted.add(r.urn);
    }
    return from.dependsOn.some((urn) => wanted.has(urn));
}

/** `tags.Tier` (the network tier a subnet or route table belongs to). */
export function tier(r: StackResource): unknown {
    const tags = r.props.tags;
    return tags && typeof tags === "object" ? (tags as Record<string, unknown>).Tier : undefined;
}
