import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    INTERFACE_ENDPOINT_SERVICES,
    InterfaceEndpointService,
    interfaceEndpointPolicy,
    s3GatewayEndpointPolicy,
} from "./endpoint-policies";

export interface VpcEndpointsArgs {
    /** Prefix of every name, e.g. `tap-prod-use1`. */
    readonly namePrefix: string;
    /** The region of `provider`: endpoint service names and the AWS-owned buckets are regional. */
    readonly region: string;
    readonly vpcId: pulumi.Input<string>;
    /** The VPC's CIDR: the only source the endpoint security group admits. */
    readonly vpcCidr: string;
    /** Where the interface endpoints put their network interfaces: one per private subnet (AZ). */
    readonly privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The private route tables the S3 gateway endpoint is added to (every one of them). */
    readonly privateRouteTableIds: pulumi.Input<string>[];
    readonly provider: aws.Provider;
}

/**
 * The private way from the private subnets to the AWS services the instances use, so Session
 * Manager, logs, metrics and patching work without a NAT gateway (EC2.57 for SSM): an S3 gateway
 * endpoint on every private route table, and an interface endpoint per service in INTERFACE_ENDPOINT_SERVICES
 * with private DNS (the VPC has DNS support and hostnames on), behind a security group that admits
 * HTTPS from the VPC only. Every endpoint's policy keeps it to this account (endpoint-policies.ts).
 */
export class VpcEndpoints extends pulumi.ComponentResource {
    public readonly securityGroup: aws.ec2.SecurityGroup;
    public readonly s3Gateway: aws.ec2.VpcEndpoint;
    public readonly interfaceEndpoints: Readonly<Record<InterfaceEndpointService, aws.ec2.VpcEndpoint>>;
    /** Every endpoint's id, the gateway first. */
    public readonly endpointIds: pulumi.Output<string[]>;

    constructor(name: string, args: VpcEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:network:VpcEndpoints", name, {}, { ...opts, providers: { aws: args.provider } });
        const prefix = args.namePrefix;
        const child = { parent: this, provider: args.provider };
        const account = aws.getCallerIdentityOutput({}, child).accountId;
        const partition = aws.getPartitionOutput({}, child);
        const serviceName = (service: string) => pulumi.interpolate`${partition.reverseDnsPrefix}.${args.region}.${service}`;
        const policyOf = (build: (c: { partition: string; accountId: string; region: string }) => object) =>
            pulumi
                .all([partition.partition, account])
                .apply(([partitionName, accountId]) => JSON.stringify(build({ partition: partitionName, accountId, region: args.region })));

        // HTTPS from the VPC and nothing else: no egress rule (endpoint interfaces only answer).
        this.securityGroup = new aws.ec2.SecurityGroup(
            `${prefix}-endpoints-sg`,
            {
                vpcId: args.vpcId,
                description: `${prefix} VPC interface endpoints: HTTPS from the VPC only`,
                ingress: [{ description: "HTTPS from the VPC", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [args.vpcCidr] }],
                egress: [],
                tags: { Name: `${prefix}-endpoints-sg` },
            },
            child,
        );

        // Free: dnf, SSM Agent's AWS-owned buckets, session logs and patch output reach S3 privately.
        this.s3Gateway = new aws.ec2.VpcEndpoint(
            `${prefix}-s3-gateway`,
            {
                vpcId: args.vpcId,
                serviceName: serviceName("s3"),
                vpcEndpointType: "Gateway",
                routeTableIds: args.privateRouteTableIds,
                policy: pulumi
                    .all([partition.partition, account, args.vpcId])
                    .apply(([partitionName, accountId, vpcId]) =>
                        JSON.stringify(s3GatewayEndpointPolicy({ partition: partitionName, accountId, region: args.region, vpcId })),
                    ),
                tags: { Name: `${prefix}-s3-gateway` },
            },
            child,
        );

        const services = Object.keys(INTERFACE_ENDPOINT_SERVICES) as InterfaceEndpointService[];
        this.interfaceEndpoints = Object.fromEntries(
            services.map((service) => [
                service,
                new aws.ec2.VpcEndpoint(
                    `${prefix}-${service}-endpoint`,
                    {
                        vpcId: args.vpcId,
                        serviceName: serviceName(service),
                        vpcEndpointType: "Interface",
                        privateDnsEnabled: true,
                        subnetIds: args.privateSubnetIds,
                        securityGroupIds: [this.securityGroup.id],
                        policy: policyOf((c) => interfaceEndpointPolicy(service, c)),
                        tags: { Name: `${prefix}-${service}-endpoint` },
                    },
                    child,
                ),
            ]),
        ) as Record<InterfaceEndpointService, aws.ec2.VpcEndpoint>;

        this.endpointIds = pulumi.output([this.s3Gateway.id, ...services.map((s) => this.interfaceEndpoints[s].id)]);
        this.registerOutputs({ endpointIds: this.endpointIds, securityGroupId: this.securityGroup.id });
    }
}
