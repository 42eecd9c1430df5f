import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { bucketName, ELB_NAME_MAX, elbNames } from "../naming";
import { tcpWithGroup } from "../network/security-group-rules";
import { SecureBucket } from "../security/secure-bucket";
import { albLogDeliveryStatement, albLogWriter } from "./alb-log-delivery";
import { visibility, webAclRules } from "./web-acl-rules";
import { WebTierSettings } from "./settings";

/** TLS 1.3 and 1.2 only, forward-secret ciphers (ELB user guide, security policies). */
export const HTTPS_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
/** The path the target group checks; Compute's user data answers it (nginx, `healthEndpoint`). */
export const HEALTH_CHECK_PATH = "/health";

/** The tag that records an accepted HTTP-only load balancer (tap:allowPlainHttp); the policy pack reads it. */
export const PLAIN_HTTP_TAG = "PlainHttpAcceptedBy";

export interface WebTierArgs {
    /** Prefix of every name, e.g. `tap-prod-use1`. */
    readonly namePrefix: string;
    /** Its settings (tap: keys of the same names), whole: the stack passes its settings group. */
    readonly settings: WebTierSettings;
    /** TLS from the stack's own domain: a DomainCertificate's validated ARN, instead of settings.certificateArn (the listener waits for ACM's validation). @default settings.certificateArn */
    readonly validatedCertificateArn?: pulumi.Input<string>;
    /** The region of `provider`: decides who writes the access logs (ELB account or service principal). */
    readonly region: string;
    readonly vpcId: pulumi.Input<string>;
    /** Public subnets, one per AZ: the load balancer's. */
    readonly publicSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The app instances' security group (Compute): gets ingress on `appPort` from the load balancer only. */
    readonly appSecurityGroupId: pulumi.Input<string>;
    /** The app instances' Auto Scaling group (Compute), attached to the target group; give this or `instanceId`. @default none */
    readonly autoScalingGroupName?: pulumi.Input<string>;
    /** The single app instance (Compute, tap:computeMode instance), registered in the target group instead. @default none */
    readonly instanceId?: pulumi.Input<string>;
    /** Receives the access-log bucket's server access logs (S3.9). */
    readonly accessLogsBucket: SecureBucket;
    /** The stack key: the WAF log group. */
    readonly kmsKeyArn: pulumi.Input<string>;
    readonly provider: aws.Provider;
}

/**
 * The web tier of one region: an internet-facing Application Load Balancer in the public subnets
 * in front of the Compute Auto Scaling group (or single instance), behind a WAFv2 web ACL, logging every request.
 * Security groups are chained by reference: internet → ALB (listener ports only) → app (app port only).
 */
export class WebTier extends pulumi.ComponentResource {
    public readonly securityGroup: aws.ec2.SecurityGroup;
    public readonly albLogBucket: SecureBucket;
    public readonly loadBalancer: aws.lb.LoadBalancer;
    public readonly targetGroup: aws.lb.TargetGroup;
    /** Absent with a certificate and redirectHttpToHttps false (443 only). */
    public readonly httpListener?: aws.lb.Listener;
    /** Only with a certificate. */
    public readonly httpsListener?: aws.lb.Listener;
    public readonly webAcl: aws.wafv2.WebAcl;
    public readonly wafLogGroup: aws.cloudwatch.LogGroup;
    /** The ports the load balancer listens on, and the only ones its security group opens (seed 001, failure 8). */
    public readonly listenerPorts: readonly number[];

    constructor(name: string, args: WebTierArgs, opts?: pulumi.ComponentResourceOptions) {
        const prefix = args.namePrefix;
        const appPort = args.settings.appPort;
        const cidrs = args.settings.allowedIngressCidrs;
        const rateLimit = args.settings.wafRateLimit;
        validate(name, prefix, appPort, cidrs, rateLimit);
        if ((args.autoScalingGroupName === undefined) === (args.instanceId === undefined)) {
            throw new Error(
                `WebTier ${name}: give exactly one of autoScalingGroupName and instanceId (the app instances behind the target group)`,
            );
        }
        super("tap:web:WebTier", name, {}, { ...opts, providers: { aws: args.provider } });
        const phase: Phase = { args, prefix, appPort, cidrs, rateLimit, child: { parent: this, provider: args.provider } };
        // Seed 002: with TLS and no redirect, 443 alone, from the allowed CIDRs only.
        this.listenerPorts = !certificateArn(args) ? [80] : args.settings.redirectHttpToHttps ? [80, 443] : [443];
        // The phases: where requests are logged, who may reach the load balancer and what it may
        // reach, the load balancer and its targets, its listeners, then the WAF in front and its logs.
        this.albLogBucket = this.createAlbLogBucket(phase);
        this.securityGroup = this.createSecurityGroup(phase);
        this.allowAppFromLoadBalancer(phase);
        this.loadBalancer = this.createLoadBalancer(phase);
        this.targetGroup = this.createTargetGroup(phase);
        this.attachAppInstances(phase);
        this.httpListener = this.listenerPorts.includes(80) ? this.createHttpListener(phase) : undefined;
        this.httpsListener = certificateArn(args) ? this.createHttpsListener(phase, certificateArn(args)!) : undefined;
        this.webAcl = this.createWebAcl(phase);
        this.wafLogGroup = this.logWebAclRequests(phase);

        this.registerOutputs({
            albArn: this.loadBalancer.arn,
            albDnsName: this.loadBalancer.dnsName,
            webAclArn: this.webAcl.arn,
            accessLogBucketName: this.albLogBucket.bucketName,
        });
    }

    /** ELB.5: the access-log bucket, written by ELB's log-delivery service principal (no other account: CIS 1.20). */
    private createAlbLogBucket({ args, prefix, child }: Phase): SecureBucket {
        // ALB log delivery cannot use a customer KMS key, hence SSE-S3.
        const account = aws.getCallerIdentityOutput({}, child).accountId;
        const writer = albLogWriter(args.region);
        const elbAccountArn = writer.kind === "elb-account" ? aws.elb.getServiceAccountOutput({}, child).arn : undefined;
        return new SecureBucket(
            `${prefix}-alb-logs`,
            {
                bucketName: account.apply((id) => bucketName(prefix, "alb-logs", id)),
                encryption: "SSE-S3",
                accessLogsBucket: args.accessLogsBucket,
                logLifecycle: { expireAfterDays: args.settings.auditLogExpirationDays },
                forceDestroy: args.settings.forceDestroyBuckets,
                extraStatements: (bucketArn) => [albLogDeliveryStatement(writer, bucketArn, account, elbAccountArn)],
                provider: args.provider,
            },
            { parent: this },
        );
    }

    /** The load balancer's group: the listener ports in from the allowed CIDRs, the app port out to the app group. */
    private createSecurityGroup({ args, prefix, child, appPort, cidrs }: Phase): aws.ec2.SecurityGroup {
        // Rules are separate resources (as in Compute): one per port and CIDR, nothing inline.
        const group = new aws.ec2.SecurityGroup(
            `${prefix}-alb-sg`,
            {
                vpcId: args.vpcId,
                // Fixed text: a description cannot change without replacing the group.
                description: `${prefix} load balancer: listener ports in from the allowed CIDRs, the app port out to the app instances only`,
                tags: { Name: `${prefix}-alb-sg` },
            },
            child,
        );
        for (const port of this.listenerPorts) {
            for (const cidr of cidrs) {
                new aws.vpc.SecurityGroupIngressRule(
                    `${prefix}-alb-ingress-${port}-${cidr.replace(/[./]/g, "-")}`,
                    {
                        securityGroupId: group.id,
                        description: `${port === 443 ? "HTTPS" : "HTTP"} from ${cidr} (tap:allowedIngressCidrs)`,
                        ipProtocol: "tcp",
                        fromPort: port,
                        toPort: port,
                        cidrIpv4: cidr,
                    },
                    child,
                );
            }
        }
        new aws.vpc.SecurityGroupEgressRule(
            `${prefix}-alb-egress-to-app`,
            {
                securityGroupId: group.id,
                description: `To the app instances on the app port ${appPort} (requests and health checks)`,
                ...tcpWithGroup(appPort, args.appSecurityGroupId),
            },
            child,
        );
        return group;
    }

    /** The app group's one inbound rule: the app port, from the load balancer's group. */
    private allowAppFromLoadBalancer({ args, prefix, child, appPort }: Phase): aws.vpc.SecurityGroupIngressRule {
        // Added here, not in Compute: the app tier knows nothing of the load balancer.
        return new aws.vpc.SecurityGroupIngressRule(
            `${prefix}-app-ingress-from-alb`,
            {
                securityGroupId: args.appSecurityGroupId,
                description: `From the load balancer on the app port ${appPort}`,
                ...tcpWithGroup(appPort, this.securityGroup.id),
            },
            child,
        );
    }

    /** The internet-facing Application Load Balancer in the public subnets, logging every request. */
    private createLoadBalancer({ args, prefix, child, appPort }: Phase): aws.lb.LoadBalancer {
        return new aws.lb.LoadBalancer(
            `${prefix}-alb`,
            {
                name: elbNames(prefix, appPort).loadBalancer,
                loadBalancerType: "application",
                internal: false,
                subnets: args.publicSubnetIds,
                securityGroups: [this.securityGroup.id],
                dropInvalidHeaderFields: true, // ELB.4: no request smuggling through malformed headers
                desyncMitigationMode: "defensive", // ELB.12
                enableDeletionProtection: args.settings.deletionProtection, // ELB.6 (tap:deletionProtection)
                accessLogs: { bucket: this.albLogBucket.bucketName, enabled: true }, // ELB.5, under AWSLogs/<account>/
                // The policy pack's elb-https-listener accepts an HTTP-only load balancer only with this tag.
                tags: {
                    Name: `${prefix}-alb`,
                    ...(!certificateArn(args) && args.settings.allowPlainHttp ? { [PLAIN_HTTP_TAG]: "tap:allowPlainHttp" } : {}),
                },
            },
            {
                ...child,
                // ELB checks it can write to the bucket when logging is turned on: policy first.
                dependsOn: [this.albLogBucket.policy],
            },
        );
    }

    /** The app instances' target group, health-checked on `HEALTH_CHECK_PATH`. */
    private createTargetGroup({ args, prefix, child, appPort }: Phase): aws.lb.TargetGroup {
        return new aws.lb.TargetGroup(
            `${prefix}-app-tg`,
            {
                name: elbNames(prefix, appPort).targetGroup,
                vpcId: args.vpcId,
                targetType: "instance",
                protocol: "HTTP",
                port: appPort,
                deregistrationDelay: 30,
                healthCheck: {
                    enabled: true,
                    protocol: "HTTP",
                    port: "traffic-port",
                    path: HEALTH_CHECK_PATH,
                    matcher: "200",
                    interval: 15,
                    timeout: 5,
                    healthyThreshold: 2,
                    unhealthyThreshold: 3,
                },
                tags: { Name: `${prefix}-app-tg` },
            },
            child,
        );
    }

    /** Puts the app instances in the target group: the Auto Scaling group, or the single instance. */
    private attachAppInstances({ args, prefix, child, appPort }: Phase): aws.autoscaling.Attachment | aws.lb.TargetGroupAttachment {
        const { autoScalingGroupName, instanceId } = args;
        if (autoScalingGroupName !== undefined) {
            return new aws.autoscaling.Attachment(
                `${prefix}-app-tg-attachment`,
                {
                    autoscalingGroupName: autoScalingGroupName,
                    lbTargetGroupArn: this.targetGroup.arn,
                },
                child,
            );
        }
        // Nothing replaces a single instance that fails the health check: the load balancer only stops sending to it.
        return new aws.lb.TargetGroupAttachment(
            `${prefix}-app-tg-attachment`,
            {
                targetGroupArn: this.targetGroup.arn,
                targetId: instanceId!, // the constructor checked that exactly one of the two is given
                port: appPort,
            },
            child,
        );
    }

    /** Port 80: redirects to HTTPS with a certificate (ELB.1), forwards to the app without one. */
    private createHttpListener({ args, prefix, child }: Phase): aws.lb.Listener {
        return new aws.lb.Listener(
            `${prefix}-http`,
            {
                loadBalancerArn: this.loadBalancer.arn,
                port: 80,
                protocol: "HTTP",
                // ELB.1: with a certificate, plain HTTP only redirects to HTTPS.
                defaultActions: certificateArn(args)
                    ? [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]
                    : this.forwardToApp(),
            },
            child,
        );
    }

    /** Port 443, TLS 1.2+ (`HTTPS_SSL_POLICY`), forwarding to the app. */
    private createHttpsListener({ prefix, child }: Phase, certificateArn: pulumi.Input<string>): aws.lb.Listener {
        return new aws.lb.Listener(
            `${prefix}-https`,
            {
                loadBalancerArn: this.loadBalancer.arn,
                port: 443,
                protocol: "HTTPS",
                sslPolicy: HTTPS_SSL_POLICY,
                certificateArn,
                defaultActions: this.forwardToApp(),
            },
            child,
        );
    }

    /** A listener's action that sends requests to the app's target group. */
    private forwardToApp() {
        return [{ type: "forward", targetGroupArn: this.targetGroup.arn }];
    }

    /** The WAFv2 web ACL in front of the load balancer (rate limit and AWS managed rule groups). */
    private createWebAcl({ prefix, child, rateLimit }: Phase): aws.wafv2.WebAcl {
        const webAcl = new aws.wafv2.WebAcl(
            `${prefix}-web-acl`,
            {
                name: `${prefix}-web-acl`,
                description: `${prefix}: rate limit per IP and the AWS managed common, known-bad-inputs and SQLi rule groups`,
                scope: "REGIONAL",
                defaultAction: { allow: {} },
                rules: webAclRules(prefix, rateLimit), // WAF.10: never an empty ACL
                visibilityConfig: visibility(`${prefix}-web-acl`), // WAF.12
            },
            child,
        );
        new aws.wafv2.WebAclAssociation(
            `${prefix}-web-acl-association`,
            {
                resourceArn: this.loadBalancer.arn,
                webAclArn: webAcl.arn,
            },
            child,
        );
        return webAcl;
    }

    /** WAF.11: every request's verdict is logged, to an encrypted group. */
    private logWebAclRequests({ args, prefix, child }: Phase): aws.cloudwatch.LogGroup {
        // WAF requires the `aws-waf-logs-` name prefix.
        const logGroup = new aws.cloudwatch.LogGroup(
            `${prefix}-waf-logs`,
            {
                name: `aws-waf-logs-${prefix}`,
                retentionInDays: args.settings.logRetentionDays,
                kmsKeyId: args.kmsKeyArn,
            },
            child,
        );
        new aws.wafv2.WebAclLoggingConfiguration(
            `${prefix}-web-acl-logging`,
            {
                resourceArn: this.webAcl.arn,
                logDestinationConfigs: [logGroup.arn],
                // Credentials and sessions stay out of the logs.
                redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }],
            },
            child,
        );
        return logGroup;
    }
}

/** What every construction phase of a WebTier reads. */
interface Phase {
    readonly args: WebTierArgs;
    readonly prefix: string;
    readonly child: pulumi.CustomResourceOptions;
    readonly appPort: number;
    readonly cidrs: readonly string[];
    readonly rateLimit: number;
}

/** Impossible arguments fail here, naming the argument, before any resource is registered. */
function validate(name: string, prefix: string, appPort: number, cidrs: readonly string[], rateLimit: number): void {
    const fail = (message: string) => {
        throw new Error(`WebTier ${name}: ${message}`);
    };
    if (!(Number.isInteger(appPort) && appPort >= 1 && appPort <= 65535))
        fail(`appPort must be a port number (1 to 65535), got ${appPort}`);
    if (cidrs.length === 0) fail("allowedIngressCidrs is empty: nobody could reach the load balancer");
    if (!(Number.isInteger(rateLimit) && rateLimit >= 10 && rateLimit <= 2_000_000_000))
        fail(`wafRateLimit must be a whole number from 10 to 2000000000 (AWS WAF's range), got ${rateLimit}`);
    for (const elbName of Object.values(elbNames(prefix, appPort))) {
        if (elbName.length > ELB_NAME_MAX)
            fail(`the ELB name ${elbName} is longer than ELB's ${ELB_NAME_MAX} characters: shorten tap:environmentSuffix`);
    }
}

/** The HTTPS listener's certificate: the stack's own domain's, validated, or the configured ARN; none without TLS. */
function certificateArn(args: WebTierArgs): pulumi.Input<string> | undefined {
    return args.validatedCertificateArn ?? args.settings.certificateArn;
}
