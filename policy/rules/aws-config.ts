/** AWS Config and GuardDuty: recording everything, in the order AWS accepts; threat detection on. */
import { ofType, waitsFor } from "../relations";
import { resourcePolicy, StackPolicy, StackViolation, TapPolicy } from "../types";
import { at, differs, isSet, show } from "../values";

const RECORDER = "aws:cfg/recorder:Recorder";
const RECORDER_STATUS = "aws:cfg/recorderStatus:RecorderStatus";
const DELIVERY_CHANNEL = "aws:cfg/deliveryChannel:DeliveryChannel";
const DETECTOR = "aws:guardduty/detector:Detector";

/** Recorder, then delivery channel, then status: AWS refuses to start a recorder without a channel. */
const recordingOrder: StackPolicy = {
    name: "config-recording-order",
    controls: "CIS 3.3 / Config.1; aws-constraints",
    description:
        "The Config recorder status depends on the delivery channel, and the delivery channel on the recorder, so AWS creates them in the order it accepts (else NoAvailableDeliveryChannelException).",
    enforcementLevel: "mandatory",
    resourceTypes: [RECORDER_STATUS, DELIVERY_CHANNEL],
    validateStack: (resources) => {
        const violations: StackViolation[] = [];
        const channels = ofType(resources, DELIVERY_CHANNEL);
        const recorders = ofType(resources, RECORDER);
        for (const status of ofType(resources, RECORDER_STATUS)) {
            if (channels.length === 0) {
                violations.push({
                    urn: status.urn,
                    message: "no delivery channel in the stack: starting the recorder fails with NoAvailableDeliveryChannelException",
                });
            } else if (!channels.some((c) => waitsFor(status, c, resources))) {
                violations.push({
                    urn: status.urn,
                    message: `does not depend on the delivery channel (${channels.map((c) => c.name).join(", ")}): add it to dependsOn`,
                });
            }
        }
        for (const channel of channels) {
            if (recorders.length > 0 && !recorders.some((r) => waitsFor(channel, r, resources))) {
                violations.push({
                    urn: channel.urn,
                    message: `does not depend on the recorder (${recorders.map((r) => r.name).join(", ")}): a channel needs a recorder to exist`,
                });
            }
        }
        return violations;
    },
};

/**
 * Global resource types (IAM) are recorded by one recorder of the stack: AWS advises recording
 * them in a single region, since every region's recorder would otherwise record the same items.
 */
const recordsGlobalTypes: StackPolicy = {
    name: "config-records-global-types",
    controls: "CIS 3.3 / Config.1",
    description:
        "At least one Config recorder of the stack records global resource types (IAM); one region suffices, and is what AWS advises.",
    enforcementLevel: "mandatory",
    resourceTypes: [RECORDER],
    validateStack: (resources) => {
        const recorders = ofType(resources, RECORDER);
        const includes = (r: (typeof recorders)[number]) => at(r.props.recordingGroup, "includeGlobalResourceTypes");
        if (recorders.length === 0 || recorders.some((r) => !differs(includes(r), true))) return [];
        return recorders.map((r) => ({
            urn: r.urn,
            message: `recordingGroup.includeGlobalResourceTypes is ${show(includes(r))}, and no other recorder of the stack records global resource types (IAM)`,
        }));
    },
};

export const AWS_CONFIG_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "config-recorder-all-resources",
        controls: "CIS 3.3 / Config.1",
        description: "The Config recorder records all supported resource types.",
        enforcementLevel: "mandatory",
        resourceTypes: [RECORDER],
        check: (p) => {
            const allSupported = at(p.recordingGroup, "allSupported");
            return differs(allSupported, true) ? [`recordingGroup.allSupported is ${show(allSupported)}: must be true`] : [];
        },
    }),
    recordsGlobalTypes,
    resourcePolicy({
        name: "config-recorder-enabled",
        controls: "CIS 3.3 / Config.1",
        description: "The Config recorder is started (RecorderStatus isEnabled).",
        enforcementLevel: "mandatory",
        resourceTypes: [RECORDER_STATUS],
        check: (p) => (differs(p.isEnabled, true) ? [`isEnabled is ${show(p.isEnabled)}: the recorder records nothing`] : []),
    }),
    recordingOrder,
    resourcePolicy({
        name: "guardduty-detector-enabled",
        controls: "GuardDuty.1",
        description: "GuardDuty detectors are enabled.",
        enforcementLevel: "mandatory",
        resourceTypes: [DETECTOR],
        check: (p) => (p.enable === false ? ["enable is false: GuardDuty is suspended"] : []),
    }),
    resourcePolicy({
        name: "guardduty-no-datasources",
        controls: "GuardDuty.1; aws-constraints",
        description: "GuardDuty protections are set with aws.guardduty.DetectorFeature, not the deprecated Detector datasources.",
        enforcementLevel: "mandatory",
        resourceTypes: [DETECTOR],
        check: (p) =>
            isSet(p.datasources)
                ? ["datasources is deprecated in @pulumi/aws v7: declare each protection as an aws.guardduty.DetectorFeature"]
                : [],
    }),
];
