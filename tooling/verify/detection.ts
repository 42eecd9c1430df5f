/**
 * Continuous detection checks (Security Hub, IAM Access Analyzer, Inspector and GuardDuty
 * clients): the hub scores the account against the stack's standards, controls are disabled
 * exactly as waived, the analyzer is ACTIVE, Inspector scans EC2, GuardDuty's protection plans
 * are as configured. Permissions: securityhub:DescribeHub, GetEnabledStandards,
 * ListSecurityControlDefinitions, BatchGetStandardsControlAssociations; access-analyzer:ListAnalyzers;
 * inspector2:BatchGetAccountStatus; guardduty:GetDetector.
 */
import { AnalyzerSummary, paginateListAnalyzers } from "@aws-sdk/client-accessanalyzer";
import { GetDetectorCommand } from "@aws-sdk/client-guardduty";
import { BatchGetAccountStatusCommand } from "@aws-sdk/client-inspector2";
import {
    BatchGetStandardsControlAssociationsCommand,
    DescribeHubCommand,
    paginateGetEnabledStandards,
    paginateListSecurityControlDefinitions,
    StandardsControlAssociationDetail,
    StandardsSubscription,
} from "@aws-sdk/client-securityhub";
import { z } from "zod";
import { ControlWaivers, parseControlWaivers, standardOfArn } from "../../lib/detection/security-hub-standards";
import { Check, collect, fail, Outcome, pass, pending, verdict } from "./check";
import { OutputValueError, StackOutputs } from "./outputs";

/** An object output: a JSON object, or (flat outputs files) its JSON text. */
function objectOutput(outputs: StackOutputs, key: string): unknown {
    const value = outputs.raw[key];
    if (typeof value !== "string") return value;
    try {
        return JSON.parse(value);
    } catch {
        throw new OutputValueError(`output ${key} must be a JSON object, got ${JSON.stringify(value)}`);
    }
}

/** The waivers the stack applied (output securityHubControlWaivers, from tap:securityHubControlWaivers). */
export function waiversOf(outputs: StackOutputs): ControlWaivers {
    const { waivers, problems } = parseControlWaivers(objectOutput(outputs, "securityHubControlWaivers"));
    if (problems.length > 0) throw new OutputValueError(`output securityHubControlWaivers: ${problems.join("; ")}`);
    return waivers;
}

/**
 * Minutes a Security Hub standard may stay PENDING, or Inspector ENABLING, after a deploy. Both are
 * documented as transitional states (StandardsSubscription.StandardsStatus: "PENDING - Standard is
 * in the process of being enabled", Security Hub API Reference; Inspector State.status ENABLING)
 * without a bound; 30 minutes is tap's allowance (unconfirmed).
 */
export const DETECTION_SETTLING_MINUTES = 30;

const featureStatuses = z.record(z.string(), z.enum(["ENABLED", "DISABLED"]));

async function enabledStandards(clients: Parameters<Check["run"]>[0]["clients"]): Promise<StandardsSubscription[]> {
    const found: StandardsSubscription[] = [];
    for await (const page of paginateGetEnabledStandards({ client: clients.securityHub }, {}))
        found.push(...(page.StandardsSubscriptions ?? []));
    return found;
}

export const securityHubStandards: Check = {
    id: "detection.securityhub-standards",
    control: "CIS 4.16",
    settles: { what: "a standard being enabled (PENDING)", minutes: DETECTION_SETTLING_MINUTES },
    proves: "Security Hub is enabled with consolidated control findings, and each standard the stack subscribes (CIS v3.0.0, FSBP, NIST by switch) is READY.",
    requires: ["securityHubStandards"],
    async run({ clients, outputs }) {
        const hub = await clients.securityHub.send(new DescribeHubCommand({}));
        const outcomes: Outcome[] = [
            verdict(
                hub.HubArn ?? "hub",
                hub.ControlFindingGenerator === "SECURITY_CONTROL"
                    ? []
                    : [
                          `ControlFindingGenerator ${hub.ControlFindingGenerator}: findings per standard, and waivers by control id do not apply (consolidate control findings)`,
                      ],
                "enabled, consolidated control findings",
            ),
        ];
        const enabled = await enabledStandards(clients);
        for (const arn of outputs.strings("securityHubStandards")) {
            const subscription = enabled.find((s) => s.StandardsArn === arn);
            if (!subscription) outcomes.push(fail(arn, "not subscribed: the hub does not score the account against it"));
            else if (subscription.StandardsStatus === "PENDING")
                outcomes.push(pending(arn, "standard status PENDING (being enabled)", DETECTION_SETTLING_MINUTES));
            else
                outcomes.push(
                    verdict(
                        arn,
                        subscription.StandardsStatus === "READY"
                            ? []
                            : [
                                  `status ${subscription.StandardsStatus}${subscription.StandardsStatusReason?.StatusReasonCode ? ` (${subscription.StandardsStatusReason.StatusReasonCode})` : ""}`,
                              ],
                        "READY",
                    ),
                );
        }
        return outcomes;
    },
};

/** The control associations of one standard, all of them (ids listed, then read in batches). */
async function associations(
    clients: Parameters<Check["run"]>[0]["clients"],
    standardsArn: string,
): Promise<StandardsControlAssociationDetail[]> {
    const ids: string[] = [];
    for await (const page of paginateListSecurityControlDefinitions({ client: clients.securityHub }, { StandardsArn: standardsArn })) {
        ids.push(...(page.SecurityControlDefinitions ?? []).map((d) => d.SecurityControlId!).filter(Boolean));
    }
    const details: StandardsControlAssociationDetail[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
        const batch = ids.slice(i, i + BATCH).map((SecurityControlId) => ({ SecurityControlId, StandardsArn: standardsArn }));
        const { StandardsControlAssociationDetails = [], UnprocessedAssociations = [] } = await clients.securityHub.send(
            new BatchGetStandardsControlAssociationsCommand({ StandardsControlAssociationIds: batch }),
        );
        // A batch call answers 200 with the ids it could not read in UnprocessedAssociations
        // (BatchGetStandardsControlAssociations, Security Hub API Reference): read as absent, a
        // control disabled outside the waivers would go unseen. Unreadable is a failure, never a pass.
        if (UnprocessedAssociations.length > 0) {
            const first = UnprocessedAssociations[0];
            throw new Error(
                `Security Hub could not read ${UnprocessedAssociations.length} control association(s) of ${standardsArn} (first: ${first.StandardsControlAssociationId?.SecurityControlId} ${first.ErrorCode}: ${first.ErrorReason ?? ""})`,
            );
        }
        details.push(...StandardsControlAssociationDetails);
    }
    return details;
}
/** Controls read per BatchGetStandardsControlAssociations call. */
export const BATCH = 25;

export const controlsAsWaived: Check = {
    id: "detection.securityhub-waivers",
    control: "CIS 4.16; design: waivers",
    proves: "In each subscribed standard the disabled controls are exactly the waived ones (tap:securityHubControlWaivers), each with its reason; a control disabled outside the list fails with its id.",
    requires: ["securityHubStandards", "securityHubControlWaivers"],
    async run({ clients, outputs }) {
        const waivers = waiversOf(outputs);
        const outcomes: Outcome[] = [];
        for (const arn of outputs.strings("securityHubStandards")) {
            const standard = standardOfArn(arn);
            const details = await associations(clients, arn);
            if (details.length === 0) {
                outcomes.push(fail(arn, "Security Hub lists no control in this standard: is it subscribed in this region?"));
                continue;
            }
            const disabled = details.filter((d) => d.AssociationStatus === "DISABLED");
            const waivedHere = Object.keys(waivers).filter((id) => standard !== undefined && waivers[id].standards.includes(standard));
            for (const d of disabled) {
                const id = d.SecurityControlId ?? "?";
                outcomes.push(
                    waivedHere.includes(id)
                        ? pass(`${id} in ${standard}`, `DISABLED as waived: ${waivers[id].reason}`)
                        : fail(
                              `${id} in ${standard ?? arn}`,
                              `DISABLED but not waived (reason given in Security Hub: ${d.UpdatedReason ?? "none"}): enable it, or add it to tap:securityHubControlWaivers with a reason`,
                          ),
                );
            }
            for (const id of waivedHere.filter((w) => !disabled.some((d) => d.SecurityControlId === w))) {
                const state = details.find((d) => d.SecurityControlId === id);
                outcomes.push(
                    fail(
                        `${id} in ${standard}`,
                        state
                            ? `waived (${waivers[id].reason}) but ${state.AssociationStatus}`
                            : "waived, but the standard has no such control",
                    ),
                );
            }
            if (disabled.length === 0 && waivedHere.length === 0)
                outcomes.push(pass(arn, `no control disabled (${details.length} controls)`));
        }
        return outcomes;
    },
};

export const accessAnalyzerActive: Check = {
    id: "detection.access-analyzer",
    control: "CIS 1.20",
    settles: { what: "a new analyzer CREATING", minutes: DETECTION_SETTLING_MINUTES },
    proves: "The region has an ACTIVE IAM Access Analyzer reporting external access: the stack's (output accessAnalyzerName) or, when adopted, the account's or organisation's.",
    requires: ["securityHubStandards"],
    async run({ clients, outputs }) {
        const analyzers: AnalyzerSummary[] = [];
        for (const type of ["ACCOUNT", "ORGANIZATION"] as const) {
            analyzers.push(
                ...(await collect(paginateListAnalyzers({ client: clients.accessAnalyzer }, { type }), (page) => page.analyzers)),
            );
        }
        const name = outputs.has("accessAnalyzerName") ? outputs.string("accessAnalyzerName") : undefined;
        const candidates = name ? analyzers.filter((a) => a.name === name) : analyzers;
        if (candidates.length === 0)
            return [
                fail(
                    name ?? "-",
                    name
                        ? "the stack's analyzer is not in the region"
                        : "no ACCOUNT or ORGANIZATION analyzer in the region (adopted, yet none exists)",
                ),
            ];
        const active = candidates.find((a) => a.status === "ACTIVE");
        // A new analyzer is CREATING until its first scan of the account's resources is under way (AnalyzerSummary.status:
        // ACTIVE | CREATING | DISABLED | FAILED, IAM Access Analyzer API Reference): not settled, not failed.
        const creating = candidates.find((a) => a.status === "CREATING");
        if (!active && creating) return [pending(creating.name ?? "?", `${creating.type} analyzer CREATING`, DETECTION_SETTLING_MINUTES)];
        return [
            active
                ? pass(active.name ?? "?", `${active.type} analyzer ACTIVE${name ? "" : " (adopted)"}`)
                : fail(
                      candidates[0].name ?? "?",
                      `status ${candidates[0].status}${candidates[0].statusReason?.code ? ` (${candidates[0].statusReason.code})` : ""}`,
                  ),
        ];
    },
};

export const inspectorScanning: Check = {
    id: "detection.inspector",
    control: "Inspector.1",
    settles: { what: "Inspector ENABLING", minutes: DETECTION_SETTLING_MINUTES },
    proves: "Amazon Inspector scans EC2 instances (ENABLED) where the stack turns it on (output inspectorEnabled, tap:enableInspector).",
    requires: ["inspectorEnabled"],
    async run({ clients, outputs }) {
        const { accounts = [], failedAccounts = [] } = await clients.inspector2.send(new BatchGetAccountStatusCommand({}));
        if (failedAccounts.length > 0)
            return [fail(failedAccounts[0].accountId ?? "-", `${failedAccounts[0].errorCode}: ${failedAccounts[0].errorMessage}`)];
        const account = accounts[0];
        if (!account) return [fail("-", "Inspector returned no account status")];
        const ec2 = account.resourceState?.ec2?.status ?? "unknown";
        const ecr = account.resourceState?.ecr?.status ?? "unknown";
        const resource = account.accountId ?? "-";
        if (ec2 === "ENABLED") return [pass(resource, `EC2 scanning ENABLED, ECR ${ecr}`)];
        // Status ENABLING: Inspector is turning scanning on (Inspector2 API Reference, State.status).
        if (ec2 === "ENABLING" && outputs.boolean("inspectorEnabled"))
            return [pending(resource, "EC2 scanning ENABLING", DETECTION_SETTLING_MINUTES)];
        return [
            outputs.boolean("inspectorEnabled")
                ? fail(resource, `EC2 scanning ${ec2}, yet the stack turns it on (tap:enableInspector true)`)
                : pass(
                      resource,
                      `EC2 scanning ${ec2}, as the stack chose (tap:enableInspector false): Inspector.1 is not met in this environment`,
                  ),
        ];
    },
};

export const guardDutyFeaturesAsConfigured: Check = {
    id: "detection.guardduty-features",
    control: "GuardDuty.11 / GuardDuty.13; GuardDuty.8-10",
    proves: "The detector's protection plans are as the stack set them (output guardDutyFeatures); Runtime Monitoring, when on, manages the EC2 agent.",
    requires: ["guardDutyDetectorId", "guardDutyFeatures"],
    async run({ clients, outputs }) {
        const parsed = featureStatuses.safeParse(objectOutput(outputs, "guardDutyFeatures"));
        if (!parsed.success) throw new OutputValueError("output guardDutyFeatures must map feature names to ENABLED or DISABLED");
        const detectorId = outputs.string("guardDutyDetectorId");
        const detector = await clients.guardDuty.send(new GetDetectorCommand({ DetectorId: detectorId }));
        return Object.entries(parsed.data).map(([name, wanted]) => {
            const feature = (detector.Features ?? []).find((f) => f.Name === name);
            const problems: string[] = [];
            if (feature?.Status !== wanted) problems.push(`${feature?.Status ?? "absent"}, the stack set ${wanted}`);
            const agent = feature?.AdditionalConfiguration?.find((a) => a.Name === "EC2_AGENT_MANAGEMENT");
            if (name === "RUNTIME_MONITORING" && wanted === "ENABLED" && agent?.Status !== "ENABLED")
                problems.push(`EC2_AGENT_MANAGEMENT ${agent?.Status ?? "absent"}: no agent on the instances (GuardDuty.13)`);
            return verdict(`${detectorId} ${name}`, problems, wanted);
        });
    },
};

export const DETECTION_CHECKS: readonly Check[] = [
    securityHubStandards,
    controlsAsWaived,
    accessAnalyzerActive,
    inspectorScanning,
    guardDutyFeaturesAsConfigured,
];
