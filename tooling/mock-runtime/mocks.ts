/**
 * The mock AWS world shared by the offline plan and the unit tests, so both see the same
 * computed attributes and the same answers to invokes. Everything here is deterministic: the
 * same program gives the same ids and ARNs on every run.
 */
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import { ELB_LOG_DELIVERY_ACCOUNTS } from "../../lib/web/alb-log-delivery";
import { MOCK_ACCOUNT_ID } from "./account";

export { MOCK_ACCOUNT_ID };
/** The AL2023 AMI the mocked SSM public parameter resolves to. */
export const MOCK_AL2023_AMI = "ami-0a1b2c3d4e5f67890";
/** Regional ELB log-delivery accounts: the answers of `aws.elb.getServiceAccount`, which fails elsewhere. */
export const ELB_SERVICE_ACCOUNTS: Readonly<Record<string, string>> = ELB_LOG_DELIVERY_ACCOUNTS;

/** What the mock monitor was asked to create, as the provider would have received it. */
export interface MockRegistration {
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    /** The provider reference (`urn::id`) the engine would use, after inheritance. */
    readonly provider?: string;
    readonly inputs: Record<string, unknown>;
    readonly id: string;
    readonly state: Record<string, unknown>;
    /**
     * The options a resource transform returned, where one did: the mock monitor receives the
     * options already serialized, so the harness applies these (`protect`) as the engine would.
     */
    readonly transformedOptions?: pulumi.ResourceOptions;
}

/** Physical id prefixes of the EC2 resources whose ids are checked by shape. */
const ID_PREFIXES: Readonly<Record<string, string>> = {
    "aws:ec2/vpc:Vpc": "vpc",
    "aws:ec2/subnet:Subnet": "subnet",
    "aws:ec2/internetGateway:InternetGateway": "igw",
    "aws:ec2/natGateway:NatGateway": "nat",
    "aws:ec2/eip:Eip": "eipalloc",
    "aws:ec2/routeTable:RouteTable": "rtb",
    "aws:ec2/securityGroup:SecurityGroup": "sg",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "sg",
    "aws:ec2/flowLog:FlowLog": "fl",
    "aws:ec2/launchTemplate:LaunchTemplate": "lt",
    "aws:ec2/instance:Instance": "i",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
};

const hash = (text: string, length = 17) => createHash("sha256").update(text).digest("hex").slice(0, length);

/** `aws:cloudwatch/logGroup:LogGroup` → module `cloudwatch`, type `LogGroup`. */
function splitToken(type: string): { module: string; kind: string } {
    const [, middle = "", kind = ""] = type.split(":");
    return { module: middle.split("/")[0], kind };
}

const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

export class TapMocks implements pulumi.runtime.Mocks {
    /** Every resource registration, in order. */
    readonly registrations: MockRegistration[] = [];
    /** Region of each AWS provider, by its logical name (unique in this program). */
    private readonly providerRegions = new Map<string, string>();

    /**
     * @param defaultRegion the region of invokes and resources without an explicit provider
     * @param preview answer as a `pulumi preview` does: inputs echoed back, ids and computed
     *   attributes unknown, so no `apply` on them runs
     */
    constructor(
        private readonly defaultRegion: string,
        readonly preview = false,
    ) {}

    /** The region of the provider a resource or invoke used (`urn::id`), else the default. */
    regionOf(providerRef: string | undefined): string {
        if (!providerRef) return this.defaultRegion;
        // `urn:pulumi:<stack>::<project>::<type chain>::<name>::<id>`: the provider's logical name.
        const name = providerRef.split("::").slice(-2)[0];
        return this.providerRegions.get(name) ?? this.defaultRegion;
    }

    /**
     * The stack's resource transforms (`pulumi.runtime.registerResourceTransform`), in order. The
     * mock monitor hands them here instead of running them ("implementations that want to exercise
     * them can record the transform here and call it from newResource": @pulumi/pulumi's `Mocks`):
     * each resource's inputs pass through its own `transforms` option, then these, before it is
     * registered, as the engine does. Only `props` are applied: the mock monitor has the options no more.
     */
    private readonly transforms: pulumi.ResourceTransform[] = [];

    registerTransform(transform: pulumi.ResourceTransform): void {
        this.transforms.push(transform);
    }

    newResource(
        args: pulumi.runtime.MockResourceArgs,
    ): { id: string; state: Record<string, unknown> } | Promise<{ id: string; state: Record<string, unknown> }> {
        const transforms = [...(args.transforms ?? []), ...this.transforms];
        if (transforms.length === 0) return this.register(args);
        return (async () => {
            let props = (args.inputs ?? {}) as Record<string, unknown>;
            let opts: pulumi.ResourceOptions | undefined;
            for (const transform of transforms) {
                const result = await transform({ custom: args.custom ?? true, type: args.type, name: args.name, props, opts: opts ?? {} });
                if (result) {
                    props = result.props as Record<string, unknown>;
                    if (Object.keys(result.opts ?? {}).length > 0) opts = result.opts;
                }
            }
            return this.register({ ...args, inputs: props }, opts);
        })();
    }

    private register(
        args: pulumi.runtime.MockResourceArgs,
        transformedOptions?: pulumi.ResourceOptions,
    ): { id: string; state: Record<string, unknown> } {
        const inputs = (args.inputs ?? {}) as Record<string, unknown>;
        if (args.type.startsWith("pulumi:providers:aws")) {
            this.providerRegions.set(args.name, String(inputs.region ?? this.defaultRegion));
        }
        // v7 resources may name their own region (`region` input), overriding the provider's.
        const region = typeof inputs.region === "string" ? inputs.region : this.regionOf(args.provider);
        const id = this.preview ? "" : args.id || this.idFor(args.type, args.name, inputs);
        const state = this.preview ? { ...inputs } : { ...inputs, ...this.computed(args.type, args.name, id, inputs, region) };
        this.registrations.push({
            type: args.type,
            name: args.name,
            custom: args.custom ?? true,
            provider: args.provider,
            inputs,
            id,
            state,
            ...(transformedOptions ? { transformedOptions } : {}),
        });
        return { id, state };
    }

    private idFor(type: string, name: string, inputs: Record<string, unknown>): string {
        const prefix = ID_PREFIXES[type];
        if (prefix) return `${prefix}-${hash(`${type}/${name}`)}`;
        if (type === "aws:s3/bucket:Bucket") return String(inputs.bucket ?? name);
        if (type === "aws:kms/key:Key")
            return `${hash(name, 8)}-${hash(`${name}/1`, 4)}-${hash(`${name}/2`, 4)}-${hash(`${name}/3`, 4)}-${hash(`${name}/4`, 12)}`;
        if (type === "aws:guardduty/detector:Detector") return hash(name, 32);
        if (type === "aws:ssm/patchBaseline:PatchBaseline") return `pb-${hash(name)}`;
        if (type === "aws:ssm/association:Association")
            return `${hash(name, 8)}-${hash(`${name}/1`, 4)}-${hash(`${name}/2`, 4)}-${hash(`${name}/3`, 4)}-${hash(`${name}/4`, 12)}`;
        if (type === "aws:ssm/maintenanceWindow:MaintenanceWindow") return `mw-${hash(name)}`;
        return String(inputs.name ?? name);
    }

    /** The attributes AWS computes, for the types whose shape matters to the program or a test. */
    private computed(type: string, name: string, id: string, inputs: Record<string, unknown>, region: string): Record<string, unknown> {
        const account = MOCK_ACCOUNT_ID;
        const physicalName = String(inputs.name ?? name);
        const { module, kind } = splitToken(type);
        switch (type) {
            case "aws:s3/bucket:Bucket": {
                const bucket = String(inputs.bucket ?? id);
                return {
                    bucket,
                    arn: `arn:aws:s3:::${bucket}`,
                    bucketDomainName: `${bucket}.s3.amazonaws.com`,
                    bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
                    region,
                };
            }
            case "aws:iam/role:Role":
            case "aws:iam/instanceProfile:InstanceProfile":
            case "aws:iam/policy:Policy":
                return {
                    name: physicalName,
                    arn: `arn:aws:iam::${account}:${kebab(kind)}/${physicalName}`,
                    uniqueId: `AROA${hash(name, 17).toUpperCase()}`,
                };
            // Access (issue 19): IAM ARNs name no region
            case "aws:iam/group:Group":
                return {
                    name: physicalName,
                    arn: `arn:aws:iam::${account}:group/${physicalName}`,
                    uniqueId: `AGPA${hash(name, 17).toUpperCase()}`,
                };
            case "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
                return { arn: `arn:aws:iam::${account}:oidc-provider/${String(inputs.url).replace(/^https:\/\//, "")}` };
            case "aws:iam/serviceLinkedRole:ServiceLinkedRole": {
                const service = String(inputs.awsServiceName);
                // The names IAM gives them (IAM user guide, "AWS services that work with IAM").
                const serviceRoleNames: Record<string, string> = {
                    "autoscaling.amazonaws.com": "AutoScaling",
                    "config.amazonaws.com": "Config",
                };
                const roleName = `AWSServiceRoleFor${serviceRoleNames[service] ?? kind}${inputs.customSuffix ? `_${String(inputs.customSuffix)}` : ""}`;
                return {
                    name: roleName,
                    path: `/aws-service-role/${service}/`,
                    arn: `arn:aws:iam::${account}:role/aws-service-role/${service}/${roleName}`,
                    uniqueId: `AROA${hash(name, 17).toUpperCase()}`,
                };
            }
            case "aws:ec2/launchTemplate:LaunchTemplate":
                return { arn: `arn:aws:ec2:${region}:${account}:launch-template/${id}`, latestVersion: 1, defaultVersion: 1 };
            case "aws:autoscaling/group:Group":
                return {
                    name: physicalName,
                    arn: `arn:aws:autoscaling:${region}:${account}:autoScalingGroup:${hash(name, 8)}-${hash(`${name}/1`, 4)}:autoScalingGroupName/${physicalName}`,
                };
            case "aws:cloudwatch/logGroup:LogGroup":
                return { name: physicalName, arn: `arn:aws:logs:${region}:${account}:log-group:${physicalName}` };
            case "aws:kms/key:Key":
                return { keyId: id, arn: `arn:aws:kms:${region}:${account}:key/${id}` };
            case "aws:kms/alias:Alias":
                return { arn: `arn:aws:kms:${region}:${account}:${physicalName}`, targetKeyArn: inputs.targetKeyId };
            case "aws:cloudwatch/eventRule:EventRule":
                return { name: physicalName, arn: `arn:aws:events:${region}:${account}:rule/${physicalName}` };
            case "aws:sns/topic:Topic":
                return { name: physicalName, arn: `arn:aws:sns:${region}:${account}:${physicalName}` };
            case "aws:sfn/stateMachine:StateMachine":
                return { name: physicalName, arn: `arn:aws:states:${region}:${account}:stateMachine:${physicalName}`, status: "ACTIVE" };
            case "aws:cloudtrail/trail:Trail":
                return { name: physicalName, arn: `arn:aws:cloudtrail:${region}:${account}:trail/${physicalName}`, homeRegion: region };
            case "aws:ec2/vpc:Vpc":
                return {
                    arn: `arn:aws:ec2:${region}:${account}:vpc/${id}`,
                    defaultNetworkAclId: `acl-${hash(`${name}/acl`)}`,
                    defaultSecurityGroupId: `sg-${hash(`${name}/default-sg`)}`,
                    mainRouteTableId: `rtb-${hash(`${name}/main`)}`,
                };
            case "aws:ec2/natGateway:NatGateway":
                return { publicIp: "203.0.113.10", privateIp: "10.0.0.10" };
            case "aws:ec2/eip:Eip":
                return { allocationId: id, publicIp: "203.0.113.10" };
            case "aws:lb/loadBalancer:LoadBalancer":
                return {
                    name: physicalName,
                    arn: `arn:aws:elasticloadbalancing:${region}:${account}:loadbalancer/app/${physicalName}/${hash(name, 16)}`,
                    dnsName: `${physicalName}-${hash(name, 8)}.${region}.elb.amazonaws.com`,
                    arnSuffix: `app/${physicalName}/${hash(name, 16)}`,
                    zoneId: "Z35SXDOTRQ7X7K",
                };
            case "aws:rds/instance:Instance":
                return {
                    arn: `arn:aws:rds:${region}:${account}:db:${physicalName}`,
                    endpoint: `${physicalName}.${hash(name, 12)}.${region}.rds.amazonaws.com:5432`,
                    address: `${physicalName}.${hash(name, 12)}.${region}.rds.amazonaws.com`,
                    masterUserSecrets: inputs.manageMasterUserPassword
                        ? [
                              {
                                  secretArn: `arn:aws:secretsmanager:${region}:${account}:secret:rds!db-${hash(name, 8)}`,
                                  secretStatus: "active",
                                  kmsKeyId: inputs.masterUserSecretKmsKeyId,
                              },
                          ]
                        : [],
                };
            case "aws:cloudwatch/logDeliverySource:LogDeliverySource":
                return { arn: `arn:aws:logs:${region}:${account}:delivery-source:${physicalName}` };
            case "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination":
                return { arn: `arn:aws:logs:${region}:${account}:delivery-destination:${physicalName}` };
            // Issue 14 (resilience): AWS Backup, target groups' ARN suffix, random suffixes.
            case "aws:backup/vault:Vault":
                return { name: physicalName, arn: `arn:aws:backup:${region}:${account}:backup-vault:${physicalName}`, recoveryPoints: 0 };
            case "aws:backup/plan:Plan":
                return { arn: `arn:aws:backup:${region}:${account}:backup-plan:${id}`, version: hash(name, 16) };
            case "aws:lb/targetGroup:TargetGroup":
                return {
                    name: physicalName,
                    arn: `arn:aws:elasticloadbalancing:${region}:${account}:targetgroup/${physicalName}/${hash(name, 16)}`,
                    arnSuffix: `targetgroup/${physicalName}/${hash(name, 16)}`,
                };
            case "aws:acm/certificate:Certificate": {
                const domain = String(inputs.domainName);
                return {
                    arn: `arn:aws:acm:${region}:${account}:certificate/${hash(name, 8)}-${hash(`${name}/1`, 4)}-${hash(`${name}/2`, 4)}-${hash(`${name}/3`, 4)}-${hash(`${name}/4`, 12)}`,
                    status: "PENDING_VALIDATION",
                    domainValidationOptions: [
                        {
                            domainName: domain,
                            resourceRecordName: `_${hash(domain, 32)}.${domain}.`,
                            resourceRecordType: "CNAME",
                            resourceRecordValue: `_${hash(`${domain}/v`, 32)}.acm-validations.aws.`,
                        },
                    ],
                };
            }
            case "aws:acm/certificateValidation:CertificateValidation":
                return { certificateArn: inputs.certificateArn };
            case "aws:route53/record:Record":
                return { fqdn: String(inputs.name).replace(/\.$/, "") };
            case "random:index/randomId:RandomId":
                return {
                    hex: hash(name, 2 * Number(inputs.byteLength ?? 4)),
                    b64Url: hash(name, 6),
                    b64Std: hash(name, 6),
                    dec: String(parseInt(hash(name, 8), 16)),
                };
            case "aws:cloudfront/distribution:Distribution":
                return { arn: `arn:aws:cloudfront::${account}:distribution/${id}`, domainName: `d${hash(name, 12)}.cloudfront.net` };
            case "aws:sns/topicPolicy:TopicPolicy":
            case "aws:cloudwatch/eventTarget:EventTarget":
                // Its `arn` is an input (the topic's; the target's), as AWS reports it: not an ARN of its own.
                return {};
            // Private management plane (issue 12)
            case "aws:ssm/association:Association":
                return { associationId: id, arn: `arn:aws:ssm:${region}:${account}:association/${id}` };
            case "aws:ssm/patchBaseline:PatchBaseline":
                return { arn: `arn:aws:ssm:${region}:${account}:patchbaseline/pb-${hash(name)}` };
            case "aws:ssm/maintenanceWindow:MaintenanceWindow":
                return { enabled: true };
            default:
                return {
                    arn: `arn:aws:${module}:${region}:${account}:${kebab(kind)}/${id}`,
                    ...(inputs.name === undefined && !type.startsWith("pulumi:") ? { name: physicalName } : {}),
                };
        }
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        const region = this.regionOf(args.provider);
        const inputs = (args.inputs ?? {}) as Record<string, unknown>;
        switch (args.token) {
            case "aws:index/getAvailabilityZones:getAvailabilityZones": {
                const letters = ["a", "b", "c", "d", "e", "f"];
                return {
                    id: region,
                    names: letters.map((l) => `${region}${l}`),
                    zoneIds: letters.map((_, i) => `${region.replace(/-/g, "")}-az${i + 1}`),
                    state: "available",
                };
            }
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return {
                    id: MOCK_ACCOUNT_ID,
                    accountId: MOCK_ACCOUNT_ID,
                    arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/planner`,
                    userId: "AIDAPLANNER",
                };
            case "aws:index/getRegion:getRegion":
                return { id: region, region, name: region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
            case "aws:index/getPartition:getPartition":
                return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
            case "aws:ssm/getParameter:getParameter":
                return {
                    id: String(inputs.name),
                    name: inputs.name,
                    type: "String",
                    value: MOCK_AL2023_AMI,
                    insecureValue: MOCK_AL2023_AMI,
                    version: 1,
                    arn: `arn:aws:ssm:${region}::parameter${String(inputs.name)}`,
                };
            case "aws:ec2/getAmi:getAmi":
                return {
                    id: MOCK_AL2023_AMI,
                    imageId: MOCK_AL2023_AMI,
                    rootDeviceName: "/dev/xvda",
                    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volume_size: "8" } }],
                };
            case "aws:elb/getServiceAccount:getServiceAccount": {
                const account = ELB_SERVICE_ACCOUNTS[region];
                if (account === undefined) throw new Error(`aws.elb.getServiceAccount: unsupported AWS Region: ${region}`);
                return { id: account, arn: `arn:aws:iam::${account}:root` };
            }
            case "aws:guardduty/getDetector:getDetector":
                return {
                    id: hash(`existing-detector-${region}`, 32),
                    status: "ENABLED",
                    findingPublishingFrequency: "FIFTEEN_MINUTES",
                    serviceRoleArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
                };
            default:
                throw new Error(`TapMocks has no answer for the invoke ${args.token}: add one to tooling/mock-runtime/mocks.ts`);
        }
    }
}
