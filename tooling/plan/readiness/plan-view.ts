/** What the readiness rules read from a plan, written once: the resources a destroy deletes, each resource's region. */
import type { Plan, PlannedResource } from "../../mock-runtime/harness";

const PROVIDER = "pulumi:providers:aws";

/** The managed (custom) resources of a plan, providers excluded. */
export function managedResources(plan: Plan): PlannedResource[] {
    return plan.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
}

/** The region a resource is managed in: its AWS provider's `region` input (logical provider name → region). */
export function regionOf(plan: Plan): (r: PlannedResource) => string | undefined {
    const byName = new Map(
        plan.resources
            .filter((r) => r.type === PROVIDER)
            .map((p) => [p.name, typeof p.inputs.region === "string" ? p.inputs.region : undefined]),
    );
    return (r) => (r.provider ? byName.get(r.provider) : undefined);
}

/** Whether a `pulumi destroy` deletes the resource: not protected (Pulumi refuses) and not retained (left in the account). */
export function destroyDeletes(r: PlannedResource): boolean {
    return !r.protect && !r.retainOnDelete;
}
