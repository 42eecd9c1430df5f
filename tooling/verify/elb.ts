/**
 * Load balancer checks (Elastic Load Balancing v2 client), for the web tier's Application Load
 * Balancer (output `albArn`): invalid headers dropped, access logs, deletion protection, listeners.
 */
import {
    Action,
    DescribeLoadBalancerAttributesCommand,
    DescribeSSLPoliciesCommand,
    Listener,
    paginateDescribeListeners,
    paginateDescribeRules,
    Rule,
    SslPolicy,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { Check, CheckContext, fail, offAsChosen, Outcome, pass, verdict } from "./check";

/** Runs `judge` on the load balancer's attributes (`Key` → `Value`); a load balancer ELB does not know fails. */
async function withLoadBalancer(
    context: CheckContext,
    judge: (arn: string, attributes: ReadonlyMap<string, string>) => Outcome,
): Promise<Outcome[]> {
    const arn = context.outputs.string("albArn");
    try {
        const { Attributes = [] } = await context.clients.elb.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }));
        return [judge(arn, new Map(Attributes.map((a) => [a.Key ?? "", a.Value ?? ""])))];
    } catch (err) {
        if (err instanceof Error && err.name === "LoadBalancerNotFoundException") return [fail(arn, "load balancer not found")];
        throw err;
    }
}

export const dropsInvalidHeaders: Check = {
    id: "elb.drop-invalid-headers",
    control: "ELB.4",
    proves: "The load balancer drops HTTP headers with invalid field names instead of passing them to the targets.",
    requires: ["albArn"],
    run: (context) =>
        withLoadBalancer(context, (arn, attributes) => {
            const value = attributes.get("routing.http.drop_invalid_header_fields.enabled");
            return value === "true"
                ? pass(arn, "routing.http.drop_invalid_header_fields.enabled true")
                : fail(
                      arn,
                      `routing.http.drop_invalid_header_fields.enabled ${value ?? "absent"}: headers with invalid names reach the targets`,
                  );
        }),
};

export const accessLogsEnabled: Check = {
    id: "elb.access-logs",
    control: "ELB.5",
    proves: "The load balancer writes access logs to an S3 bucket of the stack.",
    requires: ["albArn"],
    run: (context) =>
        withLoadBalancer(context, (arn, attributes) => {
            const bucket = attributes.get("access_logs.s3.bucket");
            const prefix = attributes.get("access_logs.s3.prefix");
            if (attributes.get("access_logs.s3.enabled") !== "true")
                return fail(arn, "access_logs.s3.enabled false: requests are not logged");
            if (!bucket) return fail(arn, "access logs enabled without a bucket");
            const stackBuckets = context.outputs.buckets().map((b) => b.name);
            if (stackBuckets.length > 0 && !stackBuckets.includes(bucket)) return fail(arn, `logs to ${bucket}, not a bucket of the stack`);
            return pass(arn, `logs to s3://${bucket}/${prefix ? `${prefix}/` : ""}AWSLogs/`);
        }),
};

export const deletionProtection: Check = {
    id: "elb.deletion-protection",
    control: "ELB.6",
    proves: "Deletion protection is on, or off where the stack exports that it chose so (output deletionProtection false).",
    requires: ["albArn"],
    run: (context) =>
        withLoadBalancer(context, (arn, attributes) =>
            attributes.get("deletion_protection.enabled") === "true"
                ? pass(arn, "deletion_protection.enabled true")
                : offAsChosen(arn, context.outputs, {
                      configKey: "tap:deletionProtection",
                      outputKey: "deletionProtection",
                      off: "off",
                      control: "ELB.6",
                  }),
        ),
};

/** Protocol versions older than TLS 1.2. */
const WEAK_PROTOCOLS = new Set(["SSLv2", "SSLv3", "TLSv1", "TLSv1.1"]);

const redirectsToHttps = (actions: readonly Action[] = []) =>
    actions.some((a) => a.Type === "redirect" && a.RedirectConfig?.Protocol === "HTTPS");
const describeActions = (actions: readonly Action[] = []) =>
    actions
        .map((a) => (a.Type === "redirect" ? `redirect to ${a.RedirectConfig?.Protocol}:${a.RedirectConfig?.Port}` : a.Type))
        .join(" + ") || "no action";

/** What is wrong with one HTTP listener when the load balancer also serves HTTPS: anything but redirecting to it. */
async function httpListenerProblems(context: CheckContext, listener: Listener): Promise<string[]> {
    const rules: Rule[] = [];
    for await (const page of paginateDescribeRules({ client: context.clients.elb }, { ListenerArn: listener.ListenerArn }))
        rules.push(...(page.Rules ?? []));
    const defaultActions = rules.find((r) => r.IsDefault)?.Actions ?? listener.DefaultActions;
    const problems: string[] = [];
    if (!redirectsToHttps(defaultActions))
        problems.push(`HTTP :${listener.Port} answers with ${describeActions(defaultActions)}, not a redirect to HTTPS`);
    for (const rule of rules.filter((r) => !r.IsDefault && (r.Actions ?? []).some((a) => a.Type === "forward"))) {
        problems.push(`HTTP :${listener.Port} rule ${rule.Priority} forwards plain HTTP to the targets`);
    }
    return problems;
}

export const listenersEncrypt: Check = {
    id: "elb.listeners",
    control: "ELB.1 / design: TLS 1.2+",
    proves: "The load balancer serves HTTPS with a TLS 1.2+ security policy and its HTTP listeners only redirect to HTTPS; an HTTP-only load balancer fails.",
    requires: ["albArn"],
    async run(context) {
        const arn = context.outputs.string("albArn");
        const listeners: Listener[] = [];
        try {
            for await (const page of paginateDescribeListeners({ client: context.clients.elb }, { LoadBalancerArn: arn }))
                listeners.push(...(page.Listeners ?? []));
        } catch (err) {
            if (err instanceof Error && err.name === "LoadBalancerNotFoundException") return [fail(arn, "load balancer not found")];
            throw err;
        }
        if (listeners.length === 0) return [fail(arn, "no listeners")];
        const https = listeners.filter((l) => l.Protocol === "HTTPS");
        const http = listeners.filter((l) => l.Protocol === "HTTP");
        const ports = (list: Listener[]) => list.map((l) => `:${l.Port}`).join(", ");
        if (https.length === 0) {
            return [
                fail(
                    arn,
                    `HTTP only (${ports(http)}): no HTTPS listener, so traffic to the load balancer is unencrypted (the stack serves HTTPS only with tap:certificateArn)`,
                ),
            ];
        }

        const names = [...new Set(https.map((l) => l.SslPolicy ?? ""))].filter((n) => n.length > 0);
        // DescribeSSLPolicies pages with Marker/NextMarker and the SDK has no paginator for it: every page, by hand.
        const SslPolicies: SslPolicy[] = [];
        for (let marker: string | undefined, first = true; names.length > 0 && (first || marker); first = false) {
            const page = await context.clients.elb.send(new DescribeSSLPoliciesCommand({ Names: names, Marker: marker }));
            SslPolicies.push(...(page.SslPolicies ?? []));
            marker = page.NextMarker;
        }
        const problems: string[] = [];
        const seen: string[] = [];
        for (const listener of https) {
            const policy = SslPolicies.find((p) => p.Name === listener.SslPolicy);
            const protocols = policy?.SslProtocols ?? [];
            const weak = protocols.filter((p) => WEAK_PROTOCOLS.has(p));
            if (!policy) problems.push(`HTTPS :${listener.Port} security policy ${listener.SslPolicy ?? "(none)"} not found`);
            else if (weak.length > 0) problems.push(`HTTPS :${listener.Port} policy ${policy.Name} allows ${weak.join(", ")}`);
            else seen.push(`HTTPS :${listener.Port} with ${policy.Name} (${protocols.join(", ")})`);
        }
        for (const listener of http) {
            const found = await httpListenerProblems(context, listener);
            problems.push(...found);
            if (found.length === 0) seen.push(`HTTP :${listener.Port} redirects to HTTPS`);
        }
        return [verdict(arn, problems, seen.join("; "))];
    },
};

export const ELB_CHECKS: readonly Check[] = [listenersEncrypt, dropsInvalidHeaders, accessLogsEnabled, deletionProtection];
