import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { tcpWithGroup } from "../network/security-group-rules";
import { connectionsAlarmThreshold } from "./max-connections";
import { supportsPerformanceInsights } from "./performance-insights";
import { DB_ALLOCATED_STORAGE_GIB, DB_MONITORING_INTERVALS } from "./vocabulary";
import { DatabaseSettings } from "./settings";

export const DB_ENGINE = "postgres";
/** A major version only: with autoMinorVersionUpgrade, RDS applies minor releases itself (RDS.13). */
export const DB_ENGINE_VERSION = "17";
export const DB_PORT = 5432;
/** The log types exported to CloudWatch Logs (RDS.9). */
export const DB_LOG_EXPORTS = ["postgresql", "upgrade"] as const;

/** AWS's managed policy for the enhanced monitoring role: publish OS metrics to CloudWatch Logs (RDSOSMetrics). */
export const RDS_MONITORING_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole";

/** Parameters of the instance's parameter group, each for the audit. */
export const DB_PARAMETERS: Readonly<Record<string, string>> = {
    "rds.force_ssl": "1", // encryption in transit: connections without TLS are refused
    log_connections: "1", // who connected, from where
    log_disconnections: "1",
};

export interface DatabaseArgs {
    /** Prefix of every name, e.g. `tap-prod-use1`. */
    readonly namePrefix: string;
    /** Its settings (tap: keys of the same names), whole: the stack passes its settings group. */
    readonly settings: DatabaseSettings;
    readonly vpcId: pulumi.Input<string>;
    /** Private subnets, one per AZ: the DB subnet group. */
    readonly privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The app instances' security group: the only source allowed on 5432. */
    readonly appSecurityGroupId: pulumi.Input<string>;
    /** The stack key: storage, the master password's secret, Performance Insights, the log groups. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** The alert topic the database's alarms notify. */
    readonly alarmTopicArn: pulumi.Input<string>;
    /** Storage at creation, GiB (gp3: at least 20). @default 20 */
    readonly allocatedStorageGiB?: number;
    /** Connections above which the alarm fires. @default 80% of the class's max_connections (max-connections.ts) */
    readonly connectionsAlarmThreshold?: number;
    readonly provider: aws.Provider;
}

/**
 * The data tier of one region: RDS for PostgreSQL in the private subnets, reachable on 5432 from
 * the app instances only, encrypted with the stack key, its master password kept by RDS in
 * Secrets Manager (never in code, config or state), backed up, logging to encrypted log groups,
 * with CPU, storage and connection alarms on the alert topic.
 */
export class Database extends pulumi.ComponentResource {
    public readonly securityGroup: aws.ec2.SecurityGroup;
    public readonly subnetGroup: aws.rds.SubnetGroup;
    public readonly parameterGroup: aws.rds.ParameterGroup;
    /** `/aws/rds/instance/<identifier>/<type>`, created before the instance so RDS uses them. */
    public readonly logGroups: aws.cloudwatch.LogGroup[];
    public readonly instance: aws.rds.Instance;
    public readonly alarms: aws.cloudwatch.MetricAlarm[];
    public readonly identifier: string;
    /** The role RDS enhanced monitoring publishes OS metrics with; absent with dbMonitoringInterval 0. */
    public readonly monitoringRole?: aws.iam.Role;
    /** The stable random suffix of the final snapshot's name (with deletion protection). */
    public readonly finalSnapshotSuffix?: random.RandomId;
    /** The Secrets Manager secret RDS keeps the master credentials in. */
    public readonly masterUserSecretArn: pulumi.Output<string>;

    constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        const instanceClass = args.settings.dbInstanceClass;
        const allocated = args.allocatedStorageGiB ?? DB_ALLOCATED_STORAGE_GIB;
        const maxAllocated = args.settings.dbMaxAllocatedStorageGiB;
        const backupRetentionDays = args.settings.dbBackupRetentionDays;
        const connectionsThreshold = args.connectionsAlarmThreshold ?? connectionsAlarmThreshold(instanceClass);
        const monitoringInterval = args.settings.dbMonitoringInterval;
        validate(name, instanceClass, allocated, maxAllocated, backupRetentionDays, connectionsThreshold, monitoringInterval);
        super("tap:data:Database", name, {}, { ...opts, providers: { aws: args.provider } });
        const prefix = args.namePrefix;
        this.identifier = `${prefix}-db`;
        const deletionProtection = args.settings.deletionProtection;
        const phase: Phase = {
            args,
            prefix,
            instanceClass,
            allocated,
            maxAllocated,
            backupRetentionDays,
            monitoringInterval,
            deletionProtection,
            connectionsThreshold: connectionsThreshold!, // validate: known
            child: { parent: this, provider: args.provider },
        };
        // The phases: who may connect, where the instance lives and how it is configured, where its
        // logs and OS metrics go, the instance itself, then the alarms that watch it.
        this.securityGroup = this.createSecurityGroup(phase);
        this.allowAppToDatabase(phase);
        this.subnetGroup = this.createSubnetGroup(phase);
        this.parameterGroup = this.createParameterGroup(phase);
        this.logGroups = this.createLogGroups(phase);
        const monitoring = this.createMonitoringRole(phase);
        this.monitoringRole = monitoring?.role;
        this.finalSnapshotSuffix = deletionProtection ? this.createFinalSnapshotSuffix(phase) : undefined;
        this.instance = this.createInstance(phase, monitoring?.policy);
        this.masterUserSecretArn = this.instance.masterUserSecrets.apply((secrets) => secrets[0]?.secretArn ?? "");
        this.alarms = this.createAlarms(phase);

        this.registerOutputs({
            endpoint: this.instance.endpoint,
            masterUserSecretArn: this.masterUserSecretArn,
            securityGroupId: this.securityGroup.id,
        });
    }

    /** The database's group: PostgreSQL from the app group only; no egress rule at all (a database initiates nothing). */
    private createSecurityGroup({ args, prefix, child }: Phase): aws.ec2.SecurityGroup {
        const group = new aws.ec2.SecurityGroup(
            `${prefix}-db-sg`,
            {
                vpcId: args.vpcId,
                description: `${prefix} database: PostgreSQL from the app instances only, nothing out`,
                tags: { Name: `${prefix}-db-sg` },
            },
            child,
        );
        new aws.vpc.SecurityGroupIngressRule(
            `${prefix}-db-ingress-from-app`,
            {
                securityGroupId: group.id,
                description: `PostgreSQL ${DB_PORT} from the app instances`,
                ...tcpWithGroup(DB_PORT, args.appSecurityGroupId),
            },
            child,
        );
        return group;
    }

    /** The app group's egress to the database (Compute scopes the app group's egress: it needs this rule). */
    private allowAppToDatabase({ args, prefix, child }: Phase): aws.vpc.SecurityGroupEgressRule {
        return new aws.vpc.SecurityGroupEgressRule(
            `${prefix}-app-egress-to-db`,
            {
                securityGroupId: args.appSecurityGroupId,
                description: `PostgreSQL ${DB_PORT} to the database`,
                ...tcpWithGroup(DB_PORT, this.securityGroup.id),
            },
            child,
        );
    }

    /** The private subnets the instance (and its standby) may be placed in. */
    private createSubnetGroup({ args, prefix, child }: Phase): aws.rds.SubnetGroup {
        return new aws.rds.SubnetGroup(
            `${prefix}-db-subnets`,
            {
                name: `${prefix}-db`,
                description: `${prefix} database: the private subnets`,
                subnetIds: args.privateSubnetIds,
            },
            child,
        );
    }

    /** `DB_PARAMETERS`: TLS only, connection logging. */
    private createParameterGroup({ prefix, child }: Phase): aws.rds.ParameterGroup {
        return new aws.rds.ParameterGroup(
            `${prefix}-db-params`,
            {
                name: `${prefix}-db-${DB_ENGINE}${DB_ENGINE_VERSION}`,
                family: `${DB_ENGINE}${DB_ENGINE_VERSION}`,
                description: `${prefix} database: TLS only, connection logging`,
                parameters: Object.entries(DB_PARAMETERS).map(([parameterName, value]) => ({
                    name: parameterName,
                    value,
                    applyMethod: "pending-reboot",
                })),
            },
            child,
        );
    }

    /** RDS.9: the groups the exported logs land in, with retention and the stack key. */
    private createLogGroups({ args, prefix, child }: Phase): aws.cloudwatch.LogGroup[] {
        // Left to RDS, it would create them on first export: no retention, no key.
        return DB_LOG_EXPORTS.map(
            (type) =>
                new aws.cloudwatch.LogGroup(
                    `${prefix}-db-${type}-logs`,
                    {
                        name: `/aws/rds/instance/${this.identifier}/${type}`,
                        retentionInDays: args.settings.logRetentionDays,
                        kmsKeyId: args.kmsKeyArn,
                    },
                    child,
                ),
        );
    }

    /** Enhanced monitoring's own role (OS metrics every dbMonitoringInterval seconds); none with interval 0. */
    private createMonitoringRole({
        prefix,
        child,
        monitoringInterval,
    }: Phase): { role: aws.iam.Role; policy: aws.iam.RolePolicyAttachment } | undefined {
        if (monitoringInterval === 0) return undefined;
        const role = new aws.iam.Role(
            `${prefix}-db-monitoring-role`,
            {
                description: `${this.identifier}: RDS enhanced monitoring publishes OS metrics`,
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Principal: { Service: "monitoring.rds.amazonaws.com" }, Action: "sts:AssumeRole" }],
                }),
            },
            child,
        );
        const policy = new aws.iam.RolePolicyAttachment(
            `${prefix}-db-monitoring-policy`,
            {
                role: role.name,
                policyArn: RDS_MONITORING_POLICY_ARN,
            },
            child,
        );
        return { role, policy };
    }

    /** With deletion protection: the random part of the final snapshot's name, kept in state. */
    private createFinalSnapshotSuffix({ args, prefix, child }: Phase): random.RandomId {
        // A final snapshot name used once: a database replaced and deleted again would otherwise collide
        // with its predecessor's final snapshot (DBSnapshotAlreadyExists). Kept in state; renewed only
        // when an input that replaces the instance changes.
        return new random.RandomId(
            `${prefix}-db-final-snapshot-suffix`,
            {
                byteLength: 4,
                keepers: { identifier: this.identifier, engine: DB_ENGINE, kmsKeyId: args.kmsKeyArn, dbName: "tap", username: "tap_admin" },
            },
            child,
        );
    }

    /** The RDS for PostgreSQL instance: private, encrypted, TLS only, its password kept by RDS. */
    private createInstance(phase: Phase, monitoringPolicy: aws.iam.RolePolicyAttachment | undefined): aws.rds.Instance {
        const { args, prefix, child, instanceClass, allocated, maxAllocated, backupRetentionDays, monitoringInterval, deletionProtection } =
            phase;
        const performanceInsights = supportsPerformanceInsights(DB_ENGINE, instanceClass);
        return new aws.rds.Instance(
            `${prefix}-db`,
            {
                identifier: this.identifier,
                engine: DB_ENGINE,
                engineVersion: DB_ENGINE_VERSION,
                instanceClass,
                dbName: "tap",
                username: "tap_admin",
                // Seed 004 #1 / seed 001 #14: RDS generates, stores and rotates the password in Secrets
                // Manager, encrypted with the stack key. No password argument anywhere.
                manageMasterUserPassword: true,
                masterUserSecretKmsKeyId: args.kmsKeyArn,
                iamDatabaseAuthenticationEnabled: true, // RDS.10
                port: DB_PORT,
                dbSubnetGroupName: this.subnetGroup.name,
                vpcSecurityGroupIds: [this.securityGroup.id],
                publiclyAccessible: false, // RDS.2 / CIS 2.3.3
                parameterGroupName: this.parameterGroup.name,
                storageType: "gp3",
                allocatedStorage: allocated,
                maxAllocatedStorage: maxAllocated, // storage autoscaling up to this ceiling
                storageEncrypted: true, // RDS.3 / CIS 2.3.1
                kmsKeyId: args.kmsKeyArn,
                multiAz: args.settings.dbMultiAz, // RDS.5
                backupRetentionPeriod: backupRetentionDays, // RDS.11
                copyTagsToSnapshot: true, // RDS.17
                autoMinorVersionUpgrade: true, // RDS.13 / CIS 2.3.2
                enabledCloudwatchLogsExports: [...DB_LOG_EXPORTS], // RDS.9
                // Seed 004 #5: only where the class supports it (see performance-insights.ts).
                performanceInsightsEnabled: performanceInsights,
                performanceInsightsKmsKeyId: performanceInsights ? args.kmsKeyArn : undefined,
                performanceInsightsRetentionPeriod: performanceInsights ? 7 : undefined,
                deletionProtection, // RDS.8 (tap:deletionProtection)
                // Guarded databases leave a final snapshot on destroy; dev ones tear down cleanly (seed 002 #2).
                skipFinalSnapshot: !deletionProtection,
                finalSnapshotIdentifier: this.finalSnapshotSuffix
                    ? pulumi.interpolate`${this.identifier}-final-${this.finalSnapshotSuffix.hex}`
                    : undefined,
                deleteAutomatedBackups: !deletionProtection,
                monitoringInterval,
                monitoringRoleArn: this.monitoringRole?.arn,
                tags: { Name: this.identifier },
            },
            { ...child, dependsOn: [...this.logGroups, ...(monitoringPolicy ? [monitoringPolicy] : [])] },
        );
    }

    /** CPU, free storage and connections alarms on the alert topic. */
    private createAlarms({ args, prefix, child, allocated, instanceClass, connectionsThreshold }: Phase): aws.cloudwatch.MetricAlarm[] {
        const alarm = (id: string, description: string, metricName: string, comparisonOperator: string, threshold: number) =>
            new aws.cloudwatch.MetricAlarm(
                `${prefix}-db-${id}`,
                {
                    name: `${prefix}-db-${id}`,
                    alarmDescription: `${this.identifier}: ${description}`,
                    namespace: "AWS/RDS",
                    metricName,
                    dimensions: { DBInstanceIdentifier: this.instance.identifier },
                    statistic: "Average",
                    period: 300,
                    evaluationPeriods: 3,
                    threshold,
                    comparisonOperator,
                    treatMissingData: "breaching", // no data from a database is itself a problem
                    alarmActions: [args.alarmTopicArn],
                    okActions: [args.alarmTopicArn],
                },
                child,
            );
        const freeStorageBytes = Math.round(0.1 * allocated * 1024 ** 3);
        return [
            alarm("cpu-high", "CPU above 80% for 15 minutes", "CPUUtilization", "GreaterThanThreshold", 80),
            alarm(
                "free-storage-low",
                `free storage below 10% of the allocated ${allocated} GiB for 15 minutes`,
                "FreeStorageSpace",
                "LessThanThreshold",
                freeStorageBytes,
            ),
            alarm(
                "connections-high",
                `more than ${connectionsThreshold} connections (80% of ${instanceClass}'s max_connections) for 15 minutes`,
                "DatabaseConnections",
                "GreaterThanThreshold",
                connectionsThreshold,
            ),
        ];
    }
}

/** What every construction phase of a Database reads: its arguments, defaults applied. */
interface Phase {
    readonly args: DatabaseArgs;
    readonly prefix: string;
    readonly child: pulumi.CustomResourceOptions;
    readonly instanceClass: string;
    readonly allocated: number;
    readonly maxAllocated: number;
    readonly backupRetentionDays: number;
    readonly connectionsThreshold: number;
    readonly monitoringInterval: number;
    readonly deletionProtection: boolean;
}

/** Impossible arguments fail here, naming the argument, before any resource is registered. */
function validate(
    name: string,
    instanceClass: string,
    allocated: number,
    maxAllocated: number,
    backupRetentionDays: number,
    connectionsThreshold: number | undefined,
    monitoringInterval: number,
): void {
    const fail = (message: string) => {
        throw new Error(`Database ${name}: ${message}`);
    };
    if (!/^db\.[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(instanceClass))
        fail(`dbInstanceClass must be db.<family>.<size>, got ${JSON.stringify(instanceClass)}`);
    if (!(Number.isInteger(allocated) && allocated >= 20 && allocated <= 65536))
        fail(`allocatedStorageGiB must be a whole number from 20 (gp3's minimum) to 65536, got ${allocated}`);
    if (!(Number.isInteger(maxAllocated) && maxAllocated > allocated && maxAllocated <= 65536))
        fail(`maxAllocatedStorageGiB must be above allocatedStorageGiB (${allocated}) and at most 65536, got ${maxAllocated}`);
    if (!(Number.isInteger(backupRetentionDays) && backupRetentionDays >= 7 && backupRetentionDays <= 35))
        fail(`dbBackupRetentionDays must be a whole number from 7 (RDS.11) to 35, got ${backupRetentionDays}`);
    if (connectionsThreshold === undefined)
        fail(
            `dbInstanceClass ${instanceClass}: its max_connections is unknown (lib/data/max-connections.ts); pass connectionsAlarmThreshold`,
        );
    if (!(DB_MONITORING_INTERVALS as readonly number[]).includes(monitoringInterval))
        fail(`dbMonitoringInterval must be one of ${DB_MONITORING_INTERVALS.join(", ")}, got ${monitoringInterval}`);
}
