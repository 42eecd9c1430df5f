/**
 * The private management plane checks against EC2, Auto Scaling and SSM answers built on the ones
 * AWS documents (test/verify/fixtures: the AWS CLI examples). A VPC endpoint's State there is
 * `available`, lower case, where the SDK's model lists `Available`: the check reads either.
 */
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from "@aws-sdk/client-auto-scaling";
import { DescribeInstancesCommand, DescribeVpcEndpointsCommand, EC2Client, VpcEndpoint } from "@aws-sdk/client-ec2";
import {
    DescribeAssociationCommand,
    DescribeInstanceInformationCommand,
    DescribeInstancePatchStatesCommand,
    GetDocumentCommand,
    InstanceInformation,
    InstancePatchState,
    PingStatus,
    SSMClient,
} from "@aws-sdk/client-ssm";
import {
    endpointsAvailable,
    instancesManaged,
    patchCompliance,
    scanAssociationCompliant,
    sessionPreferencesAsConfigured,
} from "../../tooling/verify/private-management";
import { FixtureEdit, sdkResponse } from "./fixtures";
import {
    DEV_OUTPUTS,
    findings,
    KMS_KEY_ARN,
    minutesBeforeNow,
    mockedClients,
    NOW,
    outputs,
    REGION,
    TIER_OUTPUTS,
    verdicts,
} from "./support";

const newMocks = () =>
    mockedClients({
        ec2: new EC2Client({ region: REGION }),
        autoScaling: new AutoScalingClient({ region: REGION }),
        ssm: new SSMClient({ region: REGION }),
    });
let mocks: ReturnType<typeof newMocks>;
beforeEach(() => {
    mocks = newMocks();
});

const VPC = DEV_OUTPUTS.vpcId;
const SERVICES = ["s3", "ssm", "ssmmessages", "ec2messages", "logs", "monitoring", "kms"];
const documented = {} as { gateway: VpcEndpoint; interfaceEndpoint: VpcEndpoint; document: Record<string, unknown> };
beforeAll(async () => {
    const { VpcEndpoints } = await sdkResponse<{ VpcEndpoints: VpcEndpoint[] }>("ec2/DescribeVpcEndpoints.cli-example");
    documented.gateway = VpcEndpoints.find((e) => e.VpcEndpointType === "Gateway")!;
    documented.interfaceEndpoint = VpcEndpoints.find((e) => e.VpcEndpointType === "Interface")!;
    documented.document = await sdkResponse("ssm/GetDocument.cli-example");
});
/** The documented gateway (S3) or interface endpoint (the others) as the stack's endpoint for `service`: state `available`, as AWS spells it. */
const endpoint = (service: string, overrides: Partial<VpcEndpoint> = {}): VpcEndpoint => ({
    ...(service === "s3" ? documented.gateway : documented.interfaceEndpoint),
    VpcEndpointId: `vpce-${service}`,
    VpcId: VPC,
    ServiceName: `com.amazonaws.${REGION}.${service}`,
    State: "available" as VpcEndpoint["State"],
    PrivateDnsEnabled: service !== "s3",
    ...overrides,
});
const withEndpoints = (list: VpcEndpoint[] = SERVICES.map((s) => endpoint(s))) =>
    outputs({ vpcEndpointIds: list.map((e) => e.VpcEndpointId) });

describe("endpoints.available-private-dns (EC2.57)", () => {
    it("passes available endpoints of the VPC, interface ones with private DNS, covering every service the instances call", async () => {
        mocks.ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: SERVICES.map((s) => endpoint(s)) });
        const result = await findings(endpointsAvailable, mocks, withEndpoints());
        expect(result).toHaveLength(SERVICES.length + 1);
        expect(result.every((f) => f.status === "pass")).toBe(true);
    });

    it("fails an endpoint without private DNS, one in another VPC, one pending, and names the service left uncovered", async () => {
        const list = [
            ...SERVICES.filter((s) => s !== "kms").map((s) => endpoint(s)),
            endpoint("kms", { State: "pending" as VpcEndpoint["State"] }),
        ];
        list[1] = endpoint("ssm", { PrivateDnsEnabled: false });
        list[2] = endpoint("ssmmessages", { VpcId: "vpc-0other" });
        mocks.ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: list });
        const result = await findings(endpointsAvailable, mocks, withEndpoints(list));
        expect(result.filter((f) => f.status === "fail").map((f) => [f.resource, f.reason])).toEqual([
            ["vpce-ssm", expect.stringMatching(/private DNS off/)],
            ["vpce-ssmmessages", expect.stringMatching(/in vpc-0other, not the stack's VPC/)],
            ["vpce-kms", "state pending"],
            [VPC, "no available endpoint for kms: instances without NAT cannot reach them"],
        ]);
    });

    it("is skipped in a stack without endpoints (tap:vpcEndpoints false)", async () => {
        expect(await findings(endpointsAvailable, mocks)).toEqual([
            expect.objectContaining({ status: "skipped", reason: expect.stringMatching(/tap:vpcEndpoints false/) }),
        ]);
    });
});

const INPUTS = {
    s3BucketName: TIER_OUTPUTS.managementLogsBucketName,
    s3KeyPrefix: "session-logs/",
    s3EncryptionEnabled: true,
    cloudWatchLogGroupName: DEV_OUTPUTS.sessionLogGroupName,
    cloudWatchEncryptionEnabled: true,
    cloudWatchStreamingEnabled: true,
    kmsKeyId: KMS_KEY_ARN,
    runAsEnabled: false,
    runAsDefaultUser: "",
    idleSessionTimeout: "20",
    maxSessionDuration: "240",
};
/** The documented GetDocument answer as the Session Manager preferences document, holding `inputs`. */
const sessionDoc = (inputs: Record<string, unknown> = {}) => ({
    ...documented.document,
    Name: "SSM-SessionManagerRunShell",
    DocumentType: "Session" as const,
    DocumentFormat: "JSON" as const,
    Content: JSON.stringify({ schemaVersion: "1.0", sessionType: "Standard_Stream", inputs: { ...INPUTS, ...inputs } }),
});
const withBucket = (overrides: Record<string, unknown> = {}) =>
    outputs({ managementLogsBucketName: TIER_OUTPUTS.managementLogsBucketName, ...overrides });

describe("ssm.session-preferences", () => {
    it("passes the document the stack wrote", async () => {
        mocks.ssm.on(GetDocumentCommand).resolves(sessionDoc());
        expect(verdicts(await findings(sessionPreferencesAsConfigured, mocks, withBucket()))).toEqual([
            ["SSM-SessionManagerRunShell", "pass"],
        ]);
        expect(mocks.ssm.commandCalls(GetDocumentCommand)[0].args[0].input).toEqual({
            Name: "SSM-SessionManagerRunShell",
            DocumentFormat: "JSON",
        });
    });

    it("fails each deviation: Run As on, unencrypted S3 logging, another key, a longer idle timeout", async () => {
        mocks.ssm
            .on(GetDocumentCommand)
            .resolves(sessionDoc({ runAsEnabled: true, s3EncryptionEnabled: false, kmsKeyId: "alias/aws/ssm", idleSessionTimeout: "60" }));
        const [finding] = await findings(sessionPreferencesAsConfigured, mocks, withBucket());
        expect(finding.status).toBe("fail");
        for (const part of [
            /s3EncryptionEnabled is false/,
            /runAsEnabled is true/,
            /kmsKeyId is "alias\/aws\/ssm", not the stack key/,
            /idleSessionTimeout is "60" minutes, not the configured 20/,
        ])
            expect(finding.reason).toMatch(part);
    });

    it("says when the drifted document is one the stack adopted rather than wrote", async () => {
        mocks.ssm.on(GetDocumentCommand).resolves(sessionDoc({ cloudWatchLogGroupName: "/someone/else" }));
        const [finding] = await findings(sessionPreferencesAsConfigured, mocks, withBucket({ sessionPreferencesManaged: false }));
        expect(finding.reason).toMatch(
            /^adopted document \(tap:createSessionPreferences false; fix it in the account\): cloudWatchLogGroupName/,
        );
    });
});

const INSTANCES = ["i-0aaa00000000000a1", "i-0bbb00000000000b2"];
function groupOf(ids = INSTANCES) {
    mocks.autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({
        AutoScalingGroups: [
            {
                AutoScalingGroupName: DEV_OUTPUTS.autoScalingGroupName,
                MinSize: 1,
                MaxSize: 2,
                DesiredCapacity: ids.length,
                DefaultCooldown: 300,
                AvailabilityZones: [],
                HealthCheckType: "EC2",
                CreatedTime: new Date(),
                Instances: ids.map((InstanceId) => ({
                    InstanceId,
                    LifecycleState: "InService",
                    HealthStatus: "Healthy",
                    AvailabilityZone: `${REGION}a`,
                    ProtectedFromScaleIn: false,
                })),
            },
        ],
    });
    mocks.ec2
        .on(DescribeInstancesCommand)
        .resolves({ Reservations: [{ Instances: ids.map((InstanceId) => ({ InstanceId, State: { Name: "running" } })) }] });
}

describe("ssm.instances-managed (SSM.1)", () => {
    type Info = { InstanceInformationList: InstanceInformation[] };
    /** The documented managed node (AWS CLI example), as each of `ids` with the given ping status. */
    const nodes = async (entries: [string, string][]) => {
        const documented = (await sdkResponse<Info>("ssm/DescribeInstanceInformation.cli-example")).InstanceInformationList[0];
        return {
            InstanceInformationList: entries.map(([InstanceId, PingStatus]): InstanceInformation => ({
                ...documented,
                InstanceId,
                PingStatus: PingStatus as PingStatus,
            })),
        };
    };

    it("passes Online managed nodes, fails one that never registered and one ConnectionLost", async () => {
        groupOf([...INSTANCES, "i-0ccc00000000000c3"]);
        mocks.ssm.on(DescribeInstanceInformationCommand).resolves(
            await nodes([
                [INSTANCES[0], "Online"],
                [INSTANCES[1], "ConnectionLost"],
            ]),
        );
        const result = await findings(instancesManaged, mocks);
        expect(verdicts(result)).toEqual([
            [INSTANCES[0], "pass"],
            [INSTANCES[1], "fail"],
            ["i-0ccc00000000000c3", "fail"],
        ]);
        expect(result[0].reason).toBe("Online, agent 2.3.842.0, SLES 15.1");
    });

    it("reports an instance launched minutes ago whose agent has not registered yet as PENDING, not failed", async () => {
        groupOf([INSTANCES[0]]);
        mocks.ec2.on(DescribeInstancesCommand).resolves({
            Reservations: [{ Instances: [{ InstanceId: INSTANCES[0], State: { Name: "running" }, LaunchTime: minutesBeforeNow(3) }] }],
        });
        mocks.ssm.on(DescribeInstanceInformationCommand).resolves(await nodes([]));
        expect(await findings(instancesManaged, mocks, outputs(), NOW)).toEqual([
            expect.objectContaining({
                status: "pending",
                waitMinutes: 30,
                reason: expect.stringMatching(/SSM Agent has not registered yet \(launched 3 min ago\)/),
            }),
        ]);
    });
});

/** The instance, patch group and baseline of the AWS CLI example of describe-instance-patch-states (test/verify/fixtures/ssm). */
const DOCUMENTED = { instance: "i-1234567890abcdef0", patchGroup: "my-patch-group", patchBaselineId: "pb-0713accee01234567" };
const documentedOutputs = () => outputs({ patchGroup: DOCUMENTED.patchGroup, patchBaselineId: DOCUMENTED.patchBaselineId });
type PatchStates = { InstancePatchStates: InstancePatchState[] };
const patchStates = (name: string, edit?: FixtureEdit) => sdkResponse<PatchStates>(`ssm/DescribeInstancePatchStates.${name}`, edit);
const compliantEdit: FixtureEdit = (b) =>
    Object.assign(b.InstancePatchStates[0], {
        MissingCount: 0,
        FailedCount: 0,
        CriticalNonCompliantCount: 0,
        SecurityNonCompliantCount: 0,
        OtherNonCompliantCount: 0,
    });

describe("ssm.patch-compliance (SSM.2)", () => {
    it("passes the documented instance once nothing is missing, failed or pending a reboot", async () => {
        groupOf([DOCUMENTED.instance]);
        mocks.ssm.on(DescribeInstancePatchStatesCommand).resolves(await patchStates("cli-example", compliantEdit));
        expect(verdicts(await findings(patchCompliance, mocks, documentedOutputs()))).toEqual([[DOCUMENTED.instance, "pass"]]);
        expect(mocks.ssm.commandCalls(DescribeInstancePatchStatesCommand)[0].args[0].input).toEqual({ InstanceIds: [DOCUMENTED.instance] });
    });

    it("fails the documented example: 1 missing and 2 failed updates", async () => {
        groupOf([DOCUMENTED.instance]);
        mocks.ssm.on(DescribeInstancePatchStatesCommand).resolves(await patchStates("cli-example"));
        const [finding] = await findings(patchCompliance, mocks, documentedOutputs());
        expect(finding).toMatchObject({
            status: "fail",
            reason: "NON_COMPLIANT: 1 missing, 2 failed, 0 installed pending reboot (2 security)",
        });
    });

    it("fails patches installed pending a reboot (NoReboot), which Patch Manager counts as NON_COMPLIANT", async () => {
        groupOf([DOCUMENTED.instance]);
        mocks.ssm.on(DescribeInstancePatchStatesCommand).resolves(await patchStates("pending-reboot"));
        const [finding] = await findings(patchCompliance, mocks, documentedOutputs());
        expect(finding).toMatchObject({
            status: "fail",
            reason: "NON_COMPLIANT: 0 missing, 0 failed, 3 installed pending reboot (RebootOption NoReboot) (0 security)",
        });
    });

    it("fails an unfinished scan and another patch group, and an instance never scanned; a just-launched one is pending", async () => {
        groupOf([...INSTANCES, "i-0ccc00000000000c3"]);
        mocks.ec2.on(DescribeInstancesCommand).resolves({
            Reservations: [
                {
                    Instances: [
                        ...INSTANCES.map((InstanceId) => ({
                            InstanceId,
                            State: { Name: "running" as const },
                            LaunchTime: new Date("2021-05-01T00:00:00Z"),
                        })),
                        { InstanceId: "i-0ccc00000000000c3", State: { Name: "running" as const }, LaunchTime: minutesBeforeNow(5) },
                    ],
                },
            ],
        });
        const documented = (await patchStates("cli-example", compliantEdit)).InstancePatchStates[0];
        mocks.ssm.on(DescribeInstancePatchStatesCommand).resolves({
            InstancePatchStates: [{ ...documented, InstanceId: INSTANCES[0], OperationEndTime: undefined, PatchGroup: "other" }],
        });
        const result = await findings(patchCompliance, mocks, documentedOutputs(), NOW);
        expect(result.map((f) => [f.resource, f.status])).toEqual([
            [INSTANCES[0], "fail"],
            [INSTANCES[1], "fail"],
            ["i-0ccc00000000000c3", "pending"],
        ]);
        expect(result[0].reason).toBe("patch group other, not my-patch-group; the last Scan never finished");
        expect(result[1].reason).toMatch(/never scanned/);
        expect(result[2].reason).toMatch(/^not settled yet: not scanned yet .*launched 5 min ago/);
    });

    it("is skipped when Patch Manager is off", async () => {
        expect(await findings(patchCompliance, mocks, outputs({}, ["patchGroup"]))).toEqual([
            expect.objectContaining({ status: "skipped", reason: expect.stringMatching(/tap:enablePatchManager false/) }),
        ]);
    });
});

describe("ssm.association-compliance (SSM.3)", () => {
    /** The documented association as the stack's patch scan (test/verify/fixtures/ssm), with `status` and `operation`. */
    const association = (status: string, operation = ["Scan"]) =>
        sdkResponse("ssm/DescribeAssociation.patch-scan-pending", (b) => {
            Object.assign(b.AssociationDescription, {
                Parameters: { Operation: operation },
                Overview: { Status: status, DetailedStatus: status, AssociationStatusAggregatedCount: { [status]: 2 } },
            });
        });

    it("passes a scheduled Scan whose last runs succeeded", async () => {
        mocks.ssm.on(DescribeAssociationCommand).resolves(await association("Success"));
        expect(verdicts(await findings(scanAssociationCompliant, mocks))).toEqual([[DEV_OUTPUTS.patchScanAssociationId, "pass"]]);
    });

    it("fails a failed run, and an association that installs instead of scanning", async () => {
        mocks.ssm.on(DescribeAssociationCommand).resolves(await association("Failed", ["Install"]));
        const [finding] = await findings(scanAssociationCompliant, mocks);
        expect(finding.status).toBe("fail");
        expect(finding.reason).toMatch(/Operation \["Install"\], not Scan; last status Failed \(Failed\), per instance \{"Failed":2\}/);
    });

    it("reports the first run of a just-created association (Overview.Status Pending) as PENDING, not failed", async () => {
        mocks.ssm.on(DescribeAssociationCommand).resolves(await sdkResponse("ssm/DescribeAssociation.patch-scan-pending"));
        expect(await findings(scanAssociationCompliant, mocks)).toEqual([
            expect.objectContaining({
                status: "pending",
                reason: expect.stringMatching(/^not settled yet: first run Pending \(Associated\)/),
            }),
        ]);
    });
});
