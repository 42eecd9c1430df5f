/**
 * Compute checks (Auto Scaling and EC2 clients): the stack's Auto Scaling group (in the private
 * subnets, launching from a launch template), its instances as the group lists them, the launch
 * template versions they were launched from, and the app security group.
 */
import { AutoScalingGroup, paginateDescribeAutoScalingGroups } from "@aws-sdk/client-auto-scaling";
import {
    Instance,
    LaunchTemplateVersion,
    paginateDescribeInstances,
    paginateDescribeSecurityGroups,
    paginateDescribeLaunchTemplateVersions,
} from "@aws-sdk/client-ec2";
import { anyOf, Check, CheckContext, collect, fail, Outcome, pass, verdict } from "./check";
import { describePermission } from "./network";

const LIVE_STATES = ["pending", "running", "stopping", "stopped"];
const tag = (instance: Instance, key: string) => instance.Tags?.find((t) => t.Key === key)?.Value;

/** The stack's Auto Scaling group (output `autoScalingGroupName`), or undefined when AWS has none of that name. */
async function describeGroup({ clients, outputs }: CheckContext): Promise<AutoScalingGroup | undefined> {
    const name = outputs.string("autoScalingGroupName");
    const AutoScalingGroups = await collect(
        paginateDescribeAutoScalingGroups({ client: clients.autoScaling }, { AutoScalingGroupNames: [name] }),
        (page) => page.AutoScalingGroups,
    );
    return AutoScalingGroups.find((g) => g.AutoScalingGroupName === name);
}

/** What an instance was launched from: a launch template version, a launch configuration, or neither. */
type LaunchedFrom =
    | { readonly kind: "template"; readonly templateId: string; readonly version: string }
    | { readonly kind: "configuration"; readonly name: string }
    | { readonly kind: "unknown" };

export interface StackInstance {
    readonly id: string;
    /** EC2's description; undefined when EC2 reports no live instance of that id. */
    readonly ec2?: Instance;
    readonly launchedFrom: LaunchedFrom;
}

/** The stack's instances, or why there is none to verify. */
export type StackInstances =
    { readonly subject: string; readonly instances: readonly StackInstance[] } | { readonly subject: string; readonly nothing: string };

/** The live (not terminated) EC2 instances of `ids`, by id. */
async function describeLive({ clients }: CheckContext, ids: string[]): Promise<Map<string, Instance>> {
    const found = new Map<string, Instance>();
    const pages = paginateDescribeInstances(
        { client: clients.ec2 },
        {
            InstanceIds: ids,
            Filters: [{ Name: "instance-state-name", Values: LIVE_STATES }],
        },
    );
    for await (const page of pages)
        for (const r of page.Reservations ?? []) for (const i of r.Instances ?? []) if (i.InstanceId) found.set(i.InstanceId, i);
    return found;
}

/**
 * The instances of `autoScalingGroupName` as the group lists them (those not leaving it), with the
 * launch template the group says each came from; or the single `instanceId`, its template from the
 * `aws:ec2launchtemplate:*` tags EC2 puts on it.
 */
export async function stackInstances(context: CheckContext): Promise<StackInstances> {
    const { outputs } = context;
    if (!outputs.has("autoScalingGroupName")) {
        const id = outputs.string("instanceId");
        const instance = (await describeLive(context, [id])).get(id);
        if (!instance) return { subject: id, nothing: "no pending/running/stopped instance of that id: nothing to verify" };
        const templateId = tag(instance, "aws:ec2launchtemplate:id");
        const version = tag(instance, "aws:ec2launchtemplate:version");
        return {
            subject: id,
            instances: [
                {
                    id,
                    ec2: instance,
                    launchedFrom: templateId && version ? { kind: "template", templateId, version } : { kind: "unknown" },
                },
            ],
        };
    }
    const name = outputs.string("autoScalingGroupName");
    const group = await describeGroup(context);
    if (!group) return { subject: name, nothing: "Auto Scaling group not found" };
    const all = group.Instances ?? [];
    const members = all.filter((i) => i.InstanceId && !i.LifecycleState?.startsWith("Terminat"));
    if (members.length === 0) {
        const sizes = `desired capacity ${group.DesiredCapacity}, min ${group.MinSize}, max ${group.MaxSize}`;
        return {
            subject: name,
            nothing:
                all.length === 0
                    ? `the group has no instances (${sizes}): nothing to verify`
                    : `the group's ${all.length} instance(s) are all terminating (${sizes}): nothing to verify`,
        };
    }
    const ec2 = await describeLive(
        context,
        members.map((m) => m.InstanceId!),
    );
    return {
        subject: name,
        instances: members.map((m): StackInstance => ({
            id: m.InstanceId!,
            ec2: ec2.get(m.InstanceId!),
            launchedFrom:
                m.LaunchTemplate?.LaunchTemplateId && m.LaunchTemplate.Version
                    ? { kind: "template", templateId: m.LaunchTemplate.LaunchTemplateId, version: m.LaunchTemplate.Version }
                    : m.LaunchConfigurationName
                      ? { kind: "configuration", name: m.LaunchConfigurationName }
                      : { kind: "unknown" },
        })),
    };
}

/** Runs `judge` on every instance of the stack; no instance at all is a failure naming why, not a pass. */
async function perInstance(context: CheckContext, judge: (instance: Instance, id: string) => Outcome): Promise<Outcome[]> {
    const found = await stackInstances(context);
    if ("nothing" in found) return [fail(found.subject, found.nothing)];
    return found.instances.map((i) =>
        i.ec2 ? judge(i.ec2, i.id) : fail(i.id, "listed by the group, but EC2 reports no pending/running/stopped instance of that id"),
    );
}

const COMPUTE = anyOf("autoScalingGroupName", "instanceId");

/** Runs `judge` on the stack's Auto Scaling group; a group AWS does not know fails. */
async function withGroup(context: CheckContext, judge: (group: AutoScalingGroup, name: string) => Outcome): Promise<Outcome[]> {
    const name = context.outputs.string("autoScalingGroupName");
    const group = await describeGroup(context);
    return [group ? judge(group, name) : fail(name, "Auto Scaling group not found")];
}

export const groupInPrivateSubnets: Check = {
    id: "compute.asg-private-subnets",
    control: "AutoScaling.2 / design: private subnets",
    proves: "The Auto Scaling group launches only into the stack's private subnets, in at least two AZs.",
    requires: ["autoScalingGroupName", "privateSubnetIds"],
    run: (context) =>
        withGroup(context, (group, name) => {
            const privateSubnets = context.outputs.strings("privateSubnetIds");
            const publicSubnets = context.outputs.has("publicSubnetIds") ? context.outputs.strings("publicSubnetIds") : [];
            const subnets = (group.VPCZoneIdentifier ?? "")
                .split(",")
                .map((s) => s.trim())
                .filter((s) => s.length > 0);
            const azs = group.AvailabilityZones ?? [];
            const problems: string[] = [];
            if (subnets.length === 0) problems.push("VPCZoneIdentifier is empty: the group does not launch into the stack's subnets");
            for (const subnet of subnets.filter((s) => !privateSubnets.includes(s))) {
                problems.push(
                    publicSubnets.includes(subnet)
                        ? `launches into public subnet ${subnet}`
                        : `launches into subnet ${subnet}, not one of the private subnets`,
                );
            }
            if (azs.length < 2)
                problems.push(`spans ${azs.length} AZ${azs.length === 1 ? "" : "s"} (${azs.join(", ") || "none"}), need at least 2`);
            return verdict(name, problems, `${subnets.length} private subnets (${subnets.join(", ")}) in ${[...azs].sort().join(", ")}`);
        }),
};

export const groupUsesLaunchTemplate: Check = {
    id: "compute.asg-launch-template",
    control: "AutoScaling.9",
    proves: "The Auto Scaling group launches from an EC2 launch template, not a launch configuration.",
    requires: ["autoScalingGroupName"],
    run: (context) =>
        withGroup(context, (group, name) => {
            const template = group.LaunchTemplate ?? group.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
            if (group.LaunchConfigurationName)
                return fail(name, `launches from launch configuration ${group.LaunchConfigurationName}, not a launch template`);
            if (!template?.LaunchTemplateId && !template?.LaunchTemplateName)
                return fail(name, "launches from neither a launch template nor a launch configuration");
            return pass(
                name,
                `launch template ${template.LaunchTemplateName ?? template.LaunchTemplateId} (${template.LaunchTemplateId}), version ${template.Version ?? "$Default"}`,
            );
        }),
};

export const instancesRequireImdsv2: Check = {
    id: "compute.imdsv2",
    control: "CIS 5.6 / EC2.8",
    proves: "Every instance requires IMDSv2 session tokens with a PUT response hop limit of 1.",
    requires: [COMPUTE],
    run: (context) =>
        perInstance(context, (instance, id) => {
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
    run: (context) =>
        perInstance(context, (instance, id) => {
            const publicIps = [instance.PublicIpAddress, ...(instance.NetworkInterfaces ?? []).map((n) => n.Association?.PublicIp)].filter(
                (ip): ip is string => Boolean(ip),
            );
            return verdict(
                id,
                publicIps.length ? [`public IP ${[...new Set(publicIps)].join(", ")}`] : [],
                `no public IP (private ${instance.PrivateIpAddress})`,
            );
        }),
};

export const instancesNoKeyPair: Check = {
    id: "compute.no-key-pair",
    control: "design: SSM access only",
    proves: "No instance was launched with an EC2 key pair: access is SSM Session Manager.",
    requires: [COMPUTE],
    run: (context) =>
        perInstance(context, (instance, id) =>
            verdict(id, instance.KeyName ? [`launched with key pair ${instance.KeyName}`] : [], "no key pair"),
        ),
};

/** Whether `v` is the version an instance names: a number, or `$Latest` / `$Default` as EC2 resolves them. */
function isVersion(v: LaunchTemplateVersion, named: string, answered: readonly LaunchTemplateVersion[]): boolean {
    if (named === "$Default") return v.DefaultVersion === true;
    if (named === "$Latest") return v.VersionNumber === Math.max(...answered.map((a) => a.VersionNumber ?? 0));
    return String(v.VersionNumber) === named;
}

export const launchTemplateHardened: Check = {
    id: "compute.launch-template",
    control: "EC2.170 / EC2.25",
    proves: "The launch template versions the instances were launched from require IMDSv2 (hop limit 1), set no key pair and assign no public IP.",
    requires: [COMPUTE],
    async run(context) {
        const found = await stackInstances(context);
        if ("nothing" in found) return [fail(found.subject, `${found.nothing} (no launch template version in use)`)];
        const versions = new Map<string, Set<string>>();
        const outcomes: Outcome[] = [];
        for (const { id, launchedFrom } of found.instances) {
            if (launchedFrom.kind === "template")
                versions.set(launchedFrom.templateId, (versions.get(launchedFrom.templateId) ?? new Set()).add(launchedFrom.version));
            else if (launchedFrom.kind === "configuration")
                outcomes.push(fail(id, `launched from launch configuration ${launchedFrom.name}, not a launch template`));
            else outcomes.push(fail(id, "not launched from a launch template"));
        }
        for (const [templateId, named] of versions) {
            const LaunchTemplateVersions = await collect(
                paginateDescribeLaunchTemplateVersions(
                    { client: context.clients.ec2 },
                    {
                        LaunchTemplateId: templateId,
                        Versions: [...named],
                    },
                ),
                (page) => page.LaunchTemplateVersions,
            );
            for (const version of named) {
                const resource = `${templateId} v${version}`;
                const data = LaunchTemplateVersions.find((v) => isVersion(v, version, LaunchTemplateVersions))?.LaunchTemplateData;
                if (!data) {
                    outcomes.push(fail(resource, "launch template version not found"));
                    continue;
                }
                const problems: string[] = [];
                if (data.MetadataOptions?.HttpTokens !== "required")
                    problems.push(`MetadataOptions.HttpTokens ${data.MetadataOptions?.HttpTokens}`);
                if (data.MetadataOptions?.HttpPutResponseHopLimit !== 1)
                    problems.push(`HttpPutResponseHopLimit ${data.MetadataOptions?.HttpPutResponseHopLimit}, not 1`);
                if (data.KeyName) problems.push(`KeyName ${data.KeyName}`);
                if ((data.NetworkInterfaces ?? []).some((n) => n.AssociatePublicIpAddress === true))
                    problems.push("a network interface has AssociatePublicIpAddress true");
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
        const SecurityGroups = await collect(
            paginateDescribeSecurityGroups({ client: clients.ec2 }, { GroupIds: [groupId] }),
            (page) => page.SecurityGroups,
        );
        const group = SecurityGroups.find((g) => g.GroupId === groupId);
        if (!group) return [fail(groupId, "security group not found")];
        const fromInternet = (p: { IpRanges?: { CidrIp?: string }[]; Ipv6Ranges?: { CidrIpv6?: string }[] }) =>
            (p.IpRanges ?? []).some((r) => OPEN.has(r.CidrIp ?? "")) || (p.Ipv6Ranges ?? []).some((r) => OPEN.has(r.CidrIpv6 ?? ""));
        const problems = [
            ...(group.IpPermissions ?? [])
                .filter(
                    (p) =>
                        fromInternet(p) &&
                        (p.IpProtocol === "-1" || ADMIN_PORTS.some((port) => (p.FromPort ?? 0) <= port && port <= (p.ToPort ?? 65535))),
                )
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
    groupInPrivateSubnets,
    groupUsesLaunchTemplate,
    instancesRequireImdsv2,
    instancesNoPublicIp,
    instancesNoKeyPair,
    launchTemplateHardened,
    appSecurityGroupScoped,
];
