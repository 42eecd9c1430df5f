import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { writeLogGroupStatement } from "../monitoring/log-group-grant";
import { HealthEndpoint, renderUserData, UserDataOptions } from "./user-data";
import { ComputeMode } from "./vocabulary";
import { ComputeSettings } from "./settings";

/**
 * The AMI, resolved by EC2 at each launch (`resolve:ssm:`), not by Pulumi: a new AL2023 release
 * changes neither the launch template nor the plan. New instances (scale-out, replacement, the
 * patch window's weekly instance refresh, `maxInstanceLifetime` on an unprotected group) boot the
 * newest AMI; running ones keep theirs and take security updates through dnf-automatic. On 17 Aug 2026
 * "kernel-default" moves from kernel 6.1 to 6.18: use `al2023-ami-kernel-6.1-x86_64` to stay on 6.1.
 */
export const AL2023_AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

/** An unprotected group's instances are replaced after 30 days at the latest. */
export const MAX_INSTANCE_LIFETIME_SECONDS = 30 * 24 * 3600;

/** AL2023's root device. */
const ROOT_DEVICE = "/dev/xvda";

/** Egress of the app instances, and why each port is open. Nothing else leaves (no `-1` rule). */
export interface EgressRule {
    readonly description: string;
    readonly ipProtocol: "tcp" | "udp";
    readonly port: number;
    readonly cidrIpv4: string;
}

export function appEgressRules(vpcCidr: string): EgressRule[] {
    return [
        {
            description: "HTTPS: SSM, CloudWatch, KMS endpoints and the AL2023 repositories",
            ipProtocol: "tcp",
            port: 443,
            cidrIpv4: "0.0.0.0/0",
        },
        { description: "HTTP: package mirrors that redirect to HTTPS", ipProtocol: "tcp", port: 80, cidrIpv4: "0.0.0.0/0" },
        // Security groups never filter the VPC resolver (base + 2) or link-local Time Sync: these two
        // rules document the need and keep DNS and NTP from reaching servers outside the VPC.
        { description: "DNS to the VPC resolver (UDP)", ipProtocol: "udp", port: 53, cidrIpv4: vpcCidr },
        { description: "DNS to the VPC resolver (TCP, large answers)", ipProtocol: "tcp", port: 53, cidrIpv4: vpcCidr },
        { description: "NTP to the Amazon Time Sync Service", ipProtocol: "udp", port: 123, cidrIpv4: "169.254.169.123/32" },
    ];
}

export interface ComputeArgs {
    /** Prefix of every name, e.g. `tap-dev-use1`. */
    readonly namePrefix: string;
    /** Its settings (tap: keys of the same names), whole: the stack passes its settings group. */
    readonly settings: ComputeSettings;
    /** The VPC the instances run in, and its CIDR (the DNS egress destination). */
    readonly vpcId: pulumi.Input<string>;
    readonly vpcCidr: string;
    /** Private subnets, one per AZ: the Auto Scaling group spreads over them; a single instance runs in the first. */
    readonly privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The stack's KMS key: encrypts the root volumes and the app log group. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** The EC2 Auto Scaling service-linked role allowed to use `kmsKeyArn` (SecurityBaseline); unused with mode "instance". */
    readonly autoScalingServiceRoleArn: pulumi.Input<string>;
    /** The instances' role (GlobalBaseline: IAM is global); Compute grants it this region's log group and metrics. */
    readonly instanceRole: aws.iam.Role;
    /** The instance profile of `instanceRole`. */
    readonly instanceProfile: aws.iam.InstanceProfile;
    /** Serve this health endpoint; in mode "asg", the load balancer's health checks replace instances (healthCheckType ELB). @default none: EC2 status checks */
    readonly healthEndpoint?: HealthEndpoint;
    /** Who installs updates after boot: a dnf-automatic timer, or Patch Manager's window (PatchManagement). @default "dnf-automatic" */
    readonly updates?: UserDataOptions["updates"];
    /** Tags of the launched instances, volumes and interfaces (provider defaultTags do not reach them). */
    readonly instanceTags: Readonly<Record<string, string>>;
    /** The provider of the region the instances run in. */
    readonly provider: aws.Provider;
}

/**
 * The app tier: an Auto Scaling group of hardened AL2023 instances in the private subnets (or,
 * with mode "instance", one instance in the first of them), reachable only through SSM Session
 * Manager (no key pair, no inbound rule, no public IP), with a least-privilege instance role and
 * a KMS-encrypted log group for their logs. Every instance setting lives in the launch template.
 */
export class Compute extends pulumi.ComponentResource {
    public readonly appLogGroup: aws.cloudwatch.LogGroup;
    public readonly instanceRole: aws.iam.Role;
    public readonly instanceProfile: aws.iam.InstanceProfile;
    /** The app instances' group: other tiers add ingress to it by security-group reference. */
    public readonly appSecurityGroup: aws.ec2.SecurityGroup;
    public readonly launchTemplate: aws.ec2.LaunchTemplate;
    /** Mode "asg" only. */
    public readonly autoScalingGroup?: aws.autoscaling.Group;
    /** Mode "instance" only: the single instance, launched from `launchTemplate`. */
    public readonly instance?: aws.ec2.Instance;
    /** The CloudWatch namespace the instances publish metrics to (and may only publish to). */
    public readonly metricsNamespace: string;

    constructor(name: string, args: ComputeArgs, opts?: pulumi.ComponentResourceOptions) {
        const rootVolumeSizeGiB = args.settings.rootVolumeSizeGiB;
        const mode = args.settings.computeMode;
        validate(name, args, rootVolumeSizeGiB, mode);
        super("tap:compute:Compute", name, {}, { ...opts, providers: { aws: args.provider } });
        const prefix = args.namePrefix;
        this.metricsNamespace = `tap/${prefix}`;
        const phase: Phase = {
            args,
            prefix,
            mode,
            rootVolumeSizeGiB,
            child: { parent: this, provider: args.provider },
            logGroupName: `/tap/${prefix}/app`,
        };
        this.instanceRole = args.instanceRole;
        this.instanceProfile = args.instanceProfile;
        // The phases: where the instances log, what they may write, what they may reach, how they
        // launch, then what runs them (one instance, or an Auto Scaling group).
        this.appLogGroup = this.createAppLogGroup(phase);
        this.grantLogsAndMetrics(phase);
        this.appSecurityGroup = this.createAppSecurityGroup(phase);
        this.launchTemplate = this.createLaunchTemplate(phase);
        // The template's version, by number: a template change (user data, instance type, volume size)
        // rolls the group onto it, or replaces the single instance.
        const templateVersion = { id: this.launchTemplate.id, version: this.launchTemplate.latestVersion.apply((v) => String(v)) };
        this.instance = mode === "instance" ? this.createInstance(phase, templateVersion) : undefined;
        this.autoScalingGroup = mode === "asg" ? this.createAutoScalingGroup(phase, templateVersion) : undefined;

        this.registerOutputs({
            autoScalingGroupName: this.autoScalingGroup?.name,
            instanceId: this.instance?.id,
            instanceRoleArn: this.instanceRole.arn,
            appSecurityGroupId: this.appSecurityGroup.id,
            appLogGroupName: this.appLogGroup.name,
        });
    }

    /** The app log group, encrypted with the stack key. */
    private createAppLogGroup({ args, prefix, child, logGroupName }: Phase): aws.cloudwatch.LogGroup {
        return new aws.cloudwatch.LogGroup(
            `${prefix}-app-logs`,
            {
                name: logGroupName,
                retentionInDays: args.settings.logRetentionDays,
                kmsKeyId: args.kmsKeyArn,
            },
            child,
        );
    }

    /** This region's grant to the (global) instance role: its own log group and metric namespace. */
    private grantLogsAndMetrics({ prefix, child }: Phase): aws.iam.RolePolicy {
        return new aws.iam.RolePolicy(
            `${prefix}-app-logs-metrics`,
            {
                role: this.instanceRole.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        writeLogGroupStatement("WriteOwnLogGroup", this.appLogGroup),
                        {
                            // PutMetricData has no resource type, so "*" it must be; the namespace condition scopes it.
                            Sid: "PutMetricsInOwnNamespace",
                            Effect: "Allow",
                            Action: "cloudwatch:PutMetricData",
                            Resource: "*",
                            Condition: { StringEquals: { "cloudwatch:namespace": this.metricsNamespace } },
                        },
                    ],
                }),
            },
            child,
        );
    }

    /** The app group: no inbound rule, egress by `appEgressRules` only. */
    private createAppSecurityGroup({ args, prefix, child }: Phase): aws.ec2.SecurityGroup {
        // Rules are separate resources, so other tiers can add ingress by SG reference (ALB → app)
        // without fighting inline rules. Creating the group drops AWS's default allow-all egress.
        const group = new aws.ec2.SecurityGroup(
            `${prefix}-app-sg`,
            {
                vpcId: args.vpcId,
                description: `${prefix} app instances: no inbound (SSM only), scoped outbound`,
                tags: { Name: `${prefix}-app-sg` },
            },
            child,
        );
        for (const rule of appEgressRules(args.vpcCidr)) {
            new aws.vpc.SecurityGroupEgressRule(
                `${prefix}-app-egress-${rule.ipProtocol}-${rule.port}`,
                {
                    securityGroupId: group.id,
                    description: rule.description,
                    ipProtocol: rule.ipProtocol,
                    fromPort: rule.port,
                    toPort: rule.port,
                    cidrIpv4: rule.cidrIpv4,
                },
                child,
            );
        }
        return group;
    }

    /** Every instance setting: AMI, IMDSv2, network interface, encrypted root volume, user data, tags. */
    private createLaunchTemplate({ args, prefix, child, mode, rootVolumeSizeGiB, logGroupName }: Phase): aws.ec2.LaunchTemplate {
        const tagged = (resourceType: string) => ({ resourceType, tags: { ...args.instanceTags, Name: `${prefix}-app` } });
        return new aws.ec2.LaunchTemplate(
            `${prefix}-app-lt`,
            {
                name: `${prefix}-app`,
                description: `${prefix} app instances: AL2023, IMDSv2, encrypted gp3, SSM only`,
                imageId: `resolve:ssm:${AL2023_AMI_PARAMETER}`,
                instanceType: args.settings.instanceType,
                iamInstanceProfile: { arn: this.instanceProfile.arn },
                // CIS 5.6 / EC2.8: IMDSv2 only, not reachable from containers (hop limit 1), tags readable.
                metadataOptions: {
                    httpEndpoint: "enabled",
                    httpTokens: "required",
                    httpPutResponseHopLimit: 1,
                    instanceMetadataTags: "enabled",
                },
                monitoring: { enabled: true }, // detailed (1-minute) monitoring
                networkInterfaces: [
                    {
                        deviceIndex: 0,
                        // A single instance takes its subnet from here: RunInstances refuses an instance-level
                        // subnet next to a template's network interface (InvalidParameterCombination). An Auto
                        // Scaling group places instances in its own subnets, so its template names none.
                        subnetId: mode === "instance" ? pulumi.output(args.privateSubnetIds).apply((ids) => ids[0]) : undefined,
                        associatePublicIpAddress: "false", // EC2.9: private subnets, reached through SSM
                        securityGroups: [this.appSecurityGroup.id],
                        deleteOnTermination: "true",
                    },
                ],
                blockDeviceMappings: [
                    {
                        deviceName: ROOT_DEVICE,
                        ebs: {
                            volumeType: "gp3",
                            volumeSize: rootVolumeSizeGiB,
                            encrypted: "true", // EC2.3 / CIS 2.2.1
                            kmsKeyId: args.kmsKeyArn,
                            deleteOnTermination: "true",
                        },
                    },
                ],
                userData: Buffer.from(
                    renderUserData({
                        logGroupName,
                        metricsNamespace: this.metricsNamespace,
                        healthEndpoint: args.healthEndpoint,
                        updates: args.updates,
                    }),
                ).toString("base64"),
                tagSpecifications: [tagged("instance"), tagged("volume"), tagged("network-interface")],
                updateDefaultVersion: true,
                tags: { Name: `${prefix}-app-lt` },
            },
            child,
        );
    }

    /** Mode "instance": one instance, everything from the template but what the provider would override. */
    private createInstance({ args, prefix, child }: Phase, templateVersion: TemplateVersion): aws.ec2.Instance {
        // Everything about the single instance comes from the template; only what the provider would
        // otherwise override, or drift on, is set on it. No `ami`: EC2 resolves the template's
        // `resolve:ssm:` parameter at launch and the provider only reads the result back (computed,
        // never an input), so a new AL2023 release changes nothing Pulumi compares and plans no
        // replacement (an `ignoreChanges: ["ami"]` on an input never set would be a no-op). A new
        // template version does replace the instance (the provider forces it for a numbered version):
        // the new one launches before the old one terminates, Pulumi's default replacement order.
        return new aws.ec2.Instance(
            `${prefix}-app-instance`,
            {
                launchTemplate: templateVersion,
                // The provider always sends Monitoring (false when unset), which overrides the template's.
                monitoring: true,
                // Tags are not computed: unset, the provider would strip the Name the template gives.
                tags: { ...args.instanceTags, Name: `${prefix}-app` },
            },
            child,
        );
    }

    /** Mode "asg": the group over the private subnets, rolled onto each new template version. */
    private createAutoScalingGroup({ args, prefix, child }: Phase, templateVersion: TemplateVersion): aws.autoscaling.Group {
        // Launch before terminate, whatever the reason an instance is replaced (keeps a 1-instance dev group up).
        const keepCapacity = { minHealthyPercentage: 100, maxHealthyPercentage: 200 };
        const protectFromScaleIn = args.settings.protectFromScaleIn;
        return new aws.autoscaling.Group(
            `${prefix}-app-asg`,
            {
                name: `${prefix}-app`,
                vpcZoneIdentifiers: args.privateSubnetIds,
                minSize: args.settings.asgMinSize,
                maxSize: args.settings.asgMaxSize,
                desiredCapacity: args.settings.asgDesiredCapacity,
                serviceLinkedRoleArn: args.autoScalingServiceRoleArn,
                // A numbered version, not $Latest: a new template version (user data, instance type) starts
                // the instance refresh below, which rolls the group onto it.
                launchTemplate: templateVersion,
                // Protected instances would stall a refresh for an hour and fail it (AWS's default "Wait"): replace them.
                instanceRefresh: {
                    strategy: "Rolling",
                    preferences: protectFromScaleIn ? { ...keepCapacity, scaleInProtectedInstances: "Refresh" } : keepCapacity,
                },
                instanceMaintenancePolicy: keepCapacity,
                // Instances older than 30 days are replaced, booting the newest AL2023 AMI; a backstop only (the
                // patch window's instance refresh replaces them weekly, PatchManagement). Not on a protected group:
                // maximum instance lifetime does not replace instances protected from scale in (Auto Scaling user
                // guide, "Replace Auto Scaling instances based on maximum instance lifetime"), so it would promise
                // a recycling that never happens.
                ...(!protectFromScaleIn && { maxInstanceLifetime: MAX_INSTANCE_LIFETIME_SECONDS }),
                healthCheckType: args.healthEndpoint ? "ELB" : "EC2",
                protectFromScaleIn,
                // Protected instances never scale in, so deleting the group must terminate them itself.
                forceDelete: protectFromScaleIn,
                // The bootstrap applies security updates before it starts serving: give it time before ELB checks count.
                healthCheckGracePeriod: args.healthEndpoint ? 900 : 300,
                metricsGranularity: "1Minute",
                enabledMetrics: [
                    "GroupDesiredCapacity",
                    "GroupInServiceInstances",
                    "GroupPendingInstances",
                    "GroupTerminatingInstances",
                    "GroupTotalInstances",
                ],
                tags: Object.entries({ ...args.instanceTags, Name: `${prefix}-app` }).map(([key, value]) => ({
                    key,
                    value,
                    propagateAtLaunch: false,
                })), // the template tags what it launches
            },
            child,
        );
    }
}

/** What every construction phase of a Compute reads. */
interface Phase {
    readonly args: ComputeArgs;
    readonly prefix: string;
    readonly child: pulumi.CustomResourceOptions;
    readonly mode: ComputeMode;
    readonly rootVolumeSizeGiB: number;
    readonly logGroupName: string;
}

/** A launch template by id and numbered version. */
type TemplateVersion = { readonly id: pulumi.Output<string>; readonly version: pulumi.Output<string> };

/** Impossible arguments fail here, naming the argument, before any resource is registered. */
function validate(name: string, args: ComputeArgs, rootVolumeSizeGiB: number, mode: ComputeMode): void {
    if (!(Number.isInteger(rootVolumeSizeGiB) && rootVolumeSizeGiB >= 8)) {
        throw new Error(
            `Compute ${name}: rootVolumeSizeGiB must be a whole number of at least 8 (the AL2023 snapshot), got ${rootVolumeSizeGiB}`,
        );
    }
    if (
        mode === "asg" &&
        !(args.settings.asgMinSize <= args.settings.asgDesiredCapacity && args.settings.asgDesiredCapacity <= args.settings.asgMaxSize)
    ) {
        throw new Error(
            `Compute ${name}: minSize (${args.settings.asgMinSize}) <= desiredCapacity (${args.settings.asgDesiredCapacity}) <= maxSize (${args.settings.asgMaxSize}) must hold`,
        );
    }
}
