import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** GuardDuty protection plans the stack declares on its detector (DetectorFeature names). */
export const GUARDDUTY_FEATURES: readonly string[] = [
    "S3_DATA_EVENTS",
    "EBS_MALWARE_PROTECTION",
    "RDS_LOGIN_EVENTS",
    "LAMBDA_NETWORK_LOGS",
    "RUNTIME_MONITORING",
];

/** The switches of the protection plans, by feature; the one without a switch is always on. */
export interface GuardDutyFeatureSwitches {
    /** RUNTIME_MONITORING with EC2 agent management (GuardDuty.11, GuardDuty.13). */
    readonly guardDutyRuntimeMonitoring: boolean;
    /** S3_DATA_EVENTS (GuardDuty.10). */
    readonly guardDutyS3Protection: boolean;
    /** EBS_MALWARE_PROTECTION (GuardDuty.8). */
    readonly guardDutyMalwareProtection: boolean;
    /** RDS_LOGIN_EVENTS (GuardDuty.9). */
    readonly guardDutyRdsProtection: boolean;
}

/** Each declared feature's status, from the switches: what the detector should report (stack output, verify). */
export function guardDutyFeatureStatuses(s: GuardDutyFeatureSwitches): Record<string, "ENABLED" | "DISABLED"> {
    const on = (b: boolean) => (b ? "ENABLED" : "DISABLED");
    return {
        S3_DATA_EVENTS: on(s.guardDutyS3Protection),
        EBS_MALWARE_PROTECTION: on(s.guardDutyMalwareProtection),
        RDS_LOGIN_EVENTS: on(s.guardDutyRdsProtection),
        LAMBDA_NETWORK_LOGS: "ENABLED", // GuardDuty.6
        RUNTIME_MONITORING: on(s.guardDutyRuntimeMonitoring),
    };
}

/**
 * Every additional configuration GuardDuty returns for RUNTIME_MONITORING, declared whole: the
 * provider stores what GetDetector returns, so a block naming only EC2_AGENT_MANAGEMENT differs from
 * state on every `up` and the feature is replaced each time (aws-constraints, "What mocks and moto
 * cannot show"). The names and their order are the API's (GuardDuty API Reference,
 * DetectorAdditionalConfiguration: Name "EKS_ADDON_MANAGEMENT | ECS_FARGATE_AGENT_MANAGEMENT |
 * EC2_AGENT_MANAGEMENT"); that GetDetector lists them in this order is unconfirmed against a live account.
 * GuardDuty.13: GuardDuty installs and updates the agent on EC2 instances (through SSM); tap runs
 * no EKS cluster and no ECS on Fargate, so their agent management stays off.
 */
export const RUNTIME_MONITORING_ADDITIONAL_CONFIGURATIONS = [
    "EKS_ADDON_MANAGEMENT",
    "ECS_FARGATE_AGENT_MANAGEMENT",
    "EC2_AGENT_MANAGEMENT",
] as const;

export function runtimeMonitoringAdditionalConfigurations(
    status: "ENABLED" | "DISABLED",
): { name: string; status: "ENABLED" | "DISABLED" }[] {
    return RUNTIME_MONITORING_ADDITIONAL_CONFIGURATIONS.map((name) => ({
        name,
        status: name === "EC2_AGENT_MANAGEMENT" ? status : "DISABLED",
    }));
}

export interface ThreatDetectionArgs extends GuardDutyFeatureSwitches {
    readonly namePrefix: string;
    /** Create the region's detector; false adopts the existing one (one detector per account and region). @default true */
    readonly createGuardDutyDetector: boolean;
    /** Id of the existing detector to adopt; looked up in the region when unset. Only with `createDetector: false`. */
    readonly guardDutyDetectorId?: string;
    /** Set the features on an adopted detector too; by default the stack leaves an adopted detector's features as they are. @default false */
    readonly manageAdoptedGuardDutyFeatures: boolean;
    readonly provider: aws.Provider;
}

/** GuardDuty (GuardDuty.1): a detector publishing findings every 15 minutes, or the region's existing one. */
export class ThreatDetection extends pulumi.ComponentResource {
    /** The detector this stack created; undefined when it adopted an existing one. */
    public readonly detector?: aws.guardduty.Detector;
    public readonly detectorId: pulumi.Output<string>;
    /** The features the stack set, by name; undefined when it leaves an adopted detector's as they are. */
    public readonly featureStatuses?: Record<string, "ENABLED" | "DISABLED">;

    constructor(name: string, args: ThreatDetectionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:monitoring:ThreatDetection", name, {}, { ...opts, providers: { aws: args.provider } });
        const child = { parent: this, provider: args.provider };
        if (args.createGuardDutyDetector) {
            this.detector = new aws.guardduty.Detector(
                `${args.namePrefix}-guardduty`,
                {
                    enable: true, // GuardDuty.1
                    findingPublishingFrequency: "FIFTEEN_MINUTES",
                },
                child,
            );
            this.detectorId = this.detector.id;
        } else if (args.guardDutyDetectorId) {
            this.detectorId = pulumi.output(args.guardDutyDetectorId);
        } else {
            // The region already has a detector (a second one is refused): adopt it by lookup.
            this.detectorId = aws.guardduty.getDetectorOutput({}, child).id;
        }
        if (this.detector || args.manageAdoptedGuardDutyFeatures) {
            // Protection plans as DetectorFeature resources (Detector.datasources is deprecated in v7), each on or off by its switch.
            this.featureStatuses = guardDutyFeatureStatuses(args);
            for (const [feature, status] of Object.entries(this.featureStatuses)) {
                new aws.guardduty.DetectorFeature(
                    `${args.namePrefix}-guardduty-${feature.toLowerCase().replace(/_/g, "-")}`,
                    {
                        detectorId: this.detectorId,
                        name: feature,
                        status,
                        ...(feature === "RUNTIME_MONITORING" && {
                            additionalConfigurations: runtimeMonitoringAdditionalConfigurations(status),
                        }),
                    },
                    child,
                );
            }
        }
        this.registerOutputs({ detectorId: this.detectorId });
    }
}
