import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { bucketName } from "../naming";
import { SecureBucket } from "../security/secure-bucket";
import { visibility, webAclRules } from "./web-acl-rules";
import { StaticSiteSettings } from "./settings";

/** CloudFront's control plane, its certificates and its log delivery sources live in us-east-1. */
export const CLOUDFRONT_REGION = "us-east-1";
/** Viewers need TLS 1.2 or later (only available with a certificate of your own). */
export const CDN_MINIMUM_PROTOCOL_VERSION = "TLSv1.2_2021";
/** AWS managed policies (fixed ids): CachingOptimized, and SecurityHeadersPolicy (HSTS, nosniff, frame options, XSS, referrer). */
export const CACHING_OPTIMIZED_POLICY_ID = "658327ea-f89d-4fab-a63d-7e88639e58f6";
export const SECURITY_HEADERS_POLICY_ID = "67f7725c-6f97-4210-82d7-5512b31e9d03";

export interface StaticSiteArgs {
    /** Prefix of every name, e.g. `tap-prod-use1`. */
    readonly namePrefix: string;
    /** Its settings (tap: keys of the same names), whole: the stack passes its settings group. */
    readonly settings: StaticSiteSettings;
    /** The stack key: the content bucket (its policy must let CloudFront decrypt; see SecurityBaseline). */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** Receives both buckets' server access logs (S3.9). */
    readonly accessLogsBucket: SecureBucket;
    /** The stack's region: its key encrypts the web ACL's log group only when that is us-east-1 (KMS keys are regional). */
    readonly region: string;
    /** The stack's provider; the log delivery is placed in us-east-1 through each resource's `region`. */
    readonly provider: aws.Provider;
}

/**
 * Static content in a locked-down bucket, served only by CloudFront through origin access control
 * (SigV4-signed requests; the bucket policy admits this one distribution), HTTPS only with TLS 1.2+,
 * access logs by CloudFront standard logging (v2) to an S3 bucket without ACLs.
 */
export class StaticSite extends pulumi.ComponentResource {
    public readonly contentBucket: SecureBucket;
    public readonly logBucket: SecureBucket;
    public readonly originAccessControl: aws.cloudfront.OriginAccessControl;
    public readonly distribution: aws.cloudfront.Distribution;
    public readonly logDelivery: aws.cloudwatch.LogDelivery;
    /** CloudFront.6: the distribution's WAFv2 web ACL (scope CLOUDFRONT, which lives in us-east-1). */
    public readonly webAcl: aws.wafv2.WebAcl;
    /** WAF.11: the web ACL's request log, a us-east-1 log group named `aws-waf-logs-*`. */
    public readonly wafLogGroup: aws.cloudwatch.LogGroup;

    constructor(name: string, args: StaticSiteArgs, opts?: pulumi.ComponentResourceOptions) {
        if (args.settings.cdnAliases.length === 0)
            throw new Error(
                `StaticSite ${name}: aliases is empty: the certificate must cover at least one domain name of the distribution`,
            );
        if (args.settings.cdnCertificateArn === undefined)
            throw new Error(
                `StaticSite ${name}: settings.cdnCertificateArn is unset: TLS 1.2+ to viewers needs a certificate of your own (us-east-1)`,
            );
        super("tap:web:StaticSite", name, {}, { ...opts, providers: { aws: args.provider } });
        const prefix = args.namePrefix;
        const child = { parent: this, provider: args.provider };
        const identity = aws.getCallerIdentityOutput({}, child);
        const partition = aws.getPartitionOutput({}, child).partition;
        const phase: Phase = {
            args,
            prefix,
            child,
            partition,
            account: identity.accountId,
            forceDestroy: args.settings.forceDestroyBuckets,
            // The bucket policy names the distribution, and the distribution reads the bucket: the
            // policy takes the distribution's ARN once the distribution exists, never the other way round.
            distributionArn: lateBound<string>(),
            deliverySourceName: `${prefix}-cdn-access-logs`,
        };
        // The phases: the two buckets, how CloudFront signs its requests, the WAF in front, the
        // distribution, then the delivery of its access logs.
        this.contentBucket = this.createContentBucket(phase);
        this.logBucket = this.createLogBucket(phase);
        this.originAccessControl = this.createOriginAccessControl(phase);
        this.webAcl = this.createWebAcl(phase);
        this.wafLogGroup = this.logWebAclRequests(phase);
        this.distribution = this.createDistribution(phase);
        phase.distributionArn.bind(this.distribution.arn);
        this.logDelivery = this.deliverAccessLogs(phase);

        this.registerOutputs({
            domainName: this.distribution.domainName,
            distributionArn: this.distribution.arn,
            contentBucketName: this.contentBucket.bucketName,
        });
    }

    /** The content bucket, readable by this one distribution only, through origin access control. */
    private createContentBucket({ args, prefix, account, forceDestroy, distributionArn }: Phase): SecureBucket {
        return new SecureBucket(
            `${prefix}-static-site`,
            {
                bucketName: account.apply((id) => bucketName(prefix, "static-site", id)),
                kmsKeyArn: args.kmsKeyArn,
                accessLogsBucket: args.accessLogsBucket,
                forceDestroy,
                extraStatements: (bucketArn) => [
                    {
                        Sid: "CloudFrontReadsThroughOriginAccessControl",
                        Effect: "Allow",
                        Principal: { Service: "cloudfront.amazonaws.com" },
                        Action: "s3:GetObject",
                        Resource: pulumi.interpolate`${bucketArn}/*`,
                        Condition: { StringEquals: { "AWS:SourceArn": distributionArn.output } },
                    },
                ],
                provider: args.provider,
            },
            { parent: this },
        );
    }

    /** The access-log bucket, written by CloudFront standard logging (v2) through the bucket policy. */
    private createLogBucket({ args, prefix, account, partition, forceDestroy, deliverySourceName }: Phase): SecureBucket {
        // Standard logging v2 delivers through CloudWatch vended logs, granted by bucket policy: it
        // works with BucketOwnerEnforced (S3.12). Legacy standard logging needs the log bucket's ACLs.
        const deliverySourceArn = pulumi.interpolate`arn:${partition}:logs:${CLOUDFRONT_REGION}:${account}:delivery-source:${deliverySourceName}`;
        return new SecureBucket(
            `${prefix}-cdn-logs`,
            {
                bucketName: account.apply((id) => bucketName(prefix, "cdn-logs", id)),
                // Like the other log buckets written by AWS services: no grant on the stack key for them.
                encryption: "SSE-S3",
                accessLogsBucket: args.accessLogsBucket,
                logLifecycle: { expireAfterDays: args.settings.auditLogExpirationDays },
                forceDestroy,
                extraStatements: (bucketArn) => [
                    {
                        Sid: "CloudFrontLogDelivery",
                        Effect: "Allow",
                        Principal: { Service: "delivery.logs.amazonaws.com" },
                        Action: "s3:PutObject",
                        Resource: pulumi.interpolate`${bucketArn}/AWSLogs/${account}/*`,
                        Condition: {
                            StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": account },
                            ArnLike: { "aws:SourceArn": deliverySourceArn },
                        },
                    },
                ],
                provider: args.provider,
            },
            { parent: this },
        );
    }

    /** CloudFront.13: CloudFront signs every request to the content bucket (SigV4), no legacy OAI. */
    private createOriginAccessControl({ prefix, child }: Phase): aws.cloudfront.OriginAccessControl {
        return new aws.cloudfront.OriginAccessControl(
            `${prefix}-static-site-oac`,
            {
                name: `${prefix}-static-site`,
                description: `${prefix}: CloudFront signs every request to the static-site bucket`,
                originAccessControlOriginType: "s3",
                signingBehavior: "always",
                signingProtocol: "sigv4",
            },
            child,
        );
    }

    /** CloudFront.6: the same rules as the load balancer's ACL, in a CLOUDFRONT-scope ACL. */
    private createWebAcl({ args, prefix, child }: Phase): aws.wafv2.WebAcl {
        // A CLOUDFRONT-scope ACL exists in us-east-1 only: placed there by `region`, like the log delivery.
        return new aws.wafv2.WebAcl(
            `${prefix}-cdn-web-acl`,
            {
                region: CLOUDFRONT_REGION,
                name: `${prefix}-cdn-web-acl`,
                description: `${prefix} CDN: rate limit per IP and the AWS managed common, known-bad-inputs and SQLi rule groups`,
                scope: "CLOUDFRONT",
                defaultAction: { allow: {} },
                rules: webAclRules(`${prefix}-cdn`, args.settings.wafRateLimit), // WAF.10
                visibilityConfig: visibility(`${prefix}-cdn-web-acl`), // WAF.12
            },
            child,
        );
    }

    /**
     * WAF.11 ("AWS WAF web ACL logging should be enabled"): every request's verdict is logged, like
     * the load balancer's ACL. A CLOUDFRONT-scope ACL logs to CloudWatch Logs in us-east-1 only, into
     * a group whose name starts with `aws-waf-logs-` (WAF developer guide, "Sending web ACL traffic
     * logs to an Amazon CloudWatch Logs log group").
     */
    private logWebAclRequests({ args, prefix, child }: Phase): aws.cloudwatch.LogGroup {
        // The stack key is regional: it encrypts the group only when the stack lives in us-east-1.
        const sameRegionKey = args.region === CLOUDFRONT_REGION;
        const logGroup = new aws.cloudwatch.LogGroup(
            `${prefix}-cdn-waf-logs`,
            {
                region: CLOUDFRONT_REGION,
                name: `aws-waf-logs-${prefix}-cdn`,
                retentionInDays: args.settings.logRetentionDays,
                kmsKeyId: sameRegionKey ? args.kmsKeyArn : undefined,
                tags: sameRegionKey
                    ? undefined
                    : {
                          "tap:waive:cloudwatch-log-group-kms": `the stack key lives in ${args.region}; a CloudFront web ACL logs to us-east-1 only, where the stack has no key`,
                      },
            },
            child,
        );
        new aws.wafv2.WebAclLoggingConfiguration(
            `${prefix}-cdn-web-acl-logging`,
            {
                region: CLOUDFRONT_REGION,
                resourceArn: this.webAcl.arn,
                logDestinationConfigs: [logGroup.arn],
                // Credentials and sessions stay out of the logs.
                redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }],
            },
            child,
        );
        return logGroup;
    }

    /** The distribution: HTTPS only with TLS 1.2+ on the stack's aliases, security headers, the web ACL. */
    private createDistribution({ args, prefix, child }: Phase): aws.cloudfront.Distribution {
        const originId = "static-site-bucket";
        return new aws.cloudfront.Distribution(
            `${prefix}-cdn`,
            {
                comment: `${prefix} static site`,
                enabled: true,
                isIpv6Enabled: true,
                httpVersion: "http2and3",
                priceClass: "PriceClass_100",
                aliases: [...args.settings.cdnAliases],
                defaultRootObject: "index.html", // CloudFront.1
                origins: [
                    {
                        originId,
                        domainName: this.contentBucket.bucket.bucketRegionalDomainName,
                        originAccessControlId: this.originAccessControl.id, // CloudFront.13: OAC, not the legacy OAI
                    },
                ],
                defaultCacheBehavior: {
                    targetOriginId: originId,
                    viewerProtocolPolicy: "redirect-to-https", // CloudFront.3
                    allowedMethods: ["GET", "HEAD"],
                    cachedMethods: ["GET", "HEAD"],
                    compress: true,
                    cachePolicyId: CACHING_OPTIMIZED_POLICY_ID,
                    responseHeadersPolicyId: SECURITY_HEADERS_POLICY_ID,
                },
                restrictions: { geoRestriction: { restrictionType: "none" } },
                viewerCertificate: {
                    acmCertificateArn: args.settings.cdnCertificateArn!, // checked above
                    sslSupportMethod: "sni-only", // CloudFront.8
                    minimumProtocolVersion: CDN_MINIMUM_PROTOCOL_VERSION, // with a certificate of our own (CloudFront.7)
                },
                webAclId: this.webAcl.arn, // WAFv2 takes the ACL's ARN
                tags: { Name: `${prefix}-cdn` },
            },
            child,
        );
    }

    /** Access logs (the intent of CloudFront.5): source, destination and delivery, all in us-east-1. */
    private deliverAccessLogs({ prefix, child, deliverySourceName }: Phase): aws.cloudwatch.LogDelivery {
        // CloudFront.5's Config rule only recognises legacy logging. Source, destination and delivery
        // must be in us-east-1 whatever the stack's region: each resource's `region` argument places
        // them there through the stack's provider.
        const source = new aws.cloudwatch.LogDeliverySource(
            `${prefix}-cdn-log-source`,
            {
                region: CLOUDFRONT_REGION,
                name: deliverySourceName,
                logType: "ACCESS_LOGS",
                resourceArn: this.distribution.arn,
            },
            child,
        );
        const destination = new aws.cloudwatch.LogDeliveryDestination(
            `${prefix}-cdn-log-destination`,
            {
                region: CLOUDFRONT_REGION,
                name: `${prefix}-cdn-logs-bucket`,
                outputFormat: "json",
                deliveryDestinationConfiguration: { destinationResourceArn: this.logBucket.arn },
            },
            child,
        );
        return new aws.cloudwatch.LogDelivery(
            `${prefix}-cdn-log-delivery`,
            {
                region: CLOUDFRONT_REGION,
                deliverySourceName: source.name,
                deliveryDestinationArn: destination.arn,
            },
            { ...child, dependsOn: [this.logBucket.policy] },
        );
    }
}

/** What every construction phase of a StaticSite reads. */
interface Phase {
    readonly args: StaticSiteArgs;
    readonly prefix: string;
    readonly child: pulumi.CustomResourceOptions;
    readonly account: pulumi.Output<string>;
    readonly partition: pulumi.Output<string>;
    readonly forceDestroy: boolean;
    /** The distribution's ARN, for the content bucket's policy: bound once the distribution is declared. */
    readonly distributionArn: LateBound<string>;
    /** The CloudWatch delivery source of the access logs, named before it exists (the log bucket's policy names it). */
    readonly deliverySourceName: string;
}

type LateBound<T> = { readonly output: pulumi.Output<T>; readonly bind: (value: pulumi.Output<T>) => void };

/** An Output whose value is bound later, once the resource it comes from has been declared. */
function lateBound<T>(): LateBound<T> {
    let bind!: (value: pulumi.Output<T>) => void;
    const value = new Promise<pulumi.Output<T>>((resolve) => {
        bind = resolve;
    });
    // `output` lifts the inner Output, its dependencies included, once bound.
    return { output: pulumi.output(value) as unknown as pulumi.Output<T>, bind };
}
