/**
 * Load balancer checks against DescribeLoadBalancerAttributes / DescribeListeners / DescribeRules /
 * DescribeSSLPolicies answers, built on the ones AWS documents (test/verify/fixtures/elb: the AWS CLI examples).
 */
import {
    Action,
    DescribeListenersCommand,
    DescribeLoadBalancerAttributesCommand,
    DescribeRulesCommand,
    DescribeSSLPoliciesCommand,
    ElasticLoadBalancingV2Client,
    Listener,
    LoadBalancerNotFoundException,
    Rule,
    SslPolicy,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { accessLogsEnabled, deletionProtection, dropsInvalidHeaders, listenersEncrypt } from "../../tooling/verify/elb";
import { sdkResponse } from "./fixtures";
import { ACCOUNT, ALB_ARN, ALB_LOGS_BUCKET, findings, mockedClients, outputs, REGION, tierOutputs, verdicts } from "./support";

const LISTENER = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/tap-dev-use1-alb/50dc6c495c0c9188`;
const TARGET_GROUP = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/tap-dev-use1-app-80/73e2d6bc24d8a067`;
const TLS13 = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** The documented answers (AWS CLI examples), read once. */
const documented = {} as { attributes: { Key?: string; Value?: string }[]; listener: Listener };
beforeAll(async () => {
    documented.attributes = (
        await sdkResponse<{ Attributes: { Key?: string; Value?: string }[] }>("elb/DescribeLoadBalancerAttributes.cli-example")
    ).Attributes;
    documented.listener = (await sdkResponse<{ Listeners: Listener[] }>("elb/DescribeListeners.cli-example")).Listeners[0];
});

/**
 * The documented Application Load Balancer's attributes (logs and deletion protection off) with
 * the web tier's settings, then `overrides`; attributes the example does not list are added after
 * its own, in the same Key/Value shape (LoadBalancerAttribute, ELB API Reference).
 */
const attributes = (overrides: Record<string, string> = {}) => {
    const values = new Map(documented.attributes.map((a) => [a.Key ?? "", a.Value ?? ""]));
    const settings: Record<string, string> = {
        "access_logs.s3.enabled": "true",
        "access_logs.s3.bucket": ALB_LOGS_BUCKET,
        "deletion_protection.enabled": "true",
        "routing.http.drop_invalid_header_fields.enabled": "true",
        ...overrides,
    };
    for (const [key, value] of Object.entries(settings)) values.set(key, value);
    return { Attributes: [...values].map(([Key, Value]) => ({ Key, Value })) };
};

const forward: Action = {
    Type: "forward",
    Order: 1,
    TargetGroupArn: TARGET_GROUP,
    ForwardConfig: { TargetGroups: [{ TargetGroupArn: TARGET_GROUP, Weight: 1 }] },
};
const redirect: Action = {
    Type: "redirect",
    Order: 1,
    RedirectConfig: { Protocol: "HTTPS", Port: "443", Host: "#{host}", Path: "/#{path}", Query: "#{query}", StatusCode: "HTTP_301" },
};
/** The documented listener (HTTP :80 forwarding) as the stack's HTTPS listener. */
const https = (policy = TLS13): Listener => ({
    ...documented.listener,
    ListenerArn: `${LISTENER}/f2f7dc8efc522ab2`,
    LoadBalancerArn: ALB_ARN,
    Port: 443,
    Protocol: "HTTPS",
    SslPolicy: policy,
    Certificates: [{ CertificateArn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/12345678-1234-1234-1234-123456789012` }],
    DefaultActions: [forward],
});
const http = (actions: Action[]): Listener => ({
    ...documented.listener,
    ListenerArn: `${LISTENER}/0467ef3c8400ae65`,
    LoadBalancerArn: ALB_ARN,
    Port: 80,
    Protocol: "HTTP",
    DefaultActions: actions,
});
const defaultRule = (actions: Action[]): Rule => ({
    RuleArn: `${LISTENER.replace(":listener/", ":listener-rule/")}/0467ef3c8400ae65/9683b2d02a6cabee`,
    Priority: "default",
    Conditions: [],
    Actions: actions,
    IsDefault: true,
});
const policy = (Name: string, SslProtocols: string[]): SslPolicy => ({
    Name,
    SslProtocols,
    SupportedLoadBalancerTypes: ["application", "network"],
    Ciphers: [
        { Name: "TLS_AES_128_GCM_SHA256", Priority: 1 },
        { Name: "ECDHE-RSA-AES128-GCM-SHA256", Priority: 2 },
    ],
});

const newMocks = () => mockedClients({ elb: new ElasticLoadBalancingV2Client({ region: REGION }) });
let mocks: ReturnType<typeof newMocks>;
beforeEach(() => {
    mocks = newMocks();
});
const notFound = () =>
    new LoadBalancerNotFoundException({ $metadata: { httpStatusCode: 400 }, message: "One or more load balancers not found" });

describe("elb.listeners (ELB.1, TLS 1.2+)", () => {
    it("passes HTTPS with a TLS 1.2/1.3 policy and HTTP only redirecting to it", async () => {
        mocks.elb.on(DescribeListenersCommand).resolves({ Listeners: [https(), http([redirect])] });
        mocks.elb.on(DescribeSSLPoliciesCommand).resolves({ SslPolicies: [policy(TLS13, ["TLSv1.2", "TLSv1.3"])] });
        mocks.elb.on(DescribeRulesCommand).resolves({ Rules: [defaultRule([redirect])] });
        const [finding] = await findings(listenersEncrypt, mocks, tierOutputs());
        expect(finding).toMatchObject({
            resource: ALB_ARN,
            status: "pass",
            reason: `HTTPS :443 with ${TLS13} (TLSv1.2, TLSv1.3); HTTP :80 redirects to HTTPS`,
        });
        expect(mocks.elb.commandCalls(DescribeListenersCommand)[0].args[0].input).toEqual({ LoadBalancerArn: ALB_ARN });
        expect(mocks.elb.commandCalls(DescribeSSLPoliciesCommand)[0].args[0].input).toEqual({ Names: [TLS13] });
    });

    it("reads every page of DescribeSSLPolicies (Marker/NextMarker; the SDK has no paginator for it)", async () => {
        const OLD = "ELBSecurityPolicy-2016-08";
        mocks.elb
            .on(DescribeListenersCommand)
            .resolves({ Listeners: [https(), { ...https(), ListenerArn: "l-8443", Port: 8443, SslPolicy: OLD }] });
        mocks.elb
            .on(DescribeSSLPoliciesCommand)
            .resolvesOnce({ SslPolicies: [policy(TLS13, ["TLSv1.2", "TLSv1.3"])], NextMarker: "page-2" })
            .resolvesOnce({ SslPolicies: [policy(OLD, ["TLSv1", "TLSv1.1", "TLSv1.2"])] });
        const [finding] = await findings(listenersEncrypt, mocks, tierOutputs());
        expect(finding).toMatchObject({ status: "fail", reason: `HTTPS :8443 policy ${OLD} allows TLSv1, TLSv1.1` });
        expect(mocks.elb.commandCalls(DescribeSSLPoliciesCommand)[1].args[0].input).toEqual({ Names: [TLS13, OLD], Marker: "page-2" });
    });

    it("fails an HTTP-only load balancer, saying so", async () => {
        mocks.elb.on(DescribeListenersCommand).resolves({ Listeners: [http([forward])] });
        const [finding] = await findings(listenersEncrypt, mocks, tierOutputs());
        expect(finding).toMatchObject({ resource: ALB_ARN, status: "fail" });
        expect(finding.reason).toBe(
            "HTTP only (:80): no HTTPS listener, so traffic to the load balancer is unencrypted (the stack serves HTTPS only with tap:certificateArn)",
        );
        expect(mocks.elb.commandCalls(DescribeRulesCommand)).toHaveLength(0);
    });

    it("fails a policy allowing TLS 1.0/1.1, an HTTP listener that forwards, and a rule forwarding plain HTTP", async () => {
        mocks.elb.on(DescribeListenersCommand).resolves({ Listeners: [https("ELBSecurityPolicy-2016-08"), http([forward])] });
        mocks.elb
            .on(DescribeSSLPoliciesCommand)
            .resolves({ SslPolicies: [policy("ELBSecurityPolicy-2016-08", ["TLSv1", "TLSv1.1", "TLSv1.2"])] });
        mocks.elb.on(DescribeRulesCommand).resolves({
            Rules: [
                {
                    RuleArn: `${LISTENER}/rule-1`,
                    Priority: "10",
                    Conditions: [{ Field: "path-pattern", Values: ["/api/*"] }],
                    Actions: [forward],
                    IsDefault: false,
                },
                defaultRule([forward]),
            ],
        });
        const [finding] = await findings(listenersEncrypt, mocks, tierOutputs());
        expect(finding.status).toBe("fail");
        expect(finding.reason).toBe(
            [
                "HTTPS :443 policy ELBSecurityPolicy-2016-08 allows TLSv1, TLSv1.1",
                "HTTP :80 answers with forward, not a redirect to HTTPS",
                "HTTP :80 rule 10 forwards plain HTTP to the targets",
            ].join("; "),
        );
    });

    it("fails a redirect that keeps the protocol (#{protocol}) instead of switching to HTTPS", async () => {
        const keepProtocol: Action = {
            ...redirect,
            RedirectConfig: { ...redirect.RedirectConfig!, Protocol: "#{protocol}", Port: "#{port}" },
        };
        mocks.elb.on(DescribeListenersCommand).resolves({ Listeners: [https(), http([keepProtocol])] });
        mocks.elb.on(DescribeSSLPoliciesCommand).resolves({ SslPolicies: [policy(TLS13, ["TLSv1.2", "TLSv1.3"])] });
        mocks.elb.on(DescribeRulesCommand).resolves({ Rules: [defaultRule([keepProtocol])] });
        expect((await findings(listenersEncrypt, mocks, tierOutputs()))[0]).toMatchObject({
            status: "fail",
            reason: "HTTP :80 answers with redirect to #{protocol}:#{port}, not a redirect to HTTPS",
        });
    });

    it("fails a load balancer ELB does not know", async () => {
        mocks.elb.on(DescribeListenersCommand).rejects(notFound());
        expect(await findings(listenersEncrypt, mocks, tierOutputs())).toEqual([
            expect.objectContaining({ resource: ALB_ARN, status: "fail", reason: "load balancer not found" }),
        ]);
    });

    it("is skipped in a stack without the web tier", async () => {
        expect((await findings(listenersEncrypt, mocks, outputs()))[0]).toMatchObject({
            status: "skipped",
            reason: "skipped: output albArn not in this stack",
        });
    });
});

describe("elb.drop-invalid-headers (ELB.4)", () => {
    it("passes the attribute on, asking about the stack's load balancer", async () => {
        mocks.elb.on(DescribeLoadBalancerAttributesCommand).resolves(attributes());
        expect(verdicts(await findings(dropsInvalidHeaders, mocks, tierOutputs()))).toEqual([[ALB_ARN, "pass"]]);
        expect(mocks.elb.commandCalls(DescribeLoadBalancerAttributesCommand)[0].args[0].input).toEqual({ LoadBalancerArn: ALB_ARN });
    });

    it("fails it off (ELB's default)", async () => {
        mocks.elb
            .on(DescribeLoadBalancerAttributesCommand)
            .resolves(attributes({ "routing.http.drop_invalid_header_fields.enabled": "false" }));
        expect((await findings(dropsInvalidHeaders, mocks, tierOutputs()))[0]).toMatchObject({
            resource: ALB_ARN,
            status: "fail",
            reason: "routing.http.drop_invalid_header_fields.enabled false: headers with invalid names reach the targets",
        });
    });

    it("fails a load balancer ELB does not know", async () => {
        mocks.elb.on(DescribeLoadBalancerAttributesCommand).rejects(notFound());
        expect((await findings(dropsInvalidHeaders, mocks, tierOutputs()))[0]).toMatchObject({
            status: "fail",
            reason: "load balancer not found",
        });
    });
});

describe("elb.access-logs (ELB.5)", () => {
    it("passes logging to the stack's ALB log bucket", async () => {
        mocks.elb.on(DescribeLoadBalancerAttributesCommand).resolves(attributes());
        expect((await findings(accessLogsEnabled, mocks, tierOutputs()))[0]).toMatchObject({
            resource: ALB_ARN,
            status: "pass",
            reason: `logs to s3://${ALB_LOGS_BUCKET}/AWSLogs/`,
        });
    });

    it("fails logging off, and logging to a bucket that is not the stack's", async () => {
        mocks.elb
            .on(DescribeLoadBalancerAttributesCommand)
            .resolves(attributes({ "access_logs.s3.enabled": "false", "access_logs.s3.bucket": "" }));
        expect((await findings(accessLogsEnabled, mocks, tierOutputs()))[0]).toMatchObject({
            status: "fail",
            reason: "access_logs.s3.enabled false: requests are not logged",
        });
        mocks.elb
            .on(DescribeLoadBalancerAttributesCommand)
            .resolves(attributes({ "access_logs.s3.bucket": "someone-elses-logs", "access_logs.s3.prefix": "alb" }));
        expect((await findings(accessLogsEnabled, mocks, tierOutputs()))[0]).toMatchObject({
            status: "fail",
            reason: "logs to someone-elses-logs, not a bucket of the stack",
        });
    });
});

describe("elb.deletion-protection (ELB.6)", () => {
    it("passes deletion protection on", async () => {
        mocks.elb.on(DescribeLoadBalancerAttributesCommand).resolves(attributes());
        expect((await findings(deletionProtection, mocks, tierOutputs()))[0]).toMatchObject({
            resource: ALB_ARN,
            status: "pass",
            reason: "deletion_protection.enabled true",
        });
    });

    it("fails it off, naming the setting, when the stack does not export its choice", async () => {
        mocks.elb.on(DescribeLoadBalancerAttributesCommand).resolves(attributes({ "deletion_protection.enabled": "false" }));
        expect((await findings(deletionProtection, mocks, tierOutputs()))[0]).toMatchObject({
            resource: ALB_ARN,
            status: "fail",
            reason: "off (tap:deletionProtection false)",
        });
    });

    it("passes it off only where the outputs say the stack chose off; fails it off against a choice of on", async () => {
        mocks.elb.on(DescribeLoadBalancerAttributesCommand).resolves(attributes({ "deletion_protection.enabled": "false" }));
        expect((await findings(deletionProtection, mocks, tierOutputs({ deletionProtection: false })))[0]).toMatchObject({
            status: "pass",
            reason: "off, as the stack chose (output deletionProtection false, from tap:deletionProtection): ELB.6 is not met in this environment",
        });
        expect((await findings(deletionProtection, mocks, tierOutputs({ deletionProtection: "true" })))[0]).toMatchObject({
            status: "fail",
            reason: "off, yet the stack chose it on (output deletionProtection true): changed outside Pulumi",
        });
    });
});
