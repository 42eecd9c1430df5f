/**
 * PostgreSQL's `max_connections` on RDS, by instance class: the default parameter group sets
 * LEAST({DBInstanceClassMemory/9531392}, 5000). The database's connections alarm fires at a share
 * of it rather than at a fixed count that fits one class only. DBInstanceClassMemory is the
 * class's memory less what RDS reserves, so the figures here are a little above what RDS allows:
 * the alarm's share (80%) absorbs the difference.
 */

/** Bytes of class memory per connection in RDS's PostgreSQL default (`DBInstanceClassMemory/9531392`). */
export const POSTGRES_BYTES_PER_CONNECTION = 9531392;
/** The cap of the default formula. */
export const POSTGRES_MAX_CONNECTIONS_CAP = 5000;
/** The connections alarm fires above this share of max_connections. */
export const CONNECTIONS_ALARM_SHARE = 0.8;

/** GiB of memory of the burstable (t) sizes. */
const BURSTABLE_GIB: Readonly<Record<string, number>> = { micro: 1, small: 2, medium: 4, large: 8, xlarge: 16, "2xlarge": 32 };

/** GiB of memory per vCPU of the fixed-performance families RDS offers for PostgreSQL (m: general, r/x: memory, c: compute). */
const GIB_PER_VCPU: Readonly<Record<string, number>> = { m: 4, r: 8, x: 16, c: 2 };

/** vCPUs of a fixed-performance size: large 2, xlarge 4, <n>xlarge 4n. */
function vcpus(size: string): number | undefined {
    if (size === "large") return 2;
    if (size === "xlarge") return 4;
    const n = /^(\d+)xlarge$/.exec(size);
    return n ? 4 * Number(n[1]) : undefined;
}

/** The memory of an RDS instance class (`db.t4g.micro`, `db.r6g.2xlarge`), GiB; undefined for a class this table does not know. */
export function dbClassMemoryGiB(instanceClass: string): number | undefined {
    const match = /^db\.([a-z]+)(\d+)[a-z0-9-]*\.([a-z0-9]+)$/.exec(instanceClass);
    if (!match) return undefined;
    const [, letters, , size] = match;
    if (letters === "t") return BURSTABLE_GIB[size];
    const perVcpu = GIB_PER_VCPU[letters.charAt(0)];
    const cpus = vcpus(size);
    return perVcpu !== undefined && cpus !== undefined ? perVcpu * cpus : undefined;
}

/** PostgreSQL's default max_connections on the class, or undefined for an unknown class. */
export function postgresMaxConnections(instanceClass: string): number | undefined {
    const gib = dbClassMemoryGiB(instanceClass);
    return gib === undefined
        ? undefined
        : Math.min(Math.floor((gib * 1024 ** 3) / POSTGRES_BYTES_PER_CONNECTION), POSTGRES_MAX_CONNECTIONS_CAP);
}

/** The connections alarm's threshold on the class: 80% of its max_connections, at least 1. */
export function connectionsAlarmThreshold(instanceClass: string): number | undefined {
    const max = postgresMaxConnections(instanceClass);
    return max === undefined ? undefined : Math.max(1, Math.floor(max * CONNECTIONS_ALARM_SHARE));
}
