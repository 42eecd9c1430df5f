/**
 * Network checks against a compliant and a non-compliant deployment, each answer built on the one
 * AWS documents for the call (test/verify/fixtures/ec2: the AWS CLI examples), with the stack's ids.
 */
import {
    DescribeFlowLogsCommand,
    DescribeNatGatewaysCommand,
    DescribeRouteTablesCommand,
    DescribeSecurityGroupsCommand,
    DescribeSubnetsCommand,
    DescribeVpcsCommand,
    EC2Client,
    FlowLog,
    NatGateway,
    RouteTable,
    SecurityGroup,
    Subnet,
    Vpc,
} from "@aws-sdk/client-ec2";
import {
    defaultSecurityGroupEmpty,
    flowLogsActive,
    natGatewaysAvailable,
    privateRoutesViaNat,
    publicSubnetsNoAutoIp,
    vpcSpansAzs,
} from "../../tooling/verify/network";
import { sdkResponse } from "./fixtures";
import { ACCOUNT, DEV_OUTPUTS, findings, mockedClients, outputs, REGION, verdicts } from "./support";

const VPC = DEV_OUTPUTS.vpcId;
const [PUB1, PUB2] = DEV_OUTPUTS.publicSubnetIds;
const [PRV1, PRV2] = DEV_OUTPUTS.privateSubnetIds;
const NAT = DEV_OUTPUTS.natGatewayIds[0];

/** The documented answers (AWS CLI examples), read once. */
const documented = {} as { subnet: Subnet; vpc: Vpc; table: RouteTable; nat: NatGateway; flowLog: FlowLog; group: SecurityGroup };
let SUBNETS: Subnet[];
beforeAll(async () => {
    documented.subnet = (await sdkResponse<{ Subnets: Subnet[] }>("ec2/DescribeSubnets.cli-example")).Subnets[0];
    documented.vpc = (await sdkResponse<{ Vpcs: Vpc[] }>("ec2/DescribeVpcs.cli-example")).Vpcs[0];
    documented.table = (await sdkResponse<{ RouteTables: RouteTable[] }>("ec2/DescribeRouteTables.cli-example")).RouteTables[0];
    documented.nat = (await sdkResponse<{ NatGateways: NatGateway[] }>("ec2/DescribeNatGateways.cli-example")).NatGateways[0];
    documented.flowLog = (await sdkResponse<{ FlowLogs: FlowLog[] }>("ec2/DescribeFlowLogs.cli-example")).FlowLogs[0];
    documented.group = (await sdkResponse<{ SecurityGroups: SecurityGroup[] }>("ec2/DescribeSecurityGroups.cli-example")).SecurityGroups[0];
    SUBNETS = [
        subnet(PUB1, "us-east-1a", "10.0.0.0/20"),
        subnet(PUB2, "us-east-1b", "10.0.16.0/20"),
        subnet(PRV1, "us-east-1a", "10.0.128.0/20"),
        subnet(PRV2, "us-east-1b", "10.0.144.0/20"),
    ];
});

/** The documented subnet (a default subnet, mapping public IPs) as one of the stack's: its id, VPC, AZ and CIDR, no public IPs. */
const subnet = (id: string, az: string, cidr: string, overrides: Partial<Subnet> = {}): Subnet => ({
    ...documented.subnet,
    SubnetId: id,
    VpcId: VPC,
    AvailabilityZone: az,
    AvailabilityZoneId: az === "us-east-1a" ? "use1-az1" : "use1-az2",
    CidrBlock: cidr,
    MapPublicIpOnLaunch: false,
    DefaultForAz: false,
    OwnerId: ACCOUNT,
    SubnetArn: `arn:aws:ec2:us-east-1:${ACCOUNT}:subnet/${id}`,
    Tags: [],
    ...overrides,
});

/** The documented route table (its local route and a NAT route) as a private subnet's own: associated with it, 0.0.0.0/0 to `target`. */
const privateTable = (
    id: string,
    subnetId: string,
    target: RouteTable["Routes"] = [{ ...documented.table.Routes![1], NatGatewayId: NAT, State: "active" }],
): RouteTable => ({
    ...documented.table,
    RouteTableId: id,
    VpcId: VPC,
    OwnerId: ACCOUNT,
    Associations: [
        {
            ...documented.table.Associations![0],
            Main: false,
            RouteTableAssociationId: `rtbassoc-${id.slice(4)}`,
            RouteTableId: id,
            SubnetId: subnetId,
            AssociationState: { State: "associated" },
        },
    ],
    Routes: [documented.table.Routes![0], ...(target ?? [])],
});
/** The documented NAT gateway as the stack's. */
const natGateway = (overrides: Partial<NatGateway> = {}): NatGateway => ({
    ...documented.nat,
    NatGatewayId: NAT,
    SubnetId: PUB1,
    VpcId: VPC,
    ...overrides,
});

const newMocks = () => mockedClients({ ec2: new EC2Client({ region: REGION }) });
let mocks: ReturnType<typeof newMocks>;
beforeEach(() => {
    mocks = newMocks();
});

describe("network.multi-az", () => {
    beforeEach(() => {
        mocks.ec2
            .on(DescribeVpcsCommand)
            .resolves({ Vpcs: [{ ...documented.vpc, VpcId: VPC, CidrBlock: "10.0.0.0/16", OwnerId: ACCOUNT }] });
    });

    it("passes both tiers when each spreads over two AZs of the VPC", async () => {
        mocks.ec2.on(DescribeSubnetsCommand).resolves({ Subnets: SUBNETS });
        const result = await findings(vpcSpansAzs, mocks);
        expect(verdicts(result)).toEqual([
            [VPC, "pass"],
            [VPC, "pass"],
        ]);
        expect(result[1].reason).toBe("2 private subnets in us-east-1a, us-east-1b");
        expect(mocks.ec2.commandCalls(DescribeSubnetsCommand)[0].args[0].input.SubnetIds).toEqual([PUB1, PUB2, PRV1, PRV2]);
    });

    it("fails the private tier when both private subnets sit in one AZ", async () => {
        mocks.ec2
            .on(DescribeSubnetsCommand)
            .resolves({ Subnets: [SUBNETS[0], SUBNETS[1], SUBNETS[2], subnet(PRV2, "us-east-1a", "10.0.144.0/20")] });
        const result = await findings(vpcSpansAzs, mocks);
        expect(verdicts(result)).toEqual([
            [VPC, "pass"],
            [VPC, "fail"],
        ]);
        expect(result[1].reason).toMatch(/private subnets span 1 AZ \(us-east-1a\), need at least 2/);
    });

    it("fails a tier holding a subnet of another VPC, naming it", async () => {
        mocks.ec2
            .on(DescribeSubnetsCommand)
            .resolves({ Subnets: [subnet(PUB1, "us-east-1a", "10.0.0.0/20", { VpcId: "vpc-0other000000000000" }), ...SUBNETS.slice(1)] });
        const result = await findings(vpcSpansAzs, mocks);
        expect(result[0]).toMatchObject({ status: "fail", reason: `public subnet ${PUB1} is in vpc-0other000000000000, not ${VPC}` });
    });

    it("fails when the VPC does not exist", async () => {
        mocks.ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
        expect(await findings(vpcSpansAzs, mocks)).toEqual([
            expect.objectContaining({ resource: VPC, status: "fail", reason: "VPC not found" }),
        ]);
    });
});

describe("network.no-auto-public-ip (EC2.15)", () => {
    it("passes every subnet that does not map public IPs on launch", async () => {
        mocks.ec2.on(DescribeSubnetsCommand).resolves({ Subnets: SUBNETS });
        expect(verdicts(await findings(publicSubnetsNoAutoIp, mocks))).toEqual([
            [PUB1, "pass"],
            [PUB2, "pass"],
            [PRV1, "pass"],
            [PRV2, "pass"],
        ]);
    });

    it("fails the public subnet that maps public IPs on launch", async () => {
        mocks.ec2
            .on(DescribeSubnetsCommand)
            .resolves({ Subnets: [subnet(PUB1, "us-east-1a", "10.0.0.0/20", { MapPublicIpOnLaunch: true }), ...SUBNETS.slice(1)] });
        const result = await findings(publicSubnetsNoAutoIp, mocks);
        expect(verdicts(result)).toEqual([
            [PUB1, "fail"],
            [PUB2, "pass"],
            [PRV1, "pass"],
            [PRV2, "pass"],
        ]);
        expect(result[0].reason).toMatch(/MapPublicIpOnLaunch true/);
    });
});

describe("network.nat-gateways", () => {
    it("passes an available NAT gateway in a public subnet", async () => {
        mocks.ec2.on(DescribeNatGatewaysCommand).resolves({ NatGateways: [natGateway()] });
        expect(verdicts(await findings(natGatewaysAvailable, mocks))).toEqual([[NAT, "pass"]]);
        expect(mocks.ec2.commandCalls(DescribeNatGatewaysCommand)[0].args[0].input).toEqual({ NatGatewayIds: [NAT] });
    });

    it("fails a failed NAT gateway placed in a private subnet, with AWS's failure message", async () => {
        mocks.ec2.on(DescribeNatGatewaysCommand).resolves({
            NatGateways: [
                natGateway({
                    State: "failed",
                    SubnetId: PRV1,
                    FailureCode: "Gateway.NotAttached",
                    FailureMessage: "Network vpc-0a1b2c3d4e5f60718 has no Internet gateway attached",
                }),
            ],
        });
        const [finding] = await findings(natGatewaysAvailable, mocks);
        expect(finding).toMatchObject({ resource: NAT, status: "fail" });
        expect(finding.reason).toBe(
            `state failed (Network vpc-0a1b2c3d4e5f60718 has no Internet gateway attached); in subnet ${PRV1}, not one of the public subnets`,
        );
    });

    it("is skipped, not passed, when the stack has no NAT gateway", async () => {
        const result = await findings(natGatewaysAvailable, mocks, outputs({ natGatewayIds: [] }));
        expect(result).toEqual([
            expect.objectContaining({
                status: "skipped",
                reason: "skipped: no NAT gateways in this stack (output natGatewayIds absent or empty)",
            }),
        ]);
        expect(mocks.ec2.calls()).toHaveLength(0);
    });
});

describe("network.private-egress-via-nat", () => {
    it("passes each private subnet whose own table sends 0.0.0.0/0 to the stack's NAT gateway", async () => {
        mocks.ec2
            .on(DescribeRouteTablesCommand)
            .resolves({ RouteTables: [privateTable("rtb-0prv1", PRV1), privateTable("rtb-0prv2", PRV2)] });
        const result = await findings(privateRoutesViaNat, mocks);
        expect(verdicts(result)).toEqual([
            [`${PRV1} (rtb-0prv1)`, "pass"],
            [`${PRV2} (rtb-0prv2)`, "pass"],
        ]);
        expect(result[0].reason).toBe(`0.0.0.0/0 via ${NAT}, active`);
        expect(mocks.ec2.commandCalls(DescribeRouteTablesCommand)[0].args[0].input.Filters).toEqual([
            { Name: "association.subnet-id", Values: [PRV1, PRV2] },
        ]);
    });

    it("fails a private subnet routed to an internet gateway, one whose NAT route is a blackhole, one on the main table", async () => {
        mocks.ec2.on(DescribeRouteTablesCommand).resolves({
            RouteTables: [
                privateTable("rtb-0prv1", PRV1, [
                    { ...documented.table.Routes![1], NatGatewayId: undefined, GatewayId: "igw-0123456789abcdef0", State: "active" },
                ]),
                // PRV2 has no association of its own, so the association filter returns no table for it.
            ],
        });
        const result = await findings(privateRoutesViaNat, mocks);
        expect(verdicts(result)).toEqual([
            [`${PRV1} (rtb-0prv1)`, "fail"],
            [PRV2, "fail"],
        ]);
        expect(result[0].reason).toBe("0.0.0.0/0 goes to internet gateway igw-0123456789abcdef0: the subnet is public");
        expect(result[1].reason).toMatch(/uses the VPC's main route table/);

        mocks.ec2.on(DescribeRouteTablesCommand).resolves({
            // The documented route is a blackhole NAT route: as the stack's.
            RouteTables: [
                privateTable("rtb-0prv1", PRV1, [{ ...documented.table.Routes![1], NatGatewayId: NAT }]),
                privateTable("rtb-0prv2", PRV2),
            ],
        });
        const blackhole = await findings(privateRoutesViaNat, mocks);
        expect(verdicts(blackhole)).toEqual([
            [`${PRV1} (rtb-0prv1)`, "fail"],
            [`${PRV2} (rtb-0prv2)`, "pass"],
        ]);
        expect(blackhole[0].reason).toBe(`0.0.0.0/0 via ${NAT} is blackhole`);
    });

    it("fails a route to a NAT gateway that is not the stack's", async () => {
        mocks.ec2.on(DescribeRouteTablesCommand).resolves({
            RouteTables: [
                privateTable("rtb-0prv1", PRV1, [
                    { ...documented.table.Routes![1], NatGatewayId: "nat-0someoneelse00000", State: "active" },
                ]),
                privateTable("rtb-0prv2", PRV2),
            ],
        });
        const [first] = await findings(privateRoutesViaNat, mocks);
        expect(first).toMatchObject({
            status: "fail",
            reason: `0.0.0.0/0 goes to nat-0someoneelse00000, not a NAT gateway of the stack (${NAT})`,
        });
    });

    it("with natGatewayStrategy none: passes no default route, fails one that exists", async () => {
        const none = outputs({ natGatewayIds: [] });
        mocks.ec2
            .on(DescribeRouteTablesCommand)
            .resolves({ RouteTables: [privateTable("rtb-0prv1", PRV1, []), privateTable("rtb-0prv2", PRV2)] });
        const result = await findings(privateRoutesViaNat, mocks, none);
        expect(verdicts(result)).toEqual([
            [`${PRV1} (rtb-0prv1)`, "pass"],
            [`${PRV2} (rtb-0prv2)`, "fail"],
        ]);
        expect(result[1].reason).toBe(`the stack has no NAT gateway, yet 0.0.0.0/0 goes to ${NAT}`);
    });
});

describe("network.flow-logs (CIS 3.7 / EC2.6)", () => {
    /** The documented flow log (ALL traffic, ACTIVE, delivering to CloudWatch Logs) as the stack's, on its VPC. */
    const flowLog = (overrides: Partial<FlowLog> = {}): FlowLog => ({
        ...documented.flowLog,
        FlowLogId: DEV_OUTPUTS.flowLogId,
        ResourceId: VPC,
        LogDestination: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/tap/dev/vpc-flow-logs`,
        ...overrides,
    });

    it("passes an ACTIVE flow log of ALL traffic on the stack's VPC", async () => {
        mocks.ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [flowLog()] });
        const [finding] = await findings(flowLogsActive, mocks);
        expect(finding).toMatchObject({
            checkId: "network.flow-logs",
            control: "CIS 3.7 / EC2.6",
            resource: DEV_OUTPUTS.flowLogId,
            status: "pass",
        });
        expect(finding.reason).toMatch(/^ALL traffic of vpc-0a1b2c3d4e5f60718 to cloud-watch-logs arn:aws:logs:/);
    });

    it("fails a flow log of rejected traffic only whose delivery fails", async () => {
        mocks.ec2.on(DescribeFlowLogsCommand).resolves({
            FlowLogs: [flowLog({ TrafficType: "REJECT", DeliverLogsStatus: "FAILED", DeliverLogsErrorMessage: "Access error" })],
        });
        const [finding] = await findings(flowLogsActive, mocks);
        expect(finding.status).toBe("fail");
        expect(finding.reason).toBe("TrafficType REJECT, not ALL; delivery FAILED: Access error");
    });

    it("fails a flow log attached to another VPC, and one AWS no longer knows", async () => {
        mocks.ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [flowLog({ ResourceId: "vpc-0other000000000000" })] });
        expect((await findings(flowLogsActive, mocks))[0].reason).toBe(`logs vpc-0other000000000000, not the VPC ${VPC}`);
        mocks.ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [] });
        expect((await findings(flowLogsActive, mocks))[0]).toMatchObject({ status: "fail", reason: "flow log not found" });
    });
});

describe("network.default-sg-empty (CIS 5.4 / EC2.2)", () => {
    /** The documented group as the VPC's default one, emptied of its rules as the stack leaves it. */
    const defaultGroup = (overrides: Partial<SecurityGroup> = {}): SecurityGroup => ({
        ...documented.group,
        GroupId: "sg-0default000000001",
        GroupName: "default",
        VpcId: VPC,
        OwnerId: ACCOUNT,
        Description: "default VPC security group",
        IpPermissions: [],
        IpPermissionsEgress: [],
        ...overrides,
    });

    it("passes the adopted default group with no rules, looked up by VPC and name", async () => {
        mocks.ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [defaultGroup()] });
        expect(verdicts(await findings(defaultSecurityGroupEmpty, mocks))).toEqual([["sg-0default000000001", "pass"]]);
        expect(mocks.ec2.commandCalls(DescribeSecurityGroupsCommand)[0].args[0].input.Filters).toEqual([
            { Name: "vpc-id", Values: [VPC] },
            { Name: "group-name", Values: ["default"] },
        ]);
    });

    it("fails the group AWS creates by default: all traffic from itself, all traffic out", async () => {
        mocks.ec2.on(DescribeSecurityGroupsCommand).resolves({
            SecurityGroups: [
                defaultGroup({
                    // The documented group's first inbound rule (all traffic from itself) and its egress (all traffic out).
                    IpPermissions: [
                        { ...documented.group.IpPermissions![0], UserIdGroupPairs: [{ GroupId: "sg-0default000000001", UserId: ACCOUNT }] },
                    ],
                    IpPermissionsEgress: documented.group.IpPermissionsEgress,
                }),
            ],
        });
        const [finding] = await findings(defaultSecurityGroupEmpty, mocks);
        expect(finding).toMatchObject({ resource: "sg-0default000000001", status: "fail" });
        expect(finding.reason).toBe("2 rule(s): inbound all traffic from sg-0default000000001; outbound all traffic to 0.0.0.0/0");
    });
});
