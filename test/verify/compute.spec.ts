/**
 * Compute checks against DescribeAutoScalingGroups / DescribeInstances / launch template / security
 * group answers, each built on the one AWS documents (test/verify/fixtures: the AWS CLI examples), with the stack's ids.
 */
import {
    AutoScalingClient,
    AutoScalingGroup,
    DescribeAutoScalingGroupsCommand,
    Instance as GroupMember,
} from "@aws-sdk/client-auto-scaling";
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
    groupInPrivateSubnets,
    groupUsesLaunchTemplate,
    instancesNoKeyPair,
    instancesNoPublicIp,
    instancesRequireImdsv2,
    launchTemplateHardened,
} from "../../tooling/verify/compute";
import { sdkResponse } from "./fixtures";
import { ACCOUNT, DEV_OUTPUTS, findings, mockedClients, outputs, REGION, verdicts } from "./support";

const ASG = DEV_OUTPUTS.autoScalingGroupName;
const TEMPLATE = "lt-0abcdef1234567890";
const APP_SG = DEV_OUTPUTS.appSecurityGroupId;
const [PRIVATE_A, PRIVATE_B] = DEV_OUTPUTS.privateSubnetIds;
const I1 = "i-0aaa1111aaaa1111a";
const I2 = "i-0bbb2222bbbb2222b";

/** The documented answers (AWS CLI examples), read once. */
const documented = {} as {
    group: AutoScalingGroup;
    instance: Instance;
    reservation: { ReservationId?: string; OwnerId?: string };
    version: LaunchTemplateVersion;
    sg: SecurityGroup;
};
beforeAll(async () => {
    documented.group = (
        await sdkResponse<{ AutoScalingGroups: AutoScalingGroup[] }>("autoScaling/DescribeAutoScalingGroups.cli-example")
    ).AutoScalingGroups[0];
    const { Reservations } = await sdkResponse<{ Reservations: { ReservationId?: string; OwnerId?: string; Instances: Instance[] }[] }>(
        "ec2/DescribeInstances.cli-example",
    );
    documented.instance = Reservations[0].Instances[0];
    documented.reservation = { ReservationId: Reservations[0].ReservationId, OwnerId: Reservations[0].OwnerId };
    documented.version = (
        await sdkResponse<{ LaunchTemplateVersions: LaunchTemplateVersion[] }>("ec2/DescribeLaunchTemplateVersions.cli-example")
    ).LaunchTemplateVersions[0];
    documented.sg = (await sdkResponse<{ SecurityGroups: SecurityGroup[] }>("ec2/DescribeSecurityGroups.cli-example")).SecurityGroups[0];
});

/** The documented group member as one of the stack's instances, launched from version 3 of the stack's template. */
const member = (id: string, overrides: Partial<GroupMember> = {}): GroupMember => ({
    ...documented.group.Instances![0],
    InstanceId: id,
    InstanceType: "t3.micro",
    AvailabilityZone: "us-east-1a",
    LaunchTemplate: { LaunchTemplateId: TEMPLATE, LaunchTemplateName: "tap-dev-use1-app-lt-7c1e5a0", Version: "3" },
    ...overrides,
});

/** The documented group as the stack's: its name, template, two private subnets in two AZs, two members. */
const group = (overrides: Partial<AutoScalingGroup> = {}): AutoScalingGroup => ({
    ...documented.group,
    AutoScalingGroupName: ASG,
    AutoScalingGroupARN: `arn:aws:autoscaling:${REGION}:${ACCOUNT}:autoScalingGroup:5b8c1c3e-0f4a-4c52-9d2e-6f1a2b3c4d5e:autoScalingGroupName/${ASG}`,
    LaunchTemplate: { LaunchTemplateId: TEMPLATE, LaunchTemplateName: "tap-dev-use1-app-lt-7c1e5a0", Version: "3" },
    MinSize: 1,
    MaxSize: 2,
    DesiredCapacity: 2,
    AvailabilityZones: ["us-east-1a", "us-east-1b"],
    Instances: [member(I1), member(I2, { AvailabilityZone: "us-east-1b" })],
    VPCZoneIdentifier: `${PRIVATE_A},${PRIVATE_B}`,
    ...overrides,
});

/**
 * The documented instance (a public one, with a key pair) as one of the stack's: private, no key
 * pair, IMDSv2 with hop limit 1, in the app group; no ASG or launch template tags, to prove the
 * checks go by the group's list.
 */
const instance = (id: string, overrides: Partial<Instance> = {}): Instance => {
    const { KeyName: _key, PublicIpAddress: _ip, ...documentedInstance } = documented.instance;
    const nic = documentedInstance.NetworkInterfaces![0];
    const { Association: _association, ...privateNic } = nic;
    return {
        ...documentedInstance,
        InstanceId: id,
        InstanceType: "t3.micro",
        SubnetId: PRIVATE_A,
        VpcId: DEV_OUTPUTS.vpcId,
        PrivateIpAddress: "10.0.130.17",
        PrivateDnsName: "ip-10-0-130-17.ec2.internal",
        PublicDnsName: "",
        MetadataOptions: {
            ...documentedInstance.MetadataOptions,
            State: "applied",
            HttpTokens: "required",
            HttpPutResponseHopLimit: 1,
            HttpEndpoint: "enabled",
        },
        NetworkInterfaces: [
            {
                ...privateNic,
                NetworkInterfaceId: `eni-${id.slice(2)}`,
                PrivateIpAddress: "10.0.130.17",
                SubnetId: PRIVATE_A,
                Groups: [{ GroupId: APP_SG, GroupName: "tap-dev-use1-app" }],
            },
        ],
        Tags: [{ Key: "Name", Value: "tap-dev-use1-app" }],
        ...overrides,
    };
};

const reservations = (...instances: Instance[]) => ({
    Reservations: [{ ...documented.reservation, OwnerId: ACCOUNT, Instances: instances }],
});

const newMocks = () => mockedClients({ ec2: new EC2Client({ region: REGION }), autoScaling: new AutoScalingClient({ region: REGION }) });
let mocks: ReturnType<typeof newMocks>;
beforeEach(() => {
    mocks = newMocks();
});

/** The group answers with `g`; EC2 describes `live`. */
const deployed = (g: AutoScalingGroup, ...live: Instance[]) => {
    mocks.autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [g] });
    mocks.ec2.on(DescribeInstancesCommand).resolves(reservations(...live));
};

describe("compute.asg-private-subnets (AutoScaling.2, private subnets)", () => {
    it("passes the group launching into the two private subnets, asking for it by name", async () => {
        mocks.autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group()] });
        const [finding] = await findings(groupInPrivateSubnets, mocks);
        expect(finding).toMatchObject({
            resource: ASG,
            status: "pass",
            reason: `2 private subnets (${PRIVATE_A}, ${PRIVATE_B}) in us-east-1a, us-east-1b`,
        });
        expect(mocks.autoScaling.commandCalls(DescribeAutoScalingGroupsCommand)[0].args[0].input).toEqual({ AutoScalingGroupNames: [ASG] });
    });

    it("fails a group that also launches into a public subnet, and one in a single AZ", async () => {
        const publicSubnet = DEV_OUTPUTS.publicSubnetIds[0];
        mocks.autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({
            AutoScalingGroups: [
                group({ VPCZoneIdentifier: `${PRIVATE_A}, ${publicSubnet},subnet-0other0000000000`, AvailabilityZones: ["us-east-1a"] }),
            ],
        });
        const [finding] = await findings(groupInPrivateSubnets, mocks);
        expect(finding).toMatchObject({ resource: ASG, status: "fail" });
        expect(finding.reason).toBe(
            `launches into public subnet ${publicSubnet}; launches into subnet subnet-0other0000000000, not one of the private subnets; spans 1 AZ (us-east-1a), need at least 2`,
        );
    });

    it("fails, naming the group, when AWS has no group of that name", async () => {
        mocks.autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
        expect(await findings(groupInPrivateSubnets, mocks)).toEqual([
            expect.objectContaining({ resource: ASG, status: "fail", reason: "Auto Scaling group not found" }),
        ]);
    });
});

describe("compute.asg-launch-template (AutoScaling.9)", () => {
    it("passes a group launching from a launch template version", async () => {
        mocks.autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group()] });
        expect((await findings(groupUsesLaunchTemplate, mocks))[0]).toMatchObject({
            resource: ASG,
            status: "pass",
            reason: `launch template tap-dev-use1-app-lt-7c1e5a0 (${TEMPLATE}), version 3`,
        });
    });

    it("fails a group launching from a launch configuration", async () => {
        mocks.autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({
            AutoScalingGroups: [group({ LaunchTemplate: undefined, LaunchConfigurationName: "tap-dev-use1-app-lc" })],
        });
        expect((await findings(groupUsesLaunchTemplate, mocks))[0]).toMatchObject({
            resource: ASG,
            status: "fail",
            reason: "launches from launch configuration tap-dev-use1-app-lc, not a launch template",
        });
    });
});

describe("compute.imdsv2 (CIS 5.6 / EC2.8)", () => {
    it("passes the group's instances, described by the ids the group lists", async () => {
        deployed(group(), instance(I1), instance(I2));
        expect(verdicts(await findings(instancesRequireImdsv2, mocks))).toEqual([
            [I1, "pass"],
            [I2, "pass"],
        ]);
        expect(mocks.ec2.commandCalls(DescribeInstancesCommand)[0].args[0].input).toEqual({
            InstanceIds: [I1, I2],
            Filters: [{ Name: "instance-state-name", Values: ["pending", "running", "stopping", "stopped"] }],
        });
    });

    it("fails an instance that still allows IMDSv1 and forwards tokens two hops", async () => {
        deployed(
            group(),
            instance(I1),
            instance(I2, {
                MetadataOptions: { State: "applied", HttpTokens: "optional", HttpPutResponseHopLimit: 2, HttpEndpoint: "enabled" },
            }),
        );
        const result = await findings(instancesRequireImdsv2, mocks);
        expect(verdicts(result)).toEqual([
            [I1, "pass"],
            [I2, "fail"],
        ]);
        expect(result[1].reason).toBe("HttpTokens optional: IMDSv1 is allowed; HttpPutResponseHopLimit 2, not 1");
    });

    it("reads every page of DescribeInstances", async () => {
        mocks.autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group()] });
        mocks.ec2
            .on(DescribeInstancesCommand)
            .resolvesOnce({ ...reservations(instance(I1)), NextToken: "page-2" })
            .resolvesOnce(reservations(instance(I2, { MetadataOptions: { HttpTokens: "optional", HttpPutResponseHopLimit: 1 } })));
        expect(verdicts(await findings(instancesRequireImdsv2, mocks))).toEqual([
            [I1, "pass"],
            [I2, "fail"],
        ]);
    });

    it("fails, naming the group and its size, when the group has no instances, without asking EC2", async () => {
        mocks.autoScaling
            .on(DescribeAutoScalingGroupsCommand)
            .resolves({ AutoScalingGroups: [group({ Instances: [], MinSize: 0, DesiredCapacity: 0 })] });
        expect(await findings(instancesRequireImdsv2, mocks)).toEqual([
            expect.objectContaining({
                resource: ASG,
                status: "fail",
                reason: "the group has no instances (desired capacity 0, min 0, max 2): nothing to verify",
            }),
        ]);
        expect(mocks.ec2.commandCalls(DescribeInstancesCommand)).toHaveLength(0);
    });

    it("leaves out instances the group is terminating, and fails one EC2 no longer describes", async () => {
        deployed(
            group({ Instances: [member(I1), member(I2), member("i-0ccc3333cccc3333c", { LifecycleState: "Terminating" })] }),
            instance(I1),
        );
        const result = await findings(instancesRequireImdsv2, mocks);
        expect(verdicts(result)).toEqual([
            [I1, "pass"],
            [I2, "fail"],
        ]);
        expect(result[1].reason).toBe("listed by the group, but EC2 reports no pending/running/stopped instance of that id");
        expect(mocks.ec2.commandCalls(DescribeInstancesCommand)[0].args[0].input.InstanceIds).toEqual([I1, I2]);
    });

    it("fails, naming the group, when AWS has no group of that name", async () => {
        mocks.autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
        expect(await findings(instancesRequireImdsv2, mocks)).toEqual([
            expect.objectContaining({ resource: ASG, status: "fail", reason: "Auto Scaling group not found" }),
        ]);
    });

    it("looks up a single instance by id when the stack exports instanceId instead of a group", async () => {
        mocks.ec2.on(DescribeInstancesCommand).resolves(reservations(instance("i-0ccc3333cccc3333c")));
        const single = outputs({ instanceId: "i-0ccc3333cccc3333c" }, ["autoScalingGroupName"]);
        expect(verdicts(await findings(instancesRequireImdsv2, mocks, single))).toEqual([["i-0ccc3333cccc3333c", "pass"]]);
        expect(mocks.ec2.commandCalls(DescribeInstancesCommand)[0].args[0].input.InstanceIds).toEqual(["i-0ccc3333cccc3333c"]);
        expect(mocks.autoScaling.commandCalls(DescribeAutoScalingGroupsCommand)).toHaveLength(0);
    });

    it("is skipped when the stack exports neither autoScalingGroupName nor instanceId", async () => {
        const [finding] = await findings(instancesRequireImdsv2, mocks, outputs({}, ["autoScalingGroupName"]));
        expect(finding).toMatchObject({
            status: "skipped",
            reason: "skipped: output autoScalingGroupName or instanceId not in this stack",
        });
    });
});

describe("compute.no-public-ip (EC2.9)", () => {
    it("passes a private-only instance and fails one with an associated public IP", async () => {
        deployed(
            group(),
            instance(I1),
            instance(I2, {
                PublicIpAddress: "54.210.167.204",
                PublicDnsName: "ec2-54-210-167-204.compute-1.amazonaws.com",
                NetworkInterfaces: [
                    {
                        NetworkInterfaceId: "eni-0b",
                        PrivateIpAddress: "10.0.2.9",
                        Association: { PublicIp: "54.210.167.204", IpOwnerId: "amazon" },
                    },
                ],
            }),
        );
        const result = await findings(instancesNoPublicIp, mocks);
        expect(verdicts(result)).toEqual([
            [I1, "pass"],
            [I2, "fail"],
        ]);
        expect(result[1].reason).toBe("public IP 54.210.167.204");
    });
});

describe("compute.no-key-pair", () => {
    it("passes an instance without a key pair and fails one launched with one", async () => {
        deployed(group(), instance(I1), instance(I2, { KeyName: "tap-dev-key" }));
        const result = await findings(instancesNoKeyPair, mocks);
        expect(verdicts(result)).toEqual([
            [I1, "pass"],
            [I2, "fail"],
        ]);
        expect(result[1].reason).toBe("launched with key pair tap-dev-key");
    });
});

describe("compute.launch-template (EC2.170 / EC2.25)", () => {
    /** The documented launch template version as version `n` of the stack's template, holding `data`. */
    const version = (n: number, data: ResponseLaunchTemplateData): LaunchTemplateVersion => ({
        ...documented.version,
        LaunchTemplateId: TEMPLATE,
        LaunchTemplateName: "tap-dev-use1-app-lt-7c1e5a0",
        VersionNumber: n,
        DefaultVersion: true,
        LaunchTemplateData: data,
    });
    const hardened: ResponseLaunchTemplateData = {
        ImageId: "ami-0c02fb55956c7d316",
        InstanceType: "t3.micro",
        IamInstanceProfile: { Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/tap-dev-use1-app` },
        MetadataOptions: { HttpTokens: "required", HttpPutResponseHopLimit: 1, HttpEndpoint: "enabled", InstanceMetadataTags: "enabled" },
        NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: false, Groups: [APP_SG], DeleteOnTermination: true }],
        Monitoring: { Enabled: true },
    };

    it("passes the version the group says its instances came from, and asks for that version only", async () => {
        deployed(group(), instance(I1), instance(I2));
        mocks.ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [version(3, hardened)] });
        expect(verdicts(await findings(launchTemplateHardened, mocks))).toEqual([[`${TEMPLATE} v3`, "pass"]]);
        expect(mocks.ec2.commandCalls(DescribeLaunchTemplateVersionsCommand)[0].args[0].input).toEqual({
            LaunchTemplateId: TEMPLATE,
            Versions: ["3"],
        });
    });

    it("checks each version in use during a rolling refresh, and fails the old one with optional tokens, a key pair and a public IP", async () => {
        deployed(
            group({ Instances: [member(I1, { LaunchTemplate: { LaunchTemplateId: TEMPLATE, Version: "2" } }), member(I2)] }),
            instance(I1),
            instance(I2),
        );
        mocks.ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({
            LaunchTemplateVersions: [
                version(2, {
                    ...hardened,
                    KeyName: "tap-dev-key",
                    MetadataOptions: { HttpTokens: "optional", HttpPutResponseHopLimit: 1 },
                    NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true }],
                }),
                version(3, hardened),
            ],
        });
        const result = await findings(launchTemplateHardened, mocks);
        expect(verdicts(result)).toEqual([
            [`${TEMPLATE} v2`, "fail"],
            [`${TEMPLATE} v3`, "pass"],
        ]);
        expect(result[0].reason).toBe(
            "MetadataOptions.HttpTokens optional; KeyName tap-dev-key; a network interface has AssociatePublicIpAddress true",
        );
    });

    it("resolves $Latest to the newest version EC2 answers", async () => {
        deployed(group({ Instances: [member(I1, { LaunchTemplate: { LaunchTemplateId: TEMPLATE, Version: "$Latest" } })] }), instance(I1));
        mocks.ec2
            .on(DescribeLaunchTemplateVersionsCommand)
            .resolves({ LaunchTemplateVersions: [version(4, { ...hardened, KeyName: "tap-dev-key" })] });
        expect((await findings(launchTemplateHardened, mocks))[0]).toMatchObject({
            resource: `${TEMPLATE} v$Latest`,
            status: "fail",
            reason: "KeyName tap-dev-key",
        });
    });

    it("fails an instance the group launched from a launch configuration, without asking for template versions", async () => {
        deployed(
            group({ Instances: [member(I1, { LaunchTemplate: undefined, LaunchConfigurationName: "tap-dev-use1-app-lc" })] }),
            instance(I1),
        );
        expect(await findings(launchTemplateHardened, mocks)).toEqual([
            expect.objectContaining({
                resource: I1,
                status: "fail",
                reason: "launched from launch configuration tap-dev-use1-app-lc, not a launch template",
            }),
        ]);
        expect(mocks.ec2.commandCalls(DescribeLaunchTemplateVersionsCommand)).toHaveLength(0);
    });

    it("finds a single instance's template by the tags EC2 puts on it", async () => {
        mocks.ec2.on(DescribeInstancesCommand).resolves(
            reservations(
                instance("i-0ccc3333cccc3333c", {
                    Tags: [
                        { Key: "aws:ec2launchtemplate:id", Value: TEMPLATE },
                        { Key: "aws:ec2launchtemplate:version", Value: "3" },
                    ],
                }),
            ),
        );
        mocks.ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [version(3, hardened)] });
        const single = outputs({ instanceId: "i-0ccc3333cccc3333c" }, ["autoScalingGroupName"]);
        expect(verdicts(await findings(launchTemplateHardened, mocks, single))).toEqual([[`${TEMPLATE} v3`, "pass"]]);
    });
});

describe("compute.app-sg-scoped (CIS 5.2 / EC2.53)", () => {
    /** The documented group as the app's security group. */
    const sg = (overrides: Partial<SecurityGroup>): SecurityGroup => ({
        ...documented.sg,
        GroupId: APP_SG,
        GroupName: "tap-dev-use1-app",
        VpcId: DEV_OUTPUTS.vpcId,
        OwnerId: ACCOUNT,
        Description: "app instances",
        ...overrides,
    });
    const egressForUpdates = [
        { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0", Description: "HTTPS: SSM, updates" }] },
        { IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: "0.0.0.0/0", Description: "HTTP: package repos" }] },
        { IpProtocol: "udp", FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
        { IpProtocol: "udp", FromPort: 123, ToPort: 123, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
    ];

    it("passes a group with scoped egress and ingress only from the ALB's group", async () => {
        mocks.ec2.on(DescribeSecurityGroupsCommand).resolves({
            SecurityGroups: [
                sg({
                    IpPermissions: [
                        { IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: "sg-0alb0000000000001" }] },
                    ],
                    IpPermissionsEgress: egressForUpdates,
                }),
            ],
        });
        const [finding] = await findings(appSecurityGroupScoped, mocks);
        expect(finding).toMatchObject({ resource: APP_SG, status: "pass" });
        expect(finding.reason).toBe(
            "no admin port from the internet; egress: tcp 443 to 0.0.0.0/0; tcp 80 to 0.0.0.0/0; udp 53 to 0.0.0.0/0; udp 123 to 0.0.0.0/0",
        );
    });

    it("fails SSH from anywhere (IPv6 too) and all-traffic egress", async () => {
        mocks.ec2.on(DescribeSecurityGroupsCommand).resolves({
            SecurityGroups: [
                sg({
                    IpPermissions: [
                        { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "10.0.0.0/16" }] },
                        { IpProtocol: "tcp", FromPort: 0, ToPort: 1024, Ipv6Ranges: [{ CidrIpv6: "::/0" }] },
                    ],
                    IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
                }),
            ],
        });
        const [finding] = await findings(appSecurityGroupScoped, mocks);
        expect(finding.status).toBe("fail");
        expect(finding.reason).toBe("inbound tcp 0-1024 from ::/0 opens an admin port to the internet; outbound all traffic to 0.0.0.0/0");
    });
});
