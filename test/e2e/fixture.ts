/**
 * Deploys, with AWS SDK v3 calls against moto, the environment a stack's plan describes: the
 * plan (the real program on the mock runtime) gives every name and setting (bucket names and
 * policies, launch template metadata options, trail, recorder, WAF rules, RDS settings), so the
 * fixture cannot drift from the program. It returns the outputs as `pulumi stack output --json`
 * would print them: the plan's outputs with each planned id replaced by the one moto assigned.
 *
 * Refuses to run unless every AWS endpoint is on loopback (`assertLoopbackEndpoint`).
 */
import type { VerifyClients } from "../../tooling/verify/clients";
import { ACMClient, RequestCertificateCommand } from "@aws-sdk/client-acm";
import { CreateBackupPlanCommand, CreateBackupVaultCommand, PutBackupVaultLockConfigurationCommand } from "@aws-sdk/client-backup";
import { CreateBudgetCommand } from "@aws-sdk/client-budgets";
import { CreateAutoScalingGroupCommand } from "@aws-sdk/client-auto-scaling";
import { CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand } from "@aws-sdk/client-cloudtrail";
import { CloudWatchLogsClient, CreateLogGroupCommand } from "@aws-sdk/client-cloudwatch-logs";
import {
    PutConfigRuleCommand,
    PutConfigurationRecorderCommand,
    PutDeliveryChannelCommand,
    StartConfigurationRecorderCommand,
} from "@aws-sdk/client-config-service";
import {
    AllocateAddressCommand,
    AssociateRouteTableCommand,
    AttachInternetGatewayCommand,
    AuthorizeSecurityGroupEgressCommand,
    AuthorizeSecurityGroupIngressCommand,
    CreateFlowLogsCommand,
    CreateInternetGatewayCommand,
    CreateLaunchTemplateCommand,
    CreateNatGatewayCommand,
    CreateRouteCommand,
    CreateRouteTableCommand,
    CreateSecurityGroupCommand,
    CreateSubnetCommand,
    CreateVpcCommand,
    CreateVpcEndpointCommand,
    DescribeSecurityGroupsCommand,
    IpPermission,
    RevokeSecurityGroupEgressCommand,
} from "@aws-sdk/client-ec2";
import {
    CreateListenerCommand,
    CreateLoadBalancerCommand,
    CreateTargetGroupCommand,
    ModifyLoadBalancerAttributesCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { CreateDetectorCommand, DetectorFeatureConfiguration, UpdateDetectorCommand } from "@aws-sdk/client-guardduty";
import {
    AttachGroupPolicyCommand,
    AttachRolePolicyCommand,
    CreateGroupCommand,
    CreateOpenIDConnectProviderCommand,
    CreatePolicyCommand,
    CreateRoleCommand,
    PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { CreateKeyCommand, EnableKeyRotationCommand } from "@aws-sdk/client-kms";
import { CreateDBInstanceCommand, CreateDBSubnetGroupCommand } from "@aws-sdk/client-rds";
import {
    CreateBucketCommand,
    PutBucketEncryptionCommand,
    PutBucketLoggingCommand,
    PutBucketOwnershipControlsCommand,
    PutBucketPolicyCommand,
    PutBucketVersioningCommand,
    PutObjectLockConfigurationCommand,
    PutPublicAccessBlockCommand,
} from "@aws-sdk/client-s3";
import { EnableSecurityHubCommand } from "@aws-sdk/client-securityhub";
import { CreateDocumentCommand } from "@aws-sdk/client-ssm";
import { AssociateWebACLCommand, CreateWebACLCommand, PutLoggingConfigurationCommand, Rule as WafRule } from "@aws-sdk/client-wafv2";
import { Plan, PlannedResource } from "../../tooling/mock-runtime/harness";
import { assertLoopbackEndpoint } from "./moto";

type Inputs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The clients the fixture writes with: the verifier's, plus CloudWatch Logs and ACM. */
export interface FixtureClients extends VerifyClients {
    readonly logs: CloudWatchLogsClient;
    readonly acm: ACMClient;
}

/** A deployed environment: its outputs (mutable: a repair may replace an id) and how planned ids map to real ones. */
export interface Environment {
    readonly stack: string;
    readonly outputs: Record<string, unknown>;
    /** Planned id or ARN → the one moto assigned. */
    readonly ids: ReadonlyMap<string, string>;
    readonly plan: Plan;
}

const ofType = (plan: Plan, type: string) => plan.resources.filter((r) => r.type === type);
const inputs = (r: PlannedResource) => r.inputs as Inputs;

/** Replaces every planned id inside `value` (strings, lists, objects, JSON text) with the real one. */
export function substitute<T>(value: T, ids: ReadonlyMap<string, string>): T {
    if (typeof value === "string") {
        let text: string = value;
        // Longest first: an ARN is replaced whole before the key id inside it.
        for (const [planned, real] of [...ids].sort((a, b) => b[0].length - a[0].length)) text = text.split(planned).join(real);
        return text as T;
    }
    if (Array.isArray(value)) return value.map((v) => substitute(v, ids)) as T;
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, ids)])) as T;
    return value;
}

/** Deploys the plan's environment into moto; returns its outputs. */
export async function deploy(plan: Plan, clients: FixtureClients): Promise<Environment> {
    assertLoopbackEndpoint(process.env);
    const ids = new Map<string, string>();
    const real = (planned: string) => ids.get(planned) ?? planned;
    const { ec2 } = clients;

    // KMS: the stack key (rotation on, as planned).
    for (const key of ofType(plan, "aws:kms/key:Key")) {
        // The planned key policy (in prod it denies kms:ScheduleKeyDeletion and kms:DisableKey).
        const { KeyMetadata } = await clients.kms.send(
            new CreateKeyCommand({
                Description: inputs(key).description,
                Policy: inputs(key).policy && substitute(inputs(key).policy as string, ids),
            }),
        );
        ids.set(key.state.arn as string, KeyMetadata!.Arn!);
        ids.set(key.id, KeyMetadata!.KeyId!);
        if (inputs(key).enableKeyRotation) await clients.kms.send(new EnableKeyRotationCommand({ KeyId: KeyMetadata!.KeyId }));
    }

    // Log groups (flow logs, the trail, WAF): moto marks a flow log's delivery FAILED without its group.
    for (const group of ofType(plan, "aws:cloudwatch/logGroup:LogGroup")) {
        await clients.logs.send(new CreateLogGroupCommand({ logGroupName: inputs(group).name }));
    }

    // Network: VPC, subnets, internet gateway, NAT gateways, route tables, the default security group emptied.
    const [vpc] = ofType(plan, "aws:ec2/vpc:Vpc");
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: inputs(vpc).cidrBlock }));
    ids.set(vpc.id, Vpc!.VpcId!);
    for (const subnet of ofType(plan, "aws:ec2/subnet:Subnet")) {
        const i = inputs(subnet);
        const { Subnet } = await ec2.send(
            new CreateSubnetCommand({ VpcId: real(i.vpcId), CidrBlock: i.cidrBlock, AvailabilityZone: i.availabilityZone }),
        );
        ids.set(subnet.id, Subnet!.SubnetId!);
    }
    for (const igw of ofType(plan, "aws:ec2/internetGateway:InternetGateway")) {
        const { InternetGateway } = await ec2.send(new CreateInternetGatewayCommand({}));
        await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: InternetGateway!.InternetGatewayId, VpcId: Vpc!.VpcId }));
        ids.set(igw.id, InternetGateway!.InternetGatewayId!);
    }
    for (const nat of ofType(plan, "aws:ec2/natGateway:NatGateway")) {
        const { AllocationId } = await ec2.send(new AllocateAddressCommand({ Domain: "vpc" }));
        const { NatGateway } = await ec2.send(new CreateNatGatewayCommand({ SubnetId: real(inputs(nat).subnetId), AllocationId }));
        ids.set(nat.id, NatGateway!.NatGatewayId!);
    }
    for (const table of ofType(plan, "aws:ec2/routeTable:RouteTable")) {
        const { RouteTable } = await ec2.send(new CreateRouteTableCommand({ VpcId: Vpc!.VpcId }));
        ids.set(table.id, RouteTable!.RouteTableId!);
    }
    for (const route of ofType(plan, "aws:ec2/route:Route")) {
        const i = inputs(route);
        await ec2.send(
            new CreateRouteCommand({
                RouteTableId: real(i.routeTableId),
                DestinationCidrBlock: i.destinationCidrBlock,
                ...(i.natGatewayId ? { NatGatewayId: real(i.natGatewayId) } : { GatewayId: real(i.gatewayId) }),
            }),
        );
    }
    for (const association of ofType(plan, "aws:ec2/routeTableAssociation:RouteTableAssociation")) {
        await ec2.send(
            new AssociateRouteTableCommand({
                RouteTableId: real(inputs(association).routeTableId),
                SubnetId: real(inputs(association).subnetId),
            }),
        );
    }
    const { SecurityGroups: [defaultGroup] = [] } = await ec2.send(
        new DescribeSecurityGroupsCommand({
            Filters: [
                { Name: "vpc-id", Values: [Vpc!.VpcId!] },
                { Name: "group-name", Values: ["default"] },
            ],
        }),
    );
    // CIS 5.4 / EC2.2: the DefaultSecurityGroup resource leaves the default group without rules.
    if (defaultGroup?.IpPermissionsEgress?.length) {
        await ec2.send(
            new RevokeSecurityGroupEgressCommand({ GroupId: defaultGroup.GroupId, IpPermissions: defaultGroup.IpPermissionsEgress }),
        );
    }
    if (defaultGroup?.IpPermissions?.length) {
        await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: defaultGroup.GroupId, IpPermissions: defaultGroup.IpPermissions }));
    }
    for (const flowLog of ofType(plan, "aws:ec2/flowLog:FlowLog")) {
        const i = inputs(flowLog);
        const { FlowLogIds } = await ec2.send(
            new CreateFlowLogsCommand({
                ResourceIds: [Vpc!.VpcId!],
                ResourceType: "VPC",
                TrafficType: i.trafficType,
                LogDestinationType: i.logDestinationType,
                DeliverLogsPermissionArn: i.iamRoleArn,
                // moto looks the group up by LogGroupName only (AWS takes either form).
                ...(i.logDestinationType === "cloud-watch-logs"
                    ? {
                          LogGroupName: String(i.logDestination)
                              .replace(/^.*:log-group:/, "")
                              .replace(/:\*$/, ""),
                      }
                    : { LogDestination: i.logDestination }),
            }),
        );
        ids.set(flowLog.id, FlowLogIds![0]);
    }

    // Security groups and their rules, as planned (the app group: no inbound but from the ALB, scoped egress).
    for (const group of ofType(plan, "aws:ec2/securityGroup:SecurityGroup")) {
        const { GroupId } = await ec2.send(
            new CreateSecurityGroupCommand({ GroupName: group.name, Description: inputs(group).description, VpcId: Vpc!.VpcId }),
        );
        ids.set(group.id, GroupId!);
        // A new group allows all egress until told otherwise; the planned groups have only their own egress rules.
        await ec2.send(
            new RevokeSecurityGroupEgressCommand({ GroupId, IpPermissions: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] }),
        );
    }
    const permission = (i: Inputs): IpPermission => ({
        IpProtocol: i.ipProtocol,
        FromPort: i.fromPort,
        ToPort: i.toPort,
        ...(i.cidrIpv4 ? { IpRanges: [{ CidrIp: i.cidrIpv4 }] } : { UserIdGroupPairs: [{ GroupId: real(i.referencedSecurityGroupId) }] }),
    });
    for (const rule of ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")) {
        await ec2.send(
            new AuthorizeSecurityGroupIngressCommand({
                GroupId: real(inputs(rule).securityGroupId),
                IpPermissions: [permission(inputs(rule))],
            }),
        );
    }
    for (const rule of ofType(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")) {
        await ec2.send(
            new AuthorizeSecurityGroupEgressCommand({
                GroupId: real(inputs(rule).securityGroupId),
                IpPermissions: [permission(inputs(rule))],
            }),
        );
    }

    // Compute: the launch template (its metadata options, network interfaces) and the Auto Scaling group.
    for (const template of ofType(plan, "aws:ec2/launchTemplate:LaunchTemplate")) {
        const i = inputs(template);
        const m = i.metadataOptions;
        const { LaunchTemplate } = await ec2.send(
            new CreateLaunchTemplateCommand({
                LaunchTemplateName: i.name,
                LaunchTemplateData: {
                    // The plan resolves the AMI from SSM at deploy time; moto launches from any id.
                    ImageId: "ami-12c6146b",
                    InstanceType: i.instanceType,
                    MetadataOptions: {
                        HttpEndpoint: m.httpEndpoint,
                        HttpTokens: m.httpTokens,
                        HttpPutResponseHopLimit: m.httpPutResponseHopLimit,
                        InstanceMetadataTags: m.instanceMetadataTags,
                    },
                    NetworkInterfaces: (i.networkInterfaces ?? []).map((n: Inputs) => ({
                        DeviceIndex: n.deviceIndex,
                        AssociatePublicIpAddress: String(n.associatePublicIpAddress) === "true",
                        DeleteOnTermination: true,
                        Groups: (n.securityGroups ?? []).map(real),
                    })),
                },
            }),
        );
        ids.set(template.id, LaunchTemplate!.LaunchTemplateId!);
    }
    for (const group of ofType(plan, "aws:autoscaling/group:Group")) {
        const i = inputs(group);
        await clients.autoScaling.send(
            new CreateAutoScalingGroupCommand({
                AutoScalingGroupName: i.name,
                MinSize: i.minSize,
                MaxSize: i.maxSize,
                DesiredCapacity: i.desiredCapacity,
                LaunchTemplate: { LaunchTemplateId: real(i.launchTemplate.id), Version: i.launchTemplate.version },
                VPCZoneIdentifier: (i.vpcZoneIdentifiers as string[]).map(real).join(","),
            }),
        );
    }

    // Buckets: the five SecureBucket settings, policies, then access logging (the target's policy must grant it).
    const s3 = clients.s3;
    // Object Lock can only be enabled when a bucket is created (the program's bucket says so with objectLockEnabled).
    const locked = new Set(
        ofType(plan, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").map((l) => inputs(l).bucket as string),
    );
    for (const bucket of ofType(plan, "aws:s3/bucket:Bucket"))
        await s3.send(
            new CreateBucketCommand({ Bucket: bucket.id, ...(locked.has(bucket.id) ? { ObjectLockEnabledForBucket: true } : {}) }),
        );
    for (const sse of ofType(plan, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")) {
        const i = inputs(sse);
        await s3.send(
            new PutBucketEncryptionCommand({
                Bucket: i.bucket,
                ServerSideEncryptionConfiguration: {
                    Rules: (i.rules as Inputs[]).map((r) => ({
                        ApplyServerSideEncryptionByDefault: {
                            SSEAlgorithm: r.applyServerSideEncryptionByDefault.sseAlgorithm,
                            KMSMasterKeyID:
                                r.applyServerSideEncryptionByDefault.kmsMasterKeyId &&
                                real(r.applyServerSideEncryptionByDefault.kmsMasterKeyId),
                        },
                        BucketKeyEnabled: r.bucketKeyEnabled,
                    })),
                },
            }),
        );
    }
    for (const block of ofType(plan, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")) {
        const i = inputs(block);
        await s3.send(
            new PutPublicAccessBlockCommand({
                Bucket: i.bucket,
                PublicAccessBlockConfiguration: {
                    BlockPublicAcls: i.blockPublicAcls,
                    IgnorePublicAcls: i.ignorePublicAcls,
                    BlockPublicPolicy: i.blockPublicPolicy,
                    RestrictPublicBuckets: i.restrictPublicBuckets,
                },
            }),
        );
    }
    for (const versioning of ofType(plan, "aws:s3/bucketVersioning:BucketVersioning")) {
        const i = inputs(versioning);
        await s3.send(
            new PutBucketVersioningCommand({ Bucket: i.bucket, VersioningConfiguration: { Status: i.versioningConfiguration.status } }),
        );
    }
    // NIST AU-9: the trail bucket's default retention (needs versioning on, set above).
    for (const lock of ofType(plan, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration")) {
        const i = inputs(lock);
        await s3.send(
            new PutObjectLockConfigurationCommand({
                Bucket: i.bucket,
                ObjectLockConfiguration: {
                    ObjectLockEnabled: i.objectLockEnabled,
                    Rule: { DefaultRetention: { Mode: i.rule.defaultRetention.mode, Days: i.rule.defaultRetention.days } },
                },
            }),
        );
    }
    for (const ownership of ofType(plan, "aws:s3/bucketOwnershipControls:BucketOwnershipControls")) {
        const i = inputs(ownership);
        await s3.send(
            new PutBucketOwnershipControlsCommand({
                Bucket: i.bucket,
                OwnershipControls: { Rules: [{ ObjectOwnership: i.rule.objectOwnership }] },
            }),
        );
    }
    for (const policy of ofType(plan, "aws:s3/bucketPolicy:BucketPolicy")) {
        // Allow statements first: same meaning, and moto's logging check reads only the first
        // statements of the target bucket's policy for the log-delivery grant.
        const document = JSON.parse(substitute(inputs(policy).policy as string, ids)) as { Statement: { Effect: string }[] };
        document.Statement.sort((a, b) => Number(a.Effect !== "Allow") - Number(b.Effect !== "Allow"));
        await s3.send(new PutBucketPolicyCommand({ Bucket: inputs(policy).bucket, Policy: JSON.stringify(document) }));
    }
    for (const logging of ofType(plan, "aws:s3/bucketLogging:BucketLogging")) {
        const i = inputs(logging);
        await s3.send(
            new PutBucketLoggingCommand({
                Bucket: i.bucket,
                BucketLoggingStatus: { LoggingEnabled: { TargetBucket: i.targetBucket, TargetPrefix: i.targetPrefix } },
            }),
        );
    }

    // Audit: the trail (logging, validation, KMS, CloudWatch Logs, event selectors, regions as planned).
    for (const trail of ofType(plan, "aws:cloudtrail/trail:Trail")) {
        const i = inputs(trail);
        const { TrailARN } = await clients.cloudTrail.send(
            new CreateTrailCommand({
                Name: i.name,
                S3BucketName: i.s3BucketName,
                KmsKeyId: real(i.kmsKeyId),
                EnableLogFileValidation: i.enableLogFileValidation,
                IsMultiRegionTrail: i.isMultiRegionTrail,
                IncludeGlobalServiceEvents: i.includeGlobalServiceEvents,
                CloudWatchLogsLogGroupArn: i.cloudWatchLogsGroupArn,
                CloudWatchLogsRoleArn: i.cloudWatchLogsRoleArn,
            }),
        );
        ids.set(trail.state.arn as string, TrailARN!);
        await clients.cloudTrail.send(
            new PutEventSelectorsCommand({
                TrailName: i.name,
                EventSelectors: (i.eventSelectors as Inputs[]).map((s) => ({
                    IncludeManagementEvents: s.includeManagementEvents,
                    ReadWriteType: s.readWriteType,
                })),
            }),
        );
        // moto starts a trail by name only (by ARN it fails).
        if (i.enableLogging) await clients.cloudTrail.send(new StartLoggingCommand({ Name: i.name }));
    }
    for (const detector of ofType(plan, "aws:guardduty/detector:Detector")) {
        const i = inputs(detector);
        const { DetectorId } = await clients.guardDuty.send(
            new CreateDetectorCommand({ Enable: i.enable, FindingPublishingFrequency: i.findingPublishingFrequency }),
        );
        ids.set(detector.id, DetectorId!);
    }
    // Issue 13: GuardDuty's protection plans (one DetectorFeature each, as planned) and the Security Hub account.
    const features = ofType(plan, "aws:guardduty/detectorFeature:DetectorFeature").map((f) => inputs(f));
    for (const detectorId of new Set(features.map((f) => real(f.detectorId)))) {
        await clients.guardDuty.send(
            new UpdateDetectorCommand({
                DetectorId: detectorId,
                Features: features
                    .filter((f) => real(f.detectorId) === detectorId)
                    .map((f): DetectorFeatureConfiguration => ({
                        Name: f.name,
                        Status: f.status,
                        ...(f.additionalConfigurations
                            ? {
                                  AdditionalConfiguration: (f.additionalConfigurations as Inputs[]).map((a) => ({
                                      Name: a.name,
                                      Status: a.status,
                                  })),
                              }
                            : {}),
                    })),
            }),
        );
    }
    for (const hub of ofType(plan, "aws:securityhub/account:Account")) {
        const i = inputs(hub);
        await clients.securityHub.send(
            new EnableSecurityHubCommand({
                EnableDefaultStandards: i.enableDefaultStandards,
                ControlFindingGenerator: i.controlFindingGenerator,
            }),
        );
    }
    // Not deployed, as moto does not implement them (gaps.ts): Security Hub standards subscriptions,
    // control associations and the finding aggregator; the Access Analyzer analyzer; the Inspector
    // enabler; SSM associations and maintenance windows' effects (managed instances, patch states).
    for (const recorder of ofType(plan, "aws:cfg/recorder:Recorder")) {
        const i = inputs(recorder);
        await clients.config.send(
            new PutConfigurationRecorderCommand({
                ConfigurationRecorder: {
                    name: i.name,
                    roleARN: i.roleArn,
                    recordingGroup: {
                        allSupported: i.recordingGroup.allSupported,
                        includeGlobalResourceTypes: i.recordingGroup.includeGlobalResourceTypes,
                    },
                },
            }),
        );
    }
    for (const channel of ofType(plan, "aws:cfg/deliveryChannel:DeliveryChannel")) {
        const i = inputs(channel);
        await clients.config.send(
            new PutDeliveryChannelCommand({
                DeliveryChannel: { name: i.name, s3BucketName: i.s3BucketName, s3KmsKeyArn: real(i.s3KmsKeyArn) },
            }),
        );
    }
    for (const status of ofType(plan, "aws:cfg/recorderStatus:RecorderStatus")) {
        if (inputs(status).isEnabled)
            await clients.config.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: inputs(status).name }));
    }
    for (const rule of ofType(plan, "aws:cfg/rule:Rule")) {
        const i = inputs(rule);
        await clients.config.send(
            new PutConfigRuleCommand({
                ConfigRule: {
                    ConfigRuleName: i.name,
                    Source: { Owner: i.source.owner, SourceIdentifier: i.source.sourceIdentifier },
                    ...(i.inputParameters ? { InputParameters: i.inputParameters } : {}),
                },
            }),
        );
    }

    await deployManagement(plan, clients, ids);
    await deployWebTier(plan, clients, ids);
    await deployDataTier(plan, clients, ids);
    await deployBackup(plan, clients, ids);
    await deployIam(plan, clients, ids);

    const outputs = { ...substitute(plan.outputs, ids) };
    delete outputs.regions; // one region: the per-region map repeats the top level
    return { stack: plan.stack, outputs, ids, plan };
}

/** Issue 12 and 16: VPC endpoints, the Session Manager preferences document, the cost budget. */
async function deployManagement(plan: Plan, clients: FixtureClients, ids: Map<string, string>): Promise<void> {
    const real = (planned: string) => ids.get(planned) ?? planned;
    for (const endpoint of ofType(plan, "aws:ec2/vpcEndpoint:VpcEndpoint")) {
        const i = inputs(endpoint);
        const { VpcEndpoint } = await clients.ec2.send(
            new CreateVpcEndpointCommand({
                VpcId: real(i.vpcId),
                ServiceName: i.serviceName,
                VpcEndpointType: i.vpcEndpointType,
                PolicyDocument: i.policy,
                PrivateDnsEnabled: i.privateDnsEnabled,
                SubnetIds: (i.subnetIds ?? []).map(real),
                SecurityGroupIds: (i.securityGroupIds ?? []).map(real),
                RouteTableIds: (i.routeTableIds ?? []).map(real),
            }),
        );
        ids.set(endpoint.id, VpcEndpoint!.VpcEndpointId!);
    }
    for (const document of ofType(plan, "aws:ssm/document:Document")) {
        const i = inputs(document);
        await clients.ssm.send(
            new CreateDocumentCommand({
                Name: i.name,
                DocumentType: i.documentType,
                DocumentFormat: i.documentFormat ?? "JSON",
                Content: substitute(i.content as string, ids),
            }),
        );
    }
    for (const budget of ofType(plan, "aws:budgets/budget:Budget")) {
        const i = inputs(budget);
        // The account is the alert topic's (the check reads it from there); moto's default account is the plan's.
        await clients.budgets.send(
            new CreateBudgetCommand({
                AccountId: String((i.notifications as Inputs[])[0]?.subscriberSnsTopicArns?.[0] ?? "").split(":")[4] || "123456789012",
                Budget: {
                    BudgetName: i.name,
                    BudgetType: i.budgetType,
                    TimeUnit: i.timeUnit,
                    BudgetLimit: { Amount: i.limitAmount, Unit: i.limitUnit },
                },
                NotificationsWithSubscribers: (i.notifications as Inputs[]).map((n) => ({
                    Notification: {
                        NotificationType: n.notificationType,
                        ComparisonOperator: n.comparisonOperator,
                        Threshold: n.threshold,
                        ThresholdType: n.thresholdType,
                    },
                    Subscribers: (n.subscriberSnsTopicArns as string[]).map((address) => ({
                        SubscriptionType: "SNS" as const,
                        Address: address,
                    })),
                })),
            }),
        );
    }
    // The Auto Scaling group's failure notifications (aws:autoscaling/notification) are not deployed:
    // moto does not implement PutNotificationConfiguration (gaps.ts).
}

async function deployWebTier(plan: Plan, clients: FixtureClients, ids: Map<string, string>): Promise<void> {
    const real = (planned: string) => ids.get(planned) ?? planned;
    for (const lb of ofType(plan, "aws:lb/loadBalancer:LoadBalancer")) {
        const i = inputs(lb);
        const { LoadBalancers: [created] = [] } = await clients.elb.send(
            new CreateLoadBalancerCommand({
                Name: i.name,
                Type: i.loadBalancerType,
                Scheme: i.internal ? "internal" : "internet-facing",
                Subnets: (i.subnets as string[]).map(real),
                SecurityGroups: (i.securityGroups as string[]).map(real),
            }),
        );
        ids.set(lb.state.arn as string, created.LoadBalancerArn!);
        ids.set(lb.state.dnsName as string, created.DNSName!);
        await clients.elb.send(
            new ModifyLoadBalancerAttributesCommand({
                LoadBalancerArn: created.LoadBalancerArn,
                Attributes: [
                    { Key: "routing.http.drop_invalid_header_fields.enabled", Value: String(i.dropInvalidHeaderFields) },
                    { Key: "deletion_protection.enabled", Value: String(i.enableDeletionProtection) },
                    { Key: "access_logs.s3.enabled", Value: String(i.accessLogs.enabled) },
                    { Key: "access_logs.s3.bucket", Value: i.accessLogs.bucket },
                ],
            }),
        );
    }
    for (const group of ofType(plan, "aws:lb/targetGroup:TargetGroup")) {
        const i = inputs(group);
        const { TargetGroups: [created] = [] } = await clients.elb.send(
            new CreateTargetGroupCommand({
                Name: i.name,
                Port: i.port,
                Protocol: i.protocol,
                VpcId: real(i.vpcId),
                TargetType: i.targetType,
            }),
        );
        ids.set(group.state.arn as string, created.TargetGroupArn!);
    }
    for (const listener of ofType(plan, "aws:lb/listener:Listener")) {
        const i = inputs(listener);
        if (i.certificateArn && !ids.has(i.certificateArn)) {
            // The stack is given an ACM certificate (tap:certificateArn); moto checks the listener's exists.
            const { CertificateArn } = await clients.acm.send(new RequestCertificateCommand({ DomainName: "app.example.com" }));
            ids.set(i.certificateArn, CertificateArn!);
        }
        await clients.elb.send(
            new CreateListenerCommand({
                LoadBalancerArn: real(i.loadBalancerArn),
                Port: i.port,
                Protocol: i.protocol,
                ...(i.sslPolicy ? { SslPolicy: i.sslPolicy, Certificates: [{ CertificateArn: real(i.certificateArn) }] } : {}),
                DefaultActions: (i.defaultActions as Inputs[]).map((a) =>
                    a.type === "redirect"
                        ? {
                              Type: "redirect",
                              RedirectConfig: { Protocol: a.redirect.protocol, Port: a.redirect.port, StatusCode: a.redirect.statusCode },
                          }
                        : { Type: "forward", TargetGroupArn: real(a.targetGroupArn) },
                ),
            }),
        );
    }
    for (const acl of ofType(plan, "aws:wafv2/webAcl:WebAcl")) {
        const i = inputs(acl);
        const rules = (i.rules ?? []) as Inputs[];
        const { Summary } = await clients.wafv2.send(
            new CreateWebACLCommand({
                Name: i.name,
                Scope: i.scope,
                DefaultAction: { Allow: {} },
                VisibilityConfig: {
                    CloudWatchMetricsEnabled: i.visibilityConfig.cloudwatchMetricsEnabled,
                    MetricName: i.visibilityConfig.metricName,
                    SampledRequestsEnabled: i.visibilityConfig.sampledRequestsEnabled,
                },
                Rules: rules.map(wafRule),
            }),
        );
        ids.set(acl.state.arn as string, Summary!.ARN!);
    }
    for (const association of ofType(plan, "aws:wafv2/webAclAssociation:WebAclAssociation")) {
        await clients.wafv2.send(
            new AssociateWebACLCommand({
                WebACLArn: real(inputs(association).webAclArn),
                ResourceArn: real(inputs(association).resourceArn),
            }),
        );
    }
    for (const logging of ofType(plan, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration")) {
        const i = inputs(logging);
        await clients.wafv2.send(
            new PutLoggingConfigurationCommand({
                LoggingConfiguration: { ResourceArn: real(i.resourceArn), LogDestinationConfigs: i.logDestinationConfigs },
            }),
        );
    }
}

/** A planned WAF rule (Pulumi's camelCase shape, as `webAclRules` builds it) in the WAFv2 API's shape. */
export function wafRule(r: Inputs): WafRule {
    const s = r.statement;
    return {
        Name: r.name,
        Priority: r.priority,
        ...(r.action ? { Action: r.action.block ? { Block: {} } : r.action.count ? { Count: {} } : { Allow: {} } } : {}),
        ...(r.overrideAction ? { OverrideAction: r.overrideAction.count ? { Count: {} } : { None: {} } } : {}),
        Statement: s.rateBasedStatement
            ? {
                  RateBasedStatement: {
                      Limit: s.rateBasedStatement.limit,
                      AggregateKeyType: s.rateBasedStatement.aggregateKeyType,
                      EvaluationWindowSec: s.rateBasedStatement.evaluationWindowSec,
                  },
              }
            : { ManagedRuleGroupStatement: { VendorName: s.managedRuleGroupStatement.vendorName, Name: s.managedRuleGroupStatement.name } },
        VisibilityConfig: {
            CloudWatchMetricsEnabled: r.visibilityConfig.cloudwatchMetricsEnabled,
            MetricName: r.visibilityConfig.metricName,
            SampledRequestsEnabled: r.visibilityConfig.sampledRequestsEnabled,
        },
    };
}

async function deployDataTier(plan: Plan, clients: FixtureClients, ids: Map<string, string>): Promise<void> {
    const real = (planned: string) => ids.get(planned) ?? planned;
    for (const group of ofType(plan, "aws:rds/subnetGroup:SubnetGroup")) {
        const i = inputs(group);
        await clients.rds.send(
            new CreateDBSubnetGroupCommand({
                DBSubnetGroupName: i.name,
                DBSubnetGroupDescription: i.description ?? i.name,
                SubnetIds: (i.subnetIds as string[]).map(real),
            }),
        );
    }
    for (const db of ofType(plan, "aws:rds/instance:Instance")) {
        const i = inputs(db);
        const { DBInstance } = await clients.rds.send(
            new CreateDBInstanceCommand({
                DBInstanceIdentifier: i.identifier,
                DBInstanceClass: i.instanceClass,
                Engine: i.engine,
                EngineVersion: i.engineVersion,
                AllocatedStorage: i.allocatedStorage,
                DBName: i.dbName,
                DBSubnetGroupName: i.dbSubnetGroupName,
                MasterUsername: i.username ?? "tap",
                ManageMasterUserPassword: i.manageMasterUserPassword,
                MasterUserSecretKmsKeyId: i.masterUserSecretKmsKeyId && real(i.masterUserSecretKmsKeyId),
                StorageEncrypted: i.storageEncrypted,
                KmsKeyId: i.kmsKeyId && real(i.kmsKeyId),
                MultiAZ: i.multiAz,
                PubliclyAccessible: i.publiclyAccessible ?? false,
                BackupRetentionPeriod: i.backupRetentionPeriod,
                DeletionProtection: i.deletionProtection,
                AutoMinorVersionUpgrade: i.autoMinorVersionUpgrade,
                EnableCloudwatchLogsExports: i.enabledCloudwatchLogsExports,
                VpcSecurityGroupIds: (i.vpcSecurityGroupIds ?? []).map(real),
                // Enhanced monitoring and IAM authentication (issue 14), as planned; the role's ARN is the program's own name.
                MonitoringInterval: i.monitoringInterval,
                MonitoringRoleArn: i.monitoringRoleArn,
                EnableIAMDatabaseAuthentication: i.iamDatabaseAuthenticationEnabled,
            }),
        );
        const endpoint = db.state.endpoint as string | undefined;
        if (endpoint) ids.set(endpoint.replace(/:\d+$/, ""), DBInstance!.Endpoint?.Address ?? `${i.identifier}.moto`);
        if (db.state.masterUserSecrets) {
            const planned = (db.state.masterUserSecrets as Inputs[])[0]?.secretArn;
            if (planned && DBInstance?.MasterUserSecret?.SecretArn) ids.set(planned, DBInstance.MasterUserSecret.SecretArn);
        }
    }
}

/** Issue 14: the region's backup vault (stack key, lock as planned) and the backup plan. */
async function deployBackup(plan: Plan, clients: FixtureClients, ids: Map<string, string>): Promise<void> {
    const real = (planned: string) => ids.get(planned) ?? planned;
    for (const vault of ofType(plan, "aws:backup/vault:Vault")) {
        await clients.backup.send(
            new CreateBackupVaultCommand({ BackupVaultName: inputs(vault).name, EncryptionKeyArn: real(inputs(vault).kmsKeyArn) }),
        );
    }
    for (const lock of ofType(plan, "aws:backup/vaultLockConfiguration:VaultLockConfiguration")) {
        const i = inputs(lock);
        await clients.backup.send(
            new PutBackupVaultLockConfigurationCommand({
                BackupVaultName: i.backupVaultName,
                MinRetentionDays: i.minRetentionDays,
                MaxRetentionDays: i.maxRetentionDays,
                ChangeableForDays: i.changeableForDays,
            }),
        );
    }
    for (const backupPlan of ofType(plan, "aws:backup/plan:Plan")) {
        const i = inputs(backupPlan);
        const { BackupPlanId } = await clients.backup.send(
            new CreateBackupPlanCommand({
                BackupPlan: {
                    BackupPlanName: i.name,
                    Rules: (i.rules as Inputs[]).map((r) => ({
                        RuleName: r.ruleName,
                        TargetBackupVaultName: r.targetVaultName,
                        ScheduleExpression: r.schedule,
                        StartWindowMinutes: r.startWindow,
                        CompletionWindowMinutes: r.completionWindow,
                        Lifecycle: { DeleteAfterDays: r.lifecycle?.deleteAfter },
                        CopyActions: (r.copyActions ?? []).map((c: Inputs) => ({
                            DestinationBackupVaultArn: real(c.destinationVaultArn),
                            Lifecycle: { DeleteAfterDays: c.lifecycle?.deleteAfter },
                        })),
                    })),
                },
            }),
        );
        ids.set(backupPlan.id, BackupPlanId!);
    }
    // The plan's selection (aws:backup/selection) is not deployed: moto does not implement
    // CreateBackupSelection nor ListBackupSelections (gaps.ts).
}

/**
 * IAM as planned: roles with their trust policies, inline policies and managed attachments (AWS's
 * managed policies are loaded in moto: moto.ts), the operators group and its customer policies.
 * moto never evaluates these documents (gaps.ts); the access checks read them.
 */
async function deployIam(plan: Plan, clients: FixtureClients, ids: Map<string, string>): Promise<void> {
    const { iam } = clients;
    // Customer policies first: a role's permissions boundary must exist.
    for (const policy of ofType(plan, "aws:iam/policy:Policy")) {
        const i = inputs(policy);
        await iam.send(
            new CreatePolicyCommand({
                PolicyName: i.name ?? policy.id,
                Description: i.description,
                PolicyDocument: substitute(i.policy as string, ids),
            }),
        );
    }
    for (const provider of ofType(plan, "aws:iam/openIdConnectProvider:OpenIdConnectProvider")) {
        const i = inputs(provider);
        const { OpenIDConnectProviderArn } = await iam.send(
            new CreateOpenIDConnectProviderCommand({ Url: i.url, ClientIDList: i.clientIdLists, ThumbprintList: i.thumbprintLists }),
        );
        ids.set(provider.state.arn as string, OpenIDConnectProviderArn!);
    }
    for (const role of ofType(plan, "aws:iam/role:Role")) {
        const i = inputs(role);
        await iam.send(
            new CreateRoleCommand({
                RoleName: i.name ?? role.id,
                AssumeRolePolicyDocument: substitute(i.assumeRolePolicy as string, ids),
                Description: i.description,
                MaxSessionDuration: i.maxSessionDuration,
                PermissionsBoundary: i.permissionsBoundary,
            }),
        );
    }
    for (const policy of ofType(plan, "aws:iam/rolePolicy:RolePolicy")) {
        const i = inputs(policy);
        await iam.send(
            new PutRolePolicyCommand({
                RoleName: i.role,
                PolicyName: i.name ?? policy.id,
                PolicyDocument: substitute(i.policy as string, ids),
            }),
        );
    }
    for (const attachment of ofType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")) {
        await iam.send(new AttachRolePolicyCommand({ RoleName: inputs(attachment).role, PolicyArn: inputs(attachment).policyArn }));
    }
    for (const group of ofType(plan, "aws:iam/group:Group"))
        await iam.send(new CreateGroupCommand({ GroupName: inputs(group).name ?? group.id }));
    for (const attachment of ofType(plan, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment")) {
        await iam.send(new AttachGroupPolicyCommand({ GroupName: inputs(attachment).group, PolicyArn: inputs(attachment).policyArn }));
    }
}
