/** RDS: private, encrypted, backed up, protected, with the master password kept by AWS. */
import { inProd, PROD_PROFILE } from "../profile";
import { ofType } from "../relations";
import { resourcePolicy, StackPolicy, TapPolicy } from "../types";
import { at, below, differs, isSet, show } from "../values";

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";

/** A read replica inherits encryption, backups and credentials from its source. */
const isReplica = (p: Readonly<Record<string, unknown>>) => isSet(p.replicateSourceDb);

const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
/** `prod`, `prod-eu`, ...: how tap tells a production stack (lib/config.ts), from the stack segment of a URN. */
const PROD_STACK = /^urn:pulumi:prod(-[^:]*)?::/;

/** What rds-deletion-protection only warns about in dev is mandatory in production. */
const prodDeletionProtection: StackPolicy = {
    name: "prod-deletion-protection",
    controls: "RDS.8, ELB.6",
    description:
        "In a production stack (stack name prod or prod-*, or a resource tagged Profile=prod), databases (deletionProtection) and load balancers (enableDeletionProtection) are deletion-protected.",
    enforcementLevel: "mandatory",
    resourceTypes: [INSTANCE, CLUSTER, LOAD_BALANCER],
    validateStack: (resources) =>
        ofType(resources, INSTANCE, CLUSTER, LOAD_BALANCER)
            .filter((r) => PROD_STACK.test(r.urn) || at(r.props, "tags", "Profile") === "prod")
            .map((r) => [r, r.type === LOAD_BALANCER ? "enableDeletionProtection" : "deletionProtection"] as const)
            .filter(([r, key]) => differs(r.props[key], true))
            .map(([r, key]) => ({
                urn: r.urn,
                message: `${key} is ${show(r.props[key])} in a production stack: set tap:deletionProtection true`,
            })),
};

/** The prod profile's standby: a Multi-AZ database instance (clusters spread over AZs themselves). */
const prodMultiAz: StackPolicy = {
    name: "prod-rds-multi-az",
    controls: "RDS.5",
    description:
        "In a production stack every RDS instance (read replicas aside) has a standby in a second Availability Zone (multiAz), as the prod profile's tap:dbMultiAz.",
    enforcementLevel: "mandatory",
    resourceTypes: [INSTANCE],
    validateStack: (resources) =>
        !PROD_PROFILE.dbMultiAz
            ? []
            : ofType(resources, INSTANCE)
                  .filter((r) => inProd(r) && !isReplica(r.props) && differs(r.props.multiAz, true))
                  .map((r) => ({
                      urn: r.urn,
                      message: `multiAz is ${show(r.props.multiAz)} in a production stack: an AZ outage takes the database down (tap:dbMultiAz)`,
                  })),
};

/** The prod profile's automated backups: tap:dbBackupRetentionDays' prod default, at least. */
const prodBackupRetention: StackPolicy = {
    name: "prod-rds-backup-retention",
    controls: "RDS.11",
    description: `In a production stack every RDS instance (read replicas aside) keeps automated backups at least ${PROD_PROFILE.dbBackupRetentionDays} days (the prod profile's tap:dbBackupRetentionDays).`,
    enforcementLevel: "mandatory",
    resourceTypes: [INSTANCE],
    validateStack: (resources) =>
        ofType(resources, INSTANCE)
            .filter((r) => inProd(r) && !isReplica(r.props) && below(r.props.backupRetentionPeriod, PROD_PROFILE.dbBackupRetentionDays))
            .map((r) => ({
                urn: r.urn,
                message: `backupRetentionPeriod is ${show(r.props.backupRetentionPeriod)} in a production stack: at least ${PROD_PROFILE.dbBackupRetentionDays} days (tap:dbBackupRetentionDays)`,
            })),
};

export const DATABASE_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "rds-not-publicly-accessible",
        controls: "CIS 2.3.3 / RDS.2",
        description: "RDS instances are not publicly accessible.",
        enforcementLevel: "mandatory",
        resourceTypes: [INSTANCE, CLUSTER_INSTANCE],
        check: (p) => (p.publiclyAccessible === true ? ["publiclyAccessible is true: the database gets a public address"] : []),
    }),
    resourcePolicy({
        name: "rds-storage-encrypted",
        controls: "CIS 2.3.1 / RDS.3",
        description: "RDS instances and clusters encrypt their storage (storageEncrypted, with the stack's key).",
        enforcementLevel: "mandatory",
        resourceTypes: [INSTANCE, CLUSTER],
        check: (p) =>
            !isReplica(p) && differs(p.storageEncrypted, true) ? [`storageEncrypted is ${show(p.storageEncrypted)}: must be true`] : [],
    }),
    resourcePolicy({
        name: "rds-deletion-protection",
        controls: "RDS.8",
        description: "RDS instances and clusters have deletion protection (from tap:deletionProtection).",
        enforcementLevel: "advisory",
        advisoryReason:
            "tap:deletionProtection is false in dev on purpose, so the stack tears down cleanly (seed 002 #2); Pulumi.prod.yaml sets it true and the data tier's tests assert it",
        resourceTypes: [INSTANCE, CLUSTER],
        check: (p) => (differs(p.deletionProtection, true) ? [`deletionProtection is ${show(p.deletionProtection)}`] : []),
    }),
    prodDeletionProtection,
    prodMultiAz,
    prodBackupRetention,
    resourcePolicy({
        name: "rds-backup-retention",
        controls: "RDS.11",
        description:
            "RDS instances and clusters keep automated backups for at least 7 days (backupRetentionPeriod, from tap:dbBackupRetentionDays).",
        enforcementLevel: "mandatory",
        resourceTypes: [INSTANCE, CLUSTER],
        check: (p) =>
            !isReplica(p) && below(p.backupRetentionPeriod, 7)
                ? [`backupRetentionPeriod is ${show(p.backupRetentionPeriod)}: at least 7 days`]
                : [],
    }),
    resourcePolicy({
        name: "rds-logs-and-minor-upgrades",
        controls: "RDS.9, RDS.13",
        description:
            "RDS instances export their logs to CloudWatch Logs (enabledCloudwatchLogsExports not empty) and take minor version upgrades (autoMinorVersionUpgrade not false).",
        enforcementLevel: "mandatory",
        resourceTypes: [INSTANCE],
        check: (p) => [
            ...(!isSet(p.enabledCloudwatchLogsExports)
                ? ["enabledCloudwatchLogsExports is empty: database logs stay on the instance (RDS.9)"]
                : []),
            ...(p.autoMinorVersionUpgrade === false
                ? ["autoMinorVersionUpgrade is false: security patches wait for a manual upgrade (RDS.13)"]
                : []),
        ],
    }),
    resourcePolicy({
        name: "rds-managed-master-password",
        controls: "seed 004 #1, seed 001 #14",
        description:
            "RDS master passwords are managed by AWS in Secrets Manager (manageMasterUserPassword), never passed as password/masterPassword (no password in code, config or state).",
        enforcementLevel: "mandatory",
        resourceTypes: [INSTANCE, CLUSTER],
        check: (p, type) => {
            if (isReplica(p)) return [];
            const passwordKeys = type === INSTANCE ? ["password", "passwordWo"] : ["masterPassword", "masterPasswordWo"];
            const problems = passwordKeys.filter((key) => isSet(p[key])).map((key) => `${key} is set: let RDS manage the master password`);
            if (differs(p.manageMasterUserPassword, true))
                problems.push(`manageMasterUserPassword is ${show(p.manageMasterUserPassword)}: must be true`);
            return problems;
        },
    }),
];
