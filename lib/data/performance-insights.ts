/**
 * Whether RDS accepts Performance Insights for an engine on an instance class (seed 004, failure 5:
 * "Performance Insights not supported for this configuration" failed a deployment).
 *
 * AWS documents the restriction per engine (RDS user guide, "Amazon RDS DB engine, Region, and
 * instance class support for Performance Insights", checked for this change): RDS for MariaDB and
 * RDS for MySQL do not support it on db.t2.micro, db.t2.small, db.t3.micro, db.t3.small,
 * db.t4g.micro and db.t4g.small; RDS for PostgreSQL, SQL Server and Oracle list no class
 * restriction ("N/A"). AWS has announced the end of the Performance Insights console for 31 July
 * 2026 (its API stays, billed as CloudWatch Database Insights).
 */

/** The classes on which the MySQL-family engines refuse Performance Insights. */
export const PERFORMANCE_INSIGHTS_UNSUPPORTED_CLASSES: Readonly<Record<string, readonly string[]>> = {
    mysql: ["db.t2.micro", "db.t2.small", "db.t3.micro", "db.t3.small", "db.t4g.micro", "db.t4g.small"],
    mariadb: ["db.t2.micro", "db.t2.small", "db.t3.micro", "db.t3.small", "db.t4g.micro", "db.t4g.small"],
};

export function supportsPerformanceInsights(engine: string, instanceClass: string): boolean {
    return !(PERFORMANCE_INSIGHTS_UNSUPPORTED_CLASSES[engine] ?? []).includes(instanceClass);
}
