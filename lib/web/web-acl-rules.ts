/**
 * The rules of the web tier's WAFv2 web ACL, as a pure function: a per-IP rate limit first, then
 * the AWS managed rule groups. Every rule and the ACL itself publish CloudWatch metrics and keep
 * sampled requests (WAF.12); the ACL is never empty (WAF.10).
 */
import * as aws from "@pulumi/aws";

/** What AWS WAF accepts as a rate-based rule's limit (requests per IP per 5 minutes; WAF API RateBasedStatement.Limit). */
export const WAF_RATE_LIMIT_MIN = 10;
export const WAF_RATE_LIMIT_MAX = 2_000_000_000;

/** The AWS managed rule groups the ACL applies, in evaluation order (seed 002, #6). */
export const MANAGED_RULE_GROUPS = [
    "AWSManagedRulesCommonRuleSet", // OWASP Top 10 style: XSS, LFI/RFI, oversized bodies, bad user agents
    "AWSManagedRulesKnownBadInputsRuleSet", // Log4Shell, Java deserialization, localhost Host headers
    "AWSManagedRulesSQLiRuleSet", // SQL injection in query strings, bodies, cookies, URIs
] as const;

/** CloudWatch metrics and sampled requests for one rule or the whole ACL (WAF.12). */
export function visibility(metricName: string): aws.types.input.wafv2.WebAclVisibilityConfig {
    return { cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

/**
 * The ACL's rules. `metricPrefix` keeps the metric names of two stacks in one account apart;
 * `rateLimit` is requests per client IP per 5 minutes (WAF accepts 10 to 2,000,000,000).
 */
export function webAclRules(metricPrefix: string, rateLimit: number): aws.types.input.wafv2.WebAclRule[] {
    return [
        {
            name: "rate-limit-per-ip",
            priority: 0,
            action: { block: {} },
            statement: { rateBasedStatement: { limit: rateLimit, aggregateKeyType: "IP", evaluationWindowSec: 300 } },
            visibilityConfig: visibility(`${metricPrefix}-rate-limit-per-ip`),
        },
        ...MANAGED_RULE_GROUPS.map((name, i) => ({
            name,
            priority: 10 * (i + 1),
            overrideAction: { none: {} }, // the groups' own actions (block), not count-only
            statement: { managedRuleGroupStatement: { vendorName: "AWS", name } },
            visibilityConfig: visibility(`${metricPrefix}-${name}`),
        })),
    ];
}
