/**
 * tap:computeMode instance: one instance in the first private subnet, launched from the same
 * launch template as the Auto Scaling group would be, behind the load balancer when the web tier is on.
 */
import { renderUserData } from "../../lib/compute/user-data";
import { evaluatePolicies } from "../../policy/api";
import { HEALTH_CHECK_PATH } from "../../lib/web/web-tier";
import { mandatoryViolations } from "../policy/compliance";
import { byRef, INSTANCE_CONFIG, ofType, one, Plan, PlannedResource, planTap } from "../support";

const INSTANCE = "aws:ec2/instance:Instance";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";

interface NetworkInterface {
    subnetId: string;
    securityGroups: string[];
    associatePublicIpAddress: string;
}
interface BlockDevice {
    deviceName: string;
    ebs: Record<string, unknown>;
}

describe("Compute with tap:computeMode instance (and the web tier on, TLS from its own domain)", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap(INSTANCE_CONFIG, "dev");
    });
    const instance = () => one(plan, INSTANCE);
    const lt = () => one(plan, LT);
    /** The launch template the instance is launched from, found by the reference the instance holds. */
    const templateOf = (i: PlannedResource) => byRef(plan, (i.inputs.launchTemplate as { id: string }).id);
    const nic = () => (templateOf(instance()).inputs.networkInterfaces as NetworkInterface[])[0];

    it("runs one instance and no Auto Scaling group, nor anything attaching one", () => {
        expect(ofType(plan, INSTANCE).map((r) => r.name)).toEqual(["tap-dev-use1-app-instance"]);
        expect(ofType(plan, "aws:autoscaling/group:Group")).toEqual([]);
        expect(ofType(plan, "aws:autoscaling/attachment:Attachment")).toEqual([]);
    });

    it("launches it from the stack's one launch template, pinned to its numbered latest version (a template change replaces it)", () => {
        expect(templateOf(instance()).urn).toBe(lt().urn);
        expect(instance().inputs.launchTemplate).toEqual({ id: lt().id, version: String(lt().state.latestVersion) });
    });

    it("sets nothing of its own the template carries: no AMI (EC2 resolves it at launch, so a new AL2023 release plans no change), no type, network, IMDS, key or user data", () => {
        expect(Object.keys(instance().inputs).sort()).toEqual(["launchTemplate", "monitoring", "tags"]);
        // Detailed monitoring: the provider would send `false` for an unset monitoring, overriding the template's.
        expect([instance().inputs.monitoring, templateOf(instance()).inputs.monitoring]).toEqual([true, { enabled: true }]);
    });

    it("requires IMDSv2 with hop limit 1 and instance tags in metadata, through its template (CIS 5.6 / EC2.8)", () => {
        expect(templateOf(instance()).inputs.metadataOptions).toEqual({
            httpEndpoint: "enabled",
            httpTokens: "required",
            httpPutResponseHopLimit: 1,
            instanceMetadataTags: "enabled",
        });
    });

    it("sits in the first private subnet, with no public IP (EC2.9) and only the app security group", () => {
        const subnet = byRef(plan, nic().subnetId);
        expect([subnet.name, (subnet.inputs.tags as Record<string, string>).Tier]).toEqual(["tap-dev-use1-private-1", "private"]);
        expect(nic().subnetId).toBe((plan.outputs.privateSubnetIds as string[])[0]);
        expect(nic().associatePublicIpAddress).toBe("false");
        expect(nic().securityGroups.map((id) => byRef(plan, id).name)).toEqual(["tap-dev-use1-app-sg"]);
    });

    it("roots it on an encrypted gp3 volume with the stack key", () => {
        const [root] = templateOf(instance()).inputs.blockDeviceMappings as BlockDevice[];
        expect(root.ebs).toMatchObject({ volumeType: "gp3", volumeSize: 30, encrypted: "true" });
        expect(byRef(plan, root.ebs.kmsKeyId).type).toBe("aws:kms/key:Key");
    });

    it("runs as the app role through its instance profile, and has no key pair anywhere (SSM only)", () => {
        const profile = byRef(plan, (templateOf(instance()).inputs.iamInstanceProfile as { arn: string }).arn);
        expect([profile.type, profile.inputs.role]).toEqual(["aws:iam/instanceProfile:InstanceProfile", "tap-dev-use1-app-role"]);
        expect(ofType(plan, "aws:ec2/keyPair:KeyPair")).toEqual([]);
        expect([instance().inputs.keyName, templateOf(instance()).inputs.keyName]).toEqual([undefined, undefined]);
    });

    it("boots the hardening user data, serving the load balancer's health check", () => {
        const group = one(plan, "aws:cloudwatch/logGroup:LogGroup", "app-logs");
        const script = Buffer.from(String(templateOf(instance()).inputs.userData), "base64").toString("utf8");
        expect(script).toBe(
            renderUserData({
                logGroupName: String(group.inputs.name),
                metricsNamespace: "tap/tap-dev-use1",
                healthEndpoint: { port: 80, path: HEALTH_CHECK_PATH },
                updates: "patch-manager",
            }),
        );
    });

    it("carries the stack tags and its Name itself (tags are not computed: the provider would strip the template's)", () => {
        expect(instance().inputs.tags).toEqual({
            Environment: "dev",
            Project: "tap",
            ManagedBy: "pulumi",
            Owner: "platform",
            PatchGroup: "tap-dev-use1-app",
            Name: "tap-dev-use1-app",
        });
    });

    it("is registered in the load balancer's target group on the app port", () => {
        const attachment = one(plan, "aws:lb/targetGroupAttachment:TargetGroupAttachment");
        expect(byRef(plan, attachment.inputs.targetId).urn).toBe(instance().urn);
        expect(byRef(plan, attachment.inputs.targetGroupArn).urn).toBe(one(plan, "aws:lb/targetGroup:TargetGroup").urn);
        expect(attachment.inputs.port).toBe(80);
    });

    it("exports instanceId instead of autoScalingGroupName, flat and per region (absent keys, not undefined values)", () => {
        expect(plan.outputs.instanceId).toBe(instance().id);
        expect(Object.keys(plan.outputs)).not.toContain("autoScalingGroupName");
        const region = (plan.outputs.regions as Record<string, Record<string, unknown>>)["us-east-1"];
        expect(region.instanceId).toBe(instance().id);
        expect(Object.keys(region)).not.toContain("autoScalingGroupName");
    });

    it("passes tap-security with no mandatory violation, the instance judged through its template", () => {
        const report = evaluatePolicies(plan);
        expect(mandatoryViolations(report)).toEqual([]);
        const result = (name: string) => report.results.find((r) => r.policy === name)!;
        expect([result("ec2-instance-launch-template-hardened").status, result("ec2-instance-launch-template-hardened").examined]).toEqual([
            "pass",
            1,
        ]);
        expect(result("ec2-imdsv2-required")).toMatchObject({ status: "pass", examined: 2 });
    });
});
