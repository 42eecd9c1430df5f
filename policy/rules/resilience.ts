/**
 * Data protection and resilience (issue 14): AWS Backup covers the databases in encrypted,
 * locked vaults; RDS is monitored at the OS level and takes IAM authentication; an Auto Scaling
 * group that fails to launch or terminate says so.
 */
import { inProd, PROD_PROFILE, stackInProd } from "../profile";
import { ofType, pointsAt } from "../relations";
import { resourcePolicy, StackPolicy, StackResource, StackViolation, TapPolicy } from "../types";
import { at, below, differs, isSet, isUnknown, list, show, strings } from "../values";

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
    description:
        "Every RDS instance and cluster (read replicas aside) is chosen by an AWS Backup selection of the stack (by ARN, or by tag).",
    enforcementLevel: "advisory",
    advisoryReason:
        "tap:enableBackup may be turned off for a disposable stack; it is on in both profiles by default and the data tier's tests assert the selection",
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    validateStack: (resources) => {
        const selections = ofType(resources, SELECTION);
        return ofType(resources, DB_INSTANCE, DB_CLUSTER)
            .filter((db) => !isReplica(db))
            .flatMap((db): StackViolation[] => {
                const covered = selections.some((s) => selectsByTag(s) || listNames(s, "resources", db, [db.props.arn, db.id]) !== "no");
                return covered
                    ? []
                    : [
                          {
                              urn: db.urn,
                              message:
                                  "no AWS Backup selection of the stack covers it: only RDS's own automated backups, in the same region and account",
                          },
                      ];
            });
    },
};

const vaultsLocked: StackPolicy = {
    name: "backup-vault-lock",
    controls: "NIST 800-53 CP-9, SI-7",
    description:
        "Every AWS Backup vault has a vault lock (aws.backup.VaultLockConfiguration), so recovery points cannot be deleted early or kept outside its bounds.",
    enforcementLevel: "advisory",
    advisoryReason:
        "tap:backupVaultLock is false in dev on purpose (a locked vault cannot be emptied early, so the stack would not tear down); the prod profile turns it on and the backup tests assert it",
    resourceTypes: [VAULT],
    validateStack: (resources) => {
        const locks = ofType(resources, VAULT_LOCK);
        return ofType(resources, VAULT).flatMap((vault): StackViolation[] => {
            const locked = locks.some((l) => listNames(l, "backupVaultName", vault, [vault.props.name, vault.id]) !== "no");
            return locked
                ? []
                : [
                      {
                          urn: vault.urn,
                          message: `vault ${show(vault.props.name)} has no vault lock: anyone allowed backup:DeleteRecoveryPoint can delete its recovery points`,
                      },
                  ];
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
            const types = notifications
                .filter((n) => listNames(n, "groupNames", group, [group.props.name, group.id]) !== "no")
                .flatMap((n) => (isUnknown(n.props.notifications) ? FAILURE_NOTIFICATIONS : strings(n.props.notifications)));
            const missing = FAILURE_NOTIFICATIONS.filter((t) => !types.includes(t));
            return missing.length === 0
                ? []
                : [
                      {
                          urn: group.urn,
                          message: `no notification of ${missing.join(", ")}: a group that cannot launch its instances fails silently`,
                      },
                  ];
        });
    },
};

const TRAIL = "aws:cloudtrail/trail:Trail";
const BUCKET = "aws:s3/bucket:Bucket";
const OBJECT_LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";

const trailFilesLocked: StackPolicy = {
    name: "cloudtrail-bucket-object-lock",
    controls: "NIST 800-53 AU-9",
    description:
        "The bucket a trail of the stack delivers to has S3 Object Lock with a default retention (aws.s3.BucketObjectLockConfiguration), so trail files cannot be deleted or overwritten early.",
    enforcementLevel: "advisory",
    advisoryReason:
        "tap:auditLogObjectLock may be turned off where the account's trail files already land in a WORM bucket (an organisation trail); it is on in both profiles by default",
    resourceTypes: [TRAIL],
    validateStack: (resources) => {
        const locks = ofType(resources, OBJECT_LOCK);
        return ofType(resources, TRAIL).flatMap((trail): StackViolation[] => {
            const bucket = ofType(resources, BUCKET).find((b) => pointsAt(trail, "s3BucketName", b) === "yes");
            if (!bucket) return []; // a bucket outside the stack (or not known yet): nothing to judge
            const lock = locks.find((l) => pointsAt(l, "bucket", bucket) !== "no");
            if (!lock)
                return [
                    {
                        urn: trail.urn,
                        message: `its bucket ${bucket.name} has no Object Lock: trail files can be deleted by anyone allowed s3:DeleteObjectVersion`,
                    },
                ];
            const retention = at(lock.props, "rule", "defaultRetention");
            return isUnknown(retention) || isSet(at(retention, "days")) || isSet(at(retention, "years"))
                ? []
                : [
                      {
                          urn: trail.urn,
                          message: `its bucket ${bucket.name} has Object Lock without a default retention: trail files are not locked unless each writer asks`,
                      },
                  ];
        });
    },
};

const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
const LISTENERS = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
/** The tag by which the stack records an HTTP-only load balancer accepted on purpose (tap:allowPlainHttp; lib/web/web-tier.ts PLAIN_HTTP_TAG). */
export const PLAIN_HTTP_TAG = "PlainHttpAcceptedBy";
/** ELB security policies that allow TLS 1.2 and later only. */
const TLS12_POLICY = /TLS13|TLS-1-2|FS-1-2/;

const redirectsToHttps = (listener: StackResource) =>
    list(listener.props.defaultActions).length > 0 &&
    list(listener.props.defaultActions).every((a) => at(a, "type") === "redirect" && at(a, "redirect", "protocol") === "HTTPS");

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
            if (https.length === 0)
                problems.push(
                    "no HTTPS listener: it serves plain HTTP (give tap:certificateArn or tap:domainName, or accept plain HTTP with tap:allowPlainHttp)",
                );
            for (const l of https) {
                if (!isUnknown(l.props.sslPolicy) && !(typeof l.props.sslPolicy === "string" && TLS12_POLICY.test(l.props.sslPolicy)))
                    problems.push(`listener ${l.name} uses security policy ${show(l.props.sslPolicy)}, which allows TLS before 1.2`);
            }
            for (const l of own.filter((x) => x.props.protocol === "HTTP" && !redirectsToHttps(x)))
                problems.push(`HTTP listener ${l.name} forwards instead of redirecting to HTTPS`);
            return problems.map((message) => ({ urn: lb.urn, message }));
        });
    },
};

const PLAN = "aws:backup/plan:Plan";

/** The region an ARN names, when known. */
const regionOfArn = (arn: unknown): string | undefined =>
    typeof arn === "string" && arn.startsWith("arn:") ? arn.split(":")[3] || undefined : undefined;

/** A plan's rules (and their copy actions) with the days each keeps its recovery points (undefined: kept until deleted). */
interface Retention {
    readonly where: string;
    readonly days: number | undefined;
    readonly known: boolean;
}
function retentions(plan: StackResource): Retention[] {
    return list(plan.props.rules).flatMap((rule, i) => {
        const name = `rule ${show(at(rule, "ruleName"))}`;
        const days = (value: unknown): Retention => ({
            where: name,
            days: typeof value === "number" ? value : undefined,
            known: !isUnknown(value),
        });
        return [
            { ...days(at(rule, "lifecycle", "deleteAfter")), where: name },
            ...list(at(rule, "copyActions")).map((c, j) => ({
                ...days(at(c, "lifecycle", "deleteAfter")),
                where: `${name} copy ${j} (rules[${i}])`,
            })),
        ];
    });
}

/** Values held to the prod profile: daily points kept 35 days, a rule keeping a year. */
const backupRetentionProfile: StackPolicy = {
    name: "backup-retention-profile",
    controls: "RDS.26 / NIST 800-53 CP-9",
    description: `In a production stack, every AWS Backup rule and copy keeps its recovery points at least ${PROD_PROFILE.backupDailyRetentionDays} days, and some rule keeps them at least ${PROD_PROFILE.backupMonthlyRetentionDays} days (the prod profile's daily and monthly retentions, policy/profile.ts); in any stack no rule keeps them under a day.`,
    enforcementLevel: "mandatory",
    resourceTypes: [PLAN],
    validateStack: (resources) =>
        ofType(resources, PLAN).flatMap((plan): StackViolation[] => {
            if (isUnknown(plan.props.rules)) return [];
            const all = retentions(plan);
            const problems: string[] = all
                .filter((r) => r.known && r.days !== undefined && r.days < 1)
                .map((r) => `${r.where} keeps recovery points ${r.days} days`);
            if (inProd(plan) || stackInProd(resources)) {
                problems.push(
                    ...all
                        .filter((r) => r.known && r.days !== undefined && r.days < PROD_PROFILE.backupDailyRetentionDays)
                        .map(
                            (r) =>
                                `${r.where} keeps recovery points ${r.days} days: prod keeps them at least ${PROD_PROFILE.backupDailyRetentionDays} (tap:backupDailyRetentionDays)`,
                        ),
                );
                const longest = Math.max(0, ...all.map((r) => (r.days === undefined ? Infinity : r.days)));
                if (all.every((r) => r.known) && longest < PROD_PROFILE.backupMonthlyRetentionDays) {
                    problems.push(
                        `no rule keeps recovery points ${PROD_PROFILE.backupMonthlyRetentionDays} days (longest: ${longest}): prod keeps monthly points a year (tap:backupMonthlyRetentionDays)`,
                    );
                }
            }
            return problems.map((message) => ({ urn: plan.urn, message }));
        }),
};

/** Rules and copies land in the stack's own vaults (encrypted with its key, locked), not the account's Default vault. */
const backupIntoStackVaults: StackPolicy = {
    name: "backup-rules-into-stack-vaults",
    controls: "Backup.1 / NIST 800-53 CP-9",
    description:
        "Every AWS Backup rule of the stack targets a vault of the stack (by name) and every copy action a vault of the stack (by ARN): recovery points land where the stack's key and vault lock apply.",
    enforcementLevel: "mandatory",
    resourceTypes: [PLAN],
    validateStack: (resources) => {
        const vaults = ofType(resources, VAULT);
        const names = vaults.map((v) => v.props.name);
        const arns = vaults.map((v) => v.props.arn);
        if ([...names, ...arns].some(isUnknown)) return [];
        return ofType(resources, PLAN).flatMap((plan) =>
            list(plan.props.rules).flatMap((rule): StackViolation[] => {
                const problems: string[] = [];
                const target = at(rule, "targetVaultName");
                if (!isUnknown(target) && !names.includes(target))
                    problems.push(
                        `rule ${show(at(rule, "ruleName"))} targets vault ${show(target)}, not one of the stack's (${names.map(show).join(", ") || "none"})`,
                    );
                for (const c of list(at(rule, "copyActions"))) {
                    const destination = at(c, "destinationVaultArn");
                    if (!isUnknown(destination) && !arns.includes(destination))
                        problems.push(`rule ${show(at(rule, "ruleName"))} copies to ${show(destination)}, not a vault of the stack`);
                }
                return problems.map((message) => ({ urn: plan.urn, message }));
            }),
        );
    },
};

/** Over several regions, each region's recovery points are copied into another region's vault. */
const backupCopiedAcrossRegions: StackPolicy = {
    name: "backup-copied-across-regions",
    controls: "NIST 800-53 CP-9, CP-6",
    description:
        "In a stack whose backup vaults span several regions, every backup plan copies each rule's recovery points into a vault of another region (a regional outage or a deleted vault does not take the only copy).",
    enforcementLevel: "mandatory",
    resourceTypes: [PLAN],
    validateStack: (resources) => {
        const vaults = ofType(resources, VAULT);
        const regionOfVault = new Map<unknown, string | undefined>(vaults.map((v) => [v.props.name, regionOfArn(v.props.arn)]));
        const regions = new Set([...regionOfVault.values()].filter((r): r is string => r !== undefined));
        if (regions.size < 2) return [];
        return ofType(resources, PLAN).flatMap((plan) =>
            list(plan.props.rules).flatMap((rule): StackViolation[] => {
                const home = regionOfVault.get(at(rule, "targetVaultName"));
                if (home === undefined) return [];
                const elsewhere = list(at(rule, "copyActions")).some((c) => {
                    const region = regionOfArn(at(c, "destinationVaultArn"));
                    return isUnknown(at(c, "destinationVaultArn")) || (region !== undefined && region !== home);
                });
                return elsewhere
                    ? []
                    : [
                          {
                              urn: plan.urn,
                              message: `rule ${show(at(rule, "ruleName"))} keeps its recovery points in ${home} only, while the stack has vaults in ${[...regions].join(", ")}: add a copy action to another region's vault`,
                          },
                      ];
            }),
        );
    },
};

/** In prod every vault is locked, and the lock's bounds hold the stack's retentions. */
const vaultsLockedProd: StackPolicy = {
    name: "backup-vault-lock-prod",
    controls: "NIST 800-53 CP-9, SI-7",
    description: `In a production stack every backup vault has a vault lock naming it, whose minimum retention is at least ${PROD_PROFILE.backupVaultLockMinRetentionDays} days (the prod profile); in any stack a lock's bounds contain every retention of the rules that target its vault.`,
    enforcementLevel: "mandatory",
    resourceTypes: [VAULT, VAULT_LOCK],
    validateStack: (resources) => {
        const locks = ofType(resources, VAULT_LOCK);
        const plans = ofType(resources, PLAN);
        return ofType(resources, VAULT).flatMap((vault): StackViolation[] => {
            const own = locks.filter((l) => listNames(l, "backupVaultName", vault, [vault.props.name, vault.id]) !== "no");
            const problems: string[] = [];
            if (own.length === 0) {
                if (inProd(vault) || stackInProd(resources))
                    problems.push(`vault ${show(vault.props.name)} has no vault lock in a production stack (tap:backupVaultLock)`);
                return problems.map((message) => ({ urn: vault.urn, message }));
            }
            const days = plans
                .flatMap((p) =>
                    list(p.props.rules)
                        .filter((r) => at(r, "targetVaultName") === vault.props.name)
                        .map((r) => at(r, "lifecycle", "deleteAfter")),
                )
                .filter((d): d is number => typeof d === "number");
            for (const lock of own) {
                const min = lock.props.minRetentionDays;
                const max = lock.props.maxRetentionDays;
                if ((inProd(vault) || stackInProd(resources)) && below(min, PROD_PROFILE.backupVaultLockMinRetentionDays)) {
                    problems.push(
                        `vault lock minRetentionDays is ${show(min)}: prod locks recovery points at least ${PROD_PROFILE.backupVaultLockMinRetentionDays} days (tap:backupVaultLockMinRetentionDays)`,
                    );
                }
                if (typeof min === "number" && days.some((d) => d < min))
                    problems.push(
                        `a rule keeps recovery points ${Math.min(...days)} days, under the lock's minimum ${min}: its backup jobs fail`,
                    );
                if (typeof max === "number" && days.some((d) => d > max))
                    problems.push(
                        `a rule keeps recovery points ${Math.max(...days)} days, over the lock's maximum ${max}: its backup jobs fail`,
                    );
            }
            return problems.map((message) => ({ urn: vault.urn, message }));
        });
    },
};

/** The tags a resource carries (`tags`, as the plan and CrossGuard see them). */
const tagsOf = (r: StackResource): Record<string, unknown> => {
    const tags = r.props.tagsAll ?? r.props.tags;
    return tags !== null && typeof tags === "object" ? (tags as Record<string, unknown>) : {};
};

/** An ARN pattern of a selection (`*` wildcards, as AWS Backup accepts them) as a regular expression. */
const arnPattern = (pattern: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);

/**
 * Whether a selection chooses a database: by an ARN (or ARN pattern) of its `resources`, or by a tag
 * the database carries (selectionTags STRINGEQUALS; conditions StringEquals), not merely by selecting by tag.
 * AWS Backup: "resources" are ARNs or patterns; tag-based selection assigns resources carrying the tag
 * (AWS Backup Developer Guide, "Assigning resources to a backup plan"). "unknown" while it cannot be told.
 */
function selects(selection: StackResource, db: StackResource): "yes" | "no" | "unknown" {
    if (selection.propertyDependencies?.resources?.includes(db.urn)) return "yes";
    const { resources, selectionTags, conditions } = selection.props;
    if ([resources, selectionTags, conditions, db.props.arn, db.props.tags].some(isUnknown)) return "unknown";
    const arn = typeof db.props.arn === "string" ? db.props.arn : undefined;
    if (arn === undefined) return "unknown";
    const byArn = strings(resources).some((r) => arnPattern(r).test(arn));
    const tags = tagsOf(db);
    const byTag = list(selectionTags).some(
        (t) => /^stringequals$/i.test(String(at(t, "type"))) && tags[String(at(t, "key"))] === at(t, "value"),
    );
    const byCondition = list(at(conditions, "stringEquals")).some((c) => {
        const key = String(at(c, "key")).replace(/^aws:ResourceTag\//, "");
        return tags[key] === at(c, "value");
    });
    return byArn || byTag || byCondition ? "yes" : "no";
}

/** Where the stack backs up, every database is chosen by a selection (by its ARN, or by a tag it carries). */
const backupCoversDatabases: StackPolicy = {
    name: "backup-selection-covers-databases",
    controls: "RDS.26 / NIST 800-53 CP-9",
    description:
        "In a stack with AWS Backup selections, every RDS instance and cluster (read replicas aside) is chosen by one: by its ARN (or an ARN pattern matching it), or by a tag the database actually carries.",
    enforcementLevel: "mandatory",
    resourceTypes: [SELECTION],
    validateStack: (resources) => {
        const selections = ofType(resources, SELECTION);
        if (selections.length === 0) return [];
        return ofType(resources, DB_INSTANCE, DB_CLUSTER)
            .filter((db) => !isReplica(db))
            .flatMap((db): StackViolation[] =>
                selections.some((s) => selects(s, db) !== "no")
                    ? []
                    : [
                          {
                              urn: db.urn,
                              message: `no AWS Backup selection of the stack chooses it: ${selections.map((s) => `${s.name} selects ${show(s.props.resources ?? s.props.selectionTags)}`).join("; ")}`,
                          },
                      ],
            );
    },
};

/** Object Lock's default retention held to the profile: present, and a year of trail files in prod. */
const objectLockRetention: StackPolicy = {
    name: "object-lock-default-retention",
    controls: "NIST 800-53 AU-9",
    description: `Every S3 Object Lock configuration of the stack sets a default retention (mode and days or years), of at least ${PROD_PROFILE.auditLogObjectLockDays} days in a production stack (tap:auditLogObjectLockDays' prod profile).`,
    enforcementLevel: "mandatory",
    resourceTypes: [OBJECT_LOCK],
    validateStack: (resources) =>
        ofType(resources, OBJECT_LOCK).flatMap((lock): StackViolation[] => {
            const enabled = lock.props.objectLockEnabled;
            if (enabled !== undefined && differs(enabled, "Enabled"))
                return [{ urn: lock.urn, message: `objectLockEnabled is ${show(enabled)}: nothing is locked` }];
            const retention = at(lock.props, "rule", "defaultRetention");
            if (isUnknown(retention)) return [];
            const days = at(retention, "days");
            const years = at(retention, "years");
            if (!isSet(days) && !isSet(years))
                return [
                    {
                        urn: lock.urn,
                        message:
                            "Object Lock without a default retention: objects are not locked unless each writer asks (set rule.defaultRetention)",
                    },
                ];
            const total = typeof days === "number" ? days : typeof years === "number" ? years * 365 : undefined;
            if ((inProd(lock) || stackInProd(resources)) && total !== undefined && total < PROD_PROFILE.auditLogObjectLockDays) {
                return [
                    {
                        urn: lock.urn,
                        message: `objects are locked ${total} days by default: prod locks trail files ${PROD_PROFILE.auditLogObjectLockDays} days (tap:auditLogObjectLockDays)`,
                    },
                ];
            }
            return [];
        }),
};

export const RESILIENCE_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "backup-vault-kms",
        controls: "Backup.1",
        description:
            "AWS Backup vaults encrypt their recovery points with a customer-managed KMS key (kmsKeyArn), not an AWS managed key (unset, or alias/aws/...).",
        enforcementLevel: "mandatory",
        resourceTypes: [VAULT],
        check: (p) =>
            !isSet(p.kmsKeyArn)
                ? ["kmsKeyArn is unset: recovery points would be encrypted with the AWS managed key, outside the stack's key policy"]
                : // An AWS managed key (alias/aws/...) is governed by AWS, not by the stack's key policy (AWS KMS: "AWS managed keys").
                  typeof p.kmsKeyArn === "string" && /(^|:)alias\/aws\//.test(p.kmsKeyArn)
                  ? [`kmsKeyArn is ${show(p.kmsKeyArn)}, an AWS managed key: its policy is AWS's, not the stack's`]
                  : [],
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
            if (!(typeof interval === "number" && interval > 0))
                return [`monitoringInterval is ${show(interval)}: enhanced monitoring is off (tap:dbMonitoringInterval)`];
            return isSet(p.monitoringRoleArn) ? [] : ["monitoringRoleArn is unset: RDS needs a role to publish enhanced monitoring"];
        },
    }),
    resourcePolicy({
        name: "rds-iam-authentication",
        controls: "RDS.10",
        description: "RDS instances accept IAM database authentication (iamDatabaseAuthenticationEnabled).",
        enforcementLevel: "mandatory",
        resourceTypes: [DB_INSTANCE],
        check: (p) =>
            at(p, "replicateSourceDb") === undefined && differs(p.iamDatabaseAuthenticationEnabled, true)
                ? [`iamDatabaseAuthenticationEnabled is ${show(p.iamDatabaseAuthenticationEnabled)}: must be true`]
                : [],
    }),
    asgReportsFailures,
    trailFilesLocked,
    httpsOnly,
    backupRetentionProfile,
    backupIntoStackVaults,
    backupCopiedAcrossRegions,
    vaultsLockedProd,
    backupCoversDatabases,
    objectLockRetention,
];
