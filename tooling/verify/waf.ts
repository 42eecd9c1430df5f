/**
 * WAF checks (WAFv2 client), for the web tier's web ACL (output `webAclArn`): it protects the
 * load balancer, applies the AWS managed rule groups and a per-IP rate limit, publishes metrics
 * for itself and every rule; and every web ACL of the stack (the CDN's too, `cdnWebAclArn`) logs.
 */
import { GetLoggingConfigurationCommand, GetWebACLCommand, GetWebACLForResourceCommand, Scope, WebACL } from "@aws-sdk/client-wafv2";
import { MANAGED_RULE_GROUPS } from "../../lib/web/web-acl-rules";
import { anyOf, Check, CheckContext, fail, Outcome, pass, verdict } from "./check";

const notFound = (err: unknown) => err instanceof Error && err.name === "WAFNonexistentItemException";

/** Name, id and scope of a web ACL, from `arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>`. */
export function parseWebAclArn(arn: string): { readonly Name: string; readonly Id: string; readonly Scope: Scope } | undefined {
    const match = /^arn:[a-z-]+:wafv2:[a-z0-9-]*:\d*:(regional|global)\/webacl\/([^/]+)\/([^/]+)$/.exec(arn);
    return match ? { Scope: match[1] === "global" ? "CLOUDFRONT" : "REGIONAL", Name: match[2], Id: match[3] } : undefined;
}

/** Runs `judge` on the stack's web ACL; an ACL WAF does not know fails. */
async function withWebAcl(context: CheckContext, judge: (acl: WebACL, arn: string) => Outcome): Promise<Outcome[]> {
    const arn = context.outputs.string("webAclArn");
    const key = parseWebAclArn(arn);
    if (!key) return [fail(arn, "output webAclArn is not a WAFv2 web ACL ARN")];
    try {
        const { WebACL: acl } = await context.clients.wafv2.send(new GetWebACLCommand(key));
        return [acl ? judge(acl, arn) : fail(arn, "web ACL not found")];
    } catch (err) {
        if (notFound(err)) return [fail(arn, "web ACL not found")];
        throw err;
    }
}

export const webAclOnLoadBalancer: Check = {
    id: "waf.associated",
    control: "ELB.16",
    proves: "The stack's web ACL is the one WAF applies to the load balancer.",
    requires: ["albArn", "webAclArn"],
    async run({ clients, outputs }) {
        const albArn = outputs.string("albArn");
        const webAclArn = outputs.string("webAclArn");
        try {
            const { WebACL: acl } = await clients.wafv2.send(new GetWebACLForResourceCommand({ ResourceArn: albArn }));
            if (!acl) return [fail(albArn, "no web ACL is associated with the load balancer")];
            return [
                acl.ARN === webAclArn
                    ? pass(albArn, `protected by web ACL ${acl.Name}`)
                    : fail(albArn, `protected by web ACL ${acl.ARN}, not the stack's ${webAclArn}`),
            ];
        } catch (err) {
            if (notFound(err)) return [fail(albArn, "WAF does not know the load balancer")];
            throw err;
        }
    },
};

export const webAclRules: Check = {
    id: "waf.rules",
    control: "WAF.10 / design: managed rules + rate limit",
    proves: `The web ACL blocks by a per-IP rate-based rule and applies the AWS managed rule groups ${MANAGED_RULE_GROUPS.join(", ")}, none of them in count-only mode.`,
    requires: ["webAclArn"],
    run: (context) =>
        withWebAcl(context, (acl, arn) => {
            const rules = acl.Rules ?? [];
            const problems: string[] = [];
            const rate = rules.find((r) => r.Statement?.RateBasedStatement);
            if (!rate) problems.push("no rate-based rule: clients are not rate limited");
            else if (!rate.Action || rate.Action.Count) problems.push(`rate-based rule ${rate.Name} only counts (Action Count)`);
            for (const group of MANAGED_RULE_GROUPS) {
                const rule = rules.find(
                    (r) =>
                        r.Statement?.ManagedRuleGroupStatement?.VendorName === "AWS" &&
                        r.Statement.ManagedRuleGroupStatement.Name === group,
                );
                if (!rule) problems.push(`no rule applies the AWS managed rule group ${group}`);
                else if (rule.OverrideAction?.Count) problems.push(`${group} only counts (OverrideAction Count)`);
            }
            const limit = rate?.Statement?.RateBasedStatement;
            return verdict(
                arn,
                problems,
                `${rate?.Name}: ${limit?.Limit} requests per ${limit?.EvaluationWindowSec ?? 300} s per ${limit?.AggregateKeyType}; then ${MANAGED_RULE_GROUPS.join(", ")}`,
            );
        }),
};

export const webAclMetrics: Check = {
    id: "waf.metrics",
    control: "WAF.12",
    proves: "The web ACL and every one of its rules publish CloudWatch metrics.",
    requires: ["webAclArn"],
    run: (context) =>
        withWebAcl(context, (acl, arn) => {
            const rules = acl.Rules ?? [];
            const problems = [
                ...(acl.VisibilityConfig?.CloudWatchMetricsEnabled === true ? [] : ["the web ACL's own CloudWatch metrics are off"]),
                ...rules
                    .filter((r) => r.VisibilityConfig?.CloudWatchMetricsEnabled !== true)
                    .map((r) => `rule ${r.Name} has CloudWatch metrics off`),
            ];
            return verdict(
                arn,
                problems,
                `CloudWatch metrics on the web ACL (${acl.VisibilityConfig?.MetricName}) and its ${rules.length} rules`,
            );
        }),
};

/** The stack's web ACLs, by the outputs that name them: the load balancer's and the CDN's. */
export const WEB_ACL_OUTPUTS = ["webAclArn", "cdnWebAclArn"] as const;

export const webAclLogging: Check = {
    id: "waf.logging",
    control: "WAF.11",
    proves: "Every web ACL of the stack (the load balancer's, the CDN's) logs every request's verdict to a log destination.",
    requires: [anyOf(...WEB_ACL_OUTPUTS)],
    async run({ clients, outputs }) {
        const arns = WEB_ACL_OUTPUTS.filter((key) => outputs.has(key)).map((key) => outputs.string(key));
        return Promise.all(
            arns.map(async (arn) => {
                // A CLOUDFRONT-scope ACL is answered by WAF in us-east-1 only (WAF API reference, Scope).
                const global = parseWebAclArn(arn)?.Scope === "CLOUDFRONT" && "wafv2Global" in clients;
                const client = global ? clients.wafv2Global! : clients.wafv2;
                try {
                    const { LoggingConfiguration: logging } = await client.send(new GetLoggingConfigurationCommand({ ResourceArn: arn }));
                    const destinations = logging?.LogDestinationConfigs ?? [];
                    if (destinations.length === 0) return fail(arn, "logging is off");
                    const redacted = (logging?.RedactedFields ?? [])
                        .map((f) => f.SingleHeader?.Name)
                        .filter((n): n is string => Boolean(n));
                    return pass(
                        arn,
                        `logs to ${destinations.join(", ")}${redacted.length ? `, headers redacted: ${redacted.join(", ")}` : ""}`,
                    );
                } catch (err) {
                    if (notFound(err)) return fail(arn, "logging is off (no logging configuration)");
                    throw err;
                }
            }),
        );
    },
};

export const WAF_CHECKS: readonly Check[] = [webAclOnLoadBalancer, webAclRules, webAclMetrics, webAclLogging];
