/**
 * Plans one component alone on the mock runtime: what a component's spec asserts on, instead of a
 * whole stack. The component is built by a function, as a Pulumi program would build it, and gets
 * stand-ins for what it receives from the rest of the program (a region's provider, the KMS key's
 * ARN, subnet ids, the global roles...): plain values where the component takes an `Input`, small
 * stand-in resources where it takes a resource. The result has the shape of a whole-stack plan
 * (`Plan`, the same queries apply: test/plan-queries.ts); the stand-in resources are children of
 * one component of type `tap:mocks:StandIns`, so `ownResources` leaves them out.
 *
 *     const plan = await planComponent((s) => new Compute("tap-dev-use1-compute", { ...s.common, kmsKeyArn: s.kmsKeyArn, ... }));
 *
 * Only Pulumi's public mock API (`pulumi.runtime.setMocks`, through `runOnMocks`): the component's
 * resources are registered, and the mutants' transform (TAP_MUTANT) applies, exactly as in a whole stack.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { defaultSettings, KeyDeclarations, Profile, SettingsGroup, ValuesOf } from "../../lib/config/declare";
import { namePrefix as stackNamePrefix } from "../../lib/naming";
import { SecureBucket } from "../../lib/security/secure-bucket";
import { Plan, PlannedResource, runOnMocks } from "./harness";
import { MOCK_ACCOUNT_ID, TapMocks } from "./mocks";

/** The type of the component that holds the stand-in resources. */
export const STAND_INS_TYPE = "tap:mocks:StandIns";

/** What a component receives from the rest of the program, stood in. */
export class StandIns {
    /** The region's AWS provider (RegionalStack hands each component its region's). */
    readonly provider: aws.Provider;
    /** The name prefix and provider every component takes (`common` in lib/regional-stack.ts). */
    readonly common: { readonly namePrefix: string; readonly provider: aws.Provider };
    /** The mock account (tooling/mock-runtime/mocks.ts), as `aws.getCallerIdentity` answers. */
    readonly accountId = MOCK_ACCOUNT_ID;
    /** The region's KMS key ARN (SecurityBaseline's key, stood in by its ARN). */
    readonly kmsKeyArn: string;
    /** The VPC, its CIDR and two private and two public subnets (VpcNetwork's, stood in by their ids). */
    readonly vpcId = "vpc-0standin0000000";
    readonly vpcCidr = "10.0.0.0/16";
    readonly privateSubnetIds = ["subnet-0standinprivate1", "subnet-0standinprivate2"];
    readonly publicSubnetIds = ["subnet-0standinpublic01", "subnet-0standinpublic02"];
    readonly privateRouteTableIds = ["rtb-0standinprivate1", "rtb-0standinprivate2"];
    /** The EC2 Auto Scaling service-linked role's ARN (GlobalBaseline's). */
    readonly autoScalingServiceRoleArn: string;
    private holder?: pulumi.ComponentResource;

    constructor(
        readonly region: string,
        readonly namePrefix: string,
        private readonly stack: string,
        readonly profile: Profile,
    ) {
        this.provider = new aws.Provider(`aws-${region}`, { region: region as aws.Region });
        this.common = { namePrefix, provider: this.provider };
        this.kmsKeyArn = `arn:aws:kms:${region}:${MOCK_ACCOUNT_ID}:key/00000000-0000-4000-8000-00000000beef`;
        this.autoScalingServiceRoleArn = `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_${namePrefix}`;
    }

    /**
     * A component's settings group at the defaults of this stack's profile (what a stack file that
     * sets none of its keys gives it), `overrides` on top: the settings RegionalStack passes it whole.
     */
    settings<K extends KeyDeclarations>(group: SettingsGroup<K>, overrides: Partial<ValuesOf<K>> = {}): ValuesOf<K> {
        const defaults = defaultSettings(group, {
            stackName: this.stack,
            profile: this.profile,
            region: this.region,
            environmentSuffix: this.stack,
        });
        return { ...defaults, ...overrides };
    }

    /** The component the stand-in resources are children of (created on first use). */
    private get parent(): pulumi.ComponentResource {
        this.holder ??= new pulumi.ComponentResource(STAND_INS_TYPE, "stand-ins", {}, { provider: this.provider });
        return this.holder;
    }

    /**
     * A stand-in of any kind (a SecureBucket for the stack's access-log bucket, say): `build` makes it
     * with the options given, which make it a stand-in (a child of `tap:mocks:StandIns`, whose
     * children inherit the region's provider).
     */
    standIn<T>(build: (opts: { parent: pulumi.Resource }) => T): T {
        return build({ parent: this.parent });
    }

    /** A stand-in of SecurityBaseline's access-log bucket (`<prefix>-access-logs`), which the tiers' buckets log into. */
    accessLogsBucket(): SecureBucket {
        const name = `${this.namePrefix}-access-logs`;
        return this.standIn(
            (opts) =>
                new SecureBucket(
                    name,
                    {
                        bucketName: `${name}-${MOCK_ACCOUNT_ID}`,
                        acceptsAccessLogsFrom: { accountId: MOCK_ACCOUNT_ID, bucketArnLike: `arn:aws:s3:::${this.namePrefix}-*` },
                        provider: this.provider,
                    },
                    opts,
                ),
        );
    }

    /** A stand-in IAM role that `service` may assume (GlobalBaseline's roles: the instances', the flow logs'...). */
    role(name: string, service = "ec2.amazonaws.com"): aws.iam.Role {
        return new aws.iam.Role(
            name,
            {
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
                }),
            },
            { parent: this.parent, provider: this.provider },
        );
    }

    /** A stand-in instance profile of `role`. */
    instanceProfile(name: string, role: aws.iam.Role): aws.iam.InstanceProfile {
        return new aws.iam.InstanceProfile(name, { role: role.name }, { parent: this.parent, provider: this.provider });
    }

    /** A stand-in bucket (SecurityBaseline's access-logs bucket, say): only its name and ARN are read. */
    bucket(name: string): aws.s3.Bucket {
        return new aws.s3.Bucket(name, { bucket: name }, { parent: this.parent, provider: this.provider });
    }

    /** A stand-in SNS topic (Monitoring's alert topic, say). */
    topic(name: string): aws.sns.Topic {
        return new aws.sns.Topic(name, { name }, { parent: this.parent, provider: this.provider });
    }
}

export interface ComponentPlanOptions {
    /** The region of the stand-in provider. @default "us-east-1" */
    readonly region?: string;
    /** The stack the component is planned in (its URNs name it). @default "dev" */
    readonly stack?: string;
    /** The name prefix of the stand-ins (lib/naming's `namePrefix(stack, region)`: `tap-dev-use1`). */
    readonly namePrefix?: string;
    /** The profile whose defaults `settings` starts from. @default tap:profile's: "prod" for a stack named `prod` or `prod-*`, else "dev" */
    readonly profile?: Profile;
    /** Raw Pulumi config, for a component that reads any (none of tap's do: the stack passes settings). */
    readonly config?: Readonly<Record<string, string>>;
    /** A mock world to watch (`mocks.registrations`), or to preview in. */
    readonly mocks?: TapMocks;
}

/**
 * Runs `build` alone on the mocks, with the stand-ins for what it receives, and returns the plan: the
 * component's resources, the stand-ins (children of `tap:mocks:StandIns`) and, as outputs, what
 * `build` returns when that is a plain object of Outputs (a component instance is not reported).
 */
export function planComponent(build: (standIns: StandIns) => unknown, options: ComponentPlanOptions = {}): Promise<Plan> {
    const region = options.region ?? "us-east-1";
    const stack = options.stack ?? "dev";
    const namePrefix = options.namePrefix ?? stackNamePrefix(stack, region);
    return runOnMocks(
        () => {
            const built = build(new StandIns(region, namePrefix, stack, options.profile ?? (/^prod(-|$)/.test(stack) ? "prod" : "dev")));
            return pulumi.Resource.isInstance(built) ? {} : built;
        },
        { stack, config: { "aws:region": region, ...options.config }, defaultRegion: region, mocks: options.mocks },
    );
}

/** The resources of a component plan without the stand-ins (nor their provider's component). */
export function ownResources(plan: Plan): PlannedResource[] {
    const standIns = new Set(plan.resources.filter((r) => r.type === STAND_INS_TYPE).map((r) => r.urn));
    return plan.resources.filter((r) => r.type !== STAND_INS_TYPE && !(r.parent && standIns.has(r.parent)));
}
