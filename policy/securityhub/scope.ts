/**
 * What each Security Hub control of policy/securityhub/controls.json evaluates, in the plan's
 * terms: the planned resource types that carry its resource type (Security Hub controls reference,
 * "Resource type" of each control), "account" for a control of the account (AWS::::Account), or
 * nothing tap ever plans. A control is in a stack's scope when the stack plans one of its types, or
 * when it is an account control (the stack subscribes the account's Security Hub to the standard).
 */
const T = {
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    sgIngress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    nacl: "aws:ec2/networkAcl:NetworkAcl",
    defaultNacl: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
    instance: "aws:ec2/instance:Instance",
    asg: "aws:autoscaling/group:Group",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    eip: "aws:ec2/eip:Eip",
    ebsDefault: "aws:ebs/encryptionByDefault:EncryptionByDefault",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    listener: "aws:lb/listener:Listener",
    targetGroup: "aws:lb/targetGroup:TargetGroup",
    bucket: "aws:s3/bucket:Bucket",
    key: "aws:kms/key:Key",
    iamPolicy: "aws:iam/policy:Policy",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    role: "aws:iam/role:Role",
    trail: "aws:cloudtrail/trail:Trail",
    recorder: "aws:cfg/recorder:Recorder",
    detector: "aws:guardduty/detector:Detector",
    inspector: "aws:inspector2/enabler:Enabler",
    db: "aws:rds/instance:Instance",
    dbCluster: "aws:rds/cluster:Cluster",
    topic: "aws:sns/topic:Topic",
    webAcl: "aws:wafv2/webAcl:WebAcl",
    cdn: "aws:cloudfront/distribution:Distribution",
    certificate: "aws:acm/certificate:Certificate",
    zone: "aws:route53/zone:Zone",
    ssmDocument: "aws:ssm/document:Document",
    backupVault: "aws:backup/vault:Vault",
    eventBus: "aws:cloudwatch/eventBus:EventBus",
    stateMachine: "aws:sfn/stateMachine:StateMachine",
} as const;

/** Instances come from the launch template, through the Auto Scaling group or as one instance. */
const INSTANCES = [T.asg, T.instance];
const ACCOUNT = "account" as const;

export type Evaluates = readonly string[] | typeof ACCOUNT;

/** Control id → the planned types it evaluates, or "account". Controls absent here evaluate nothing tap plans. */
export const EVALUATES: Readonly<Record<string, Evaluates>> = {
    "Account.1": ACCOUNT,
    "ACM.1": [T.certificate], "ACM.2": [T.certificate],
    "AutoScaling.1": [T.asg], "AutoScaling.2": [T.asg], "AutoScaling.3": [], "Autoscaling.5": [], "AutoScaling.6": [T.asg], "AutoScaling.9": [T.asg],
    "Backup.1": [T.backupVault],
    "CloudFront.1": [T.cdn], "CloudFront.3": [T.cdn], "CloudFront.4": [T.cdn], "CloudFront.5": [T.cdn], "CloudFront.6": [T.cdn], "CloudFront.7": [T.cdn],
    "CloudFront.8": [T.cdn], "CloudFront.9": [T.cdn], "CloudFront.10": [T.cdn], "CloudFront.12": [T.cdn], "CloudFront.13": [T.cdn], "CloudFront.15": [T.cdn],
    "CloudFront.16": [T.cdn], "CloudFront.17": [T.cdn],
    "CloudTrail.1": ACCOUNT, "CloudTrail.2": [T.trail], "CloudTrail.4": [T.trail], "CloudTrail.5": [T.trail], "CloudTrail.7": [T.trail],
    "Config.1": ACCOUNT,
    "EC2.1": ACCOUNT, "EC2.2": [T.defaultSg], "EC2.3": INSTANCES, "EC2.4": INSTANCES, "EC2.6": [T.vpc], "EC2.7": ACCOUNT, "EC2.8": INSTANCES,
    "EC2.9": INSTANCES, "EC2.10": [T.vpc], "EC2.15": [T.subnet], "EC2.16": [T.nacl, T.defaultNacl], "EC2.17": INSTANCES, "EC2.18": [T.sg],
    "EC2.19": [T.sg], "EC2.21": [T.nacl, T.defaultNacl], "EC2.24": INSTANCES, "EC2.25": [T.launchTemplate], "EC2.53": [T.sg], "EC2.54": [T.sg],
    "EC2.55": [T.vpc], "EC2.56": [T.vpc], "EC2.57": [T.vpc], "EC2.58": [T.vpc], "EC2.60": [T.vpc], "EC2.170": [T.launchTemplate],
    "EC2.172": ACCOUNT, "EC2.180": INSTANCES, "EC2.181": [T.launchTemplate], "EC2.182": ACCOUNT,
    // EC2.20, .23, .51, .171 (VPN, transit gateways, Client VPN), .173 (Spot Fleet), EFS.1, EventBridge.3 (custom buses): nothing tap plans.
    "ELB.1": [T.lb], "ELB.4": [T.lb], "ELB.5": [T.lb], "ELB.6": [T.lb], "ELB.12": [T.lb], "ELB.13": [T.lb], "ELB.17": [T.listener],
    "ELB.18": [T.listener], "ELB.21": [T.targetGroup], "ELB.22": [T.targetGroup],
    // ELB.2, .3, .7 to .10, .14: Classic Load Balancers, which tap never plans.
    "GuardDuty.1": ACCOUNT, "GuardDuty.5": ACCOUNT, "GuardDuty.6": ACCOUNT, "GuardDuty.7": ACCOUNT, "GuardDuty.8": ACCOUNT, "GuardDuty.9": ACCOUNT,
    "GuardDuty.10": ACCOUNT, "GuardDuty.11": ACCOUNT, "GuardDuty.12": ACCOUNT, "GuardDuty.13": ACCOUNT,
    "IAM.1": [T.iamPolicy], "IAM.2": ACCOUNT, "IAM.3": ACCOUNT, "IAM.4": ACCOUNT, "IAM.5": ACCOUNT, "IAM.6": ACCOUNT, "IAM.7": ACCOUNT, "IAM.8": ACCOUNT,
    "IAM.9": ACCOUNT, "IAM.15": ACCOUNT, "IAM.16": ACCOUNT, "IAM.18": ACCOUNT, "IAM.21": [T.iamPolicy], "IAM.22": ACCOUNT, "IAM.26": ACCOUNT,
    "IAM.27": ACCOUNT, "IAM.28": ACCOUNT,
    "Inspector.1": ACCOUNT, "Inspector.2": ACCOUNT, "Inspector.3": ACCOUNT, "Inspector.4": ACCOUNT,
    "KMS.1": [T.iamPolicy], "KMS.2": [T.rolePolicy], "KMS.3": [T.key], "KMS.4": [T.key], "KMS.5": [T.key],
    "Macie.1": ACCOUNT, "Macie.2": ACCOUNT,
    "RDS.1": ACCOUNT, "RDS.2": [T.db], "RDS.3": [T.db], "RDS.4": ACCOUNT, "RDS.5": [T.db], "RDS.6": [T.db], "RDS.8": [T.db], "RDS.9": [T.db],
    "RDS.10": [T.db], "RDS.11": [T.db], "RDS.13": [T.db], "RDS.17": [T.db], "RDS.19": ACCOUNT, "RDS.20": ACCOUNT, "RDS.21": ACCOUNT,
    "RDS.22": ACCOUNT, "RDS.23": [T.db], "RDS.25": [T.db], "RDS.36": [T.db], "RDS.38": [T.db], "RDS.46": [T.db],
    // RDS.7, .12, .14 to .16, .24, .27, .34, .35, .37, .45, .47, .48, .50 (clusters, Aurora), .39 to .44 (other engines, proxies): nothing tap plans.
    "Route53.2": [T.zone],
    "S3.1": ACCOUNT, "S3.2": [T.bucket], "S3.3": [T.bucket], "S3.5": [T.bucket], "S3.6": [T.bucket], "S3.8": [T.bucket], "S3.9": [T.bucket],
    "S3.12": [T.bucket], "S3.13": [T.bucket], "S3.20": [T.bucket], "S3.22": ACCOUNT, "S3.23": ACCOUNT,
    // S3.19, S3.24, S3.25: access points, Multi-Region Access Points, directory buckets: nothing tap plans.
    "SecretsManager.1": [T.db], "SecretsManager.2": [T.db], "SecretsManager.3": [T.db], "SecretsManager.4": [T.db],
    "SNS.4": [T.topic],
    "SSM.1": INSTANCES, "SSM.2": INSTANCES, "SSM.3": INSTANCES, "SSM.4": [T.ssmDocument], "SSM.6": ACCOUNT, "SSM.7": ACCOUNT,
    "StepFunctions.1": [T.stateMachine],
    // WAF.1 to WAF.8: WAF Classic, which tap never plans.
    "WAF.10": [T.webAcl], "WAF.12": [T.webAcl],
};

export { T as PLANNED_TYPES };
