/** AWS Config checks against recorder, delivery channel and rule responses. */
import {
    ConfigRule,
    ConfigServiceClient,
    ConfigurationRecorder,
    ConfigurationRecorderStatus,
    DeliveryChannelStatus,
    DescribeConfigRulesCommand,
    DescribeConfigurationRecordersCommand,
    DescribeConfigurationRecorderStatusCommand,
    DescribeDeliveryChannelStatusCommand,
} from "@aws-sdk/client-config-service";
import { CONFIG_MANAGED_RULES } from "../../lib/monitoring/config-rules";
import { deliveryChannelHealthy, EXPECTED_CONFIG_RULES, expectedRulesActive, recorderRecording } from "../../tooling/verify/config";
import { ACCOUNT, DEV_OUTPUTS, findings, mockedClients, REGION, verdicts } from "./support";

const RECORDER = DEV_OUTPUTS.configRecorderName;
const recorder = (overrides: Partial<ConfigurationRecorder> = {}): ConfigurationRecorder => ({
    name: RECORDER, arn: `arn:aws:config:us-east-1:${ACCOUNT}:configuration-recorder/${RECORDER}/abcdef`,
    roleARN: `arn:aws:iam::${ACCOUNT}:role/tap-dev-use1-config`,
    recordingGroup: { allSupported: true, includeGlobalResourceTypes: true, resourceTypes: [], exclusionByResourceTypes: { resourceTypes: [] }, recordingStrategy: { useOnly: "ALL_SUPPORTED_RESOURCE_TYPES" } },
    recordingMode: { recordingFrequency: "CONTINUOUS", recordingModeOverrides: [] }, recordingScope: "PAID",
    ...overrides,
});
const status = (overrides: Partial<ConfigurationRecorderStatus> = {}): ConfigurationRecorderStatus => ({
    name: RECORDER, recording: true, lastStatus: "Success", lastStartTime: new Date("2025-01-10T09:00:00Z"), lastStatusChangeTime: new Date("2025-01-10T10:00:00Z"),
    ...overrides,
});
const channel = (history: DeliveryChannelStatus["configHistoryDeliveryInfo"], snapshot: DeliveryChannelStatus["configSnapshotDeliveryInfo"]): DeliveryChannelStatus => ({
    name: "tap-dev-use1-delivery", configHistoryDeliveryInfo: history, configSnapshotDeliveryInfo: snapshot, configStreamDeliveryInfo: { lastStatus: "Not_Applicable" },
});
const rule = (identifier: string, overrides: Partial<ConfigRule> = {}): ConfigRule => ({
    ConfigRuleName: `tap-dev-use1-${identifier.toLowerCase().replace(/_/g, "-")}`,
    ConfigRuleArn: `arn:aws:config:us-east-1:${ACCOUNT}:config-rule/config-rule-${identifier.length}abc`,
    ConfigRuleId: `config-rule-${identifier.length}abc`, Source: { Owner: "AWS", SourceIdentifier: identifier }, ConfigRuleState: "ACTIVE",
    EvaluationModes: [{ Mode: "DETECTIVE" }],
    ...overrides,
});

const newMocks = () => mockedClients({ config: new ConfigServiceClient({ region: REGION }) });
let mocks: ReturnType<typeof newMocks>;
beforeEach(() => { mocks = newMocks(); });

describe("config.recorder (CIS 3.3 / Config.1)", () => {
    it("passes the named recorder recording all supported and global types", async () => {
        mocks.config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [recorder()] });
        mocks.config.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [status()] });
        expect(verdicts(await findings(recorderRecording, mocks))).toEqual([[RECORDER, "pass"]]);
        expect(mocks.config.commandCalls(DescribeConfigurationRecorderStatusCommand)[0].args[0].input).toEqual({ ConfigurationRecorderNames: [RECORDER] });
    });

    it("fails a stopped recorder that records only some types and whose last run failed", async () => {
        mocks.config.on(DescribeConfigurationRecordersCommand).resolves({
            ConfigurationRecorders: [recorder({ recordingGroup: { allSupported: false, includeGlobalResourceTypes: false, resourceTypes: ["AWS::EC2::Instance"], recordingStrategy: { useOnly: "INCLUSION_BY_RESOURCE_TYPES" } } })],
        });
        mocks.config.on(DescribeConfigurationRecorderStatusCommand).resolves({
            ConfigurationRecordersStatus: [status({ recording: false, lastStatus: "Failure", lastErrorCode: "NoAvailableDeliveryChannelException", lastErrorMessage: "Delivery channel is not available to start configuration recorder." })],
        });
        const [finding] = await findings(recorderRecording, mocks);
        expect(finding.status).toBe("fail");
        expect(finding.reason).toBe([
            "not recording (the recorder is stopped)",
            "last status Failure: NoAvailableDeliveryChannelException Delivery channel is not available to start configuration recorder.",
            "recordingGroup.allSupported false: only some resource types are recorded",
            "recordingGroup.includeGlobalResourceTypes false: IAM changes are not recorded",
        ].join("; "));
    });

    it("fails when no recorder has the configured name", async () => {
        mocks.config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
        mocks.config.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [] });
        expect(await findings(recorderRecording, mocks)).toEqual([expect.objectContaining({ resource: RECORDER, status: "fail", reason: "configuration recorder not found" })]);
    });
});

describe("config.delivery-channel (CIS 3.3 / Config.1)", () => {
    const ok = { lastStatus: "Success" as const, lastAttemptTime: new Date("2025-01-10T10:00:00Z"), lastSuccessfulTime: new Date("2025-01-10T10:00:00Z") };

    it("passes a channel whose deliveries succeed", async () => {
        mocks.config.on(DescribeDeliveryChannelStatusCommand).resolves({ DeliveryChannelsStatus: [channel(ok, ok)] });
        expect(await findings(deliveryChannelHealthy, mocks)).toEqual([
            expect.objectContaining({ resource: "tap-dev-use1-delivery", status: "pass", reason: "history Success, snapshot Success" }),
        ]);
    });

    it("fails a channel whose snapshot delivery failed, with the error", async () => {
        mocks.config.on(DescribeDeliveryChannelStatusCommand).resolves({
            DeliveryChannelsStatus: [channel(ok, { lastStatus: "Failure", lastErrorCode: "AccessDenied", lastErrorMessage: "Access Denied", lastAttemptTime: new Date("2025-01-10T10:00:00Z") })],
        });
        expect((await findings(deliveryChannelHealthy, mocks))[0]).toMatchObject({ status: "fail", reason: "history Success, snapshot Failure (AccessDenied: Access Denied)" });
    });

    it("fails a channel that has not delivered yet, saying to run again later", async () => {
        mocks.config.on(DescribeDeliveryChannelStatusCommand).resolves({ DeliveryChannelsStatus: [channel({ lastStatus: "Not_Applicable" }, {})] });
        const [finding] = await findings(deliveryChannelHealthy, mocks);
        expect(finding.status).toBe("fail");
        expect(finding.reason).toMatch(/^history Not_Applicable, snapshot never attempted: no successful delivery yet .* run again later$/);
    });

    it("fails a region without any delivery channel", async () => {
        mocks.config.on(DescribeDeliveryChannelStatusCommand).resolves({ DeliveryChannelsStatus: [] });
        expect((await findings(deliveryChannelHealthy, mocks))[0]).toMatchObject({ status: "fail", reason: expect.stringMatching(/^no delivery channel in the region/) });
    });
});

describe("config.rules", () => {
    it("expects exactly the rules the Monitoring component creates (CONFIG_MANAGED_RULES), in its order", async () => {
        mocks.config.on(DescribeConfigRulesCommand).resolves({ ConfigRules: [] });
        const result = await findings(expectedRulesActive, mocks);
        expect(result.map((f) => f.resource)).toEqual(CONFIG_MANAGED_RULES.map((r) => r.id));
        expect(result.map((f) => f.resource)).toEqual(expect.arrayContaining(["S3_BUCKET_SSL_REQUESTS_ONLY", "CMK_BACKING_KEY_ROTATION_ENABLED"]));
        expect(result.every((f) => f.status === "fail")).toBe(true);
    });

    it("passes each expected managed rule found ACTIVE, across pages of DescribeConfigRules", async () => {
        const rules = EXPECTED_CONFIG_RULES.map((id) => rule(id));
        mocks.config.on(DescribeConfigRulesCommand)
            .resolvesOnce({ ConfigRules: rules.slice(0, 5), NextToken: "page-2" })
            .resolvesOnce({ ConfigRules: [rule("EBS_SNAPSHOT_PUBLIC_RESTORABLE_CHECK"), ...rules.slice(5)] });
        const result = await findings(expectedRulesActive, mocks);
        expect(result).toHaveLength(EXPECTED_CONFIG_RULES.length);
        expect(result.every((f) => f.status === "pass")).toBe(true);
        expect(result.map((f) => f.resource)).toContain("tap-dev-use1-incoming-ssh-disabled");
        expect(mocks.config.commandCalls(DescribeConfigRulesCommand)[1].args[0].input).toEqual({ NextToken: "page-2" });
    });

    it("fails a rule that is missing, one still being deleted, and a custom rule posing as a managed one", async () => {
        const present = EXPECTED_CONFIG_RULES.filter((id) => !["ENCRYPTED_VOLUMES", "EC2_IMDSV2_CHECK", "INCOMING_SSH_DISABLED"].includes(id)).map((id) => rule(id));
        mocks.config.on(DescribeConfigRulesCommand).resolves({
            ConfigRules: [
                ...present,
                rule("EC2_IMDSV2_CHECK", { ConfigRuleState: "DELETING" }),
                rule("INCOMING_SSH_DISABLED", { Source: { Owner: "CUSTOM_LAMBDA", SourceIdentifier: "INCOMING_SSH_DISABLED" } }),
            ],
        });
        const failed = (await findings(expectedRulesActive, mocks)).filter((f) => f.status === "fail");
        expect(failed.map((f) => [f.resource, f.reason])).toEqual([
            ["ENCRYPTED_VOLUMES", "no Config rule with source identifier ENCRYPTED_VOLUMES in the region"],
            ["tap-dev-use1-ec2-imdsv2-check", "EC2_IMDSV2_CHECK is DELETING, not ACTIVE"],
            ["INCOMING_SSH_DISABLED", "no Config rule with source identifier INCOMING_SSH_DISABLED in the region"],
        ]);
    });
});
