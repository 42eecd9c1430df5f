import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** GuardDuty protection plans enabled on a detector the stack creates (DetectorFeature names). */
export const GUARDDUTY_FEATURES: readonly string[] = [
    "S3_DATA_EVENTS",
    "EBS_MALWARE_PROTECTION",
    "RDS_LOGIN_EVENTS",
    "LAMBDA_NETWORK_LOGS",
];

export interface ThreatDetectionArgs {
    readonly namePrefix: string;
    /** Create the region's detector; false adopts the existing one (one detector per account and region). @default true */
    readonly createGuardDutyDetector: boolean;
    /** Id of the existing detector to adopt; looked up in the region when unset. Only with `createDetector: false`. */
    readonly guardDutyDetectorId?: string;
    readonly provider: aws.Provider;
}

/** GuardDuty (GuardDuty.1): a detector publishing findings every 15 minutes, or the region's existing one. */
export class ThreatDetection extends pulumi.ComponentResource {
    /** The detector this stack created; undefined when it adopted an existing one. */
    public readonly detector?: aws.guardduty.Detector;
    public readonly detectorId: pulumi.Output<string>;

    constructor(name: string, args: ThreatDetectionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:monitoring:ThreatDetection", name, {}, { ...opts, providers: { aws: args.provider } });
        const child = { parent: this, provider: args.provider };
        if (args.createGuardDutyDetector) {
            this.detector = new aws.guardduty.Detector(`${args.namePrefix}-guardduty`, {
                enable: true, // GuardDuty.1
                findingPublishingFrequency: "FIFTEEN_MINUTES",
            }, child);
            // Protection plans as DetectorFeature resources: Detector.datasources is deprecated in v7.
            for (const feature of GUARDDUTY_FEATURES) {
                new aws.guardduty.DetectorFeature(`${args.namePrefix}-guardduty-${feature.toLowerCase().replace(/_/g, "-")}`, {
                    detectorId: this.detector.id,
                    name: feature,
                    status: "ENABLED",
                }, child);
            }
            this.detectorId = this.detector.id;
        } else if (args.guardDutyDetectorId) {
            this.detectorId = pulumi.output(args.guardDutyDetectorId);
        } else {
            // The region already has a detector (a second one is refused): adopt it by lookup.
            this.detectorId = aws.guardduty.getDetectorOutput({}, child).id;
        }
        this.registerOutputs({ detectorId: this.detectorId });
    }
}
