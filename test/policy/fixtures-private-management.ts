/**
 * Fixtures of the private-management policies (policy/rules/private-management.ts): a compliant
 * private VPC without NAT (endpoints, endpoint security group), session preferences and Patch
 * Manager, and for each policy a realistic program that breaks it. Spread into fixtures.ts.
 */
import * as aws from "@pulumi/aws";
import { MOCK_ACCOUNT_ID } from "../../tooling/mock-runtime/mocks";
import type { FixtureContext, PolicyFixture } from "./fixture-kit";
import { vpc } from "./fixture-kit";

const KEY_ARN = `arn:aws:kms:us-east-1:${MOCK_ACCOUNT_ID}:key/11111111-2222-3333-4444-555555555555`;
const ownAccount = { StringEquals: { "aws:PrincipalAccount": MOCK_ACCOUNT_ID } };
const document = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const OWN_PRINCIPALS = document({ Effect: "Allow", Principal: { AWS: "*" }, Action: "*", Resource: "*", Condition: ownAccount });
const S3_GATEWAY_POLICY = document(
    {
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: "s3:*",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalAccount": MOCK_ACCOUNT_ID, "aws:ResourceAccount": MOCK_ACCOUNT_ID } },
    },
    {
        Effect: "Allow",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: ["arn:aws:s3:::al2023-repos-us-east-1-de612dc2/*"],
        Condition: { StringEquals: { "aws:SourceVpc": "vpc-0123456789abcdef0" } },
    },
);

interface PrivateNetworkOptions {
    /** Interface endpoints to create. @default ssm, ssmmessages, ec2messages */
    readonly services?: readonly string[];
    /** Put the S3 gateway endpoint on the private route table. @default true */
    readonly gatewayOnTable?: boolean;
    readonly endpointSg?: Partial<aws.ec2.SecurityGroupArgs>;
    /** A second private subnet, in another AZ, left out of the endpoints. @default false */
    readonly uncoveredSubnet?: boolean;
}

/** A VPC whose private subnet has no NAT route: only its endpoints reach AWS. */
function privateNetwork(c: FixtureContext, o: PrivateNetworkOptions = {}): void {
    const network = vpc(c);
    const subnet = new aws.ec2.Subnet(c.name("private-subnet"), {
        vpcId: network.id,
        cidrBlock: "10.0.128.0/20",
        availabilityZone: "us-east-1a",
        mapPublicIpOnLaunch: false,
        tags: { Tier: "private" },
    });
    const table = new aws.ec2.RouteTable(c.name("private-rt"), { vpcId: network.id, tags: { Tier: "private" } });
    new aws.ec2.RouteTableAssociation(c.name("private-rta"), { subnetId: subnet.id, routeTableId: table.id });
    if (o.uncoveredSubnet) {
        new aws.ec2.Subnet(c.name("private-subnet-b"), {
            vpcId: network.id,
            cidrBlock: "10.0.144.0/20",
            availabilityZone: "us-east-1b",
            mapPublicIpOnLaunch: false,
            tags: { Tier: "private" },
        });
    }
    const sg = new aws.ec2.SecurityGroup(c.name("endpoints-sg"), {
        vpcId: network.id,
        description: "endpoints",
        ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] }],
        egress: [],
        ...o.endpointSg,
    });
    new aws.ec2.VpcEndpoint(c.name("s3-gateway"), {
        vpcId: network.id,
        serviceName: "com.amazonaws.us-east-1.s3",
        vpcEndpointType: "Gateway",
        routeTableIds: o.gatewayOnTable === false ? [] : [table.id],
        policy: S3_GATEWAY_POLICY,
    });
    for (const service of o.services ?? ["ssm", "ssmmessages", "ec2messages"]) {
        new aws.ec2.VpcEndpoint(c.name(`${service}-endpoint`), {
            vpcId: network.id,
            serviceName: `com.amazonaws.us-east-1.${service}`,
            vpcEndpointType: "Interface",
            privateDnsEnabled: true,
            subnetIds: [subnet.id],
            securityGroupIds: [sg.id],
            policy: OWN_PRINCIPALS,
        });
    }
}

const SESSION_INPUTS = {
    s3BucketName: "tap-fixture-mgmt-logs",
    s3KeyPrefix: "session-logs/",
    s3EncryptionEnabled: true,
    cloudWatchLogGroupName: "/tap/fixture/session-logs",
    cloudWatchEncryptionEnabled: true,
    cloudWatchStreamingEnabled: true,
    kmsKeyId: KEY_ARN,
    runAsEnabled: false,
    runAsDefaultUser: "",
    idleSessionTimeout: "20",
    maxSessionDuration: "60",
};
const sessionDocument = (c: FixtureContext, inputs: Record<string, unknown> = {}) =>
    new aws.ssm.Document(c.name("session-preferences"), {
        name: "SSM-SessionManagerRunShell",
        documentType: "Session",
        documentFormat: "JSON",
        content: JSON.stringify({ schemaVersion: "1.0", sessionType: "Standard_Stream", inputs: { ...SESSION_INPUTS, ...inputs } }),
    });

const SECURITY_RULE = {
    approveAfterDays: 7,
    complianceLevel: "CRITICAL",
    patchFilters: [
        { key: "CLASSIFICATION", values: ["Security"] },
        { key: "SEVERITY", values: ["Critical", "Important"] },
    ],
};
const baseline = (c: FixtureContext, args: Partial<aws.ssm.PatchBaselineArgs> = {}) =>
    new aws.ssm.PatchBaseline(c.name("baseline"), { operatingSystem: "AMAZON_LINUX_2023", approvalRules: [SECURITY_RULE], ...args });
const byTag = [{ key: "tag:PatchGroup", values: ["tap-fixture-app"] }];

/** The patch group on the baseline, and its daily scan association (Patch Manager's compliance data). */
function patchScan(c: FixtureContext, scan: Partial<aws.ssm.AssociationArgs> = {}): void {
    new aws.ssm.PatchGroup(c.name("patch-group"), { baselineId: baseline(c).id, patchGroup: "tap-fixture-app" });
    new aws.ssm.Association(c.name("patch-scan"), {
        name: "AWS-RunPatchBaseline",
        parameters: { Operation: "Scan" },
        targets: byTag,
        scheduleExpression: "rate(1 day)",
        complianceSeverity: "HIGH",
        ...scan,
    });
}

function patching(
    c: FixtureContext,
    o: { scan?: Partial<aws.ssm.AssociationArgs>; task?: Partial<aws.ssm.MaintenanceWindowTaskArgs> } = {},
): void {
    patchScan(c, o.scan);
    const window = new aws.ssm.MaintenanceWindow(c.name("window"), { schedule: "cron(0 3 ? * SUN *)", duration: 3, cutoff: 1 });
    new aws.ssm.MaintenanceWindowTask(c.name("patch-install"), {
        windowId: window.id,
        taskType: "RUN_COMMAND",
        taskArn: "AWS-RunPatchBaseline",
        maxConcurrency: "1",
        maxErrors: "1",
        targets: byTag,
        taskInvocationParameters: {
            runCommandParameters: { parameters: [{ name: "Operation", values: ["Install"] }], outputS3Bucket: "tap-fixture-mgmt-logs" },
        },
        ...o.task,
    });
}

/** App instances of an Auto Scaling group, tagged with the patch group the scan and the window target. */
function patchedFleet(c: FixtureContext, patchGroup = "tap-fixture-app"): void {
    const template = new aws.ec2.LaunchTemplate(c.name("app-lt"), {
        imageId: "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
        instanceType: "t3.micro",
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
        networkInterfaces: [{ associatePublicIpAddress: "false" }],
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: KEY_ARN } }],
        tagSpecifications: [{ resourceType: "instance", tags: { PatchGroup: patchGroup } }],
    });
    const group = new aws.autoscaling.Group(c.name("app-asg"), {
        name: c.name("app-asg"),
        minSize: 1,
        maxSize: 2,
        vpcZoneIdentifiers: ["subnet-0123456789abcdef0"],
        launchTemplate: { id: template.id, version: "$Latest" },
    });
    new aws.autoscaling.Notification(c.name("app-asg-notifications"), {
        groupNames: [group.name],
        notifications: ["autoscaling:EC2_INSTANCE_LAUNCH_ERROR", "autoscaling:EC2_INSTANCE_TERMINATE_ERROR"],
        topicArn: `arn:aws:sns:us-east-1:${MOCK_ACCOUNT_ID}:alerts`,
    });
}

/** A maintenance window whose target is the patch group and whose install task runs on it, rebooting or not. */
function installWindow(c: FixtureContext, o: { targetGroup?: string; reboot?: string } = {}): void {
    const window = new aws.ssm.MaintenanceWindow(c.name("window"), { schedule: "cron(0 3 ? * SUN *)", duration: 3, cutoff: 1 });
    const target = new aws.ssm.MaintenanceWindowTarget(c.name("patch-targets"), {
        windowId: window.id,
        resourceType: "INSTANCE",
        name: c.name("patch-targets"),
        targets: [{ key: "tag:PatchGroup", values: [o.targetGroup ?? "tap-fixture-app"] }],
    });
    new aws.ssm.MaintenanceWindowTask(c.name("patch-install"), {
        windowId: window.id,
        taskType: "RUN_COMMAND",
        taskArn: "AWS-RunPatchBaseline",
        maxConcurrency: "1",
        maxErrors: "1",
        targets: [{ key: "WindowTargetIds", values: [target.name.apply((n) => n ?? "")] }],
        taskInvocationParameters: {
            runCommandParameters: {
                outputS3Bucket: "tap-fixture-mgmt-logs",
                parameters: [
                    { name: "Operation", values: ["Install"] },
                    { name: "RebootOption", values: [o.reboot ?? "NoReboot"] },
                ],
            },
        },
    });
}

export const PRIVATE_MANAGEMENT_SCENARIOS = {
    /** Patch Manager over an Auto Scaling group's instances: scanned daily, installed without reboots. */
    patchedFleet: (c: FixtureContext) => {
        patchedFleet(c);
        patchScan(c);
        // The group is patched by instance refresh (an Automation task), not by an install on its instances.
        const window = new aws.ssm.MaintenanceWindow(c.name("window"), { schedule: "cron(0 3 ? * SUN *)", duration: 3, cutoff: 1 });
        new aws.ssm.MaintenanceWindowTarget(c.name("patch-targets"), {
            windowId: window.id,
            resourceType: "INSTANCE",
            name: c.name("patch-targets"),
            targets: byTag,
        });
    },
    privateNetwork: (c: FixtureContext) => privateNetwork(c),
    sessionsAndPatching: (c: FixtureContext) => {
        sessionDocument(c);
        patching(c);
    },
};

export const PRIVATE_MANAGEMENT_FIXTURES: Readonly<Record<string, PolicyFixture>> = {
    "vpc-endpoint-interface-private-dns": {
        fail: (c) =>
            new aws.ec2.VpcEndpoint(c.name("ssm-endpoint"), {
                vpcId: "vpc-0123456789abcdef0",
                serviceName: "com.amazonaws.us-east-1.ssm",
                vpcEndpointType: "Interface",
                privateDnsEnabled: false,
                subnetIds: ["subnet-0123456789abcdef0"],
                securityGroupIds: ["sg-0123456789abcdef0"],
                policy: OWN_PRINCIPALS,
            }),
        offender: "ssm-endpoint",
        pass: "privateNetwork",
    },
    "vpc-endpoint-policy-scoped": {
        // No policy at all: AWS attaches its full-access default.
        fail: (c) =>
            new aws.ec2.VpcEndpoint(c.name("s3-gateway"), {
                vpcId: "vpc-0123456789abcdef0",
                serviceName: "com.amazonaws.us-east-1.s3",
                vpcEndpointType: "Gateway",
                routeTableIds: ["rtb-0123456789abcdef0"],
            }),
        offender: "s3-gateway",
        pass: "privateNetwork",
    },
    "vpc-endpoint-sg-https-from-vpc": {
        fail: (c) =>
            privateNetwork(c, { endpointSg: { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] } }),
        offender: "endpoints-sg",
        pass: "privateNetwork",
    },
    "private-subnets-reach-ssm": {
        fail: (c) => privateNetwork(c, { services: ["ssm", "ssmmessages"] }),
        offender: "vpc",
        pass: "privateNetwork",
    },
    "ssm-session-preferences-recorded": {
        fail: (c) => sessionDocument(c, { s3EncryptionEnabled: false, kmsKeyId: "", runAsEnabled: true }),
        offender: "session-preferences",
        pass: "sessionsAndPatching",
    },
    "ssm-patch-baseline-security-updates": {
        // No operating system: the provider's default baseline is a Windows one, which never patches AL2023.
        fail: (c) =>
            baseline(c, {
                operatingSystem: undefined,
                approvalRules: [{ ...SECURITY_RULE, patchFilters: [{ key: "CLASSIFICATION", values: ["Bugfix"] }] }],
            }),
        offender: "baseline",
        pass: "sessionsAndPatching",
    },
    "ssm-patch-scan-scheduled": {
        fail: (c) => patching(c, { scan: { parameters: { Operation: "Install" } } }),
        offender: "patch-group",
        pass: "sessionsAndPatching",
    },
    "ssm-patch-install-bounded": {
        fail: (c) => patching(c, { task: { maxConcurrency: "100%", maxErrors: undefined } }),
        offender: "patch-install",
        pass: "sessionsAndPatching",
    },
    "vpc-endpoints-cover-private-subnets": {
        // A second private subnet, in another AZ, that the interface endpoints and the S3 gateway leave out.
        fail: (c) => privateNetwork(c, { uncoveredSubnet: true }),
        offender: "ssm-endpoint",
        pass: "privateNetwork",
    },
    "ssm-patching-reaches-instances": {
        // An install with reboot on the Auto Scaling group's instances.
        fail: (c) => {
            patchedFleet(c);
            installWindow(c, { reboot: "RebootIfNeeded" });
        },
        offender: "patch-install",
        pass: "patchedFleet",
    },
    "ssm-patch-scan-daily": {
        fail: (c) => patching(c, { scan: { scheduleExpression: "rate(7 days)" } }),
        offender: "patch-scan",
        pass: "sessionsAndPatching",
    },
    "ssm-session-transcripts-kept": {
        // Prod (tagged), transcripts streamed to CloudWatch Logs only.
        fail: (c) => {
            sessionDocument(c, { s3BucketName: "", s3EncryptionEnabled: false });
            new aws.cloudwatch.LogGroup(c.name("session-logs"), { retentionInDays: 365, kmsKeyId: KEY_ARN, tags: { Profile: "prod" } });
        },
        offender: "session-preferences",
        pass: "sessionsAndPatching",
    },
    "ssm-patch-baseline-severities": {
        // Critical and Medium approved, Important left out.
        fail: (c) =>
            baseline(c, {
                approvalRules: [
                    {
                        ...SECURITY_RULE,
                        patchFilters: [
                            { key: "CLASSIFICATION", values: ["Security"] },
                            { key: "SEVERITY", values: ["Critical", "Medium"] },
                        ],
                    },
                ],
            }),
        offender: "baseline",
        pass: "sessionsAndPatching",
    },
};
