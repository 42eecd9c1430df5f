/** The private management plane checks against EC2, Auto Scaling and SSM responses. */
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from "@aws-sdk/client-auto-scaling";
import { DescribeInstancesCommand, DescribeVpcEndpointsCommand, EC2Client, VpcEndpoint } from "@aws-sdk/client-ec2";
import { DescribeAssociationCommand, DescribeInstanceInformationCommand, DescribeInstancePatchStatesCommand, GetDocumentCommand, InstancePatchState, SSMClient } from "@aws-sdk/client-ssm";
import {
    endpointsAvailable, instancesManaged, patchCompliance, scanAssociationCompliant, sessionPreferencesAsConfigured,
} from "../../tooling/verify/private-management";
import { DEV_OUTPUTS, findings, KMS_KEY_ARN, mockedClients, outputs, REGION, TIER_OUTPUTS, verdicts } from "./support";

const newMocks = () => mockedClients({ ec2: new EC2Client({ region: REGION }), autoScaling: new AutoScalingClient({ region: REGION }), ssm: new SSMClient({ region: REGION }) });
let mocks: ReturnType<typeof newMocks>;
beforeEach(() => { mocks = newMocks(); });

const VPC = DEV_OUTPUTS.vpcId;
const SERVICES = ["s3", "ssm", "ssmmessages", "ec2messages", "logs", "monitoring", "kms"];
const endpoint = (service: string, overrides: Partial<VpcEndpoint> = {}): VpcEndpoint => ({
    VpcEndpointId: `vpce-${service}`, VpcId: VPC, ServiceName: `com.amazonaws.${REGION}.${service}`, State: "Available",
    VpcEndpointType: service === "s3" ? "Gateway" : "Interface", PrivateDnsEnabled: service !== "s3", ...overrides,
});
const withEndpoints = (list: VpcEndpoint[] = SERVICES.map((s) => endpoint(s))) => outputs({ vpcEndpointIds: list.map((e) => e.VpcEndpointId) });

describe("endpoints.available-private-dns (EC2.57)", () => {
    it("passes available endpoints of the VPC, interface ones with private DNS, covering every service the instances call", async () => {
        mocks.ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: SERVICES.map((s) => endpoint(s)) });
        const result = await findings(endpointsAvailable, mocks, withEndpoints());
        expect(result).toHaveLength(SERVICES.length + 1);
        expect(result.every((f) => f.status === "pass")).toBe(true);
    });

    it("fails an endpoint without private DNS, one in another VPC, one pending, and names the service left uncovered", async () => {
        const list = [...SERVICES.filter((s) => s !== "kms").map((s) => endpoint(s)), endpoint("kms", { State: "Pending" })];
        list[1] = endpoint("ssm", { PrivateDnsEnabled: false });
        list[2] = endpoint("ssmmessages", { VpcId: "vpc-0other" });
        mocks.ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: list });
        const result = await findings(endpointsAvailable, mocks, withEndpoints(list));
        expect(result.filter((f) => f.status === "fail").map((f) => [f.resource, f.reason])).toEqual([
            ["vpce-ssm", expect.stringMatching(/private DNS off/)],
            ["vpce-ssmmessages", expect.stringMatching(/in vpc-0other, not the stack's VPC/)],
            ["vpce-kms", "state Pending"],
            [VPC, "no available endpoint for kms: instances without NAT cannot reach them"],
        ]);
    });

    it("is skipped in a stack without endpoints (tap:vpcEndpoints false)", async () => {
        expect(await findings(endpointsAvailable, mocks)).toEqual([expect.objectContaining({ status: "skipped", reason: expect.stringMatching(/tap:vpcEndpoints false/) })]);
    });
});

const INPUTS = {
    s3BucketName: TIER_OUTPUTS.managementLogsBucketName, s3KeyPrefix: "session-logs/", s3EncryptionEnabled: true,
    cloudWatchLogGroupName: DEV_OUTPUTS.sessionLogGroupName, cloudWatchEncryptionEnabled: true, cloudWatchStreamingEnabled: true,
    kmsKeyId: KMS_KEY_ARN, runAsEnabled: false, runAsDefaultUser: "", idleSessionTimeout: "20", maxSessionDuration: "240",
};
const sessionDoc = (inputs: Record<string, unknown> = {}) => ({
    Name: "SSM-SessionManagerRunShell", DocumentType: "Session" as const, DocumentFormat: "JSON" as const,
    Content: JSON.stringify({ schemaVersion: "1.0", sessionType: "Standard_Stream", inputs: { ...INPUTS, ...inputs } }),
});
const withBucket = (overrides: Record<string, unknown> = {}) => outputs({ managementLogsBucketName: TIER_OUTPUTS.managementLogsBucketName, ...overrides });

describe("ssm.session-preferences", () => {
    it("passes the document the stack wrote", async () => {
        mocks.ssm.on(GetDocumentCommand).resolves(sessionDoc());
        expect(verdicts(await findings(sessionPreferencesAsConfigured, mocks, withBucket()))).toEqual([["SSM-SessionManagerRunShell", "pass"]]);
        expect(mocks.ssm.commandCalls(GetDocumentCommand)[0].args[0].input).toEqual({ Name: "SSM-SessionManagerRunShell", DocumentFormat: "JSON" });
    });

    it("fails each deviation: Run As on, unencrypted S3 logging, another key, a longer idle timeout", async () => {
        mocks.ssm.on(GetDocumentCommand).resolves(sessionDoc({ runAsEnabled: true, s3EncryptionEnabled: false, kmsKeyId: "alias/aws/ssm", idleSessionTimeout: "60" }));
        const [finding] = await findings(sessionPreferencesAsConfigured, mocks, withBucket());
        expect(finding.status).toBe("fail");
        for (const part of [/s3EncryptionEnabled is false/, /runAsEnabled is true/, /kmsKeyId is "alias\/aws\/ssm", not the stack key/, /idleSessionTimeout is "60" minutes, not the configured 20/]) expect(finding.reason).toMatch(part);
    });

    it("says when the drifted document is one the stack adopted rather than wrote", async () => {
        mocks.ssm.on(GetDocumentCommand).resolves(sessionDoc({ cloudWatchLogGroupName: "/someone/else" }));
        const [finding] = await findings(sessionPreferencesAsConfigured, mocks, withBucket({ sessionPreferencesManaged: false }));
        expect(finding.reason).toMatch(/^adopted document \(tap:createSessionPreferences false; fix it in the account\): cloudWatchLogGroupName/);
    });
});

const INSTANCES = ["i-0aaa00000000000a1", "i-0bbb00000000000b2"];
function groupOf(ids = INSTANCES) {
    mocks.autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [{
        AutoScalingGroupName: DEV_OUTPUTS.autoScalingGroupName, MinSize: 1, MaxSize: 2, DesiredCapacity: ids.length, DefaultCooldown: 300,
        AvailabilityZones: [], HealthCheckType: "EC2", CreatedTime: new Date(),
        Instances: ids.map((InstanceId) => ({ InstanceId, LifecycleState: "InService", HealthStatus: "Healthy", AvailabilityZone: `${REGION}a`, ProtectedFromScaleIn: false })),
    }] });
    mocks.ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: ids.map((InstanceId) => ({ InstanceId, State: { Name: "running" } })) }] });
}

describe("ssm.instances-managed (SSM.1)", () => {
    it("passes Online managed nodes, fails one that never registered and one ConnectionLost", async () => {
        groupOf([...INSTANCES, "i-0ccc00000000000c3"]);
        mocks.ssm.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: [
            { InstanceId: INSTANCES[0], PingStatus: "Online", AgentVersion: "3.3.0", PlatformName: "Amazon Linux", PlatformVersion: "2023" },
            { InstanceId: INSTANCES[1], PingStatus: "ConnectionLost", LastPingDateTime: new Date("2026-01-01T00:00:00Z") },
        ] });
        expect(verdicts(await findings(instancesManaged, mocks))).toEqual([[INSTANCES[0], "pass"], [INSTANCES[1], "fail"], ["i-0ccc00000000000c3", "fail"]]);
    });
});

const RECENT = new Date("2026-11-29T03:10:00Z");
const patchState = (id: string, overrides: Partial<InstancePatchState> = {}): InstancePatchState => ({
    InstanceId: id, PatchGroup: DEV_OUTPUTS.patchGroup, BaselineId: DEV_OUTPUTS.patchBaselineId, Operation: "Scan",
    OperationStartTime: RECENT, OperationEndTime: RECENT, InstalledCount: 412, MissingCount: 0, FailedCount: 0, ...overrides,
});

describe("ssm.patch-compliance (SSM.2)", () => {
    it("passes instances compliant with the stack's baseline from a recent scan", async () => {
        groupOf();
        mocks.ssm.on(DescribeInstancePatchStatesCommand).resolves({ InstancePatchStates: INSTANCES.map((id) => patchState(id)) });
        expect(verdicts(await findings(patchCompliance, mocks))).toEqual(INSTANCES.map((id) => [id, "pass"]));
    });

    it("fails missing updates, an unfinished scan, another patch group, and an instance never scanned", async () => {
        groupOf([...INSTANCES, "i-0ccc00000000000c3"]);
        mocks.ssm.on(DescribeInstancePatchStatesCommand).resolves({ InstancePatchStates: [
            patchState(INSTANCES[0], { MissingCount: 3, SecurityNonCompliantCount: 2 }),
            patchState(INSTANCES[1], { OperationEndTime: undefined, PatchGroup: "other" }),
        ] });
        const result = await findings(patchCompliance, mocks);
        expect(result.map((f) => [f.resource, f.status])).toEqual([[INSTANCES[0], "fail"], [INSTANCES[1], "fail"], ["i-0ccc00000000000c3", "fail"]]);
        expect(result[0].reason).toBe("NON_COMPLIANT: 3 missing, 0 failed (2 security)");
        expect(result[1].reason).toBe("patch group other, not tap-dev-use1-app; the last Scan never finished");
        expect(result[2].reason).toMatch(/never scanned/);
    });

    it("is skipped when Patch Manager is off", async () => {
        expect(await findings(patchCompliance, mocks, outputs({}, ["patchGroup"]))).toEqual([expect.objectContaining({ status: "skipped", reason: expect.stringMatching(/tap:enablePatchManager false/) })]);
    });
});

describe("ssm.association-compliance (SSM.3)", () => {
    const association = (status: string, operation = ["Scan"]) => ({ AssociationDescription: {
        AssociationId: DEV_OUTPUTS.patchScanAssociationId, Name: "AWS-RunPatchBaseline", Parameters: { Operation: operation }, ScheduleExpression: "rate(1 day)",
        Overview: { Status: status, DetailedStatus: status, AssociationStatusAggregatedCount: { [status]: 2 } },
    } });

    it("passes a scheduled Scan whose last runs succeeded", async () => {
        mocks.ssm.on(DescribeAssociationCommand).resolves(association("Success"));
        expect(verdicts(await findings(scanAssociationCompliant, mocks))).toEqual([[DEV_OUTPUTS.patchScanAssociationId, "pass"]]);
    });

    it("fails a failed run, and an association that installs instead of scanning", async () => {
        mocks.ssm.on(DescribeAssociationCommand).resolves(association("Failed", ["Install"]));
        const [finding] = await findings(scanAssociationCompliant, mocks);
        expect(finding.status).toBe("fail");
        expect(finding.reason).toMatch(/Operation \["Install"\], not Scan; last status Failed \(Failed\), per instance \{"Failed":2\}/);
    });
});
