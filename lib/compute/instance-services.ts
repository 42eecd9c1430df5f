/**
 * The AWS services the app instances call, and who calls them: what a private subnet without a
 * NAT gateway must reach through VPC endpoints (lib/network/vpc-endpoints.ts provides them; a test
 * holds the two lists together). IMDS and the Time Sync Service are link-local, DNS is the VPC's.
 */
export const INSTANCE_AWS_SERVICES = {
    ssm: "SSM Agent (registration, documents, associations, patch baselines)",
    ssmmessages: "SSM Agent (Session Manager channel)",
    ec2messages: "SSM Agent (Run Command: maintenance window tasks)",
    logs: "CloudWatch agent (app logs), SSM Agent (session and patch output)",
    monitoring: "CloudWatch agent (metrics)",
    kms: "SSM Agent (session data encrypted with the stack key)",
    s3: "dnf (AL2023 repositories), SSM Agent (AWS-owned buckets, session and patch output)",
} as const;
