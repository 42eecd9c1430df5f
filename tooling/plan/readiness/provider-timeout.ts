/**
 * Provider waits shorter than the service takes: resources whose provider default is known to time
 * out in real accounts need `customTimeouts` at least as long as the service is observed to take.
 */
import { managedResources } from "./plan-view";
import { ReadinessRule } from "./types";

export interface SlowOperation {
    readonly type: string;
    readonly operation: "create" | "update" | "delete";
    /** The provider's default wait, minutes. */
    readonly providerDefaultMinutes: number;
    /** The shortest wait that is known to be enough, minutes. */
    readonly neededMinutes: number;
    readonly source: string;
}

export const SLOW_OPERATIONS: readonly SlowOperation[] = [
    {
        type: "aws:inspector2/enabler:Enabler",
        operation: "create",
        providerDefaultMinutes: 5,
        neededMinutes: 30,
        source: "terraform-provider-aws#30144 (enabling takes 15 minutes and more), schubergphilis/terraform-aws-mcaf-landing-zone#206 (\"timeout while waiting for state to become 'COMPLETE' (last state: 'IN_PROGRESS', timeout: 5m0s)\"), terraform-provider-aws#46807 (default proposed to become 30 minutes)",
    },
    {
        type: "aws:inspector2/enabler:Enabler",
        operation: "delete",
        providerDefaultMinutes: 5,
        neededMinutes: 30,
        source: 'aws-constraints ("Inspector v2: enabling and disabling take minutes"); terraform-provider-aws#46807',
    },
];

/** `30m`, `1h`, `90s`, `1h30m` in minutes; undefined when absent or unreadable. */
export function minutesOf(duration: string | undefined): number | undefined {
    if (duration === undefined) return undefined;
    const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)];
    if (parts.length === 0 || parts.map((p) => p[0]).join("") !== duration) return undefined;
    return parts.reduce((sum, [, n, unit]) => sum + Number(n) * (unit === "h" ? 60 : unit === "m" ? 1 : 1 / 60), 0);
}

export const providerTimeouts: ReadinessRule = ({ stack }) =>
    managedResources(stack.plan).flatMap((r) =>
        SLOW_OPERATIONS.filter((s) => s.type === r.type).flatMap((s) => {
            const set = r.customTimeouts?.[s.operation];
            const minutes = minutesOf(set) ?? s.providerDefaultMinutes;
            return minutes >= s.neededMinutes
                ? []
                : [
                      {
                          rule: "provider-timeout",
                          resource: r.urn,
                          message: `${r.name}: the provider waits ${set ?? `its default ${s.providerDefaultMinutes}m`} for ${s.operation}, and AWS is known to take longer: the ${s.operation} fails (and the resource is tainted) while AWS completes it. Set customTimeouts.${s.operation} to at least ${s.neededMinutes}m`,
                          source: s.source,
                      },
                  ];
        }),
    );
