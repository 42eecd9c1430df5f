/**
 * Names and tags. Names are pure functions of the configuration, so the same config gives the
 * same names on every run (a changed name replaces the resource).
 */

const DIRECTIONS: Readonly<Record<string, string>> = {
    north: "n",
    south: "s",
    east: "e",
    west: "w",
    central: "c",
    northeast: "ne",
    northwest: "nw",
    southeast: "se",
    southwest: "sw",
};

/** `us-east-1` → `use1`, `ap-southeast-2` → `apse2`: short enough for 32-character names. */
export function regionShortCode(region: string): string {
    return region
        .split("-")
        .map((part) => DIRECTIONS[part] ?? part)
        .join("");
}

/** The prefix of every name in one region of one environment: `tap-dev-use1`. */
export function namePrefix(environmentSuffix: string, region: string): string {
    return `tap-${environmentSuffix}-${regionShortCode(region)}`;
}

/** Tags every resource carries through the provider's `defaultTags`. */
export interface StackTags {
    readonly Environment: string;
    readonly Project: string;
    readonly ManagedBy: string;
    readonly Owner: string;
}

export function stackTags(environmentSuffix: string, owner: string): StackTags {
    return { Environment: environmentSuffix, Project: "tap", ManagedBy: "pulumi", Owner: owner };
}

/**
 * A bucket name, unique worldwide as S3 requires: `tap-dev-use1-access-logs-123456789012`. The
 * account id keeps stacks of the same name in two accounts apart, and is stable, so the name is too.
 */
export function bucketName(namePrefix: string, purpose: string, accountId: string): string {
    const name = `${namePrefix}-${purpose}-${accountId}`;
    if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(name)) {
        throw new Error(
            `bucket name ${JSON.stringify(name)} is not a valid S3 name (3 to 63 of a-z, 0-9, '-'): shorten the purpose ${JSON.stringify(purpose)}`,
        );
    }
    return name;
}

/** ELB limits load balancer and target group names to 32 characters. */
export const ELB_NAME_MAX = 32;

/**
 * The web tier's ELB names. The target group's carries its port: a new port replaces the group,
 * and the replacement, created before the old one is deleted, needs a name of its own.
 */
export function elbNames(namePrefix: string, appPort: number): { loadBalancer: string; targetGroup: string } {
    return { loadBalancer: `${namePrefix}-alb`, targetGroup: `${namePrefix}-app-${appPort}` };
}
