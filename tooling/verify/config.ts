/**
 * AWS Config checks (Config client): the recorder records what it should in its region, the
 * delivery channel delivers, and the stack's own managed rules are active.
 */
import {
    ConfigExportDeliveryInfo,
    ConfigRule,
    ConfigurationRecorder,
    DescribeConfigurationRecordersCommand,
    DescribeConfigurationRecorderStatusCommand,
    DescribeDeliveryChannelStatusCommand,
    paginateDescribeConfigRules,
} from "@aws-sdk/client-config-service";
import { CONFIG_MANAGED_RULES } from "../../lib/monitoring/config-rules";
import { Check, collect, fail, Outcome, pass, pending, verdict } from "./check";
import { StackOutputs } from "./outputs";

/**
 * The AWS managed rules the Monitoring component adds, by source identifier (what AWS matches on;
 * rule names are the stack's choice): its own list, so a rule added there is expected here.
 */
export const EXPECTED_CONFIG_RULES: readonly string[] = CONFIG_MANAGED_RULES.map((rule) => rule.id);

/** A Config status, one spelling: what AWS sends and what the SDK's model declares differ in case. */
export type ConfigStatus = "SUCCESS" | "FAILURE" | "PENDING" | "NOT_APPLICABLE";

/**
 * The one place Config's status casing is read. AWS answers `SUCCESS` / `FAILURE` (the AWS CLI
 * example of describe-configuration-recorder-status and describe-delivery-channel-status:
 * https://github.com/aws/aws-cli/blob/develop/awscli/examples/configservice/describe-configuration-recorder-status.rst),
 * while the API reference and the SDK's model list `Success | Failure | Pending | NotApplicable`
 * (delivery: `Success | Failure | Not_Applicable`); a known, unfixed mismatch: "The return response
 * when using the SDK client and the AWS CLI both confirm they are Uppercase strings rather than the
 * TitleCase string in the type definition" (https://github.com/aws/aws-sdk-js-v3/issues/7279; the
 * service team has no short-term plan to change it: https://github.com/aws/aws-sdk/issues/238).
 * Comparing with the SDK's constants would fail every healthy channel and pass a failed recorder.
 */
export function configStatus(raw: string | undefined): ConfigStatus | undefined {
    const key = raw?.toUpperCase().replace(/[^A-Z]/g, "");
    return key === "SUCCESS" || key === "FAILURE" || key === "PENDING" ? key : key === "NOTAPPLICABLE" ? "NOT_APPLICABLE" : undefined;
}

/**
 * Config delivers configuration history files every 6 hours for resource types whose
 * configuration changed, snapshots at the channel's frequency (24 h for the stack's channel):
 * AWS Config Developer Guide, "Managing the Delivery Channel" (deliveryFrequency) and "Viewing
 * configuration history". A first delivery within 6 hours of a deploy is "not settled", not a failure.
 */
export const CONFIG_FIRST_DELIVERY_MINUTES = 360;

/**
 * How many minutes a new recorder's first recording run may report PENDING. AWS documents no
 * figure for it; 15 minutes is tap's choice (unconfirmed), the recorder status turning SUCCESS
 * once it has recorded the resources it discovered ("How AWS Config Works": resource discovery).
 */
export const CONFIG_FIRST_RECORDING_MINUTES = 15;

/**
 * AWS Config's service-linked role, the recorder's role Config.1 asks for: "[Config.1] AWS Config
 * should be enabled and use the service-linked role for resource recording" (Security Hub User
 * Guide, "Security Hub CSPM controls for AWS Config"); the role is AWSServiceRoleForConfig, trusted
 * by config.amazonaws.com ("Using Service-Linked Roles for AWS Config", AWS Config Developer Guide).
 */
export const CONFIG_SERVICE_LINKED_ROLE =
    /^arn:aws[a-z-]*:iam::\d{12}:role\/aws-service-role\/config\.amazonaws\.com\/AWSServiceRoleForConfig$/;

/** A boolean output, or undefined when the stack (an older deployment) does not export it. */
const flag = (outputs: StackOutputs, key: string) => (outputs.has(key) ? outputs.boolean(key) : undefined);

/**
 * What the recorder's recording group misses, judged on this region's terms:
 * - global types (IAM) are expected where the stack records them (output configRecordsGlobalTypes:
 *   the primary region); elsewhere recording them would only duplicate every configuration item
 *   ("To prevent duplicate configuration items, you should consider customizing AWS Config in only
 *   one region to record global resources", RecordingGroup, AWS Config API Reference);
 * - an adopted recorder (Control Tower, organization; output configRecorderManaged false) is its
 *   owner's: it may record global types in its own home region only, and may exclude types
 *   (recordingStrategy EXCLUSION_BY_RESOURCE_TYPES, "all current and future supported resource
 *   types excluding" the listed ones: AWS CLI example 3 of put-configuration-recorder); only
 *   recording a chosen few types (INCLUSION_BY_RESOURCE_TYPES) falls short of CIS 3.3.
 */
export function recordingProblems(recorder: ConfigurationRecorder, outputs: StackOutputs): { problems: string[]; notes: string[] } {
    const group = recorder.recordingGroup;
    const adopted = flag(outputs, "configRecorderManaged") === false;
    // Older outputs do not say: the flat outputs (the primary's, with the trail) record global types.
    const globalHere = flag(outputs, "configRecordsGlobalTypes") ?? outputs.has("cloudTrailArn");
    const strategy =
        group?.recordingStrategy?.useOnly ?? (group?.allSupported ? "ALL_SUPPORTED_RESOURCE_TYPES" : "INCLUSION_BY_RESOURCE_TYPES");
    const problems: string[] = [];
    const notes: string[] = [];
    const excluded = group?.exclusionByResourceTypes?.resourceTypes ?? [];
    if (strategy === "EXCLUSION_BY_RESOURCE_TYPES" && adopted)
        notes.push(`all supported types but ${excluded.length} excluded by the adopted recorder's owner (${excluded.join(", ")})`);
    else if (strategy === "EXCLUSION_BY_RESOURCE_TYPES")
        problems.push(`excludes ${excluded.join(", ")}: the stack's recorder records all supported types`);
    else if (group?.allSupported !== true)
        problems.push(`records only ${(group?.resourceTypes ?? []).length} chosen resource types (${strategy}), not all supported types`);
    else notes.push("all supported types");
    // Config.1: the stack's recorder records with AWS Config's service-linked role (lib/monitoring/config-recording.ts);
    // an adopted one is its owner's, reported as seen.
    const role = recorder.roleARN ?? "no role";
    if (CONFIG_SERVICE_LINKED_ROLE.test(role)) notes.push("as AWSServiceRoleForConfig");
    else if (adopted) notes.push(`as ${role} (the owner's role; Config.1 expects AWSServiceRoleForConfig)`);
    else problems.push(`records as ${role}, not AWS Config's service-linked role AWSServiceRoleForConfig (Config.1)`);
    if (group?.includeGlobalResourceTypes === true) notes.push("global types incl.");
    else if (adopted) notes.push("global types recorded by the owner in its home region (adopted recorder)");
    else if (globalHere)
        problems.push(
            "recordingGroup.includeGlobalResourceTypes false: IAM changes are not recorded (this region is where the stack records global types)",
        );
    else notes.push("global types recorded in the primary region, not here");
    return { problems, notes };
}

export const recorderRecording: Check = {
    id: "config.recorder",
    control: "CIS 3.3 / Config.1",
    settles: { what: "the recorder's first run (PENDING)", minutes: CONFIG_FIRST_RECORDING_MINUTES },
    proves: "The configuration recorder is recording, with AWS Config's service-linked role, all supported resource types (an adopted one may exclude types, with its owner's role), global types where the stack records them, and its last run did not fail.",
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
        const last = configStatus(status.lastStatus);
        const { problems, notes } = recordingProblems(recorder, outputs);
        if (status.recording !== true) problems.unshift("not recording (the recorder is stopped)");
        if (last === "FAILURE")
            problems.push(`last status ${status.lastStatus}: ${status.lastErrorCode ?? ""} ${status.lastErrorMessage ?? ""}`.trim());
        if (problems.length === 0 && last === "PENDING")
            return [pending(name, `recording, first run still ${status.lastStatus}`, CONFIG_FIRST_RECORDING_MINUTES)];
        return [verdict(name, problems, `recording ${notes.join(", ")}; last status ${status.lastStatus}`)];
    },
};

const delivery = (kind: string, info?: ConfigExportDeliveryInfo) =>
    `${kind} ${info?.lastStatus ?? "never attempted"}${configStatus(info?.lastStatus) === "FAILURE" ? ` (${info?.lastErrorCode}: ${info?.lastErrorMessage})` : ""}`;

export const deliveryChannelHealthy: Check = {
    id: "config.delivery-channel",
    control: "CIS 3.3 / Config.1",
    settles: { what: "Config's first delivery", minutes: CONFIG_FIRST_DELIVERY_MINUTES },
    proves: "The region's delivery channel has delivered successfully and its last history and snapshot deliveries did not fail.",
    requires: ["configRecorderName"],
    async run({ clients }) {
        const { DeliveryChannelsStatus = [] } = await clients.config.send(new DescribeDeliveryChannelStatusCommand({}));
        if (DeliveryChannelsStatus.length === 0)
            return [fail("-", "no delivery channel in the region: the recorder cannot deliver (NoAvailableDeliveryChannelException)")];
        return DeliveryChannelsStatus.map((channel): Outcome => {
            const infos = [channel.configHistoryDeliveryInfo, channel.configSnapshotDeliveryInfo];
            const statuses = infos.map((i) => configStatus(i?.lastStatus));
            const summary = `${delivery("history", infos[0])}, ${delivery("snapshot", infos[1])}`;
            const name = channel.name ?? "?";
            if (statuses.includes("FAILURE")) return fail(name, summary);
            if (!statuses.includes("SUCCESS"))
                return pending(
                    name,
                    `${summary}: no delivery yet (history every 6 hours, snapshots on the channel's schedule)`,
                    CONFIG_FIRST_DELIVERY_MINUTES,
                );
            return pass(name, summary);
        });
    },
};

/**
 * How long a new rule may stay EVALUATING: AWS documents no bound; tap allows 30 minutes
 * (unconfirmed). ConfigRuleState: ACTIVE | DELETING | DELETING_RESULTS | EVALUATING (AWS Config
 * API Reference, ConfigRule).
 */
export const CONFIG_RULE_EVALUATING_MINUTES = 30;

/**
 * Security Hub creates its own copies of AWS managed rules ("AWS Config rules that Security Hub
 * CSPM uses for controls are referred to as service-linked rules", Security Hub User Guide,
 * "Enabling and configuring AWS Config"); such a rule carries `CreatedBy`: "Service principal name
 * of the service that created the rule. The field is populated only if the service-linked rule is
 * created by a service. The field is empty if you create your own rule." (ConfigRule, AWS Config
 * API Reference). They share the stack's rules' owner and identifier, so only the name (which the
 * stack exports as configRuleNames) tells the stack's own rule apart.
 */
const isServiceLinked = (rule: ConfigRule) => Boolean(rule.CreatedBy);

function ruleOutcome(rule: ConfigRule, identifier: string): Outcome {
    const name = rule.ConfigRuleName ?? identifier;
    if (rule.ConfigRuleState === "ACTIVE") return pass(name, `${identifier} ACTIVE`);
    if (rule.ConfigRuleState === "EVALUATING") return pending(name, `${identifier} EVALUATING`, CONFIG_RULE_EVALUATING_MINUTES);
    return fail(name, `${identifier} is ${rule.ConfigRuleState}, not ACTIVE`);
}

export const expectedRulesActive: Check = {
    id: "config.rules",
    control: "design: Config rules",
    settles: { what: "a new rule EVALUATING", minutes: CONFIG_RULE_EVALUATING_MINUTES },
    proves: `The stack's own AWS managed Config rules (lib/monitoring/config-rules.ts: ${EXPECTED_CONFIG_RULES.join(", ")}), found by the names it exports, exist and are ACTIVE; Security Hub's service-linked copies do not count.`,
    requires: ["configRecorderName"],
    async run({ clients, outputs }) {
        // Every rule of the region, all pages: DescribeConfigRules by name fails the whole call
        // (NoSuchConfigRuleException) when one name is missing, so the list is read and matched here.
        const rules = await collect(paginateDescribeConfigRules({ client: clients.config }, {}), (page) => page.ConfigRules);
        const names = outputs.has("configRuleNames") ? outputs.strings("configRuleNames") : undefined;
        if (names) {
            return names.map((name) => {
                const rule = rules.find((r) => r.ConfigRuleName === name);
                if (!rule) {
                    // The stack names its rules <prefix>-<identifier, lower case, dashes> (lib/monitoring/config-recording.ts).
                    const identifier = EXPECTED_CONFIG_RULES.find((id) => name.endsWith(`-${id.toLowerCase().replace(/_/g, "-")}`));
                    const copy = identifier
                        ? rules.find((r) => isServiceLinked(r) && r.Source?.SourceIdentifier === identifier)
                        : undefined;
                    return fail(
                        name,
                        `the stack's rule ${name} is not in the region${copy ? ` (only ${copy.CreatedBy}'s service-linked ${copy.ConfigRuleName}, which is not the stack's)` : ""}`,
                    );
                }
                const identifier = rule.Source?.SourceIdentifier ?? "?";
                if (rule.Source?.Owner !== "AWS" || !EXPECTED_CONFIG_RULES.includes(identifier))
                    return fail(name, `runs ${rule.Source?.Owner} ${identifier}, not one of the stack's AWS managed rules`);
                return ruleOutcome(rule, identifier);
            });
        }
        // Older outputs without configRuleNames: by identifier, never a service-linked copy.
        return EXPECTED_CONFIG_RULES.map((identifier) => {
            const matching = rules.filter(
                (r) => !isServiceLinked(r) && r.Source?.Owner === "AWS" && r.Source.SourceIdentifier === identifier,
            );
            const chosen = matching.find((r) => r.ConfigRuleState === "ACTIVE") ?? matching[0];
            return chosen
                ? ruleOutcome(chosen, identifier)
                : fail(
                      identifier,
                      `no Config rule of the stack's with source identifier ${identifier} in the region (service-linked rules do not count)`,
                  );
        });
    },
};

export const CONFIG_CHECKS: readonly Check[] = [recorderRecording, deliveryChannelHealthy, expectedRulesActive];
