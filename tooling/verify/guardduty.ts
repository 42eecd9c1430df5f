/** GuardDuty check (GuardDuty client): the detector the stack created or adopted is enabled. */
import { GetDetectorCommand } from "@aws-sdk/client-guardduty";
import { Check, verdict } from "./check";

export const detectorEnabled: Check = {
    id: "guardduty.detector-enabled",
    control: "GuardDuty.1",
    proves: "The region's GuardDuty detector (created or adopted by the stack) is ENABLED.",
    requires: ["guardDutyDetectorId"],
    async run({ clients, outputs }) {
        const detectorId = outputs.string("guardDutyDetectorId");
        const detector = await clients.guardDuty.send(new GetDetectorCommand({ DetectorId: detectorId }));
        const features = (detector.Features ?? []).filter((f) => f.Status === "ENABLED").map((f) => f.Name);
        return [
            verdict(
                detectorId,
                detector.Status === "ENABLED" ? [] : [`Status ${detector.Status}: no threat detection in this region`],
                `ENABLED, findings every ${detector.FindingPublishingFrequency}${features.length ? `; features on: ${features.join(", ")}` : ""}`,
            ),
        ];
    },
};

export const GUARDDUTY_CHECKS: readonly Check[] = [detectorEnabled];
