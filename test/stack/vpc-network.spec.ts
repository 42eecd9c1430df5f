/**
 * VpcNetwork planned alone (stand-ins for the flow-log role and the key): its VPC, subnets, routes,
 * NAT strategies, adopted defaults and flow logs; then what only the whole stack shows (the flow-log
 * role it is given, no other component's rule on the default group, the outputs). The provider wiring,
 * tags and parents of every resource: stack/program-shape.spec.ts.
 */
import type { NatGatewayStrategy } from "../../lib/network/vocabulary";
import { VPC_NETWORK_SETTINGS } from "../../lib/network/settings";
import { VpcNetwork } from "../../lib/network/vpc-network";
import { byRef, ofType, one, Plan, planComponent, planTap, policyDocument, nonEmpty } from "../support";

const ROUTE = "aws:ec2/route:Route";
const SUBNET = "aws:ec2/subnet:Subnet";
const NAT = "aws:ec2/natGateway:NatGateway";
const RTA = "aws:ec2/routeTableAssociation:RouteTableAssociation";

/** For each private subnet: the NAT gateway its route table sends 0.0.0.0/0 to (undefined: no internet route). */
function privateEgress(plan: Plan): Array<{ subnet: string; az: unknown; nat?: string; natAz?: unknown }> {
    return ofType(plan, SUBNET)
        .filter((s) => s.inputs.tags && (s.inputs.tags as Record<string, string>).Tier === "private")
        .map((subnet) => {
            const table = ofType(plan, RTA).find((a) => a.inputs.subnetId === subnet.id)!.inputs.routeTableId;
            const route = ofType(plan, ROUTE).find((r) => r.inputs.routeTableId === table && r.inputs.destinationCidrBlock === "0.0.0.0/0");
            if (!route) return { subnet: subnet.name, az: subnet.inputs.availabilityZone };
            const nat = byRef(plan, route.inputs.natGatewayId);
            const natSubnet = byRef(plan, nat.inputs.subnetId);
            return { subnet: subnet.name, az: subnet.inputs.availabilityZone, nat: nat.name, natAz: natSubnet.inputs.availabilityZone };
        });
}

/** VpcNetwork at dev's defaults (2 AZs, one NAT gateway, 90 days of flow logs), `settings` on top, planned alone. */
function planNetwork(settings: { azCount?: number; natGatewayStrategy?: NatGatewayStrategy; vpcCidr?: string } = {}): Promise<Plan> {
    return planComponent((s) => {
        const network = new VpcNetwork(`${s.namePrefix}-network`, {
            ...s.common,
            vpcCidr: settings.vpcCidr ?? "10.0.0.0/16",
            settings: s.settings(VPC_NETWORK_SETTINGS, {
                ...(settings.azCount && { azCount: settings.azCount }),
                ...(settings.natGatewayStrategy && { natGatewayStrategy: settings.natGatewayStrategy }),
            }),
            logsKmsKeyArn: s.kmsKeyArn,
            flowLogRole: s.role(`${s.namePrefix}-flow-logs-role`, "vpc-flow-logs.amazonaws.com"),
        });
        return { natGatewayIds: network.natGatewayIds };
    });
}

describe("VpcNetwork alone, dev's settings (2 AZs, single NAT)", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planNetwork();
    });

    it("builds a VPC with DNS support and hostnames on the configured CIDR", () => {
        expect(one(plan, "aws:ec2/vpc:Vpc").inputs).toMatchObject({
            cidrBlock: "10.0.0.0/16",
            enableDnsSupport: true,
            enableDnsHostnames: true,
        });
    });

    it("spreads one public and one private subnet over each of two distinct AZs", () => {
        const subnets = ofType(plan, SUBNET);
        const tier = (t: string) =>
            subnets.filter((s) => (s.inputs.tags as Record<string, string>).Tier === t).map((s) => s.inputs.availabilityZone);
        expect(tier("public")).toEqual(["us-east-1a", "us-east-1b"]);
        expect(tier("private")).toEqual(["us-east-1a", "us-east-1b"]);
        const vpc = one(plan, "aws:ec2/vpc:Vpc");
        for (const s of subnets) expect(s.inputs.vpcId).toBe(vpc.id);
    });

    it("never auto-assigns public IPs (EC2.15)", () => {
        for (const s of nonEmpty(ofType(plan, SUBNET))) expect(s.inputs.mapPublicIpOnLaunch).toBe(false);
    });

    it("routes public subnets to the internet gateway", () => {
        const igw = one(plan, "aws:ec2/internetGateway:InternetGateway");
        const route = one(plan, ROUTE, "public-default");
        expect(route.inputs).toMatchObject({ destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });
        const publicTables = ofType(plan, RTA)
            .filter((a) => a.name.includes("-public-"))
            .map((a) => a.inputs.routeTableId);
        expect(publicTables).toEqual([route.inputs.routeTableId, route.inputs.routeTableId]);
    });

    it("sends every private subnet through the one NAT gateway, which sits in a public subnet with a VPC EIP", () => {
        const nat = one(plan, NAT);
        expect(privateEgress(plan).map((e) => e.nat)).toEqual([nat.name, nat.name]);
        expect(byRef(plan, nat.inputs.subnetId).name).toMatch(/-public-1$/);
        expect(byRef(plan, nat.inputs.allocationId).inputs.domain).toBe("vpc");
    });

    it("adopts the default security group with no rules at all (CIS 5.4 / EC2.2)", () => {
        const sg = one(plan, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
        expect(sg.inputs.vpcId).toBe(one(plan, "aws:ec2/vpc:Vpc").id);
        expect(sg.inputs.ingress ?? []).toEqual([]);
        expect(sg.inputs.egress ?? []).toEqual([]);
    });

    it("adopts the default network ACL, denying SSH and RDP from anywhere before it allows the rest (CIS 5.1 / EC2.21)", () => {
        const nacl = one(plan, "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl");
        expect(nacl.inputs.defaultNetworkAclId).toBe(one(plan, "aws:ec2/vpc:Vpc").state.defaultNetworkAclId);
        // Every subnet named, or the provider plans to "remove" the unnamed ones on every run.
        expect([...(nacl.inputs.subnetIds as string[])].sort()).toEqual(
            ofType(plan, SUBNET)
                .map((s) => s.id)
                .sort(),
        );
        const ingress = [...(nacl.inputs.ingress as Array<Record<string, unknown>>)].sort((a, b) => Number(a.ruleNo) - Number(b.ruleNo));
        expect(ingress.map((e) => [e.action, e.protocol, e.fromPort, e.toPort, e.cidrBlock])).toEqual([
            ["deny", "tcp", 22, 22, "0.0.0.0/0"],
            ["deny", "tcp", 3389, 3389, "0.0.0.0/0"],
            ["allow", "-1", 0, 0, "0.0.0.0/0"],
        ]);
    });

    it("logs ALL traffic to a CloudWatch log group with the configured retention (CIS 3.7 / EC2.6)", () => {
        const flowLog = one(plan, "aws:ec2/flowLog:FlowLog");
        const group = one(plan, "aws:cloudwatch/logGroup:LogGroup", "flow-logs");
        expect(flowLog.inputs).toMatchObject({
            vpcId: one(plan, "aws:ec2/vpc:Vpc").id,
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
            logDestination: group.state.arn,
        });
        expect(flowLog.inputs).not.toHaveProperty("logGroupName"); // removed in @pulumi/aws v7
        expect(group.inputs.retentionInDays).toBe(90);
    });

    it("scopes the flow-log role's policy to its own log group (no Resource '*')", () => {
        const group = one(plan, "aws:cloudwatch/logGroup:LogGroup", "flow-logs");
        const policy = one(plan, "aws:iam/rolePolicy:RolePolicy", "flow-logs-policy");
        expect(policy.inputs.role).toBe(one(plan, "aws:iam/role:Role", "flow-logs-role").id);
        for (const statement of policyDocument(policy.inputs.policy).Statement) {
            const resources = ([] as unknown[]).concat(statement.Resource);
            for (const resource of resources) expect(String(resource).startsWith(String(group.state.arn))).toBe(true);
            expect(([] as unknown[]).concat(statement.Action)).not.toContain("*");
        }
    });
});

describe("VpcNetwork in the dev stack", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap({}, "dev");
    });

    it("lets no security group rule resource add a rule to the default group either (CIS 5.4 / EC2.2)", () => {
        const stack = plan;
        const vpc = one(stack, "aws:ec2/vpc:Vpc");
        const defaultGroupIds = [vpc.state.defaultSecurityGroupId, one(stack, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup").id];
        const rules = [
            "aws:ec2/securityGroupRule:SecurityGroupRule",
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        ].flatMap((type) => ofType(stack, type));
        expect(rules.length).toBeGreaterThan(0);
        for (const rule of rules) expect([rule.name, defaultGroupIds.includes(rule.inputs.securityGroupId)]).toEqual([rule.name, false]);
    });

    it("writes flow logs through a role only VPC Flow Logs of this account can assume", () => {
        const flowLog = one(plan, "aws:ec2/flowLog:FlowLog");
        const role = byRef(plan, flowLog.inputs.iamRoleArn);
        const trust = policyDocument(role.inputs.assumeRolePolicy).Statement;
        expect(trust).toHaveLength(1);
        expect(trust[0]).toMatchObject({
            Effect: "Allow",
            Principal: { Service: "vpc-flow-logs.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
        });
    });

    it("exports the network outputs", () => {
        expect(plan.outputs).toMatchObject({
            vpcId: one(plan, "aws:ec2/vpc:Vpc").id,
            natGatewayIds: [one(plan, NAT).id],
            flowLogId: one(plan, "aws:ec2/flowLog:FlowLog").id,
        });
        expect(plan.outputs.publicSubnetIds).toHaveLength(2);
        expect(plan.outputs.privateSubnetIds).toHaveLength(2);
    });
});

describe("VpcNetwork NAT strategies (the network alone)", () => {
    it("onePerAz: each private subnet goes out through the NAT gateway of its own AZ", async () => {
        const plan = await planNetwork({ azCount: 3, natGatewayStrategy: "onePerAz" });
        const egress = privateEgress(plan);
        expect(ofType(plan, NAT)).toHaveLength(3);
        expect(new Set(egress.map((e) => e.nat)).size).toBe(3);
        for (const e of egress) expect(e.natAz).toBe(e.az);
    });

    it("none: no NAT gateway, no EIP, and private subnets have no internet route", async () => {
        const plan = await planNetwork({ natGatewayStrategy: "none" });
        expect(ofType(plan, NAT)).toEqual([]);
        expect(ofType(plan, "aws:ec2/eip:Eip")).toEqual([]);
        expect(privateEgress(plan).every((e) => e.nat === undefined)).toBe(true);
        expect(plan.outputs.natGatewayIds).toEqual([]);
    });

    it("six AZs with a /24 VPC: twelve /28 subnets in six AZs", async () => {
        const plan = await planNetwork({ azCount: 6, vpcCidr: "192.168.10.0/24" });
        const subnets = ofType(plan, SUBNET);
        expect(subnets).toHaveLength(12);
        expect(new Set(subnets.map((s) => s.inputs.availabilityZone)).size).toBe(6);
        for (const s of subnets) expect(String(s.inputs.cidrBlock)).toMatch(/^192\.168\.10\.\d+\/28$/);
    });
});
