/**
 * AWS Backup checks (Backup client; RDS to find the database's ARN): the region's vault is
 * encrypted with the stack key and locked where the stack chose a lock; the plan the stack
 * exports has rules into that vault and a selection covering the database.
 */
import {
    DescribeBackupVaultCommand,
    GetBackupPlanCommand,
    GetBackupSelectionCommand,
    paginateListBackupSelections,
} from "@aws-sdk/client-backup";
import { paginateDescribeDBInstances } from "@aws-sdk/client-rds";
import type { VerifyClients } from "./clients";
import { Check, collect, fail, isStackKey, offAsChosen, pass, verdict } from "./check";
import { dbAddress } from "./rds";

/** A backup plan's selections: each as listed (its name), and what each selects (GetBackupSelection), in the same order. */
export async function planSelections(clients: Pick<VerifyClients, "backup">, planId: string) {
    const listed = await collect(
        paginateListBackupSelections({ client: clients.backup }, { BackupPlanId: planId }),
        (page) => page.BackupSelectionsList,
    );
    const selections = await Promise.all(
        listed.map(
            async (s) =>
                (await clients.backup.send(new GetBackupSelectionCommand({ BackupPlanId: planId, SelectionId: s.SelectionId })))
                    .BackupSelection,
        ),
    );
    return { listed, selections };
}

export const vaultEncrypted: Check = {
    id: "backup.vault-encrypted",
    control: "Backup.1",
    proves: "The stack's backup vault encrypts its recovery points with a KMS key: the stack's key when the stack exports it.",
    requires: ["backupVaultName"],
    run: async ({ clients, outputs }) => {
        const name = outputs.string("backupVaultName");
        const vault = await clients.backup.send(new DescribeBackupVaultCommand({ BackupVaultName: name }));
        const key = vault.EncryptionKeyArn;
        if (!key) return [fail(name, "no EncryptionKeyArn reported")];
        const ours = isStackKey(outputs, key);
        return [
            ours === false
                ? fail(name, `encrypted with ${key}, not the stack key`)
                : pass(name, `encrypted with ${key}${ours ? " (the stack key)" : ""}`),
        ];
    },
};

export const vaultLocked: Check = {
    id: "backup.vault-lock",
    control: "NIST 800-53 CP-9",
    proves: "The backup vault is locked with minimum and maximum retention, or unlocked where the stack exports that it chose so (output backupVaultLock false).",
    requires: ["backupVaultName"],
    run: async ({ clients, outputs }) => {
        const name = outputs.string("backupVaultName");
        const vault = await clients.backup.send(new DescribeBackupVaultCommand({ BackupVaultName: name }));
        if (vault.Locked !== true)
            return [
                offAsChosen(name, outputs, {
                    configKey: "tap:backupVaultLock",
                    outputKey: "backupVaultLock",
                    off: "not locked",
                    control: "CP-9 (vault lock)",
                }),
            ];
        const problems: string[] = [];
        if (vault.MinRetentionDays === undefined) problems.push("locked without a minimum retention");
        if (vault.MaxRetentionDays === undefined) problems.push("locked without a maximum retention");
        // Governance mode has no LockDate; a LockDate means compliance mode (immutable from that date).
        const mode = vault.LockDate ? `compliance mode, immutable from ${vault.LockDate.toISOString()}` : "governance mode";
        return [verdict(name, problems, `locked (${mode}), retention ${vault.MinRetentionDays} to ${vault.MaxRetentionDays} days`)];
    },
};

export const planCoversDatabase: Check = {
    id: "backup.plan-covers-database",
    control: "RDS.26 / NIST 800-53 CP-9",
    proves: "The stack's backup plan has rules into its vault, each keeping recovery points, and a selection that names the database instance.",
    requires: ["backupPlanId", "backupVaultName", "dbEndpoint"],
    run: async ({ clients, outputs }) => {
        const planId = outputs.string("backupPlanId");
        const vaultName = outputs.string("backupVaultName");
        const { identifier } = dbAddress(outputs.string("dbEndpoint"));
        const DBInstances = await collect(
            paginateDescribeDBInstances({ client: clients.rds }, { DBInstanceIdentifier: identifier }),
            (page) => page.DBInstances,
        );
        const dbArn = DBInstances.find((d) => d.DBInstanceIdentifier === identifier)?.DBInstanceArn;
        if (!dbArn) return [fail(planId, `no DB instance ${identifier} (from dbEndpoint)`)];

        const { BackupPlan: plan } = await clients.backup.send(new GetBackupPlanCommand({ BackupPlanId: planId }));
        const rules = plan?.Rules ?? [];
        const problems: string[] = [];
        if (rules.length === 0) problems.push("the plan has no rules");
        for (const r of rules) {
            if (r.TargetBackupVaultName !== vaultName)
                problems.push(`rule ${r.RuleName} backs up into ${r.TargetBackupVaultName}, not ${vaultName}`);
            if (!(r.Lifecycle?.DeleteAfterDays && r.Lifecycle.DeleteAfterDays > 0)) problems.push(`rule ${r.RuleName} sets no retention`);
        }
        const { listed, selections } = await planSelections(clients, planId);
        const covering = selections.filter((s) => s?.Resources?.includes(dbArn));
        if (covering.length === 0)
            problems.push(
                `no selection of the plan names ${dbArn} (selections: ${listed.map((s) => s.SelectionName).join(", ") || "none"})`,
            );
        const summary = rules
            .map(
                (r) =>
                    `${r.RuleName} ${r.Lifecycle?.DeleteAfterDays} d${r.CopyActions?.length ? ` + copy to ${r.CopyActions.map((c) => c.DestinationBackupVaultArn).join(", ")}` : ""}`,
            )
            .join("; ");
        return [verdict(planId, problems, `${summary}; selection ${covering.map((s) => s?.SelectionName).join(", ")} names ${identifier}`)];
    },
};

export const BACKUP_CHECKS: readonly Check[] = [vaultEncrypted, vaultLocked, planCoversDatabase];
