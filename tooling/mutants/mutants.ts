/**
 * Weakenings of the program, one security property each, as a user adopting tap might make them,
 * written as plan-time transformations (tooling/mutants/transform.ts): a resource type (and, where
 * the stack has several, a pattern of logical names), a property path and the weakened value. Each is
 * applied through Pulumi's public resource transforms to the planned stack, never to the source.
 * `npm run mutants` plans each weakened stack on mocks and asks whether the policy pack and the
 * unit tests notice (docs/mutants.md). A mutant that changes no resource fails the run.
 */
import type * as pulumi from "@pulumi/pulumi";
import { strings } from "../../policy/values";
import { AreaName } from "./areas";
import { editJson, editStatement, editStatements, Registered, REMOVED, transformOf, Weakening, withoutCondition, withValueAt } from "./transform";

/** Which plan a mutant is judged on: a stack file, optionally with certificates (HTTPS listener, CDN) or over two regions (backup copies). */
export type MutantPlan = "dev" | "prod" | "prod+tls" | "prod+regions" | "prod+ci" | "prod+instance" | "prod+sessions";

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
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const SSM_DOCUMENT = "aws:ssm/document:Document";
const PATCH_BASELINE = "aws:ssm/patchBaseline:PatchBaseline";
const MW_TASK = "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask";
const DETECTOR_FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
const EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
const BACKUP_PLAN = "aws:backup/plan:Plan";
const BACKUP_SELECTION = "aws:backup/selection:Selection";
const VAULT_LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const OBJECT_LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const IAM_POLICY = "aws:iam/policy:Policy";
const ROLE = "aws:iam/role:Role";
const BUDGET = "aws:budgets/budget:Budget";
const STATE_MACHINE = "aws:sfn/stateMachine:StateMachine";
const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";

type Props = Readonly<Record<string, unknown>>;
/** A copy of a list property with each element passed through `edit`. */
const each = (edit: (item: Record<string, unknown>) => Record<string, unknown>) => (current: unknown) =>
    (Array.isArray(current) ? current.map((item) => edit({ ...(item as Record<string, unknown>) })) : current);
/** A property dropped from a whole-inputs weakening (`path: ""`). */
const REMOVED_VALUE = undefined;
const REMOVED_LIST = undefined;
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
    { id: "app-egress-all-ports", change: "every protocol and port (`ipProtocol` -1)", area: "compute", property: "scoped egress (seed 000 #7)", type: EGRESS, name: /-app-egress-tcp-443$/, path: "", to: (p: Props) => ({ ...p, ipProtocol: "-1", fromPort: -1, toPort: -1 }) },
    { id: "app-role-logs-any-resource", change: 'statement WriteOwnLogGroup: `Resource: "*"`', area: "compute", property: "app role writes only its log group (IAM.21)", type: ROLE_POLICY, name: /-app-logs-metrics$/, path: "policy", to: editStatement("WriteOwnLogGroup", (s) => ({ ...s, Resource: "*" })) },
    { id: "app-role-action-star", change: 'statement WriteOwnLogGroup: `Action: "*"`', area: "compute", property: "app role lists its actions (IAM.21)", type: ROLE_POLICY, name: /-app-logs-metrics$/, path: "policy", to: editStatement("WriteOwnLogGroup", (s) => ({ ...s, Action: "*" })) },
    { id: "app-role-metrics-any-namespace", change: "statement PutMetricsInOwnNamespace: namespace condition dropped", area: "compute", property: "PutMetricData scoped to the stack's namespace (IAM.21)", type: ROLE_POLICY, name: /-app-logs-metrics$/, path: "policy", to: editStatement("PutMetricsInOwnNamespace", (s) => withoutCondition(s, "StringEquals")) },
    { id: "app-log-group-no-retention", area: "logging", property: "log retention (CloudWatch.16)", type: LOG_GROUP, name: /-app-logs$/, path: "retentionInDays", to: 0 },

    // KMS key policy
    { id: "kms-decrypt-anyone", change: 'statement AlarmsAndEventsPublishToEncryptedTopics: `Principal: "*"`', area: "encryption-keys", property: "no wildcard principal in the key policy", type: KEY, path: "policy", to: editStatement("AlarmsAndEventsPublishToEncryptedTopics", (s) => ({ ...s, Principal: "*" })) },
    { id: "kms-anyone-decrypts-added", change: 'a statement letting `Principal: "*"` decrypt added', area: "encryption-keys", property: "no wildcard principal in the key policy (an added statement)", type: KEY, path: "policy", to: editStatements((all) => [{ Sid: "AppDecrypt", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }, ...all]) },
    { id: "kms-star-to-autoscaling", change: 'statement AutoScalingUseKeyForEbs: `Action: "kms:*"`', area: "encryption-keys", property: "kms:* only in the root statement", type: KEY, path: "policy", to: editStatement("AutoScalingUseKeyForEbs", (s) => ({ ...s, Action: "kms:*" })) },
    { id: "kms-root-statement-lost", change: "statement AccountRootAdministersKey: the Auto Scaling role instead of the account root", area: "encryption-keys", property: "account root keeps the key (seed 001 #12)", type: KEY, path: "policy", to: editStatement("AccountRootAdministersKey", (s) => ({ ...s, Principal: { AWS: "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling" } })) },
    { id: "kms-no-rotation", area: "encryption-keys", property: "key rotation (CIS 3.6 / KMS.4)", type: KEY, path: "enableKeyRotation", to: false },

    // CloudTrail
    { id: "trail-no-global-events", area: "audit-trail", property: "global service events (CIS 3.1 / CloudTrail.1)", type: TRAIL, path: "includeGlobalServiceEvents", to: false },
    { id: "trail-single-region-prod", area: "audit-trail", property: "multi-region trail in prod (CIS 3.1)", type: TRAIL, path: "isMultiRegionTrail", to: false },
    { id: "trail-no-validation", area: "audit-trail", property: "log file validation (CIS 3.2 / CloudTrail.4)", type: TRAIL, path: "enableLogFileValidation", to: false },
    { id: "trail-no-kms", area: "audit-trail", property: "trail encrypted with the stack key (CIS 3.5 / CloudTrail.2)", type: TRAIL, path: "kmsKeyId", to: REMOVED },
    { id: "trail-write-only", area: "audit-trail", property: "read and write management events (CloudTrail.1)", type: TRAIL, path: "eventSelectors.0.readWriteType", to: "WriteOnly" },
    { id: "trail-no-cloudwatch", area: "audit-trail", property: "trail to CloudWatch Logs (CloudTrail.5)", type: TRAIL, path: "cloudWatchLogsRoleArn", to: REMOVED },
    { id: "trail-role-any-log-group", change: 'statement WriteOwnTrailLogGroup: `Resource: "*"`', area: "audit-trail", property: "trail role writes only its log group (IAM.21)", type: ROLE_POLICY, name: /-cloudtrail-logs-policy$/, path: "policy", to: editStatement("WriteOwnTrailLogGroup", (s) => ({ ...s, Resource: "*" })) },
    { id: "trail-log-group-no-kms", area: "logging", property: "log group encrypted (seed 004 #8)", type: LOG_GROUP, name: /-cloudtrail-logs$/, path: "kmsKeyId", to: REMOVED },

    // AWS Config, GuardDuty, alarms
    {
        id: "config-custom-role", area: "config-recording", property: "Config records with its service-linked role (Config.1)", type: "aws:cfg/recorder:Recorder", path: "roleArn",
        change: "the flow logs role instead of AWS Config's service-linked role",
        to: (_current: unknown, _props: Props, registered: readonly Registered[]) => registered.find((r) => r.type === ROLE && /-flow-logs-role$/.test(r.name))?.state.arn,
    },
    { id: "config-bucket-list-anyone", change: 'statement ConfigBucketExistenceCheck: `Principal: "*"`, no condition', area: "config-recording", property: "no wildcard principal in the Config bucket policy", type: BUCKET_POLICY, name: /-config-policy$/, path: "policy", to: editStatement("ConfigBucketExistenceCheck", (s) => withoutCondition({ ...s, Principal: "*" }, "StringEquals")) },
    { id: "config-not-all-resources", area: "config-recording", property: "Config records everything (CIS 3.3 / Config.1)", type: "aws:cfg/recorder:Recorder", path: "recordingGroup.allSupported", to: false },
    { id: "guardduty-suspended", area: "detection", property: "GuardDuty on (GuardDuty.1)", type: "aws:guardduty/detector:Detector", path: "enable", to: false },
    { id: "alerts-topic-unencrypted", area: "alarms", property: "alert topic encrypted (SNS.1)", type: "aws:sns/topic:Topic", path: "kmsMasterKeyId", to: REMOVED },
    { id: "alerts-topic-publish-anyone", change: 'statement FindingRulesOfThisStack: `Principal: "*"`, no condition', area: "alarms", property: "no wildcard principal in the topic policy", type: TOPIC_POLICY, path: "policy", to: editStatement("FindingRulesOfThisStack", (s) => withoutCondition({ ...s, Principal: "*" }, "ArnEquals")) },
    { id: "alert-ack-logging-off", area: "alarms", property: "the alert state machine logs its executions (StepFunctions.1)", type: STATE_MACHINE, name: /-alert-ack$/, path: "loggingConfiguration.level", to: "OFF" },
    {
        id: "alert-ack-leaves-new", area: "alarms", property: "an alerted Security Hub finding is marked NOTIFIED, so its re-evaluations are no news (issue 25)", type: STATE_MACHINE, name: /-alert-ack$/, path: "definition",
        to: editJson((d) => withValueAt(d, "States.MarkNotified.Parameters.Workflow.Status", "NEW")), change: "MarkNotified sets Workflow.Status NEW",
    },
    {
        id: "securityhub-alerts-straight-to-topic", area: "alarms", property: "Security Hub alerts go through the acknowledging state machine (issue 25)", type: EVENT_TARGET, name: /-securityhub-high-to-alerts$/, path: "",
        to: (p: Props, _props: Props, registered: readonly Registered[]) => {
            const topic = registered.find((r) => r.type === "aws:sns/topic:Topic" && /-alerts$/.test(r.name))?.state.arn;
            const { roleArn: _dropped, ...rest } = p;
            return topic === undefined ? p : { ...rest, arn: topic };
        },
        change: "the rule's target is the alert topic itself, no role",
    },
    { id: "cis-root-usage-filter-blind", change: '`"Root"` → `"RootUser"` in the pattern', area: "alarms", property: "root account usage alarm matches root (CIS 4.3)", type: "aws:cloudwatch/logMetricFilter:LogMetricFilter", name: /-cis-root-account-usage$/, path: "pattern", to: (p: unknown) => String(p).replace('"Root"', '"RootUser"') },
    { id: "password-length-8", area: "account-baseline", property: "password length 14 (CIS 1.8 / IAM.15)", type: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy", path: "minimumPasswordLength", to: 8 },
    { id: "ebs-default-encryption-off", area: "account-baseline", property: "EBS encryption by default (CIS 2.2.1 / EC2.7)", type: "aws:ebs/encryptionByDefault:EncryptionByDefault", path: "enabled", to: false },

    // Buckets
    { id: "bucket-tls-deny-put-only", change: 'statement DenyInsecureTransport: `Action: "s3:PutObject"` only', area: "buckets", property: "deny every non-TLS request (CIS 2.1.1 / S3.5)", type: BUCKET_POLICY, path: "policy", to: editStatement("DenyInsecureTransport", (s) => ({ ...s, Action: "s3:PutObject" })) },
    { id: "bucket-public-policy-allowed", area: "buckets", property: "public access block (CIS 2.1.4 / S3.8)", type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", path: "blockPublicPolicy", to: false },
    { id: "bucket-versioning-suspended", area: "buckets", property: "versioning (S3.14)", type: "aws:s3/bucketVersioning:BucketVersioning", path: "versioningConfiguration.status", to: "Suspended" },

    // Database
    { id: "db-sg-from-world", change: "from 0.0.0.0/0 instead of the app's security group", area: "database", property: "database reached from the app group only (EC2.18)", type: INGRESS, name: /-db-ingress-from-app$/, path: "", to: fromWorld },
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
    { id: "app-ingress-from-world", change: "from 0.0.0.0/0 instead of the load balancer's security group", area: "web-tier", property: "app reached through the load balancer only (EC2.18)", type: INGRESS, name: /-app-ingress-from-alb$/, path: "", to: fromWorld },
    { id: "waf-group-count-only", change: "every managed rule group overridden to count", area: "web-tier", property: "managed rule groups block (WAF)", type: WEB_ACL, path: "rules", to: each((r) => (r.overrideAction ? { ...r, overrideAction: { count: {} } } : r)) },
    { id: "waf-rate-limit-count-only", change: "every rule action count", area: "web-tier", property: "rate limit blocks (WAF)", type: WEB_ACL, path: "rules", to: each((r) => (r.action ? { ...r, action: { count: {} } } : r)) },
    { id: "waf-no-metrics", change: "every rule's CloudWatch metrics off", area: "web-tier", property: "WAF metrics (WAF.12)", type: WEB_ACL, path: "rules", to: each((r) => ({ ...r, visibilityConfig: { ...(r.visibilityConfig as object), cloudwatchMetricsEnabled: false } })) },

    // CDN
    { id: "cdn-tls1", area: "tls", property: "viewer TLS 1.2+ (CloudFront.7)", type: CDN, path: "viewerCertificate.minimumProtocolVersion", to: "TLSv1", plan: "prod+tls" },
    { id: "cdn-allows-http", area: "tls", property: "viewers on HTTPS (CloudFront.3)", type: CDN, path: "defaultCacheBehavior.viewerProtocolPolicy", to: "allow-all", plan: "prod+tls" },
    { id: "cdn-no-oac", area: "cdn", property: "origin access control (CloudFront.13)", type: CDN, path: "origins.0.originAccessControlId", to: REMOVED, plan: "prod+tls" },
    { id: "cdn-no-root-object", area: "cdn", property: "a default root object (CloudFront.1)", type: CDN, path: "defaultRootObject", to: "", plan: "prod+tls" },

    // Network
    { id: "default-sg-egress-open", area: "network", property: "default security group allows nothing (CIS 5.4 / EC2.2)", type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", path: "egress", to: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] },
    {
        id: "default-sg-rule-resource", change: "the VPC's default security group", area: "network", property: "no rule resource on the default security group (CIS 5.4 / EC2.2)", type: EGRESS, name: /-app-egress-tcp-443$/, path: "securityGroupId",
        // The app's HTTPS egress rule moved onto the VPC's default security group.
        to: (_current: unknown, _props: Props, registered: readonly Registered[]) => registered.find((r) => r.type === "aws:ec2/vpc:Vpc")?.state.defaultSecurityGroupId,
    },
    { id: "subnet-auto-public-ip", area: "network", property: "no auto-assigned public IPs (EC2.15)", type: "aws:ec2/subnet:Subnet", path: "mapPublicIpOnLaunch", to: true },
    { id: "flow-logs-reject-only", area: "network", property: "flow logs of ALL traffic (CIS 3.7 / EC2.6)", type: "aws:ec2/flowLog:FlowLog", path: "trafficType", to: "REJECT" },
    { id: "nacl-ssh-allowed", change: "rule 10 (SSH from the world) allows", area: "network", property: "NACL denies SSH from the world (CIS 5.1 / EC2.21)", type: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl", path: "ingress", to: each((r) => (r.fromPort === 22 ? { ...r, action: "allow" } : r)) },

    // ---- Issue 28's round: the controls added in the last stage, one weakening per property their tests assert (values and coverage, not only presence)

    // Private management: VPC endpoints, session logging, patching
    { id: "endpoint-no-private-dns", area: "private-management", property: "interface endpoints answer the service's own name (EC2.57)", type: ENDPOINT, name: /-ssm-endpoint$/, path: "privateDnsEnabled", to: false },
    { id: "endpoint-policy-any-account", area: "private-management", property: "endpoint policy admits this account's principals only (EC2.57)", type: ENDPOINT, name: /-ssm-endpoint$/, path: "policy", to: editStatement("OwnPrincipals", (s) => withoutCondition(s, "StringEquals")), change: "statement OwnPrincipals: account condition dropped" },
    { id: "endpoint-sg-from-world", area: "private-management", property: "endpoint security group admits HTTPS from the VPC only (EC2.57)", type: SECURITY_GROUP, name: /-endpoints-sg$/, path: "ingress.0.cidrBlocks", to: ["0.0.0.0/0"] },
    { id: "endpoint-one-subnet", area: "private-management", property: "interface endpoints in every private subnet (EC2.57, SSM.1)", type: ENDPOINT, name: /-ssm-endpoint$/, path: "subnetIds", to: (ids: unknown) => (Array.isArray(ids) ? ids.slice(0, 1) : ids), change: "the first private subnet only" },
    { id: "s3-gateway-one-route-table", area: "private-management", property: "the S3 gateway endpoint on every private route table", type: ENDPOINT, name: /-s3-gateway$/, path: "routeTableIds", to: (ids: unknown) => (Array.isArray(ids) ? ids.slice(0, 1) : ids), change: "the first route table only" },
    { id: "session-logs-unencrypted", area: "private-management", property: "session logs encrypted in CloudWatch Logs", type: SSM_DOCUMENT, name: /-session-preferences$/, path: "content", to: editJson((d) => withValueAt(d, "inputs.cloudWatchEncryptionEnabled", false)), change: "inputs.cloudWatchEncryptionEnabled false", plan: "prod+sessions" },
    { id: "session-transcripts-off", area: "private-management", property: "session transcripts to the bucket", type: SSM_DOCUMENT, name: /-session-preferences$/, path: "content", to: editJson((d) => withValueAt(d, "inputs.s3BucketName", "")), change: "inputs.s3BucketName empty", plan: "prod+sessions" },
    { id: "session-run-as-on", area: "private-management", property: "Run As off (sessions as ssm-user)", type: SSM_DOCUMENT, name: /-session-preferences$/, path: "content", to: editJson((d) => withValueAt(withValueAt(d, "inputs.runAsEnabled", true), "inputs.runAsDefaultUser", "root")), change: "inputs.runAsEnabled true, as root", plan: "prod+sessions" },
    { id: "session-unbounded", area: "private-management", property: "sessions bounded in time", type: SSM_DOCUMENT, name: /-session-preferences$/, path: "content", to: editJson((d) => withValueAt(d, "inputs.maxSessionDuration", "")), change: "inputs.maxSessionDuration empty", plan: "prod+sessions" },
    { id: "patch-approval-late", area: "private-management", property: "security updates approved within the configured days (SSM.2)", type: PATCH_BASELINE, path: "approvalRules.0.approveAfterDays", to: 100 },
    { id: "patch-critical-only", area: "private-management", property: "security updates of every configured severity approved (SSM.2)", type: PATCH_BASELINE, path: "approvalRules.0.patchFilters", to: each((f) => (f.key === "SEVERITY" ? { ...f, values: ["Critical"] } : f)), change: "severity filter Critical only" },
    { id: "patch-scan-targets-nothing", area: "private-management", property: "the daily scan targets the instances' patch group (SSM.2, SSM.3)", type: "aws:ssm/association:Association", path: "targets", to: [{ key: "tag:PatchGroup", values: ["nothing-carries-this"] }] },
    { id: "patch-scan-monthly", area: "private-management", property: "a daily patch scan (SSM.3)", type: "aws:ssm/association:Association", path: "scheduleExpression", to: "rate(30 days)" },
    { id: "patch-install-no-reboot", area: "private-management", property: "an instance patched in place reboots, leaving nothing pending (SSM.2)", type: MW_TASK, path: "taskInvocationParameters.runCommandParameters.parameters", to: each((p) => (p.name === "RebootOption" ? { ...p, values: ["NoReboot"] } : p)), change: "RebootOption NoReboot", plan: "prod+instance" },
    { id: "patch-install-all-at-once", area: "private-management", property: "installs one instance at a time", type: MW_TASK, path: "maxConcurrency", to: "100%", plan: "prod+instance" },
    { id: "patch-install-targets-nothing", area: "private-management", property: "the install window targets the instances' patch group (SSM.2)", type: "aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget", path: "targets", to: [{ key: "tag:PatchGroup", values: ["nothing-carries-this"] }], plan: "prod+instance" },

    // Detection
    { id: "securityhub-cis-old-version", area: "detection", property: "CIS v3.0.0 subscribed (CIS 4.16)", type: "aws:securityhub/standardsSubscription:StandardsSubscription", name: /-standard-cis$/, path: "standardsArn", to: "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0" },
    { id: "securityhub-controls-manual", area: "detection", property: "new controls enabled automatically (CIS 4.16)", type: "aws:securityhub/account:Account", path: "autoEnableControls", to: false },
    { id: "access-analyzer-unused-only", area: "detection", property: "an external-access analyzer (CIS 1.20)", type: "aws:accessanalyzer/analyzer:Analyzer", path: "type", to: "ACCOUNT_UNUSED_ACCESS" },
    { id: "guardduty-runtime-off", area: "detection", property: "Runtime Monitoring on in prod (GuardDuty.11)", type: DETECTOR_FEATURE, name: /-runtime-monitoring$/, path: "status", to: "DISABLED" },
    { id: "guardduty-agent-manual", area: "detection", property: "EC2 agent management with Runtime Monitoring (GuardDuty.13)", type: DETECTOR_FEATURE, name: /-runtime-monitoring$/, path: "additionalConfigurations", to: each((c) => ({ ...c, status: "DISABLED" })), change: "EC2_AGENT_MANAGEMENT DISABLED" },
    { id: "guardduty-s3-protection-off", area: "detection", property: "S3 Protection on (GuardDuty.1)", type: DETECTOR_FEATURE, name: /-s3-data-events$/, path: "status", to: "DISABLED" },
    { id: "guardduty-malware-protection-off", area: "detection", property: "EBS Malware Protection on (GuardDuty.1)", type: DETECTOR_FEATURE, name: /-ebs-malware-protection$/, path: "status", to: "DISABLED" },
    { id: "inspector-ecr-only", area: "detection", property: "Inspector scans EC2 instances (Inspector.1)", type: "aws:inspector2/enabler:Enabler", path: "resourceTypes", to: ["ECR"] },
    { id: "securityhub-findings-rule-blind", area: "detection", property: "HIGH and CRITICAL Security Hub findings reach the topic (CIS 4.16)", type: EVENT_RULE, name: /-securityhub-high$/, path: "eventPattern", to: editJson((d) => withValueAt(d, "detail.findings.Severity.Label", ["INFORMATIONAL"])), change: "severity INFORMATIONAL only" },

    // Backup and Object Lock
    { id: "backup-daily-1-day", area: "backup", property: "daily recovery points kept the profile's days (prod 35; RDS.26)", type: BACKUP_PLAN, path: "rules", to: each((r) => (r.ruleName === "daily" ? { ...r, lifecycle: { deleteAfter: 1 } } : r)), change: "daily rule kept 1 day" },
    { id: "backup-monthly-dropped", area: "backup", property: "monthly recovery points kept a year in prod (RDS.26)", type: BACKUP_PLAN, path: "rules", to: (rules: unknown) => (Array.isArray(rules) ? rules.filter((r) => (r as Props).ruleName !== "monthly") : rules), change: "monthly rule removed" },
    { id: "backup-rule-default-vault", area: "backup", property: "rules target the stack's encrypted, locked vault (Backup.1)", type: BACKUP_PLAN, path: "rules", to: each((r) => ({ ...r, targetVaultName: "Default" })), change: "every rule into the account's Default vault" },
    { id: "backup-selection-by-absent-tag", area: "backup", property: "the selection covers the database (RDS.26)", type: BACKUP_SELECTION, path: "", to: (p: Props) => ({ ...p, resources: REMOVED_LIST, selectionTags: [{ type: "STRINGEQUALS", key: "Backup", value: "daily" }] }), change: "by a tag the database does not carry, instead of its ARN" },
    { id: "backup-selection-other-db", area: "backup", property: "the selection covers the stack's database (RDS.26)", type: BACKUP_SELECTION, path: "resources", to: ["arn:aws:rds:us-east-1:123456789012:db:some-other-db"] },
    { id: "backup-vault-no-kms", area: "backup", property: "vault encrypted with the stack key (Backup.1)", type: "aws:backup/vault:Vault", path: "kmsKeyArn", to: REMOVED },
    { id: "backup-lock-min-1-day", area: "backup", property: "vault lock's minimum retention (prod 7 days)", type: VAULT_LOCK, path: "minRetentionDays", to: 1 },
    { id: "backup-lock-other-vault", area: "backup", property: "the vault lock locks the stack's vault", type: VAULT_LOCK, path: "backupVaultName", to: "Default" },
    { id: "backup-copy-dropped", area: "backup", property: "recovery points copied to the next region", type: BACKUP_PLAN, name: /-use1-backup-plan$/, path: "rules", to: each((r) => { const { copyActions: _dropped, ...rest } = r; return rest; }), change: "copy actions removed", plan: "prod+regions" },
    { id: "backup-role-admin", area: "backup", property: "the backup role carries AWS's backup and restore policies only", type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: /-backup-role-backup$/, path: "policyArn", to: "arn:aws:iam::aws:policy/AdministratorAccess" },
    { id: "object-lock-1-day", area: "object-lock", property: "trail files locked the profile's days (prod 365)", type: OBJECT_LOCK, path: "rule.defaultRetention.days", to: 1 },
    { id: "object-lock-no-default", area: "object-lock", property: "trail files locked by default", type: OBJECT_LOCK, path: "rule", to: REMOVED },

    // TLS (prod with certificates)
    { id: "cdn-no-waf", area: "cdn", property: "web ACL on the CDN (CloudFront.6)", type: CDN, path: "webAclId", to: REMOVED, plan: "prod+tls" },
    { id: "alb-https-listener-http", area: "tls", property: "the load balancer serves HTTPS (ELB.1)", type: LISTENER, name: /-https$/, path: "", to: (p: Props) => ({ ...p, protocol: "HTTP", port: 8443, sslPolicy: REMOVED_VALUE, certificateArn: REMOVED_VALUE }), change: "the HTTPS listener turned plain HTTP", plan: "prod+tls" },
    { id: "waf-no-rules", area: "web-tier", property: "the web ACL has rules (WAF.10)", type: WEB_ACL, name: /-web-acl$/, path: "rules", to: [] },

    // Access roles
    { id: "operators-mfa-deny-dropped", area: "access", property: "operators denied everything until signed in with MFA (CIS 1.10 / IAM.19)", type: IAM_POLICY, name: /-operators-mfa$/, path: "policy", to: editStatement("BlockMostAccessUnlessSignedInWithMFA", () => undefined), change: "statement BlockMostAccessUnlessSignedInWithMFA removed" },
    { id: "operators-mfa-deny-exempts-ec2", area: "access", property: "the MFA deny exempts only enrolling one's MFA (CIS 1.10 / IAM.19)", type: IAM_POLICY, name: /-operators-mfa$/, path: "policy", to: editStatement("BlockMostAccessUnlessSignedInWithMFA", (s) => ({ ...s, NotAction: [...(s.NotAction as string[]), "ec2:*"] })), change: "statement BlockMostAccessUnlessSignedInWithMFA: ec2:* exempt" },
    { id: "operators-mfa-deny-conditional", area: "access", property: "the MFA deny applies whenever MFA is absent (CIS 1.10 / IAM.19)", type: IAM_POLICY, name: /-operators-mfa$/, path: "policy", to: editStatement("BlockMostAccessUnlessSignedInWithMFA", (s) => ({ ...s, Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } })), change: "BoolIfExists → Bool (no MFA key: not denied)" },
    { id: "operators-sessions-any-instance", area: "access", property: "operators' sessions on this stack's instances only", type: IAM_POLICY, name: /-operators-sessions$/, path: "policy", to: editStatement("StartSessionOnStackInstances", (s) => withoutCondition(s, "StringEquals")), change: "statement StartSessionOnStackInstances: tag condition dropped" },
    { id: "auditor-writes", area: "access", property: "the auditor is read-only", type: ROLE_POLICY, name: /-auditor-read$/, path: "policy", to: editStatement("VerifyChecksReadOnly", (s) => ({ ...s, Action: [...(s.Action as string[]), "ec2:TerminateInstances"] })), change: "ec2:TerminateInstances added" },
    { id: "auditor-managed-admin", area: "access", property: "the auditor is read-only (managed policies too)", type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: /-support-managed$/, path: "", to: (p: Props) => ({ ...p, role: String(p.role).replace(/-support$/, "-auditor"), policyArn: "arn:aws:iam::aws:policy/PowerUserAccess" }), change: "PowerUserAccess attached to the auditor" },
    { id: "support-no-mfa", area: "access", property: "people assume the support role with MFA (CIS 1.17)", type: ROLE, name: /-support$/, path: "assumeRolePolicy", to: editStatement("AccountPeopleWithMFA", (s) => withoutCondition(s, "Bool")), change: "MFA condition dropped" },
    { id: "support-admin", area: "access", property: "the support role carries AWSSupportAccess and nothing more (CIS 1.17)", type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: /-support-managed$/, path: "policyArn", to: "arn:aws:iam::aws:policy/AdministratorAccess" },
    { id: "people-session-12h", area: "access", property: "an hour's session for people", type: ROLE, name: /-(support|auditor)$/, path: "maxSessionDuration", to: 43200 },

    // KMS deletion guard and protection
    { id: "kms-guard-conditional", area: "kms-deletion-guard", property: "the deletion guard denies unconditionally (KMS.3)", type: KEY, path: "policy", to: editStatement("DenyKeyDeletionAndDisablingButBreakGlass", (s) => ({ ...s, Condition: { StringEquals: { "aws:PrincipalTag/team": "platform" } } })), change: "deny only for principals tagged team=platform" },
    { id: "kms-guard-disable-only", area: "kms-deletion-guard", property: "the deletion guard denies ScheduleKeyDeletion (KMS.3)", type: KEY, path: "policy", to: editStatement("DenyKeyDeletionAndDisablingButBreakGlass", (s) => ({ ...s, Action: "kms:DisableKey" })), change: "ScheduleKeyDeletion no longer denied" },
    { id: "kms-guard-short-window", area: "kms-deletion-guard", property: "no deletion window shorter than the key's 30 days (KMS.3)", type: KEY, path: "policy", to: editStatement("DenyShortDeletionWindow", (s) => ({ ...s, Condition: { NumericLessThan: { "kms:ScheduleKeyDeletionPendingWindowInDays": 7 } } })), change: "windows of 7 days and more allowed" },
    { id: "unprotected-database", area: "protection", property: "prod's database protected (RDS.8 by Pulumi protect)", type: DB, path: "protect", option: true, to: false },
    { id: "unprotected-trail-bucket", area: "protection", property: "prod's trail bucket protected", type: "aws:s3/bucket:Bucket", name: /-cloudtrail$/, path: "protect", option: true, to: false },
    { id: "unprotected-backup-vault", area: "protection", property: "prod's backup vault protected", type: "aws:backup/vault:Vault", path: "protect", option: true, to: false },

    // The CI deploy role (prod with tap:githubRepository)
    { id: "deploy-creates-roles-unbounded", area: "deploy-role", property: "the deploy role creates roles only with the workload boundary (iam:PermissionsBoundary)", type: IAM_POLICY, name: /-deploy$/, path: "policy", to: editStatement("StackRolesOnlyWithWorkloadBoundary", (s) => withoutCondition(s, "StringEquals")), change: "statement StackRolesOnlyWithWorkloadBoundary: boundary condition dropped", plan: "prod+ci" },
    { id: "deploy-passrole-any-service", area: "deploy-role", property: "the deploy role passes roles only to the services that use them (iam:PassedToService)", type: IAM_POLICY, name: /-deploy$/, path: "policy", to: editStatement((s) => strings(s.Action).includes("iam:PassRole"), (s) => { const { Condition: _dropped, ...rest } = s; return rest; }), change: "iam:PassRole statements without their conditions", plan: "prod+ci" },
    { id: "deploy-trust-any-repository", area: "deploy-role", property: "only one repository's environment assumes the deploy role (seed 002 #9)", type: ROLE, name: /-deploy$/, path: "assumeRolePolicy", to: editStatement("GitHubActionsOfOneRepository", (s) => ({ ...withoutCondition(s, "StringEquals", "token.actions.githubusercontent.com:sub"), Condition: { ...(withoutCondition(s, "StringEquals", "token.actions.githubusercontent.com:sub").Condition as object), StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/*" } } })), change: "subject repo:acme/* (StringLike)", plan: "prod+ci" },
    { id: "waf-logs-other-acl", area: "web-tier", property: "every web ACL logs its requests (WAF.11)", type: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", name: /-web-acl-logging$/, path: "resourceArn", to: "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/someone-else/0123" },

    // The app data bucket (seed 002)
    { id: "app-data-sse-s3", area: "app-data", property: "app data encrypted with the region's stack key (S3.17)", type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", name: /-app-data-sse$/, path: "rules", to: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
    { id: "trail-blind-to-app-data", area: "app-data", property: "the trail records the app data bucket's object reads and writes (CIS 3.8/3.9)", type: TRAIL, path: "eventSelectors", to: each((e) => { const { dataResources: _dropped, ...rest } = e; return rest; }), change: "data event selectors removed" },

    // Budget
    { id: "budget-forecast-dropped", area: "budget", property: "a forecast alert before the money is spent", type: BUDGET, path: "notifications", to: (n: unknown) => (Array.isArray(n) ? n.filter((x) => (x as Props).notificationType !== "FORECASTED") : n), change: "forecast notification removed" },
    { id: "budget-alerts-elsewhere", area: "budget", property: "budget alerts reach the stack's topic", type: BUDGET, path: "notifications", to: each((x) => ({ ...x, subscriberSnsTopicArns: ["arn:aws:sns:us-east-1:123456789012:someone-elses-topic"] })), change: "alerts to another topic" },

    // Resilience, and the account baseline's remaining password rules
    { id: "rds-multi-az-off-prod", area: "resilience", property: "prod database Multi-AZ (RDS.5)", type: DB, path: "multiAz", to: false },
    { id: "rds-enhanced-monitoring-off", area: "resilience", property: "enhanced monitoring (RDS.6)", type: DB, path: "monitoringInterval", to: 0 },
    { id: "rds-iam-auth-off", area: "resilience", property: "IAM database authentication (RDS.10)", type: DB, path: "iamDatabaseAuthenticationEnabled", to: false },
    { id: "asg-launch-errors-only", area: "resilience", property: "Auto Scaling reports terminate errors too", type: "aws:autoscaling/notification:Notification", path: "notifications", to: ["autoscaling:EC2_INSTANCE_LAUNCH_ERROR"] },
    { id: "password-reuse-1", area: "account-baseline", property: "24 passwords remembered (CIS 1.9 / IAM.16)", type: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy", path: "passwordReusePrevention", to: 1 },
    { id: "password-no-symbols", area: "account-baseline", property: "passwords need symbols (IAM.7)", type: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy", path: "requireSymbols", to: false },
    { id: "bucket-access-logs-elsewhere", area: "buckets", property: "server access logs to the stack's access-log bucket (S3.9)", type: "aws:s3/bucketLogging:BucketLogging", name: /-cloudtrail-access-logging$/, path: "targetBucket", to: "someone-elses-bucket" },
    // ---- A held-out round (issue 28's measure): written after the rules above, run once before any rule was tuned to it (16 / 24 caught then)
    { id: "object-lock-364-days", area: "object-lock", property: "trail files locked the profile's days (prod 365)", type: OBJECT_LOCK, path: "rule.defaultRetention.days", to: 364 },
    { id: "object-lock-disabled", area: "object-lock", property: "Object Lock enabled on the trail bucket", type: OBJECT_LOCK, path: "objectLockEnabled", to: "Disabled" },
    { id: "backup-daily-34-days", area: "backup", property: "daily recovery points kept 35 days in prod (RDS.26)", type: BACKUP_PLAN, path: "rules", to: each((r) => (r.ruleName === "daily" ? { ...r, lifecycle: { deleteAfter: 34 } } : r)), change: "daily rule kept 34 days" },
    { id: "backup-monthly-364-days", area: "backup", property: "monthly recovery points kept a year in prod (RDS.26)", type: BACKUP_PLAN, path: "rules", to: each((r) => (r.ruleName === "monthly" ? { ...r, lifecycle: { deleteAfter: 364 } } : r)), change: "monthly rule kept 364 days" },
    { id: "backup-lock-min-6-days", area: "backup", property: "vault lock's minimum retention (prod 7 days)", type: VAULT_LOCK, path: "minRetentionDays", to: 6 },
    { id: "backup-selection-other-pattern", area: "backup", property: "the selection covers the database (RDS.26)", type: BACKUP_SELECTION, path: "resources", to: ["arn:aws:rds:us-east-1:123456789012:db:other-*"] },
    { id: "backup-vault-aws-managed-key", area: "backup", property: "vault encrypted with the stack key, not an AWS managed one (Backup.1)", type: "aws:backup/vault:Vault", path: "kmsKeyArn", to: "alias/aws/backup" },
    { id: "guardduty-rds-protection-off", area: "detection", property: "RDS Protection on (GuardDuty.9)", type: DETECTOR_FEATURE, name: /-rds-login-events$/, path: "status", to: "DISABLED" },
    { id: "guardduty-lambda-protection-off", area: "detection", property: "Lambda Protection on (GuardDuty.6)", type: DETECTOR_FEATURE, name: /-lambda-network-logs$/, path: "status", to: "DISABLED" },
    { id: "inspector-scans-nothing", area: "detection", property: "Inspector scans EC2 instances (Inspector.1)", type: "aws:inspector2/enabler:Enabler", path: "resourceTypes", to: [] },
    { id: "securityhub-fsbp-replaced", area: "detection", property: "FSBP subscribed (CIS 4.16)", type: "aws:securityhub/standardsSubscription:StandardsSubscription", name: /-standard-fsbp$/, path: "standardsArn", to: "arn:aws:securityhub:us-east-1::standards/nist-800-53/v/5.0.0" },
    { id: "kms-guard-wildcard-exception", area: "kms-deletion-guard", property: "the deletion guard excepts one named role at most (KMS.3)", type: KEY, path: "policy", to: editStatement("DenyKeyDeletionAndDisablingButBreakGlass", (s) => ({ ...s, Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/*" } } })), change: "every role excepted (ArnNotLike arn:aws:iam::*:role/*)" },
    { id: "kms-guard-root-only", area: "kms-deletion-guard", property: "the deletion guard applies to every principal (KMS.3)", type: KEY, path: "policy", to: editStatement("DenyKeyDeletionAndDisablingButBreakGlass", (s) => ({ ...s, Principal: { AWS: "arn:aws:iam::123456789012:root" } })), change: "denied to the account root only" },
    { id: "operators-mfa-deny-s3-only", area: "access", property: "the MFA deny covers every resource (CIS 1.10 / IAM.19)", type: IAM_POLICY, name: /-operators-mfa$/, path: "policy", to: editStatement("BlockMostAccessUnlessSignedInWithMFA", (s) => ({ ...s, Resource: "arn:aws:s3:::*" })), change: "statement BlockMostAccessUnlessSignedInWithMFA on S3 only" },
    { id: "auditor-passes-roles", area: "access", property: "the auditor is read-only", type: ROLE_POLICY, name: /-auditor-read$/, path: "policy", to: editStatement("VerifyChecksReadOnly", (s) => ({ ...s, Action: [...(s.Action as string[]), "iam:PassRole"] })), change: "iam:PassRole added" },
    { id: "support-mfa-age-dropped", area: "access", property: "people assume the support role with recent MFA (CIS 1.17)", type: ROLE, name: /-support$/, path: "assumeRolePolicy", to: editStatement("AccountPeopleWithMFA", (s) => withoutCondition(s, "NumericLessThan")), change: "MFA age condition dropped" },
    { id: "auditor-session-2h", area: "access", property: "an hour's session for people", type: ROLE, name: /-auditor$/, path: "maxSessionDuration", to: 7200 },
    { id: "patch-approval-8-days", area: "private-management", property: "security updates approved within 7 days in prod (SSM.2)", type: PATCH_BASELINE, path: "approvalRules.0.approveAfterDays", to: 8 },
    { id: "patch-scan-every-2-days", area: "private-management", property: "a daily patch scan (SSM.3)", type: "aws:ssm/association:Association", path: "scheduleExpression", to: "rate(2 days)" },
    { id: "session-idle-2h", area: "private-management", property: "idle sessions end (at most 60 minutes)", type: SSM_DOCUMENT, name: /-session-preferences$/, path: "content", to: editJson((d) => withValueAt(d, "inputs.idleSessionTimeout", "120")), change: "inputs.idleSessionTimeout 120", plan: "prod+sessions" },
    { id: "endpoint-no-security-group", area: "private-management", property: "interface endpoints carry the endpoint security group (EC2.57)", type: ENDPOINT, name: /-kms-endpoint$/, path: "securityGroupIds", to: [] },
    { id: "budget-threshold-500", area: "budget", property: "budget alerts at the configured thresholds", type: BUDGET, path: "notifications", to: each((n) => ({ ...n, threshold: 500 })), change: "every threshold 500 %" },
    { id: "db-backups-7-days-prod", area: "database", property: "30 days of backups in prod (RDS.11)", type: DB, path: "backupRetentionPeriod", to: 7 },
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


