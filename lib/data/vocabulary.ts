/**
 * What the data components accept, kept apart from them so that the config
 * (lib/config) and the post-deploy checks read them without loading Pulumi.
 */
import { bucketName } from "../naming";

/** AWS Backup's bounds on a vault lock's retention (days; the maximum is about 100 years). */
export const VAULT_LOCK_MIN_DAYS = 1;
export const VAULT_LOCK_MAX_DAYS = 36500;

/**
 * Problems of a retention setting against a vault lock: AWS Backup fails every job whose
 * recovery points would be kept shorter than the lock's minimum or longer than its maximum.
 */
export function vaultLockProblems(
    lock: { min: number; max: number },
    retentions: Readonly<Record<string, number>>,
    bounds = "the vault lock",
): string[] {
    const problems = lock.min > lock.max ? [`${bounds}: the minimum (${lock.min} days) is above the maximum (${lock.max} days)`] : [];
    for (const [name, days] of Object.entries(retentions)) {
        if (days > 0 && (days < lock.min || days > lock.max)) {
            problems.push(
                `${name} (${days} days) is outside ${bounds} (${lock.min} to ${lock.max} days): AWS Backup would fail those jobs`,
            );
        }
    }
    return problems;
}

/** The intervals, seconds, RDS enhanced monitoring accepts (0: off). */
export const DB_MONITORING_INTERVALS = [0, 1, 5, 10, 15, 30, 60] as const;

/** The database's storage at creation, GiB (gp3's smallest RDS volume); autoscaling grows it up to tap:dbMaxAllocatedStorageGiB. */
export const DB_ALLOCATED_STORAGE_GIB = 20;

/** The tag that marks the application's data bucket (AppDataBucket): the policy pack and the post-deploy checks find it by it. */
export const APP_DATA_TAG = { key: "DataStore", value: "app" } as const;

/** The object actions only the app role (and AWS Backup's role) may take on the app data bucket: reading and writing. */
export const APP_DATA_READ_WRITE_ACTIONS = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"] as const;

/** The app data bucket's name in a region: fixed by the prefix and account, so the trail and the backup plan can name it before it exists. */
export const appDataBucketName = (namePrefix: string, accountId: string) => bucketName(namePrefix, "app-data", accountId);
