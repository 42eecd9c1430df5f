/** VPC and security groups: closed default group, flow logs, no public auto-assign, scoped rules, private egress via NAT. */
import { ofType, pointsAt, referrers, tier } from "../relations";
import { resourcePolicy, StackPolicy, StackResource, StackViolation, TapPolicy } from "../types";
import {
    at,
    isAllProtocols,
    isSet,
    isUnknown,
    isUnscoped,
    isWorld,
    list,
    opensPort,
    SECURITY_GROUP,
    SECURITY_GROUP_RULE,
    show,
    SG_RULE_TYPES,
    VPC_EGRESS_RULE,
    VPC_INGRESS_RULE,
    worldRules,
} from "../values";

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
const FLOW_LOG = "aws:ec2/flowLog:FlowLog";
const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
const ROUTE = "aws:ec2/route:Route";
const ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
const NAT = "aws:ec2/natGateway:NatGateway";

/** The only ports a security group may open to the whole internet (EC2.18's default authorised ports): HTTP and HTTPS. */
const WORLD_PORTS = [80, 443] as const;

/** Remote administration ports CIS 5.2/5.3 close to the world: SSH and RDP. */
const ADMIN_PORTS = [22, 3389] as const;

const NACL_TYPES = ["aws:ec2/defaultNetworkAcl:DefaultNetworkAcl", "aws:ec2/networkAcl:NetworkAcl"];

/**
 * Network ACL entries are evaluated by rule number, the first match deciding: a port is open to
 * the world when, among the entries from 0.0.0.0/0 or ::/0 that cover it, the lowest-numbered allows.
 */
function naclOpensToWorld(ingress: readonly unknown[], port: number): unknown {
    const covering = ingress
        .filter((e) => isWorld(at(e, "cidrBlock")) || isWorld(at(e, "ipv6CidrBlock")))
        .filter((e) =>
            opensPort(
                {
                    direction: "ingress",
                    protocol: at(e, "protocol"),
                    fromPort: at(e, "fromPort"),
                    toPort: at(e, "toPort"),
                    cidrs: [],
                    label: "",
                },
                port,
            ),
        )
        .sort((a, b) => Number(at(a, "ruleNo")) - Number(at(b, "ruleNo")));
    const first = covering[0];
    return first !== undefined && String(at(first, "action")).toLowerCase() === "allow" ? first : undefined;
}

/**
 * Rule resources that add a rule to a VPC's default security group: their securityGroupId is the
 * VPC's defaultSecurityGroupId, the adopted DefaultSecurityGroup's id, or (CrossGuard, during a
 * preview) a value that comes from a VPC or DefaultSecurityGroup resource rather than a SecurityGroup.
 */
const defaultSecurityGroupNoRuleResources: StackPolicy = {
    name: "ec2-default-security-group-no-rule-resources",
    controls: "CIS 5.4 / EC2.2",
    description:
        "No security group rule resource (aws.ec2.SecurityGroupRule, aws.vpc.SecurityGroupIngressRule, aws.vpc.SecurityGroupEgressRule) adds a rule to a VPC's default security group, which must allow nothing.",
    enforcementLevel: "mandatory",
    resourceTypes: [SECURITY_GROUP_RULE, VPC_INGRESS_RULE, VPC_EGRESS_RULE],
    validateStack: (resources) => {
        const vpcs = ofType(resources, VPC);
        const defaults = ofType(resources, DEFAULT_SG);
        const defaultIds = new Set(
            [...vpcs.map((v) => v.props.defaultSecurityGroupId), ...defaults.flatMap((d) => [d.id, d.props.id])].filter(
                (id): id is string => typeof id === "string" && id !== "",
            ),
        );
        const byUrn = new Map(resources.map((r) => [r.urn, r]));
        return ofType(resources, SECURITY_GROUP_RULE, VPC_INGRESS_RULE, VPC_EGRESS_RULE)
            .filter((rule) => {
                const value = rule.props.securityGroupId;
                if (typeof value === "string" && defaultIds.has(value)) return true;
                const sources = (rule.propertyDependencies?.securityGroupId ?? []).map((urn) => byUrn.get(urn)?.type);
                return sources.length > 0 && !sources.includes(SECURITY_GROUP) && sources.some((t) => t === VPC || t === DEFAULT_SG);
            })
            .map((rule) => ({
                urn: rule.urn,
                message: `adds a rule to the VPC's default security group (${show(rule.props.securityGroupId)}): the default group must allow nothing; use the tier's own group`,
            }));
    },
};

const LOAD_BALANCER_TYPES = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer", "aws:elb/loadBalancer:LoadBalancer"];

/**
 * EC2.18 allows 80 and 443 from the internet; tap allows them only where a load balancer listens:
 * an instance or database group opened to the world on 80 skips the load balancer and its WAF.
 */
const worldWebPortsOnLoadBalancers: StackPolicy = {
    name: "ec2-world-web-ports-only-on-load-balancers",
    controls: "EC2.18, EC2.19; seed 001 #8",
    description:
        "A security group that lets 0.0.0.0/0 or ::/0 in (on 80 or 443) is one a load balancer of the stack uses: the app and data tiers are reached through the load balancer (and its WAF), never directly.",
    enforcementLevel: "mandatory",
    resourceTypes: SG_RULE_TYPES,
    validateStack: (resources) => {
        const groups = ofType(resources, SECURITY_GROUP);
        const balancers = ofType(resources, ...LOAD_BALANCER_TYPES);
        const byUrn = new Map(resources.map((r) => [r.urn, r]));
        /** Whether a load balancer of the stack uses the group (by id, or through the property's dependencies); undefined when it cannot be told yet. */
        const fronted = (group: StackResource): boolean | undefined => {
            if (balancers.some((lb) => (lb.propertyDependencies?.securityGroups ?? []).includes(group.urn))) return true;
            const id = group.id ?? group.props.id;
            if (typeof id !== "string") return undefined;
            if (balancers.some((lb) => isUnknown(lb.props.securityGroups))) return undefined;
            return balancers.some((lb) => list(lb.props.securityGroups).includes(id));
        };
        const violations: StackViolation[] = [];
        for (const rule of ofType(resources, ...SG_RULE_TYPES)) {
            const open = worldRules(rule.props, rule.type, "ingress");
            if (open.length === 0) continue;
            const group =
                rule.type === SECURITY_GROUP
                    ? rule
                    : (groups.find((g) => pointsAt(rule, "securityGroupId", g) === "yes") ??
                      (rule.propertyDependencies?.securityGroupId ?? [])
                          .map((urn) => byUrn.get(urn))
                          .find((g) => g?.type === SECURITY_GROUP));
            if (!group || fronted(group) !== false) continue;
            violations.push({
                urn: rule.urn,
                message: `${open.map((o) => o.rule.label).join(", ")} lets the internet into ${group.name}, which no load balancer of the stack uses: reach this tier through the load balancer`,
            });
        }
        return violations;
    },
};

const defaultSecurityGroupAdopted: StackPolicy = {
    name: "vpc-default-security-group-adopted",
    controls: "CIS 5.4 / EC2.2",
    description:
        "Every VPC of the stack adopts its default security group (aws.ec2.DefaultSecurityGroup), which otherwise keeps AWS's allow-all rules.",
    enforcementLevel: "mandatory",
    resourceTypes: [VPC],
    validateStack: (resources) =>
        ofType(resources, VPC)
            .filter((vpc) => referrers(resources, DEFAULT_SG, "vpcId", vpc).length === 0)
            .map((vpc) => ({
                urn: vpc.urn,
                message: "its default security group is not adopted: it keeps the allow-all rules AWS creates",
            })),
};

const flowLogsAllTraffic: StackPolicy = {
    name: "vpc-flow-logs-all-traffic",
    controls: "CIS 3.7 / EC2.6",
    description: "Every VPC of the stack has a flow log capturing ALL traffic.",
    enforcementLevel: "mandatory",
    resourceTypes: [VPC],
    validateStack: (resources) => {
        const violations: StackViolation[] = [];
        for (const vpc of ofType(resources, VPC)) {
            const logs = referrers(resources, FLOW_LOG, "vpcId", vpc);
            const traffic = (log: StackResource) => log.props.trafficType;
            if (logs.some((log) => traffic(log) === "ALL" || isUnknown(traffic(log)))) continue;
            violations.push({
                urn: vpc.urn,
                message:
                    logs.length === 0
                        ? "has no flow log"
                        : `its flow logs capture only ${logs.map((l) => show(traffic(l))).join(", ")} traffic: capture ALL`,
            });
        }
        return violations;
    },
};

/** Whether a route table sends 0.0.0.0/0 to a NAT gateway, by a Route resource or an inline route. */
function routesToNat(table: StackResource, resources: readonly StackResource[]): boolean {
    const viaNat = (cidr: unknown, nat: unknown) => (cidr === "0.0.0.0/0" || isUnknown(cidr)) && isSet(nat);
    const inline = list(table.props.routes).some((r) => viaNat(at(r, "cidrBlock"), at(r, "natGatewayId")));
    return (
        inline || referrers(resources, ROUTE, "routeTableId", table).some((r) => viaNat(r.props.destinationCidrBlock, r.props.natGatewayId))
    );
}

const privateTablesReachNat: StackPolicy = {
    name: "private-route-tables-reach-nat",
    controls: "seed 000 #10",
    description:
        "Every private route table (tagged Tier=private, or associated with a Tier=private subnet) sends 0.0.0.0/0 to a NAT gateway; a stack without any NAT gateway (tap:natGatewayStrategy none) isolates its private subnets on purpose and is not flagged.",
    enforcementLevel: "mandatory",
    resourceTypes: [ROUTE_TABLE],
    validateStack: (resources) => {
        if (ofType(resources, NAT).length === 0) return []; // natGatewayStrategy none: no internet route by design
        const privateSubnets = ofType(resources, SUBNET).filter((s) => tier(s) === "private");
        const isPrivate = (table: StackResource) =>
            tier(table) === "private" ||
            ofType(resources, ASSOCIATION).some(
                (a) => pointsAt(a, "routeTableId", table) === "yes" && privateSubnets.some((s) => pointsAt(a, "subnetId", s) === "yes"),
            );
        return ofType(resources, ROUTE_TABLE)
            .filter((table) => isPrivate(table) && !routesToNat(table, resources))
            .map((table) => ({
                urn: table.urn,
                message:
                    "is a private route table without a 0.0.0.0/0 route to a NAT gateway: its subnets cannot reach package repositories or SSM",
            }));
    },
};

export const NETWORK_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "ec2-default-security-group-closed",
        controls: "CIS 5.4 / EC2.2",
        description: "The adopted default security group has no ingress and no egress rules.",
        enforcementLevel: "mandatory",
        resourceTypes: [DEFAULT_SG],
        check: (p) =>
            (["ingress", "egress"] as const)
                .filter((direction) => list(p[direction]).length > 0)
                .map((direction) => `${direction} has ${list(p[direction]).length} rule(s): the default security group must allow nothing`),
    }),
    defaultSecurityGroupNoRuleResources,
    defaultSecurityGroupAdopted,
    flowLogsAllTraffic,
    resourcePolicy({
        name: "ec2-subnet-no-auto-public-ip",
        controls: "EC2.15",
        description: "Subnets do not assign public IPv4 addresses on launch (mapPublicIpOnLaunch).",
        enforcementLevel: "mandatory",
        resourceTypes: [SUBNET],
        check: (p) =>
            p.mapPublicIpOnLaunch === true ? ["mapPublicIpOnLaunch is true: every instance launched here gets a public IP"] : [],
    }),
    resourcePolicy({
        name: "ec2-no-admin-ports-from-world",
        controls: "CIS 5.2, 5.3 / EC2.13, EC2.14",
        description: "No security group rule opens SSH (22) or RDP (3389) to 0.0.0.0/0 or ::/0 (access is through SSM Session Manager).",
        enforcementLevel: "mandatory",
        resourceTypes: SG_RULE_TYPES,
        check: (p, type) =>
            worldRules(p, type, "ingress").flatMap(({ rule, world }) =>
                world.flatMap((cidr) =>
                    ADMIN_PORTS.filter((port) => opensPort(rule, port)).map((port) => `${rule.label} opens port ${port} to ${cidr}`),
                ),
            ),
    }),
    resourcePolicy({
        name: "ec2-world-ingress-web-ports-only",
        controls: "EC2.18, EC2.19",
        description:
            "Security group rules open nothing but HTTP (80) and HTTPS (443) to 0.0.0.0/0 or ::/0: databases, app ports and everything else are reached from other security groups or named CIDRs.",
        enforcementLevel: "mandatory",
        resourceTypes: SG_RULE_TYPES,
        check: (p, type) =>
            worldRules(p, type, "ingress").flatMap(({ rule, world }) =>
                world.flatMap((cidr) => {
                    const webOnly =
                        !isAllProtocols(rule.protocol) &&
                        typeof rule.fromPort === "number" &&
                        typeof rule.toPort === "number" &&
                        WORLD_PORTS.some((port) => rule.fromPort === port && rule.toPort === port);
                    return webOnly || isUnknown(rule.fromPort) || isUnknown(rule.toPort)
                        ? []
                        : [
                              `${rule.label} opens protocol ${show(rule.protocol)} ports ${show(rule.fromPort)}-${show(rule.toPort)} to ${cidr}: only 80 and 443 may face the internet`,
                          ];
                }),
            ),
    }),
    resourcePolicy({
        name: "ec2-nacl-no-admin-ports-from-world",
        controls: "CIS 5.1 / EC2.21",
        description:
            "No network ACL (default or own, inline entries) lets SSH (22) or RDP (3389) in from 0.0.0.0/0 or ::/0: the first matching entry by rule number must deny.",
        enforcementLevel: "mandatory",
        resourceTypes: NACL_TYPES,
        check: (p) =>
            ADMIN_PORTS.flatMap((port) => {
                const entry = naclOpensToWorld(list(p.ingress), port);
                return entry === undefined
                    ? []
                    : [
                          `ingress rule ${show(at(entry, "ruleNo"))} allows port ${port} from ${show(at(entry, "cidrBlock") ?? at(entry, "ipv6CidrBlock"))} before any deny`,
                      ];
            }),
    }),
    resourcePolicy({
        name: "ec2-egress-scoped",
        controls: "seed 000 #7, seed 004 #3",
        description:
            "No security group rule allows every protocol (-1) or every port to 0.0.0.0/0 or ::/0: egress names what it is for (443, 80, 53/udp, 123/udp, ...).",
        enforcementLevel: "mandatory",
        resourceTypes: SG_RULE_TYPES,
        check: (p, type) =>
            worldRules(p, type, "egress")
                .filter(({ rule }) => isUnscoped(rule))
                .flatMap(({ rule, world }) =>
                    world.map(
                        (cidr) =>
                            `${rule.label} allows protocol ${show(rule.protocol)} ports ${show(rule.fromPort)}-${show(rule.toPort)} to ${cidr}: allow only the ports the tier needs`,
                    ),
                ),
    }),
    worldWebPortsOnLoadBalancers,
    privateTablesReachNat,
];
