/**
 * Broken variants of a deployed environment: each changes one thing with SDK calls (as a person
 * in the console or a drifted deployment would) and says which check must then fail, with a
 * reason naming the deviation; `undo` puts the environment back.
 */
import { UpdateAutoScalingGroupCommand } from "@aws-sdk/client-auto-scaling";
import {
    CreateBackupVaultCommand,
    DeleteBackupVaultCommand,
    DeleteBackupVaultLockConfigurationCommand,
    DescribeBackupVaultCommand,
    PutBackupVaultLockConfigurationCommand,
} from "@aws-sdk/client-backup";
import { PutEventSelectorsCommand, StartLoggingCommand, StopLoggingCommand, UpdateTrailCommand } from "@aws-sdk/client-cloudtrail";
import {
    DeleteConfigRuleCommand,
    PutConfigRuleCommand,
    StartConfigurationRecorderCommand,
    StopConfigurationRecorderCommand,
} from "@aws-sdk/client-config-service";
import {
    AuthorizeSecurityGroupIngressCommand,
    CreateFlowLogsCommand,
    CreateLaunchTemplateVersionCommand,
    CreateVpcEndpointCommand,
    DeleteFlowLogsCommand,
    DeleteVpcEndpointsCommand,
    DescribeVpcEndpointsCommand,
    DescribeSecurityGroupsCommand,
    IpPermission,
    ModifyLaunchTemplateCommand,
    ModifySubnetAttributeCommand,
    ReplaceRouteCommand,
    RevokeSecurityGroupIngressCommand,
    DescribeRouteTablesCommand,
    DescribeFlowLogsCommand,
} from "@aws-sdk/client-ec2";
import {
    DescribeListenersCommand,
    ModifyListenerCommand,
    ModifyLoadBalancerAttributesCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import {
    DetectorAdditionalConfiguration,
    DetectorFeatureConfiguration,
    GetDetectorCommand,
    UpdateDetectorCommand,
} from "@aws-sdk/client-guardduty";
import {
    AttachRolePolicyCommand,
    DeleteRolePermissionsBoundaryCommand,
    DeleteRolePolicyCommand,
    DetachRolePolicyCommand,
    GetRoleCommand,
    PutRolePermissionsBoundaryCommand,
    PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import {
    CreateKeyCommand,
    DisableKeyRotationCommand,
    EnableKeyRotationCommand,
    GetKeyPolicyCommand,
    PutKeyPolicyCommand,
} from "@aws-sdk/client-kms";
import { DescribeDBInstancesCommand, ModifyDBInstanceCommand } from "@aws-sdk/client-rds";
import {
    DeleteBucketEncryptionCommand,
    DeleteBucketPolicyCommand,
    DeletePublicAccessBlockCommand,
    GetBucketEncryptionCommand,
    GetBucketPolicyCommand,
    GetPublicAccessBlockCommand,
    PutBucketEncryptionCommand,
    PutBucketLoggingCommand,
    PutBucketOwnershipControlsCommand,
    PutBucketPolicyCommand,
    PutBucketVersioningCommand,
    PutPublicAccessBlockCommand,
    GetBucketLoggingCommand,
    GetObjectLockConfigurationCommand,
    PutObjectLockConfigurationCommand,
} from "@aws-sdk/client-s3";
import { GetDocumentCommand, UpdateDocumentCommand, UpdateDocumentDefaultVersionCommand } from "@aws-sdk/client-ssm";
import {
    DeleteLoggingConfigurationCommand,
    DisassociateWebACLCommand,
    AssociateWebACLCommand,
    GetLoggingConfigurationCommand,
    GetWebACLCommand,
    PutLoggingConfigurationCommand,
    UpdateWebACLCommand,
} from "@aws-sdk/client-wafv2";
import { parseWebAclArn } from "../../tooling/verify/waf";
import { Environment, FixtureClients } from "./fixture";

export interface Context {
    readonly clients: FixtureClients;
    readonly env: Environment;
}

export interface Variant {
    /** What is broken, in a few words (the test's name). */
    readonly name: string;
    /** The one check that must then fail. */
    readonly check: string;
    /** Its reason must match: it names the deviation. */
    readonly reason: RegExp;
    /** Breaks the environment; returns how to repair it. */
    breaks(context: Context): Promise<() => Promise<void>>;
}

const out = ({ env }: Context, key: string) => env.outputs[key] as string;
const outs = ({ env }: Context, key: string) => env.outputs[key] as string[];
const trailName = (context: Context) => out(context, "cloudTrailArn").split("/").pop()!;
const trailBucket = (context: Context) => out(context, "cloudTrailBucketName");
const SSH_FROM_ANYWHERE: IpPermission = { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] };
const roleOf = (context: Context, key: string) => out(context, key).split("/").pop()!;
const SESSION_DOCUMENT = "SSM-SessionManagerRunShell";
const dbIdentifier = (context: Context) => out(context, "dbEndpoint").split(".")[0];

/** Removes the permissions boundary of the role an output names; the undo puts the same boundary back. */
async function removeBoundary(context: Context, roleArnOutput: string): Promise<() => Promise<void>> {
    const RoleName = roleOf(context, roleArnOutput);
    const { Role } = await context.clients.iam.send(new GetRoleCommand({ RoleName }));
    await context.clients.iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName }));
    return async () =>
        void (await context.clients.iam.send(
            new PutRolePermissionsBoundaryCommand({ RoleName, PermissionsBoundary: Role!.PermissionsBoundary!.PermissionsBoundaryArn }),
        ));
}

/** Variants of any tap environment (the dev stack's shape). */
export const BASE_VARIANTS: readonly Variant[] = [
    {
        name: "KMS key rotation turned off",
        check: "kms.rotation",
        reason: /^KeyRotationEnabled false$/,
        async breaks(c) {
            await c.clients.kms.send(new DisableKeyRotationCommand({ KeyId: out(c, "kmsKeyId") }));
            return async () => void (await c.clients.kms.send(new EnableKeyRotationCommand({ KeyId: out(c, "kmsKeyId") })));
        },
    },
    {
        name: "VPC flow log deleted",
        check: "network.flow-logs",
        reason: /^flow log not found$/,
        async breaks(c) {
            const id = out(c, "flowLogId");
            const { FlowLogs: [log] = [] } = await c.clients.ec2.send(new DescribeFlowLogsCommand({ FlowLogIds: [id] }));
            await c.clients.ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [id] }));
            return async () => {
                const { FlowLogIds } = await c.clients.ec2.send(
                    new CreateFlowLogsCommand({
                        ResourceIds: [log.ResourceId!],
                        ResourceType: "VPC",
                        TrafficType: log.TrafficType,
                        LogDestinationType: log.LogDestinationType,
                        LogGroupName: log.LogGroupName,
                        DeliverLogsPermissionArn: log.DeliverLogsPermissionArn,
                    }),
                );
                c.env.outputs.flowLogId = FlowLogIds![0]; // a new flow log, as a redeploy would export
            };
        },
    },
    {
        name: "flow log recording rejected traffic only",
        check: "network.flow-logs",
        reason: /TrafficType REJECT, not ALL/,
        async breaks(c) {
            const id = out(c, "flowLogId");
            const { FlowLogs: [log] = [] } = await c.clients.ec2.send(new DescribeFlowLogsCommand({ FlowLogIds: [id] }));
            await c.clients.ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [id] }));
            const create = async (traffic: "ALL" | "REJECT") =>
                (
                    await c.clients.ec2.send(
                        new CreateFlowLogsCommand({
                            ResourceIds: [log.ResourceId!],
                            ResourceType: "VPC",
                            TrafficType: traffic,
                            LogDestinationType: log.LogDestinationType,
                            LogGroupName: log.LogGroupName,
                            DeliverLogsPermissionArn: log.DeliverLogsPermissionArn,
                        }),
                    )
                ).FlowLogIds![0];
            c.env.outputs.flowLogId = await create("REJECT");
            return async () => {
                await c.clients.ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [out(c, "flowLogId")] }));
                c.env.outputs.flowLogId = await create("ALL");
            };
        },
    },
    {
        name: "a launch template version allowing IMDSv1 made the default",
        check: "compute.launch-template",
        reason: /^MetadataOptions\.HttpTokens optional$/,
        async breaks(c) {
            const [templateId] = [...c.env.ids.values()].filter((id) => id.startsWith("lt-"));
            const { LaunchTemplateVersion } = await c.clients.ec2.send(
                new CreateLaunchTemplateVersionCommand({
                    LaunchTemplateId: templateId,
                    SourceVersion: "1",
                    LaunchTemplateData: { MetadataOptions: { HttpTokens: "optional", HttpPutResponseHopLimit: 1 } },
                }),
            );
            await c.clients.ec2.send(
                new ModifyLaunchTemplateCommand({
                    LaunchTemplateId: templateId,
                    DefaultVersion: String(LaunchTemplateVersion!.VersionNumber),
                }),
            );
            return async () =>
                void (await c.clients.ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: templateId, DefaultVersion: "1" })));
        },
    },
    {
        name: "SSH open to the world on the app security group",
        check: "compute.app-sg-scoped",
        reason: /inbound tcp 22 from 0\.0\.0\.0\/0 opens an admin port to the internet/,
        async breaks(c) {
            const GroupId = out(c, "appSecurityGroupId");
            await c.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [SSH_FROM_ANYWHERE] }));
            return async () =>
                void (await c.clients.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId, IpPermissions: [SSH_FROM_ANYWHERE] })));
        },
    },
    {
        name: "a rule added to the default security group",
        check: "network.default-sg-empty",
        reason: /1 rule\(s\): inbound tcp 22 from 0\.0\.0\.0\/0/,
        async breaks(c) {
            const { SecurityGroups: [group] = [] } = await c.clients.ec2.send(
                new DescribeSecurityGroupsCommand({
                    Filters: [
                        { Name: "vpc-id", Values: [out(c, "vpcId")] },
                        { Name: "group-name", Values: ["default"] },
                    ],
                }),
            );
            await c.clients.ec2.send(
                new AuthorizeSecurityGroupIngressCommand({ GroupId: group.GroupId, IpPermissions: [SSH_FROM_ANYWHERE] }),
            );
            return async () =>
                void (await c.clients.ec2.send(
                    new RevokeSecurityGroupIngressCommand({ GroupId: group.GroupId, IpPermissions: [SSH_FROM_ANYWHERE] }),
                ));
        },
    },
    {
        name: "a public subnet assigning public IPs on launch",
        check: "network.no-auto-public-ip",
        reason: /^MapPublicIpOnLaunch true/,
        async breaks(c) {
            const SubnetId = outs(c, "publicSubnetIds")[0];
            await c.clients.ec2.send(new ModifySubnetAttributeCommand({ SubnetId, MapPublicIpOnLaunch: { Value: true } }));
            return async () =>
                void (await c.clients.ec2.send(new ModifySubnetAttributeCommand({ SubnetId, MapPublicIpOnLaunch: { Value: false } })));
        },
    },
    {
        name: "a private subnet routed to the internet gateway",
        check: "network.private-egress-via-nat",
        reason: /0\.0\.0\.0\/0 goes to internet gateway igw-[0-9a-f]+: the subnet is public/,
        async breaks(c) {
            const subnet = outs(c, "privateSubnetIds")[0];
            const { RouteTables: [table] = [] } = await c.clients.ec2.send(
                new DescribeRouteTablesCommand({ Filters: [{ Name: "association.subnet-id", Values: [subnet] }] }),
            );
            const { RouteTables: [publicTable] = [] } = await c.clients.ec2.send(
                new DescribeRouteTablesCommand({ Filters: [{ Name: "association.subnet-id", Values: [outs(c, "publicSubnetIds")[0]] }] }),
            );
            const igw = publicTable.Routes!.find((r) => r.GatewayId?.startsWith("igw-"))!.GatewayId!;
            const nat = table.Routes!.find((r) => r.DestinationCidrBlock === "0.0.0.0/0")!.NatGatewayId!;
            const replace = (target: object) =>
                c.clients.ec2.send(
                    new ReplaceRouteCommand({ RouteTableId: table.RouteTableId, DestinationCidrBlock: "0.0.0.0/0", ...target }),
                );
            await replace({ GatewayId: igw });
            return async () => void (await replace({ NatGatewayId: nat }));
        },
    },
    {
        name: "the Auto Scaling group launching into a public subnet",
        check: "compute.asg-private-subnets",
        reason: /launches into public subnet subnet-[0-9a-f]+/,
        async breaks(c) {
            const name = out(c, "autoScalingGroupName");
            const update = (subnets: string[]) =>
                c.clients.autoScaling.send(
                    new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: name, VPCZoneIdentifier: subnets.join(",") }),
                );
            await update([...outs(c, "privateSubnetIds"), outs(c, "publicSubnetIds")[0]]);
            return async () => void (await update(outs(c, "privateSubnetIds")));
        },
    },
    {
        name: "bucket versioning suspended",
        check: "s3.versioning",
        reason: /^versioning Suspended$/,
        async breaks(c) {
            const put = (Status: "Enabled" | "Suspended") =>
                c.clients.s3.send(new PutBucketVersioningCommand({ Bucket: trailBucket(c), VersioningConfiguration: { Status } }));
            await put("Suspended");
            return async () => void (await put("Enabled"));
        },
    },
    {
        name: "a bucket's public access block removed",
        check: "s3.public-access-block",
        reason: /^no public access block on the bucket$/,
        async breaks(c) {
            const { PublicAccessBlockConfiguration } = await c.clients.s3.send(new GetPublicAccessBlockCommand({ Bucket: trailBucket(c) }));
            await c.clients.s3.send(new DeletePublicAccessBlockCommand({ Bucket: trailBucket(c) }));
            return async () =>
                void (await c.clients.s3.send(new PutPublicAccessBlockCommand({ Bucket: trailBucket(c), PublicAccessBlockConfiguration })));
        },
    },
    {
        name: "a bucket policy deleted (plain HTTP no longer denied)",
        check: "s3.tls-only",
        reason: /^no bucket policy: plain-HTTP requests are not denied$/,
        async breaks(c) {
            const { Policy } = await c.clients.s3.send(new GetBucketPolicyCommand({ Bucket: trailBucket(c) }));
            await c.clients.s3.send(new DeleteBucketPolicyCommand({ Bucket: trailBucket(c) }));
            return async () => void (await c.clients.s3.send(new PutBucketPolicyCommand({ Bucket: trailBucket(c), Policy })));
        },
    },
    {
        name: "a bucket's default encryption removed",
        check: "s3.encryption",
        reason: /^no default encryption configuration$/,
        async breaks(c) {
            const { ServerSideEncryptionConfiguration } = await c.clients.s3.send(
                new GetBucketEncryptionCommand({ Bucket: trailBucket(c) }),
            );
            await c.clients.s3.send(new DeleteBucketEncryptionCommand({ Bucket: trailBucket(c) }));
            return async () =>
                void (await c.clients.s3.send(
                    new PutBucketEncryptionCommand({ Bucket: trailBucket(c), ServerSideEncryptionConfiguration }),
                ));
        },
    },
    {
        name: "bucket ACLs re-enabled (ObjectWriter ownership)",
        check: "s3.ownership",
        reason: /^ObjectOwnership ObjectWriter: ACLs still apply$/,
        async breaks(c) {
            const put = (ObjectOwnership: "ObjectWriter" | "BucketOwnerEnforced") =>
                c.clients.s3.send(
                    new PutBucketOwnershipControlsCommand({ Bucket: trailBucket(c), OwnershipControls: { Rules: [{ ObjectOwnership }] } }),
                );
            await put("ObjectWriter");
            return async () => void (await put("BucketOwnerEnforced"));
        },
    },
    {
        name: "server access logging turned off",
        check: "s3.access-logging",
        reason: /^server access logging is off$/,
        async breaks(c) {
            const { LoggingEnabled } = await c.clients.s3.send(new GetBucketLoggingCommand({ Bucket: trailBucket(c) }));
            await c.clients.s3.send(new PutBucketLoggingCommand({ Bucket: trailBucket(c), BucketLoggingStatus: {} }));
            return async () =>
                void (await c.clients.s3.send(
                    new PutBucketLoggingCommand({ Bucket: trailBucket(c), BucketLoggingStatus: { LoggingEnabled } }),
                ));
        },
    },
    {
        name: "the trail stopped",
        check: "cloudtrail.logging",
        reason: /^IsLogging false: the trail is stopped$/,
        async breaks(c) {
            await c.clients.cloudTrail.send(new StopLoggingCommand({ Name: trailName(c) }));
            return async () => void (await c.clients.cloudTrail.send(new StartLoggingCommand({ Name: trailName(c) })));
        },
    },
    {
        name: "log file validation turned off",
        check: "cloudtrail.log-file-validation",
        reason: /^LogFileValidationEnabled false$/,
        async breaks(c) {
            const update = (on: boolean) =>
                c.clients.cloudTrail.send(new UpdateTrailCommand({ Name: trailName(c), EnableLogFileValidation: on }));
            await update(false);
            return async () => void (await update(true));
        },
    },
    {
        name: "the trail's multi-region setting flipped",
        check: "cloudtrail.multi-region",
        reason: /^IsMultiRegionTrail (true|false), but the stack is configured with cloudTrailMultiRegion (false|true)$/,
        async breaks(c) {
            const configured = c.env.outputs.cloudTrailMultiRegion === true;
            const update = (on: boolean) =>
                c.clients.cloudTrail.send(new UpdateTrailCommand({ Name: trailName(c), IsMultiRegionTrail: on }));
            await update(!configured);
            return async () => void (await update(configured));
        },
    },
    {
        name: "the trail recording write events only",
        check: "cloudtrail.management-events",
        reason: /^no event selector records both read and write management events$/,
        async breaks(c) {
            const put = (ReadWriteType: "All" | "WriteOnly") =>
                c.clients.cloudTrail.send(
                    new PutEventSelectorsCommand({
                        TrailName: trailName(c),
                        EventSelectors: [{ IncludeManagementEvents: true, ReadWriteType }],
                    }),
                );
            await put("WriteOnly");
            return async () => void (await put("All"));
        },
    },
    {
        name: "GuardDuty detector suspended",
        check: "guardduty.detector-enabled",
        reason: /^Status DISABLED: no threat detection in this region$/,
        async breaks(c) {
            const update = (Enable: boolean) =>
                c.clients.guardDuty.send(new UpdateDetectorCommand({ DetectorId: out(c, "guardDutyDetectorId"), Enable }));
            await update(false);
            return async () => void (await update(true));
        },
    },
    {
        name: "the Config recorder stopped",
        check: "config.recorder",
        reason: /^not recording \(the recorder is stopped\)$/,
        async breaks(c) {
            const name = out(c, "configRecorderName");
            await c.clients.config.send(new StopConfigurationRecorderCommand({ ConfigurationRecorderName: name }));
            return async () =>
                void (await c.clients.config.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: name })));
        },
    },
    {
        name: "a managed Config rule deleted",
        check: "config.rules",
        reason: /^the stack's rule tap-[a-z0-9]+-[a-z0-9]+-ec2-imdsv2-check is not in the region$/,
        async breaks(c) {
            const rule = c.env.plan.resources.find(
                (r) =>
                    r.type === "aws:cfg/rule:Rule" &&
                    (r.inputs.source as { sourceIdentifier: string }).sourceIdentifier === "EC2_IMDSV2_CHECK",
            )!;
            const name = rule.inputs.name as string;
            await c.clients.config.send(new DeleteConfigRuleCommand({ ConfigRuleName: name }));
            return async () =>
                void (await c.clients.config.send(
                    new PutConfigRuleCommand({
                        ConfigRule: { ConfigRuleName: name, Source: { Owner: "AWS", SourceIdentifier: "EC2_IMDSV2_CHECK" } },
                    }),
                ));
        },
    },
    {
        name: "the trail bucket's Object Lock retention cut to one day",
        check: "s3.cloudtrail-object-lock",
        reason: /^default retention 1 days, the stack chose \d+$/,
        async breaks(c) {
            const bucket = trailBucket(c);
            const { ObjectLockConfiguration: before } = await c.clients.s3.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }));
            const mode = before!.Rule!.DefaultRetention!.Mode;
            await c.clients.s3.send(
                new PutObjectLockConfigurationCommand({
                    Bucket: bucket,
                    ObjectLockConfiguration: { ObjectLockEnabled: "Enabled", Rule: { DefaultRetention: { Mode: mode, Days: 1 } } },
                }),
            );
            return async () =>
                void (await c.clients.s3.send(
                    new PutObjectLockConfigurationCommand({
                        Bucket: bucket,
                        ObjectLockConfiguration: {
                            ObjectLockEnabled: "Enabled",
                            Rule: { DefaultRetention: { Mode: mode, Days: before!.Rule!.DefaultRetention!.Days } },
                        },
                    }),
                ));
        },
    },
    {
        name: "Session Manager preferences letting sessions run as a tagged OS user",
        check: "ssm.session-preferences",
        reason: /^document managed by the stack: runAsEnabled is true, not false: sessions may run as an OS user chosen by tag$/,
        async breaks(c) {
            const { Content, DocumentVersion } = await c.clients.ssm.send(
                new GetDocumentCommand({ Name: SESSION_DOCUMENT, DocumentFormat: "JSON" }),
            );
            const document = JSON.parse(Content!) as { inputs: Record<string, unknown> };
            document.inputs.runAsEnabled = true;
            const { DocumentDescription } = await c.clients.ssm.send(
                new UpdateDocumentCommand({
                    Name: SESSION_DOCUMENT,
                    Content: JSON.stringify(document),
                    DocumentFormat: "JSON",
                    DocumentVersion: "$LATEST",
                }),
            );
            await c.clients.ssm.send(
                new UpdateDocumentDefaultVersionCommand({ Name: SESSION_DOCUMENT, DocumentVersion: DocumentDescription!.DocumentVersion }),
            );
            return async () =>
                void (await c.clients.ssm.send(new UpdateDocumentDefaultVersionCommand({ Name: SESSION_DOCUMENT, DocumentVersion })));
        },
    },
    {
        name: "the backup vault recreated with another KMS key",
        check: "backup.vault-encrypted",
        reason: /^encrypted with arn:aws:kms:\S+, not the stack key$/,
        async breaks(c) {
            const name = out(c, "backupVaultName");
            const recreate = async (key: string) => {
                await c.clients.backup.send(new DeleteBackupVaultCommand({ BackupVaultName: name }));
                await c.clients.backup.send(new CreateBackupVaultCommand({ BackupVaultName: name, EncryptionKeyArn: key }));
            };
            const { KeyMetadata } = await c.clients.kms.send(new CreateKeyCommand({ Description: "someone else's key" }));
            await recreate(KeyMetadata!.Arn!);
            return () => recreate(out(c, "kmsKeyArn"));
        },
    },
    {
        name: "a GuardDuty protection plan switched against the stack's choice",
        check: "detection.guardduty-features",
        reason: /^(ENABLED, the stack set DISABLED|DISABLED, the stack set ENABLED)$/,
        async breaks(c) {
            const DetectorId = out(c, "guardDutyDetectorId");
            const [name, wanted] = Object.entries(c.env.outputs.guardDutyFeatures as Record<string, string>).find(
                ([feature]) => feature !== "RUNTIME_MONITORING",
            )!;
            // moto replaces the detector's whole feature list on UpdateDetector: send all of them, one flipped.
            const { Features = [] } = await c.clients.guardDuty.send(new GetDetectorCommand({ DetectorId }));
            const asConfigured = (status: (feature: string) => string): DetectorFeatureConfiguration[] =>
                Features.map((f) => ({
                    Name: f.Name as DetectorFeatureConfiguration["Name"],
                    Status: status(f.Name!) as DetectorFeatureConfiguration["Status"],
                    ...(f.AdditionalConfiguration
                        ? {
                              AdditionalConfiguration: f.AdditionalConfiguration.map((a) => ({
                                  Name: a.Name as DetectorAdditionalConfiguration["Name"],
                                  Status: a.Status,
                              })),
                          }
                        : {}),
                }));
            const current = new Map<string, string>(Features.map((f) => [String(f.Name), String(f.Status)]));
            const set = (features: DetectorFeatureConfiguration[]) =>
                c.clients.guardDuty.send(new UpdateDetectorCommand({ DetectorId, Features: features }));
            await set(
                asConfigured((feature) => (feature === name ? (wanted === "ENABLED" ? "DISABLED" : "ENABLED") : current.get(feature)!)),
            );
            return async () => void (await set(asConfigured((feature) => current.get(feature)!)));
        },
    },
];

const albAttribute = (c: Context, Key: string, Value: string) =>
    c.clients.elb.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: out(c, "albArn"), Attributes: [{ Key, Value }] }));
const modifyDb = (c: Context, change: Record<string, unknown>) =>
    c.clients.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: dbIdentifier(c), ApplyImmediately: true, ...change }));

/** Variants of the web and data tiers and of prod's protections (the prod stack's shape). */
export const TIER_VARIANTS: readonly Variant[] = [
    {
        name: "the key policy's deletion guard removed where the stack chose protection",
        check: "kms.deletion-guard",
        reason: /kms:ScheduleKeyDeletion and kms:DisableKey not denied, yet the stack chose it on/,
        async breaks(c) {
            const KeyId = out(c, "kmsKeyId");
            const { Policy } = await c.clients.kms.send(new GetKeyPolicyCommand({ KeyId, PolicyName: "default" }));
            const document = JSON.parse(Policy!) as { Statement: { Effect: string }[] };
            const allowsOnly = { ...document, Statement: document.Statement.filter((s) => s.Effect !== "Deny") };
            await c.clients.kms.send(new PutKeyPolicyCommand({ KeyId, PolicyName: "default", Policy: JSON.stringify(allowsOnly) }));
            return async () => void (await c.clients.kms.send(new PutKeyPolicyCommand({ KeyId, PolicyName: "default", Policy })));
        },
    },
    {
        name: "the HTTPS listener on a TLS 1.0 security policy",
        check: "elb.listeners",
        reason: /HTTPS :443 policy ELBSecurityPolicy-2016-08 allows TLSv1/,
        async breaks(c) {
            const { Listeners = [] } = await c.clients.elb.send(new DescribeListenersCommand({ LoadBalancerArn: out(c, "albArn") }));
            const https = Listeners.find((l) => l.Protocol === "HTTPS")!;
            const set = (SslPolicy: string) => c.clients.elb.send(new ModifyListenerCommand({ ListenerArn: https.ListenerArn, SslPolicy }));
            await set("ELBSecurityPolicy-2016-08");
            return async () => void (await set(https.SslPolicy!));
        },
    },
    {
        name: "the load balancer passing invalid headers",
        check: "elb.drop-invalid-headers",
        reason: /^routing\.http\.drop_invalid_header_fields\.enabled false: headers with invalid names reach the targets$/,
        async breaks(c) {
            await albAttribute(c, "routing.http.drop_invalid_header_fields.enabled", "false");
            return async () => void (await albAttribute(c, "routing.http.drop_invalid_header_fields.enabled", "true"));
        },
    },
    {
        name: "load balancer access logs off",
        check: "elb.access-logs",
        reason: /^access_logs\.s3\.enabled false: requests are not logged$/,
        async breaks(c) {
            await albAttribute(c, "access_logs.s3.enabled", "false");
            return async () => void (await albAttribute(c, "access_logs.s3.enabled", "true"));
        },
    },
    {
        name: "load balancer deletion protection off where the stack chose it on",
        check: "elb.deletion-protection",
        reason: /^off, yet the stack chose it on \(output deletionProtection true\): changed outside Pulumi$/,
        async breaks(c) {
            await albAttribute(c, "deletion_protection.enabled", "false");
            return async () => void (await albAttribute(c, "deletion_protection.enabled", "true"));
        },
    },
    {
        name: "the web ACL detached from the load balancer",
        check: "waf.associated",
        reason: /^no web ACL is associated with the load balancer$|^WAF does not know the load balancer$/,
        async breaks(c) {
            await c.clients.wafv2.send(new DisassociateWebACLCommand({ ResourceArn: out(c, "albArn") }));
            return async () =>
                void (await c.clients.wafv2.send(
                    new AssociateWebACLCommand({ ResourceArn: out(c, "albArn"), WebACLArn: out(c, "webAclArn") }),
                ));
        },
    },
    {
        name: "the rate-based rule switched to count only",
        check: "waf.rules",
        reason: /^rate-based rule rate-limit-per-ip only counts \(Action Count\)$/,
        async breaks(c) {
            const key = parseWebAclArn(out(c, "webAclArn"))!;
            const { WebACL, LockToken } = await c.clients.wafv2.send(new GetWebACLCommand(key));
            const update = async (rules: NonNullable<typeof WebACL>["Rules"], token: string | undefined) =>
                c.clients.wafv2.send(
                    new UpdateWebACLCommand({
                        ...key,
                        LockToken: token,
                        DefaultAction: WebACL!.DefaultAction,
                        VisibilityConfig: WebACL!.VisibilityConfig,
                        Rules: rules,
                    }),
                );
            const { NextLockToken } = await update(
                WebACL!.Rules!.map((r) => (r.Statement?.RateBasedStatement ? { ...r, Action: { Count: {} } } : r)),
                LockToken,
            );
            return async () => void (await update(WebACL!.Rules, NextLockToken));
        },
    },
    {
        name: "web ACL logging removed",
        check: "waf.logging",
        reason: /^logging is off/,
        async breaks(c) {
            const { LoggingConfiguration } = await c.clients.wafv2.send(
                new GetLoggingConfigurationCommand({ ResourceArn: out(c, "webAclArn") }),
            );
            await c.clients.wafv2.send(new DeleteLoggingConfigurationCommand({ ResourceArn: out(c, "webAclArn") }));
            return async () => void (await c.clients.wafv2.send(new PutLoggingConfigurationCommand({ LoggingConfiguration })));
        },
    },
    {
        name: "a publicly accessible database",
        check: "rds.not-public",
        reason: /^PubliclyAccessible true: the endpoint resolves to a public address$/,
        async breaks(c) {
            await modifyDb(c, { PubliclyAccessible: true });
            return async () => void (await modifyDb(c, { PubliclyAccessible: false }));
        },
    },
    {
        name: "database backups cut to one day",
        check: "rds.backups",
        reason: /^BackupRetentionPeriod 1 days, RDS\.11 needs at least 7$/,
        async breaks(c) {
            const { DBInstances: [db] = [] } = await c.clients.rds.send(
                new DescribeDBInstancesCommand({ DBInstanceIdentifier: dbIdentifier(c) }),
            );
            await modifyDb(c, { BackupRetentionPeriod: 1 });
            return async () => void (await modifyDb(c, { BackupRetentionPeriod: db.BackupRetentionPeriod }));
        },
    },
    {
        name: "automatic minor upgrades off",
        check: "rds.minor-upgrades",
        reason: /^AutoMinorVersionUpgrade false: postgres/,
        async breaks(c) {
            await modifyDb(c, { AutoMinorVersionUpgrade: false });
            return async () => void (await modifyDb(c, { AutoMinorVersionUpgrade: true }));
        },
    },
    {
        name: "the database made single-AZ where the stack chose Multi-AZ",
        check: "rds.multi-az",
        reason: /^single-AZ, yet the stack chose it on \(output dbMultiAz true\): changed outside Pulumi$/,
        async breaks(c) {
            await modifyDb(c, { MultiAZ: false });
            return async () => void (await modifyDb(c, { MultiAZ: true }));
        },
    },
    {
        name: "database deletion protection off where the stack chose it on",
        check: "rds.deletion-protection",
        reason: /^off, yet the stack chose it on \(output deletionProtection true\): changed outside Pulumi$/,
        async breaks(c) {
            await modifyDb(c, { DeletionProtection: false });
            return async () => void (await modifyDb(c, { DeletionProtection: true }));
        },
    },
    {
        name: "a database log export turned off",
        check: "rds.log-exports",
        reason: /^postgres logs upgrade not exported \(exported: postgresql\)$/,
        async breaks(c) {
            const change = (key: "DisableLogTypes" | "EnableLogTypes") =>
                modifyDb(c, { CloudwatchLogsExportConfiguration: { [key]: ["upgrade"] } });
            await change("DisableLogTypes");
            return async () => void (await change("EnableLogTypes"));
        },
    },
    {
        name: "the KMS interface endpoint deleted (a redeploy exports the others)",
        check: "endpoints.available-private-dns",
        reason: /^no available endpoint for kms: instances without NAT cannot reach them$/,
        async breaks(c) {
            const ids = outs(c, "vpcEndpointIds");
            const { VpcEndpoints = [] } = await c.clients.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: ids }));
            const kms = VpcEndpoints.find((e) => e.ServiceName?.endsWith(".kms"))!;
            await c.clients.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [kms.VpcEndpointId!] }));
            c.env.outputs.vpcEndpointIds = ids.filter((id) => id !== kms.VpcEndpointId);
            return async () => {
                const { VpcEndpoint } = await c.clients.ec2.send(
                    new CreateVpcEndpointCommand({
                        VpcId: kms.VpcId,
                        ServiceName: kms.ServiceName,
                        VpcEndpointType: kms.VpcEndpointType,
                        PolicyDocument: kms.PolicyDocument,
                        PrivateDnsEnabled: kms.PrivateDnsEnabled,
                        SubnetIds: kms.SubnetIds,
                        SecurityGroupIds: (kms.Groups ?? []).map((g) => g.GroupId!),
                    }),
                );
                c.env.outputs.vpcEndpointIds = [...ids.filter((id) => id !== kms.VpcEndpointId), VpcEndpoint!.VpcEndpointId!];
            };
        },
    },
    {
        name: "the backup vault's lock removed where the stack chose one",
        check: "backup.vault-lock",
        reason: /^not locked, yet the stack chose it on \(output backupVaultLock true\)/,
        async breaks(c) {
            const name = out(c, "backupVaultName");
            const { MinRetentionDays, MaxRetentionDays } = await c.clients.backup.send(
                new DescribeBackupVaultCommand({ BackupVaultName: name }),
            );
            await c.clients.backup.send(new DeleteBackupVaultLockConfigurationCommand({ BackupVaultName: name }));
            return async () =>
                void (await c.clients.backup.send(
                    new PutBackupVaultLockConfigurationCommand({ BackupVaultName: name, MinRetentionDays, MaxRetentionDays }),
                ));
        },
    },
    {
        name: "the support role given ReadOnlyAccess as well",
        check: "access.support-role",
        reason: /^attached policies \["AWSSupportAccess","ReadOnlyAccess"\], not AWSSupportAccess alone$/,
        async breaks(c) {
            const change = { RoleName: roleOf(c, "supportRoleArn"), PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" };
            await c.clients.iam.send(new AttachRolePolicyCommand(change));
            return async () => void (await c.clients.iam.send(new DetachRolePolicyCommand(change)));
        },
    },
    {
        name: "the auditor role allowed to read objects",
        check: "access.auditor-role",
        reason: /^allows what no check calls: s3:GetObject$/,
        async breaks(c) {
            const RoleName = roleOf(c, "auditorRoleArn");
            const PolicyName = "tap-e2e-extra-read";
            await c.clients.iam.send(
                new PutRolePolicyCommand({
                    RoleName,
                    PolicyName,
                    PolicyDocument: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${trailBucket(c)}/*` }],
                    }),
                }),
            );
            return async () => void (await c.clients.iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName })));
        },
    },
    {
        name: "the instance role's workload boundary removed",
        check: "access.permissions-boundaries",
        reason: /^permissions boundary none, not arn:aws:iam::\d{12}:policy\/tap-prod-use1-workload-boundary$/,
        breaks: (c) => removeBoundary(c, "instanceRoleArn"),
    },
    {
        name: "the deploy role's permissions boundary removed",
        check: "access.deploy-role",
        reason: /^no permissions boundary$/,
        breaks: (c) => removeBoundary(c, "deployRoleArn"),
    },
];
