import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TapConfig } from "./config";
import { namePrefix, stackTags } from "./naming";
import { VpcNetwork } from "./network/vpc-network";

export interface TapStackArgs {
    /** The validated stack configuration (see `parseTapConfig`). */
    readonly config: TapConfig;
}

/** The values exported as stack outputs; integration tests read them from `pulumi stack output`. */
export interface TapStackOutputs {
    readonly region: string;
    readonly environmentSuffix: string;
    readonly vpcId: pulumi.Output<string>;
    readonly publicSubnetIds: pulumi.Output<string[]>;
    readonly privateSubnetIds: pulumi.Output<string[]>;
    readonly natGatewayIds: pulumi.Output<string[]>;
    readonly flowLogId: pulumi.Output<string>;
}

/** The whole environment of one stage: composes the child components, creates nothing itself but the provider. */
export class TapStack extends pulumi.ComponentResource {
    public readonly provider: aws.Provider;
    public readonly network: VpcNetwork;
    public readonly outputs: TapStackOutputs;

    constructor(name: string, args: TapStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:index:TapStack", name, {}, opts);
        const c = args.config;
        const prefix = namePrefix(c.environmentSuffix, c.region);

        // Explicit provider per region: a second region is another provider with the same tags.
        this.provider = new aws.Provider(`aws-${c.region}`, {
            region: c.region as aws.Region,
            defaultTags: { tags: { ...stackTags(c.environmentSuffix, c.owner) } },
        }, { parent: this });

        this.network = new VpcNetwork(`${prefix}-network`, {
            namePrefix: prefix,
            cidrBlock: c.vpcCidr,
            azCount: c.azCount,
            natGatewayStrategy: c.natGatewayStrategy,
            flowLogRetentionDays: c.logRetentionDays,
            provider: this.provider,
        }, { parent: this });

        this.outputs = {
            region: c.region,
            environmentSuffix: c.environmentSuffix,
            vpcId: this.network.vpcId,
            publicSubnetIds: this.network.publicSubnetIds,
            privateSubnetIds: this.network.privateSubnetIds,
            natGatewayIds: this.network.natGatewayIds,
            flowLogId: this.network.flowLog.id,
        };
        this.registerOutputs({ ...this.outputs });
    }
}
