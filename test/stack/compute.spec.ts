/**
 * Compute: its launch template, Auto Scaling group, log group, grant and app security group planned
 * alone (stand-ins for the VPC, subnets, key and the global instance role); then what only the whole
 * stack shows (which subnets, key and role it is given). The stack-wide rules on policies, groups and
 * key pairs: stack/program-shape.spec.ts.
 */
import { AL2023_AMI_PARAMETER, Compute } from "../../lib/compute/compute";
import { COMPUTE_SETTINGS } from "../../lib/compute/settings";
import { renderUserData } from "../../lib/compute/user-data";
import { at } from "../../policy/values";
import { securityGroupRules, statementsOf } from "../security-checks";
import {
    byRef,
    inputEntries,
    ofType,
    one,
    Plan,
    PlannedResource,
    planComponent,
    planTap,
    policyDocument,
    nonEmpty,
    StandIns,
} from "../support";

const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const ASG = "aws:autoscaling/group:Group";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const ROLE = "aws:iam/role:Role";

/** Every key named `name` anywhere in the inputs of every resource (nested objects and arrays too). */
const inputsNamed = (plan: Plan, name: string) =>
    inputEntries(plan)
        .filter((e) => e.key === name)
        .map(({ resource, value }) => ({ resource, value }));

const userDataOf = (lt: PlannedResource) => Buffer.from(String(lt.inputs.userData), "base64").toString("utf8");
const agentConfigOf = (script: string) => JSON.parse(script.split("<<'CWAGENT'\n")[1].split("\nCWAGENT")[0]);

/** The dev stack's instance tags (stack tags and the patch group), as RegionalStack passes them. */
const DEV_INSTANCE_TAGS = { Environment: "dev", Project: "tap", ManagedBy: "pulumi", Owner: "platform", PatchGroup: "tap-dev-use1-app" };

/** Compute as the dev stack builds it (dev's settings), on stand-ins for what it receives. */
const devCompute = (s: StandIns) => {
    const instanceRole = s.role(`${s.namePrefix}-app-role`);
    return new Compute(`${s.namePrefix}-compute`, {
        ...s.common,
        settings: s.settings(COMPUTE_SETTINGS),
        vpcId: s.vpcId,
        vpcCidr: s.vpcCidr,
        privateSubnetIds: s.privateSubnetIds,
        kmsKeyArn: s.kmsKeyArn,
        autoScalingServiceRoleArn: s.autoScalingServiceRoleArn,
        instanceRole,
        instanceProfile: s.instanceProfile(`${s.namePrefix}-app-profile`, instanceRole),
        instanceTags: DEV_INSTANCE_TAGS,
        updates: "patch-manager",
    });
};

describe("Compute alone (dev's settings)", () => {
    let plan: Plan;
    let standIns: { kmsKeyArn: string; privateSubnetIds: string[]; vpcId: string };
    beforeAll(async () => {
        plan = await planComponent((s) => {
            standIns = s;
            return devCompute(s);
        });
    });
    const lt = () => one(plan, LT);
    const asg = () => one(plan, ASG);
    const appSg = () => one(plan, SG, "app-sg");

    it("creates no key pair and sets keyName nowhere: access is SSM Session Manager (seed 000)", () => {
        expect(ofType(plan, LT)).toHaveLength(1);
        expect(plan.resources.filter((r) => r.type === "aws:ec2/keyPair:KeyPair")).toEqual([]);
        expect(inputsNamed(plan, "keyName")).toEqual([]);
    });

    it("boots Amazon Linux 2023, resolved by EC2 from the public SSM parameter at each launch", () => {
        expect(AL2023_AMI_PARAMETER).toBe("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64");
        expect(lt().inputs.imageId).toBe(`resolve:ssm:${AL2023_AMI_PARAMETER}`);
    });

    it("requires IMDSv2 with hop limit 1 and exposes instance tags (CIS 5.6 / EC2.8)", () => {
        expect(lt().inputs.metadataOptions).toEqual({
            httpEndpoint: "enabled",
            httpTokens: "required",
            httpPutResponseHopLimit: 1,
            instanceMetadataTags: "enabled",
        });
    });

    it("gives instances no public IP (EC2.9), only the app security group, and detailed monitoring", () => {
        expect(lt().inputs.networkInterfaces).toEqual([
            { deviceIndex: 0, associatePublicIpAddress: "false", securityGroups: [appSg().id], deleteOnTermination: "true" },
        ]);
        expect(lt().inputs.vpcSecurityGroupIds).toBeUndefined();
        expect(lt().inputs.monitoring).toEqual({ enabled: true });
        expect(appSg().inputs.vpcId).toBe(standIns.vpcId);
    });

    it("roots instances on a 30 GiB gp3 volume encrypted with the key it is given", () => {
        expect(lt().inputs.blockDeviceMappings).toEqual([
            {
                deviceName: "/dev/xvda",
                ebs: { volumeType: "gp3", volumeSize: 30, encrypted: "true", kmsKeyId: standIns.kmsKeyArn, deleteOnTermination: "true" },
            },
        ]);
    });

    it("launches with the hardening user data, configured for the app log group and metrics namespace", () => {
        const group = one(plan, "aws:cloudwatch/logGroup:LogGroup", "app-logs");
        expect(userDataOf(lt())).toBe(
            renderUserData({ logGroupName: String(group.inputs.name), metricsNamespace: "tap/tap-dev-use1", updates: "patch-manager" }),
        );
    });

    it("tags what it launches (instances, volumes, interfaces) with the tags it is given: provider defaultTags do not reach them", () => {
        const specs = lt().inputs.tagSpecifications as Array<{ resourceType: string; tags: Record<string, string> }>;
        expect(specs.map((s) => s.resourceType)).toEqual(["instance", "volume", "network-interface"]);
        for (const s of specs) expect(s.tags).toEqual({ ...DEV_INSTANCE_TAGS, Name: "tap-dev-use1-app" });
    });

    it("runs the Auto Scaling group in the subnets it is given, sized 1/2/1 in dev", () => {
        expect(asg().inputs).toMatchObject({ minSize: 1, maxSize: 2, desiredCapacity: 1 });
        expect(asg().inputs.vpcZoneIdentifiers).toEqual(standIns.privateSubnetIds);
    });

    it("pins the template's numbered latest version, so a template change starts a rolling instance refresh", () => {
        expect(asg().inputs.launchTemplate).toEqual({ id: lt().id, version: String(lt().state.latestVersion) });
        expect(asg().inputs.instanceRefresh).toEqual({
            strategy: "Rolling",
            preferences: { minHealthyPercentage: 100, maxHealthyPercentage: 200 },
        });
        expect(asg().inputs.instanceMaintenancePolicy).toEqual({ minHealthyPercentage: 100, maxHealthyPercentage: 200 });
        expect(asg().inputs.maxInstanceLifetime).toBe(30 * 24 * 3600);
    });

    it("lets the instances write their own log group and metrics in their own namespace only", () => {
        const group = one(plan, "aws:cloudwatch/logGroup:LogGroup", "app-logs");
        const grant = one(plan, "aws:iam/rolePolicy:RolePolicy", "app-logs-metrics");
        expect(grant.inputs.role).toBe(one(plan, ROLE, "app-role").id);
        expect(statementsOf(grant.inputs.policy)).toEqual([
            {
                Sid: "WriteOwnLogGroup",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                Resource: [group.state.arn, `${String(group.state.arn)}:*`],
            },
            {
                Sid: "PutMetricsInOwnNamespace",
                Effect: "Allow",
                Action: "cloudwatch:PutMetricData",
                Resource: "*",
                Condition: { StringEquals: { "cloudwatch:namespace": "tap/tap-dev-use1" } },
            },
        ]);
        expect(group.inputs).toMatchObject({ kmsKeyId: standIns.kmsKeyArn, retentionInDays: 90 });
    });

    it("configures the CloudWatch agent for exactly what the role allows: that log group, that namespace", () => {
        const config = agentConfigOf(userDataOf(lt()));
        const group = one(plan, "aws:cloudwatch/logGroup:LogGroup", "app-logs");
        const granted = statementsOf(one(plan, "aws:iam/rolePolicy:RolePolicy", "app-logs-metrics").inputs.policy).find(
            (s) => s.Action === "cloudwatch:PutMetricData",
        );
        expect(config.metrics.namespace).toBe(at(granted, "Condition", "StringEquals", "cloudwatch:namespace"));
        for (const file of config.logs.logs_collected.files.collect_list) expect(file.log_group_name).toBe(group.inputs.name);
    });

    it("opens the app group to nothing inbound and lets out only HTTPS, HTTP, VPC DNS and Time Sync NTP", () => {
        const rules = securityGroupRules(plan).filter((r) => r.from.includes("-app-"));
        expect(rules.filter((r) => r.direction === "ingress")).toEqual([]);
        expect(rules.map((r) => [r.protocol, r.fromPort, r.toPort, r.cidrs])).toEqual([
            ["tcp", 443, 443, ["0.0.0.0/0"]],
            ["tcp", 80, 80, ["0.0.0.0/0"]],
            ["udp", 53, 53, ["10.0.0.0/16"]],
            ["tcp", 53, 53, ["10.0.0.0/16"]],
            ["udp", 123, 123, ["169.254.169.123/32"]],
        ]);
        for (const rule of nonEmpty(ofType(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")))
            expect(rule.inputs.securityGroupId).toBe(appSg().id);
    });
});

describe("Compute in the dev stack (what it is given)", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap({}, "dev");
    });
    const lt = () => one(plan, LT);
    const asg = () => one(plan, ASG);

    it("encrypts the root volumes and the app log group with the region's stack key", () => {
        const key = one(plan, "aws:kms/key:Key");
        expect((lt().inputs.blockDeviceMappings as Array<{ ebs: { kmsKeyId: unknown } }>)[0].ebs.kmsKeyId).toBe(key.state.arn);
        expect(one(plan, "aws:cloudwatch/logGroup:LogGroup", "app-logs").inputs.kmsKeyId).toBe(key.state.arn);
    });

    it("tags the instances with the stack tags and their patch group", () => {
        const specs = nonEmpty(lt().inputs.tagSpecifications as Array<{ resourceType: string; tags: Record<string, string> }>);
        for (const s of specs)
            expect(s.tags).toEqual({
                Environment: "dev",
                Project: "tap",
                ManagedBy: "pulumi",
                Owner: "platform",
                PatchGroup: "tap-dev-use1-app",
                Name: "tap-dev-use1-app",
            });
    });

    it("runs the Auto Scaling group in the private subnets only", () => {
        const subnets = (asg().inputs.vpcZoneIdentifiers as string[]).map((id) => byRef(plan, id));
        expect(subnets).toHaveLength(2);
        for (const s of subnets) expect([s.name, (s.inputs.tags as Record<string, string>).Tier]).toEqual([s.name, "private"]);
    });

    it("gives the instances a role only EC2 can assume, with SSM core and nothing else managed", () => {
        const profile = byRef(plan, (lt().inputs.iamInstanceProfile as { arn: string }).arn);
        const role = ofType(plan, ROLE).find((r) => r.state.name === profile.inputs.role)!;
        expect(role.name).toBe("tap-dev-use1-app-role");
        expect(policyDocument(role.inputs.assumeRolePolicy).Statement).toEqual([
            { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
        ]);
        const attachments = ofType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter(
            (a) => a.inputs.role === role.state.name,
        );
        expect(attachments.map((a) => a.inputs.policyArn)).toEqual(["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"]);
        expect(one(plan, "aws:iam/rolePolicy:RolePolicy", "app-logs-metrics").inputs.role).toBe(role.id);
    });
});
