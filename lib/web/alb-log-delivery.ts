/**
 * Who writes an Application Load Balancer's access logs into its bucket (ELB.5), as pure
 * functions. Since September 10, 2025 the ELB guide's bucket policy for the service principal
 * `logdelivery.elasticloadbalancing.amazonaws.com` "is supported in all Regions"; before, regions
 * opened before August 2022 needed the region's ELB account, a policy "still supported" (ELB user
 * guide, document history: "Bucket policies for access logs and connection logs"; "Enable access
 * logs for your Application Load Balancer", step 2). The service principal keeps IAM Access
 * Analyzer quiet: a grant to the ELB account is access by another account, and Access Analyzer
 * reports the bucket as shared (CIS 1.20).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * The regional ELB log-delivery accounts, as `aws.elb.getServiceAccount` knows them (the table of
 * the provider's data source, which fails with "unsupported AWS Region" anywhere else).
 */
export const ELB_LOG_DELIVERY_ACCOUNTS: Readonly<Record<string, string>> = {
    "af-south-1": "098369216593",
    "ap-east-1": "754344448648",
    "ap-northeast-1": "582318560864",
    "ap-northeast-2": "600734575887",
    "ap-northeast-3": "383597477331",
    "ap-south-1": "718504428378",
    "ap-southeast-1": "114774131450",
    "ap-southeast-2": "783225319266",
    "ap-southeast-3": "589379963580",
    "ca-central-1": "985666609251",
    "cn-north-1": "638102146993",
    "cn-northwest-1": "037604701340",
    "eu-central-1": "054676820928",
    "eu-north-1": "897822967062",
    "eu-south-1": "635631232127",
    "eu-west-1": "156460612806",
    "eu-west-2": "652711504416",
    "eu-west-3": "009996457667",
    "me-south-1": "076674570225",
    "sa-east-1": "507241528517",
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-gov-east-1": "190560391635",
    "us-gov-west-1": "048591011584",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
};

/** The principal AWS documents as the writer of a region's ALB access logs. */
export type AlbLogWriter = { readonly kind: "elb-account" } | { readonly kind: "log-delivery-service"; readonly service: string };

export const ELB_LOG_DELIVERY_SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com";

/**
 * The partitions where the all-Regions statement is not confirmed: AWS GovCloud (US), whose guide
 * was not checked (UNCONFIRMED), keeps the legacy ELB account grant.
 */
const LEGACY_ELB_ACCOUNT_REGIONS = /^us-gov-/;

export function albLogWriter(region: string): AlbLogWriter {
    return LEGACY_ELB_ACCOUNT_REGIONS.test(region) && region in ELB_LOG_DELIVERY_ACCOUNTS
        ? { kind: "elb-account" }
        : { kind: "log-delivery-service", service: ELB_LOG_DELIVERY_SERVICE };
}

/**
 * The bucket-policy statement letting the region's ALB log writer put objects under
 * `AWSLogs/<account>/` only (the ALB writes there when the access-log prefix is empty).
 * `elbAccountArn` is the answer of `aws.elb.getServiceAccount` where the writer is an account.
 */
export function albLogDeliveryStatement(
    writer: AlbLogWriter,
    bucketArn: pulumi.Input<string>,
    accountId: pulumi.Input<string>,
    elbAccountArn?: pulumi.Input<string>,
): aws.iam.PolicyStatement {
    if (writer.kind === "elb-account" && elbAccountArn === undefined)
        throw new Error("albLogDeliveryStatement: the ELB account's ARN is required in this region");
    return {
        Sid: "AlbAccessLogDelivery",
        Effect: "Allow",
        Principal: writer.kind === "elb-account" ? { AWS: elbAccountArn! } : { Service: writer.service },
        Action: "s3:PutObject",
        Resource: pulumi.interpolate`${bucketArn}/AWSLogs/${accountId}/*`,
    };
}
