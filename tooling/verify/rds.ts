/**
 * Database checks (RDS client), for the data tier's instance, found by the output `dbEndpoint`
 * (`<identifier>.<hash>.<region>.rds.amazonaws.com:<port>`): private, encrypted with the stack key,
 * protected, backed up, its master password managed by RDS, logging, patched, Multi-AZ.
 */
import { DBInstance, paginateDescribeDBInstances } from "@aws-sdk/client-rds";
import { Check, CheckContext, collect, fail, isStackKey, offAsChosen, Outcome, pass, verdict } from "./check";

/** The host of `host:port` (or of a bare host), and the instance identifier RDS puts first in it. */
export function dbAddress(endpoint: string): { readonly host: string; readonly identifier: string } {
    const host = endpoint.trim().replace(/:\d+$/, "").toLowerCase();
    return { host, identifier: host.split(".")[0] };
}

/** Runs `judge` on the instance answering at `dbEndpoint`; no such instance fails. */
export async function withDbInstance(context: CheckContext, judge: (db: DBInstance, id: string) => Outcome): Promise<Outcome[]> {
    const { host, identifier } = dbAddress(context.outputs.string("dbEndpoint"));
    let instances: DBInstance[];
    try {
        instances = await collect(
            paginateDescribeDBInstances({ client: context.clients.rds }, { DBInstanceIdentifier: identifier }),
            (page) => page.DBInstances,
        );
    } catch (err) {
        if (err instanceof Error && err.name === "DBInstanceNotFoundFault")
            return [fail(identifier, `no DB instance ${identifier} (from dbEndpoint ${host})`)];
        throw err;
    }
    const db = instances.find((d) => d.DBInstanceIdentifier === identifier);
    if (!db) return [fail(identifier, `no DB instance ${identifier} (from dbEndpoint ${host})`)];
    const address = db.Endpoint?.Address?.toLowerCase();
    if (address && address !== host) return [fail(identifier, `the instance answers at ${address}, not at dbEndpoint ${host}`)];
    return [judge(db, identifier)];
}

export const notPublic: Check = {
    id: "rds.not-public",
    control: "CIS 2.3.3 / RDS.2",
    proves: "The database instance is not publicly accessible.",
    requires: ["dbEndpoint"],
    run: (context) =>
        withDbInstance(context, (db, id) =>
            db.PubliclyAccessible === false
                ? pass(id, `PubliclyAccessible false (subnet group ${db.DBSubnetGroup?.DBSubnetGroupName})`)
                : fail(id, "PubliclyAccessible true: the endpoint resolves to a public address"),
        ),
};

export const storageEncrypted: Check = {
    id: "rds.encrypted",
    control: "CIS 2.3.1 / RDS.3",
    proves: "The database's storage is encrypted with a KMS key: the stack's key when the stack exports it.",
    requires: ["dbEndpoint"],
    run: (context) =>
        withDbInstance(context, (db, id) => {
            if (db.StorageEncrypted !== true)
                return fail(id, "StorageEncrypted false: data, backups and snapshots are not encrypted at rest");
            const ours = isStackKey(context.outputs, db.KmsKeyId);
            if (ours === false) return fail(id, `encrypted with ${db.KmsKeyId ?? "no key reported"}, not the stack key`);
            return pass(id, `encrypted with ${db.KmsKeyId}${ours ? " (the stack key)" : ""}`);
        }),
};

export const deletionProtected: Check = {
    id: "rds.deletion-protection",
    control: "RDS.8",
    proves: "Deletion protection is on, or off where the stack exports that it chose so (output deletionProtection false).",
    requires: ["dbEndpoint"],
    run: (context) =>
        withDbInstance(context, (db, id) =>
            db.DeletionProtection === true
                ? pass(id, "DeletionProtection true")
                : offAsChosen(id, context.outputs, {
                      configKey: "tap:deletionProtection",
                      outputKey: "deletionProtection",
                      off: "off",
                      control: "RDS.8",
                  }),
        ),
};

/** The fewest days of automated backups RDS.11 accepts. */
const MIN_BACKUP_DAYS = 7;

export const backupsRetained: Check = {
    id: "rds.backups",
    control: "RDS.11",
    proves: `Automated backups are kept at least ${MIN_BACKUP_DAYS} days.`,
    requires: ["dbEndpoint"],
    run: (context) =>
        withDbInstance(context, (db, id) => {
            const days = db.BackupRetentionPeriod ?? 0;
            if (days === 0) return fail(id, "BackupRetentionPeriod 0: automated backups are off");
            return days >= MIN_BACKUP_DAYS
                ? pass(id, `${days} days of automated backups`)
                : fail(id, `BackupRetentionPeriod ${days} days, RDS.11 needs at least ${MIN_BACKUP_DAYS}`);
        }),
};

export const managedMasterPassword: Check = {
    id: "rds.managed-password",
    control: "design: no password in code",
    proves: "RDS manages the master password in Secrets Manager (MasterUserSecret): the secret the stack exports, encrypted with the stack key, not impaired.",
    requires: ["dbEndpoint"],
    run: (context) =>
        withDbInstance(context, (db, id) => {
            const secret = db.MasterUserSecret;
            if (!secret?.SecretArn) return fail(id, "no MasterUserSecret: the master password was set by hand, not managed by RDS");
            const { outputs } = context;
            const problems: string[] = [];
            if (secret.SecretStatus === "impaired")
                problems.push("secret status impaired: RDS cannot use or rotate it (its KMS key or permissions changed)");
            if (outputs.has("dbSecretArn") && outputs.string("dbSecretArn") !== secret.SecretArn) {
                problems.push(`secret ${secret.SecretArn} is not the exported dbSecretArn ${outputs.string("dbSecretArn")}`);
            }
            if (isStackKey(outputs, secret.KmsKeyId) === false)
                problems.push(`secret encrypted with ${secret.KmsKeyId ?? "the AWS managed key"}, not the stack key`);
            return verdict(id, problems, `${secret.SecretArn} (${secret.SecretStatus})`);
        }),
};

/**
 * The log types RDS.9 expects an engine to export; an engine not listed must export at least one.
 * PostgreSQL's are the two it can export besides IAM authentication errors.
 */
const REQUIRED_LOG_EXPORTS: Readonly<Record<string, readonly string[]>> = {
    postgres: ["postgresql", "upgrade"],
};

export const logsExported: Check = {
    id: "rds.log-exports",
    control: "RDS.9",
    proves: "The database exports its logs to CloudWatch Logs (for PostgreSQL: postgresql and upgrade).",
    requires: ["dbEndpoint"],
    run: (context) =>
        withDbInstance(context, (db, id) => {
            const exported = db.EnabledCloudwatchLogsExports ?? [];
            const required = REQUIRED_LOG_EXPORTS[db.Engine ?? ""] ?? [];
            const missing = required.filter((type) => !exported.includes(type));
            if (exported.length === 0) return fail(id, "no log exported to CloudWatch Logs");
            return missing.length > 0
                ? fail(id, `${db.Engine} logs ${missing.join(", ")} not exported (exported: ${exported.join(", ")})`)
                : pass(id, `exports ${exported.join(", ")}`);
        }),
};

export const minorUpgradesAutomatic: Check = {
    id: "rds.minor-upgrades",
    control: "CIS 2.3.2 / RDS.13",
    proves: "RDS applies minor engine upgrades automatically.",
    requires: ["dbEndpoint"],
    run: (context) =>
        withDbInstance(context, (db, id) =>
            db.AutoMinorVersionUpgrade === true
                ? pass(id, `AutoMinorVersionUpgrade true (${db.Engine} ${db.EngineVersion})`)
                : fail(id, `AutoMinorVersionUpgrade false: ${db.Engine} ${db.EngineVersion} gets no minor (security) releases by itself`),
        ),
};

export const multiAz: Check = {
    id: "rds.multi-az",
    control: "RDS.5",
    proves: "The database has a standby in a second AZ, or is single-AZ where the stack exports that it chose so (output dbMultiAz false).",
    requires: ["dbEndpoint"],
    run: (context) =>
        withDbInstance(context, (db, id) =>
            db.MultiAZ === true
                ? pass(id, `Multi-AZ: primary in ${db.AvailabilityZone}, standby in ${db.SecondaryAvailabilityZone}`)
                : offAsChosen(id, context.outputs, {
                      configKey: "tap:dbMultiAz",
                      outputKey: "dbMultiAz",
                      off: "single-AZ",
                      control: "RDS.5",
                  }),
        ),
};

export const RDS_CHECKS: readonly Check[] = [
    notPublic,
    storageEncrypted,
    deletionProtected,
    backupsRetained,
    managedMasterPassword,
    logsExported,
    minorUpgradesAutomatic,
    multiAz,
];
