/**
 * Data protection and resilience (issue 14): AWS Backup covers the databases in encrypted,
 * locked vaults; RDS is monitored at the OS level and takes IAM authentication; an Auto Scaling
 * group that fails to launch or terminate says so.
 */
import { ofType, pointsAt } from "../relations";
import { resourcePolicy, StackPolicy, StackResource, StackViolation, TapPolicy } from "../types";
import { at, differs, isSet, isUnknown, list, show, strings } from "../values";

const VAULT = "aws:backup/vault:Vault";
const VAULT_LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const SELECTION = "aws:backup/selection:Selection";
const DB_INSTANCE = "aws:rds/instance:Instance";
const DB_CLUSTER = "aws:rds/cluster:Cluster";
const ASG = "aws:autoscaling/group:Group";
const ASG_NOTIFICATION = "aws:autoscaling/notification:Notification";

/** The notification types that report a group failing to do its job. */
const FAILURE_NOTIFICATIONS = ["autoscaling:EC2_INSTANCE_LAUNCH_ERROR", "autoscaling:EC2_INSTANCE_TERMINATE_ERROR"];

const isReplica = (r: StackResource) => isSet(r.props.replicateSourceDb) || isSet(r.props.replicationSourceIdentifier);

/** "yes" when `list` names `target` (by value, or through the property's dependencies), "unknown" when it cannot be told. */
function listNames(from: StackResource, prop: string, target: StackResource, values: readonly unknown[]): "yes" | "no" | "unknown" {
    if (from.propertyDependencies?.[prop]?.includes(target.urn)) return "yes";
    const raw = from.props[prop];
    if (isUnknown(raw) || list(raw).some(isUnknown)) return (from.propertyDependencies?.[prop]?.length ?? 0) > 0 ? "no" : "unknown";
    const known = values.filter((v): v is string => typeof v === "string" && v !== "");
    if (known.length === 0) return "unknown";
    return strings(raw).some((v) => known.includes(v)) ? "yes" : "no";
}

/** Whether a selection chooses resources by tag or condition (then it may cover anything tagged so). */
const selectsByTag = (selection: StackResource) => isSet(selection.props.selectionTags) || isSet(selection.props.conditions);

const databasesBackedUp: StackPolicy = {
    name: "rds-in-backup-plan",
    controls: "RDS.26 / NIST 800-53 CP-9",
    description: "Every RDS instance and cluster (read replicas aside) is chosen by an AWS Backup selection of the stack (by ARN, or by tag).",
    enforcementLevel: "advisory",
    advisoryReason: "tap:enableBackup may be turned off for a disposable stack; it is on in both profiles by default and the data tier's tests assert the selection",
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    validateStack: (resources) => {
        const selections = ofType(resources, SELECTION);
        return ofType(resources, DB_INSTANCE, DB_CLUSTER).filter((db) => !isReplica(db)).flatMap((db): StackViolation[] => {
            const covered = selections.some((s) => selectsByTag(s) || listNames(s, "resources", db, [db.props.arn, db.id]) !== "no");
            return covered ? [] : [{ urn: db.urn, message: "no AWS Backup selection of the stack covers it: only RDS's own automated backups, in the same region and account" }];
        });
    },
};

const vaultsLocked: StackPolicy = {
    name: "backup-vault-lock",
    controls: "NIST 800-53 CP-9, SI-7",
    description: "Every AWS Backup vault has a vault lock (aws.backup.VaultLockConfiguration), so recovery points cannot be deleted early or kept outside its bounds.",
    enforcementLevel: "advisory",
    advisoryReason: "tap:backupVaultLock is false in dev on purpose (a locked vault cannot be emptied early, so the stack would not tear down); the prod profile turns it on and the backup tests assert it",
    resourceTypes: [VAULT],
    validateStack: (resources) => {
        const locks = ofType(resources, VAULT_LOCK);
        return ofType(resources, VAULT).flatMap((vault): StackViolation[] => {
            const locked = locks.some((l) => listNames(l, "backupVaultName", vault, [vault.props.name, vault.id]) !== "no");
            return locked ? [] : [{ urn: vault.urn, message: `vault ${show(vault.props.name)} has no vault lock: anyone allowed backup:DeleteRecoveryPoint can delete its recovery points` }];
        });
    },
};

const asgReportsFailures: StackPolicy = {
    name: "autoscaling-failure-notifications",
    controls: "NIST 800-53 SI-4",
    description: "Every Auto Scaling group notifies an SNS topic of its launch and terminate errors (aws.autoscaling.Notification).",
    enforcementLevel: "mandatory",
    resourceTypes: [ASG],
    validateStack: (resources) => {
        const notifications = ofType(resources, ASG_NOTIFICATION);
        return ofType(resources, ASG).flatMap((group): StackViolation[] => {
            const types = notifications.filter((n) => listNames(n, "groupNames", group, [group.props.name, group.id]) !== "no")
                .flatMap((n) => (isUnknown(n.props.notifications) ? FAILURE_NOTIFICATIONS : strings(n.props.notifications)));
            const missing = FAILURE_NOTIFICATIONS.filter((t) => !types.includes(t));
            return missing.length === 0 ? [] : [{ urn: group.urn, message: `no notification of ${missing.join(", ")}: a group that cannot launch its instances fails silently` }];
        });
    },
};

const TRAIL = "aws:cloudtrail/trail:Trail";
const BUCKET = "aws:s3/bucket:Bucket";
const OBJECT_LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";

const trailFilesLocked: StackPolicy = {
    name: "cloudtrail-bucket-object-lock",
    controls: "NIST 800-53 AU-9",
    description: "The bucket a trail of the stack delivers to has S3 Object Lock with a default retention (aws.s3.BucketObjectLockConfiguration), so trail files cannot be deleted or overwritten early.",
    enforcementLevel: "advisory",
    advisoryReason: "tap:auditLogObjectLock may be turned off where the account's trail files already land in a WORM bucket (an organisation trail); it is on in both profiles by default",
    resourceTypes: [TRAIL],
    validateStack: (resources) => {
        const locks = ofType(resources, OBJECT_LOCK);
        return ofType(resources, TRAIL).flatMap((trail): StackViolation[] => {
            const bucket = ofType(resources, BUCKET).find((b) => pointsAt(trail, "s3BucketName", b) === "yes");
            if (!bucket) return []; // a bucket outside the stack (or not known yet): nothing to judge
            const lock = locks.find((l) => pointsAt(l, "bucket", bucket) !== "no");
            if (!lock) return [{ urn: trail.urn, message: `its bucket ${bucket.name} has no Object Lock: trail files can be deleted by anyone allowed s3:DeleteObjectVersion` }];
            const retention = at(lock.props, "rule", "defaultRetention");
            return isUnknown(retention) || isSet(at(retention, "days")) || isSet(at(retention, "years")) ? []
                : [{ urn: trail.urn, message: `its bucket ${bucket.name} has Object Lock without a default retention: trail files are not locked unless each writer asks` }];
        });
    },
};

const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
const LISTENERS = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
/** The tag by which the stack records an HTTP-only load balancer accepted on purpose (tap:allowPlainHttp; lib/web/web-tier.ts PLAIN_HTTP_TAG). */
export const PLAIN_HTTP_TAG = "PlainHttpAcceptedBy";
/** ELB security policies that allow TLS 1.2 and later only. */
const TLS12_POLICY = /TLS13|TLS-1-2|FS-1-2/;

const redirectsToHttps = (listener: StackResource) => list(listener.props.defaultActions).length > 0
    && list(listener.props.defaultActions).every((a) => at(a, "type") === "redirect" && at(a, "redirect", "protocol") === "HTTPS");

const httpsOnly: StackPolicy = {
    name: "elb-https-listener",
    controls: "ELB.1 / NIST 800-53 SC-8",
    description: `Application load balancers serve HTTPS with a TLS 1.2+ security policy and their HTTP listeners only redirect to HTTPS, unless the load balancer carries the ${PLAIN_HTTP_TAG} tag (tap:allowPlainHttp, a documented decision).`,
    enforcementLevel: "mandatory",
    resourceTypes: LOAD_BALANCERS,
    validateStack: (resources) => {
        const listeners = ofType(resources, ...LISTENERS);
        return ofType(resources, ...LOAD_BALANCERS).flatMap((lb): StackViolation[] => {
            if (lb.props.loadBalancerType !== undefined && lb.props.loadBalancerType !== "application") return [];
            if (isSet(at(lb.props, "tags", PLAIN_HTTP_TAG))) return [];
            const own = listeners.filter((l) => pointsAt(l, "loadBalancerArn", lb) !== "no");
            if (own.some((l) => isUnknown(l.props.protocol) || isUnknown(l.props.defaultActions))) return [];
            const problems: string[] = [];
            const https = own.filter((l) => l.props.protocol === "HTTPS");
            if (https.length === 0) problems.push("no HTTPS listener: it serves plain HTTP (give tap:certificateArn or tap:domainName, or accept plain HTTP with tap:allowPlainHttp)");
            for (const l of https) {
                if (!isUnknown(l.props.sslPolicy) && !(typeof l.props.sslPolicy === "string" && TLS12_POLICY.test(l.props.sslPolicy))) problems.push(`listener ${l.name} uses security policy ${show(l.props.sslPolicy)}, which allows TLS before 1.2`);
            }
            for (const l of own.filter((x) => x.props.protocol === "HTTP" && !redirectsToHttps(x))) problems.push(`HTTP listener ${l.name} forwards instead of redirecting to HTTPS`);
            return problems.map((message) => ({ urn: lb.urn, message }));
        });
    },
};

export const RESILIENCE_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "backup-vault-kms",
        controls: "Backup.1",
        description: "AWS Backup vaults encrypt their recovery points with a customer-managed KMS key (kmsKeyArn), not the AWS managed aws/backup key.",
        enforcementLevel: "mandatory",
        resourceTypes: [VAULT],
        check: (p) => (isSet(p.kmsKeyArn) ? [] : ["kmsKeyArn is unset: recovery points would be encrypted with the AWS managed key, outside the stack's key policy"]),
    }),
    databasesBackedUp,
    vaultsLocked,
    resourcePolicy({
        name: "rds-enhanced-monitoring",
        controls: "RDS.6",
        description: "RDS instances publish enhanced monitoring (monitoringInterval above 0, with a monitoring role).",
        enforcementLevel: "mandatory",
        resourceTypes: [DB_INSTANCE],
        check: (p) => {
            const interval = p.monitoringInterval;
            if (isUnknown(interval)) return [];
            if (!(typeof interval === "number" && interval > 0)) return [`monitoringInterval is ${show(interval)}: enhanced monitoring is off (tap:dbMonitoringInterval)`];
            return isSet(p.monitoringRoleArn) ? [] : ["monitoringRoleArn is unset: RDS needs a role to publish enhanced monitoring"];
        },
    }),
    resourcePolicy({
        name: "rds-iam-authentication",
        controls: "RDS.10",
        description: "RDS instances accept IAM database authentication (iamDatabaseAuthenticationEnabled).",
        enforcementLevel: "mandatory",
        resourceTypes: [DB_INSTANCE],
        check: (p) => (at(p, "replicateSourceDb") === undefined && differs(p.iamDatabaseAuthenticationEnabled, true)
            ? [`iamDatabaseAuthenticationEnabled is ${show(p.iamDatabaseAuthenticationEnabled)}: must be true`] : []),
    }),
    asgReportsFailures,
    trailFilesLocked,
    httpsOnly,
];
