/**
 * Network checks (EC2 client): the VPC and its subnets over several AZs, private egress through
 * the stack's NAT gateways, flow logs, the default security group.
 */
import {
    EC2Client,
    IpPermission,
    paginateDescribeFlowLogs,
    paginateDescribeNatGateways,
    paginateDescribeRouteTables,
    paginateDescribeSecurityGroups,
    paginateDescribeSubnets,
    paginateDescribeVpcs,
    Subnet,
} from "@aws-sdk/client-ec2";
import { Check, collect, fail, Outcome, pass, verdict } from "./check";

/** The subnets of `ids`, every page. */
const describeSubnets = (ec2: EC2Client, ids: string[]): Promise<Subnet[]> =>
    collect(paginateDescribeSubnets({ client: ec2 }, { SubnetIds: ids }), (page) => page.Subnets);

const ANYWHERE = "0.0.0.0/0";

/** `tcp 443 from 0.0.0.0/0`, `all traffic to sg-123`: one security group rule, readable. */
export function describePermission(permission: IpPermission, direction: "from" | "to"): string {
    const what =
        permission.IpProtocol === "-1"
            ? "all traffic"
            : `${permission.IpProtocol} ${permission.FromPort === permission.ToPort ? permission.FromPort : `${permission.FromPort}-${permission.ToPort}`}`;
    const peers = [
        ...(permission.IpRanges ?? []).map((r) => r.CidrIp),
        ...(permission.Ipv6Ranges ?? []).map((r) => r.CidrIpv6),
        ...(permission.UserIdGroupPairs ?? []).map((g) => g.GroupId),
        ...(permission.PrefixListIds ?? []).map((l) => l.PrefixListId),
    ];
    return `${what} ${direction} ${peers.join(", ") || "nowhere"}`;
}

export const vpcSpansAzs: Check = {
    id: "network.multi-az",
    control: "design: >= 2 AZs",
    proves: "The VPC is available and its public and private subnets belong to it, each tier spread over at least two AZs.",
    requires: ["vpcId", "publicSubnetIds", "privateSubnetIds"],
    async run({ clients, outputs }) {
        const vpcId = outputs.string("vpcId");
        const Vpcs = await collect(paginateDescribeVpcs({ client: clients.ec2 }, { VpcIds: [vpcId] }), (page) => page.Vpcs);
        const vpc = Vpcs.find((v) => v.VpcId === vpcId);
        if (vpc?.State !== "available") return [fail(vpcId, vpc ? `VPC is ${vpc.State}, not available` : "VPC not found")];

        const tiers = { public: outputs.strings("publicSubnetIds"), private: outputs.strings("privateSubnetIds") };
        const ids = [...tiers.public, ...tiers.private];
        // An empty SubnetIds filter would describe every subnet of the account: never send one.
        const Subnets = ids.length > 0 ? await describeSubnets(clients.ec2, ids) : [];
        return Object.entries(tiers).map(([tier, subnetIds]): Outcome => {
            const problems: string[] = [];
            const azs = new Set<string>();
            for (const id of subnetIds) {
                const subnet = Subnets.find((s) => s.SubnetId === id);
                if (!subnet) problems.push(`${tier} subnet ${id} not found`);
                else if (subnet.VpcId !== vpcId) problems.push(`${tier} subnet ${id} is in ${subnet.VpcId}, not ${vpcId}`);
                else if (subnet.AvailabilityZone) azs.add(subnet.AvailabilityZone);
            }
            if (problems.length === 0 && azs.size < 2) {
                problems.push(
                    `${tier} subnets span ${azs.size} AZ${azs.size === 1 ? "" : "s"} (${[...azs].join(", ") || "none"}), need at least 2`,
                );
            }
            return verdict(vpcId, problems, `${subnetIds.length} ${tier} subnets in ${[...azs].sort().join(", ")}`);
        });
    },
};

export const publicSubnetsNoAutoIp: Check = {
    id: "network.no-auto-public-ip",
    control: "EC2.15",
    proves: "No subnet of the stack assigns public IPv4 addresses on launch.",
    requires: ["publicSubnetIds", "privateSubnetIds"],
    async run({ clients, outputs }) {
        const ids = [...outputs.strings("publicSubnetIds"), ...outputs.strings("privateSubnetIds")];
        if (ids.length === 0) return [fail("-", "publicSubnetIds and privateSubnetIds are both empty")];
        const Subnets = await describeSubnets(clients.ec2, ids);
        return ids.map((id) => {
            const subnet = Subnets.find((s) => s.SubnetId === id);
            if (!subnet) return fail(id, "subnet not found");
            return subnet.MapPublicIpOnLaunch === false
                ? pass(id, "MapPublicIpOnLaunch false")
                : fail(id, "MapPublicIpOnLaunch true: instances launched here get a public IPv4 address");
        });
    },
};

export const natGatewaysAvailable: Check = {
    id: "network.nat-gateways",
    control: "design: private egress",
    proves: "Each NAT gateway of the stack is available and sits in one of its public subnets.",
    requires: [
        "publicSubnetIds",
        {
            present: (o) => o.has("natGatewayIds") && o.strings("natGatewayIds").length > 0,
            missing: "no NAT gateways in this stack (output natGatewayIds absent or empty)",
        },
    ],
    async run({ clients, outputs }) {
        const natIds = outputs.strings("natGatewayIds");
        const publicSubnets = outputs.strings("publicSubnetIds");
        const NatGateways = await collect(
            paginateDescribeNatGateways({ client: clients.ec2 }, { NatGatewayIds: natIds }),
            (page) => page.NatGateways,
        );
        return natIds.map((id) => {
            const nat = NatGateways.find((n) => n.NatGatewayId === id);
            if (!nat) return fail(id, "NAT gateway not found");
            const problems: string[] = [];
            if (nat.State !== "available") problems.push(`state ${nat.State}${nat.FailureMessage ? ` (${nat.FailureMessage})` : ""}`);
            if (!nat.SubnetId || !publicSubnets.includes(nat.SubnetId))
                problems.push(`in subnet ${nat.SubnetId}, not one of the public subnets`);
            return verdict(id, problems, `available in public subnet ${nat.SubnetId}`);
        });
    },
};

export const privateRoutesViaNat: Check = {
    id: "network.private-egress-via-nat",
    control: "design: private subnets",
    proves: "Each private subnet has its own route table whose 0.0.0.0/0 route goes to a NAT gateway of the stack (or, with no NAT gateways, has no default route); none reaches an internet gateway.",
    requires: ["privateSubnetIds", "natGatewayIds"],
    async run({ clients, outputs }) {
        const subnetIds = outputs.strings("privateSubnetIds");
        const natIds = outputs.strings("natGatewayIds");
        if (subnetIds.length === 0) return [fail("-", "privateSubnetIds is empty")];
        const RouteTables = await collect(
            paginateDescribeRouteTables(
                { client: clients.ec2 },
                {
                    Filters: [{ Name: "association.subnet-id", Values: subnetIds }],
                },
            ),
            (page) => page.RouteTables,
        );
        return subnetIds.map((subnetId) => {
            const table = RouteTables.find((t) => (t.Associations ?? []).some((a) => a.SubnetId === subnetId));
            if (!table) return fail(subnetId, "no route table associated with the subnet: it uses the VPC's main route table");
            const route = (table.Routes ?? []).find((r) => r.DestinationCidrBlock === ANYWHERE);
            const where = `${subnetId} (${table.RouteTableId})`;
            if (natIds.length === 0) {
                return route
                    ? fail(
                          where,
                          `the stack has no NAT gateway, yet 0.0.0.0/0 goes to ${route.NatGatewayId ?? route.GatewayId ?? route.NetworkInterfaceId ?? "an unknown target"}`,
                      )
                    : pass(where, "no default route: the stack has no NAT gateway, so the subnet has no internet egress");
            }
            if (!route) return fail(where, "no 0.0.0.0/0 route: the subnet cannot reach the internet through NAT");
            if (route.GatewayId?.startsWith("igw-"))
                return fail(where, `0.0.0.0/0 goes to internet gateway ${route.GatewayId}: the subnet is public`);
            if (!route.NatGatewayId || !natIds.includes(route.NatGatewayId)) {
                return fail(
                    where,
                    `0.0.0.0/0 goes to ${route.NatGatewayId ?? route.GatewayId ?? route.NetworkInterfaceId ?? "an unknown target"}, not a NAT gateway of the stack (${natIds.join(", ")})`,
                );
            }
            if (route.State !== "active") return fail(where, `0.0.0.0/0 via ${route.NatGatewayId} is ${route.State}`);
            return pass(where, `0.0.0.0/0 via ${route.NatGatewayId}, active`);
        });
    },
};

export const flowLogsActive: Check = {
    id: "network.flow-logs",
    control: "CIS 3.7 / EC2.6",
    proves: "The VPC's flow log records ALL traffic, is ACTIVE and delivers without errors.",
    requires: ["flowLogId", "vpcId"],
    async run({ clients, outputs }) {
        const flowLogId = outputs.string("flowLogId");
        const vpcId = outputs.string("vpcId");
        const FlowLogs = await collect(
            paginateDescribeFlowLogs({ client: clients.ec2 }, { FlowLogIds: [flowLogId] }),
            (page) => page.FlowLogs,
        );
        const log = FlowLogs.find((f) => f.FlowLogId === flowLogId);
        if (!log) return [fail(flowLogId, "flow log not found")];
        const problems: string[] = [];
        if (log.ResourceId !== vpcId) problems.push(`logs ${log.ResourceId}, not the VPC ${vpcId}`);
        if (log.TrafficType !== "ALL") problems.push(`TrafficType ${log.TrafficType}, not ALL`);
        if (log.FlowLogStatus !== "ACTIVE") problems.push(`FlowLogStatus ${log.FlowLogStatus}`);
        if (log.DeliverLogsStatus === "FAILED") problems.push(`delivery FAILED: ${log.DeliverLogsErrorMessage ?? "no error message"}`);
        return [
            verdict(
                flowLogId,
                problems,
                `ALL traffic of ${vpcId} to ${log.LogDestinationType} ${log.LogDestination ?? log.LogGroupName}, ACTIVE`,
            ),
        ];
    },
};

export const defaultSecurityGroupEmpty: Check = {
    id: "network.default-sg-empty",
    control: "CIS 5.4 / EC2.2",
    proves: "The VPC's default security group has no inbound and no outbound rule.",
    requires: ["vpcId"],
    async run({ clients, outputs }) {
        const vpcId = outputs.string("vpcId");
        const SecurityGroups = await collect(
            paginateDescribeSecurityGroups(
                { client: clients.ec2 },
                {
                    Filters: [
                        { Name: "vpc-id", Values: [vpcId] },
                        { Name: "group-name", Values: ["default"] },
                    ],
                },
            ),
            (page) => page.SecurityGroups,
        );
        const group = SecurityGroups.find((g) => g.GroupName === "default" && g.VpcId === vpcId);
        if (!group) return [fail(vpcId, "default security group not found")];
        const rules = [
            ...(group.IpPermissions ?? []).map((p) => `inbound ${describePermission(p, "from")}`),
            ...(group.IpPermissionsEgress ?? []).map((p) => `outbound ${describePermission(p, "to")}`),
        ];
        return [
            verdict(
                group.GroupId ?? vpcId,
                rules.length ? [`${rules.length} rule(s): ${rules.join("; ")}`] : [],
                "no inbound or outbound rules",
            ),
        ];
    },
};

export const NETWORK_CHECKS: readonly Check[] = [
    vpcSpansAzs,
    publicSubnetsNoAutoIp,
    natGatewaysAvailable,
    privateRoutesViaNat,
    flowLogsActive,
    defaultSecurityGroupEmpty,
];
