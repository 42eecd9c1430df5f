/**
 * Weakenings of the program, one security property each, as a user adopting tap might make them:
 * each is one search/replace on one program source file (the search text must occur exactly
 * once, so a mutant that no longer applies fails loudly rather than passing silently).
 * `npm run mutants` plans each mutated program on mocks and asks whether the policy pack and
 * the unit tests notice (docs/mutants.md).
 */

/** Which plan a mutant is judged on: a stack file, optionally with the CDN switched on (prod has web and data). */
export type MutantPlan = "dev" | "prod" | "prod+tls";

export interface Mutant {
    /** kebab-case, unique. */
    readonly id: string;
    /** The property weakened, with its control. */
    readonly property: string;
    /** A program source file, relative to the project root. */
    readonly file: string;
    readonly search: string;
    readonly replace: string;
    /** @default "prod" */
    readonly plan?: MutantPlan;
}

const COMPUTE = "lib/compute/compute.ts";
const KEY_POLICY = "lib/security/key-policy.ts";
const TRAIL = "lib/monitoring/audit-trail.ts";
const DATABASE = "lib/data/database.ts";
const WEB_TIER = "lib/web/web-tier.ts";
const STATIC_SITE = "lib/web/static-site.ts";
const VPC = "lib/network/vpc-network.ts";
const BUCKET = "lib/security/secure-bucket.ts";
const CONFIG = "lib/monitoring/config-recording.ts";

export const MUTANTS: readonly Mutant[] = [
    // Compute: the launch template and the instance role
    { id: "imds-hop-limit-2", property: "IMDS hop limit 1 (CIS 5.6 / EC2.8)", file: COMPUTE, search: "httpPutResponseHopLimit: 1,", replace: "httpPutResponseHopLimit: 2," },
    { id: "imds-v1", property: "IMDSv2 required (CIS 5.6 / EC2.8)", file: COMPUTE, search: 'httpTokens: "required",', replace: 'httpTokens: "optional",' },
    { id: "root-volume-unencrypted", property: "encrypted root volume (EC2.3)", file: COMPUTE, search: 'encrypted: "true", // EC2.3', replace: 'encrypted: "false", // EC2.3' },
    { id: "template-public-ip", property: "no public IP (EC2.9)", file: COMPUTE, search: 'associatePublicIpAddress: "false", // EC2.9', replace: 'associatePublicIpAddress: "true", // EC2.9' },
    { id: "template-key-pair", property: "no SSH key pair (seed 000)", file: COMPUTE, search: 'instanceType: args.instanceType ?? "t3.micro",', replace: 'instanceType: args.instanceType ?? "t3.micro",\n            keyName: "ops-ssh",' },
    { id: "app-egress-all-ports", property: "scoped egress (seed 000 #7)", file: COMPUTE, search: 'ipProtocol: "tcp", port: 443, cidrIpv4: "0.0.0.0/0" },', replace: 'ipProtocol: "-1", port: -1, cidrIpv4: "0.0.0.0/0" },' },
    { id: "app-role-logs-any-resource", property: "app role writes only its log group (IAM.21)", file: COMPUTE, search: 'writeLogGroupStatement("WriteOwnLogGroup", this.appLogGroup),', replace: '{ ...writeLogGroupStatement("WriteOwnLogGroup", this.appLogGroup), Resource: "*" },' },
    { id: "app-role-action-star", property: "app role lists its actions (IAM.21)", file: COMPUTE, search: 'writeLogGroupStatement("WriteOwnLogGroup", this.appLogGroup),', replace: '{ ...writeLogGroupStatement("WriteOwnLogGroup", this.appLogGroup), Action: "*" },' },
    { id: "app-role-metrics-any-namespace", property: "PutMetricData scoped to the stack's namespace (IAM.21)", file: COMPUTE, search: 'Condition: { StringEquals: { "cloudwatch:namespace": this.metricsNamespace } },', replace: "" },
    { id: "app-log-group-no-retention", property: "log retention (CloudWatch.16)", file: COMPUTE, search: "retentionInDays: args.logRetentionDays,", replace: "retentionInDays: 0," },

    // KMS key policy
    { id: "kms-decrypt-anyone", property: "no wildcard principal in the key policy", file: KEY_POLICY, search: 'Principal: { Service: ["cloudwatch.amazonaws.com", "events.amazonaws.com"] },', replace: 'Principal: "*",' },
    {
        id: "kms-anyone-decrypts-added", property: "no wildcard principal in the key policy (an added statement)", file: KEY_POLICY,
        search: "        Statement: [\n            {\n                // Without it the key becomes unmanageable",
        replace: '        Statement: [\n            { Sid: "AppDecrypt", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" },\n            {\n                // Without it the key becomes unmanageable',
    },
    { id: "kms-star-to-autoscaling", property: "kms:* only in the root statement", file: KEY_POLICY, search: 'Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],', replace: 'Action: "kms:*",' },
    { id: "kms-root-statement-lost", property: "account root keeps the key (seed 001 #12)", file: KEY_POLICY, search: "Principal: { AWS: `arn:${c.partition}:iam::${c.accountId}:root` },", replace: "Principal: { AWS: c.autoScalingRoleArn }," },
    { id: "kms-no-rotation", property: "key rotation (CIS 3.6 / KMS.4)", file: "lib/security/security-baseline.ts", search: "enableKeyRotation: true,", replace: "enableKeyRotation: false," },

    // CloudTrail
    { id: "trail-no-global-events", property: "global service events (CIS 3.1 / CloudTrail.1)", file: TRAIL, search: "includeGlobalServiceEvents: true,", replace: "includeGlobalServiceEvents: false," },
    { id: "trail-single-region-prod", property: "multi-region trail in prod (CIS 3.1)", file: "lib/config/index.ts", search: "cloudTrailMultiRegion: declared.cloudTrailMultiRegion || declared.regions.length > 1,", replace: "cloudTrailMultiRegion: false," },
    { id: "trail-no-validation", property: "log file validation (CIS 3.2 / CloudTrail.4)", file: TRAIL, search: "enableLogFileValidation: true,", replace: "enableLogFileValidation: false," },
    { id: "trail-no-kms", property: "trail encrypted with the stack key (CIS 3.5 / CloudTrail.2)", file: TRAIL, search: "kmsKeyId: args.kmsKeyArn, // CloudTrail.2", replace: "// no key" },
    { id: "trail-write-only", property: "read and write management events (CloudTrail.1)", file: TRAIL, search: 'readWriteType: "All",', replace: 'readWriteType: "WriteOnly",' },
    { id: "trail-no-cloudwatch", property: "trail to CloudWatch Logs (CloudTrail.5)", file: TRAIL, search: "cloudWatchLogsRoleArn: role.arn,", replace: "" },
    { id: "trail-role-any-log-group", property: "trail role writes only its log group (IAM.21)", file: TRAIL, search: "Resource: pulumi.interpolate`${this.logGroup.arn}:log-stream:*`,", replace: 'Resource: "*",' },
    { id: "trail-log-group-no-kms", property: "log group encrypted (seed 004 #8)", file: TRAIL, search: "retentionInDays: args.logRetentionDays,\n            kmsKeyId: args.kmsKeyArn,", replace: "retentionInDays: args.logRetentionDays," },

    // AWS Config, GuardDuty, alarms
    { id: "config-custom-role", property: "Config records with its service-linked role (Config.1)", file: "lib/security/global-baseline.ts", search: "this.configRoleArn = this.configServiceLinkedRole.arn;", replace: "this.configRoleArn = this.flowLogRole.arn;" },
    { id: "config-bucket-list-anyone", property: "no wildcard principal in the Config bucket policy", file: CONFIG, search: '{ Sid: "ConfigBucketExistenceCheck", Effect: "Allow", Principal: principal, Action: "s3:ListBucket", Resource: bucketArn, Condition: thisAccount },', replace: '{ Sid: "ConfigBucketExistenceCheck", Effect: "Allow", Principal: "*", Action: "s3:ListBucket", Resource: bucketArn },' },
    { id: "config-not-all-resources", property: "Config records everything (CIS 3.3 / Config.1)", file: CONFIG, search: "allSupported: true,", replace: "allSupported: false," },
    { id: "guardduty-suspended", property: "GuardDuty on (GuardDuty.1)", file: "lib/monitoring/threat-detection.ts", search: "enable: true, // GuardDuty.1", replace: "enable: false, // GuardDuty.1" },
    { id: "alerts-topic-unencrypted", property: "alert topic encrypted (SNS.1)", file: "lib/monitoring/security-alarms.ts", search: "kmsMasterKeyId: args.kmsKeyArn, // SNS.1", replace: "// SNS.1" },
    {
        id: "alerts-topic-publish-anyone", property: "no wildcard principal in the topic policy", file: "lib/monitoring/security-alarms.ts",
        search: 'Principal: { Service: "events.amazonaws.com" },\n                        Action: "sns:Publish",\n                        Resource: this.topic.arn,\n                        Condition: { ArnEquals: { "aws:SourceArn": this.findingRules.map((r) => r.arn) } },',
        replace: 'Principal: "*",\n                        Action: "sns:Publish",\n                        Resource: this.topic.arn,',
    },
    { id: "cis-root-usage-filter-blind", property: "root account usage alarm matches root (CIS 4.3)", file: "lib/monitoring/cis-metric-filters.ts", search: `'{ $.userIdentity.type = "Root" &&`, replace: `'{ $.userIdentity.type = "RootUser" &&` },
    { id: "password-length-8", property: "password length 14 (CIS 1.8 / IAM.15)", file: "lib/security/global-baseline.ts", search: "minimumPasswordLength: 14,", replace: "minimumPasswordLength: 8," },
    { id: "ebs-default-encryption-off", property: "EBS encryption by default (CIS 2.2.1 / EC2.7)", file: "lib/security/security-baseline.ts", search: "{ enabled: true }, accountWide", replace: "{ enabled: false }, accountWide" },

    // Buckets
    { id: "bucket-tls-deny-put-only", property: "deny every non-TLS request (CIS 2.1.1 / S3.5)", file: BUCKET, search: 'denyEveryone("DenyInsecureTransport", { Bool: { "aws:SecureTransport": "false" } }),', replace: '{ ...denyEveryone("DenyInsecureTransport", { Bool: { "aws:SecureTransport": "false" } }), Action: "s3:PutObject" },' },
    { id: "bucket-public-policy-allowed", property: "public access block (CIS 2.1.4 / S3.8)", file: BUCKET, search: "blockPublicPolicy: true,", replace: "blockPublicPolicy: false," },
    { id: "bucket-versioning-suspended", property: "versioning (S3.14)", file: BUCKET, search: 'versioningConfiguration: { status: "Enabled" },', replace: 'versioningConfiguration: { status: "Suspended" },' },

    // Database
    { id: "db-sg-from-world", property: "database reached from the app group only (EC2.18)", file: DATABASE, search: "...tcpWithGroup(DB_PORT, args.appSecurityGroupId),", replace: 'ipProtocol: "tcp", fromPort: DB_PORT, toPort: DB_PORT, cidrIpv4: "0.0.0.0/0",' },
    { id: "db-public", property: "database not public (RDS.2)", file: DATABASE, search: "publiclyAccessible: false, // RDS.2", replace: "publiclyAccessible: true, // RDS.2" },
    { id: "db-unencrypted", property: "database storage encrypted (RDS.3)", file: DATABASE, search: "storageEncrypted: true, // RDS.3", replace: "storageEncrypted: false, // RDS.3" },
    { id: "db-backups-1-day", property: "7 days of backups (RDS.11)", file: DATABASE, search: "backupRetentionPeriod: backupRetentionDays, // RDS.11", replace: "backupRetentionPeriod: 1, // RDS.11" },
    { id: "db-no-log-exports", property: "database logs exported (RDS.9)", file: DATABASE, search: "enabledCloudwatchLogsExports: [...DB_LOG_EXPORTS], // RDS.9", replace: "enabledCloudwatchLogsExports: [], // RDS.9" },
    { id: "db-no-minor-upgrades", property: "minor version upgrades (RDS.13)", file: DATABASE, search: "autoMinorVersionUpgrade: true, // RDS.13", replace: "autoMinorVersionUpgrade: false, // RDS.13" },
    { id: "db-no-deletion-protection-prod", property: "prod database deletion-protected (RDS.8)", file: DATABASE, search: "const deletionProtection = args.deletionProtection ?? false;", replace: "const deletionProtection = false;" },
    { id: "db-password-not-managed", property: "master password in Secrets Manager (seed 004 #1)", file: DATABASE, search: "manageMasterUserPassword: true,", replace: "manageMasterUserPassword: false," },

    // Web tier
    { id: "alb-keeps-invalid-headers", property: "drop invalid headers (ELB.4)", file: WEB_TIER, search: "dropInvalidHeaderFields: true,", replace: "dropInvalidHeaderFields: false," },
    { id: "alb-desync-monitor", property: "desync mitigation (ELB.12)", file: WEB_TIER, search: 'desyncMitigationMode: "defensive",', replace: 'desyncMitigationMode: "monitor",' },
    { id: "alb-no-access-logs", property: "ALB access logs (ELB.5)", file: WEB_TIER, search: "accessLogs: { bucket: this.albLogBucket.bucketName, enabled: true },", replace: "accessLogs: { bucket: this.albLogBucket.bucketName, enabled: false }," },
    { id: "alb-tls-policy-2016", property: "listener TLS 1.2+ (ELB.17)", file: WEB_TIER, search: "sslPolicy: HTTPS_SSL_POLICY,", replace: 'sslPolicy: "ELBSecurityPolicy-2016-08",', plan: "prod+tls" },
    { id: "alb-http-forwards-beside-https", property: "HTTP redirects to HTTPS (ELB.1)", file: WEB_TIER, search: '? [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]', replace: "? this.forwardToApp()", plan: "prod+tls" },
    { id: "alb-no-deletion-protection-prod", property: "prod load balancer deletion-protected (ELB.6)", file: WEB_TIER, search: "enableDeletionProtection: args.deletionProtection ?? false,", replace: "enableDeletionProtection: false," },
    { id: "app-ingress-from-world", property: "app reached through the load balancer only (EC2.18)", file: WEB_TIER, search: "...tcpWithGroup(appPort, this.securityGroup.id),", replace: 'ipProtocol: "tcp", fromPort: appPort, toPort: appPort, cidrIpv4: "0.0.0.0/0",' },
    { id: "waf-group-count-only", property: "managed rule groups block (WAF)", file: "lib/web/web-acl-rules.ts", search: "overrideAction: { none: {} },", replace: "overrideAction: { count: {} }," },
    { id: "waf-rate-limit-count-only", property: "rate limit blocks (WAF)", file: "lib/web/web-acl-rules.ts", search: "action: { block: {} },", replace: "action: { count: {} }," },
    { id: "waf-no-metrics", property: "WAF metrics (WAF.12)", file: "lib/web/web-acl-rules.ts", search: "cloudwatchMetricsEnabled: true,", replace: "cloudwatchMetricsEnabled: false," },

    // CDN
    { id: "cdn-tls1", property: "viewer TLS 1.2+ (CloudFront.7)", file: STATIC_SITE, search: "minimumProtocolVersion: CDN_MINIMUM_PROTOCOL_VERSION,", replace: 'minimumProtocolVersion: "TLSv1",', plan: "prod+tls" },
    { id: "cdn-allows-http", property: "viewers on HTTPS (CloudFront.3)", file: STATIC_SITE, search: 'viewerProtocolPolicy: "redirect-to-https",', replace: 'viewerProtocolPolicy: "allow-all",', plan: "prod+tls" },
    { id: "cdn-no-oac", property: "origin access control (CloudFront.13)", file: STATIC_SITE, search: "originAccessControlId: this.originAccessControl.id,", replace: "", plan: "prod+tls" },

    // Network
    { id: "default-sg-egress-open", property: "default security group allows nothing (CIS 5.4 / EC2.2)", file: VPC, search: "egress: [],\n            tags: { Name: `${p}-default-sg-closed` },", replace: 'egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],\n            tags: { Name: `${p}-default-sg-closed` },' },
    {
        id: "default-sg-rule-resource", property: "no rule resource on the default security group (CIS 5.4 / EC2.2)", file: VPC,
        search: "        return new aws.ec2.InternetGateway(",
        replace: '        new aws.vpc.SecurityGroupIngressRule(`${p}-default-sg-https`, { securityGroupId: this.vpc.defaultSecurityGroupId, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" }, child);\n        return new aws.ec2.InternetGateway(',
    },
    { id: "subnet-auto-public-ip", property: "no auto-assigned public IPs (EC2.15)", file: VPC, search: "mapPublicIpOnLaunch: false, // EC2.15", replace: "mapPublicIpOnLaunch: true, // EC2.15" },
    { id: "flow-logs-reject-only", property: "flow logs of ALL traffic (CIS 3.7 / EC2.6)", file: VPC, search: 'trafficType: "ALL",', replace: 'trafficType: "REJECT",' },
    { id: "nacl-ssh-allowed", property: "NACL denies SSH from the world (CIS 5.1 / EC2.21)", file: VPC, search: '{ ruleNo: 10, action: "deny", protocol: "tcp", fromPort: 22', replace: '{ ruleNo: 10, action: "allow", protocol: "tcp", fromPort: 22' },
];
