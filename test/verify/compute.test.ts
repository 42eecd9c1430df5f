/** Compute checks against DescribeInstances / launch template / security group responses. */
import {
    DescribeInstancesCommand,
    DescribeLaunchTemplateVersionsCommand,
    DescribeSecurityGroupsCommand,
    EC2Client,
    Instance,
    LaunchTemplateVersion,
    ResponseLaunchTemplateData,
    SecurityGroup,
} from "@aws-sdk/client-ec2";
import {
    appSecurityGroupScoped,
    instancesNoKeyPair,
    instancesNoPublicIp,
    instancesRequireImdsv2,
    launchTemplateHardened,
} from "../../lib/verify/compute";
import { ACCOUNT, DEV_OUTPUTS, findings, mockedClients, outputs, REGION, verdicts } from "./support";

const ASG = DEV_OUTPUTS.autoScalingGroupName;
const TEMPLATE = "lt-0abcdef1234567890";
const APP_SG = DEV_OUTPUTS.appSecurityGroupId;

/** An instance the Auto Scaling group launched from version 3 of the template, as EC2 describes it. */
const instance = (id: string, overrides: Partial<Instance> = {}): Instance => ({
    InstanceId: id, ImageId: "ami-0c02fb55956c7d316", InstanceType: "t3.micro", State: { Code: 16, Name: "running" },
    SubnetId: DEV_OUTPUTS.privateSubnetIds[0], VpcId: DEV_OUTPUTS.vpcId, PrivateIpAddress: "10.0.130.17",
    PrivateDnsName: "ip-10-0-130-17.ec2.internal", PublicDnsName: "", Monitoring: { State: "enabled" },
    IamInstanceProfile: { Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/tap-dev-use1-app`, Id: "AIPAEXAMPLE" },
    MetadataOptions: { State: "applied", HttpTokens: "required", HttpPutResponseHopLimit: 1, HttpEndpoint: "enabled", InstanceMetadataTags: "enabled" },
    NetworkInterfaces: [{
        NetworkInterfaceId: `eni-${id.slice(2)}`, PrivateIpAddress: "10.0.130.17", SubnetId: DEV_OUTPUTS.privateSubnetIds[0], Status: "in-use",
        Groups: [{ GroupId: APP_SG, GroupName: "tap-dev-use1-app" }],
    }],
    Tags: [
        { Key: "aws:autoscaling:groupName", Value: ASG },
        { Key: "aws:ec2launchtemplate:id", Value: TEMPLATE },
        { Key: "aws:ec2launchtemplate:version", Value: "3" },
        { Key: "Name", Value: "tap-dev-use1-app" },
    ],
    ...overrides,
});

const reservations = (...instances: Instance[]) => ({ Reservations: [{ ReservationId: "r-0123456789abcdef0", OwnerId: ACCOUNT, Instances: instances }] });

const newMocks = () => mockedClients({ ec2: new EC2Client({ region: REGION }) });
let mocks: ReturnType<typeof newMocks>;
beforeEach(() => { mocks = newMocks(); });

describe("compute.imdsv2 (CIS 5.6 / EC2.8)", () => {
    it("passes instances that require tokens with hop limit 1, found by the ASG tag and live states", async () => {
        mocks.ec2.on(DescribeInstancesCommand).resolves(reservations(instance("i-0aaa1111aaaa1111a"), instance("i-0bbb2222bbbb2222b")));
        expect(verdicts(await findings(instancesRequireImdsv2, mocks))).toEqual([["i-0aaa1111aaaa1111a", "pass"], ["i-0bbb2222bbbb2222b", "pass"]]);
        expect(mocks.ec2.commandCalls(DescribeInstancesCommand)[0].args[0].input.Filters).toEqual([
            { Name: "tag:aws:autoscaling:groupName", Values: [ASG] },
            { Name: "instance-state-name", Values: ["pending", "running", "stopping", "stopped"] },
        ]);
    });

    it("fails an instance that still allows IMDSv1 and forwards tokens two hops", async () => {
        mocks.ec2.on(DescribeInstancesCommand).resolves(reservations(
            instance("i-0aaa1111aaaa1111a"),
            instance("i-0bbb2222bbbb2222b", { MetadataOptions: { State: "applied", HttpTokens: "optional", HttpPutResponseHopLimit: 2, HttpEndpoint: "enabled" } }),
        ));
        const result = await findings(instancesRequireImdsv2, mocks);
        expect(verdicts(result)).toEqual([["i-0aaa1111aaaa1111a", "pass"], ["i-0bbb2222bbbb2222b", "fail"]]);
        expect(result[1].reason).toBe("HttpTokens optional: IMDSv1 is allowed; HttpPutResponseHopLimit 2, not 1");
    });

    it("reads every page of DescribeInstances", async () => {
        mocks.ec2.on(DescribeInstancesCommand)
            .resolvesOnce({ ...reservations(instance("i-0aaa1111aaaa1111a")), NextToken: "page-2" })
            .resolvesOnce(reservations(instance("i-0bbb2222bbbb2222b", { MetadataOptions: { HttpTokens: "optional", HttpPutResponseHopLimit: 1 } })));
        expect(verdicts(await findings(instancesRequireImdsv2, mocks))).toEqual([["i-0aaa1111aaaa1111a", "pass"], ["i-0bbb2222bbbb2222b", "fail"]]);
    });

    it("fails, naming the group, when the group has no instance to verify", async () => {
        mocks.ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
        const [finding] = await findings(instancesRequireImdsv2, mocks);
        expect(finding).toMatchObject({ resource: ASG, status: "fail" });
        expect(finding.reason).toMatch(/nothing to verify/);
    });

    it("looks up a single instance by id when the stack exports instanceId instead of a group", async () => {
        mocks.ec2.on(DescribeInstancesCommand).resolves(reservations(instance("i-0ccc3333cccc3333c")));
        const single = outputs({ instanceId: "i-0ccc3333cccc3333c" }, ["autoScalingGroupName"]);
        expect(verdicts(await findings(instancesRequireImdsv2, mocks, single))).toEqual([["i-0ccc3333cccc3333c", "pass"]]);
        expect(mocks.ec2.commandCalls(DescribeInstancesCommand)[0].args[0].input.InstanceIds).toEqual(["i-0ccc3333cccc3333c"]);
    });

    it("is skipped when the stack exports neither autoScalingGroupName nor instanceId", async () => {
        const [finding] = await findings(instancesRequireImdsv2, mocks, outputs({}, ["autoScalingGroupName"]));
        expect(finding).toMatchObject({ status: "skipped", reason: "skipped: output autoScalingGroupName or instanceId not in this stack" });
    });
});

describe("compute.no-public-ip (EC2.9)", () => {
    it("passes a private-only instance and fails one with an associated public IP", async () => {
        mocks.ec2.on(DescribeInstancesCommand).resolves(reservations(
            instance("i-0aaa1111aaaa1111a"),
            instance("i-0bbb2222bbbb2222b", {
                PublicIpAddress: "54.210.167.204", PublicDnsName: "ec2-54-210-167-204.compute-1.amazonaws.com",
                NetworkInterfaces: [{ NetworkInterfaceId: "eni-0b", PrivateIpAddress: "10.0.2.9", Association: { PublicIp: "54.210.167.204", IpOwnerId: "amazon" } }],
            }),
        ));
        const result = await findings(instancesNoPublicIp, mocks);
        expect(verdicts(result)).toEqual([["i-0aaa1111aaaa1111a", "pass"], ["i-0bbb2222bbbb2222b", "fail"]]);
        expect(result[1].reason).toBe("public IP 54.210.167.204");
    });
});

describe("compute.no-key-pair", () => {
    it("passes an instance without a key pair and fails one launched with one", async () => {
        mocks.ec2.on(DescribeInstancesCommand).resolves(reservations(instance("i-0aaa1111aaaa1111a"), instance("i-0bbb2222bbbb2222b", { KeyName: "tap-dev-key" })));
        const result = await findings(instancesNoKeyPair, mocks);
        expect(verdicts(result)).toEqual([["i-0aaa1111aaaa1111a", "pass"], ["i-0bbb2222bbbb2222b", "fail"]]);
        expect(result[1].reason).toBe("launched with key pair tap-dev-key");
    });
});

describe("compute.launch-template (EC2.170 / EC2.25)", () => {
    const version = (n: number, data: ResponseLaunchTemplateData): LaunchTemplateVersion => ({
        LaunchTemplateId: TEMPLATE, LaunchTemplateName: "tap-dev-use1-app", VersionNumber: n, DefaultVersion: true, LaunchTemplateData: data,
    });
    const hardened: ResponseLaunchTemplateData = {
        ImageId: "ami-0c02fb55956c7d316", InstanceType: "t3.micro",
        IamInstanceProfile: { Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/tap-dev-use1-app` },
        MetadataOptions: { HttpTokens: "required", HttpPutResponseHopLimit: 1, HttpEndpoint: "enabled", InstanceMetadataTags: "enabled" },
        NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: false, Groups: [APP_SG], DeleteOnTermination: true }],
        Monitoring: { Enabled: true },
    };

    it("passes the version the instances were launched from, and asks for that version only", async () => {
        mocks.ec2.on(DescribeInstancesCommand).resolves(reservations(instance("i-0aaa1111aaaa1111a"), instance("i-0bbb2222bbbb2222b")));
        mocks.ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [version(3, hardened)] });
        expect(verdicts(await findings(launchTemplateHardened, mocks))).toEqual([[`${TEMPLATE} v3`, "pass"]]);
        expect(mocks.ec2.commandCalls(DescribeLaunchTemplateVersionsCommand)[0].args[0].input).toEqual({ LaunchTemplateId: TEMPLATE, Versions: ["3"] });
    });

    it("fails a version with optional tokens, a key pair and a public IP", async () => {
        mocks.ec2.on(DescribeInstancesCommand).resolves(reservations(instance("i-0aaa1111aaaa1111a")));
        mocks.ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({
            LaunchTemplateVersions: [version(3, {
                ...hardened, KeyName: "tap-dev-key",
                MetadataOptions: { HttpTokens: "optional", HttpPutResponseHopLimit: 1 },
                NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true }],
            })],
        });
        const [finding] = await findings(launchTemplateHardened, mocks);
        expect(finding).toMatchObject({ resource: `${TEMPLATE} v3`, status: "fail" });
        expect(finding.reason).toBe("MetadataOptions.HttpTokens optional; KeyName tap-dev-key; a network interface has AssociatePublicIpAddress true");
    });

    it("fails an instance that was not launched from a launch template", async () => {
        mocks.ec2.on(DescribeInstancesCommand).resolves(reservations(instance("i-0aaa1111aaaa1111a", { Tags: [{ Key: "aws:autoscaling:groupName", Value: ASG }] })));
        expect(await findings(launchTemplateHardened, mocks)).toEqual([expect.objectContaining({ resource: "i-0aaa1111aaaa1111a", status: "fail" })]);
        expect(mocks.ec2.commandCalls(DescribeLaunchTemplateVersionsCommand)).toHaveLength(0);
    });
});

describe("compute.app-sg-scoped (CIS 5.2 / EC2.53)", () => {
    const group = (overrides: Partial<SecurityGroup>): SecurityGroup => ({
        GroupId: APP_SG, GroupName: "tap-dev-use1-app", VpcId: DEV_OUTPUTS.vpcId, OwnerId: ACCOUNT, Description: "app instances", ...overrides,
    });
    const egressForUpdates = [
        { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0", Description: "HTTPS: SSM, updates" }] },
        { IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: "0.0.0.0/0", Description: "HTTP: package repos" }] },
        { IpProtocol: "udp", FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
        { IpProtocol: "udp", FromPort: 123, ToPort: 123, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
    ];

    it("passes a group with scoped egress and ingress only from the ALB's group", async () => {
        mocks.ec2.on(DescribeSecurityGroupsCommand).resolves({
            SecurityGroups: [group({ IpPermissions: [{ IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: "sg-0alb0000000000001" }] }], IpPermissionsEgress: egressForUpdates })],
        });
        const [finding] = await findings(appSecurityGroupScoped, mocks);
        expect(finding).toMatchObject({ resource: APP_SG, status: "pass" });
        expect(finding.reason).toBe("no admin port from the internet; egress: tcp 443 to 0.0.0.0/0; tcp 80 to 0.0.0.0/0; udp 53 to 0.0.0.0/0; udp 123 to 0.0.0.0/0");
    });

    it("fails SSH from anywhere (IPv6 too) and all-traffic egress", async () => {
        mocks.ec2.on(DescribeSecurityGroupsCommand).resolves({
            SecurityGroups: [group({
                IpPermissions: [
                    { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "10.0.0.0/16" }] },
                    { IpProtocol: "tcp", FromPort: 0, ToPort: 1024, Ipv6Ranges: [{ CidrIpv6: "::/0" }] },
                ],
                IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
            })],
        });
        const [finding] = await findings(appSecurityGroupScoped, mocks);
        expect(finding.status).toBe("fail");
        expect(finding.reason).toBe("inbound tcp 0-1024 from ::/0 opens an admin port to the internet; outbound all traffic to 0.0.0.0/0");
    });
});
