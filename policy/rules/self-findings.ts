/**
 * What a freshly deployed stack would otherwise report about itself (issue 25): Security Hub
 * controls of the standards it subscribes to, and IAM Access Analyzer findings its own alert rules
 * forward. Each rule predicts one such finding from the plan.
 */
import { actionPattern } from "../action-catalogue";
import { ofType, pointsAt } from "../relations";
import { resourcePolicy, StackPolicy, StackResource, StackViolation, TapPolicy, waiverOf } from "../types";
import { matches } from "../../tooling/events/event-pattern";
import { allows, at, isUnknown, show, statements, strings } from "../values";
import { parseDefinition } from "./readiness";

const RECORDER = "aws:cfg/recorder:Recorder";
const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const WEB_ACL_LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
const KEY = "aws:kms/key:Key";
const EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
const AGGREGATOR = "aws:securityhub/findingAggregator:FindingAggregator";
const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const STATE_MACHINE = "aws:sfn/stateMachine:StateMachine";

/** A newly failing Security Hub control finding of high severity: what the Security Hub alert rule exists for. */
export const NEW_FAILING_CONTROL = {
    source: "aws.securityhub",
    "detail-type": "Security Hub Findings - Imported",
    detail: {
        findings: [
            {
                ProductName: "Security Hub",
                Severity: { Label: "HIGH" },
                Compliance: { Status: "FAILED" },
                Workflow: { Status: "NEW" },
                RecordState: "ACTIVE",
            },
        ],
    },
};

/** The Task states a definition runs from StartAt, in order (a Choice followed by its Default), with their Parameters. */
export function taskPath(definition: unknown): { resource: string; parameters: Record<string, unknown> }[] {
    const states =
        definition && typeof definition === "object"
            ? (definition as { States?: Record<string, Record<string, unknown>> }).States
            : undefined;
    let name = definition && typeof definition === "object" ? (definition as { StartAt?: unknown }).StartAt : undefined;
    const path: { resource: string; parameters: Record<string, unknown> }[] = [];
    for (let seen = 0; typeof name === "string" && states?.[name] && seen < 50; seen++) {
        const state: Record<string, unknown> = states[name];
        if (state.Type === "Task")
            path.push({ resource: String(state.Resource), parameters: (state.Parameters ?? {}) as Record<string, unknown> });
        name = state.Type === "Choice" ? state.Default : state.End === true ? undefined : state.Next;
    }
    return path;
}

/**
 * What an alert state machine's definition lacks to acknowledge what it alerts on: a publish to SNS,
 * then BatchUpdateFindings setting the event's finding (`$.detail.findings[0]`) NOTIFIED.
 */
export function acknowledgementGaps(definition: unknown): string[] {
    const path = taskPath(definition);
    const publish = path.findIndex((t) => /:states:::sns:publish$/.test(t.resource));
    const mark = path.findIndex(
        (t) =>
            /:states:::aws-sdk:securityhub:batchUpdateFindings$/.test(t.resource) &&
            at(t.parameters, "Workflow", "Status") === "NOTIFIED" &&
            /^\$\.detail\.findings\[0\]\.Id$/.test(String(at(t.parameters, "FindingIdentifiers", 0, "Id.$"))),
    );
    const gaps: string[] = [];
    if (publish < 0) gaps.push("publishes nothing to SNS (arn:aws:states:::sns:publish): the alert reaches no one");
    if (mark < 0)
        gaps.push(
            "does not set the event's finding ($.detail.findings[0].Id) to Workflow NOTIFIED (aws-sdk:securityhub:batchUpdateFindings): Security Hub's re-imports at each check alert again",
        );
    if (publish >= 0 && mark >= 0 && mark < publish)
        gaps.push("marks the finding NOTIFIED before publishing: a failed publish would lose the alert for good");
    return gaps;
}

/** Events that are no news (issue 25's alert storms): an alert rule must let none of them through. */
const NOT_NEWS: ReadonlyArray<{ readonly what: string; readonly event: object }> = [
    {
        what: "Security Hub's own Config rules (securityhub-*: one per control, reported by Security Hub)",
        event: {
            source: "aws.config",
            "detail-type": "Config Rules Compliance Change",
            detail: {
                configRuleName: "securityhub-s3-bucket-logging-enabled-8a1b2c",
                newEvaluationResult: { complianceType: "NON_COMPLIANT" },
            },
        },
    },
    {
        what: "a Config re-evaluation of a resource that was NON_COMPLIANT already",
        event: {
            source: "aws.config",
            "detail-type": "Config Rules Compliance Change",
            detail: {
                configRuleName: "tap-rule",
                newEvaluationResult: { complianceType: "NON_COMPLIANT" },
                oldEvaluationResult: { complianceType: "NON_COMPLIANT" },
            },
        },
    },
    {
        what: "a Security Hub finding already acknowledged (Workflow NOTIFIED) at its re-evaluation",
        event: {
            source: "aws.securityhub",
            "detail-type": "Security Hub Findings - Imported",
            detail: {
                findings: [
                    {
                        ProductName: "Security Hub",
                        Severity: { Label: "CRITICAL" },
                        Compliance: { Status: "FAILED" },
                        Workflow: { Status: "NOTIFIED" },
                        RecordState: "ACTIVE",
                    },
                ],
            },
        },
    },
    {
        what: "another product's finding imported into Security Hub (GuardDuty's, which its own rule sends)",
        event: {
            source: "aws.securityhub",
            "detail-type": "Security Hub Findings - Imported",
            detail: {
                findings: [{ ProductName: "GuardDuty", Severity: { Label: "HIGH" }, Workflow: { Status: "NEW" }, RecordState: "ACTIVE" }],
            },
        },
    },
];

/** AWS Config's service-linked role, whatever the partition and account (its name and path are fixed by IAM). */
const CONFIG_SERVICE_LINKED_ROLE = /^arn:[a-z-]+:iam::\d{12}:role\/aws-service-role\/config\.amazonaws\.com\/AWSServiceRoleForConfig$/;

/** The account of an ARN (`arn:<partition>:<service>:<region>:<account>:...`), or of a bare 12-digit id. */
function accountOf(principal: string): string | undefined {
    if (/^\d{12}$/.test(principal)) return principal;
    const account = principal.split(":")[4];
    return account && /^\d{12}$/.test(account) ? account : undefined;
}

/**
 * WAF.11: every web ACL has a logging configuration (to a log group named `aws-waf-logs-*`); a
 * CLOUDFRONT-scope ACL logs from us-east-1 (WAF developer guide, "Logging web ACL traffic").
 */
const wafLoggingEveryAcl: StackPolicy = {
    name: "waf-logging-every-web-acl",
    controls: "WAF.11",
    description:
        "Every WAFv2 web ACL of the stack (the load balancer's and the CDN's) has a logging configuration to a CloudWatch log group named aws-waf-logs-*; a CloudFront ACL's is placed in us-east-1.",
    enforcementLevel: "mandatory",
    resourceTypes: [WEB_ACL],
    validateStack: (resources) => {
        const loggings = ofType(resources, WEB_ACL_LOGGING);
        const violations: StackViolation[] = [];
        for (const acl of ofType(resources, WEB_ACL)) {
            const mine = loggings.filter((l) => pointsAt(l, "resourceArn", acl) !== "no");
            if (mine.length === 0) {
                violations.push({
                    urn: acl.urn,
                    message: "no WebAclLoggingConfiguration names this web ACL: Security Hub WAF.11 fails (no request is logged)",
                });
                continue;
            }
            for (const logging of mine) {
                const destinations = logging.props.logDestinationConfigs;
                if (isUnknown(destinations)) continue;
                const bad = strings(destinations).filter((d) => d.includes(":log-group:") && !/:log-group:aws-waf-logs-/.test(d));
                if (bad.length > 0)
                    violations.push({
                        urn: logging.urn,
                        message: `logs to ${bad.join(", ")}: WAF accepts log groups named aws-waf-logs-* only`,
                    });
                if (
                    acl.props.scope === "CLOUDFRONT" &&
                    logging.props.region !== undefined &&
                    !isUnknown(logging.props.region) &&
                    logging.props.region !== "us-east-1"
                ) {
                    violations.push({
                        urn: logging.urn,
                        message: `region is ${show(logging.props.region)}: a CloudFront web ACL's logging lives in us-east-1`,
                    });
                }
            }
        }
        return violations;
    },
};

/**
 * CIS 1.20: IAM Access Analyzer reports a resource shared with another account; the alert rule
 * forwards it. Resource policies of the stack grant AWS principals of its own account only
 * (services write through their service principals, e.g. ALB logs through
 * logdelivery.elasticloadbalancing.amazonaws.com).
 */
const noExternalAccounts: StackPolicy = {
    name: "resource-policies-own-account-only",
    controls: "CIS 1.20; S3.6; IAM Access Analyzer",
    description:
        "Bucket, topic and key policies grant AWS principals of the stack's own account only, so IAM Access Analyzer finds nothing shared outside it.",
    enforcementLevel: "mandatory",
    resourceTypes: [BUCKET_POLICY, TOPIC_POLICY, KEY],
    validateStack: (resources) => {
        // The stack's own account, read from the ARNs of what it creates (KMS keys, log groups, ...).
        const own = new Set(
            resources
                .map((r) => (typeof r.props.arn === "string" ? accountOf(r.props.arn) : undefined))
                .filter((a): a is string => a !== undefined),
        );
        if (own.size === 0) return []; // a preview before anything exists: `pulumi up` checks again
        const violations: StackViolation[] = [];
        const judge = (r: StackResource, document: unknown) => {
            const found = statements(document);
            if (found === undefined || isUnknown(found)) return;
            for (const s of found.filter(allows)) {
                const principal = s.Principal;
                const aws = principal && typeof principal === "object" ? strings((principal as Record<string, unknown>).AWS) : [];
                const outside = aws
                    .map((p) => [p, accountOf(p)] as const)
                    .filter(([, account]) => account !== undefined && !own.has(account));
                for (const [p] of outside) {
                    violations.push({
                        urn: r.urn,
                        message: `statement ${show(s.Sid)} grants ${p}, another account: IAM Access Analyzer reports it as shared outside the account (use the service's principal)`,
                    });
                }
            }
        };
        for (const r of ofType(resources, BUCKET_POLICY, TOPIC_POLICY, KEY)) judge(r, r.props.policy);
        return violations;
    },
};

/**
 * Alert rules send news only (issue 25): none lets through an event of NOT_NEWS, and where the
 * stack aggregates Security Hub findings, only the aggregation region alerts on Security Hub.
 */
const alertsNewsOnly: StackPolicy = {
    name: "alert-rules-news-only",
    controls: "CIS 4.16; design: alerts only on news",
    description:
        "EventBridge alert rules let no re-evaluation, acknowledged finding, Security Hub service-linked Config rule or other product's copy through, and with a finding aggregator only its region alerts on Security Hub findings.",
    enforcementLevel: "mandatory",
    resourceTypes: [EVENT_RULE],
    validateStack: (resources) => {
        const violations: StackViolation[] = [];
        const rules = ofType(resources, EVENT_RULE);
        for (const rule of rules) {
            if (typeof rule.props.eventPattern !== "string") continue;
            let pattern: unknown;
            try {
                pattern = JSON.parse(rule.props.eventPattern);
            } catch {
                continue;
            }
            for (const noise of NOT_NEWS) {
                if (matches(pattern, noise.event))
                    violations.push({ urn: rule.urn, message: `its pattern lets ${noise.what} through: an alert for what is no news` });
            }
        }
        const aggregatorRegions = ofType(resources, AGGREGATOR)
            .map((a) => (typeof a.props.arn === "string" ? a.props.arn.split(":")[3] : undefined))
            .filter((r): r is string => Boolean(r));
        if (aggregatorRegions.length > 0) {
            const securityHubRules = rules.filter(
                (r) => typeof r.props.eventPattern === "string" && r.props.eventPattern.includes('"aws.securityhub"'),
            );
            for (const r of securityHubRules) {
                const region = typeof r.props.arn === "string" ? r.props.arn.split(":")[3] : undefined;
                if (region && !aggregatorRegions.includes(region)) {
                    violations.push({
                        urn: r.urn,
                        message: `alerts on Security Hub findings in ${region}, whose findings the aggregator copies into ${aggregatorRegions.join(", ")}: each would be sent twice`,
                    });
                }
            }
        }
        return violations;
    },
};

/**
 * Security Hub alerts acknowledge what they send (issue 25): a rule that alerts on a newly failing
 * control finding targets a state machine that publishes it and marks it NOTIFIED
 * (lib/monitoring/finding-acknowledgement.ts); one that targets the topic directly pages again at
 * every check, since the finding stays NEW until someone marks it.
 */
const alertsAcknowledge: StackPolicy = {
    name: "security-hub-alerts-acknowledge",
    controls: "CIS 4.16; design: alerts only on news (issue 25)",
    description:
        "An EventBridge rule that alerts on new failing Security Hub control findings targets a state machine (started with a role) that publishes the finding to SNS and then marks it NOTIFIED, never the topic directly (unless the rule carries a written waiver: tap:acknowledgeSecurityHubAlerts false).",
    enforcementLevel: "mandatory",
    resourceTypes: [EVENT_RULE, EVENT_TARGET, STATE_MACHINE],
    validateStack: (resources) => {
        const violations: StackViolation[] = [];
        const targets = ofType(resources, EVENT_TARGET);
        const machines = ofType(resources, STATE_MACHINE);
        for (const rule of ofType(resources, EVENT_RULE)) {
            if (typeof rule.props.eventPattern !== "string") continue;
            let pattern: unknown;
            try {
                pattern = JSON.parse(rule.props.eventPattern);
            } catch {
                continue;
            }
            if (!matches(pattern, NEW_FAILING_CONTROL) || waiverOf(rule.props, "security-hub-alerts-acknowledge") !== undefined) continue;
            const mine = targets.filter((t) => pointsAt(t, "rule", rule) !== "no");
            for (const target of mine) {
                const arn = target.props.arn;
                if (typeof arn === "string" && /^arn:[\w-]+:sns:/.test(arn)) {
                    violations.push({
                        urn: target.urn,
                        message: `sends Security Hub findings to topic ${arn} directly: no one marks them NOTIFIED, and Security Hub re-imports each at every check as NEW - an alert each time`,
                    });
                    continue;
                }
                const machine = machines.find((m) => pointsAt(target, "arn", m) === "yes");
                if (machine === undefined) continue;
                if (!isUnknown(target.props.roleArn) && typeof target.props.roleArn !== "string")
                    violations.push({
                        urn: target.urn,
                        message: "starts a state machine without roleArn: EventBridge needs a role to start it",
                    });
                if (typeof machine.props.definition !== "string") continue;
                const definition = parseDefinition(machine.props.definition);
                if (definition === undefined) {
                    violations.push({ urn: machine.urn, message: "its definition is not JSON" });
                    continue;
                }
                for (const gap of acknowledgementGaps(definition))
                    violations.push({ urn: machine.urn, message: `the Security Hub alert state machine ${gap}` });
            }
            if (mine.length > 0 && !mine.some((t) => machines.some((m) => pointsAt(t, "arn", m) !== "no"))) {
                violations.push({
                    urn: rule.urn,
                    message: "alerts on new failing Security Hub findings with no state machine target to acknowledge them",
                });
            }
        }
        return violations;
    },
};

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ROLE_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const MANAGED_POLICY = "aws:iam/policy:Policy";
const WORKFLOW_STATUS_KEY = "securityhub:ASFFSyntaxPath/Workflow.Status";

/**
 * Where AWS documents the finding-update condition key, and why it must be a positive, single-valued test:
 * - Security Hub user guide, "BatchUpdateFindings for customers", configuring access: "The context key for an
 *   ASFF field is ... securityhub:ASFFSyntaxPath/<fieldName> ... For example, to restrict access to the
 *   Workflow.Status field, use securityhub:ASFFSyntaxPath/Workflow.Status" (awsdocs, finding-update-batchupdatefindings.md);
 *   the guide's examples are Denies; the Service Authorization Reference lists the key (type String) for
 *   BatchUpdateFindings ("Filters access by the specified fields and values in the request"), so an Allow
 *   tests it the same way: IAM evaluates a condition on the request context whatever the statement's effect
 *   (IAM user guide, "Policy evaluation logic"). In an Allow it is used by schubergphilis/terraform-aws-mcaf-securityhub-findings-manager
 *   (its Jira integration: ForAnyValue:StringEquals ... Workflow.Status NOTIFIED). Not exercised against AWS here: UNCONFIRMED in practice.
 * - IAM user guide, "Set operators for multivalued context keys": ForAllValues "returns true if there are no
 *   context keys in the request" - an Allow under ForAllValues lets a request that leaves Workflow alone
 *   change any other field (Severity, Types), so only StringEquals and ForAnyValue:StringEquals narrow it.
 * - SUPPRESSED is the status Security Hub never resets: it sets NEW again only from NOTIFIED or RESOLVED
 *   (CloudFormation AutomationRule WorkflowUpdate reference), so an identity that may suppress can silence a
 *   failing control for good.
 */
export const FINDING_UPDATE_SOURCE =
    'Security Hub user guide, "BatchUpdateFindings for customers" (securityhub:ASFFSyntaxPath/<fieldName>); IAM user guide, "Set operators for multivalued context keys" (ForAllValues is true without the key); AWS::SecurityHub::AutomationRule WorkflowUpdate (NEW again only from NOTIFIED or RESOLVED)';

/** Whether an IAM Action/NotAction entry of an Allow covers securityhub:BatchUpdateFindings. */
function coversBatchUpdateFindings(s: { Action?: unknown; NotAction?: unknown }): boolean {
    const hit = (pattern: string) => actionPattern(pattern).test("securityhub:BatchUpdateFindings");
    if (s.Action !== undefined) return strings(s.Action).some(hit);
    return s.NotAction !== undefined && !strings(s.NotAction).some(hit);
}

/** What is wrong with the Allows of BatchUpdateFindings in a policy document: a sentence each. */
export function findingUpdateProblems(document: unknown): string[] {
    const all = statements(document);
    if (all === undefined || isUnknown(all)) return [];
    const problems: string[] = [];
    for (const s of all.filter((x) => allows(x) && coversBatchUpdateFindings(x))) {
        const condition = (s.Condition ?? {}) as Record<string, unknown>;
        const values = Object.entries(condition)
            .filter(([operator]) => /^(ForAnyValue:)?StringEquals$/.test(operator))
            .flatMap(([, keys]) =>
                keys && typeof keys === "object"
                    ? Object.entries(keys as Record<string, unknown>).filter(([k]) => k.toLowerCase() === WORKFLOW_STATUS_KEY.toLowerCase())
                    : [],
            )
            .map(([, v]) => v);
        if (values.some(isUnknown)) continue;
        const statuses = values.flatMap(strings);
        if (values.length === 0 || statuses.length === 0)
            problems.push(
                `statement ${show(s.Sid)} allows securityhub:BatchUpdateFindings without StringEquals on ${WORKFLOW_STATUS_KEY}: it may rewrite any finding's severity, types or workflow`,
            );
        else if (statuses.some((v) => v.toUpperCase() === "SUPPRESSED"))
            problems.push(
                `statement ${show(s.Sid)} may set findings SUPPRESSED, which Security Hub never sets NEW again: a failing control goes quiet for good`,
            );
    }
    return problems;
}

/** Whether a role is trusted by AWS services only (a service role: Step Functions, EventBridge, Lambda ...), not by people or CI. */
function serviceRole(role: StackResource): boolean {
    const trust = statements(role.props.assumeRolePolicy);
    if (trust === undefined || isUnknown(trust)) return false;
    const trusted = trust.filter(allows).flatMap((s) => {
        const principal = s.Principal;
        return principal && typeof principal === "object" ? Object.keys(principal as Record<string, unknown>) : ["*"];
    });
    return trusted.length > 0 && trusted.every((kind) => kind === "Service");
}

/**
 * Who may change a finding's workflow (issue 25's alert state machine marks findings NOTIFIED): a service
 * role's Allow of BatchUpdateFindings sets only the statuses it names (never SUPPRESSED), so an automation
 * cannot silence or rewrite what the alerts and the standards report. The CI deploy role (it manages Security
 * Hub: securityhub:* in the stack's regions, docs/access.md) and permissions boundaries (ceilings, not grants)
 * are people's and CI's business, not a service's: not judged here.
 */
const findingUpdatesNarrowed: StackPolicy = {
    name: "securityhub-finding-updates-narrowed",
    controls: "NIST 800-53 AC-6, SI-4; design: alerts only on news (issue 25)",
    description:
        "A service role (trusted by AWS services only) that is allowed securityhub:BatchUpdateFindings, inline or attached, is held to the workflow statuses it may set (StringEquals or ForAnyValue:StringEquals on securityhub:ASFFSyntaxPath/Workflow.Status), never SUPPRESSED: the alert state machine may mark findings NOTIFIED and nothing else.",
    enforcementLevel: "mandatory",
    resourceTypes: [ROLE, ROLE_POLICY, ROLE_ATTACHMENT, MANAGED_POLICY],
    validateStack: (resources) => {
        const violations: StackViolation[] = [];
        const policies = ofType(resources, MANAGED_POLICY);
        for (const role of ofType(resources, ROLE).filter(serviceRole)) {
            const inline = ofType(resources, ROLE_POLICY).filter((p) => pointsAt(p, "role", role) === "yes");
            const attached = ofType(resources, ROLE_ATTACHMENT)
                .filter((a) => pointsAt(a, "role", role) === "yes")
                .flatMap((a) => policies.filter((p) => pointsAt(a, "policyArn", p) === "yes"));
            for (const policy of [...inline, ...attached])
                for (const problem of findingUpdateProblems(policy.props.policy))
                    violations.push({
                        urn: policy.urn,
                        message: `grants ${show(role.props.name ?? role.name)}: ${problem} (${FINDING_UPDATE_SOURCE})`,
                    });
        }
        return violations;
    },
};

export const SELF_FINDING_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "config-recorder-service-linked-role",
        controls: "Config.1 / CIS 3.3",
        description:
            "Config recorders record with AWS Config's service-linked role AWSServiceRoleForConfig (Security Hub Config.1 fails with any other role).",
        enforcementLevel: "mandatory",
        resourceTypes: [RECORDER],
        check: (p) =>
            isUnknown(p.roleArn) || (typeof p.roleArn === "string" && CONFIG_SERVICE_LINKED_ROLE.test(p.roleArn))
                ? []
                : [
                      `roleArn is ${show(p.roleArn)}: Config.1 passes only with arn:aws:iam::<account>:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
                  ],
    }),
    wafLoggingEveryAcl,
    noExternalAccounts,
    alertsNewsOnly,
    alertsAcknowledge,
    findingUpdatesNarrowed,
];
