/**
 * AWS Config checks, against responses AWS documents (test/verify/fixtures/config): the AWS CLI
 * examples print Config's statuses in upper case (SUCCESS), which the SDK's model spells Success.
 */
import {
    ConfigRule,
    ConfigServiceClient,
    DescribeConfigRulesCommand,
    DescribeConfigRulesResponse,
    DescribeConfigurationRecordersCommand,
    DescribeConfigurationRecordersResponse,
    DescribeConfigurationRecorderStatusCommand,
    DescribeConfigurationRecorderStatusResponse,
    DescribeDeliveryChannelStatusCommand,
    DescribeDeliveryChannelStatusResponse,
} from "@aws-sdk/client-config-service";
import fc from "fast-check";
import { CONFIG_MANAGED_RULES } from "../../lib/monitoring/config-rules";
import {
    configStatus,
    deliveryChannelHealthy,
    EXPECTED_CONFIG_RULES,
    expectedRulesActive,
    recorderRecording,
} from "../../tooling/verify/config";
import { FixtureEdit, sdkResponse } from "./fixtures";
import { findings, mockedClients, outputs, REGION, verdicts } from "./support";

/** The CLI examples' recorder is named `default`. */
const RECORDER = "default";
const stackRuleName = (identifier: string) => `tap-dev-use1-${identifier.toLowerCase().replace(/_/g, "-")}`;
const STACK_RULE_NAMES = EXPECTED_CONFIG_RULES.map(stackRuleName);

const newMocks = () => mockedClients({ config: new ConfigServiceClient({ region: REGION }) });
let mocks: ReturnType<typeof newMocks>;
beforeEach(() => {
    mocks = newMocks();
});

const recorders = (name: string, edit?: FixtureEdit) =>
    sdkResponse<DescribeConfigurationRecordersResponse>(`config/DescribeConfigurationRecorders.${name}`, edit);
const statuses = (name: string) =>
    sdkResponse<DescribeConfigurationRecorderStatusResponse>(`config/DescribeConfigurationRecorderStatus.${name}`);

describe("configStatus: Config's casing, read in one place", () => {
    it("reads AWS's upper case, the SDK model's title case and the API reference's variants alike", () => {
        expect(
            ["SUCCESS", "Success", "FAILURE", "Failure", "PENDING", "Pending", "NOT_APPLICABLE", "Not_Applicable", "NotApplicable"].map(
                configStatus,
            ),
        ).toEqual(["SUCCESS", "SUCCESS", "FAILURE", "FAILURE", "PENDING", "PENDING", "NOT_APPLICABLE", "NOT_APPLICABLE", "NOT_APPLICABLE"]);
        expect(configStatus(undefined)).toBeUndefined();
    });

    it("is blind to case for any known status (fast-check)", () => {
        fc.assert(
            fc.property(
                fc.constantFrom("success", "failure", "pending"),
                fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
                (word, upper) => {
                    const mixed = [...word].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c)).join("");
                    expect(configStatus(mixed)).toBe(word.toUpperCase());
                },
            ),
        );
    });
});

describe("config.recorder (CIS 3.3 / Config.1)", () => {
    it("passes the documented healthy recorder (lastStatus SUCCESS, all supported and global types)", async () => {
        mocks.config.on(DescribeConfigurationRecordersCommand).resolves(await recorders("service-linked-role"));
        mocks.config.on(DescribeConfigurationRecorderStatusCommand).resolves(await statuses("success"));
        expect(verdicts(await findings(recorderRecording, mocks, outputs({ configRecorderName: RECORDER })))).toEqual([[RECORDER, "pass"]]);
        expect(mocks.config.commandCalls(DescribeConfigurationRecorderStatusCommand)[0].args[0].input).toEqual({
            ConfigurationRecorderNames: [RECORDER],
        });
    });

    it("fails a recorder whose last run failed, as AWS reports it (FAILURE, upper case)", async () => {
        mocks.config.on(DescribeConfigurationRecordersCommand).resolves(await recorders("service-linked-role"));
        mocks.config.on(DescribeConfigurationRecorderStatusCommand).resolves(await statuses("failure"));
        const [finding] = await findings(recorderRecording, mocks, outputs({ configRecorderName: RECORDER }));
        expect(finding).toMatchObject({
            status: "fail",
            reason: "last status FAILURE: NoAvailableDeliveryChannelException Delivery channel is not available to start configuration recorder.",
        });
    });

    it("fails the stack's recorder recording with a role of its own (the CLI example's config-ConfigRole-...): Config.1 wants AWS Config's service-linked role", async () => {
        mocks.config.on(DescribeConfigurationRecordersCommand).resolves(await recorders("all-supported"));
        mocks.config.on(DescribeConfigurationRecorderStatusCommand).resolves(await statuses("success"));
        const [finding] = await findings(recorderRecording, mocks, outputs({ configRecorderName: RECORDER }));
        expect(finding).toMatchObject({
            status: "fail",
            reason: "records as arn:aws:iam::123456789012:role/config-ConfigRole-A1B2C3D4E5F6, not AWS Config's service-linked role AWSServiceRoleForConfig (Config.1)",
        });
    });

    it("fails a stopped stack recorder that records only some types where it should record global ones", async () => {
        mocks.config.on(DescribeConfigurationRecordersCommand).resolves(
            await recorders("service-linked-role", (b) => {
                Object.assign(b.ConfigurationRecorders[0].recordingGroup, {
                    allSupported: false,
                    includeGlobalResourceTypes: false,
                    resourceTypes: ["AWS::EC2::Instance"],
                });
            }),
        );
        mocks.config.on(DescribeConfigurationRecorderStatusCommand).resolves(
            await sdkResponse("config/DescribeConfigurationRecorderStatus.success", (b) => {
                b.ConfigurationRecordersStatus[0].recording = false;
            }),
        );
        const [finding] = await findings(
            recorderRecording,
            mocks,
            outputs({ configRecorderName: RECORDER, configRecordsGlobalTypes: true }),
        );
        expect(finding.status).toBe("fail");
        expect(finding.reason).toBe(
            [
                "not recording (the recorder is stopped)",
                "records only 1 chosen resource types (INCLUSION_BY_RESOURCE_TYPES), not all supported types",
                "recordingGroup.includeGlobalResourceTypes false: IAM changes are not recorded (this region is where the stack records global types)",
            ].join("; "),
        );
    });

    it("passes the stack's recorder in a region other than the primary without global types (recorded once, in the primary)", async () => {
        mocks.config.on(DescribeConfigurationRecordersCommand).resolves(
            await recorders("service-linked-role", (b) => {
                b.ConfigurationRecorders[0].recordingGroup.includeGlobalResourceTypes = false;
            }),
        );
        mocks.config.on(DescribeConfigurationRecorderStatusCommand).resolves(await statuses("success"));
        const [finding] = await findings(
            recorderRecording,
            mocks,
            outputs({ configRecorderName: RECORDER, configRecordsGlobalTypes: false }),
        );
        expect(finding).toMatchObject({
            status: "pass",
            reason: "recording all supported types, as AWSServiceRoleForConfig, global types recorded in the primary region, not here; last status SUCCESS",
        });
    });

    it("passes an adopted recorder outside its home region that excludes types and leaves global types to its home region", async () => {
        mocks.config.on(DescribeConfigurationRecordersCommand).resolves(await recorders("exclusions"));
        mocks.config.on(DescribeConfigurationRecorderStatusCommand).resolves(await statuses("success"));
        const adopted = outputs({ configRecorderName: RECORDER, configRecorderManaged: false, configRecordsGlobalTypes: true });
        const [finding] = await findings(recorderRecording, mocks, adopted);
        expect(finding.status).toBe("pass");
        expect(finding.reason).toMatch(
            /^recording all supported types but 3 excluded by the adopted recorder's owner .*as arn:aws:iam::123456789012:role\/config-role \(the owner's role; Config.1 expects AWSServiceRoleForConfig\), global types recorded by the owner in its home region/,
        );
    });

    it("fails the same exclusions on a recorder the stack created (it records all supported types)", async () => {
        mocks.config.on(DescribeConfigurationRecordersCommand).resolves(await recorders("exclusions"));
        mocks.config.on(DescribeConfigurationRecorderStatusCommand).resolves(await statuses("success"));
        const [finding] = await findings(
            recorderRecording,
            mocks,
            outputs({ configRecorderName: RECORDER, configRecorderManaged: true, configRecordsGlobalTypes: false }),
        );
        expect(finding).toMatchObject({ status: "fail", reason: expect.stringMatching(/^excludes AWS::Redshift::ClusterSnapshot/) });
    });

    it("fails when no recorder has the configured name", async () => {
        mocks.config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
        mocks.config.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [] });
        expect(await findings(recorderRecording, mocks)).toEqual([
            expect.objectContaining({ status: "fail", reason: "configuration recorder not found" }),
        ]);
    });
});

describe("config.delivery-channel (CIS 3.3 / Config.1)", () => {
    const channels = (edit?: FixtureEdit) =>
        sdkResponse<DescribeDeliveryChannelStatusResponse>("config/DescribeDeliveryChannelStatus.success", edit);

    it("passes the documented healthy channel, whose deliveries AWS reports as SUCCESS", async () => {
        mocks.config.on(DescribeDeliveryChannelStatusCommand).resolves(await channels());
        expect(await findings(deliveryChannelHealthy, mocks)).toEqual([
            expect.objectContaining({ resource: "default", status: "pass", reason: "history SUCCESS, snapshot SUCCESS" }),
        ]);
    });

    it("fails a channel whose snapshot delivery failed, with the error", async () => {
        mocks.config.on(DescribeDeliveryChannelStatusCommand).resolves(
            await channels((b) => {
                Object.assign(b.DeliveryChannelsStatus[0].configSnapshotDeliveryInfo, {
                    lastStatus: "FAILURE",
                    lastErrorCode: "AccessDenied",
                    lastErrorMessage: "Access Denied",
                });
            }),
        );
        expect((await findings(deliveryChannelHealthy, mocks))[0]).toMatchObject({
            status: "fail",
            reason: "history SUCCESS, snapshot FAILURE (AccessDenied: Access Denied)",
        });
    });

    it("reports a channel that has not delivered yet as PENDING, with the wait, not as a failure", async () => {
        mocks.config.on(DescribeDeliveryChannelStatusCommand).resolves(
            await channels((b) => {
                b.DeliveryChannelsStatus[0].configHistoryDeliveryInfo = { lastStatus: "NOT_APPLICABLE" };
                b.DeliveryChannelsStatus[0].configSnapshotDeliveryInfo = {};
            }),
        );
        const [finding] = await findings(deliveryChannelHealthy, mocks);
        expect(finding).toMatchObject({ status: "pending", waitMinutes: 360 });
        expect(finding.reason).toMatch(
            /^not settled yet: history NOT_APPLICABLE, snapshot never attempted: no delivery yet .*--wait 360\)$/,
        );
    });

    it("fails a region without any delivery channel", async () => {
        mocks.config.on(DescribeDeliveryChannelStatusCommand).resolves({ DeliveryChannelsStatus: [] });
        expect((await findings(deliveryChannelHealthy, mocks))[0]).toMatchObject({
            status: "fail",
            reason: expect.stringMatching(/^no delivery channel in the region/),
        });
    });
});

describe("config.rules", () => {
    /** Security Hub's service-linked copy of ENCRYPTED_VOLUMES, as documented. */
    const securityHubCopy = async () =>
        (await sdkResponse<DescribeConfigRulesResponse>("config/DescribeConfigRules.security-hub-copy")).ConfigRules![0];
    /** The stack's own rules: the documented rule shape with the stack's name and identifier, created by the stack (no CreatedBy). */
    const stackRules = async (except: readonly string[] = []): Promise<ConfigRule[]> => {
        const copy = await securityHubCopy();
        return EXPECTED_CONFIG_RULES.filter((id) => !except.includes(id)).map((id) => {
            const { CreatedBy: _createdBy, ...own } = copy;
            return {
                ...own,
                ConfigRuleName: stackRuleName(id),
                ConfigRuleArn: `arn:aws:config:${REGION}:123456789012:config-rule/config-rule-${id.length}abc`,
                Source: { Owner: "AWS", SourceIdentifier: id },
            };
        });
    };
    const withNames = () => outputs({ configRuleNames: STACK_RULE_NAMES });

    it("expects the rules the stack exports (configRuleNames), in its order", async () => {
        mocks.config.on(DescribeConfigRulesCommand).resolves({ ConfigRules: [] });
        const result = await findings(expectedRulesActive, mocks, withNames());
        expect(result.map((f) => f.resource)).toEqual(CONFIG_MANAGED_RULES.map((r) => stackRuleName(r.id)));
        expect(result.every((f) => f.status === "fail")).toBe(true);
    });

    it("passes each of the stack's rules found ACTIVE, across pages of DescribeConfigRules", async () => {
        const rules = await stackRules();
        expect(rules.length).toBeGreaterThan(5);
        mocks.config
            .on(DescribeConfigRulesCommand)
            .resolvesOnce({ ConfigRules: rules.slice(0, 5), NextToken: "page-2" })
            .resolvesOnce({ ConfigRules: [await securityHubCopy(), ...rules.slice(5)] });
        const result = await findings(expectedRulesActive, mocks, withNames());
        expect(result).toHaveLength(EXPECTED_CONFIG_RULES.length);
        expect(result.every((f) => f.status === "pass")).toBe(true);
        expect(mocks.config.commandCalls(DescribeConfigRulesCommand)[1].args[0].input).toEqual({ NextToken: "page-2" });
    });

    it("fails when the stack's rule is gone and only Security Hub's service-linked copy of the same managed rule is left", async () => {
        mocks.config
            .on(DescribeConfigRulesCommand)
            .resolves({ ConfigRules: [...(await stackRules(["ENCRYPTED_VOLUMES"])), await securityHubCopy()] });
        const failed = (await findings(expectedRulesActive, mocks, withNames())).filter((f) => f.status !== "pass");
        expect(failed.map((f) => [f.resource, f.status, f.reason])).toEqual([
            [
                stackRuleName("ENCRYPTED_VOLUMES"),
                "fail",
                `the stack's rule ${stackRuleName("ENCRYPTED_VOLUMES")} is not in the region (only securityhub.amazonaws.com's service-linked securityhub-encrypted-volumes-a1b2c3, which is not the stack's)`,
            ],
        ]);
    });

    it("without configRuleNames (older outputs), still never counts a service-linked copy", async () => {
        mocks.config
            .on(DescribeConfigRulesCommand)
            .resolves({ ConfigRules: [...(await stackRules(["ENCRYPTED_VOLUMES"])), await securityHubCopy()] });
        const failed = (await findings(expectedRulesActive, mocks)).filter((f) => f.status !== "pass");
        expect(failed.map((f) => f.resource)).toEqual(["ENCRYPTED_VOLUMES"]);
    });

    it("fails a rule being deleted and a custom rule under the stack's name; a rule still EVALUATING is pending", async () => {
        const rules = await stackRules();
        const byId = (id: string) => rules.find((r) => r.Source?.SourceIdentifier === id)!;
        Object.assign(byId("EC2_IMDSV2_CHECK"), { ConfigRuleState: "DELETING" });
        Object.assign(byId("INCOMING_SSH_DISABLED"), {
            Source: { Owner: "CUSTOM_LAMBDA", SourceIdentifier: "arn:aws:lambda:us-east-1:123456789012:function:InstanceTypeCheck" },
        });
        Object.assign(byId("ENCRYPTED_VOLUMES"), { ConfigRuleState: "EVALUATING" });
        mocks.config.on(DescribeConfigRulesCommand).resolves({ ConfigRules: rules });
        const notPassed = (await findings(expectedRulesActive, mocks, withNames())).filter((f) => f.status !== "pass");
        expect(notPassed.map((f) => [f.resource, f.status])).toEqual(
            [
                [stackRuleName("EC2_IMDSV2_CHECK"), "fail"],
                [stackRuleName("ENCRYPTED_VOLUMES"), "pending"],
                [stackRuleName("INCOMING_SSH_DISABLED"), "fail"],
            ].sort((a, b) => STACK_RULE_NAMES.indexOf(a[0]) - STACK_RULE_NAMES.indexOf(b[0])),
        );
    });
});
