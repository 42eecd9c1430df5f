/**
 * What a wrong command must not take with it. Every resource type the program creates is
 * classified here, once: `stateful` types hold data or evidence that a delete (a `pulumi destroy`,
 * a mistyped stack, a refactor that replaces the resource) would lose for good; `stateless` ones
 * are rebuilt by the next `pulumi up` with nothing lost. With tap:protectStatefulResources, TapStack
 * registers `protectStatefulResources` as a transformation: every resource of a stateful type, in
 * any component, present or future, gets Pulumi's `protect`, so `pulumi destroy` and any replacing
 * `pulumi up` stop with Pulumi's own error. A type the program starts to use must be added here
 * (test/stack/protection.spec.ts fails on an unclassified one), and the policy pack's
 * `stateful-resources-protected` reads the same table.
 *
 * Pure data and one pure function: no resource is created here.
 */
import type * as pulumi from "@pulumi/pulumi";

export type StateClass =
    { readonly state: "stateful"; /** What a delete loses. */ readonly loses: string } | { readonly state: "stateless" };

const stateful = (loses: string): StateClass => ({ state: "stateful", loses });
const STATELESS: StateClass = { state: "stateless" };

/** Every resource type the program creates, by Pulumi type token. */
export const RESOURCE_STATE: Readonly<Record<string, StateClass>> = {
    // Stateful: deleting (or replacing) one loses data, evidence or the ability to read them.
    "aws:kms/key:Key": stateful("every object, volume, log and snapshot encrypted with it, once the deletion window ends"),
    "aws:s3/bucket:Bucket": stateful("its objects: audit logs (CloudTrail, Config, access logs), load balancer and CDN logs, site content"),
    "aws:rds/instance:Instance": stateful("the database and, without a final snapshot, its automated backups"),
    "aws:rds/subnetGroup:SubnetGroup": stateful(
        "nothing itself, but a replacement moves the database (a new subnet group means a new instance)",
    ),
    "aws:rds/parameterGroup:ParameterGroup": stateful(
        "nothing itself, but it cannot be deleted while the database uses it: a replacement half-applies",
    ),
    "aws:cloudtrail/trail:Trail": stateful("the account's API record from the moment it stops until a new trail starts (CIS 3.1)"),
    // Log groups hold the trail's copy that the CIS 4.x alarms read, flow logs (forensics), WAF and
    // database logs: deleting one deletes every event within its retention, the S3 copy aside.
    "aws:cloudwatch/logGroup:LogGroup": stateful("every log event within its retention"),
    // Deleting a detector deletes its findings (GuardDuty user guide, "Suspending or disabling GuardDuty").
    "aws:guardduty/detector:Detector": stateful("every finding of the region"),
    // Continuous detection: disabling the service deletes what it found (docs/detection.md).
    "aws:securityhub/account:Account": stateful(
        "every finding, insight and setting of the hub (deleted 90 days after Security Hub is disabled)",
    ),
    "aws:accessanalyzer/analyzer:Analyzer": stateful("its findings, and which of them were archived as intended"),
    "aws:inspector2/enabler:Enabler": stateful("every Inspector finding and scan result of the region"),
    // Not created yet, listed so the component that adds them is protected from its first line.
    // AWS Backup (lib/data/backup.ts).
    "aws:backup/vault:Vault": stateful("every recovery point in it"),
    // Not created yet, listed so the component that adds them is protected from its first line.
    "aws:dynamodb/table:Table": stateful("every item of the table"),
    "aws:efs/fileSystem:FileSystem": stateful("every file on it"),
    "aws:ebs/volume:Volume": stateful("every block of the volume"),
    "aws:secretsmanager/secret:Secret": stateful("the secret, after its recovery window"),

    // Stateless: configuration the next `pulumi up` recreates as it was.
    "pulumi:providers:aws": STATELESS,
    "aws:kms/alias:Alias": STATELESS,
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": STATELESS,
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": STATELESS,
    "aws:s3/bucketVersioning:BucketVersioning": STATELESS,
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": STATELESS,
    "aws:s3/bucketPolicy:BucketPolicy": STATELESS,
    "aws:s3/bucketLogging:BucketLogging": STATELESS,
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": STATELESS,
    "aws:ebs/encryptionByDefault:EncryptionByDefault": STATELESS, // account-wide: retained on delete instead
    "aws:iam/accountPasswordPolicy:AccountPasswordPolicy": STATELESS, // account-wide: retained on delete instead
    "aws:iam/role:Role": STATELESS,
    // Access: the operators' group keeps its members only as memberships, which an admin adds outside
    // the program; a recreated group under the same name is empty (docs/access.md says so).
    "aws:iam/group:Group": STATELESS,
    "aws:iam/policy:Policy": STATELESS,
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": STATELESS,
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": STATELESS,
    "aws:iam/rolePolicy:RolePolicy": STATELESS,
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": STATELESS,
    "aws:iam/instanceProfile:InstanceProfile": STATELESS,
    "aws:iam/serviceLinkedRole:ServiceLinkedRole": STATELESS,
    "aws:ec2/vpc:Vpc": STATELESS,
    "aws:ec2/subnet:Subnet": STATELESS,
    "aws:ec2/internetGateway:InternetGateway": STATELESS,
    "aws:ec2/eip:Eip": STATELESS,
    "aws:ec2/natGateway:NatGateway": STATELESS,
    "aws:ec2/routeTable:RouteTable": STATELESS,
    "aws:ec2/route:Route": STATELESS,
    "aws:ec2/routeTableAssociation:RouteTableAssociation": STATELESS,
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": STATELESS,
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": STATELESS,
    "aws:ec2/securityGroup:SecurityGroup": STATELESS,
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": STATELESS,
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": STATELESS,
    "aws:ec2/flowLog:FlowLog": STATELESS,
    "aws:ec2/launchTemplate:LaunchTemplate": STATELESS,
    // The app instances keep nothing: their logs go to CloudWatch, their data to the database.
    "aws:ec2/instance:Instance": STATELESS,
    "aws:autoscaling/group:Group": STATELESS,
    "aws:autoscaling/attachment:Attachment": STATELESS,
    "aws:lb/loadBalancer:LoadBalancer": STATELESS, // deletion protection (ELB.6) guards it in AWS itself
    "aws:lb/targetGroup:TargetGroup": STATELESS,
    "aws:lb/targetGroupAttachment:TargetGroupAttachment": STATELESS,
    "aws:lb/listener:Listener": STATELESS,
    "aws:wafv2/webAcl:WebAcl": STATELESS,
    "aws:wafv2/webAclAssociation:WebAclAssociation": STATELESS,
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": STATELESS,
    "aws:cloudfront/originAccessControl:OriginAccessControl": STATELESS,
    "aws:cloudfront/distribution:Distribution": STATELESS,
    "aws:cloudwatch/logDeliverySource:LogDeliverySource": STATELESS,
    "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": STATELESS,
    "aws:cloudwatch/logDelivery:LogDelivery": STATELESS,
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": STATELESS,
    "aws:cloudwatch/metricAlarm:MetricAlarm": STATELESS,
    "aws:cloudwatch/eventRule:EventRule": STATELESS,
    "aws:cloudwatch/eventTarget:EventTarget": STATELESS,
    "aws:sfn/stateMachine:StateMachine": STATELESS, // the alert state machine: its definition is the program's; executions log to a protected log group
    // The recorder keeps no history itself: snapshots and history are in Config's (protected) bucket.
    "aws:cfg/recorder:Recorder": STATELESS,
    "aws:cfg/deliveryChannel:DeliveryChannel": STATELESS,
    "aws:cfg/recorderStatus:RecorderStatus": STATELESS,
    "aws:cfg/rule:Rule": STATELESS,
    "aws:guardduty/detectorFeature:DetectorFeature": STATELESS,
    "aws:securityhub/standardsSubscription:StandardsSubscription": STATELESS,
    "aws:securityhub/standardsControlAssociation:StandardsControlAssociation": STATELESS,
    "aws:securityhub/findingAggregator:FindingAggregator": STATELESS,
    // An email subscription must be confirmed again after a replacement; nothing is lost.
    "aws:sns/topic:Topic": STATELESS,
    "aws:budgets/budget:Budget": STATELESS,
    // Private management plane: all rebuilt as they were; the session and patch logs live in the
    // log groups and buckets above, patch compliance in SSM's own store.
    "aws:ec2/vpcEndpoint:VpcEndpoint": STATELESS,
    "aws:ssm/document:Document": STATELESS,
    "aws:ssm/patchBaseline:PatchBaseline": STATELESS,
    "aws:ssm/patchGroup:PatchGroup": STATELESS,
    "aws:ssm/association:Association": STATELESS, // its run history goes with it; compliance data stays with the instances
    "aws:ssm/maintenanceWindow:MaintenanceWindow": STATELESS,
    "aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget": STATELESS,
    "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask": STATELESS, // recreated with the same limit; AWS keeps the cost history, not the budget
    "aws:sns/topicPolicy:TopicPolicy": STATELESS,
    "aws:sns/topicSubscription:TopicSubscription": STATELESS,
    // Issue 14 (resilience). The lock configurations hold no data: the vault and bucket they lock do.
    "aws:backup/plan:Plan": STATELESS,
    "aws:backup/selection:Selection": STATELESS,
    "aws:backup/vaultLockConfiguration:VaultLockConfiguration": STATELESS,
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": STATELESS,
    "aws:autoscaling/notification:Notification": STATELESS,
    // A new suffix only renames the final snapshot a later delete would take.
    "random:index/randomId:RandomId": STATELESS,
    "aws:acm/certificate:Certificate": STATELESS, // reissued and revalidated by DNS
    "aws:acm/certificateValidation:CertificateValidation": STATELESS,
    "aws:route53/record:Record": STATELESS,
};

/** The stateful types: what `protect` covers. */
export const STATEFUL_TYPES: readonly string[] = Object.entries(RESOURCE_STATE)
    .filter(([, c]) => c.state === "stateful")
    .map(([type]) => type);

const STATEFUL = new Set(STATEFUL_TYPES);

/** Whether deleting a resource of this type loses something (`undefined`: the type is not classified). */
export function isStateful(type: string): boolean | undefined {
    const stateClass = RESOURCE_STATE[type];
    return stateClass === undefined ? undefined : stateClass.state === "stateful";
}

/**
 * The transformation TapStack registers with tap:protectStatefulResources: `protect` on every
 * resource of a stateful type below it. A transformation rather than an option each component
 * remembers: a component added later (a backup vault, a new bucket) is protected by construction,
 * and the components stay free of the switch.
 */
export const protectStatefulResources: pulumi.ResourceTransformation = (args) =>
    STATEFUL.has(args.type) ? { props: args.props, opts: { ...args.opts, protect: true } } : undefined;
