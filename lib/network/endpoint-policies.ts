/**
 * The VPC endpoint policies, as pure functions of plain values. An endpoint policy grants nothing:
 * it bounds what may pass through the endpoint, on top of IAM. tap's keep the endpoints for this
 * account's principals (an identity perimeter, `aws:PrincipalAccount`) and, where every resource
 * the instances use is the account's own, for its resources too (`aws:ResourceAccount`), after the
 * data-perimeter examples of aws-samples/data-perimeter-policy-examples (vpc_endpoint_policies/).
 */

/** The interface endpoints the instances need without a NAT gateway, and why each. */
export const INTERFACE_ENDPOINT_SERVICES = {
    ssm: "SSM Agent: registration, documents, associations, patch baselines",
    ssmmessages: "Session Manager: the session channel",
    ec2messages: "SSM Agent: Run Command messages (maintenance window tasks)",
    logs: "CloudWatch agent and Session Manager: log delivery",
    monitoring: "CloudWatch agent: metrics (PutMetricData)",
    kms: "Session Manager: encrypted session data (the stack key)",
} as const;
export type InterfaceEndpointService = keyof typeof INTERFACE_ENDPOINT_SERVICES;

/**
 * Services whose every resource the instances touch is this account's, so the endpoint can also
 * refuse other accounts' resources. Not ssm (AWS-owned documents such as AWS-RunPatchBaseline and
 * public parameters live in no account) nor monitoring (PutMetricData has no resource).
 */
const OWN_RESOURCES_ONLY: ReadonlySet<string> = new Set(["logs", "kms"]);

/** The AL2023 package repositories: one AWS-owned bucket per region, same suffix everywhere (AL2023 user guide, "Package repositories" / S3 gateway endpoint). */
export const al2023RepoBucket = (region: string) => `al2023-repos-${region}-de612dc2`;

/**
 * The AWS-owned buckets SSM Agent and Patch Manager read in a region (Systems Manager user guide,
 * "SSM Agent communications with AWS managed S3 buckets" and "Reference: Amazon S3 buckets for
 * patching operations"), checked against the Systems Manager buckets of AWS's data-perimeter S3
 * endpoint policy (aws-samples/data-perimeter-policy-examples, vpc_endpoint_policies/s3_endpoint_policy.json,
 * "AllowRequestsToAWSOwnedResources"), which adds Distributor's package files: GuardDuty's
 * EC2 agent (Runtime Monitoring with EC2 agent management) is a Distributor package installed
 * through SSM. Windows and macOS buckets are left out: the instances run AL2023.
 * A few regions (me-south-1 and the extended-name regions the guide lists) name some of these
 * differently: their stacks need those names added here.
 */
export function ssmManagedBuckets(region: string): string[] {
    return [
        `aws-ssm-${region}`, // modules of AWS-RunPatchBaseline and other documents
        `amazon-ssm-${region}`, // SSM Agent updates
        `amazon-ssm-packages-${region}`,
        `${region}-birdwatcher-prod`, // Distributor (AWS-ConfigureAWSPackage): package manifests
        `aws-ssm-distributor-file-${region}`, // Distributor: the package files themselves (GuardDuty's runtime agent)
        `aws-ssm-document-attachments-${region}`,
        `patch-baseline-snapshot-${region}`, // the baseline snapshot AWS-RunPatchBaseline downloads
    ];
}

export interface EndpointPolicyContext {
    readonly partition: string;
    readonly accountId: string;
    readonly region: string;
    /** The VPC the endpoint serves: unsigned reads of AWS-owned buckets are held to it. @default not narrowed */
    readonly vpcId?: string;
}

export interface EndpointPolicyStatement {
    readonly Sid: string;
    readonly Effect: "Allow";
    readonly Principal: "*" | { readonly AWS: "*" };
    readonly Action: string | readonly string[];
    readonly Resource: string | readonly string[];
    readonly Condition?: Record<string, Record<string, string>>;
}

export interface EndpointPolicy {
    readonly Version: "2012-10-17";
    readonly Statement: readonly EndpointPolicyStatement[];
}

/** An interface endpoint's policy: this account's principals (and, for logs and kms, its resources) only. */
export function interfaceEndpointPolicy(service: InterfaceEndpointService, context: EndpointPolicyContext): EndpointPolicy {
    const condition: Record<string, string> = { "aws:PrincipalAccount": context.accountId };
    if (OWN_RESOURCES_ONLY.has(service)) condition["aws:ResourceAccount"] = context.accountId;
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: OWN_RESOURCES_ONLY.has(service) ? "OwnPrincipalsToOwnResources" : "OwnPrincipals",
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: "*",
                Resource: "*",
                Condition: { StringEquals: condition },
            },
        ],
    };
}

/**
 * The S3 gateway endpoint's policy: this account's principals to this account's buckets (session
 * logs, patch output), plus read-only access to the AWS-owned buckets dnf and SSM Agent need.
 * Those reads are often unsigned (dnf fetches the repositories anonymously), so that statement
 * cannot name a principal: it is narrowed to `s3:GetObject` on the named buckets instead.
 */
export function s3GatewayEndpointPolicy(context: EndpointPolicyContext): EndpointPolicy {
    const objects = (bucket: string) => `arn:${context.partition}:s3:::${bucket}/*`;
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "OwnPrincipalsToOwnBuckets",
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: "s3:*",
                Resource: "*",
                Condition: { StringEquals: { "aws:PrincipalAccount": context.accountId, "aws:ResourceAccount": context.accountId } },
            },
            {
                Sid: "ReadAwsOwnedRepositoriesAndSsmBuckets",
                Effect: "Allow",
                Principal: "*",
                Action: "s3:GetObject",
                Resource: [al2023RepoBucket(context.region), ...ssmManagedBuckets(context.region)].map(objects),
                // dnf reads the repositories unsigned (no principal to pin): the request's VPC is what narrows it.
                ...(context.vpcId !== undefined && { Condition: { StringEquals: { "aws:SourceVpc": context.vpcId } } }),
            },
        ],
    };
}
