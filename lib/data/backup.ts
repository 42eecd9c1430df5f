import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { VAULT_LOCK_MAX_DAYS, VAULT_LOCK_MIN_DAYS, vaultLockProblems } from "./vocabulary";
import { BackupSettings } from "./settings";

/** AWS's managed policies for the AWS Backup service role: back up, and restore. Nothing else is attached. */
export const BACKUP_SERVICE_POLICY_ARNS = [
    "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
    "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
] as const;

/**
 * AWS's managed policies AWS Backup needs for S3 besides the ones above (AWS Backup developer
 * guide, "Creating S3 backups": the role needs AWSBackupServiceRolePolicyForS3Backup and
 * AWSBackupServiceRolePolicyForS3Restore; their ARNs have no service-role/ path). Attached only
 * when the plan backs up a bucket.
 */
export const BACKUP_S3_POLICY_ARNS = {
    "s3-backup": "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
    "s3-restore": "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
} as const;

/** When the plan's rules run (UTC): daily at 05:00, monthly on the 1st at 05:00. */
export const BACKUP_SCHEDULES = { daily: "cron(0 5 ? * * *)", monthly: "cron(0 5 1 * ? *)" } as const;

/** The name of a region's vault: fixed by the prefix, so another region's plan can address it before it exists. */
export const backupVaultName = (namePrefix: string) => `${namePrefix}-vault`;

/** A vault's ARN, built from its name (the destination of a cross-region copy lives in another RegionalStack). */
export const backupVaultArn = (partition: string, region: string, account: string, vaultName: string) =>
    `arn:${partition}:backup:${region}:${account}:backup-vault:${vaultName}`;

/** One rule of a backup plan, as plain values (tested without Pulumi). */
export interface BackupRuleSpec {
    readonly ruleName: string;
    readonly schedule: string;
    readonly deleteAfterDays: number;
}

/**
 * The rules of the plan: a daily recovery point kept `dailyDays`, and with `monthlyDays` > 0 a
 * monthly one kept that long (prod: 35 days and one year; dev: a week, no monthly).
 */
export function backupRules(dailyDays: number, monthlyDays: number): BackupRuleSpec[] {
    return [
        { ruleName: "daily", schedule: BACKUP_SCHEDULES.daily, deleteAfterDays: dailyDays },
        ...(monthlyDays > 0 ? [{ ruleName: "monthly", schedule: BACKUP_SCHEDULES.monthly, deleteAfterDays: monthlyDays }] : []),
    ];
}

export interface BackupArgs {
    /** Prefix of every name, e.g. `tap-prod-use1`. */
    readonly namePrefix: string;
    /** Its settings (tap: keys of the same names), whole: the stack passes its settings group. */
    readonly settings: BackupSettings;
    /** The region's stack key: encrypts the vault's recovery points (Backup.1). */
    readonly kmsKeyArn: pulumi.Input<string>;
    /**
     * What to back up, by ARN (the database). Without any, the component makes only the vault
     * (a copy destination for another region), no plan.
     * @default none
     */
    readonly resourceArns?: readonly pulumi.Input<string>[];
    /** Some of `resourceArns` are S3 buckets (versioned, as AWS Backup requires): the role gets AWS's S3 backup and restore policies. @default false */
    readonly backsUpS3Buckets?: boolean;
    /** The vault of the next region, which receives a copy of every recovery point (encrypted there with its own key). @default no copy */
    readonly copyToVaultArn?: pulumi.Input<string>;
    readonly provider: aws.Provider;
}

/**
 * AWS Backup in one region (FSBP Backup.1, NIST 800-53 CP-9): a vault encrypted with the stack
 * key, optionally locked in governance mode; with resources to protect, a plan (daily, and
 * monthly in prod), the selection of those resources by ARN, the copy of every recovery point
 * into the next region's vault, and the service role with AWS's managed backup and restore
 * policies only. Job failures reach the alert topic through EventBridge (SecurityAlarms).
 */
export class Backup extends pulumi.ComponentResource {
    public readonly vault: aws.backup.Vault;
    public readonly vaultName: string;
    public readonly vaultLock?: aws.backup.VaultLockConfiguration;
    public readonly plan?: aws.backup.Plan;
    public readonly selection?: aws.backup.Selection;
    public readonly role?: aws.iam.Role;
    /** The rules of the plan, as planned. */
    public readonly rules: readonly BackupRuleSpec[];

    constructor(name: string, args: BackupArgs, opts?: pulumi.ComponentResourceOptions) {
        const daily = args.settings.backupDailyRetentionDays;
        const monthly = args.settings.backupMonthlyRetentionDays;
        const lock = { min: args.settings.backupVaultLockMinRetentionDays, max: args.settings.backupVaultLockMaxRetentionDays };
        validate(name, daily, monthly, args.settings.backupVaultLock ? lock : undefined);
        super("tap:data:Backup", name, {}, { ...opts, providers: { aws: args.provider } });
        const prefix = args.namePrefix;
        const child = { parent: this, provider: args.provider };
        this.vaultName = backupVaultName(prefix);
        this.rules = backupRules(daily, monthly);

        this.vault = new aws.backup.Vault(
            `${prefix}-backup-vault`,
            {
                name: this.vaultName,
                kmsKeyArn: args.kmsKeyArn, // Backup.1: recovery points encrypted with the stack key
                // tap:forceDestroyBuckets (dev): `pulumi destroy` deletes the vault with its recovery points. Without it
                // DeleteBackupVault fails while the vault holds any ("the vault must be empty", AWS Backup API reference,
                // DeleteBackupVault).
                ...(args.settings.forceDestroyBuckets && { forceDestroy: true }),
                tags: { Name: this.vaultName },
            },
            child,
        );
        if (args.settings.backupVaultLock) {
            // CP-9: governance mode (no changeableForDays): nobody shortens a recovery point's retention or
            // deletes it early unless allowed backup:DeleteBackupVaultLockConfiguration. Compliance mode
            // (changeableForDays) would become immutable after its grace period, even for root.
            this.vaultLock = new aws.backup.VaultLockConfiguration(
                `${prefix}-backup-vault-lock`,
                {
                    backupVaultName: this.vault.name,
                    minRetentionDays: lock.min,
                    maxRetentionDays: lock.max,
                },
                child,
            );
        }

        const resources = args.resourceArns ?? [];
        if (resources.length > 0) {
            this.role = new aws.iam.Role(
                `${prefix}-backup-role`,
                {
                    description: `AWS Backup of ${prefix}: backs up and restores the stack's data`,
                    assumeRolePolicy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [{ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }],
                    }),
                },
                child,
            );
            const attachments = BACKUP_SERVICE_POLICY_ARNS.map(
                (policyArn) =>
                    new aws.iam.RolePolicyAttachment(
                        `${prefix}-backup-role-${policyArn.endsWith("Restores") ? "restores" : "backup"}`,
                        { role: this.role!.name, policyArn },
                        child,
                    ),
            );
            if (args.backsUpS3Buckets) {
                attachments.push(
                    ...Object.entries(BACKUP_S3_POLICY_ARNS).map(
                        ([suffix, policyArn]) =>
                            new aws.iam.RolePolicyAttachment(
                                `${prefix}-backup-role-${suffix}`,
                                { role: this.role!.name, policyArn },
                                child,
                            ),
                    ),
                );
            }

            const copyActions = (days: number) =>
                args.copyToVaultArn === undefined
                    ? undefined
                    : [{ destinationVaultArn: args.copyToVaultArn, lifecycle: { deleteAfter: days } }];
            this.plan = new aws.backup.Plan(
                `${prefix}-backup-plan`,
                {
                    name: `${prefix}-backup-plan`,
                    rules: this.rules.map((r) => ({
                        ruleName: r.ruleName,
                        targetVaultName: this.vault.name,
                        schedule: r.schedule,
                        startWindow: 60,
                        completionWindow: 24 * 60,
                        lifecycle: { deleteAfter: r.deleteAfterDays },
                        copyActions: copyActions(r.deleteAfterDays),
                    })),
                },
                { ...child, dependsOn: this.vaultLock ? [this.vaultLock] : [] },
            );
            this.selection = new aws.backup.Selection(
                `${prefix}-backup-selection`,
                {
                    name: `${prefix}-backup-selection`,
                    planId: this.plan.id,
                    iamRoleArn: this.role.arn,
                    resources: [...resources],
                },
                { ...child, dependsOn: attachments },
            );
        }

        this.registerOutputs({ vaultName: this.vault.name, vaultArn: this.vault.arn, planId: this.plan?.id });
    }
}

/** Impossible arguments fail here, naming the argument, before any resource is registered. */
function validate(name: string, daily: number, monthly: number, lock: { min: number; max: number } | undefined): void {
    const problems: string[] = [];
    if (!(Number.isInteger(daily) && daily >= 1))
        problems.push(`backupDailyRetentionDays must be a whole number of at least 1, got ${daily}`);
    if (!(Number.isInteger(monthly) && monthly >= 0))
        problems.push(`backupMonthlyRetentionDays must be a whole number, 0 for none, got ${monthly}`);
    if (lock) {
        for (const [k, v] of [
            ["backupVaultLockMinRetentionDays", lock.min],
            ["backupVaultLockMaxRetentionDays", lock.max],
        ] as const) {
            if (!(Number.isInteger(v) && v >= VAULT_LOCK_MIN_DAYS && v <= VAULT_LOCK_MAX_DAYS))
                problems.push(`${k} must be a whole number from ${VAULT_LOCK_MIN_DAYS} to ${VAULT_LOCK_MAX_DAYS}, got ${v}`);
        }
        problems.push(...vaultLockProblems(lock, { backupDailyRetentionDays: daily, backupMonthlyRetentionDays: monthly }));
    }
    if (problems.length > 0) throw new Error(`Backup ${name}: ${problems.join("; ")}`);
}
