import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SecureBucket } from "../security/secure-bucket";
import { AuditTrail, AuditTrailArgs } from "./audit-trail";
import { ConfigRecording } from "./config-recording";
import { SecurityAlarms } from "./security-alarms";
import { detectionFindingEvents } from "../detection/detection-events";
import { FINDING_EVENTS } from "./finding-events";
import { MonitoringSettings } from "./settings";

export interface MonitoringArgs {
    readonly namePrefix: string;
    /** Its settings (tap: keys of the same names), whole: the stack passes its settings group. */
    readonly settings: MonitoringSettings;
    /** The region's stack key: trail files, log groups, Config snapshots, the alert topic. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** The bucket that receives the monitoring buckets' server access logs. */
    readonly accessLogsBucket: SecureBucket;
    /** The app data buckets of every region: the trail records their object-level events. @default none */
    readonly appDataBucketNames?: AuditTrailArgs["appDataBucketNames"];
    /** The primary region: holds the account's trail and records global resource types in Config. */
    readonly primary: boolean;
    /** The role Config recorders record with: AWS Config's service-linked role (GlobalBaseline, Config.1). */
    readonly configRoleArn?: pulumi.Input<string>;
    /** The alert topic admits AWS Budgets (a CostBudget alerts it). @default false */
    readonly budgetAlerts?: boolean;
    // The alert rules for the findings of the region's detection services (lib/detection, docs/detection.md).
    /** This region's Security Hub findings are aggregated into the primary's hub, which alerts on them. @default false */
    readonly securityHubAggregatedElsewhere?: boolean;
    readonly provider: aws.Provider;
}

/**
 * Logging, audit and alarms of one region: AWS Config and the alert topic (with the rules that bring
 * the detection services' findings to it); in the primary, CloudTrail and the CIS alarms too. The
 * detection services themselves are Detection's (lib/detection).
 */
export class Monitoring extends pulumi.ComponentResource {
    public readonly auditTrail?: AuditTrail;
    public readonly configRecording: ConfigRecording;
    public readonly alarms: SecurityAlarms;

    constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:monitoring:Monitoring", name, {}, { ...opts, providers: { aws: args.provider } });
        const prefix = args.namePrefix;
        const common = { namePrefix: prefix, provider: args.provider };
        // One trail for the account, in the primary region.
        // Its children take the settings they read, under the same names (the settings group spread whole).
        const s = args.settings;
        this.auditTrail = args.primary
            ? new AuditTrail(
                  `${prefix}-audit-trail`,
                  {
                      ...common,
                      ...s,
                      kmsKeyArn: args.kmsKeyArn,
                      accessLogsBucket: args.accessLogsBucket,
                      appDataBucketNames: args.appDataBucketNames,
                      auditLogObjectLock: s.auditLogObjectLock
                          ? { mode: s.auditLogObjectLockMode, days: s.auditLogObjectLockDays }
                          : undefined,
                  },
                  { parent: this },
              )
            : undefined;
        this.configRecording = new ConfigRecording(
            `${prefix}-config-recording`,
            {
                ...common,
                ...s,
                kmsKeyArn: args.kmsKeyArn,
                accessLogsBucket: args.accessLogsBucket,
                roleArn: args.configRoleArn,
                includeGlobalResourceTypes: args.primary,
            },
            { parent: this },
        );
        this.alarms = new SecurityAlarms(
            `${prefix}-security-alarms`,
            {
                ...common,
                findingEvents: [
                    ...FINDING_EVENTS,
                    ...detectionFindingEvents(
                        args.settings.enableInspector,
                        args.securityHubAggregatedElsewhere ?? false,
                        args.settings.acknowledgeSecurityHubAlerts,
                    ),
                ],
                kmsKeyArn: args.kmsKeyArn,
                logRetentionDays: args.settings.logRetentionDays,
                trailLogGroupName: this.auditTrail?.logGroup.name,
                alarmEmail: args.settings.alarmEmail,
                budgetAlerts: args.budgetAlerts,
            },
            { parent: this },
        );
        this.registerOutputs({
            cloudTrailArn: this.auditTrail?.trail.arn,
            configRecorderName: this.configRecording.recorderName,
            alarmTopicArn: this.alarms.topic.arn,
        });
    }
}
