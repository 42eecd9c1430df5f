import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SecureBucket } from "../security/secure-bucket";
import { AuditTrail } from "./audit-trail";
import { ConfigRecording } from "./config-recording";
import { SecurityAlarms } from "./security-alarms";
import { ThreatDetection } from "./threat-detection";

export interface MonitoringArgs {
    readonly namePrefix: string;
    /** The region's stack key: trail files, log groups, Config snapshots, the alert topic. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** The bucket that receives the monitoring buckets' server access logs. */
    readonly accessLogsBucket: SecureBucket;
    /** Days after which trail files and Config history are deleted (> 90). */
    readonly auditLogExpirationDays: number;
    readonly logRetentionDays: number;
    readonly forceDestroyBuckets: boolean;
    /** The account's trail, created in the primary region only. @default no trail in this region */
    readonly trail?: {
        /** @default true */
        readonly multiRegion: boolean;
        /** @default none */
        readonly dataEventBuckets: readonly string[];
        /** The trail that covers the other regions of a single-region trail (tap:cloudTrailCoveredBy). @default none */
        readonly coveredBy?: string;
        /** The stack's profile (dev, prod), tagged on the trail. */
        readonly profile: string;
    };
    /** The primary region: records global resource types in Config. */
    readonly primary: boolean;
    /** The role Config recorders assume (GlobalBaseline). */
    readonly configRole?: aws.iam.Role;
    /** @default true */
    readonly createGuardDutyDetector: boolean;
    readonly guardDutyDetectorId?: string;
    /** @default true */
    readonly createConfigRecorder: boolean;
    readonly configRecorderName: string;
    /** @default no email subscription */
    readonly alarmEmail?: string;
    readonly provider: aws.Provider;
}

/** GuardDuty, AWS Config and the alert topic of one region; in the primary, CloudTrail and the CIS alarms too. */
export class Monitoring extends pulumi.ComponentResource {
    public readonly auditTrail?: AuditTrail;
    public readonly threatDetection: ThreatDetection;
    public readonly configRecording: ConfigRecording;
    public readonly alarms: SecurityAlarms;

    constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:monitoring:Monitoring", name, {}, { ...opts, providers: { aws: args.provider } });
        const p = args.namePrefix;
        const common = { namePrefix: p, provider: args.provider };
        this.auditTrail = args.trail && new AuditTrail(`${p}-audit-trail`, {
            ...common,
            kmsKeyArn: args.kmsKeyArn,
            multiRegion: args.trail.multiRegion,
            dataEventBuckets: args.trail.dataEventBuckets,
            coveredBy: args.trail.coveredBy,
            profile: args.trail.profile,
            logRetentionDays: args.logRetentionDays,
            accessLogsBucket: args.accessLogsBucket,
            logExpirationDays: args.auditLogExpirationDays,
            forceDestroyBuckets: args.forceDestroyBuckets,
        }, { parent: this });
        this.threatDetection = new ThreatDetection(`${p}-threat-detection`, {
            ...common,
            createDetector: args.createGuardDutyDetector,
            existingDetectorId: args.guardDutyDetectorId,
        }, { parent: this });
        this.configRecording = new ConfigRecording(`${p}-config-recording`, {
            ...common,
            createRecorder: args.createConfigRecorder,
            recorderName: args.configRecorderName,
            role: args.configRole,
            includeGlobalResourceTypes: args.primary,
            kmsKeyArn: args.kmsKeyArn,
            accessLogsBucket: args.accessLogsBucket,
            logExpirationDays: args.auditLogExpirationDays,
            forceDestroyBuckets: args.forceDestroyBuckets,
        }, { parent: this });
        this.alarms = new SecurityAlarms(`${p}-security-alarms`, {
            ...common,
            kmsKeyArn: args.kmsKeyArn,
            trailLogGroupName: this.auditTrail?.logGroup.name,
            alarmEmail: args.alarmEmail,
        }, { parent: this });
        this.registerOutputs({
            cloudTrailArn: this.auditTrail?.trail.arn,
            guardDutyDetectorId: this.threatDetection.detectorId,
            configRecorderName: this.configRecording.recorderName,
            alarmTopicArn: this.alarms.topic.arn,
        });
    }
}
