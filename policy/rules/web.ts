/** Load balancers and WAF: strict header parsing, access logs, web ACLs with rules and metrics. */
import { ofType, pointsAt } from "../relations";
import { resourcePolicy, StackPolicy, TapPolicy } from "../types";
import { at, differs, isSet, isUnknown, list, show } from "../values";

const LB = "aws:lb/loadBalancer:LoadBalancer";
const ALB_ALIAS = "aws:alb/loadBalancer:LoadBalancer";
const CLASSIC_ELB = "aws:elb/loadBalancer:LoadBalancer";
const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const LISTENER_TYPES = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];

/** The load balancer security policies that accept TLS 1.2 and later only (ELBSecurityPolicy-TLS13-1-2-*, -TLS-1-2-*, -FS-1-2-*). */
const TLS12_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)(-|$)/;

/** ELB.1: once a load balancer has an HTTPS listener, its HTTP listeners only redirect to HTTPS. */
const httpRedirectsToHttps: StackPolicy = {
    name: "elb-http-redirects-to-https",
    controls: "ELB.1",
    description:
        "On a load balancer with an HTTPS listener, every HTTP listener's default action redirects to HTTPS (a load balancer without a certificate serves HTTP on 80, tap's documented fallback, and is not flagged).",
    enforcementLevel: "mandatory",
    resourceTypes: LISTENER_TYPES,
    validateStack: (resources) => {
        const listeners = ofType(resources, ...LISTENER_TYPES);
        return listeners
            .filter((l) => l.props.protocol === "HTTP")
            .filter((http) =>
                listeners.some(
                    (https) =>
                        https.props.protocol === "HTTPS" &&
                        ofType(resources, LB, ALB_ALIAS).some(
                            (lb) => pointsAt(http, "loadBalancerArn", lb) === "yes" && pointsAt(https, "loadBalancerArn", lb) === "yes",
                        ),
                ),
            )
            .filter(
                (http) =>
                    !isUnknown(http.props.defaultActions) &&
                    !list(http.props.defaultActions).every(
                        (a) =>
                            at(a, "type") === "redirect" &&
                            (at(a, "redirect", "protocol") === "HTTPS" || isUnknown(at(a, "redirect", "protocol"))),
                    ),
            )
            .map((http) => ({
                urn: http.urn,
                message: "serves plain HTTP beside the load balancer's HTTPS listener: its default action must redirect to HTTPS",
            }));
    },
};

/** The viewer TLS policies of TLS 1.2 and later (CloudFront's security policies). */
const CLOUDFRONT_TLS12 = /^TLSv1\.(2|3)_\d{4}$/;

/** `loadBalancerType` defaults to `application`. */
const isApplication = (p: Readonly<Record<string, unknown>>) => p.loadBalancerType === undefined || p.loadBalancerType === "application";

/** The rules of a web ACL, inline or as `ruleJson`; `undefined` when not known yet. */
function webAclRules(p: Readonly<Record<string, unknown>>): readonly unknown[] | undefined {
    if (isUnknown(p.rules) || isUnknown(p.ruleJson)) return undefined;
    if (typeof p.ruleJson === "string" && p.ruleJson.trim() !== "") {
        try {
            return list(JSON.parse(p.ruleJson));
        } catch {
            return [];
        }
    }
    return list(p.rules);
}

/** A rule (inline, or ruleJson in WAF API names) that only counts: `action.count`, or a rule group's `overrideAction.count`. */
function countsOnly(rule: unknown): boolean {
    return (
        isSet(at(rule, "action", "count")) ||
        isSet(at(rule, "overrideAction", "count")) ||
        isSet(at(rule, "Action", "Count")) ||
        isSet(at(rule, "OverrideAction", "Count"))
    );
}

export const WEB_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "elb-drop-invalid-header-fields",
        controls: "ELB.4",
        description:
            "Application load balancers drop HTTP headers with invalid fields (dropInvalidHeaderFields), against request smuggling.",
        enforcementLevel: "mandatory",
        resourceTypes: [LB, ALB_ALIAS],
        check: (p) =>
            isApplication(p) && differs(p.dropInvalidHeaderFields, true)
                ? [`dropInvalidHeaderFields is ${show(p.dropInvalidHeaderFields)}: must be true`]
                : [],
    }),
    resourcePolicy({
        name: "elb-access-logs",
        controls: "ELB.5; seed 001 #1",
        description: "Application and classic load balancers write access logs to S3 (accessLogs with a bucket, enabled).",
        enforcementLevel: "mandatory",
        resourceTypes: [LB, ALB_ALIAS, CLASSIC_ELB],
        check: (p, type) => {
            if (type !== CLASSIC_ELB && !isApplication(p)) return []; // ELB.5 covers ALBs and classic ELBs
            if (isUnknown(p.accessLogs)) return [];
            const enabled = at(p.accessLogs, "enabled");
            // Classic ELBs log once `accessLogs` is given; ALBs only with `enabled: true`.
            const on = type === CLASSIC_ELB ? enabled !== false : enabled === true || isUnknown(enabled);
            return on && isSet(at(p.accessLogs, "bucket"))
                ? []
                : [`accessLogs is ${show(p.accessLogs)}: enable access logs to the log bucket`];
        },
    }),
    resourcePolicy({
        name: "waf-web-acl-has-rules",
        controls: "WAF.10",
        description: "WAFv2 web ACLs have at least one rule or rule group.",
        enforcementLevel: "mandatory",
        resourceTypes: [WEB_ACL],
        check: (p) => (webAclRules(p)?.length === 0 ? ["the web ACL has no rules: it only applies its default action"] : []),
    }),
    resourcePolicy({
        name: "waf-rules-enforce",
        controls: "WAF.10; seed 002 #6",
        description:
            "No WAFv2 web ACL rule or managed rule group is count-only (action.count or overrideAction.count): each blocks what it matches; the default action is allow only with rules that block.",
        enforcementLevel: "mandatory",
        resourceTypes: [WEB_ACL],
        check: (p) =>
            (webAclRules(p) ?? [])
                .map((rule, i) => [rule, i] as const)
                .filter(([rule]) => countsOnly(rule))
                .map(
                    ([rule, i]) =>
                        `rule ${show(at(rule, "name") ?? at(rule, "Name") ?? i)} only counts what it matches: use overrideAction none (rule groups) or block`,
                ),
    }),
    resourcePolicy({
        name: "cloudfront-viewer-https-tls12",
        controls: "CloudFront.3, CloudFront.7, CloudFront.8",
        description:
            "CloudFront distributions serve viewers HTTPS only (every cache behaviour https-only or redirect-to-https), with a certificate of their own over SNI and a TLS 1.2+ security policy (minimumProtocolVersion TLSv1.2_2021 or later; the default certificate allows TLSv1).",
        enforcementLevel: "mandatory",
        resourceTypes: [DISTRIBUTION],
        check: (p) => {
            const problems: string[] = [];
            const behaviours: Array<[string, unknown]> = [
                ["defaultCacheBehavior", p.defaultCacheBehavior],
                ...list(p.orderedCacheBehaviors).map((b, i) => [`orderedCacheBehaviors[${i}]`, b] as [string, unknown]),
            ];
            for (const [where, behaviour] of behaviours) {
                const policy = at(behaviour, "viewerProtocolPolicy");
                if (!isUnknown(policy) && policy !== "https-only" && policy !== "redirect-to-https")
                    problems.push(`${where}.viewerProtocolPolicy is ${show(policy)}: https-only or redirect-to-https`);
            }
            const certificate = p.viewerCertificate;
            if (isUnknown(certificate)) return problems;
            if (at(certificate, "cloudfrontDefaultCertificate") === true)
                problems.push(
                    "viewerCertificate.cloudfrontDefaultCertificate is true: the default certificate accepts TLSv1; use an ACM certificate (CloudFront.7)",
                );
            const minimum = at(certificate, "minimumProtocolVersion");
            if (!isUnknown(minimum) && !(typeof minimum === "string" && CLOUDFRONT_TLS12.test(minimum)))
                problems.push(`viewerCertificate.minimumProtocolVersion is ${show(minimum)}: TLSv1.2_2021 or later`);
            const sni = at(certificate, "sslSupportMethod");
            if (isSet(at(certificate, "acmCertificateArn")) && differs(sni, "sni-only"))
                problems.push(`viewerCertificate.sslSupportMethod is ${show(sni)}: sni-only (CloudFront.8)`);
            return problems;
        },
    }),
    resourcePolicy({
        name: "cloudfront-waf",
        controls: "CloudFront.6",
        description: "CloudFront distributions are protected by an AWS WAF web ACL (webAclId, a CLOUDFRONT-scope ACL in us-east-1).",
        enforcementLevel: "mandatory",
        resourceTypes: [DISTRIBUTION],
        check: (p) =>
            isSet(p.webAclId) ? [] : ["no webAclId: requests reach the origin unfiltered (attach a CLOUDFRONT-scope WAFv2 web ACL)"],
    }),
    resourcePolicy({
        name: "cloudfront-s3-origin-access-control",
        controls: "CloudFront.13",
        description:
            "CloudFront origins on S3 buckets read through an origin access control (originAccessControlId), not a public bucket or the legacy origin access identity.",
        enforcementLevel: "mandatory",
        resourceTypes: [DISTRIBUTION],
        check: (p) =>
            list(p.origins)
                .map((origin, i) => [origin, i] as const)
                .filter(
                    ([origin]) =>
                        /\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/.test(String(at(origin, "domainName"))) &&
                        !isSet(at(origin, "originAccessControlId")),
                )
                .map(
                    ([origin, i]) => `origins[${i}] (${show(at(origin, "originId"))}) reads an S3 bucket without an origin access control`,
                ),
    }),
    httpRedirectsToHttps,
    resourcePolicy({
        name: "elb-listener-tls12",
        controls: "ELB.17",
        description:
            "HTTPS and TLS listeners use a security policy that accepts TLS 1.2 and later only (ELBSecurityPolicy-TLS13-1-2-*, -TLS-1-2-*, -FS-1-2-*).",
        enforcementLevel: "mandatory",
        resourceTypes: LISTENER_TYPES,
        check: (p) => {
            if (p.protocol !== "HTTPS" && p.protocol !== "TLS") return [];
            const policy = p.sslPolicy;
            if (isUnknown(policy) || (typeof policy === "string" && TLS12_POLICY.test(policy))) return [];
            return [
                `sslPolicy is ${show(policy)}: use a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06 (unset, AWS picks one that may allow TLS 1.0)`,
            ];
        },
    }),
    resourcePolicy({
        name: "elb-desync-mitigation",
        controls: "ELB.12",
        description:
            "Application load balancers mitigate HTTP desync in defensive or strictest mode (desyncMitigationMode, never monitor).",
        enforcementLevel: "mandatory",
        resourceTypes: [LB, ALB_ALIAS],
        check: (p) =>
            isApplication(p) && p.desyncMitigationMode === "monitor"
                ? ['desyncMitigationMode is "monitor": requests that could smuggle are passed on; use defensive or strictest']
                : [],
    }),
    resourcePolicy({
        name: "waf-cloudwatch-metrics",
        controls: "WAF.12",
        description: "WAFv2 web ACLs and each of their rules publish CloudWatch metrics (visibilityConfig.cloudwatchMetricsEnabled).",
        enforcementLevel: "mandatory",
        resourceTypes: [WEB_ACL],
        check: (p) => {
            // `rules` use the provider's names; `ruleJson` the WAF API's (VisibilityConfig.CloudWatchMetricsEnabled).
            const metricsOff = (rule: unknown) =>
                [at(rule, "visibilityConfig", "cloudwatchMetricsEnabled"), at(rule, "VisibilityConfig", "CloudWatchMetricsEnabled")].every(
                    (enabled) => differs(enabled, true),
                );
            const problems = metricsOff(p)
                ? [`visibilityConfig.cloudwatchMetricsEnabled is ${show(at(p.visibilityConfig, "cloudwatchMetricsEnabled"))}: must be true`]
                : [];
            (webAclRules(p) ?? []).forEach((rule, i) => {
                if (metricsOff(rule))
                    problems.push(`rule ${show(at(rule, "name") ?? at(rule, "Name") ?? i)} does not publish CloudWatch metrics`);
            });
            return problems;
        },
    }),
];
