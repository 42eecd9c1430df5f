/** Load balancers and WAF: strict header parsing, access logs, web ACLs with rules and metrics. */
import { resourcePolicy, TapPolicy } from "../types";
import { at, differs, isSet, isUnknown, list, show } from "../values";

const LB = "aws:lb/loadBalancer:LoadBalancer";
const ALB_ALIAS = "aws:alb/loadBalancer:LoadBalancer";
const CLASSIC_ELB = "aws:elb/loadBalancer:LoadBalancer";
const WEB_ACL = "aws:wafv2/webAcl:WebAcl";

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

export const WEB_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "elb-drop-invalid-header-fields",
        controls: "ELB.4",
        description: "Application load balancers drop HTTP headers with invalid fields (dropInvalidHeaderFields), against request smuggling.",
        enforcementLevel: "mandatory",
        resourceTypes: [LB, ALB_ALIAS],
        check: (p) => (isApplication(p) && differs(p.dropInvalidHeaderFields, true) ? [`dropInvalidHeaderFields is ${show(p.dropInvalidHeaderFields)}: must be true`] : []),
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
            return on && isSet(at(p.accessLogs, "bucket")) ? [] : [`accessLogs is ${show(p.accessLogs)}: enable access logs to the log bucket`];
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
        name: "waf-cloudwatch-metrics",
        controls: "WAF.12",
        description: "WAFv2 web ACLs and each of their rules publish CloudWatch metrics (visibilityConfig.cloudwatchMetricsEnabled).",
        enforcementLevel: "mandatory",
        resourceTypes: [WEB_ACL],
        check: (p) => {
            // `rules` use the provider's names; `ruleJson` the WAF API's (VisibilityConfig.CloudWatchMetricsEnabled).
            const metricsOff = (rule: unknown) => [at(rule, "visibilityConfig", "cloudwatchMetricsEnabled"), at(rule, "VisibilityConfig", "CloudWatchMetricsEnabled")]
                .every((enabled) => differs(enabled, true));
            const problems = metricsOff(p) ? [`visibilityConfig.cloudwatchMetricsEnabled is ${show(at(p.visibilityConfig, "cloudwatchMetricsEnabled"))}: must be true`] : [];
            (webAclRules(p) ?? []).forEach((rule, i) => {
                if (metricsOff(rule)) problems.push(`rule ${show(at(rule, "name") ?? at(rule, "Name") ?? i)} does not publish CloudWatch metrics`);
            });
            return problems;
        },
    }),
];
