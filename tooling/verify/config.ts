/**
 * AWS Config checks (Config client): the recorder records everything, the delivery channel
 * delivers, and the managed rules the stack adds are active.
 */
import {
    DescribeConfigurationRecordersCommand,
    DescribeConfigurationRecorderStatusCommand,
    DescribeDeliveryChannelStatusCommand,
    paginateDescribeConfigRules,
    ConfigRule,
    ConfigExportDeliveryInfo,
} from "@aws-sdk/client-config-service";
import { CONFIG_MANAGED_RULES } from "../../lib/monitoring/config-rules";
import { Check, fail, Outcome, pass, verdict } from "./check";

/**
 * The AWS managed rules the Monitoring component adds, by source identifier (what AWS matches on;
 * rule names are the stack's choice): its own list, so a rule added there is expected here.
 */
export const EXPECTED_CONFIG_RULES: readonly string[] = CONFIG_MANAGED_RULES.map((rule) => rule.id);

export const recorderRecording: Check = {
    id: "config.recorder",
    control: "CIS 3.3 / Config.1",
    proves: "The configuration recorder is recording all supported resource types, global ones included, and its last run did not fail.",
    requires: ["configRecorderName"],
    async run({ clients, outputs }) {
        const name = outputs.string("configRecorderName");
        const [{ ConfigurationRecorders = [] }, { ConfigurationRecordersStatus = [] }] = await Promise.all([
            clients.config.send(new DescribeConfigurationRecordersCommand({ ConfigurationRecorderNames: [name] })),
            clients.config.send(new DescribeConfigurationRecorderStatusCommand({ ConfigurationRecorderNames: [name] })),
        ]);
        const recorder = ConfigurationRecorders.find((r) => r.name === name);
        const status = ConfigurationRecordersStatus.find((s) => s.name === name);
        if (!recorder || !status) return [fail(name, "configuration recorder not found")];
        const problems: string[] = [];
        if (status.recording !== true) problems.push("not recording (the recorder is stopped)");
        if (status.lastStatus === "Failure") problems.push(`last status Failure: ${status.lastErrorCode ?? ""} ${status.lastErrorMessage ?? ""}`.trim());
        if (recorder.recordingGroup?.allSupported !== true) problems.push("recordingGroup.allSupported false: only some resource types are recorded");
        if (recorder.recordingGroup?.includeGlobalResourceTypes !== true) problems.push("recordingGroup.includeGlobalResourceTypes false: IAM changes are not recorded");
        return [verdict(name, problems, `recording all supported types incl. global, last status ${status.lastStatus}`)];
    },
};

const delivery = (kind: string, info?: ConfigExportDeliveryInfo) =>
    `${kind} ${info?.lastStatus ?? "never attempted"}${info?.lastStatus === "Failure" ? ` (${info.lastErrorCode}: ${info.lastErrorMessage})` : ""}`;

export const deliveryChannelHealthy: Check = {
    id: "config.delivery-channel",
    control: "CIS 3.3 / Config.1",
    proves: "The region's delivery channel has delivered successfully and its last history and snapshot deliveries did not fail.",
    requires: ["configRecorderName"],
    async run({ clients }) {
        const { DeliveryChannelsStatus = [] } = await clients.config.send(new DescribeDeliveryChannelStatusCommand({}));
        if (DeliveryChannelsStatus.length === 0) return [fail("-", "no delivery channel in the region: the recorder cannot deliver (NoAvailableDeliveryChannelException)")];
        return DeliveryChannelsStatus.map((channel): Outcome => {
            const infos = [channel.configHistoryDeliveryInfo, channel.configSnapshotDeliveryInfo];
            const summary = `${delivery("history", infos[0])}, ${delivery("snapshot", infos[1])}`;
            const name = channel.name ?? "?";
            if (infos.some((i) => i?.lastStatus === "Failure")) return fail(name, summary);
            if (!infos.some((i) => i?.lastStatus === "Success")) {
                return fail(name, `${summary}: no successful delivery yet (history within hours, snapshots on their schedule); run again later`);
            }
            return pass(name, summary);
        });
    },
};

export const expectedRulesActive: Check = {
    id: "config.rules",
    control: "design: Config rules",
    proves: `The AWS managed Config rules the Monitoring component adds (lib/monitoring/config-rules.ts: ${EXPECTED_CONFIG_RULES.join(", ")}) exist and are ACTIVE.`,
    requires: ["configRecorderName"],
    async run({ clients }) {
        const rules: ConfigRule[] = [];
        for await (const page of paginateDescribeConfigRules({ client: clients.config }, {})) rules.push(...(page.ConfigRules ?? []));
        return EXPECTED_CONFIG_RULES.map((identifier) => {
            const matching = rules.filter((r) => r.Source?.Owner === "AWS" && r.Source.SourceIdentifier === identifier);
            const active = matching.find((r) => r.ConfigRuleState === "ACTIVE");
            if (active) return pass(active.ConfigRuleName ?? identifier, `${identifier} ACTIVE`);
            return matching.length > 0
                ? fail(matching[0].ConfigRuleName ?? identifier, `${identifier} is ${matching[0].ConfigRuleState}, not ACTIVE`)
                : fail(identifier, `no Config rule with source identifier ${identifier} in the region`);
        });
    },
};

export const CONFIG_CHECKS: readonly Check[] = [recorderRecording, deliveryChannelHealthy, expectedRulesActive];
