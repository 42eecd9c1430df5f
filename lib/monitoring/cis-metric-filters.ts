/**
 * CIS AWS Foundations Benchmark section 4 (v1.4 numbering, kept in v3.0 as 4.1-4.15): one
 * CloudWatch Logs metric filter on the CloudTrail log group and one alarm per event class.
 * The patterns are data; SecurityAlarms generates the filters and alarms from this table.
 */
export interface CisMetricFilter {
    /** Short id, part of resource and metric names. */
    readonly id: string;
    /** The control it satisfies. */
    readonly control: string;
    readonly description: string;
    /** CloudWatch Logs filter pattern over CloudTrail records. */
    readonly pattern: string;
}

const anyEvent = (...names: string[]) => names.map((n) => `($.eventName = ${n})`).join(" || ");

export const CIS_METRIC_FILTERS: readonly CisMetricFilter[] = [
    {
        id: "unauthorized-api-calls",
        control: "CIS 4.1",
        description: "Unauthorized API calls",
        pattern:
            '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
    },
    {
        id: "console-signin-without-mfa",
        control: "CIS 4.2",
        description: "Management console sign-in without MFA",
        pattern:
            '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    },
    {
        id: "root-account-usage",
        control: "CIS 4.3",
        description: "Usage of the root account",
        pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    },
    {
        id: "iam-policy-changes",
        control: "CIS 4.4",
        description: "IAM policy changes",
        pattern: `{ ${anyEvent("DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "SetDefaultPolicyVersion", "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy")} }`,
    },
    {
        id: "cloudtrail-changes",
        control: "CIS 4.5",
        description: "CloudTrail configuration changes",
        pattern: `{ ${anyEvent("CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging")} }`,
    },
    {
        id: "console-auth-failures",
        control: "CIS 4.6",
        description: "Management console authentication failures",
        pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
    },
    {
        id: "cmk-disable-or-deletion",
        control: "CIS 4.7",
        description: "Disabling or scheduled deletion of customer-managed KMS keys",
        pattern: `{ ($.eventSource = kms.amazonaws.com) && (${anyEvent("DisableKey", "ScheduleKeyDeletion")}) }`,
    },
    {
        id: "s3-bucket-policy-changes",
        control: "CIS 4.8",
        description: "S3 bucket policy changes",
        pattern: `{ ($.eventSource = s3.amazonaws.com) && (${anyEvent("PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication", "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication")}) }`,
    },
    {
        id: "config-changes",
        control: "CIS 4.9",
        description: "AWS Config configuration changes",
        pattern: `{ ($.eventSource = config.amazonaws.com) && (${anyEvent("StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel", "PutConfigurationRecorder")}) }`,
    },
    {
        id: "security-group-changes",
        control: "CIS 4.10",
        description: "Security group changes",
        pattern: `{ ${anyEvent("AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup")} }`,
    },
    {
        id: "nacl-changes",
        control: "CIS 4.11",
        description: "Network ACL changes",
        pattern: `{ ${anyEvent("CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry", "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation")} }`,
    },
    {
        id: "network-gateway-changes",
        control: "CIS 4.12",
        description: "Network gateway changes",
        pattern: `{ ${anyEvent("CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway")} }`,
    },
    {
        id: "route-table-changes",
        control: "CIS 4.13",
        description: "Route table changes",
        pattern: `{ ($.eventSource = ec2.amazonaws.com) && (${anyEvent("CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable")}) }`,
    },
    {
        id: "vpc-changes",
        control: "CIS 4.14",
        description: "VPC changes",
        pattern: `{ ${anyEvent("CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection", "AttachClassicLinkVpc", "DetachClassicLinkVpc", "DisableVpcClassicLink", "EnableVpcClassicLink")} }`,
    },
    {
        id: "organizations-changes",
        control: "CIS 4.15",
        description: "AWS Organizations changes",
        pattern: `{ ($.eventSource = organizations.amazonaws.com) && (${anyEvent("AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy", "DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy", "DisablePolicyType", "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount", "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit")}) }`,
    },
];

/** The CloudWatch namespace of the CIS metrics. */
export const CIS_METRIC_NAMESPACE = "tap/CISBenchmark";
