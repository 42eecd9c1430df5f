/**
 * Weakenings of the program, one security property each, as a user adopting tap might make them,
 * written as plan-time transformations (tooling/mutants/transform.ts): a resource type (and, where
 * the stack has several, a pattern of logical names), a property path and the weakened value. Each is
 * applied through Pulumi's public resource transforms to the planned stack, never to the source.
 * `npm run mutants` plans each weakened stack on mocks and asks whether the policy pack and the
 * unit tests notice (docs/mutants.md). A mutant that changes no resource fails the run.
 */
import type * as pulumi from "@pulumi/pulumi";
import { AreaName } from "./areas";
import { editJson, editStatement, editStatements, Registered, REMOVED, transformOf, Weakening, withoutCondition } from "./transform";

/** Which plan a mutant is judged on: a stack file, optionally with certificates (HTTPS listener, CDN). */
export type MutantPlan = "dev" | "prod" | "prod+tls";

export interface Mutant extends Weakening {
    /** kebab-case, unique. */
    readonly id: string;
    /** The property weakened, with its control. */
    readonly property: string;
    /** The control area whose tests must catch it (tooling/mutants/areas.ts). */
    readonly area: AreaName;
    /** @default "prod" */
    readonly plan?: MutantPlan;
}

const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const KEY = "aws:kms/key:Key";
const TRAIL = "aws:cloudtrail/trail:Trail";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
const DB = "aws:rds/instance:Instance";
const ALB = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const CDN = "aws:cloudfront/distribution:Distribution";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

type Props = Readonly<Record<string, unknown>>;
/** A copy of a list property with each element passed through `edit`. */
const each = (edit: (item: Record<string, unknown>) => Record<string, unknown>) => (current: unknown) =>
    (Array.isArray(current) ? current.map((item) => edit({ ...(item as Record<string, unknown>) })) : current);
/** A security group rule resource reached from the whole internet instead of a security group. */
const fromWorld = (props: unknown) => {
    const { referencedSecurityGroupId: _group, ...rest } = props as Props;
    return { ...rest, cidrIpv4: "0.0.0.0/0" };
};

export const MUTANTS: readonly Mutant[] = [
    // Compute: the launch template and the instance role
    { id: "imds-hop-limit-2", area: "compute", property: "IMDS hop limit 1 (CIS 5.6 / EC2.8)", type: LAUNCH_TEMPLATE, path: "metadataOptions.httpPutResponseHopLimit", to: 2 },
    { id: "imds-v1", area: "compute", property: "IMDSv2 required (CIS 5.6 / EC2.8)", type: LAUNCH_TEMPLATE, path: "metadataOptions.httpTokens", to: "optional" },
    { id: "root-volume-unencrypted", area: "compute", property: "encrypted root volume (EC2.3)", type: LAUNCH_TEMPLATE, path: "blockDeviceMappings.0.ebs.encrypted", to: "false" },
    { id: "template-public-ip", area: "compute", property: "no public IP (EC2.9)", type: LAUNCH_TEMPLATE, path: "networkInterfaces.0.associatePublicIpAddress", to: "true" },
    { id: "template-key-pair", area: "compute", property: "no SSH key pair (seed 000)", type: LAUNCH_TEMPLATE, path: "keyName", to: "ops-ssh" },
    { id: "app-egress-all-ports", area: "compute", property: "scoped egress (seed 000 #7)", type: EGRESS, name: /-app-egress-tcp-443$/, path: "", to: (p: Props) => ({ ...p, ipProtocol: "-1", fromPort: -1, toPort: -1 }) },
    { id: "app-role-logs-any-resource", area: "compute", property: "app role writes only its log group (IAM.21)", type: ROLE_POLICY, name: /-app-logs-metrics$/, path: "policy", to: editStatement("WriteOwnLogGroup", (s) => ({ ...s, Resource: "*" })) },
    { id: "app-role-action-star", area: "compute", property: "app role lists its actions (IAM.21)", type: ROLE_POLICY, name: /-app-logs-metrics$/, path: "policy", to: editStatement("WriteOwnLogGroup", (s) => ({ ...s, Action: "*" })) },
    { id: "app-role-metrics-any-namespace", area: "compute", property: "PutMetricData scoped to the stack's namespace (IAM.21)", type: ROLE_POLICY, name: /-app-logs-metrics$/, path: "policy", to: editStatement("PutMetricsInOwnNamespace", (s) => withoutCondition(s, "StringEquals")) },
    { id: "app-log-group-no-retention", area: "logging", property: "log retention (CloudWatch.16)", type: LOG_GROUP, name: /-app-logs$/, path: "retentionInDays", to: 0 },

    // KMS key policy
    { id: "kms-decrypt-anyone", area: "encryption-keys", property: "no wildcard principal in the key policy", type: KEY, path: "policy", to: editStatement("AlarmsAndEventsPublishToEncryptedTopics", (s) => ({ ...s, Principal: "*" })) },
    { id: "kms-anyone-decrypts-added", area: "encryption-keys", property: "no wildcard principal in the key policy (an added statement)", type: KEY, path: "policy", to: editStatements((all) => [{ Sid: "AppDecrypt", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }, ...all]) },
    { id: "kms-star-to-autoscaling", area: "encryption-keys", property: "kms:* only in the root statement", type: KEY, path: "policy", to: editStatement("AutoScalingUseKeyForEbs", (s) => ({ ...s, Action: "kms:*" })) },
    { id: "kms-root-statement-lost", area: "encryption-keys", property: "account root keeps the key (seed 001 #12)", type: KEY, path: "policy", to: editStatement("AccountRootAdministersKey", (s) => ({ ...s, Principal: { AWS: "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling" } })) },
    { id: "kms-no-rotation", area: "encryption-keys", property: "key rotation (CIS 3.6 / KMS.4)", type: KEY, path: "enableKeyRotation", to: false },

    // CloudTrail
    { id: "trail-no-global-events", area: "audit-trail", property: "global service events (CIS 3.1 / CloudTrail.1)", type: TRAIL, path: "includeGlobalServiceEvents", to: false },
    { id: "trail-single-region-prod", area: "audit-trail", property: "multi-region trail in prod (CIS 3.1)", type: TRAIL, path: "isMultiRegionTrail", to: false },
    { id: "trail-no-validation", area: "audit-trail", property: "log file validation (CIS 3.2 / CloudTrail.4)", type: TRAIL, path: "enableLogFileValidation", to: false },
    { id: "trail-no-kms", area: "audit-trail", property: "trail encrypted with the stack key (CIS 3.5 / CloudTrail.2)", type: TRAIL, path: "kmsKeyId", to: REMOVED },
    { id: "trail-write-only", area: "audit-trail", property: "read and write management events (CloudTrail.1)", type: TRAIL, path: "eventSelectors.0.readWriteType", to: "WriteOnly" },
    { id: "trail-no-cloudwatch", area: "audit-trail", property: "trail to CloudWatch Logs (CloudTrail.5)", type: TRAIL, path: "cloudWatchLogsRoleArn", to: REMOVED },
    { id: "trail-role-any-log-group", area: "audit-trail", property: "trail role writes only its log group (IAM.21)", type: ROLE_POLICY, name: /-cloudtrail-logs-policy$/, path: "policy", to: editStatement("WriteOwnTrailLogGroup", (s) => ({ ...s, Resource: "*" })) },
    { id: "trail-log-group-no-kms", area: "logging", property: "log group encrypted (seed 004 #8)", type: LOG_GROUP, name: /-cloudtrail-logs$/, path: "kmsKeyId", to: REMOVED },

    // AWS Config, GuardDuty, alarms
    { id: "config-role-s3-star", area: "config-recording", property: "no service-wide action in the Config role (IAM.21)", type: ROLE_POLICY, name: /-config-delivery-policy$/, path: "policy", to: editStatement("DeliverToOwnBucket", (s) => ({ ...s, Action: "s3:*" })) },
    { id: "config-bucket-list-anyone", area: "config-recording", property: "no wildcard principal in the Config bucket policy", type: BUCKET_POLICY, name: /-config-policy$/, path: "policy", to: editStatement("ConfigBucketExistenceCheck", (s) => withoutCondition({ ...s, Principal: "*" }, "StringEquals")) },
    { id: "config-not-all-resources", area: "config-recording", property: "Config records everything (CIS 3.3 / Config.1)", type: "aws:cfg/recorder:Recorder", path: "recordingGroup.allSupported", to: false },
    { id: "guardduty-suspended", area: "detection", property: "GuardDuty on (GuardDuty.1)", type: "aws:guardduty/detector:Detector", path: "enable", to: false },
    { id: "alerts-topic-unencrypted", area: "alarms", property: "alert topic encrypted (SNS.1)", type: "aws:sns/topic:Topic", path: "kmsMasterKeyId", to: REMOVED },
    { id: "alerts-topic-publish-anyone", area: "alarms", property: "no wildcard principal in the topic policy", type: TOPIC_POLICY, path: "policy", to: editStatement("FindingRulesOfThisStack", (s) => withoutCondition({ ...s, Principal: "*" }, "ArnEquals")) },
    { id: "cis-root-usage-filter-blind", area: "alarms", property: "root account usage alarm matches root (CIS 4.3)", type: "aws:cloudwatch/logMetricFilter:LogMetricFilter", name: /-cis-root-account-usage$/, path: "pattern", to: (p: unknown) => String(p).replace('"Root"', '"RootUser"') },
    { id: "password-length-8", area: "account-baseline", property: "password length 14 (CIS 1.8 / IAM.15)", type: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy", path: "minimumPasswordLength", to: 8 },
    { id: "ebs-default-encryption-off", area: "account-baseline", property: "EBS encryption by default (CIS 2.2.1 / EC2.7)", type: "aws:ebs/encryptionByDefault:EncryptionByDefault", path: "enabled", to: false },

    // Buckets
    { id: "bucket-tls-deny-put-only", area: "buckets", property: "deny every non-TLS request (CIS 2.1.1 / S3.5)", type: BUCKET_POLICY, path: "policy", to: editStatement("DenyInsecureTransport", (s) => ({ ...s, Action: "s3:PutObject" })) },
    { id: "bucket-public-policy-allowed", area: "buckets", property: "public access block (CIS 2.1.4 / S3.8)", type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", path: "blockPublicPolicy", to: false },
    { id: "bucket-versioning-suspended", area: "buckets", property: "versioning (S3.14)", type: "aws:s3/bucketVersioning:BucketVersioning", path: "versioningConfiguration.status", to: "Suspended" },

    // Database
    { id: "db-sg-from-world", area: "database", property: "database reached from the app group only (EC2.18)", type: INGRESS, name: /-db-ingress-from-app$/, path: "", to: fromWorld },
    { id: "db-public", area: "database", property: "database not public (RDS.2)", type: DB, path: "publiclyAccessible", to: true },
    { id: "db-unencrypted", area: "database", property: "database storage encrypted (RDS.3)", type: DB, path: "storageEncrypted", to: false },
    { id: "db-backups-1-day", area: "database", property: "7 days of backups (RDS.11)", type: DB, path: "backupRetentionPeriod", to: 1 },
    { id: "db-no-log-exports", area: "database", property: "database logs exported (RDS.9)", type: DB, path: "enabledCloudwatchLogsExports", to: [] },
    { id: "db-no-minor-upgrades", area: "database", property: "minor version upgrades (RDS.13)", type: DB, path: "autoMinorVersionUpgrade", to: false },
    { id: "db-no-deletion-protection-prod", area: "database", property: "prod database deletion-protected (RDS.8)", type: DB, path: "deletionProtection", to: false },
    { id: "db-password-not-managed", area: "database", property: "master password in Secrets Manager (seed 004 #1)", type: DB, path: "manageMasterUserPassword", to: false },

    // Web tier
    { id: "alb-keeps-invalid-headers", area: "web-tier", property: "drop invalid headers (ELB.4)", type: ALB, path: "dropInvalidHeaderFields", to: false },
    { id: "alb-desync-monitor", area: "web-tier", property: "desync mitigation (ELB.12)", type: ALB, path: "desyncMitigationMode", to: "monitor" },
    { id: "alb-no-access-logs", area: "web-tier", property: "ALB access logs (ELB.5)", type: ALB, path: "accessLogs.enabled", to: false },
    { id: "alb-tls-policy-2016", area: "tls", property: "listener TLS 1.2+ (ELB.17)", type: LISTENER, name: /-https$/, path: "sslPolicy", to: "ELBSecurityPolicy-2016-08", plan: "prod+tls" },
    { id: "alb-http-forwards-beside-https", area: "tls", property: "HTTP redirects to HTTPS (ELB.1)", type: LISTENER, name: /-http$/, path: "defaultActions", to: [{ type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/0123456789abcdef" }], plan: "prod+tls" },
    { id: "alb-no-deletion-protection-prod", area: "web-tier", property: "prod load balancer deletion-protected (ELB.6)", type: ALB, path: "enableDeletionProtection", to: false },
    { id: "app-ingress-from-world", area: "web-tier", property: "app reached through the load balancer only (EC2.18)", type: INGRESS, name: /-app-ingress-from-alb$/, path: "", to: fromWorld },
    { id: "waf-group-count-only", area: "web-tier", property: "managed rule groups block (WAF)", type: WEB_ACL, path: "rules", to: each((r) => (r.overrideAction ? { ...r, overrideAction: { count: {} } } : r)) },
    { id: "waf-rate-limit-count-only", area: "web-tier", property: "rate limit blocks (WAF)", type: WEB_ACL, path: "rules", to: each((r) => (r.action ? { ...r, action: { count: {} } } : r)) },
    { id: "waf-no-metrics", area: "web-tier", property: "WAF metrics (WAF.12)", type: WEB_ACL, path: "rules", to: each((r) => ({ ...r, visibilityConfig: { ...(r.visibilityConfig as object), cloudwatchMetricsEnabled: false } })) },

    // CDN
    { id: "cdn-tls1", area: "tls", property: "viewer TLS 1.2+ (CloudFront.7)", type: CDN, path: "viewerCertificate.minimumProtocolVersion", to: "TLSv1", plan: "prod+tls" },
    { id: "cdn-allows-http", area: "tls", property: "viewers on HTTPS (CloudFront.3)", type: CDN, path: "defaultCacheBehavior.viewerProtocolPolicy", to: "allow-all", plan: "prod+tls" },
    { id: "cdn-no-oac", area: "cdn", property: "origin access control (CloudFront.13)", type: CDN, path: "origins.0.originAccessControlId", to: REMOVED, plan: "prod+tls" },

    // Network
    { id: "default-sg-egress-open", area: "network", property: "default security group allows nothing (CIS 5.4 / EC2.2)", type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", path: "egress", to: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] },
    {
        id: "default-sg-rule-resource", area: "network", property: "no rule resource on the default security group (CIS 5.4 / EC2.2)", type: EGRESS, name: /-app-egress-tcp-443$/, path: "securityGroupId",
        // The app's HTTPS egress rule moved onto the VPC's default security group.
        to: (_current: unknown, _props: Props, registered: readonly Registered[]) => registered.find((r) => r.type === "aws:ec2/vpc:Vpc")?.state.defaultSecurityGroupId,
    },
    { id: "subnet-auto-public-ip", area: "network", property: "no auto-assigned public IPs (EC2.15)", type: "aws:ec2/subnet:Subnet", path: "mapPublicIpOnLaunch", to: true },
    { id: "flow-logs-reject-only", area: "network", property: "flow logs of ALL traffic (CIS 3.7 / EC2.6)", type: "aws:ec2/flowLog:FlowLog", path: "trafficType", to: "REJECT" },
    { id: "nacl-ssh-allowed", area: "network", property: "NACL denies SSH from the world (CIS 5.1 / EC2.21)", type: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl", path: "ingress", to: each((r) => (r.fromPort === 22 ? { ...r, action: "allow" } : r)) },
];

/** The mutant named `id`, or an error listing what exists. */
export function mutantNamed(id: string): Mutant {
    const mutant = MUTANTS.find((m) => m.id === id);
    if (!mutant) throw new Error(`no mutant named ${id} (tooling/mutants/mutants.ts)`);
    return mutant;
}

/** The resource transform of mutant `id`, reading earlier resources from the mock world's registrations. */
export function mutantTransform(id: string, world: { readonly registrations: readonly Registered[] }, applied?: (name: string) => void): pulumi.ResourceTransform {
    return transformOf(mutantNamed(id), () => world.registrations, applied);
}

export { editJson };
