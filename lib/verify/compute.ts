/**
 * Compute checks (EC2 client): the Auto Scaling group's instances (found by the
 * `aws:autoscaling:groupName` tag AWS puts on them) and the launch template they were launched
 * from (the `aws:ec2launchtemplate:*` tags), plus the app security group.
 */
import {
    DescribeLaunchTemplateVersionsCommand,
    DescribeSecurityGroupsCommand,
    Instance,
    paginateDescribeInstances,
} from "@aws-sdk/client-ec2";
import { anyOf, Check, CheckContext, fail, Outcome, verdict } from "./check";
import { describePermission } from "./network";

const LIVE_STATES = ["pending", "running", "stopping", "stopped"];
const tag = (instance: Instance, key: string) => instance.Tags?.find((t) => t.Key === key)?.Value;

/** The instances of the stack: those of `autoScalingGroupName` (or the single `instanceId`), not terminated. */
async function stackInstances({ clients, outputs }: CheckContext): Promise<{ subject: string; instances: Instance[] }> {
    const byAsg = outputs.has("autoScalingGroupName");
    const subject = byAsg ? outputs.string("autoScalingGroupName") : outputs.string("instanceId");
    const instances: Instance[] = [];
    const pages = paginateDescribeInstances({ client: clients.ec2 }, {
        ...(byAsg ? {} : { InstanceIds: [subject] }),
        Filters: [
            ...(byAsg ? [{ Name: "tag:aws:autoscaling:groupName", Values: [subject] }] : []),
            { Name: "instance-state-name", Values: LIVE_STATES },
        ],
    });
    for await (const page of pages) for (const r of page.Reservations ?? []) instances.push(...(r.Instances ?? []));
    return { subject, instances };
}

/** Runs `judge` on every instance of the stack; no instance at all is a failure, not a pass. */
async function perInstance(context: CheckContext, judge: (instance: Instance, id: string) => Outcome): Promise<Outcome[]> {
    const { subject, instances } = await stackInstances(context);
    if (instances.length === 0) return [fail(subject, "no pending/running/stopped instance found: nothing to verify (group missing or scaled to 0)")];
    return instances.map((i) => judge(i, i.InstanceId ?? "?"));
}

const COMPUTE = anyOf("autoScalingGroupName", "instanceId");

export const instancesRequireImdsv2: Check = {
    id: "compute.imdsv2",
    control: "CIS 5.6 / EC2.8",
    proves: "Every instance requires IMDSv2 session tokens with a PUT response hop limit of 1.",
    requires: [COMPUTE],
    run: (context) => perInstance(context, (instance, id) => {
        const m = instance.MetadataOptions;
        const problems: string[] = [];
        if (m?.HttpTokens !== "required") problems.push(`HttpTokens ${m?.HttpTokens}: IMDSv1 is allowed`);
        if (m?.HttpPutResponseHopLimit !== 1) problems.push(`HttpPutResponseHopLimit ${m?.HttpPutResponseHopLimit}, not 1`);
        return verdict(id, problems, "HttpTokens required, hop limit 1");
    }),
};

export const instancesNoPublicIp: Check = {
    id: "compute.no-public-ip",
    control: "EC2.9",
    proves: "No instance has a public IPv4 address, on any network interface.",
    requires: [COMPUTE],
    run: (context) => perInstance(context, (instance, id) => {
        const publicIps = [
            instance.PublicIpAddress,
            ...(instance.NetworkInterfaces ?? []).map((n) => n.Association?.PublicIp),
        ].filter((ip): ip is string => Boolean(ip));
        return verdict(id, publicIps.length ? [`public IP ${[...new Set(publicIps)].join(", ")}`] : [], `no public IP (private ${instance.PrivateIpAddress})`);
    }),
};

export const instancesNoKeyPair: Check = {
    id: "compute.no-key-pair",
    control: "design: SSM access only",
    proves: "No instance was launched with an EC2 key pair: access is SSM Session Manager.",
    requires: [COMPUTE],
    run: (context) => perInstance(context, (instance, id) =>
        verdict(id, instance.KeyName ? [`launched with key pair ${instance.KeyName}`] : [], "no key pair")),
};

export const launchTemplateHardened: Check = {
    id: "compute.launch-template",
    control: "EC2.170 / EC2.25",
    proves: "The launch template versions the instances run require IMDSv2 (hop limit 1), set no key pair and assign no public IP.",
    requires: [COMPUTE],
    async run(context) {
        const { subject, instances } = await stackInstances(context);
        if (instances.length === 0) return [fail(subject, "no instance found, so no launch template to verify")];
        const versions = new Map<string, Set<string>>();
        const outcomes: Outcome[] = [];
        for (const instance of instances) {
            const id = tag(instance, "aws:ec2launchtemplate:id");
            const version = tag(instance, "aws:ec2launchtemplate:version");
            if (!id || !version) {
                outcomes.push(fail(instance.InstanceId ?? "?", "not launched from a launch template (no aws:ec2launchtemplate:id tag)"));
                continue;
            }
            versions.set(id, (versions.get(id) ?? new Set()).add(version));
        }
        for (const [templateId, numbers] of versions) {
            const { LaunchTemplateVersions = [] } = await context.clients.ec2.send(new DescribeLaunchTemplateVersionsCommand({
                LaunchTemplateId: templateId,
                Versions: [...numbers],
            }));
            for (const number of numbers) {
                const resource = `${templateId} v${number}`;
                const data = LaunchTemplateVersions.find((v) => String(v.VersionNumber) === number)?.LaunchTemplateData;
                if (!data) {
                    outcomes.push(fail(resource, "launch template version not found"));
                    continue;
                }
                const problems: string[] = [];
                if (data.MetadataOptions?.HttpTokens !== "required") problems.push(`MetadataOptions.HttpTokens ${data.MetadataOptions?.HttpTokens}`);
                if (data.MetadataOptions?.HttpPutResponseHopLimit !== 1) problems.push(`HttpPutResponseHopLimit ${data.MetadataOptions?.HttpPutResponseHopLimit}, not 1`);
                if (data.KeyName) problems.push(`KeyName ${data.KeyName}`);
                if ((data.NetworkInterfaces ?? []).some((n) => n.AssociatePublicIpAddress === true)) problems.push("a network interface has AssociatePublicIpAddress true");
                outcomes.push(verdict(resource, problems, "IMDSv2 required, hop limit 1, no key pair, no public IP"));
            }
        }
        return outcomes;
    },
};

/** Ports that must never be open to the internet (CIS 5.2 / EC2.53): SSH and RDP. */
const ADMIN_PORTS = [22, 3389];
const OPEN = new Set(["0.0.0.0/0", "::/0"]);

export const appSecurityGroupScoped: Check = {
    id: "compute.app-sg-scoped",
    control: "CIS 5.2 / EC2.53",
    proves: "The app security group admits no admin port (22, 3389) from the internet and has no all-traffic egress to 0.0.0.0/0.",
    requires: ["appSecurityGroupId"],
    async run({ clients, outputs }) {
        const groupId = outputs.string("appSecurityGroupId");
        const { SecurityGroups = [] } = await clients.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
        const group = SecurityGroups.find((g) => g.GroupId === groupId);
        if (!group) return [fail(groupId, "security group not found")];
        const fromInternet = (p: { IpRanges?: { CidrIp?: string }[]; Ipv6Ranges?: { CidrIpv6?: string }[] }) =>
            (p.IpRanges ?? []).some((r) => OPEN.has(r.CidrIp ?? "")) || (p.Ipv6Ranges ?? []).some((r) => OPEN.has(r.CidrIpv6 ?? ""));
        const problems = [
            ...(group.IpPermissions ?? [])
                .filter((p) => fromInternet(p) && (p.IpProtocol === "-1" || ADMIN_PORTS.some((port) => (p.FromPort ?? 0) <= port && port <= (p.ToPort ?? 65535))))
                .map((p) => `inbound ${describePermission(p, "from")} opens an admin port to the internet`),
            ...(group.IpPermissionsEgress ?? [])
                .filter((p) => p.IpProtocol === "-1" && fromInternet(p))
                .map((p) => `outbound ${describePermission(p, "to")}`),
        ];
        const egress = (group.IpPermissionsEgress ?? []).map((p) => describePermission(p, "to")).join("; ");
        return [verdict(groupId, problems, `no admin port from the internet; egress: ${egress || "none"}`)];
    },
};

export const COMPUTE_CHECKS: readonly Check[] = [
    instancesRequireImdsv2,
    instancesNoPublicIp,
    instancesNoKeyPair,
    launchTemplateHardened,
    appSecurityGroupScoped,
];
