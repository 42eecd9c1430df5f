/** The plan's continuous-detection section: which standards Security Hub scores, and the waived controls with their reasons. */
import { ControlWaivers, SECURITY_HUB_STANDARDS, subscribedStandards, waiverLines } from "../../lib/detection/security-hub-standards";

export function renderDetection(settings: {
    readonly enableSecurityHubNist: boolean;
    readonly securityHubControlWaivers: ControlWaivers;
}): string {
    const standards = subscribedStandards(settings.enableSecurityHubNist).map((s) => SECURITY_HUB_STANDARDS[s]);
    const waivers = waiverLines(settings.securityHubControlWaivers);
    return [
        `Security Hub standards: ${standards.join(", ")}`,
        `Waived controls (tap:securityHubControlWaivers):${waivers.length === 0 ? " none" : ""}`,
        ...waivers.map((line) => `  ${line}`),
    ].join("\n");
}
