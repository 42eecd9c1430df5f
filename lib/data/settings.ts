/** The settings of the data components (Database, Backup, AppDataBucket), beside their Args. */
import { always, byProfile, key, settingsGroup, SettingsOf, uses } from "../config/declare";
import { bool, intIn, matching, numberIn } from "../config/schemas";
import { SHARED_SETTINGS } from "../config/shared";
import { dbClassMemoryGiB } from "./max-connections";
import { DB_ALLOCATED_STORAGE_GIB, DB_MONITORING_INTERVALS, VAULT_LOCK_MAX_DAYS, VAULT_LOCK_MIN_DAYS } from "./vocabulary";

export const DATABASE_SETTINGS = settingsGroup("Database", {
    ...uses(SHARED_SETTINGS, "deletionProtection", "logRetentionDays"),
    dbInstanceClass: key({
        schema: matching(/^db\.[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an RDS instance class (db.<family>.<size>, e.g. db.t4g.micro)")
            // The connections alarm is sized from the class's memory (lib/data/max-connections.ts).
            .refine((c) => dbClassMemoryGiB(c) !== undefined, {
                error: "must be a class of the t, m, r, x or c families (db.t4g.micro, db.m7g.large, db.r6g.2xlarge ...)",
            }),
        default: byProfile("db.t4g.micro", "db.t4g.medium"),
        doc: "RDS instance class.",
    }),
    dbBackupRetentionDays: key({
        // RDS.11 (and the policy pack) want at least 7 days; AWS's maximum is 35.
        schema: intIn(7, 35),
        default: byProfile(7, 30),
        doc: "Days of automated backups (RDS.11: at least 7).",
    }),
    dbMultiAz: key({
        schema: bool,
        default: byProfile(false, true),
        doc: "A standby in a second AZ (RDS.5).",
    }),
    dbMaxAllocatedStorageGiB: key({
        // "You must set the maximum storage threshold to at least 10% more than the current allocated
        // storage" (RDS user guide, Managing capacity automatically with Amazon RDS storage autoscaling):
        // 22 above the 20 GiB allocated; 65536 GiB is gp3's largest RDS volume.
        schema: intIn(DB_ALLOCATED_STORAGE_GIB + Math.ceil(DB_ALLOCATED_STORAGE_GIB / 10), 65536),
        default: always(100),
        doc: `The ceiling, GiB, up to which RDS storage autoscaling grows the database's ${DB_ALLOCATED_STORAGE_GIB} GiB (seed 002: 1000).`,
    }),
    dbMonitoringInterval: key({
        // RDS.6: the component takes 0 (off); the stack does not.
        schema: numberIn(DB_MONITORING_INTERVALS.filter((i) => i > 0)),
        default: byProfile(60, 15),
        doc: "Seconds between RDS enhanced monitoring samples (RDS.6).",
    }),
});
export type DatabaseSettings = SettingsOf<typeof DATABASE_SETTINGS>;

export const BACKUP_SETTINGS = settingsGroup("Backup", {
    ...uses(SHARED_SETTINGS, "forceDestroyBuckets"),
    backupDailyRetentionDays: key({
        schema: intIn(1, VAULT_LOCK_MAX_DAYS),
        default: byProfile(7, 35),
        doc: "Days AWS Backup keeps the daily recovery points (and their copies).",
    }),
    backupMonthlyRetentionDays: key({
        schema: intIn(0, VAULT_LOCK_MAX_DAYS),
        default: byProfile(0, 365),
        doc: "Days AWS Backup keeps the monthly recovery points; 0: no monthly rule.",
    }),
    backupVaultLock: key({
        schema: bool,
        default: byProfile(false, true),
        doc: "Lock every vault in governance mode: recovery points cannot be deleted or kept outside the bounds below without the right to remove the lock.",
    }),
    backupVaultLockMinRetentionDays: key({
        schema: intIn(VAULT_LOCK_MIN_DAYS, VAULT_LOCK_MAX_DAYS),
        default: always(7),
        doc: "The vault lock's minimum retention, days (every plan retention must be at least this).",
    }),
    backupVaultLockMaxRetentionDays: key({
        schema: intIn(VAULT_LOCK_MIN_DAYS, VAULT_LOCK_MAX_DAYS),
        default: always(400),
        doc: "The vault lock's maximum retention, days (every plan retention must be at most this).",
    }),
});
export type BackupSettings = SettingsOf<typeof BACKUP_SETTINGS>;

export const APP_DATA_BUCKET_SETTINGS = settingsGroup("AppDataBucket", {
    ...uses(SHARED_SETTINGS, "forceDestroyBuckets"),
});
export type AppDataBucketSettings = SettingsOf<typeof APP_DATA_BUCKET_SETTINGS>;
