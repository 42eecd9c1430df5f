// ACM's ARN format (ACM User Guide, "ACM certificate characteristics"; IAM service authorization reference):
// arn:${Partition}:acm:${Region}:${Account}:certificate/${CertificateId}, the id a lower-case UUID.
/** An ACM certificate ARN; the first group is its region (an ALB takes one of its own region, CloudFront one of us-east-1). */
export const ACM_CERTIFICATE_ARN =
    /^arn:aws[a-z-]*:acm:([a-z]{2}(?:-[a-z]+)+-\d):\d{12}:certificate\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The region of an ACM certificate ARN; undefined when it is not one. */
export function certificateRegion(arn: string): string | undefined {
    return arn.match(ACM_CERTIFICATE_ARN)?.[1];
}
