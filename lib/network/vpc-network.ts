import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { writeLogGroupStatement } from "../monitoring/log-group-grant";
import { selectAvailabilityZones, SubnetLayout, subnetLayout } from "./subnet-layout";
import { VpcNetworkSettings } from "./settings";

export interface VpcNetworkArgs {
    /** Prefix of every name, e.g. `tap-dev-use1`. */
    readonly namePrefix: string;
    /** Its settings (tap: keys of the same names), whole: the stack passes its settings group. */
    readonly settings: VpcNetworkSettings;
    /** The VPC's IPv4 CIDR block (validated by the config module). */
    readonly vpcCidr: string;
    /** KMS key that encrypts the flow-log group. @default AWS-owned key */
    readonly logsKmsKeyArn?: pulumi.Input<string>;
    /** The role VPC Flow Logs assumes (GlobalBaseline); VpcNetwork grants it this network's log group. */
    readonly flowLogRole: aws.iam.Role;
    /** The provider of the region the network is built in. */
    readonly provider: aws.Provider;
}

/** A VPC with public and private subnets per AZ, NAT per strategy, flow logs and a closed default SG. */
export class VpcNetwork extends pulumi.ComponentResource {
    public readonly vpc: aws.ec2.Vpc;
    public readonly publicSubnets: aws.ec2.Subnet[];
    public readonly privateSubnets: aws.ec2.Subnet[];
    public readonly natGateways: aws.ec2.NatGateway[];
    public readonly privateRouteTables: aws.ec2.RouteTable[];
    public readonly defaultSecurityGroup: aws.ec2.DefaultSecurityGroup;
    public readonly defaultNetworkAcl: aws.ec2.DefaultNetworkAcl;
    public readonly flowLogGroup: aws.cloudwatch.LogGroup;
    public readonly flowLogRole: aws.iam.Role;
    public readonly flowLog: aws.ec2.FlowLog;

    public readonly vpcId: pulumi.Output<string>;
    public readonly publicSubnetIds: pulumi.Output<string[]>;
    public readonly privateSubnetIds: pulumi.Output<string[]>;
    public readonly natGatewayIds: pulumi.Output<string[]>;

    constructor(name: string, args: VpcNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:network:VpcNetwork", name, {}, { ...opts, providers: { aws: args.provider } });
        const child = { parent: this, provider: args.provider };
        const phase: Phase = {
            args,
            child,
            prefix: args.namePrefix,
            layout: subnetLayout(args.vpcCidr, args.settings.azCount),
            azs: aws
                .getAvailabilityZonesOutput({ state: "available" }, child)
                .names.apply((names) => selectAvailabilityZones(names, args.settings.azCount)),
        };
        // The phases, in the order AWS needs them: the VPC and its closed default group, the public
        // side and its NAT gateways, the private side, the default network ACL over both, the private
        // routes through NAT, then the flow logs.
        this.vpc = this.createVpc(phase);
        this.defaultSecurityGroup = this.closeDefaultSecurityGroup(phase);
        const internetGateway = this.createInternetGateway(phase);
        this.publicSubnets = this.createPublicSubnets(phase, internetGateway);
        this.natGateways = this.createNatGateways(phase, internetGateway);
        this.privateSubnets = this.createPrivateSubnets(phase);
        this.defaultNetworkAcl = this.createDefaultNetworkAcl(phase);
        this.privateRouteTables = this.createPrivateRouteTables(phase);
        this.flowLogGroup = this.createFlowLogGroup(phase);
        this.flowLogRole = args.flowLogRole;
        this.grantFlowLogWrites(phase);
        this.flowLog = this.createFlowLog(phase);

        this.vpcId = this.vpc.id;
        this.publicSubnetIds = pulumi.output(this.publicSubnets.map((s) => s.id));
        this.privateSubnetIds = pulumi.output(this.privateSubnets.map((s) => s.id));
        this.natGatewayIds = pulumi.output(this.natGateways.map((n) => n.id));
        this.registerOutputs({
            vpcId: this.vpcId,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            natGatewayIds: this.natGatewayIds,
            flowLogId: this.flowLog.id,
        });
    }

    /** The VPC, with DNS resolution and hostnames (SSM and the VPC endpoints need both). */
    private createVpc({ args, prefix, child }: Phase): aws.ec2.Vpc {
        return new aws.ec2.Vpc(
            `${prefix}-vpc`,
            {
                cidrBlock: args.vpcCidr,
                enableDnsSupport: true,
                enableDnsHostnames: true,
                tags: { Name: `${prefix}-vpc` },
            },
            child,
        );
    }

    /** CIS 5.4 / EC2.2: adopts the default SG and strips every rule, so nothing can use it. */
    private closeDefaultSecurityGroup({ prefix, child }: Phase): aws.ec2.DefaultSecurityGroup {
        return new aws.ec2.DefaultSecurityGroup(
            `${prefix}-default-sg`,
            {
                vpcId: this.vpc.id,
                ingress: [],
                egress: [],
                tags: { Name: `${prefix}-default-sg-closed` },
            },
            child,
        );
    }

    /** The internet gateway: the public subnets' route out, and the NAT gateways'. */
    private createInternetGateway({ prefix, child }: Phase): aws.ec2.InternetGateway {
        return new aws.ec2.InternetGateway(`${prefix}-igw`, { vpcId: this.vpc.id, tags: { Name: `${prefix}-igw` } }, child);
    }

    /** One public subnet per AZ, sharing one route table whose default route is the internet gateway. */
    private createPublicSubnets({ prefix, child, layout, azs }: Phase, internetGateway: aws.ec2.InternetGateway): aws.ec2.Subnet[] {
        const subnets = layout.publicCidrs.map(
            (cidrBlock, i) =>
                new aws.ec2.Subnet(
                    `${prefix}-public-${i + 1}`,
                    {
                        vpcId: this.vpc.id,
                        cidrBlock,
                        availabilityZone: azs[i],
                        mapPublicIpOnLaunch: false, // EC2.15: nothing gets a public IP unless asked for
                        tags: { Name: `${prefix}-public-${i + 1}`, Tier: "public" },
                    },
                    child,
                ),
        );
        const publicRouteTable = new aws.ec2.RouteTable(
            `${prefix}-public-rt`,
            {
                vpcId: this.vpc.id,
                tags: { Name: `${prefix}-public-rt` },
            },
            child,
        );
        new aws.ec2.Route(
            `${prefix}-public-default`,
            {
                routeTableId: publicRouteTable.id,
                destinationCidrBlock: "0.0.0.0/0",
                gatewayId: internetGateway.id,
            },
            child,
        );
        subnets.forEach(
            (subnet, i) =>
                new aws.ec2.RouteTableAssociation(
                    `${prefix}-public-${i + 1}-rta`,
                    {
                        subnetId: subnet.id,
                        routeTableId: publicRouteTable.id,
                    },
                    child,
                ),
        );
        return subnets;
    }

    /** NAT gateways per `natGatewayStrategy` (one, one per AZ, none), each in a public subnet with its Elastic IP. */
    private createNatGateways({ args, prefix, child }: Phase, internetGateway: aws.ec2.InternetGateway): aws.ec2.NatGateway[] {
        const natCount = { single: 1, onePerAz: args.settings.azCount, none: 0 }[args.settings.natGatewayStrategy];
        return this.publicSubnets.slice(0, natCount).map((subnet, i) => {
            const eip = new aws.ec2.Eip(
                `${prefix}-nat-eip-${i + 1}`,
                { domain: "vpc", tags: { Name: `${prefix}-nat-eip-${i + 1}` } },
                child,
            );
            return new aws.ec2.NatGateway(
                `${prefix}-nat-${i + 1}`,
                {
                    allocationId: eip.id,
                    subnetId: subnet.id,
                    connectivityType: "public",
                    tags: { Name: `${prefix}-nat-${i + 1}` },
                },
                { ...child, dependsOn: [internetGateway] },
            );
        });
    }

    /** One private subnet per AZ. */
    private createPrivateSubnets({ prefix, child, layout, azs }: Phase): aws.ec2.Subnet[] {
        return layout.privateCidrs.map(
            (cidrBlock, i) =>
                new aws.ec2.Subnet(
                    `${prefix}-private-${i + 1}`,
                    {
                        vpcId: this.vpc.id,
                        cidrBlock,
                        availabilityZone: azs[i],
                        mapPublicIpOnLaunch: false,
                        tags: { Name: `${prefix}-private-${i + 1}`, Tier: "private" },
                    },
                    child,
                ),
        );
    }

    /** CIS 5.1 / EC2.21: every subnet's ACL refuses SSH and RDP from anywhere before allowing the rest. */
    private createDefaultNetworkAcl({ prefix, child }: Phase): aws.ec2.DefaultNetworkAcl {
        // The security groups then filter the rest. Stateless: the deny matches destination ports
        // only, so replies to the instances' own connections pass.
        const world = { cidrBlock: "0.0.0.0/0" };
        return new aws.ec2.DefaultNetworkAcl(
            `${prefix}-default-nacl`,
            {
                defaultNetworkAclId: this.vpc.defaultNetworkAclId,
                // Every subnet is in the default ACL; naming them keeps the provider from planning to
                // "remove" them on every run (subnets cannot leave the default ACL but for another one).
                subnetIds: [...this.publicSubnets, ...this.privateSubnets].map((subnet) => subnet.id),
                ingress: [
                    { ruleNo: 10, action: "deny", protocol: "tcp", fromPort: 22, toPort: 22, ...world },
                    { ruleNo: 20, action: "deny", protocol: "tcp", fromPort: 3389, toPort: 3389, ...world },
                    { ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, ...world },
                ],
                egress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, ...world }],
                tags: { Name: `${prefix}-default-nacl` },
            },
            child,
        );
    }

    /** One route table per private subnet, so each AZ can use its own NAT gateway (the last one where there are fewer). */
    private createPrivateRouteTables({ prefix, child }: Phase): aws.ec2.RouteTable[] {
        return this.privateSubnets.map((subnet, i) => {
            const table = new aws.ec2.RouteTable(
                `${prefix}-private-rt-${i + 1}`,
                {
                    vpcId: this.vpc.id,
                    tags: { Name: `${prefix}-private-rt-${i + 1}` },
                },
                child,
            );
            new aws.ec2.RouteTableAssociation(`${prefix}-private-${i + 1}-rta`, { subnetId: subnet.id, routeTableId: table.id }, child);
            if (this.natGateways.length > 0) {
                const nat = this.natGateways[Math.min(i, this.natGateways.length - 1)];
                new aws.ec2.Route(
                    `${prefix}-private-${i + 1}-default`,
                    {
                        routeTableId: table.id,
                        destinationCidrBlock: "0.0.0.0/0",
                        natGatewayId: nat.id,
                    },
                    child,
                );
            }
            return table;
        });
    }

    /** CIS 3.7 / EC2.6: the flow logs' group, encrypted, with retention. */
    private createFlowLogGroup({ args, prefix, child }: Phase): aws.cloudwatch.LogGroup {
        return new aws.cloudwatch.LogGroup(
            `${prefix}-flow-logs`,
            {
                name: `/tap/${prefix}/vpc-flow-logs`,
                retentionInDays: args.settings.logRetentionDays,
                kmsKeyId: args.logsKmsKeyArn,
            },
            child,
        );
    }

    /** This region's grant to the (global) flow-log role: write to this VPC's log group only. */
    private grantFlowLogWrites({ prefix, child }: Phase): aws.iam.RolePolicy {
        return new aws.iam.RolePolicy(
            `${prefix}-flow-logs-policy`,
            {
                role: this.flowLogRole.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [writeLogGroupStatement("WriteOwnFlowLogGroup", this.flowLogGroup)],
                }),
            },
            child,
        );
    }

    /** CIS 3.7 / EC2.6: the VPC's flow log of ALL traffic, one-minute aggregation. */
    private createFlowLog({ prefix, child }: Phase): aws.ec2.FlowLog {
        return new aws.ec2.FlowLog(
            `${prefix}-flow-log`,
            {
                vpcId: this.vpc.id,
                trafficType: "ALL",
                logDestinationType: "cloud-watch-logs",
                logDestination: this.flowLogGroup.arn,
                iamRoleArn: this.flowLogRole.arn,
                maxAggregationInterval: 60,
                tags: { Name: `${prefix}-flow-log` },
            },
            child,
        );
    }
}

/** What every construction phase of a VpcNetwork reads. */
interface Phase {
    readonly args: VpcNetworkArgs;
    readonly prefix: string;
    readonly child: pulumi.CustomResourceOptions;
    /** The public and private CIDRs, one of each per AZ. */
    readonly layout: SubnetLayout;
    /** The AZs the subnets go in, in layout order. */
    readonly azs: pulumi.Output<string[]>;
}
