/**
 * WAF checks against GetWebACL / GetWebACLForResource / GetLoggingConfiguration answers; the web
 * ACL and the GetWebACL answer start from the AWS CLI example (test/verify/fixtures/wafv2).
 */
import {
    GetLoggingConfigurationCommand,
    GetWebACLCommand,
    GetWebACLForResourceCommand,
    Rule,
    WAFNonexistentItemException,
    WAFV2Client,
    WebACL,
} from "@aws-sdk/client-wafv2";
import { parseWebAclArn, webAclLogging, webAclMetrics, webAclOnLoadBalancer, webAclRules } from "../../tooling/verify/waf";
import { sdkResponse } from "./fixtures";
import { ACCOUNT, ALB_ARN, findings, mockedClients, outputs, REGION, tierOutputs, WEB_ACL_ARN } from "./support";

const NAME = "tap-dev-use1-web-acl";
const ID = "a1b2c3d4-5678-90ab-cdef-0123456789ab";
const metrics = (MetricName: string, on = true) => ({ SampledRequestsEnabled: true, CloudWatchMetricsEnabled: on, MetricName });

const rateRule = (overrides: Partial<Rule> = {}): Rule => ({
    Name: "rate-limit-per-ip",
    Priority: 0,
    Action: { Block: {} },
    Statement: { RateBasedStatement: { Limit: 2000, EvaluationWindowSec: 300, AggregateKeyType: "IP" } },
    VisibilityConfig: metrics("tap-dev-use1-rate-limit-per-ip"),
    ...overrides,
});
const managed = (group: string, priority: number, overrides: Partial<Rule> = {}): Rule => ({
    Name: group,
    Priority: priority,
    OverrideAction: { None: {} },
    Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name: group } },
    VisibilityConfig: metrics(`tap-dev-use1-${group}`),
    ...overrides,
});

let documented: { WebACL: WebACL; LockToken?: string };
beforeAll(async () => {
    documented = await sdkResponse("wafv2/GetWebACL.cli-example");
});
/** The documented web ACL (one custom rule) as the web tier's: its name, rules and metrics. */
const webAcl = (overrides: Partial<WebACL> = {}): WebACL => ({
    ...documented.WebACL,
    Name: NAME,
    Id: ID,
    ARN: WEB_ACL_ARN,
    DefaultAction: { Allow: {} },
    Description: "tap-dev-use1: rate limit per IP and the AWS managed common, known-bad-inputs and SQLi rule groups",
    Rules: [
        rateRule(),
        managed("AWSManagedRulesCommonRuleSet", 10),
        managed("AWSManagedRulesKnownBadInputsRuleSet", 20),
        managed("AWSManagedRulesSQLiRuleSet", 30),
    ],
    VisibilityConfig: metrics(NAME),
    Capacity: 1425,
    ManagedByFirewallManager: false,
    LabelNamespace: `awswaf:${ACCOUNT}:webacl:${NAME}:`,
    ...overrides,
});
const answer = (acl: WebACL) => ({ ...documented, WebACL: acl });
const nonexistent = () =>
    new WAFNonexistentItemException({
        $metadata: { httpStatusCode: 400 },
        message: "AWS WAF couldn’t perform the operation because your resource doesn't exist.",
    });

const newMocks = () => mockedClients({ wafv2: new WAFV2Client({ region: REGION }) });
let mocks: ReturnType<typeof newMocks>;
beforeEach(() => {
    mocks = newMocks();
});

describe("parseWebAclArn", () => {
    it("reads name, id and scope from regional and CloudFront web ACL ARNs, and nothing from another ARN", () => {
        expect(parseWebAclArn(WEB_ACL_ARN)).toEqual({ Name: NAME, Id: ID, Scope: "REGIONAL" });
        expect(parseWebAclArn(`arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/cdn/${ID}`)).toEqual({
            Name: "cdn",
            Id: ID,
            Scope: "CLOUDFRONT",
        });
        expect(parseWebAclArn(ALB_ARN)).toBeUndefined();
    });
});

describe("waf.associated (ELB.16)", () => {
    it("passes when WAF applies the stack's ACL to the load balancer", async () => {
        mocks.wafv2.on(GetWebACLForResourceCommand).resolves({ WebACL: webAcl() });
        expect((await findings(webAclOnLoadBalancer, mocks, tierOutputs()))[0]).toMatchObject({
            resource: ALB_ARN,
            status: "pass",
            reason: `protected by web ACL ${NAME}`,
        });
        expect(mocks.wafv2.commandCalls(GetWebACLForResourceCommand)[0].args[0].input).toEqual({ ResourceArn: ALB_ARN });
    });

    it("fails a load balancer without a web ACL, and one protected by another ACL", async () => {
        mocks.wafv2.on(GetWebACLForResourceCommand).resolves({});
        expect((await findings(webAclOnLoadBalancer, mocks, tierOutputs()))[0]).toMatchObject({
            resource: ALB_ARN,
            status: "fail",
            reason: "no web ACL is associated with the load balancer",
        });
        const other = `arn:aws:wafv2:${REGION}:${ACCOUNT}:regional/webacl/legacy/0000aaaa-0000-0000-0000-000000000000`;
        mocks.wafv2.on(GetWebACLForResourceCommand).resolves({ WebACL: webAcl({ Name: "legacy", ARN: other }) });
        expect((await findings(webAclOnLoadBalancer, mocks, tierOutputs()))[0]).toMatchObject({
            status: "fail",
            reason: `protected by web ACL ${other}, not the stack's ${WEB_ACL_ARN}`,
        });
    });

    it("is skipped without the web tier", async () => {
        expect((await findings(webAclOnLoadBalancer, mocks, outputs()))[0]).toMatchObject({
            status: "skipped",
            reason: "skipped: output albArn not in this stack",
        });
    });
});

describe("waf.rules (WAF.10, managed rules + rate limit)", () => {
    it("passes the rate limit and the three managed groups, asking for the ACL by name, id and scope", async () => {
        mocks.wafv2.on(GetWebACLCommand).resolves(answer(webAcl()));
        expect((await findings(webAclRules, mocks, tierOutputs()))[0]).toMatchObject({
            resource: WEB_ACL_ARN,
            status: "pass",
            reason: "rate-limit-per-ip: 2000 requests per 300 s per IP; then AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet, AWSManagedRulesSQLiRuleSet",
        });
        expect(mocks.wafv2.commandCalls(GetWebACLCommand)[0].args[0].input).toEqual({ Name: NAME, Id: ID, Scope: "REGIONAL" });
    });

    it("fails a counting rate rule, a managed group in count mode and a missing one", async () => {
        mocks.wafv2.on(GetWebACLCommand).resolves(
            answer(
                webAcl({
                    Rules: [
                        rateRule({ Action: { Count: {} } }),
                        managed("AWSManagedRulesCommonRuleSet", 10, { OverrideAction: { Count: {} } }),
                        managed("AWSManagedRulesKnownBadInputsRuleSet", 20),
                    ],
                }),
            ),
        );
        const [finding] = await findings(webAclRules, mocks, tierOutputs());
        expect(finding).toMatchObject({ resource: WEB_ACL_ARN, status: "fail" });
        expect(finding.reason).toBe(
            [
                "rate-based rule rate-limit-per-ip only counts (Action Count)",
                "AWSManagedRulesCommonRuleSet only counts (OverrideAction Count)",
                "no rule applies the AWS managed rule group AWSManagedRulesSQLiRuleSet",
            ].join("; "),
        );
    });

    it("fails an ACL without any rule, and one WAF does not know", async () => {
        mocks.wafv2.on(GetWebACLCommand).resolves(answer(webAcl({ Rules: [] })));
        expect((await findings(webAclRules, mocks, tierOutputs()))[0].reason).toMatch(
            /^no rate-based rule: clients are not rate limited; no rule applies .*CommonRuleSet/,
        );
        mocks.wafv2.on(GetWebACLCommand).rejects(nonexistent());
        expect((await findings(webAclRules, mocks, tierOutputs()))[0]).toMatchObject({
            resource: WEB_ACL_ARN,
            status: "fail",
            reason: "web ACL not found",
        });
    });
});

describe("waf.metrics (WAF.12)", () => {
    it("passes metrics on the ACL and all four rules", async () => {
        mocks.wafv2.on(GetWebACLCommand).resolves(answer(webAcl()));
        expect((await findings(webAclMetrics, mocks, tierOutputs()))[0]).toMatchObject({
            resource: WEB_ACL_ARN,
            status: "pass",
            reason: `CloudWatch metrics on the web ACL (${NAME}) and its 4 rules`,
        });
    });

    it("fails the ACL's metrics off and a rule's metrics off, naming the rule", async () => {
        mocks.wafv2.on(GetWebACLCommand).resolves(
            answer(
                webAcl({
                    VisibilityConfig: metrics(NAME, false),
                    Rules: [rateRule(), managed("AWSManagedRulesSQLiRuleSet", 30, { VisibilityConfig: metrics("sqli", false) })],
                }),
            ),
        );
        expect((await findings(webAclMetrics, mocks, tierOutputs()))[0]).toMatchObject({
            status: "fail",
            reason: "the web ACL's own CloudWatch metrics are off; rule AWSManagedRulesSQLiRuleSet has CloudWatch metrics off",
        });
    });
});

describe("waf.logging (WAF.11)", () => {
    const LOG_GROUP = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:aws-waf-logs-tap-dev-use1`;

    it("passes logging to the WAF log group, naming the redacted headers", async () => {
        mocks.wafv2.on(GetLoggingConfigurationCommand).resolves({
            LoggingConfiguration: {
                ResourceArn: WEB_ACL_ARN,
                LogDestinationConfigs: [LOG_GROUP],
                ManagedByFirewallManager: false,
                LogType: "WAF_LOGS",
                LogScope: "CUSTOMER",
                RedactedFields: [{ SingleHeader: { Name: "authorization" } }, { SingleHeader: { Name: "cookie" } }],
            },
        });
        expect((await findings(webAclLogging, mocks, tierOutputs()))[0]).toMatchObject({
            resource: WEB_ACL_ARN,
            status: "pass",
            reason: `logs to ${LOG_GROUP}, headers redacted: authorization, cookie`,
        });
        expect(mocks.wafv2.commandCalls(GetLoggingConfigurationCommand)[0].args[0].input).toEqual({ ResourceArn: WEB_ACL_ARN });
    });

    it("fails an ACL without a logging configuration", async () => {
        mocks.wafv2.on(GetLoggingConfigurationCommand).rejects(nonexistent());
        expect((await findings(webAclLogging, mocks, tierOutputs()))[0]).toMatchObject({
            resource: WEB_ACL_ARN,
            status: "fail",
            reason: "logging is off (no logging configuration)",
        });
    });
});

describe("waf.logging covers every web ACL of the stack (WAF.11)", () => {
    const CDN_ACL_ARN = `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/tap-dev-use1-cdn-web-acl/${ID}`;
    const CDN_LOG_GROUP = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:aws-waf-logs-tap-dev-use1-cdn`;
    const twoClients = () =>
        mockedClients({ wafv2: new WAFV2Client({ region: REGION }), wafv2Global: new WAFV2Client({ region: "us-east-1" }) });

    it("asks WAF in us-east-1 about the CDN's ACL and fails it when it does not log, while the load balancer's passes", async () => {
        const both = twoClients();
        both.wafv2
            .on(GetLoggingConfigurationCommand)
            .resolves({ LoggingConfiguration: { ResourceArn: WEB_ACL_ARN, LogDestinationConfigs: ["arn:aws:logs:x"] } });
        both.wafv2Global.on(GetLoggingConfigurationCommand).rejects(nonexistent());
        const result = await findings(webAclLogging, both, tierOutputs({ cdnWebAclArn: CDN_ACL_ARN }));
        expect(result.map((f) => [f.resource, f.status])).toEqual([
            [WEB_ACL_ARN, "pass"],
            [CDN_ACL_ARN, "fail"],
        ]);
        expect(both.wafv2Global.commandCalls(GetLoggingConfigurationCommand).map((c) => c.args[0].input)).toEqual([
            { ResourceArn: CDN_ACL_ARN },
        ]);
        expect(both.wafv2.commandCalls(GetLoggingConfigurationCommand).map((c) => c.args[0].input)).toEqual([{ ResourceArn: WEB_ACL_ARN }]);
    });

    it("checks the CDN's ACL alone in a stack without the web tier, and skips a stack with no web ACL", async () => {
        const both = twoClients();
        both.wafv2Global
            .on(GetLoggingConfigurationCommand)
            .resolves({ LoggingConfiguration: { ResourceArn: CDN_ACL_ARN, LogDestinationConfigs: [CDN_LOG_GROUP] } });
        expect(await findings(webAclLogging, both, outputs({ cdnWebAclArn: CDN_ACL_ARN }))).toEqual([
            expect.objectContaining({ resource: CDN_ACL_ARN, status: "pass", reason: `logs to ${CDN_LOG_GROUP}` }),
        ]);
        expect((await findings(webAclLogging, both, outputs()))[0]).toMatchObject({ status: "skipped" });
    });
});
