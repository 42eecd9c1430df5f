/**
 * What a `pulumi destroy` cannot delete, among the resources it tries to (neither protected nor
 * retained): buckets that still hold objects without force-destroy, Object Lock set by a separate
 * resource that force-destroy does not see, compliance-mode retention, vaults holding recovery points.
 */
import type { PlannedResource } from "../../mock-runtime/harness";
import { objectLockDestroyBlockers } from "../../../policy/rules/readiness";
import { destroyDeletes, managedResources } from "./plan-view";
import { ReadinessFinding, ReadinessRule } from "./types";

const BUCKET = "aws:s3/bucket:Bucket";
const OBJECT_LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const VAULT = "aws:backup/vault:Vault";
const VAULT_LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const SELECTION = "aws:backup/selection:Selection";

const NON_EMPTY_BUCKET_SOURCE =
    'S3 API Reference, DeleteBucket: "All objects (including all object versions and delete markers) in the bucket must be deleted before the bucket itself can be deleted" (BucketNotEmpty); the provider empties it only with force_destroy';
const VAULT_SOURCE =
    "AWS Backup API Reference, DeleteBackupVault: the vault must be empty of recovery points; DeleteRecoveryPoint is refused in a compliance-mode vault lock after its grace time";

/** The bucket a side resource configures: its `bucket` input is the bucket's name (its id). */
const bucketOf = (buckets: readonly PlannedResource[], side: PlannedResource) =>
    buckets.find((b) => b.id === side.inputs.bucket || b.inputs.bucket === side.inputs.bucket);

export const destroyBlockers: ReadinessRule = ({ stack }) => {
    const resources = managedResources(stack.plan);
    const buckets = resources.filter((r) => r.type === BUCKET);
    const findings: ReadinessFinding[] = [];
    const blocked = (r: PlannedResource, message: string, source: string) =>
        findings.push({ rule: "destroy-blocker", resource: r.urn, message: `${r.name}: ${message}`, source });
    for (const bucket of buckets.filter(destroyDeletes)) {
        if (bucket.inputs.forceDestroy !== true) {
            blocked(
                bucket,
                "a destroy deletes it, but it holds objects (logs always do) and forceDestroy is off: DeleteBucket fails with BucketNotEmpty. Set tap:forceDestroyBuckets, retain it (tap:retainAuditLogs) or protect it",
                NON_EMPTY_BUCKET_SOURCE,
            );
        }
    }
    for (const lock of resources.filter((r) => r.type === OBJECT_LOCK)) {
        const bucket = bucketOf(buckets, lock);
        if (!bucket || !destroyDeletes(bucket)) continue;
        for (const b of objectLockDestroyBlockers(bucket.inputs, lock.inputs)) blocked(bucket, b.message, b.source);
    }
    const selections = resources.filter((r) => r.type === SELECTION);
    for (const vault of resources.filter((r) => r.type === VAULT && destroyDeletes(r))) {
        const lock = resources.find((r) => r.type === VAULT_LOCK && r.inputs.backupVaultName === vault.inputs.name);
        if (lock && lock.inputs.changeableForDays !== undefined) {
            blocked(
                vault,
                "its vault lock is in compliance mode (changeableForDays): once the grace time ends its recovery points cannot be deleted early, so a destroy of the vault fails until they expire; retain or protect it",
                VAULT_SOURCE,
            );
        } else if (selections.length > 0 && vault.inputs.forceDestroy !== true) {
            blocked(
                vault,
                "a backup plan fills it with recovery points and forceDestroy is off: DeleteBackupVault fails while it holds any; set forceDestroy, or retain or protect it",
                VAULT_SOURCE,
            );
        }
    }
    return findings;
};
